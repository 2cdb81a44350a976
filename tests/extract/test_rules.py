"""The rule extractor on sentences the tests write themselves (not the dev gold set)."""

import pytest

from footprint.extract import CONTRACT_KEYS, get_extractor
from footprint.extract.numbers import parse_en, parse_zh
from footprint.extract.sentences import split


@pytest.fixture(scope="module")
def extractor():
    return get_extractor("rules")


def events(extractor, text, published="2024-06-01"):
    """The events stated (denials are claims about events, not events)."""
    found = extractor.extract(text, doc="t.txt", published=published)
    return [m.to_json() for m in found if not m.denied]


def denials(extractor, text, published="2024-06-01"):
    found = extractor.extract(text, doc="t.txt", published=published)
    return [m.to_json() for m in found if m.denied]


def one(extractor, text, type_, published="2024-06-01"):
    found = [e for e in events(extractor, text, published) if e["type"] == type_]
    assert len(found) == 1, events(extractor, text, published)
    return found[0]


def _patrols_by_year(extractor, text, published="2026-06-01"):
    found = events(extractor, text, published)
    return sorted((e["year_start"], e["recipients"]) for e in found if e["type"] == "joint_patrol")


def test_output_contract_keys_and_spans(extractor):
    text = "Intro line.\nChina's police ministry trained 450 Laotian officers in Kunming in 2022."
    (event,) = events(extractor, text)
    assert set(CONTRACT_KEYS) <= set(event)
    assert text[event["start"] : event["end"]] == event["quote"]
    assert event["type"] == "training" and event["recipients"] == ["LA"]
    assert event["recipient_regions"] == ["Southeast Asia"]
    assert (event["year_start"], event["year_end"], event["people"]) == (2022, 2022, 450)
    assert event["provider"] == "CN" and event["status"] == "completed"


def test_venues_inside_the_provider_are_not_recipients(extractor):
    event = one(
        extractor,
        "Police cadets from Nepal studied at a college in Shandong, China, in 2019.",
        "training",
    )
    assert event["recipients"] == ["NP"]


def test_plans_relative_years_and_numbers_in_words(extractor):
    event = one(
        extractor,
        "The Chinese ministry plans to train three thousand foreign police officers next year.",
        "training",
    )
    assert event["status"] == "planned"
    assert (event["year_start"], event["year_end"], event["people"]) == (2025, 2025, 3000)
    last = one(extractor, "China trained police officers from Fiji last year.", "training")
    assert (last["year_start"], last["status"]) == (2023, "completed")


def test_year_ranges(extractor):
    event = one(
        extractor, "Between 2015 and 2019 Chinese instructors trained Kenyan police.", "training"
    )
    assert (event["year_start"], event["year_end"]) == (2015, 2019)


def test_pushback_is_cancelled_and_takes_the_country_that_pushes_back(extractor):
    text = "In 2021 the government of Palau suspended the joint patrols with Chinese police."
    event = one(extractor, text, "pushback")
    assert event["recipients"] == ["PW"] and event["status"] == "cancelled"
    # The patrols had happened: they are an event of their own, now cancelled.
    patrol = one(extractor, text, "joint_patrol")
    assert patrol["recipients"] == ["PW"] and patrol["status"] == "cancelled"
    # A cancelled plan never happened: only the pushback is an event.
    plan = "In 2021 Palau cancelled a plan for joint patrols with Chinese police."
    assert [e["type"] for e in events(extractor, plan)] == ["pushback"]


def test_bilateral_acts_are_split_per_country(extractor):
    found = events(extractor, "Chinese police have joined patrols in Croatia and Serbia.")
    assert sorted(e["recipients"][0] for e in found if e["type"] == "joint_patrol") == ["HR", "RS"]


def test_one_programme_for_many_countries_is_one_event(extractor):
    event = one(
        extractor,
        "A Chinese police academy ran a course in 2018 for officers from "
        "Laos, Cambodia and Vietnam.",
        "training",
    )
    assert event["recipients"] == ["KH", "LA", "VN"]


def test_chinese_text(extractor):
    event = one(extractor, "日期：2024年5月1日\n公安部去年为柬埔寨培训了三千名警察。", "training")
    assert event["recipients"] == ["KH"]
    assert (event["year_start"], event["people"]) == (2023, 3000)
    planned = one(
        extractor, "中方计划明年为东盟国家培训1.2万名执法人员。", "training", published="2024-03"
    )
    assert planned["status"] == "planned" and planned["people"] == 12000
    assert planned["recipient_regions"] == ["Southeast Asia"] and planned["year_start"] == 2025


def test_chinese_pair_names_the_partner_and_capitals_name_countries(extractor):
    event = one(
        extractor,
        "日期：2024年5月1日\n今年三月，中老两国在万象签署了执法合作谅解备忘录。",
        "agreement",
    )
    assert event["recipients"] == ["LA"] and event["year_start"] == 2024
    event = one(
        extractor,
        "Chinese police signed a cooperation memorandum in Phnom Penh in 2022.",
        "agreement",
    )
    assert event["recipients"] == ["KH"]


def test_negated_and_generic_statements_are_not_events(extractor):
    denied = "Officials in Fiji said they had signed no agreement with Chinese police."
    assert [e["type"] for e in events(extractor, denied)] == []
    assert events(extractor, "Crime in Lima rose in 2023, the police said.") == []


def test_empty_or_non_text_documents_yield_nothing(extractor):
    assert events(extractor, "") == []
    assert events(extractor, "   \n\n ") == []
    assert events(extractor, "%%%% 1234 //// ####") == []


def test_unreadable_dates_and_numbers_stay_null(extractor):
    event = one(
        extractor, "China trained many police officers from Peru.", "training", published=None
    )
    assert event["people"] is None and event["year_start"] is None
    rel = one(
        extractor, "China trained police officers from Peru last year.", "training", published=None
    )
    assert rel["year_start"] is None  # no document date: "last year" cannot be resolved


def test_same_fact_twice_is_one_event(extractor):
    text = (
        "China trained 600 Bolivian police officers in 2022. Officials confirmed that the "
        "600 Bolivian police officers were trained in China."
    )
    assert len([e for e in events(extractor, text) if e["type"] == "training"]) == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2,700", 2700),
        ("three thousand", 3000),
        ("two hundred and fifty", 250),
        ("1.5 million", 1_500_000),
        ("a dozen", 12),
        ("lots", None),
    ],
)
def test_english_numbers(value, expected):
    assert parse_en(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("三千", 3000),
        ("1.2万", 12000),
        ("两千五百", 2500),
        ("一万二千", 12000),
        ("十五", 15),
        ("3000", 3000),
        ("很多", None),
    ],
)
def test_chinese_numbers(value, expected):
    assert parse_zh(value) == expected


def test_sentence_split_keeps_offsets_and_abbreviations():
    text = "The U.S. embassy spoke. Dr. Li left!\n中国培训了警察。明年继续；结束"
    spans = split(text)
    assert [text[a:b] for a, b in spans] == [
        "The U.S. embassy spoke.",
        "Dr. Li left!",
        "中国培训了警察。",
        "明年继续；",
        "结束",
    ]


def test_denials_permissions_and_advice_are_not_events(extractor):
    denied = "Officials in Nepal denied that Chinese police had opened a service station in 2023."
    assert [e["type"] for e in events(extractor, denied)] == []
    (denial,) = denials(extractor, denied)  # kept as a claim about the station
    assert (denial["type"], denial["recipients"], denial["stance"]) == (
        "overseas_station",
        ["NP"],
        "denied",
    )
    allowed = "In 2024 Fiji signed a deal with China that allows Chinese police to patrol in Suva."
    assert [e["type"] for e in events(extractor, allowed)] == ["agreement"]
    advice = (
        "Chile should refuse any police training offered by China's Ministry of Public Security."
    )
    assert events(extractor, advice) == []


def test_two_facts_in_one_sentence_get_their_own_years_and_figures(extractor):
    text = (
        "The ministry said China had trained 400 police officers from Ghana in 2023 and "
        "expected to train about 600 more next year."
    )
    found = sorted(
        (e["status"], e["year_start"], e["people"])
        for e in events(extractor, text)
        if e["type"] == "training"
    )
    assert found == [("completed", 2023, 400), ("planned", 2025, 600)]


def test_a_sentence_pointing_back_continues_the_event(extractor):
    text = (
        "Chinese police have joined patrols abroad since 2016. They have been run in "
        "Croatia and Serbia."
    )
    countries = sorted(
        c for e in events(extractor, text) if e["type"] == "joint_patrol" for c in e["recipients"]
    )
    assert countries == ["HR", "RS"]


def test_other_extractors_plug_in_by_name(tmp_path):
    """A second extractor (here a tiny keyword one written for the test) is chosen by name,
    as an embedding classifier or an LLM client would be."""
    import json

    from typer.testing import CliRunner

    from footprint import extract
    from footprint.cli import app
    from footprint.extract import Mention

    class KeywordExtractor:
        name, version = "keyword", "0"

        def extract(self, text, *, doc="", published=None):
            start = text.find("forum")
            if start < 0:
                return []
            return [
                Mention(
                    doc,
                    "forum",
                    "unknown",
                    None,
                    [],
                    [],
                    ["Global"],
                    None,
                    None,
                    None,
                    "forum",
                    start,
                    start + 5,
                    extractor=self.name,
                    extractor_version="0",
                )
            ]

    extract.EXTRACTORS["keyword"] = KeywordExtractor
    try:
        path = tmp_path / "a.txt"
        path.write_text("A forum met.", encoding="utf-8")
        result = CliRunner().invoke(
            app, ["extract", str(path), "--jsonl", "--extractor", "keyword"]
        )
        assert json.loads(result.output)["extractor"] == "keyword"
        unknown = CliRunner().invoke(app, ["extract", str(path), "--extractor", "nope"])
        assert unknown.exit_code == 1 and "not one of" in unknown.output
    finally:
        del extract.EXTRACTORS["keyword"]


