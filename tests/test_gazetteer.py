import pycountry
import pytest

from footprint import codebook
from footprint import gazetteer as gz


@pytest.fixture(scope="module")
def gazetteer():
    return gz.load()


def _tags(gazetteer, text):
    return [(t.text, t.entry.kind, t.entry.key) for t in gazetteer.tag(text)]


def test_every_iso_country_has_english_and_chinese_names(gazetteer):
    assert set(gazetteer.countries) == {c.alpha_2 for c in pycountry.countries}
    zh_names = {
        name
        for (name, _), entry in gazetteer.names.items()
        if entry.kind == "country" and any("\u4e00" <= ch <= "\u9fff" for ch in name)
    }
    covered = {gazetteer.names[(n, False)].key for n in zh_names}
    assert len(covered) >= 240


def test_groupings_use_codebook_regions_and_iso_members(gazetteer):
    for entry in gazetteer.groupings.values():
        codebook.region(entry.region)
        for code in entry.members:
            codebook.country(code)
    assert set(gazetteer.groupings["central_asia"].members) == {"KZ", "KG", "TJ", "TM", "UZ"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Serbian police joined the patrol", ("Serbian", "country", "RS")),
        ("officers from the Thai border police", ("Thai", "country", "TH")),
        ("塞尔维亚警方", ("塞尔维亚", "country", "RS")),
        ("来自中亚的官员", ("中亚", "grouping", "central_asia")),
        ("officials of ASEAN member states", ("ASEAN", "grouping", "asean")),
        ("the Ministry of Public Security said", ("Ministry of Public Security", "actor", "mps")),
        ("公安部表示", ("公安部", "actor", "mps")),
        ("cameras supplied by Hikvision", ("Hikvision", "actor", "hikvision")),
        ("a course in Kunming", ("Kunming", "place", "Kunming")),
    ],
)
def test_names_in_both_languages(gazetteer, text, expected):
    assert expected in _tags(gazetteer, text)


def test_longest_name_wins_and_words_are_whole(gazetteer):
    tags = _tags(gazetteer, "The China-ASEAN Law Enforcement Academy opened in Kunming.")
    assert tags[0][1:] == ("actor", "china_asean_lea")
    assert not any(kind == "grouping" for _, kind, _ in tags)
    assert not _tags(gazetteer, "Mr Chadwick spoke")  # no 'Chad' inside a word
    assert ("Chad", "country", "TD") in _tags(gazetteer, "police in Chad")
    assert not _tags(gazetteer, "we had a chad problem")  # case-sensitive short names


def test_user_files_extend_the_gazetteer(tmp_path, monkeypatch):
    (tmp_path / "actors.yaml").write_text(
        "actors:\n  acme:\n    name: Acme Vision\n    kind: company\n    country: CN\n"
        "    en: [AcmeVis]\n    zh: [爱克美]\n",
        encoding="utf-8",
    )
    # Cities are opt-in: a user's cities.yaml makes a city name its country.
    (tmp_path / "cities.yaml").write_text(
        "KE: {en: [Eldoret], zh: [埃尔多雷特]}\n", encoding="utf-8"
    )
    monkeypatch.setenv(gz.ENV_VAR, str(tmp_path))
    extended = gz.load()
    assert ("Eldoret", "country", "KE") in _tags(extended, "officers in Eldoret")
    assert not _tags(gz._load(()), "officers in Eldoret")  # the bundled one does not
    assert ("爱克美", "actor", "acme") in _tags(extended, "爱克美公司")
    assert ("Serbia", "country", "RS") in _tags(extended, "Serbia")


def test_a_language_is_not_its_country(gazetteer):
    assert not _tags(gazetteer, "lessons with Spanish interpreters")
    assert not _tags(gazetteer, "two officers who speak Serbian")
    assert not _tags(gazetteer, "Serbian-language press")
    assert ("Spanish", "country", "ES") in _tags(gazetteer, "Spanish police attended")


def test_an_interviewers_label_is_not_a_country(gazetteer):
    assert not _tags(gazetteer, "Intro.\nCAR: Are there stations?")
    assert ("CAR", "country", "CF") in _tags(gazetteer, "police in the CAR: a report")


def test_capitals_field_cities_and_sides_name_their_country(gazetteer):
    assert ("Warsaw", "country", "PL") in _tags(gazetteer, "a court in Warsaw")
    assert ("Sihanoukville", "country", "KH") in _tags(gazetteer, "raids in Sihanoukville")
    assert ("柬方", "country", "KH") in _tags(gazetteer, "在柬方警方的配合下")
    assert not _tags(gazetteer, "在道德方面")  # 德方 is left out: it sits inside words


def test_a_name_inside_a_treaty_or_newspaper_name_is_not_the_country(gazetteer):
    assert not _tags(gazetteer, "the Budapest Convention on cybercrime")
    assert ("Hungarian", "country", "HU") in _tags(gazetteer, "the Hungarian Helsinki Committee")
    assert ("Helsinki", "country", "FI") not in _tags(gazetteer, "the Helsinki Committee")
    assert ("Helsinki", "country", "FI") in _tags(gazetteer, "a meeting in Helsinki")


def test_a_run_of_chinese_short_forms_names_every_partner(gazetteer):
    keys = [t.entry.key for t in gazetteer.tag("中越柬三国边境联合执法")]
    assert keys == ["VN", "KH"]
    assert [t.entry.key for t in gazetteer.tag("中俄蒙经济走廊")] == ["RU", "MN"]
    assert gazetteer.tag("社区中老年人健身") == []  # 中老年: the middle-aged and the old
