from sqlalchemy import select

from footprint import documents
from footprint.db import session_scope
from footprint.ingest import ingest
from footprint.model import Document, Quarantine
from tests.samples import (
    ARTICLE,
    CHINESE,
    CHINESE_TRADITIONAL,
    docx_bytes,
    encrypted_pdf_bytes,
    html_page,
    pdf_bytes,
    write,
)


def _good_and_bad_folder(root):
    good = {
        "a/report.txt": f"Training note\n\n{ARTICLE}",
        "a/page.html": html_page(),
        "b/report.pdf": pdf_bytes("The academy trained officers from Laos and Cambodia."),
        "b/note.docx": docx_bytes(["Agreement signed with the Solomon Islands police."]),
        "c/zh-gb.txt": CHINESE.encode("gb18030"),
        "c/zh-big5.txt": CHINESE_TRADITIONAL.encode("big5"),
    }
    bad = {
        "bad/empty.txt": b"",
        "bad/corrupt.pdf": b"%PDF-1.5\n%%EOF garbage",
        "bad/locked.pdf": encrypted_pdf_bytes(),
        "bad/broken.docx": b"PK\x03\x04 not really a zip",
        "bad/binary.txt": bytes(range(256)) * 4,
        "bad/big.txt": b"x" * 50_000,
        "bad/image.png": b"\x89PNG\r\n",
        "bad/blank.md": b"   \n\n\t\n",
    }
    for name, data in {**good, **bad}.items():
        write(root / name, data)
    write(root / ".git" / "config", b"[core]")  # hidden: skipped, counted
    return good, bad


def test_a_batch_goes_past_bad_inputs_and_loses_nothing_good(engine, tmp_path):
    good, bad = _good_and_bad_folder(tmp_path / "in")
    report = ingest(engine, [str(tmp_path / "in"), str(tmp_path / "missing.txt")], max_bytes=40_000)
    assert len(report.new) == len(good)
    assert report.failed
    reasons = dict(report.quarantined)
    assert set(reasons) == {str(tmp_path / "in" / n) for n in bad} | {str(tmp_path / "missing.txt")}
    expected = {
        "empty.txt": "empty file",
        "corrupt.pdf": "corrupt PDF",
        "locked.pdf": "encrypted PDF",
        "broken.docx": "corrupt DOCX",
        "binary.txt": "binary",
        "big.txt": "too large",
        "image.png": "unsupported format",
        "blank.md": "no text",
    }
    for name, words in expected.items():
        assert words in reasons[str(tmp_path / "in" / "bad" / name)], reasons
    assert all("\n" not in reason for reason in reasons.values())
    assert report.hidden_skipped == 1
    with session_scope(engine) as session:
        stored = {d.source.split("/in/")[1]: d for d in session.scalars(select(Document))}
        assert set(stored) == set(good)
        assert stored["c/zh-gb.txt"].language == "zh" and stored["c/zh-gb.txt"].text == CHINESE
        assert stored["c/zh-big5.txt"].encoding == "big5"
        assert stored["a/page.html"].publisher == "Example Times"
        assert stored["b/report.pdf"].language == "en"
        assert len(documents.list_quarantine(session)) == len(bad) + 1
    assert "6 new, 0 duplicate, 9 quarantined" in report.summary()


def test_reingesting_adds_nothing_and_same_text_elsewhere_is_a_duplicate(engine, tmp_path):
    write(tmp_path / "one.txt", ARTICLE)
    first = ingest(engine, [str(tmp_path)])
    write(tmp_path / "copy.md", "  " + ARTICLE.replace(" ", "  ").upper() + "\n\n")
    second = ingest(engine, [str(tmp_path)])
    assert len(first.new) == 1
    assert second.new == [] and len(second.duplicates) == 2
    assert {source.rsplit("/", 1)[1] for source, _ in second.duplicates} == {"one.txt", "copy.md"}
    assert {doc_id for _, doc_id in second.duplicates} == set(first.new)
    with session_scope(engine) as session:
        assert documents.count(session) == 1


def test_a_fixed_input_leaves_quarantine(engine, tmp_path):
    path = write(tmp_path / "later.txt", b"")
    ingest(engine, [str(path)])
    ingest(engine, [str(path)])
    with session_scope(engine) as session:
        (row,) = documents.list_quarantine(session)
        assert row.attempts == 2 and row.reason == "empty file"
    write(path, ARTICLE)
    report = ingest(engine, [str(path)])
    assert len(report.new) == 1 and not report.failed
    with session_scope(engine) as session:
        assert documents.list_quarantine(session) == []
        assert session.scalar(select(Quarantine)).resolved_at is not None


def test_urls_are_fetched_and_failures_quarantined(engine, site, closed_port_url):
    page = site.add("/news/patrols.html", html_page())
    zh_page = site.add(
        "/zh/story",
        html_page(title="培训", body=CHINESE * 2, lang="zh", charset="gb18030"),
        content_type="text/html; charset=GB18030",
    )
    dump = site.add(
        "/dump.jsonl",
        ('{"title": "Row", "text": "' + ARTICLE + ' Extra."}\n').encode(),
        content_type="application/x-ndjson",
    )
    pdf = site.add("/files/report", pdf_bytes(), content_type="application/pdf")
    missing = site.base + "/nope.html"
    big = site.add("/big.html", b"<html>" + b"x" * 10_000 + b"</html>")
    report = ingest(
        engine, [page, zh_page, dump, pdf, missing, closed_port_url, big], max_bytes=8_000
    )
    reasons = dict(report.quarantined)
    assert len(report.new) == 4, reasons
    assert reasons[missing] == "HTTP 404 Not Found"
    assert reasons[closed_port_url].startswith("unreachable")
    assert reasons[big].startswith("too large")
    with session_scope(engine) as session:
        by_source = {d.source: d for d in session.scalars(select(Document))}
        assert by_source[page].url == page and by_source[page].title == "Patrols to continue"
        assert by_source[zh_page].language == "zh" and CHINESE[:10] in by_source[zh_page].text
        assert by_source[pdf].format == "pdf"
        assert by_source[dump + "#line=1"].title == "Row"