def test_a_month_without_a_year_is_placed_against_the_document_date(extractor):
    # Read in January, "in December" is last December; a plan "in March" is the next March.
    past = one(
        extractor,
        "A course run by China's Ministry of Public Security for Peruvian police ended in "
        "December, the ministry said on Wednesday.",
        "training",
        published="2026-01-15",
    )
    assert (past["year_start"], past["year_end"]) == (2025, 2025)
    plan = one(
        extractor,
        "China will train 40 Peruvian police officers in March.",
        "training",
        published="2026-06-15",
    )
    assert (plan["year_start"], plan["status"]) == (2027, "planned")
    chinese = one(extractor, "中国公安部12月为秘鲁培训了40名警察。", "training", "2026-01-10")
    assert chinese["year_start"] == 2025


def test_a_trailing_clause_with_a_figure_continues_the_same_event(extractor):
    (event,) = events(
        extractor,
        "Peruvian commanders praised a Chinese-funded training scheme that, according to "
        "police figures, reached about 1,000 officers last year.",
    )
    assert event["recipients"] == ["PE"] and event["people"] == 1000
    assert event["year_start"] == 2023


def test_an_event_with_nobody_named_needs_the_provider_in_sight(extractor):
    text = (
        "Ecuador's minister ended the forensic course run by China's Ministry of Public "
        "Security. \u201cWe will train our investigators with partners who share our "
        "standards,\u201d she said."
    )
    assert not [e for e in events(extractor, text) if not e["recipients"]]


def test_a_forum_takes_the_delegations_named_in_the_next_sentence(extractor):
    text = (
        "Police chiefs from five Pacific island countries met Chinese officials in Xiamen "
        "for a dialogue hosted by the Ministry of Public Security. Delegations came from "
        "Fiji, Samoa and Vanuatu, the ministry said."
    )
    event = one(extractor, text, "forum")
    assert event["recipients"] == ["FJ", "VU", "WS"]
    assert text[event["start"] : event["end"]].endswith("the ministry said.")


def test_an_agreement_on_training_is_only_an_agreement(extractor):
    found = events(
        extractor,
        "Nauru's police minister signed a memorandum of understanding with China on police "
        "training and equipment in May.",
    )
    assert [e["type"] for e in found] == ["agreement"]


def test_roundup_leads_and_pushback_that_was_not_reversed(extractor):
    text = (
        "Peru. Nothing new.\n\nBolivia. The decision to scrap the policing scheme with "
        "Beijing has not been reversed, officials said."
    )
    event = one(extractor, text, "pushback")
    assert event["recipients"] == ["BO"] and event["status"] == "cancelled"


def test_later_sentences_about_the_same_deployment_fold_into_it(extractor):
    text = (
        "Six Chinese police officers began joint patrols with Serbian police in Belgrade on "
        "Wednesday and will stay until September. In July 2023, four Chinese officers worked "
        "in mixed teams in Belgrade. The ministry said this year's group includes two officers "
        "who speak Serbian, and that the patrols would focus on the old town."
    )
    found = sorted(
        (e["year_start"], e["people"], e["status"])
        for e in events(extractor, text)
        if e["type"] == "joint_patrol"
    )
    assert found == [(2023, 4, "completed"), (2024, 6, "ongoing")]


def test_an_activity_that_ran_and_was_cancelled_is_one_event(extractor):
    text = (
        "Uruguay has cancelled a forensic training programme run with China's Ministry of "
        "Public Security, the minister said on Monday. Its only group, 40 Uruguayan investigators, "
        "finished a course in Kunming in 2023."
    )
    (training,) = [e for e in events(extractor, text) if e["type"] == "training"]
    assert training["status"] == "cancelled" and training["people"] == 40
    assert (training["year_start"], training["year_end"]) == (2023, 2024)


def test_a_clause_is_dated_from_when_the_statement_was_made(extractor):
    # The document's date (2022) is earlier than what it reports: the statement's year wins.
    found = events(
        extractor,
        "In September 2024 the minister reported that China had trained 900 foreign police "
        "officers in 2023 and intended to train around 1,000 within the next 12 months.",
        published="2022-04-21",
    )
    by_status = {e["status"]: e for e in found if e["type"] == "training"}
    assert by_status["completed"]["year_start"] == 2023
    plan = by_status["planned"]
    assert (plan["year_start"], plan["year_end"], plan["people"]) == (2024, 2025, 1000)


def test_worldwide_training_with_prominent_regions_stays_global(extractor):
    event = one(
        extractor,
        "In 2023 China trained 900 police officers from other countries, with African "
        "states prominent among them.",
        "training",
    )
    assert "Global" in event["recipient_regions"] and "Africa" in event["recipient_regions"]


def test_an_interview_speaks_for_the_country_in_its_title(extractor):
    text = (
        "Nepal's police chief on China, training and crime\n\n"
        "NPR: Many officers now study in China. How many?\n\n"
        "Chief: Last year forty of our officers studied at the China People's Police "
        "University in Beijing.\n\n"
        "NPR: Are there Chinese police stations in Nepal?"
    )
    (event,) = events(extractor, text)
    assert (event["type"], event["recipients"], event["people"]) == ("training", ["NP"], 40)
    assert event["year_start"] == 2023  # "last year", and the question asks, states nothing


def test_questions_and_generic_statements_are_not_events(extractor):
    assert events(extractor, "Are there Chinese police stations in Kenya?") == []
    generic = (
        "China has in recent years sent police to work alongside local forces in tourist "
        "destinations abroad."
    )
    assert events(extractor, generic) == []
    assert (
        events(
            extractor,
            "The third China-Cambodia ministerial meeting on police "
            "cooperation was held in Phnom Penh in May.",
        )
        == []
    )


def test_who_pushes_back_is_the_subject_and_criticism_must_be_a_states(extractor):
    text = (
        "Port Moresby has turned down an offer from Beijing to train its police, citing "
        "its security partnership with Australia."
    )
    assert one(extractor, text, "pushback")["recipients"] == ["PG"]
    both = events(
        extractor, "Germany and the Netherlands demanded the closure of Chinese police stations."
    )
    assert sorted(e["recipients"][0] for e in both if e["type"] == "pushback") == ["DE", "NL"]
    voiced = "Rights groups in Serbia criticised the joint patrols with Chinese police."
    assert [e for e in events(extractor, voiced) if e["type"] == "pushback"] == []
    received = "Serbia has been criticised in Brussels for its police ties with Beijing."
    assert [e for e in events(extractor, received) if e["type"] == "pushback"] == []


def test_a_paragraph_keeps_its_country_for_a_dated_fact(extractor):
    text = (
        "Kiribati has hosted Chinese police since 2022. In March the government announced "
        "that the programme was paused while the commissioner reviews it."
    )
    pushback = one(extractor, text, "pushback", published="2026-04-20")
    assert pushback["recipients"] == ["KI"] and pushback["year_start"] == 2026


def test_advisers_working_with_local_police_are_a_deployment(extractor):
    text = (
        "Six Chinese police advisers have begun working with the Vanuatu Police Force in "
        "Port Vila, the ministry said on Monday."
    )
    event = one(extractor, text, "joint_patrol")
    assert (event["recipients"], event["people"], event["status"]) == (["VU"], 6, "ongoing")


def test_the_providers_own_police_are_not_trainees(extractor):
    text = (
        "China's police university awarded certificates to 120 Chinese police officers who "
        "completed a course in foreign languages in 2024."
    )
    assert events(extractor, text) == []


def test_borders_and_organisation_names_are_not_parties_or_treaties(extractor):
    text = (
        "In Tajikistan, five outposts on the Tajik-Afghan border were fitted with cameras "
        "paid for by China's Ministry of Public Security in 2023."
    )
    assert one(extractor, text, "technology_transfer")["recipients"] == ["TJ"]
    named = "Moscow offers the Collective Security Treaty Organization; Beijing offers money."
    assert [e for e in events(extractor, named) if e["type"] == "agreement"] == []


def test_returns_written_without_to_china(extractor):
    text = (
        "Cambodia has returned 380 Chinese suspects in online fraud cases since January, "
        "its interior ministry said."
    )
    event = one(extractor, text, "extradition", published="2026-05-04")
    assert (event["recipients"], event["people"]) == (["KH"], 380)


def test_seasons_footnotes_and_new_occurrences_of_a_kind(extractor):
    text = (
        "Hungary's minister said that such joint patrols with Chinese police took place in "
        "Budapest last autumn.[4] Officials in Serbia said nothing."
    )
    event = one(extractor, text, "joint_patrol", published="2026-06-10")
    assert (event["recipients"], event["year_start"]) == (["HU"], 2025)
    assert "Serbia" not in event["quote"]  # the footnote ends the sentence


def test_a_pushback_clause_naming_nobody_takes_the_sentences_country(extractor):
    text = (
        "The House condemned transnational repression by the Chinese state, including the "
        "operation of unofficial police stations on British soil."
    )
    assert one(extractor, text, "pushback")["recipients"] == ["GB"]


def test_other_providers_acting_are_tracked_with_their_own_code(extractor):
    text = (
        "The US State Department trained 60 Bangladeshi police investigators in digital "
        "forensics in Dhaka in May."
    )
    event = one(extractor, text, "training")
    assert (event["provider"], event["recipients"], event["people"]) == ("US", ["BD"], 60)
    # Named, but not acting: no event of theirs.
    assert (
        events(
            extractor,
            "Australia, for decades the main partner of the islands, said "
            "nothing about Fiji's police.",
        )
        == []
    )


