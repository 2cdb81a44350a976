"""Readers: one function per format, each turning an input's bytes into documents.

A reader returns a list because a news dump holds many articles; a bad row in a dump
becomes a ``Rejected`` item and the rest go on. A reader raises ``InputError`` when the
whole input is unusable (corrupt, encrypted, no text).
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any

import yaml
from dateutil import parser as dateparser

from footprint.ingest.errors import InputError
from footprint.ingest.text import declared_charset, decode, mend_pages


@dataclass
class Parsed:
    """A document as read, before cleaning and storage."""

    source: str
    text: str
    format: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None  # as declared by the input, if it says
    encoding: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Rejected:
    """One item inside an input (a row of a dump) that could not be read."""

    source: str
    reason: str


Reader = Callable[[str, bytes, str | None], list[Parsed | Rejected]]

EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}
CONTENT_TYPES = {
    "text/plain": "txt",
    "text/markdown": "md",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "text/csv": "csv",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def content_type_charset(content_type: str | None) -> str | None:
    match = re.search(r"charset\s*=\s*\"?([\w\-]+)", content_type or "", re.I)
    return match.group(1) if match else None


def detect_format(name: str, data: bytes, content_type: str | None = None) -> str:
    """Pick a reader from the content type, the file extension, then the leading bytes."""
    if content_type:
        fmt = CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())
        if fmt:
            return fmt
    suffix = PurePosixPath(name.split("?")[0].split("#")[0]).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "pdf"
    if head.startswith(b"pk\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if not suffix or content_type:
        return "txt"
    raise InputError(f"unsupported format {suffix!r}")


# --- metadata helpers ------------------------------------------------------------------

_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_ZH_DATE = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")


def _from_parts(year: str, month: str | None, day: str | None) -> str | None:
    try:
        if day:
            return date(int(year), int(month or 0), int(day)).isoformat()
        if month:
            return date(int(year), int(month), 1).isoformat()[:7]
        return f"{int(year):04d}" if 1000 <= int(year) <= 2999 else None
    except ValueError:
        return None


def normalise_date(value: Any) -> str | None:
    """ISO 8601 at the precision given ("2024", "2024-09", "2024-09-10"); None when the
    value cannot be read as a date (never a guess)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return _from_parts(str(value), None, None)
    text = str(value).strip()
    for pattern in (_ISO_PARTIAL, _ZH_DATE):
        match = pattern.match(text)
        if match:
            return _from_parts(*match.groups())
    try:
        # Parse twice with different defaults: a field that changes was not in the text.
        first = dateparser.parse(text, default=datetime(2000, 1, 1))
        second = dateparser.parse(text, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        return None
    if first.year != second.year:
        return None
    if first.month != second.month:
        return f"{first.year:04d}"
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    return first.date().isoformat()


def _pick(row: Mapping[str, Any], *keys: str) -> Any:
    lowered = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    for key in keys:
        value = lowered.get(key)
        if value not in (None, ""):
            return value
    return None


def _str(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


TITLE_KEYS = ("title", "headline")
PUBLISHER_KEYS = ("publisher", "source", "site", "sitename", "outlet", "site_name")
DATE_KEYS = ("published", "date", "published_at", "pubdate", "publish_date", "datetime")
URL_KEYS = ("url", "link", "address")
LANGUAGE_KEYS = ("language", "lang")
TEXT_KEYS = ("text", "content", "body", "article", "maintext")


def _metadata(source: str, row: Mapping[str, Any], text: str, fmt: str, **kw: Any) -> Parsed:
    return Parsed(
        source=source,
        text=text,
        format=fmt,
        title=_str(_pick(row, *TITLE_KEYS)),
        publisher=_str(_pick(row, *PUBLISHER_KEYS)),
        published=normalise_date(_pick(row, *DATE_KEYS)),
        url=_str(_pick(row, *URL_KEYS)),
        language=_str(_pick(row, *LANGUAGE_KEYS)),
        **kw,
    )


# --- plain text and Markdown -----------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_HEADING = re.compile(r"^#{1,3}\s+(.+)$", re.M)


def read_text(
    source: str, data: bytes, charset: str | None = None, fmt: str = "txt"
) -> list[Parsed | Rejected]:
    text, encoding = decode(data, charset)
    meta: Mapping[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            loaded = None  # not front matter after all: keep the text whole
        if isinstance(loaded, dict):
            meta, text = loaded, text[match.end() :]
    parsed = _metadata(source, meta, text, fmt, encoding=encoding)
    if parsed.title is None:
        heading = _HEADING.search(text) if fmt == "md" else None
        first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
        parsed.title = (heading.group(1).strip() if heading else first_line[:200]) or None
    return [parsed]


def read_markdown(source: str, data: bytes, charset: str | None = None) -> list[Parsed | Rejected]:
    return read_text(source, data, charset, "md")


# --- HTML ------------------------------------------------------------------------------

_HTML_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z\-]+)", re.I)


def _html_document(source: str, html: str, encoding: str | None) -> Parsed:
    import trafilatura

    body = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=True,
    )
    if not body:
        body = trafilatura.html2txt(html) or ""
    meta = trafilatura.extract_metadata(
        html, extensive=False, date_config={"extensive_search": False, "original_date": True}
    )
    lang = _HTML_LANG.search(html[:4096])
    return Parsed(
        source=source,
        text=body,
        format="html",
        title=_str(meta.title) if meta else None,
        publisher=_str(meta.sitename) if meta else None,
        published=normalise_date(meta.date) if meta else None,
        url=_str(meta.url) if meta else None,
        language=lang.group(1) if lang else None,
        encoding=encoding,
    )


