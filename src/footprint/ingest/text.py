"""Text stages of ingestion: decode bytes, clean, fingerprint, detect the language."""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import re
import unicodedata
from functools import cache

from charset_normalizer import from_bytes

from footprint.ingest.errors import InputError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# Control characters other than tab and newline, and zero-width/BOM characters.
_JUNK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_PUNCTUATION = re.compile("[\u3000-\u303f\uff00-\uffef\u2010-\u206f]")
_LETTER = re.compile(r"[^\W\d_]")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    # GB2312 and GBK pages routinely use characters only GB18030 (their superset) has.
    return "gb18030" if codec in {"gb2312", "gbk", "gb18030"} else codec


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, if any."""
    match = _META_CHARSET.search(data[:4096])
    return _codec(match.group(1).decode("ascii")) if match else None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text, returning (text, encoding).

    Order: byte-order mark, then strict UTF-8, then a declared charset that decodes
    cleanly, then detection. Raises InputError when nothing decodes the bytes as text.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name), name
    if b"\x00" in data[:8192]:
        raise InputError("binary content (NUL bytes), not text")
    # Valid UTF-8 is rarely an accident, while pages often declare the wrong charset.
    for name in ("utf-8", _codec(declared)):
        if name:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                pass
    chinese = _guess_chinese(data)
    if chinese:
        return chinese
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("cannot detect the text encoding")
    name = _codec(best.encoding) or best.encoding
    try:
        return data.decode(name), name
    except UnicodeDecodeError as exc:  # detection guessed a codec that does not fit
        raise InputError(f"cannot decode as {name}: {exc.reason}") from None


def _common_han_share(text: str, codec: str, lead_bytes: range) -> float:
    """Share of the non-ASCII characters in ``text`` that are among the codec's common set
    (GB2312 level 1 for GB18030, Big5 level 1 for Big5)."""
    # Kana, Hangul or symbols where Chinese was expected count against the codec.
    wide = [c for c in text if ord(c) > 0x7F and not _CJK_PUNCTUATION.match(c)]
    if len(_HAN.findall(text)) < 2:
        return 0.0
    common = 0
    for char in wide:
        with contextlib.suppress(UnicodeEncodeError):
            common += char.encode(codec)[0] in lead_bytes
    return common / len(wide)


def _guess_chinese(data: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5, told apart by which decoding yields common characters.

    General detectors confuse short Chinese texts with Korean or Japanese; a wrong codec
    still decodes, but into rare characters, which this measures.
    """
    scores = []
    for codec, common_set, lead_bytes in (
        ("gb18030", "gb2312", range(0xB0, 0xD8)),
        ("big5", "big5", range(0xA4, 0xC7)),
    ):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        scores.append((_common_han_share(text, common_set, lead_bytes), codec, text))
    if not scores:
        return None
    share, codec, text = max(scores)
    return (text, codec) if share >= 0.75 else None


def clean(text: str) -> str:
    """Normalise to NFC, drop control and zero-width characters, tidy whitespace.

    Spans of later stages point into this cleaned text, so it must stay readable and
    faithful: no case folding, no compatibility mapping.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _JUNK.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# --- PDF pages -------------------------------------------------------------------------
# A PDF's text layer keeps what the printed page needs and a reader does not: the running
# header and footer on every page, page numbers, and words hyphenated at the line end. Left
# in, they cut sentences apart ("… the investiga- tion units …", a header mid-sentence).

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—]?\s*\d{1,4}\s*(?:[-–—]|(?:of|/)\s*\d{1,4})?$|^第\s*\d{1,4}\s*页", re.I
)
_LINE_END_HYPHEN = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_SENTENCE_END = (".", "!", "?", ":", "。", "！", "？", "：", "”", '"', ")")


def _edge_lines(lines: list[str], edge: int = 2) -> list[int]:
    """Indexes of the first and last `edge` non-empty lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:edge] + filled[-edge:]))


def _running_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def mend_pages(pages: list[str]) -> str:
    """Join a PDF's page texts into running text: drop running headers and footers (the
    same line, numbers aside, at the edge of at least half the pages) and bare page
    numbers, rejoin words hyphenated at a line end, and let a sentence run on over a
    page break."""
    split = [page.split("\n") for page in pages]
    seen: dict[str, int] = {}
    for lines in split:
        for key in {_running_key(lines[i]) for i in _edge_lines(lines)}:
            seen[key] = seen.get(key, 0) + 1
    running = {k for k, n in seen.items() if len(pages) >= 3 and n >= max(3, len(pages) / 2)}
    kept: list[str] = []
    for lines in split:
        edges = set(_edge_lines(lines))
        body = [
            line
            for i, line in enumerate(lines)
            if i not in edges
            or not (_running_key(line) in running or _PAGE_NUMBER.match(line.strip()))
        ]
        text = "\n".join(body).strip()
        if text:
            kept.append(text)
    joined = ""
    for text in kept:
        if not joined:
            joined = text
        elif joined.endswith(_SENTENCE_END) or not text[:1].islower():
            joined += "\n\n" + text
        else:  # the sentence goes on over the page break
            joined += ("\n" if joined.endswith("-") else " ") + text
    return _LINE_END_HYPHEN.sub("", joined)


def fingerprint(text: str) -> str:
    """sha256 of the text with case, width and whitespace differences folded away, so the
    same article saved twice (or as HTML and as text) counts as one document."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return hashlib.sha256(" ".join(folded.split()).encode("utf-8")).hexdigest()


# Languages of the documents this field meets: national languages of provider and
# recipient countries. Restricting the model keeps it from picking regional dialects.
# fmt: off
LANGUAGES = (
    "en", "zh", "fr", "es", "de", "ru", "ar", "pt", "it", "nl", "ja", "ko", "vi", "th", "id",
    "ms", "tr", "fa", "ur", "hi", "bn", "sr", "hr", "hu", "pl", "uk", "kk", "ky", "uz", "tg",
    "mn", "sw", "am", "tl", "my", "km", "lo", "ne", "si", "ta", "ps", "el", "ro", "cs", "sk",
    "sl", "bg",
)
# fmt: on


@cache
def _identifier():
    import py3langid.langid as langid

    identifier = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str, declared: str | None = None) -> str:
    """ISO 639-1 code of the text's main language, 'und' when it cannot be told.

    Chinese is told by its script (reliable even for short texts); other languages by
    py3langid's bundled model. A declared language is used only when detection is unsure.
    """
    sample = text[:5000]
    letters = len(_LETTER.findall(sample))
    fallback = (declared or "und").split("-")[0].split("_")[0].lower()[:8]
    if letters == 0:
        return fallback
    if len(_HAN.findall(sample)) / letters >= 0.3:
        return "zh"
    language, probability = _identifier().classify(sample)
    if probability >= 0.7 and letters >= 20:
        return language
    return fallback