def test_an_agreement_between_two_other_countries_is_not_the_providers(extractor):
    text = (
        "China's police ministry trained officers in Honiara in 2023. Solomon Islands' prime "
        "minister called for a review of the security treaty his country had concluded "
        "with Australia in 2017."
    )
    assert [e for e in events(extractor, text) if e["type"] == "agreement"] == []
    ours = "On the sidelines, the ministry signed an extradition treaty with Kenya in 2024."
    assert one(
        extractor, "China's Ministry of Public Security hosted a forum. " + ours, "agreement"
    )["recipients"] == ["KE"]


def test_a_course_the_forum_closed_and_the_labs_each_force_took_home(extractor):
    text = (
        "Delegations from Laos, Nepal and Kenya attended a police forum hosted by China's "
        "Ministry of Public Security in Kunming in 2024. The forum also marked the end of a "
        "course for investigators from Uganda and Zambia. Each of the two forces went home "
        "with a forensics laboratory donated by China."
    )
    found = events(extractor, text)
    assert len([e for e in found if e["type"] == "forum"]) == 1  # "the forum": the same one
    lab = [e for e in found if e["type"] == "technology_transfer"]
    assert [e["recipients"] for e in lab] == [["UG", "ZM"]]


def test_an_arrangement_confirmed_is_an_agreement(extractor):
    text = "The Serbian interior ministry confirmed a new arrangement with Beijing on Tuesday."
    assert one(extractor, text, "agreement")["recipients"] == ["RS"]


def test_forums_named_as_ministerial_dialogues_with_participants_after(extractor):
    text = (
        "Cooperation was discussed in July at the second China–Pacific Ministerial Dialogue on "
        "Police Cooperation in Fuzhou. Ministers from Vanuatu, Tonga and Samoa took part."
    )
    assert one(extractor, text, "forum", published="2026-09-01")["recipients"] == [
        "TO",
        "VU",
        "WS",
    ]
    fraud = (
        "Interior ministers from China, Thailand and Laos met in Bangkok in October for a "
        "three-country ministerial meeting on online fraud and human trafficking."
    )
    assert one(extractor, fraud, "forum")["recipients"] == ["LA", "TH"]
    focac = "President Xi told the Forum on China-Africa Cooperation summit in Beijing that ..."
    assert [e for e in events(extractor, focac) if e["type"] == "forum"] == []


def test_station_words_in_a_station_report_and_a_station_that_reopened(extractor):
    text = (
        "Our update on Chinese police service stations in Europe.\n\n"
        "After the Dutch foreign ministry ordered two stations in Rotterdam closed in 2022, "
        "the matter seemed settled. It was not. Interviewees told us that a liaison desk run "
        "by the Lishui Public Security Bureau reopened in Rotterdam last year."
    )
    stations = sorted(
        (e["status"] == "cancelled", e["year_start"], e["year_end"])
        for e in events(extractor, text, published="2026-05-12")
        if e["type"] == "overseas_station"
    )
    assert stations == [(False, 2025, 2025), (True, 2022, 2022)]  # two stations, not one


def test_countries_with_a_year_each_are_separate_events(extractor):
    text = (
        "Hualong's reference projects, built with China's Ministry of Public Security, "
        "include the Belgrade safe city platform, delivered to Serbia in 2019, and the "
        "Islamabad safe city command centre, delivered in 2016."
    )
    found = sorted(
        (e["recipients"][0], e["year_start"])
        for e in events(extractor, text)
        if e["type"] == "technology_transfer"
    )
    assert found == [("PK", 2016), ("RS", 2019)]


def test_a_station_described_in_plain_words(extractor):
    text = (
        "In Nairobi, an office linked to a county public security bureau in Fujian has "
        "helped Chinese residents renew driving licences since 2021, a rights group said."
    )
    event = one(extractor, text, "overseas_station")
    assert (event["recipients"], event["year_start"]) == (["KE"], 2021)


def test_training_told_as_a_next_group(extractor):
    text = (
        "Last year 150 Lao police officers studied at the Yunnan Police College. A second "
        "group is expected to travel to China later this year."
    )
    found = sorted((e["status"], e["year_start"]) for e in events(extractor, text, "2026-03-02"))
    assert found == [("completed", 2025), ("planned", 2026)]


def test_requests_speculation_and_frames_are_not_acts(extractor):
    asked = (
        "A UN committee had asked Morocco in April to suspend the transfer of a suspect "
        "wanted by China's Ministry of Public Security."
    )
    assert [e for e in events(extractor, asked) if e["type"] == "pushback"] == []
    may = "Reports suggest that a Gulf state may offer police training to Sahel governments."
    assert events(extractor, may) == []
    asked_whether = (
        "Asked whether Ghana would send officers to Chinese police academies, she said any "
        "offer would be studied."
    )
    assert events(extractor, asked_whether) == []
    framed = (
        "In March Peru extradited a Chinese businessman to China, the first extradition "
        "under the bilateral treaty."
    )
    assert [e["type"] for e in events(extractor, framed)] == ["extradition"]


def test_joint_investigations_are_cooperation_and_memoranda_list_their_topics(extractor):
    text = (
        "In 2024 Nepal's home ministry and China's Ministry of Public Security signed a "
        "memorandum covering joint investigations of smuggling."
    )
    assert [e["type"] for e in events(extractor, text)] == ["agreement"]
    zh = (
        "公安部与塞内加尔内政部签署了警务合作谅解备忘录，双方将在人员培训、情报交流等方面加强合作。"
    )
    assert [e["type"] for e in events(extractor, zh)] == ["agreement"]


def test_two_countries_signing_without_china_name_the_first_as_provider(extractor):
    text = (
        "In January, the United Arab Emirates and Morocco signed a police cooperation "
        "agreement covering training."
    )
    event = one(extractor, text, "agreement")
    assert (event["provider"], event["recipients"]) == ("AE", ["MA"])


def test_a_reason_given_for_an_act_is_not_advice(extractor):
    text = (
        "Ghana. The interior ministry has shelved a planned pilot of Chinese-funded cameras, "
        "saying in a statement that the data rules must be revised first."
    )
    assert one(extractor, text, "pushback")["recipients"] == ["GH"]
    assert events(extractor, "Ghana must refuse Chinese-funded cameras for its police.") == []


def test_legal_adoption_told_in_two_sentences_takes_the_laws_country_and_date(extractor):
    text = (
        "In Vanuatu, parliament in March passed amendments to the Police Act creating "
        "neighbourhood mediation panels. The minister said the panels were modelled on "
        "China's grassroots governance experience."
    )
    event = one(extractor, text, "legal_adoption")
    assert (event["recipients"], event["year_start"]) == (["VU"], 2024)
    assert event["quote"].startswith("In Vanuatu") and event["quote"].endswith("experience.")
    # A legislature that legislates is its state acting, not a source about others.
    zh = "据当地媒体报道，斐济国会今年5月审议通过《社区警务法》，该法明确借鉴中国“枫桥经验”。"
    assert one(extractor, zh, "legal_adoption")["recipients"] == ["FJ"]


def test_legal_adoption_wording_and_what_is_not_one(extractor):
    text = (
        "Malawi's data amendments, passed last year, took their SIM registration rules for "
        "phone and social media users almost word for word from China's cybersecurity law."
    )
    assert one(extractor, text, "legal_adoption")["year_start"] == 2023
    idiom = (
        "Zambia's parliament passed a policing law in May; its sponsors made no secret of "
        "the inspiration: the law borrows its grid model from China."
    )
    assert one(extractor, idiom, "legal_adoption")["recipients"] == ["ZM"]
    # What the law says ("platforms must store data") is not advice.
    content = (
        "Uganda's parliament passed amendments to its computer misuse act in May that drew "
        "on China's cybersecurity law, notably the rule that platforms must store data locally."
    )
    assert one(extractor, content, "legal_adoption")["recipients"] == ["UG"]
    delivery = "In May Zambia took delivery of 300 police cameras from China under a loan."
    assert "legal_adoption" not in {e["type"] for e in events(extractor, delivery)}


def test_a_story_about_one_country_lends_it_to_sentences_naming_no_recipient(extractor):
    text = (
        "Samoa receives police equipment from China\n\n"
        "APIA — At a ceremony at police headquarters on Monday, the visiting team handed over "
        "twelve patrol vehicles and four drones donated by the Chinese Government."
    )
    event = one(extractor, text, "technology_transfer")
    assert event["recipients"] == ["WS"]
    # Without such a title the sentence names nobody on the receiving end: no event.
    untitled = text.split("APIA — ", 1)[1]
    assert events(extractor, untitled) == []


def test_national_police_acronyms_name_their_country(extractor):
    text = "In 2023 Beijing handed the RSIPF two water-cannon trucks and a set of drones."
    assert one(extractor, text, "technology_transfer")["recipients"] == ["SB"]


def test_the_date_of_the_contract_an_act_follows_from_is_not_the_acts(extractor):
    text = (
        "In May, the Chinese firm delivered 400 body-worn cameras to the police in Lusaka, Zambia, "
        "under a supply contract concluded last year."
    )
    event = one(extractor, text, "technology_transfer", published="2026-07-08")
    assert (event["year_start"], event["year_end"]) == (2026, 2026)
    # With no date of its own, the act has none (not the contract's).
    only = "Zambia received 400 Chinese body cameras under a contract signed last year."
    assert one(extractor, only, "technology_transfer")["year_start"] is None
    zh = "这是中塞两国警方自2019年首次在塞开展联合巡逻以来的第三次联合巡逻，于今年5月举行。"
    assert one(extractor, zh, "joint_patrol")["year_start"] == 2024


def test_chinese_verbs_with_hua_name_china_and_cooperation_meetings_are_forums(extractor):
    zh = "汤加警察部队今年将选派20名警员赴华参加执法培训。"
    event = one(extractor, zh, "training")
    assert (event["recipients"], event["people"], event["status"]) == (["TO"], 20, "planned")
    forum = "第三届中国—东盟禁毒合作会议去年10月在昆明举行，东盟各国执法部门代表出席。"
    event = one(extractor, forum, "forum")
    assert (event["recipient_regions"], event["year_start"]) == (["Southeast Asia"], 2023)
    dialogue = "中国—太平洋岛国警务合作对话3日在广州举行，斐济、汤加等国警务部门负责人出席。"
    assert one(extractor, dialogue, "forum")["recipients"] == ["FJ", "TO"]


