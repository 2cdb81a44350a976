import json

import pytest

from footprint.ingest.errors import InputError
from footprint.ingest.readers import (
    Parsed,
    Rejected,
    detect_format,
    normalise_date,
    read_csv,
    read_docx,
    read_html,
    read_jsonl,
    read_markdown,
    read_pdf,
    read_text,
)
from tests.samples import (
    ARTICLE,
    CHINESE,
    docx_bytes,
    encrypted_pdf_bytes,
    html_page,
    paged_pdf_bytes,
    pdf_bytes,
)


def _one(items) -> Parsed:
    assert len(items) == 1 and isinstance(items[0], Parsed), items
    return items[0]


def test_markdown_front_matter_gives_the_metadata_and_is_removed_from_the_text():
    data = (
        "---\ntitle: Academy opens\npublisher: Example Wire\npublished: 2016-05\n"
        "url: https://news.example/academy\nlanguage: en\n---\n# Academy opens\n\n" + ARTICLE
    ).encode()
    doc = _one(read_markdown("a.md", data))
    assert (doc.title, doc.publisher, doc.published, doc.url) == (
        "Academy opens",
        "Example Wire",
        "2016-05",
        "https://news.example/academy",
    )
    assert doc.text.startswith("# Academy opens") and "publisher:" not in doc.text
    assert doc.format == "md"


def test_text_without_front_matter_takes_its_first_line_as_title():
    doc = _one(read_text("b.txt", f"Patrol news\n\n{ARTICLE}".encode()))
    assert doc.title == "Patrol news" and doc.published is None


def test_broken_front_matter_keeps_the_whole_text():
    data = b"---\ntitle: [unclosed\n---\nBody text here."
    doc = _one(read_text("c.txt", data))
    assert "Body text here." in doc.text and doc.text.startswith("---")


def test_html_main_text_without_boilerplate_and_with_page_metadata():
    doc = _one(read_html("p.html", html_page()))
    assert "joint patrols with Serbia" in doc.text
    for boilerplate in ("Section number", "cookies", "Related stories", "Copyright", "newsletter"):
        assert boilerplate not in doc.text
    assert doc.title == "Patrols to continue"
    assert doc.publisher == "Example Times"
    assert doc.published == "2024-09-10"
    assert doc.language == "en"


def test_html_in_gb18030_is_decoded_by_its_meta_charset():
    page = html_page(
        title="联合巡逻", body=CHINESE * 3, publisher="示例日报", lang="zh-CN", charset="gb18030"
    )
    doc = _one(read_html("zh.html", page))
    assert CHINESE[:20] in doc.text
    assert doc.encoding == "gb18030" and doc.title == "联合巡逻"


def test_pdf_text_and_title():
    doc = _one(read_pdf("r.pdf", pdf_bytes()))
    assert "joint patrols with Serbia" in " ".join(doc.text.split())
    assert doc.title == "Training report" and doc.format == "pdf"


def test_pdf_pages_are_mended_into_running_text():
    body = [
        "Our survey found that a provincial college taught a course to investiga-",
        "tion officers from two neighbouring states.",
    ]
    pages = [
        body + ["The same college later signed a memo-"],
        ["randum on exchanges, and its staff visited the region."] + body,
        body,
    ]
    doc = _one(read_pdf("paper.pdf", paged_pdf_bytes(pages, "Working Paper 12 | Policing")))
    assert "Working Paper" not in doc.text and "Page " not in doc.text
    assert doc.text.count("investigation officers") == 3 and "investiga-" not in doc.text
    # the sentence cut by the page break is whole again, not two paragraphs
    assert "signed a memorandum on exchanges, and its staff" in doc.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n1 0 obj garbage", "corrupt PDF"),
        (pdf_bytes()[:300], "corrupt PDF"),
        (encrypted_pdf_bytes(), "encrypted PDF"),
    ],
)
def test_bad_pdfs_are_refused_with_a_reason(data, reason):
    with pytest.raises(InputError, match=reason):
        read_pdf("bad.pdf", data)


