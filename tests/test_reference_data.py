"""The shipped reference dataset is valid, large enough, and its checker catches mistakes.

The comparison with the seed texts is not made here (they are outside the repository); it
is run by tools/check_reference.py.
"""

from collections import Counter

import yaml

from footprint import reference


def test_reference_dataset_is_valid():
    assert reference.validate() == []


def test_reference_dataset_is_large_varied_and_linked():
    events = reference.load()
    assert len(events) >= 50
    assert len(Counter(e["type"] for e in events)) >= 8
    links = [link for e in events for link in e.get("links") or []]
    assert len(links) >= 10
    assert all(e["review"] == "accepted" for e in events)


def test_reference_evidence_includes_a_quote_from_an_html_document():
    # HTML is read as its main text: the check must go through the reader, not the raw file.
    documents = {
        item["document"]
        for e in reference.load()
        for source in e["sources"]
        for item in source["evidence"]
    }
    assert any(name.endswith(".html") for name in documents)


def _broken_copy(tmp_path):
    events = reference.load()
    first, second, third = (dict(e) for e in events[:3])
    first["type"] = "parade"
    second["links"] = [{"to": "no-such-event", "relation": "follows"}]
    third["sources"] = [
        {
            **third["sources"][0],
            "evidence": [
                {
                    "document": third["sources"][0]["evidence"][0]["document"],
                    "quote": "a sentence that no demo document contains",
                }
            ],
        }
    ]
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump([first, second, third, *events[3:]], allow_unicode=True))
    return path, first["key"], second["key"], third["key"]


def test_validate_names_the_key_and_field_of_each_problem(tmp_path):
    path, bad_type, bad_link, bad_quote = _broken_copy(tmp_path)
    problems = reference.validate(path)
    assert len(problems) == 3, problems

    def reported(key, field):
        return [p for p in problems if f": {key}: {field}" in p]

    assert reported(bad_type, "type:"), problems
    assert reported(bad_link, "links[0].to:"), problems
    assert reported(bad_quote, "sources[0].evidence[0].quote:"), problems
    assert all(p.startswith(str(path)) for p in problems)


def test_validate_catches_duplicates_bad_codes_regions_and_missing_documents(tmp_path):
    events = reference.load()
    event = dict(events[0])
    event.update(
        recipients=["XX", "IT"],
        recipient_regions=["Atlantis"],
        year_start=2030,
        year_end=2020,
        sources=[
            {**event["sources"][0], "evidence": [{"document": "missing.md", "quote": "anything"}]}
        ],
    )
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump([event, events[0]], allow_unicode=True))
    problems = "\n".join(reference.validate(path))
    key = event["key"]
    for fragment in (
        f"{key}: key: duplicate",
        f"{key}: recipients[0]:",
        f"{key}: recipient_regions[0]:",
        f"{key}: recipient_regions: 'Europe' missing for recipient IT",
        f"{key}: year_end:",
        f"{key}: sources[0].evidence[0].document: no demo document named 'missing.md'",
    ):
        assert fragment in problems, (fragment, problems)


def test_validate_reports_an_unreadable_file(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_text("key: [unclosed\n")
    (problem,) = reference.validate(path)
    assert problem.startswith(f"{path}: cannot be read")