def test_summoning_the_ambassador_and_opening_an_inquiry_are_pushback(extractor):
    text = (
        "Belgium's foreign ministry summoned the Chinese ambassador on 9 May to demand an "
        "explanation about the police service station in Brussels."
    )
    assert one(extractor, text, "pushback")["recipients"] == ["BE"]
    inquiry = (
        "Ghana's parliamentary committee on security opened an inquiry this month into a "
        "Chinese police service centre in Accra."
    )
    assert one(extractor, inquiry, "pushback")["status"] == "ongoing"


def test_next_season_said_just_before_it_is_the_following_years(extractor):
    text = "Forty Kenyan officers will travel to Kunming for a Chinese police course next spring."
    assert one(extractor, text, "training", published="2026-03-02")["year_start"] == 2027
    assert one(extractor, text, "training", published="2026-01-10")["year_start"] == 2026


def test_the_signing_told_before_and_contracts_signed_are_no_new_agreements(extractor):
    text = (
        "The signing came two weeks after 46 police officers from Kenya and Tanzania returned "
        "from a Chinese police course in Beijing."
    )
    assert {e["type"] for e in events(extractor, text)} == {"training"}
    contract = (
        "In Iraq, Huawei is building a safe-city network for Baghdad under a contract the "
        "Interior Ministry signed in 2024."
    )
    assert {e["type"] for e in events(extractor, contract)} == {"technology_transfer"}
    signing_of = (
        "The signing of a police cooperation agreement by China and Chad took place in May."
    )
    assert one(extractor, signing_of, "agreement")["recipients"] == ["TD"]


def test_claims_called_fabrications_are_denials_and_chinese_day_words_date_the_news(extractor):
    zh = "针对有关“海外警察站”的报道，外交部发言人日前表示，相关说法纯属捏造。"
    assert events(extractor, zh) == []
    en = (
        "The embassy dismissed reports of a Chinese police station in Lusaka, Zambia as "
        "pure fabrication."
    )
    assert events(extractor, en) == []
    assert [d["recipients"] for d in denials(extractor, en)] == [["ZM"]]
    dated = "本报贝尔格莱德电 6名中国民警日前抵达塞尔维亚，自10日起与塞方警察开展联合巡逻。"
    assert one(extractor, dated, "joint_patrol")["year_start"] == 2024


def test_what_is_not_a_forum(extractor):
    legislature = (
        "In 2025 experts from China's Ministry of Public Security briefed 22 deputies of the "
        "Honduran Congress on cybercrime law."
    )
    assert "forum" not in {e["type"] for e in events(extractor, legislature)}
    openness = (
        "Croatia values its relations with China and remains open to dialogue on police "
        "cooperation in 2026."
    )
    assert "forum" not in {e["type"] for e in events(extractor, openness)}
    regional = "5月19日，自治区公安厅召开全区公安机关国际执法合作工作会议，部署涉外警务工作。"
    assert events(extractor, regional) == []
    question = (
        "The Member asked the Minister whether Fiji took part in the regional ministerial "
        "meeting on police cooperation held in Kunming in 2026."
    )
    assert events(extractor, question) == []
    numbered = (
        "14-16 September: the Third International Police Cooperation Symposium in Xiamen, "
        "where the Ministry of Public Security expects police chiefs from 60 countries."
    )
    assert one(extractor, numbered, "forum")["recipient_regions"] == ["Global"]


def test_reference_entries_recommendations_and_agreements_as_frames(extractor):
    ref = "[6] 斯里兰卡向中方遣返39名电诈嫌疑人[N].环球时报，2023-08-04."
    assert events(extractor, ref) == []
    advice = (
        "We recommend that governments in Central Asia publish the training curricula "
        "attached to each Chinese police programme."
    )
    assert events(extractor, advice) == []
    # The act under a dated frame has no date from the frame (the frame is an agreement of
    # its own: see test_a_dated_frame_is_an_agreement_of_its_own).
    zh = "塞尔维亚方面，按照双方去年签署的警务合作协议，中国警察将于今年7月再次赴贝尔格莱德巡逻。"
    event = one(extractor, zh, "joint_patrol")
    assert (event["recipients"], event["year_start"]) == (["RS"], 2024)
    assert one(extractor, zh, "agreement")["year_start"] == 2023
    en = (
        "More Chinese officers will patrol in Belgrade under last year's policing "
        "agreement from July, Serbian officials said."
    )
    assert one(extractor, en, "joint_patrol")["year_start"] == 2024
    assert one(extractor, en, "agreement")["year_start"] == 2023


def test_forums_told_in_passing_and_referred_back_to(extractor):
    zh = (
        "双方回顾了2023年在乌鲁木齐举行的首届中国—中亚公安内务部长对话会成果。"
        "那次对话会由中方主办，哈萨克斯坦、吉尔吉斯斯坦、塔吉克斯坦、土库曼斯坦和乌兹别克斯坦"
        "五国内务部门负责人出席。"
    )
    forums = [e for e in events(extractor, zh) if e["type"] == "forum"]
    assert len(forums) == 1 and forums[0]["year_start"] == 2023
    assert forums[0]["recipients"] == ["KG", "KZ", "TJ", "TM", "UZ"]
    whole = (
        "In 2023 the first China–Central Asia dialogue of interior ministers, held in Urumqi, "
        "brought together the heads of police from all five republics."
    )
    assert one(extractor, whole, "forum")["recipients"] == ["KG", "KZ", "TJ", "TM", "UZ"]
    edition = (
        "The second Gulf–China Smart Policing Forum met in Dubai on Wednesday with Chinese "
        "officials. The first edition, held in Riyadh in 2023, was attended only by Saudi and "
        "Emirati police officials."
    )
    first = [e for e in events(extractor, edition) if e["year_start"] == 2023]
    assert [(e["type"], e["provider"], e["recipients"]) for e in first] == [
        ("forum", "CN", ["AE", "SA"])
    ]


def test_focac_summits_and_legislatures_are_no_security_forums(extractor):
    zh = "去年9月召开的中非合作论坛北京峰会上，中方宣布未来三年为非洲培训一千名警务执法人员。"
    assert [e["type"] for e in events(extractor, zh)] == ["training"]
    en = (
        "China hosted the Forum on China-Africa Cooperation summit in Beijing in 2024. At the "
        "summit, China said it would train 1,000 African police officers over three years."
    )
    assert "forum" not in {e["type"] for e in events(extractor, en)}
    assembly = (
        "2024 — Nicaragua's National Assembly passes a cybercrime reform modelled on China's "
        "internet rules."
    )
    assert [e["type"] for e in events(extractor, assembly)] == ["legal_adoption"]


def test_local_police_stations_patrol_vehicles_and_provincial_trainees(extractor):
    held = (
        "He was held for five weeks in a police station in Dubai, UAE, before being handed to "
        "two Chinese officers at the airport in 2025."
    )
    assert "overseas_station" not in {e["type"] for e in events(extractor, held)}
    vehicles = "去年，中方向塔吉克斯坦内务部交付了一批警用巡逻车辆和单兵通信设备。"
    assert [e["type"] for e in events(extractor, vehicles)] == ["technology_transfer"]
    domestic = (
        "5月中旬，公安部国际合作局在北京举办涉外执法业务培训班，"
        "来自各省区市公安机关的一百二十名民警参加培训。"
    )
    assert events(extractor, domestic) == []


def test_the_advice_precheck_keeps_every_cue_of_the_advice_pattern():
    from footprint.extract.rules import _ADVICE_STEMS, _RECOMMENDATION

    cues = [
        "Kenya should refuse", "it must stop", "they ought to", "needs to", "will need to",
        "have to", "has to", "might", "speculated", "hypothetically", "believes", "argued",
        "in their view", "critics say", "is intended to", "are among", "is one of", "may",
        "suggests that", "Analysts expect", "Supporters say", "Observers note", "Experts say",
        "Commentators say", "Asked whether", "the MP asked the minister whether",
        "we recommend", "(b) whether the Minister has approved", "认为", "建议", "应加强",
        "批评人士", "希望", "但愿", "应当", "应该", "必须",
    ]  # fmt: skip
    for cue in cues:
        assert _RECOMMENDATION.search(cue), cue
        assert any(stem in cue.lower() for stem in _ADVICE_STEMS), cue


def test_table_rows_returns_and_handovers(extractor):
    table = (
        "Beijing's neighbourhood policing ties\n\n"
        "This note lists what China's police bodies did with three neighbours.\n\n"
        "Table 2. Selected Chinese police activities, 2021–2024\n\n"
        "| Country | Year | Activity |\n"
        "| Kyrgyzstan | 2021 | Memorandum on public security cooperation signed in Bishkek |\n"
        "| Mongolia | 2023 | Grant of patrol vehicles and body cameras to the national police |\n"
        "| Laos | 2024 | Return to China of fugitives wanted for online gambling | 5 persons |\n"
        "Sources: ministry statements; China's embassy."
    )
    found = {(e["type"], tuple(e["recipients"]), e["year_start"]) for e in events(extractor, table)}
    assert ("agreement", ("KG",), 2021) in found
    assert ("technology_transfer", ("MN",), 2023) in found
    assert ("extradition", ("LA",), 2024) in found
    handed = (
        "Two suspects held in Vientiane since March were handed to a team of Chinese police "
        "officers at Wattay airport on 9 May."
    )
    assert one(extractor, handed, "extradition")["recipients"] == ["LA"]
    flown = "In 2023, 140 suspects detained in Phnom Penh were flown to China on a chartered jet."
    assert one(extractor, flown, "extradition")["people"] == 140


