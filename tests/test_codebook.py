from pathlib import Path

import pytest

from footprint import codebook

ISSUE_TYPES = {
    "training",
    "agreement",
    "joint_patrol",
    "overseas_station",
    "technology_transfer",
    "extradition",
    "forum",
    "pushback",
    "legal_adoption",
}


def test_codebook_has_the_agreed_types_statuses_and_regions():
    book = codebook.load()
    assert set(book.event_types) == ISSUE_TYPES
    assert set(book.statuses) == {"planned", "ongoing", "completed", "cancelled", "unknown"}
    assert "Central Asia" in book.regions and "Pacific" in book.regions
    assert len(book.regions) == 10
    assert all(t.definition and t.label for t in book.event_types.values())


@pytest.mark.parametrize(
    ("check", "value"),
    [
        (codebook.event_type, "police_training"),
        (codebook.status, "done"),
        (codebook.region, "Oceania"),
        (codebook.review_state, "approved"),
        (codebook.actor_kind, "person"),
    ],
)
def test_values_outside_the_codebook_are_refused_with_the_field_named(check, value):
    with pytest.raises(codebook.CodebookError, match=value):
        check(value)


def test_countries_are_iso_alpha2():
    assert codebook.country(" rs ") == "RS"
    assert codebook.country("SB") == "SB"
    for bad in ("XX", "SRB", "Serbia", ""):
        with pytest.raises(codebook.CodebookError, match="country"):
            codebook.country(bad)


def test_docs_codebook_page_is_generated_from_the_yaml():
    page = Path(__file__).parents[1] / "docs" / "codebook.md"
    assert page.read_text(encoding="utf-8") == codebook.to_markdown() + "\n", (
        "docs/codebook.md is stale: run `footprint codebook --markdown > docs/codebook.md`"
    )
