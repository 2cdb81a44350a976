"""Gazetteers: countries, regional groupings, provider-side actors and venues, as data files.

Files in this folder are the defaults. Users extend them without code: put YAML files of
the same shapes in a folder named by ``FOOTPRINT_GAZETTEER_DIR`` (or pass ``extra_dirs``);
their names are added to the defaults.

``Gazetteer.tag(text)`` finds every name in a text (English case-insensitively, with word
boundaries; Chinese by longest match) and returns non-overlapping tags, longest first.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

ENV_VAR = "FOOTPRINT_GAZETTEER_DIR"


@dataclass(frozen=True)
class Entry:
    """Something a name can refer to."""

    kind: str  # country | grouping | actor | place | publisher | general_forum
    key: str  # ISO code, grouping key, actor key, or the place's own name
    label: str
    country: str | None = None  # the country it is (country), belongs to (actor, place)
    region: str | None = None  # codebook region (grouping)
    members: tuple[str, ...] = ()  # member countries (grouping)
    actor_kind: str | None = None  # agency | academy | company | organisation


@dataclass(frozen=True)
class Tag:
    start: int
    end: int
    text: str
    entry: Entry


@dataclass
class Gazetteer:
    entries: list[Entry] = field(default_factory=list)
    names: dict[tuple[str, bool], Entry] = field(default_factory=dict)  # (name, exact case)
    countries: dict[str, Entry] = field(default_factory=dict)
    groupings: dict[str, Entry] = field(default_factory=dict)
    _automaton: Any = None

    def add(self, entry: Entry, names: Iterable[str], case_sensitive: bool = False) -> None:
        self.entries.append(entry)
        for name in names:
            name = str(name).strip()
            if name:
                key = name if case_sensitive else name.lower()
                self.names.setdefault((key, case_sensitive), entry)
        self._automaton = None

    def _build(self) -> Any:
        automaton = ahocorasick.Automaton()
        by_pattern: dict[str, list[tuple[str, bool, Entry]]] = {}
        for (name, exact), entry in self.names.items():
            by_pattern.setdefault(name.lower(), []).append((name, exact, entry))
        for pattern, options in by_pattern.items():
            automaton.add_word(pattern, (len(pattern), options))
        automaton.make_automaton()
        return automaton

    def tag(self, text: str) -> list[Tag]:
        if self._automaton is None:
            self._automaton = self._build()
        lowered = text.lower()
        if len(lowered) != len(text):  # rare characters whose lower case is longer
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        found: list[Tag] = []
        for end_index, (length, options) in self._automaton.iter(lowered):
            start, end = end_index - length + 1, end_index + 1
            if not _bounded(text, start, end):
                continue
            surface = text[start:end]
            for name, exact, entry in options:
                if not exact or surface == name:
                    found.append(Tag(start, end, surface, entry))
                    break
        found += self._pair_runs(text)
        return [t for t in _longest_first(found) if not _not_the_country(text, t)]

    def _pair_runs(self, text: str) -> list[Tag]:
        """中老缅泰 (China, Laos, Myanmar, Thailand): after the pair 中老, each further
        one-character short form names one more country, as the pairs file spells them."""
        tags = []
        for run in _ZH_PAIR_RUN.finditer(text):
            for offset in range(run.start() + 2, run.end()):
                entry = self.names.get(("中" + text[offset], False))
                if entry is not None:
                    tags.append(Tag(offset, offset + 1, text[offset], entry))
        return tags


# 中 and two or more partners' short forms in a row. Only short forms that are not also
# common words in such a run (not 乌, which is Uzbekistan or Ukraine).
_ZH_PAIR_RUN = re.compile(r"中[老缅緬泰柬越哈吉塔蒙俄]{2,5}")


# "Spanish interpreters", "Serbian-speaking", "officers who speak Serbian": a language,
# not the country.
_LANGUAGE_AFTER = re.compile(
    r"[\s-]*(language|speaking|speakers?|interpret(ers?|ation)|translat(ors?|ion)|subtitle)",
    re.I,
)
_LANGUAGE_BEFORE = re.compile(r"\b(speaks?|speaking|spoke|fluent|in fluent)\s+$", re.I)


# "the Budapest Convention", "Helsinki Committee", "Bangkok Post": a name inside the proper
# name of a treaty, a group or a newspaper, which is not about that country.
_NAMED_AFTER = re.compile(
    r"\s+(Conventions?|Committee|Post|Times|Daily|Declaration|Process|Principles|Club|"
    r"Consensus|Accords?|Rules|Statute)\b"
)


def _not_the_country(text: str, tag: Tag) -> bool:
    """A country's name used for something else: a language, an interviewer's label, part
    of a treaty's or a newspaper's name."""
    if tag.text == "中老" and text[tag.end : tag.end + 1] == "年":
        return True  # 中老年: the middle-aged and the old
    if tag.entry.kind != "country" or not tag.text[:1].isupper():
        return False
    if _speaker_label(text, tag) or _NAMED_AFTER.match(text, tag.end):
        return True
    if text[max(0, tag.start - 7) : tag.start].lower() == "ethnic ":
        return True  # "ethnic Kyrgyz traders": a people, not the state
    return bool(
        _LANGUAGE_AFTER.match(text, tag.end)
        or _LANGUAGE_BEFORE.search(text[max(0, tag.start - 20) : tag.start])
    )


def _speaker_label(text: str, tag: Tag) -> bool:
    """An interview's "CAR: ..." at the start of a line names the interviewer, not the
    Central African Republic."""
    at_line_start = tag.start == 0 or text[tag.start - 1] == "\n"
    return at_line_start and tag.text.isupper() and text[tag.end : tag.end + 1] in (":", "：")


def _is_word_char(char: str) -> bool:
    return char.isalnum() and not _is_cjk(char)


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _bounded(text: str, start: int, end: int) -> bool:
    """Latin names must not start or end inside a word; CJK names need no boundary."""
    if _is_word_char(text[start]) and start > 0 and _is_word_char(text[start - 1]):
        return False
    return not (_is_word_char(text[end - 1]) and end < len(text) and _is_word_char(text[end]))


def _longest_first(tags: list[Tag]) -> list[Tag]:
    """Leftmost-longest: of overlapping names the one that starts first wins, and of those
    starting together the longest ("东南亚国家" is Southeast Asia, not 南亚国家)."""
    chosen: list[Tag] = []
    end = -1
    for tag in sorted(tags, key=lambda t: (t.start, -(t.end - t.start))):
        if tag.start >= end:
            chosen.append(tag)
            end = tag.end
    return chosen


# --- loading -----------------------------------------------------------------------------


def _read(path: Path | Any) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def _load_countries(gazetteer: Gazetteer, data: dict[str, Any]) -> None:
    for code, item in data.items():
        code = str(code).upper()
        entry = gazetteer.countries.get(code) or Entry(
            "country", code, item.get("name", code), country=code
        )
        gazetteer.countries[code] = entry
        gazetteer.add(
            entry,
            [
                *item.get("en", []),
                *item.get("adjectives", []),
                *item.get("zh", []),
                *item.get("zh_adjectives", []),
            ],
        )
        gazetteer.add(entry, item.get("en_case_sensitive", []), case_sensitive=True)


def _load_groupings(gazetteer: Gazetteer, data: dict[str, Any]) -> None:
    for key, item in (data.get("groupings") or {}).items():
        entry = Entry(
            "grouping",
            key,
            key,
            region=item.get("region"),
            members=tuple(str(m).upper() for m in item.get("members") or ()),
        )
        gazetteer.groupings[key] = entry
        gazetteer.add(entry, [*item.get("en", []), *item.get("zh", [])])
        gazetteer.add(entry, item.get("en_case_sensitive", []), case_sensitive=True)


def _load_actors(gazetteer: Gazetteer, data: dict[str, Any]) -> None:
    for key, item in (data.get("actors") or {}).items():
        entry = Entry(
            "actor", key, item["name"], country=item.get("country"), actor_kind=item.get("kind")
        )
        gazetteer.add(entry, [item["name"], *item.get("en", []), *item.get("zh", [])])
        gazetteer.add(entry, item.get("en_case_sensitive", []), case_sensitive=True)


def _load_places(gazetteer: Gazetteer, data: dict[str, Any]) -> None:
    for country, item in (data.get("places") or {}).items():
        for name in [*item.get("en", []), *item.get("zh", [])]:
            gazetteer.add(Entry("place", str(name), str(name), country=str(country)), [name])


def _load_publishers(gazetteer: Gazetteer, data: dict[str, Any]) -> None:
    names = data.get("publishers") or {}
    for name in [*names.get("en", []), *names.get("zh", [])]:
        gazetteer.add(Entry("publisher", str(name), str(name)), [name])


def _load_forums(gazetteer: Gazetteer, data: dict[str, Any]) -> None:
    names = data.get("forums") or {}
    for name in [*names.get("en", []), *names.get("zh", [])]:
        gazetteer.add(Entry("general_forum", str(name), str(name)), [name])


LOADERS = {
    "countries.yaml": _load_countries,
    "regions.yaml": _load_groupings,
    "actors.yaml": _load_actors,
    "places.yaml": _load_places,
    "publishers.yaml": _load_publishers,
    "capitals.yaml": _load_countries,
    "cities.yaml": _load_countries,
    "zh_pairs.yaml": _load_countries,
    "forums.yaml": _load_forums,
}


def load(extra_dirs: Iterable[str | os.PathLike[str]] = ()) -> Gazetteer:
    """The bundled gazetteer plus any user folders (and ``FOOTPRINT_GAZETTEER_DIR``)."""
    dirs = [*extra_dirs]
    if os.environ.get(ENV_VAR):
        dirs.append(os.environ[ENV_VAR])
    return _load(tuple(str(d) for d in dirs))


@cache
def _load(extra_dirs: tuple[str, ...]) -> Gazetteer:
    gazetteer = Gazetteer()
    # Actors and groupings first: when a user file reuses a name, the first meaning wins,
    # and a multi-word actor name is more specific than a country name inside it.
    order = (
        "forums.yaml",
        "publishers.yaml",
        "actors.yaml",
        "regions.yaml",
        "countries.yaml",
        "places.yaml",
        "capitals.yaml",
        "cities.yaml",
        "zh_pairs.yaml",
    )
    bundled = resources.files("footprint.gazetteer")
    for name in order:
        if (bundled / name).is_file():
            LOADERS[name](gazetteer, _read(bundled / name))
        for folder in extra_dirs:
            path = Path(folder) / name
            if path.exists():
                LOADERS[name](gazetteer, _read(path))
    return gazetteer