def test_a_country_the_story_keeps_naming_lends_itself(extractor):
    story = (
        "Dhaka Law Review — Case notes\n\n"
        "The High Court in Dhaka heard the petition on Monday. Bangladesh's deportation rules "
        "were at issue, and counsel cited Bangladesh's own practice.\n\n"
        "In 2022 the Department deported 31 Chinese nationals arrested in a raid on a "
        "gambling den.\n\nBangladesh has no extradition treaty with anyone in the region."
    )
    found = one(extractor, story, "extradition")
    assert (found["recipients"], found["year_start"], found["people"]) == (["BD"], 2022, 31)


def test_refusals_bars_and_ended_use_are_pushback(extractor):
    refused = (
        "The Cabinet decided not to accept the proposal for Chinese police to patrol resorts "
        "in Thailand during 2025."
    )
    assert one(extractor, refused, "pushback")["recipients"] == ["TH"]
    barred = (
        "A court in Nairobi barred immigration officers from handing two Chinese nationals "
        "to Chinese police in 2026."
    )
    assert one(extractor, barred, "pushback")["recipients"] == ["KE"]
    ended = (
        "Lusaka ended the use of a Chinese-supplied licence-plate camera system in 2026 after "
        "a court ruling on privacy."
    )
    assert one(extractor, ended, "pushback")["recipients"] == ["ZM"]


def test_other_providers_named_by_their_organs(extractor):
    organ = (
        "The National Police of Spain said it will train 25 Moroccan border officers in "
        "Madrid in October."
    )
    found = one(extractor, organ, "training")
    assert (found["provider"], found["recipients"], found["people"]) == ("ES", ["MA"], 25)
    passive = (
        "Some officers of the PDRM went on courses abroad; among them, 12 investigators "
        "attended a cyber course run by the Federal Police of Germany in Berlin in 2025."
    )
    found = one(extractor, passive, "training")
    assert (found["provider"], found["recipients"], found["year_start"], found["people"]) == (
        "DE",
        ["MY"],
        2025,
        12,
    )


def test_a_dated_frame_is_an_agreement_of_its_own(extractor):
    treaty = (
        "Police of both countries exchanged evidence in 2025 under the mutual legal assistance "
        "treaty signed with China in 2019, officials in Dhaka said."
    )
    found = one(extractor, treaty, "agreement")
    assert (found["recipients"], found["year_start"]) == (["BD"], 2019)
    zh = "柬埔寨方面，根据两国前年签署的执法合作协议，中国警察将于今年5月赴金边参与巡逻。"
    found = one(extractor, zh, "agreement", published="2026-02-01")
    assert (found["recipients"], found["year_start"]) == (["KH"], 2024)
    contract = (
        "In May a Chinese firm delivered 200 cameras to the police in Yaoundé, Cameroon, under "
        "a supply contract signed last year."
    )
    assert "agreement" not in {e["type"] for e in events(extractor, contract)}
    undated = "In 2025 Chinese officers patrolled Belgrade under the agreement with Serbia."
    assert "agreement" not in {e["type"] for e in events(extractor, undated)}


def test_a_chinese_pair_of_states_names_the_provider(extractor):
    zh = "2023年5月，中塞两国在贝尔格莱德签署引渡条约。"
    found = one(extractor, zh, "agreement")
    assert (found["recipients"], found["year_start"]) == (["RS"], 2023)


def test_arab_states_and_a_forum_attended_in_the_next_sentence(extractor):
    zh = (
        "6月3日，第三届中国—阿拉伯国家执法合作论坛在宁夏银川开幕。\n\n"
        "来自埃及、约旦、摩洛哥等阿拉伯国家的执法部门代表团共200余人参加论坛。"
    )
    found = one(extractor, zh, "forum", published="2025-06-04")
    assert {"EG", "JO", "MA"} <= set(found["recipients"]) and found["year_start"] == 2025
    assert {"Middle East", "Africa"} <= set(found["recipient_regions"])


def test_day_month_dates_airports_and_what_a_court_held(extractor):
    handed = (
        "The High Court of Ethiopia heard the case in May. The detainee had been driven to Bole "
        "International Airport and handed to Chinese police officers on 14 March."
    )
    found = one(extractor, handed, "extradition", published="2026-05-02")
    assert (found["recipients"], found["year_start"]) == (["ET"], 2026)
    held = (
        "In 2026 a court in Addis Ababa barred the police from handing a second man to China, "
        "holding that a suspect may only be surrendered under the Extradition Act."
    )
    assert one(extractor, held, "pushback")["recipients"] == ["ET"]


def test_based_sources_neighbourhood_posts_agreement_topics_and_proposals(extractor):
    based = (
        "A Lisbon-based rights group said in 2023 that an overseas police service station "
        "linked to a Chinese county police bureau had operated in Luanda, Angola, since 2019."
    )
    assert one(extractor, based, "overseas_station")["recipients"] == ["AO"]
    posts = (
        "Laotian officers on the 2024 course in Kunming toured neighbourhood "
        '"convenient police stations" run by the city police.'
    )
    assert "overseas_station" not in {e["type"] for e in events(extractor, posts)}
    topics = (
        "Apia and Beijing signed a policing memorandum on 3 May covering training, equipment "
        "and community safety."
    )
    assert {e["type"] for e in events(extractor, topics)} == {"agreement"}
    proposal = (
        "In 2025 the Interior Ministry of Bangladesh received a proposal for Chinese officers "
        "to join patrols in Dhaka's diplomatic quarter."
    )
    assert "joint_patrol" not in {e["type"] for e in events(extractor, proposal)}


def test_countries_that_patrol_together_are_one_event(extractor):
    zh = "2025年4月，中方与柬埔寨、老挝、越南三国执法部门在湄公河下游开展联合巡逻。"
    found = [e for e in events(extractor, zh) if e["type"] == "joint_patrol"]
    assert [e["recipients"] for e in found] == [["KH", "LA", "VN"]]
    apart = "In 2024 Chinese officers joined tourist-season patrols in Serbia and Croatia."
    found = [e for e in events(extractor, apart) if e["type"] == "joint_patrol"]
    assert sorted(e["recipients"][0] for e in found) == ["HR", "RS"]


def test_flattened_tables_speak_in_their_headers_words(extractor):
    table = (
        "Mekong courses, 2023-2025\n\n"
        "The following courses were run by Chinese police colleges.\n\n"
        "Year | Country | Host | Trainees | Topic\n"
        "2023 | Myanmar | Yunnan Police College | 52 | river interdiction\n"
        "2025 | Vietnam | a college in Nanning | 40 | border vehicle crime\n"
    )
    found = {
        (tuple(e["recipients"]), e["year_start"], e["people"]) for e in events(extractor, table)
    }
    assert (("MM",), 2023, 52) in found and (("VN",), 2025, 40) in found


def test_a_provider_bodys_own_report_lists_its_courses(extractor):
    report = (
        "云南警官学院2025年度对外培训工作总结\n\n"
        "2025年，学院认真完成各项援外培训任务。现将主要情况报告如下。\n\n"
        "一是举办培训班情况。\n\n"
        "（一）缅甸警察禁毒执法研修班，学员三十名，3月举办；\n"
        "（二）东南亚国家边境管理培训班，学员来自泰国和柬埔寨，共二十六名，9月举办；\n"
    )
    found = {
        (tuple(e["recipients"]), e["people"])
        for e in events(extractor, report, published="2026-01-10")
        if e["type"] == "training"
    }
    assert (("MM",), 30) in found and (("KH", "TH"), 26) in found


def test_more_statements_that_are_not_events(extractor):
    def types(text, published="2024-06-01"):
        return {e["type"] for e in events(extractor, text, published)}

    assert (
        types(
            "Stop asking me whether there is a Chinese police station in Port Moresby, the "
            "commissioner said in 2024."
        )
        == set()
    )
    rejected = (
        "Rights groups say Kyrgyz police handed Uyghur students back to China in 2023, an "
        "accusation that officials in Bishkek reject."
    )
    assert "pushback" not in types(rejected)
    assert "extradition" in types(
        "In 2023 Kyrgyz police handed three Uyghur students back to China, rights groups said."
    )
    sent_home = (
        "Fiji kept the 2011 agreement in 2024 but sent home the Chinese officers attached to "
        "its police force."
    )
    assert "extradition" not in types(sent_home)
    caption = "[Photo: Thai and Chinese patrol boats at Chiang Saen at the close of the operation.]"
    assert "pushback" not in types(caption)
    domestic = (
        "Lao police said 900 people had been detained in Bokeo in 2024 and that investigations "
        "into the owners of the casinos were continuing."
    )
    assert "pushback" not in types(domestic)
    assert "pushback" in types(
        "In 2024 Irish police opened an investigation into a Chinese police station in Dublin."
    )
    assert "pushback" in types(
        "加拿大皇家骑警2024年表示，已对多伦多一处疑似中国警务服务站展开调查。"
    )
    students = (
        "In 2024, 120 Nepali students won Chinese Government Scholarships for degrees in "
        "engineering and medicine."
    )
    assert "training" not in types(students)
    assert types("2024年，公安部与埃塞俄比亚联邦警察委员会签署了执法培训合作备忘录。") == {
        "agreement"
    }
    contract = "2024年，该公司与莫桑比克内政部在马普托签署马普托—马托拉“智慧警务”项目合同。"
    assert "agreement" not in types(contract)


# --- text as PDFs leave it: wrapped lines, broken words, footnote marks --------------------


