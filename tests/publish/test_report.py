"""Reports: self-contained HTML with a footnote for every figure, and a PDF that renders."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pypdfium2 as pdfium
import pytest

from footprint.db import session_scope
from footprint.publish import report


def _html(engine, **spec) -> str:
    with session_scope(engine) as session:
        context = report.build(
            session, report.ReportSpec(**spec), generated=datetime(2026, 1, 2, tzinfo=UTC)
        )
        return report.render_html(context)


def test_html_is_self_contained(engine, dataset):
    html = _html(engine)
    assert html.startswith("<!doctype html>")
    assert "<style>" in html and "<svg" in html
    # Nothing is fetched when the file is opened: no stylesheets, scripts, images or fonts.
    assert not re.search(r"<(link|script|img|iframe)\b", html)
    assert not re.search(r"""(src|@import|url\()\s*=?\s*["']?https?:""", html)


def test_every_figure_has_a_footnote_naming_its_sources(engine, dataset):
    html = _html(engine)
    refs = re.findall(r'<a href="#note-(\d+)" id="ref-\1">', html)
    assert len(refs) >= 10
    for number in refs:
        note = re.search(rf'<li id="note-{number}">(.*?)</li>', html, re.S)
        assert note, f"note {number} missing"
        assert "Rests on" in note.group(1) or "No event" in note.group(1)
    # Six key figures, each with its note.
    assert len(re.findall(r'<p class="value">[^<]*<sup class="ref">', html)) == 6
    officers = re.search(r'<li id="note-3">(.*?)</li>', html, re.S).group(1)
    assert "Rests on 1 event (E2)" in officers
    assert "Harbour Post, 2021-06-02" in officers and "Reuters-like Wire, 2022-11-05" in officers


def test_sources_list_publisher_title_date_and_address(engine, dataset):
    html = _html(engine)
    sources = html[html.index('<section class="block sources">') :]
    assert "Harbour Post</span>, “Kenyan officers complete course in China”, 2021-06-02" in sources
    assert 'href="https://harbour.example/kenya-police-training"' in sources
    # No publisher: the web address stands for it.
    assert "watchdog.example</span>" in sources
    assert "人民日报样例" in sources


def test_events_table_lists_every_counted_event_and_never_a_rejected_one(engine, dataset):
    html = _html(engine)
    assert len(re.findall(r'<tr id="event-\d+">', html)) == 7
    assert "Kenya&#39;s officers were trained in China" not in html
    assert "trained 2,000 Kenyan police officers" in html
    assert "ref-kenya-training" in html


def test_map_shades_recipients_and_timeline_shows_years(engine, dataset):
    html = _html(engine)
    assert "<title>Kenya: 3</title>" in html
    assert "<title>China: provider</title>" in html
    assert "<title>Serbia: 1</title>" in html
    assert re.search(r"<title>2018: Overseas station 1</title>", html)


def test_country_actor_and_type_reports(engine, dataset):
    kenya = _html(engine, country="ke")
    assert "<h1>Kenya</h1>" in kenya and "Country report" in kenya
    assert len(re.findall(r'<tr id="event-\d+">', kenya)) == 3
    assert 'stroke="#1d2733" stroke-width="1.6"><title>Kenya: 3' in kenya
    mps = _html(engine, actor="MPS")  # an alias
    assert "<h1>Ministry of Public Security</h1>" in mps
    assert len(re.findall(r'<tr id="event-\d+">', mps)) == 2
    training = _html(engine, type="training", country="KE")
    assert "<h1>Training in Kenya</h1>" in training


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"country": "XX"}, "country: 'XX'"),
        ({"type": "parade"}, "type: 'parade'"),
        ({"actor": "Nobody"}, "no actor named 'Nobody'"),
        ({"country": "FR"}, "no events match"),
    ],
)
def test_bad_or_empty_selection_is_refused_clearly(engine, dataset, spec, message):
    with pytest.raises(report.ReportError, match=message):
        _html(engine, **spec)


def test_pdf_renders_a_page_that_is_not_blank(engine, dataset, tmp_path):
    with session_scope(engine) as session:
        paths = report.write_report(
            session, report.ReportSpec(), tmp_path / "r.html", pdf_path=tmp_path / "r.pdf"
        )
    assert [p.name for p in paths] == ["r.html", "r.pdf"]
    pdf = pdfium.PdfDocument(str(tmp_path / "r.pdf"))
    try:
        assert len(pdf) >= 2
        image = pdf[0].render(scale=1).to_pil().convert("RGB")
    finally:
        pdf.close()
    width, height = image.size
    assert abs(width - 595) <= 1 and abs(height - 842) <= 1  # A4, in points
    colours = image.getcolors(maxcolors=width * height)  # [(count, (r, g, b))]
    inked = sum(count for count, (r, g, b) in colours if min(r, g, b) < 200)
    assert inked > 0.02 * width * height  # text, cards and the map, not an empty page
    # The map's gold provider colour (#d9a441) is on the first page.
    gold = (0xD9, 0xA4, 0x41)
    assert any(all(abs(c - g) < 12 for c, g in zip(rgb, gold, strict=True)) for _, rgb in colours)