def test_docx_paragraphs_tables_and_title():
    data = docx_bytes(
        ["First paragraph on training.", "Second on patrols."],
        table=[["Country", "Officers"], ["Laos", "120"]],
    )
    doc = _one(read_docx("n.docx", data))
    assert "First paragraph on training." in doc.text and "Laos | 120" in doc.text
    assert doc.title == "Agreement note"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04 truncated zip", "corrupt DOCX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "password-protected"),
    ],
)
def test_bad_docx_are_refused_with_a_reason(data, reason):
    with pytest.raises(InputError, match=reason):
        read_docx("bad.docx", data)


def test_jsonl_dump_reads_every_good_row_and_rejects_bad_ones_by_line():
    rows = [
        json.dumps(
            {
                "url": "https://a.example/1",
                "title": "One",
                "date": "2023-07-10",
                "publisher": "Wire A",
                "text": ARTICLE,
            }
        ),
        "{not json",
        json.dumps({"title": "No text here"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps(
            {
                "link": "https://b.example/2",
                "headline": "Two",
                "published": "July 2023",
                "content": "<html><body><article><p>" + ARTICLE + "</p></article></body></html>",
            }
        ),
    ]
    items = read_jsonl("dump.jsonl", "\n".join(rows).encode())
    good = [i for i in items if isinstance(i, Parsed)]
    bad = {i.source: i.reason for i in items if isinstance(i, Rejected)}
    assert [d.source for d in good] == ["dump.jsonl#line=1", "dump.jsonl#line=6"]
    assert good[0].url == "https://a.example/1" and good[0].published == "2023-07-10"
    assert good[1].title == "Two" and good[1].published == "2023-07"
    assert "<p>" not in good[1].text and "joint patrols" in good[1].text
    assert set(bad) == {"dump.jsonl#line=2", "dump.jsonl#line=3", "dump.jsonl#line=4"}
    assert "invalid JSON" in bad["dump.jsonl#line=2"]
    assert "no text" in bad["dump.jsonl#line=3"]


def test_csv_dump_with_any_delimiter():
    data = (
        "url;title;date;text\n"
        f'https://a.example/1;One;2024-02-01;"{ARTICLE}"\n'
        "https://a.example/2;Empty;2024-02-02;\n"
    ).encode()
    items = read_csv("news.csv", data)
    assert isinstance(items[0], Parsed) and items[0].title == "One"
    assert items[0].source == "news.csv#row=1"
    assert isinstance(items[1], Rejected) and items[1].source == "news.csv#row=2"


def test_csv_without_a_text_column_is_refused():
    with pytest.raises(InputError, match="no text column"):
        read_csv("x.csv", b"url,title\nhttps://a.example,One\n")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024", "2024"),
        ("2024-09", "2024-09"),
        ("2024-09-10", "2024-09-10"),
        ("2024-09-10T08:30:00+08:00", "2024-09-10"),
        ("September 2024", "2024-09"),
        ("9 September 2024", "2024-09-10".replace("10", "09")),
        ("2024年9月9日", "2024-09-09"),
        ("2017年", "2017"),
        ("not a date", None),
        ("2024-13-45", None),
        ("", None),
        (None, None),
    ],
)
def test_dates_keep_their_precision_and_never_guess(value, expected):
    assert normalise_date(value) == expected


def test_format_from_content_type_then_extension_then_content():
    assert detect_format("x", b"", "text/html; charset=utf-8") == "html"
    assert detect_format("report.PDF", b"") == "pdf"
    assert detect_format("download", b"%PDF-1.4 ...") == "pdf"
    assert detect_format("page", b"<!DOCTYPE html><html>") == "html"
    assert detect_format("notes", b"plain words") == "txt"
    with pytest.raises(InputError, match="unsupported format '.png'"):
        detect_format("photo.png", b"\x89PNG")