def test_hard_wrapped_lines_are_one_sentence_and_broken_words_mend(extractor):
    wrapped = "\n".join(
        [
            "Our field notes from the region run to several hundred pages and cover four years",
            "of visits to police colleges, ministries and border posts in three countries.2 In",
            "2024 the Yunnan police college taught a three-week drug-interdiction course to",
            "thirty officers from the Lao national police, according to the college's memoran-",
            "dum on the course. The college did not say who paid for the visit or the travel",
            "of the officers, nor whether it planned another intake the following spring or",
            "later. Officials in Vientiane declined to comment on the matter when we called",
            "them in the summer, and the ministry in Beijing did not reply to written questions.",
        ]
    )
    spans = split(wrapped)
    quotes = [wrapped[a:b] for a, b in spans]
    assert quotes[0].endswith("three countries.2")  # a footnote mark ends it, wrapped or not
    (event,) = events(extractor, wrapped)
    assert event["type"] == "training" and event["recipients"] == ["LA"]
    assert (event["year_start"], event["people"]) == (2024, 30)
    assert event["quote"].startswith("In\n2024") and event["quote"].endswith("on the course.")
    assert wrapped[event["start"] : event["end"]] == event["quote"]  # offsets still hold


def test_line_breaks_of_running_text_still_end_sentences():
    text = "Headline about Laos\nBody sentence one.\n- a list item\n- another item"
    assert [text[a:b] for a, b in split(text)] == [
        "Headline about Laos",
        "Body sentence one.",
        "- a list item",
        "- another item",
    ]
    decimal = "costs 2.5 Million. Next"
    assert [decimal[a:b] for a, b in split(decimal)] == [
        "costs 2.5 Million.",
        "Next",
    ]
    # a mangled apostrophe read as a question mark does not end the sentence
    assert len(split("institutions of MIA? of PRC trained them.")) == 1


def test_mended_words_keep_offsets(extractor):
    from footprint.extract.sentences import mend_broken_words

    # the gazetteer sees the mended word too: "Myan-\nmar" is Myanmar
    (sentence,) = extractor.sentences("Patrols with Myan-\nmar police began.", None)
    assert [t.entry.key for t in sentence.tags] == ["MM"]

    for text, mended in [
        ("its memoran- dum", "its memorandum  "),
        ("cross- border patrols", "cross-border  patrols"),
        ("short- and long-term", "short- and long-term"),
        ("Sino- African", "Sino- African"),
    ]:
        assert mend_broken_words(text) == mended and len(mended) == len(text)


def test_a_question_after_a_statement_leaves_the_statement(extractor):
    text = (
        "A committee member noted that 300 Kazakh police officers had attended courses in "
        "China since 2019, and asked whether the courses covered the ban on torture."
    )
    event = one(extractor, text, "training")
    assert event["recipients"] == ["KZ"] and event["year_start"] == 2019
    asked = "She asked whether 300 Kazakh officers had attended courses in China in 2019."
    assert not events(extractor, asked)


def test_refused_asylum_is_not_pushback(extractor):
    text = (
        "In March 2025 two men whose applications for refugee status had been rejected were "
        "handed to Chinese police at the Kazakh border."
    )
    assert {e["type"] for e in events(extractor, text)} == {"extradition"}


def test_the_two_governments_under_a_title_naming_the_pair(extractor):
    text = (
        "Tonga police receive patrol cars from China\n\n"
        "NUKU'ALOFA — Tonga's police took delivery of 20 patrol cars on Monday. Tonga's "
        "commissioner thanked donors at the ceremony in Tonga.\n\n"
        "The handover comes a week after the two governments renewed their memorandum of "
        "understanding on policing cooperation for five more years."
    )
    agreement = one(extractor, text, "agreement")
    assert agreement["recipients"] == ["TO"] and agreement["provider"] == "CN"


def test_fields_names_rumours_and_provisions_are_not_events(extractor):
    def types(text):
        return {e["type"] for e in events(extractor, text)}

    fields = "2024年，中国与尼泊尔签署合作备忘录。双方同意在打击跨国犯罪、人员培训等领域加强合作。"
    assert "training" not in types(fields)
    college = (
        "In 2017 China donated 20 patrol vehicles to Zambia's police at a ceremony at the "
        "Lilayi Police Training College."
    )
    assert types(college) == {"technology_transfer"}
    rumour = "Rumours that Beijing is preparing a course for Moldovan officers are only rumours."
    assert not events(extractor, rumour)
    operators = (
        "In 2027, 200 Zambian officers will be trained in China to operate and maintain the system."
    )
    assert "training" not in types(operators)
    provides = (
        "Hungary signed a security agreement with China in 2024 which provides for Chinese "
        "officers to join patrols in tourist areas."
    )
    assert types(provides) == {"agreement"}


def test_a_law_is_dated_by_its_own_year_not_the_models(extractor):
    text = (
        "Cambodia's 2021 sub-decree drew on the Chinese model: its drafters studied China's "
        "gateway system on a visit in 2019."
    )
    law = one(extractor, text, "legal_adoption")
    assert (law["year_start"], law["year_end"]) == (2021, 2021)
    model = (
        "Suriname's counter-terrorism statute, adopted in 2023, was modelled on China's "
        "Counter-Terrorism Law of 2015."
    )
    assert one(extractor, model, "legal_adoption")["year_start"] == 2023


def test_five_members_counted_whole_are_the_recipients(extractor):
    text = "2026年，公安部宣布，今后三年将为中亚五国培训执法人员两千名。"
    training = one(extractor, text, "training")
    assert training["recipients"] == ["KG", "KZ", "TJ", "TM", "UZ"]
    assert training["people"] == 2000


def test_patrol_with_counterparts_of_several_countries_is_one_event(extractor):
    text = (
        "Since March 2019, Chinese police boats have run joint patrols on the river with "
        "counterparts from Vietnam, Cambodia and Laos."
    )
    patrols = [e for e in events(extractor, text) if e["type"] == "joint_patrol"]
    assert [p["recipients"] for p in patrols] == [["KH", "LA", "VN"]]
    route = "2026年5月，联合巡逻船队从关累港启航，途经老挝、缅甸等国港口。"
    patrols = [e for e in events(extractor, route) if e["type"] == "joint_patrol"]
    assert [p["recipients"] for p in patrols] == [["LA", "MM"]]
    # Patrols *in* two countries are still two bilateral deployments.
    apart = "In 2019 Chinese officers joined police patrols in Italy and Serbia."
    patrols = [e for e in events(extractor, apart) if e["type"] == "joint_patrol"]
    assert sorted(p["recipients"][0] for p in patrols) == ["IT", "RS"]


def test_a_sentence_on_some_trainees_of_a_course_is_the_same_course(extractor):
    text = (
        "In 2025 the Chinese Ministry of Public Security trained officers from Laos, Nepal and "
        "Ghana in cybercrime investigation. At the closing ceremony a Lao trainee thanked the "
        "Chinese instructors for the training."
    )
    courses = [e for e in events(extractor, text) if e["type"] == "training"]
    assert [c["recipients"] for c in courses] == [["GH", "LA", "NP"]]
    # With a count of its own, a sentence on one country may be a course of its own.
    text += " Separately, in 2025 the ministry trained 40 Lao border officers in Vientiane."
    courses = [e for e in events(extractor, text) if e["type"] == "training"]
    assert sorted(c["recipients"] for c in courses) == [["GH", "LA", "NP"], ["LA"]]


def test_the_four_countries_are_those_the_document_named(extractor):
    text = (
        "In May 2026 Chinese, Lao, Burmese and Thai police boats completed the 170th joint "
        "patrol on the river. Beijing's four-country patrols were set up in 2011 and are now "
        "held several times a year."
    )
    assert _patrols_by_year(extractor, text) == [
        (2011, ["LA", "MM", "TH"]),
        (2026, ["LA", "MM", "TH"]),
    ]


def test_since_a_month_or_a_year_in_chinese_numerals_starts_a_programme(extractor):
    text = "自二〇一九年三月首次联合巡逻以来，中越柬三国执法部门已累计开展联合巡逻四十次。"
    patrol = one(extractor, text, "joint_patrol", "2026-06-01")
    assert patrol["recipients"] == ["KH", "VN"]
    assert (patrol["year_start"], patrol["year_end"]) == (2019, 2026)
    text = "Since March 2019, Chinese officers have patrolled tourist sites with Serbian police."
    patrol = one(extractor, text, "joint_patrol", "2026-06-01")
    assert (patrol["year_start"], patrol["year_end"]) == (2019, 2026)


def test_a_dateline_or_section_label_is_where_not_who(extractor):
    text = (
        "BAMAKO — Turkey's Interior Ministry and Niger's Ministry of Security signed an "
        "agreement on police training on 3 May."
    )
    deal = one(extractor, text, "agreement", "2026-06-01")
    assert (deal["provider"], deal["recipients"]) == ("TR", ["NE"])
    aside = "NIGER — Not China this time: " + text.removeprefix("BAMAKO — ")
    deal = one(extractor, aside, "agreement", "2026-06-01")
    assert (deal["provider"], deal["recipients"]) == ("TR", ["NE"])
    # A label naming the only country is who it is about.
    alone = "VIENTIANE, March 14 -- A joint patrol by Chinese police officers ended on Friday."
    assert one(extractor, alone, "joint_patrol", "2026-06-01")["recipients"] == ["LA"]


def test_handovers_flights_and_what_is_not_pushback(extractor):
    handed = (
        "In May, Cambodia handed over some 300 suspected scam workers to China after raids "
        "that led to the closure of several compounds."
    )
    kinds = sorted(e["type"] for e in events(extractor, handed, "2026-06-01"))
    assert kinds == ["extradition"]
    flown = (
        "On Friday, 80 Chinese nationals held in raids were flown from Phnom Penh to China "
        "on a chartered plane."
    )
    assert one(extractor, flown, "extradition", "2026-06-01")["recipients"] == ["KH"]
    deported = (
        "In 2024 Laos deported nine Chinese nationals arrested in Vientiane for running a "
        "gambling site; they were handed to Chinese police at the airport."
    )
    assert sorted(e["type"] for e in events(extractor, deported)) == ["extradition"]
    paused = "Chinese officers patrolled Belgrade again in 2023, after a pause caused by Covid."
    assert sorted(e["type"] for e in events(extractor, paused)) == ["joint_patrol"]
    drones = "The Yunnan police handed eight patrol drones to the Lao police on Monday."
    assert "joint_patrol" not in {e["type"] for e in events(extractor, drones)}