def read_html(source: str, data: bytes, charset: str | None = None) -> list[Parsed | Rejected]:
    html, encoding = decode(data, charset or declared_charset(data))
    return [_html_document(source, html, encoding)]


# --- PDF and DOCX ----------------------------------------------------------------------


def read_pdf(source: str, data: bytes, charset: str | None = None) -> list[Parsed | Rejected]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings would flood the bar
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("encrypted PDF: a password is required")
        text = mend_pages([(page.extract_text() or "").strip() for page in reader.pages])
        title = reader.metadata.title if reader.metadata else None
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise InputError(f"corrupt PDF: {type(exc).__name__}: {exc}".split("\n")[0]) from None
    except NotImplementedError as exc:  # e.g. an encryption algorithm pypdf cannot handle
        raise InputError(f"encrypted PDF: {exc}") from None
    if not text.strip():
        raise InputError("PDF has no extractable text (scanned images? OCR is not supported)")
    return [Parsed(source=source, text=text, format="pdf", title=_str(title))]


def read_docx(source: str, data: bytes, charset: str | None = None) -> list[Parsed | Rejected]:
    import docx

    if data.startswith(_OLE_MAGIC):
        raise InputError("password-protected DOCX or legacy .doc file: not supported")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"corrupt DOCX: {exc}") from None
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.append(" | ".join(cell.text for cell in row.cells))
    title = document.core_properties.title or None
    return [Parsed(source=source, text="\n\n".join(blocks), format="docx", title=title)]


# --- news dumps: one article per row ---------------------------------------------------


def _dump_row(source: str, row: Mapping[str, Any], fmt: str) -> Parsed | Rejected:
    body = _pick(row, *TEXT_KEYS)
    if not isinstance(body, str) or not body.strip():
        return Rejected(source, f"no text in any of the columns {', '.join(TEXT_KEYS)}")
    if body.lstrip().startswith("<"):  # some dumps store the page's HTML
        parsed = _html_document(source, body, None)
        merged = _metadata(source, row, parsed.text, fmt)
        for name in ("title", "publisher", "published", "url", "language"):
            if getattr(merged, name) is None:
                setattr(merged, name, getattr(parsed, name))
        return merged
    return _metadata(source, row, body, fmt)


def read_jsonl(source: str, data: bytes, charset: str | None = None) -> list[Parsed | Rejected]:
    text, encoding = decode(data, charset)
    items: list[Parsed | Rejected] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}#line={number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            items.append(Rejected(where, f"invalid JSON: {exc.msg} at column {exc.colno}"))
            continue
        if not isinstance(row, dict):
            items.append(Rejected(where, "not a JSON object"))
            continue
        items.append(_dump_row(where, row, "jsonl"))
    for item in items:
        if isinstance(item, Parsed):
            item.encoding = encoding
    return items


def read_csv(source: str, data: bytes, charset: str | None = None) -> list[Parsed | Rejected]:
    text, encoding = decode(data, charset)
    csv.field_size_limit(64 * 1024 * 1024)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    columns = {c.strip().lower() for c in reader.fieldnames or []}
    if not columns & set(TEXT_KEYS):
        raise InputError(f"CSV has no text column (expected one of {', '.join(TEXT_KEYS)})")
    items: list[Parsed | Rejected] = []
    try:
        for number, row in enumerate(reader, start=1):
            item = _dump_row(f"{source}#row={number}", row, "csv")
            if isinstance(item, Parsed):
                item.encoding = encoding
            items.append(item)
    except csv.Error as exc:
        items.append(Rejected(f"{source}#row={reader.line_num}", f"malformed CSV: {exc}"))
    return items


READERS: dict[str, Reader] = {
    "txt": read_text,
    "md": read_markdown,
    "html": read_html,
    "pdf": read_pdf,
    "docx": read_docx,
    "jsonl": read_jsonl,
    "csv": read_csv,
}
