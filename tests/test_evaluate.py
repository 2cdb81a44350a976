"""The evaluation harness on a tiny gold set the test writes (documents and events)."""

import json

import pytest
from typer.testing import CliRunner

from footprint.cli import app
from footprint.evaluate import GoldError, evaluate_extraction, match_pairs, matches
from footprint.extract import get_extractor


def gold(**kw):
    event = {
        "doc": "a.txt",
        "type": "training",
        "recipients": [],
        "recipient_regions": [],
        "year_start": None,
        "year_end": None,
    }
    event.update(kw)
    return event


def test_matching_rule():
    assert matches(gold(recipients=["LA", "KH"]), gold(recipients=["KH"]))
    assert not matches(gold(recipients=["LA"]), gold(recipients=["KH"]))
    assert not matches(gold(type="forum"), gold())
    assert matches(gold(recipient_regions=["Global"]), gold(recipient_regions=["Global"]))
    assert not matches(
        gold(recipients=["LA"], recipient_regions=["Global"]), gold(recipient_regions=["Global"])
    )
    fj = {"recipients": ["FJ"]}
    assert matches(
        gold(year_start=2019, year_end=2021, **fj), gold(year_start=2021, year_end=2021, **fj)
    )
    assert not matches(
        gold(year_start=2019, year_end=2020, **fj), gold(year_start=2021, year_end=2022, **fj)
    )
    assert matches(gold(year_start=2019, year_end=2020, **fj), gold(**fj))  # unknown years match


def test_matching_is_one_to_one_and_maximal():
    predicted = [gold(recipients=["LA", "KH"]), gold(recipients=["LA"])]
    expected = [gold(recipients=["KH"]), gold(recipients=["LA"])]
    assert match_pairs(predicted, expected) == {0: 0, 1: 1}
    assert len(match_pairs([gold(recipients=["LA"])], expected)) == 1


@pytest.fixture
def gold_set(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "Date: 2023-04-02\nChinese instructors trained 300 police officers from Zambia in "
        "2022. Separately, Uganda signed a policing agreement with China's Ministry of Public "
        "Security.",
        encoding="utf-8",
    )
    (docs / "b.txt").write_text("Weather in Lusaka was mild in 2022.", encoding="utf-8")
    lines = [
        gold(doc="a.txt", recipients=["ZM"], year_start=2022, year_end=2022),
        gold(doc="a.txt", type="agreement", recipients=["UG"]),
        gold(doc="a.txt", type="extradition", recipients=["UG"]),  # a miss, on purpose
    ]
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "dev.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    (gold_dir / "documents.txt").write_text("a.txt\nb.txt\n")
    return gold_dir / "dev.jsonl", docs


def test_evaluate_extraction_counts_hits_misses_and_documents(gold_set):
    path, docs = gold_set
    report = evaluate_extraction(path, [docs], get_extractor())
    assert report.documents == 2
    assert report.overall.true_positives == 2 and report.overall.false_negatives == 1
    assert report.per_type["extradition"].recall == 0.0
    assert report.per_type["training"].f1 == 1.0
    assert [m["type"] for m in report.misses] == ["extradition"]


def test_eval_command_prints_scores_and_json(gold_set):
    path, docs = gold_set
    result = CliRunner().invoke(app, ["eval", str(path), "--docs", str(docs), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["overall"]["tp"] == 2 and data["overall"]["fn"] == 1
    table = CliRunner().invoke(app, ["eval", str(path), "--docs", str(docs)])
    assert "overall" in table.output and "Misses (1)" in table.output


def test_bad_gold_lines_are_named(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text('{"doc": "a.txt", "type": "picnic"}\n')
    with pytest.raises(GoldError, match="g.jsonl:1"):
        evaluate_extraction(path, [tmp_path], get_extractor())


def test_resolution_is_scored_pairwise_on_event_keys(tmp_path):
    from footprint.evaluate import evaluate_resolution

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "Chinese police trained 2,700 officers from Serbia in 2023. "
        "Separately, Chinese police trained 40 officers from Laos in 2019.",
        encoding="utf-8",
    )
    (docs / "b.txt").write_text(
        "China's police trained about 2,700 Serbian officers in 2023.", encoding="utf-8"
    )
    (docs / "c.txt").write_text(
        "Chinese police trained 300 officers from Laos in 2023.", encoding="utf-8"
    )
    rows = [
        gold(doc="a.txt", recipients=["RS"], year_start=2023, year_end=2023, event_key="rs"),
        gold(doc="a.txt", recipients=["LA"], year_start=2019, year_end=2019, event_key="la19"),
        gold(doc="b.txt", recipients=["RS"], year_start=2023, year_end=2023, event_key="rs"),
        gold(doc="c.txt", recipients=["LA"], year_start=2023, year_end=2023, event_key="la23"),
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    report = evaluate_resolution(path, [docs], get_extractor(), work)
    assert report.mentions == 4 and report.gold_mentions == 4
    scores = report.scores
    assert (scores.true_positives, scores.false_positives, scores.false_negatives) == (1, 0, 0)
    result = CliRunner().invoke(app, ["eval", str(path), "--docs", str(docs)])
    assert "Resolution (pairwise) precision 1.000 recall 1.000 F1 1.000" in result.output
    assert "gold mentions themselves precision 1.000 recall 1.000 F1 1.000" in result.output