def test_a_planned_act_halted_in_a_past_month_is_dated_then(extractor):
    text = "In June a court in Kathmandu halted the planned deportation of two Tibetans to China."
    halted = one(extractor, text, "pushback", "2026-07-15")
    assert (halted["year_start"], halted["year_end"]) == (2026, 2026)


def test_a_supply_contract_is_a_technology_transfer_not_an_agreement(extractor):
    text = "2026年5月，华为公司与赞比亚内政部签署卢萨卡平安城市三期项目合同，新增摄像机900路。"
    kinds = {e["type"] for e in events(extractor, text, "2026-06-01")}
    assert "agreement" not in kinds and "technology_transfer" in kinds
    treaty = "2026年5月，中国公安部与赞比亚内政部签署执法合作协议。"
    assert {e["type"] for e in events(extractor, treaty, "2026-06-01")} == {"agreement"}


def test_hypotheticals_fields_orders_and_the_forum_already_told(extractor):
    maybe = "Perhaps, if Laos adopted a Chinese-style internet law, it would only target scams."
    assert events(extractor, maybe) == []
    aspect = "2026年3月，中老双方同意加强涉案人员遣返方面的协作。"
    assert "extradition" not in {e["type"] for e in events(extractor, aspect, "2026-06-01")}
    ordered = (
        "In 2022 the Irish justice minister instructed that a Chinese police outpost in "
        "Dublin be closed."
    )
    assert "training" not in {e["type"] for e in events(extractor, ordered)}
    text = (
        "2026年5月，第三届中国—东盟执法安全合作论坛在南宁举行。中方还在论坛上宣布，明年将"
        "为东盟国家培训执法人员800名。"
    )
    found = events(extractor, text, "2026-06-01")
    assert [e["year_start"] for e in found if e["type"] == "forum"] == [2026]
    assert [e["people"] for e in found if e["type"] == "training"] == [800]


def test_trainees_from_dozens_of_countries_are_global_and_ethnic_names_no_state(extractor):
    text = "2015年以来，中国人民警察大学已为来自46个国家的警务人员举办培训班,学员遍及亚洲、非洲。"
    training = one(extractor, text, "training", "2026-06-01")
    assert "Global" in training["recipient_regions"]
    row = (
        "In 2024 Tajikistan deported five ethnic Kyrgyz traders to China after a joint "
        "check with Chinese officers."
    )
    assert one(extractor, row, "extradition")["recipients"] == ["TJ"]


def test_a_model_law_from_xinjiang_does_not_date_the_adoption(extractor):
    text = (
        "Tajikistan's counter-extremism law was modelled on the 2017 Xinjiang regulation on "
        "de-extremification, lawyers found."
    )
    law = one(extractor, text, "legal_adoption", "2026-06-01")
    assert law["year_start"] != 2017


def test_a_story_about_one_country_lends_it_to_every_clause(extractor):
    text = (
        "Opinion: Laos should think twice\n\n"
        "In March, the Ministry of Security signed a cooperation agreement with China's "
        'Ministry of Public Security, covering border crime and "capacity building".'
    )
    assert one(extractor, text, "agreement", "2026-06-01")["recipients"] == ["LA"]


def test_a_chinese_company_page_is_the_providers_own(extractor):
    page = (
        "项目案例｜莫桑比克马普托平安城市项目\n\n"
        "我司于2024年3月与莫桑比克内政部签署马普托平安城市项目合同，并于2025年完成建设。"
    )
    transfer = one(extractor, page, "technology_transfer", "2026-06-01")
    assert transfer["recipients"] == ["MZ"]
    report = (
        "华衡安防科技股份有限公司2026年年度报告\n\n"
        "| 序号 | 国家 | 项目名称 | 进展情况 |\n"
        "| 1 | 赞比亚 | 卢萨卡平安城市项目 | 2026年6月交付使用，含为赞方培训技术人员二十名 |\n"
        "| 2 | 肯尼亚 | 蒙巴萨平安城市扩容项目 | 2026年11月签约 |\n"
    )
    found = events(extractor, report, "2027-04-01")
    assert sorted((e["type"], e["recipients"][0]) for e in found) == [
        ("technology_transfer", "KE"),
        ("technology_transfer", "ZM"),
    ]


def test_returns_by_flight_arrivals_and_a_critics_aside(extractor):
    flown = "In 2019 a Uyghur student held at Dubai airport was flown to Urumqi eleven days later."
    assert one(extractor, flown, "extradition")["recipients"] == ["AE"]
    carried = (
        "On Wednesday a chartered aircraft carried 23 Chinese nationals from Manila to Shanghai."
    )
    assert one(extractor, carried, "extradition", "2026-06-01")["people"] == 23
    arrived = "The first Chinese police officers arrived in Belgrade in September 2019."
    assert one(extractor, arrived, "joint_patrol")["year_start"] == 2019
    aside = (
        "Nis police use cameras supplied by a Chinese company in Serbia, installed in 2024, "
        "which critics say lack a legal basis."
    )
    assert one(extractor, aside, "technology_transfer", "2026-06-01")["recipients"] == ["RS"]
    renewed = "Canberra renewed its policing support agreement with Honiara in 2025."
    deal = one(extractor, renewed, "agreement", "2026-06-01")
    assert (deal["provider"], deal["recipients"]) == ("AU", ["SB"])


def test_flights_escorts_handovers_and_teams_sent_in_both_languages(extractor):
    flight = (
        "In January, Thai authorities put 12 Uyghur men held in Bangkok onto a charter "
        "flight to Kashgar."
    )
    assert one(extractor, flight, "extradition", "2026-06-01")["people"] == 12
    escorted = "今年以来，中国警方在柬埔寨警方配合下，已从西港押解电诈嫌疑人三百名回国。"
    assert one(extractor, escorted, "extradition", "2026-06-01")["recipients"] == ["KH"]
    team = "2026年3月，公安部派出由20名民警组成的工作组赴老挝，与当地警方协同开展清查行动。"
    assert one(extractor, team, "joint_patrol", "2026-06-01")["people"] == 20
    hosted = (
        "Turkey's Interior Ministry hosted sixty Kyrgyz police cadets at its Ankara academy "
        "in 2024."
    )
    course = one(extractor, hosted, "training")
    assert (course["provider"], course["recipients"]) == ("TR", ["KG"])


def test_what_ends_closes_or_is_criticised(extractor):
    ended = "The course for 40 Nepali officers, which ended in late March, was held in Kunming."
    assert one(extractor, ended, "training", "2026-06-01")["status"] != "cancelled"
    such = (
        "Chinese police ran a station in Dublin. One such station operated in Cork until "
        "October 2022, when the Irish authorities ordered it to close."
    )
    assert "overseas_station" in {e["type"] for e in events(extractor, such, "2026-06-01")}
    criticised = (
        "Nepal's police trained with Chinese instructors in 2023. In 2024 the force faced "
        "criticism over its handling of protests in Kathmandu."
    )
    assert "pushback" not in {e["type"] for e in events(extractor, criticised, "2026-06-01")}


def test_a_company_named_in_chinese_is_the_provider(extractor):
    text = "乌兹别克斯坦撒马尔罕市平安城市项目由华安智控股份有限公司承建，已于2026年5月交付使用。"
    assert one(extractor, text, "technology_transfer", "2026-06-01")["recipients"] == ["UZ"]


def test_yesterday_our_side_and_a_rejected_accusation(extractor):
    text = (
        "LUSAKA — Sixty officers of the Zambia Police yesterday completed a course run by "
        "instructors from China's Ministry of Public Security."
    )
    assert one(extractor, text, "training", "2026-06-12")["year_start"] == 2026
    handed = "2026年3月，老挝执法部门在金三角开展清查，向我方移交涉诈人员九十名。"
    assert one(extractor, handed, "extradition", "2026-06-01")["recipients"] == ["LA"]
    rejected = (
        "Chinese instructors trained Tajik police in 2025. In January a Tajik deputy minister "
        "rejected what he called foreign fabrications about the law."
    )
    assert "pushback" not in {e["type"] for e in events(extractor, rejected, "2026-06-01")}


def test_the_group_a_sentence_means_when_its_country_came_from_context(extractor):
    text = (
        "Laos and China on the river\nJune 1, 2026\nBy our correspondent\n\n"
        "In May 2026 Chinese, Lao, Burmese and Thai police boats completed a joint patrol on "
        "the Mekong. The patrol mechanism was set up in 2011 after an attack on Chinese boats."
    )
    assert _patrols_by_year(extractor, text) == [
        (2011, ["LA", "MM", "TH"]),
        (2026, ["LA", "MM", "TH"]),
    ]


def test_conjectures_topics_refusals_to_comment_and_defined_terms(extractor):
    maybe = (
        "If the Serbian pattern holds, it is conceivable that Montenegro will host patrols by 2028."
    )
    assert events(extractor, maybe, "2026-06-01") == []
    course = (
        "In October 2026, 40 Ghanaian officers attended a course in China on the "
        "investigation of online fraud."
    )
    assert {e["type"] for e in events(extractor, course, "2026-12-01")} == {"training"}
    expelled = (
        "In March 2026 Kyrgyzstan said the four Uyghur individuals had been expelled to China."
    )
    assert {e["type"] for e in events(extractor, expelled, "2026-06-01")} == {"extradition"}
    silent = (
        "Six Chinese police advisers arrived in Tonga in 2026; the minister refuses to say "
        "how long they will stay."
    )
    assert "pushback" not in {e["type"] for e in events(extractor, silent, "2026-06-01")}
    defined = "A forensics lab in Kampala was handed over by China in 2025, ahead of the Agreement."
    assert "agreement" not in {e["type"] for e in events(extractor, defined, "2026-06-01")}
    autos = "China will give Kyrgyz police 40 patrol automobiles before the end of 2026."
    assert "joint_patrol" not in {e["type"] for e in events(extractor, autos, "2026-06-01")}


