import codecs

import pytest

from footprint.ingest.errors import InputError
from footprint.ingest.text import clean, decode, detect_language, fingerprint, mend_pages
from tests.samples import ARTICLE, CHINESE, CHINESE_TRADITIONAL


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (CHINESE, "gb18030"),
        (CHINESE[:8], "gb18030"),
        (CHINESE_TRADITIONAL, "big5"),
        (CHINESE_TRADITIONAL[:8], "big5"),
        (ARTICLE + " Café.", "utf-8"),
        ("Сербия и Китай: совместное патрулирование полиции в Белграде.", "cp1251"),
    ],
)
def test_decode_tells_the_encoding(text, codec):
    decoded, encoding = decode(text.encode(codec))
    assert decoded == text
    assert codecs.lookup(encoding).name == codecs.lookup(codec).name


def test_declared_charset_wins_when_it_fits_and_boms_are_honoured():
    assert decode(CHINESE.encode("gbk"), "gb2312") == (CHINESE, "gb18030")
    assert decode(codecs.BOM_UTF8 + b"hello")[0] == "hello"
    assert decode("hello".encode("utf-16"))[0] == "hello"
    # a page that declares the wrong charset is still read right when it is UTF-8
    assert decode(CHINESE.encode("utf-8"), "iso-8859-1") == (CHINESE, "utf-8")


def test_binary_content_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_clean_keeps_text_readable_and_drops_junk():
    raw = "Title\r\n\r\n\r\n\r\nFirst\u200b line  with\t\tspaces \n\x07Second\u3000line\ufeff"
    assert clean(raw) == "Title\n\nFirst line with spaces\nSecond line"


def test_fingerprint_ignores_case_width_and_whitespace_but_not_words():
    assert fingerprint("China  trained\n2,700 officers") == fingerprint(
        "china trained 2,700 OFFICERS"
    )
    assert fingerprint("ＡＢＣ 警察") == fingerprint("abc 警察")
    assert fingerprint("trained 2,700 officers") != fingerprint("trained 2,000 officers")


def test_detect_language():
    assert detect_language(ARTICLE) == "en"
    assert detect_language(CHINESE) == "zh"
    assert detect_language(CHINESE_TRADITIONAL) == "zh"
    assert (
        detect_language("La policía de Serbia y China realizó patrullas conjuntas en Belgrado.")
        == "es"
    )
    assert detect_language("2024 — 12 / 7") == "und"
    assert detect_language("2024 — 12 / 7", declared="en-GB") == "en"


def test_mend_pages_keeps_what_is_not_running_matter():
    bodies = ["Laos came first.", "Then Fiji.", "Kenya joined in 2021.", "Peru did not."]
    pages = [f"Annual report 2024\n{body}\n{n}" for n, body in enumerate(bodies, 1)]
    assert mend_pages(pages).split("\n\n") == bodies
    # two pages are too few to tell a running header from a repeated heading
    assert mend_pages(["Summary\nOne.", "Summary\nTwo."]) == "Summary\nOne.\n\nSummary\nTwo."
    # a hyphen between a word and a capital, or a number, is not a line-end break
    assert mend_pages(["Sino-\nAfrican ties and 2018-\n2021 plans."]) == (
        "Sino-\nAfrican ties and 2018-\n2021 plans."
    )
    assert mend_pages(["第 1 页\n中方培训了学员。", "第 2 页\n双方签署协议。"]) == (
        "中方培训了学员。\n\n双方签署协议。"
    )
