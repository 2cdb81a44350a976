"""Test documents the tests write themselves: HTML pages, PDFs, DOCX files, dumps.

The wording is the test suite's own; figures echo public facts only loosely, as text to
read, not as data anyone should cite.
"""

from __future__ import annotations

import io
from pathlib import Path

ARTICLE = (
    "Police academies in Kunming and Shandong ran courses for officers from several "
    "countries. The ministry said the joint patrols with Serbia would continue in summer. "
    "Observers in Belgrade asked which agreements covered the patrols."
)

CHINESE = "公安部表示，明年将为外国执法人员举办更多培训班，并继续与塞尔维亚开展联合巡逻。"
CHINESE_TRADITIONAL = (
    "公安部表示，明年將為外國執法人員舉辦更多培訓班，並繼續與塞爾維亞開展聯合巡邏。"
)


def html_page(
    title: str = "Patrols to continue",
    body: str = ARTICLE,
    publisher: str = "Example Times",
    date: str = "2024-09-10",
    lang: str = "en",
    charset: str = "utf-8",
) -> bytes:
    nav = "".join(f'<li><a href="/s{i}">Section number {i}</a></li>' for i in range(8))
    paragraphs = "".join(f"<p>{sentence}.</p>" for sentence in body.split(". ") if sentence)
    page = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}">
<title>{title} | {publisher}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{publisher}">
<meta property="article:published_time" content="{date}">
</head><body>
<nav><ul>{nav}</ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<article><h1>{title}</h1>{paragraphs}</article>
<aside><h2>Related stories</h2><ul><li><a href="/r1">Weather tomorrow</a></li></ul></aside>
<footer>Copyright 2024 {publisher}. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"""
    return page.encode(charset)


def pdf_bytes(text: str = ARTICLE, title: str = "Training report") -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def paged_pdf_bytes(pages: list[list[str]], header: str, footer: str = "Page {n}") -> bytes:
    """A PDF laid out as printed reports are: a running header and a numbered footer on
    every page, and the body set line by line as given (so a line may end in a hyphen)."""
    from fpdf import FPDF

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, header, new_x="LMARGIN", new_y="NEXT")

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, footer.format(n=self.page_no()))

    pdf = Report()
    for lines in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def encrypted_pdf_bytes(password: str = "secret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes())).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(paragraphs: list[str], title: str = "Agreement note", table=None) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = title
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path