def test_operations_of_a_pair_run_counts_per_country_and_funders(extractor):
    run = "2026年6月，中老泰三国警方启动“清源—2026”联合执法行动。"
    ops = [e for e in events(extractor, run, "2026-09-01") if e["type"] == "joint_patrol"]
    assert [(o["provider"], o["recipients"]) for o in ops] == [("CN", ["LA", "TH"])]
    counts = "2026年8月，公安部工作组押解电诈嫌疑人回国，其中从老挝押解486名，从泰国押解72名。"
    returns = sorted(
        (e["recipients"], e["people"])
        for e in events(extractor, counts, "2026-09-01")
        if e["type"] == "extradition"
    )
    assert returns == [(["LA"], 486), (["TH"], 72)]
    funded = "In 2024 a US-funded police academy trained 410 officers from Zambia."
    course = one(extractor, funded, "training")
    assert (course["provider"], course["recipients"]) == ("US", ["ZM"])
    signed = "In 2023 Bulawayo city signed with Huawei for a network of 1,200 cameras."
    kinds = {e["type"] for e in events(extractor, signed, "2026-06-01")}
    assert "agreement" not in kinds and "technology_transfer" in kinds


def test_flights_handovers_exercises_and_donated_kit(extractor):
    flown = (
        "Ninety Chinese nationals arrested in raids on scam compounds in Bavet were put on "
        "a chartered aircraft on Friday and flown to Nanning, immigration officials said."
    )
    assert one(extractor, flown, "extradition", "2026-06-01")["people"] == 90
    route = "In May, Lao police put 60 Chinese nationals on a charter flight from Pakse to Kunming."
    assert one(extractor, route, "extradition", "2026-06-01")["recipients"] == ["LA"]
    handed = (
        "In May, Cambodian police handed 75 suspected scam workers to Chinese police at the border."
    )
    assert one(extractor, handed, "extradition", "2026-06-01")["people"] == 75
    drill = (
        "In 2026 the joint counter-terrorist exercise of Tajik and Chinese special units took "
        "place near Dushanbe."
    )
    assert one(extractor, drill, "joint_patrol")["recipients"] == ["TJ"]
    alongside = "In 2024 about 90 Chinese officers worked alongside Kazakh police near Zharkent."
    assert one(extractor, alongside, "joint_patrol")["people"] == 90
    kit = (
        "In March 2026 the Chinese embassy handed over ten trucks and forty radios to the "
        "Vanuatu Police Force."
    )
    transfer = one(extractor, kit, "technology_transfer", "2026-06-01")
    assert (transfer["recipients"], transfer["people"]) == (["VU"], None)
    studied = (
        "In 2025, 30 Kazakh border officers studied for a month at the Border Defence Academy "
        "in Shijiazhuang."
    )
    assert one(extractor, studied, "training")["people"] == 30


def test_bans_reviews_and_talks_about_a_topic(extractor):
    ban = (
        "Cambodia and China signed an extradition treaty in 2000; contacts grew after 2019, "
        "when Cambodia banned online gambling."
    )
    assert "pushback" not in {e["type"] for e in events(extractor, ban, "2026-06-01")}
    review = (
        "The Information Regulator has opened an assessment into Johannesburg's Chinese-built "
        "facial-recognition camera network."
    )
    assert "pushback" in {e["type"] for e in events(extractor, review, "2026-06-01")}
    talks = (
        "In 2026 Chinese and Kyrgyz officials exchanged views on the preparation of a joint "
        "counter-terrorist exercise."
    )
    assert "joint_patrol" not in {e["type"] for e in events(extractor, talks, "2026-06-01")}


def test_the_n_countries_of_another_event_in_the_document(extractor):
    text = (
        "2026年9月，中国、老挝、缅甸、泰国、柬埔寨、越南执法部门负责人在景洪举行部长级会议。"
        "会议期间，六国代表共同签署了打击电诈犯罪合作备忘录。"
        "中方在会上宣布，未来三年将为其他五国培训执法人员两千名。"
    )
    found = events(extractor, text, "2026-10-01")
    agreement = next(e for e in found if e["type"] == "agreement")
    training = next(e for e in found if e["type"] == "training")
    assert agreement["recipients"] == training["recipients"] == ["KH", "LA", "MM", "TH", "VN"]


def test_loans_possible_treaties_proposals_and_training_algorithms(extractor):
    loan = (
        "In 2026 Kenya's police took delivery of Chinese cameras; the financing agreement "
        "for the next phase is still before parliament."
    )
    assert "agreement" not in {e["type"] for e in events(extractor, loan, "2026-06-01")}
    talks = (
        "In 2026 Mongolian and Chinese officials held a first round of talks in Ulaanbaatar "
        "on a possible extradition treaty."
    )
    assert "agreement" not in {e["type"] for e in events(extractor, talks, "2026-06-01")}
    proposal = (
        "The Chinese side proposed to hold a training course for Kazakh officers in Urumqi "
        "next year."
    )
    assert events(extractor, proposal, "2026-06-01") == []
    deal = (
        "In 2018, Zimbabwe's government signed a deal with CloudWalk for a national facial "
        "recognition programme, under which the company was to train its algorithms."
    )
    kinds = {e["type"] for e in events(extractor, deal, "2026-06-01")}
    assert kinds == {"technology_transfer"}


def test_a_police_review_a_count_of_countries_and_officers_walking_alongside(extractor):
    review = (
        "2026年公安国际执法安全合作工作年度回顾\n日期：2027年1月20日\n来源：本网\n\n"
        "2026年，全年从缅甸妙瓦底地区接收遣返涉诈犯罪嫌疑人3200余名。"
        "2026年，中国人民警察大学为九十余个国家培训执法人员四千三百余名。"
    )
    found = events(extractor, review, "2027-01-20")
    assert [e["recipients"] for e in found if e["type"] == "extradition"] == [["MM"]]
    training = next(e for e in found if e["type"] == "training")
    assert "Global" in training["recipient_regions"]
    walked = (
        "In July 2025 four officers from the Zhejiang public security bureau walked tourist "
        "routes in Novi Sad alongside Serbian police."
    )
    assert one(extractor, walked, "joint_patrol", "2026-06-01")["recipients"] == ["RS"]


def test_every_trigger_branch_has_a_literal_stem():
    """A branch with no literal stem runs on every sentence: the stem index cannot skip
    it, and the extractor slows down. Only the case-sensitive 'congress' is allowed."""
    from footprint.extract.rules import load_lexicon

    lexicon = load_lexicon()
    patterns = [*lexicon.triggers.values(), *lexicon.status.values()]
    always = [p.branches[i][1] for p in patterns for i in getattr(p, "_always", ())]
    assert always == ["(?-i:congress)\\b"]


def test_a_bare_weekday_dates_a_wire_story(extractor):
    text = (
        "KUNMING, June 25 (Xinhua) -- A course on online fraud for 40 police officers from "
        "Laos opened Wednesday at a police college in Kunming. The college has trained Lao "
        "officers since 2012."
    )
    years = sorted(
        e["year_start"] for e in events(extractor, text, "2026-06-26") if e["type"] == "training"
    )
    assert 2026 in years


def test_chinese_conditionals_returns_brought_back_hearings_and_funders(extractor):
    maybe = "如果条件成熟，学院未来也不排除把培训延伸到南太平洋岛国。"
    assert events(extractor, maybe, "2026-06-01") == []
    back = "2026年，在缅方配合下，中方已从妙瓦底地区接回一千二百零七名涉诈人员。"
    assert one(extractor, back, "extradition", "2026-06-01")["people"] == 1207
    returned = (
        "In 2024 a Kazakh court approved the return of two Uyghur men to China, who were "
        "handed over at the Khorgos crossing."
    )
    assert one(extractor, returned, "extradition")["recipients"] == ["KZ"]
    hearing = (
        "In 2026 Zambia's parliamentary security committee opened hearings into who controls "
        "the footage of the Chinese-built camera system."
    )
    assert "pushback" in {e["type"] for e in events(extractor, hearing, "2026-06-01")}
    funded = (
        "A police academy in Kenya, funded by the United States, trained 300 officers from "
        "Uganda in 2024."
    )
    assert one(extractor, funded, "training")["provider"] == "US"


def test_operators_framed_courses_proposals_and_first_intakes(extractor):
    operators = (
        "A Chinese-built camera network in Maputo was completed in 2019, and Mozambican "
        "officers were trained only on its operation."
    )
    assert {e["type"] for e in events(extractor, operators)} == {"technology_transfer"}
    framed = (
        "In June 2026, 30 Kenyan officers attended a course in Beijing. The course was "
        "organised under the memorandum on police cooperation that Kenya and China signed "
        "in 2024."
    )
    years = sorted(
        e["year_start"] for e in events(extractor, framed, "2026-07-01") if e["type"] == "training"
    )
    assert years == [2026]
    proposed = "| Thailand | China | Proposed joint tourist-police patrols in Bangkok | 2023 |"
    assert "joint_patrol" not in {e["type"] for e in events(extractor, proposed, "2026-06-01")}
    intake = (
        "Under the 2026 plan, China will train up to 600 Ugandan police officers by 2029. "
        "The first intake of 80 officers is scheduled to leave for China in October 2026."
    )
    courses = [e for e in events(extractor, intake, "2026-06-01") if e["type"] == "training"]
    assert [c["people"] for c in courses] == [600]
