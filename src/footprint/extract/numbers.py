"""Numbers as written in English and Chinese news: "2,700", "3000", "three thousand",
"1.2 million", "三千", "1.2万", "两千五百". Unreadable numbers give None, never a guess."""

from __future__ import annotations

import re

_EN_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
EN_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?:thousand|million|billion))?"
    r"|(?:an?\s+(?:hundred|thousand|million|dozen)\b"
    r"|(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million|dozen)\b(?:[\s-]+(?:and\s+)?)?)+)"
)

_ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_SMALL = {"十": 10, "百": 100, "千": 1000}
_ZH_LARGE = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
ZH_NUMBER = r"(?:\d+(?:[.,]\d+)*\s*[万萬亿億]?|[零〇一二两兩三四五六七八九十百千万萬亿億]+)"


def parse_en(value: str) -> int | None:
    text = value.strip().lower().replace(",", "")
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion)?", text)
    if match:
        number = float(match.group(1)) * _EN_SCALES.get(match.group(2) or "", 1)
        return int(round(number))
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if not words:
        return None
    total, current = 0, 0
    for word in words:
        if word in _EN_UNITS:
            current += _EN_UNITS[word]
        elif word in ("hundred", "dozen"):
            current = max(current, 1) * (100 if word == "hundred" else 12)
        elif word in _EN_SCALES:
            total += max(current, 1) * _EN_SCALES[word]
            current = 0
        else:
            return None
    result = total + current
    return result or None


def parse_zh(value: str) -> int | None:
    text = value.strip().replace(",", "")
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([万萬亿億])?", text)
    if match:
        return int(round(float(match.group(1)) * _ZH_LARGE.get(match.group(2) or "", 1)))
    if not text or any(
        c not in _ZH_DIGITS and c not in _ZH_SMALL and c not in _ZH_LARGE for c in text
    ):
        return None
    total, section, digit = 0, 0, None
    for char in text:
        if char in _ZH_DIGITS:
            digit = _ZH_DIGITS[char]
        elif char in _ZH_SMALL:
            section += (1 if digit is None else digit) * _ZH_SMALL[char]
            digit = None
        else:
            total += (section + (digit or 0) or 1) * _ZH_LARGE[char]
            section, digit = 0, None
    result = total + section + (digit or 0)
    return result or None
