"""The rule-based extractor: a pipeline of small named stages.

    sentences → tag (gazetteer) → triggers (lexicon) → arguments → normalise → merge

Every stage is a plain function over a ``Sentence`` (``find_triggers``,
``attach_arguments`` with ``find_years``, ``find_people``, ``find_status``; then
``merge``), called in order by ``RuleExtractor.extract``; a subclass can replace one
without touching the others. The vocabulary is data: ``lexicon.yaml`` and the gazetteers.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import ahocorasick
import yaml

from footprint import gazetteer as gazetteers
from footprint.extract import Mention, numbers, sentences
from footprint.gazetteer import Gazetteer, Tag
from footprint.ingest.readers import normalise_date

VERSION = "0.1.0"
PROVIDER_DEFAULT = "CN"
# Territories the provider governs: places there are venues, never recipients.
PROVIDER_TERRITORIES = {"CN": {"CN", "HK", "MO"}}
# Types where one sentence naming several countries states one bilateral act per country.
BILATERAL = {
    "agreement",
    "joint_patrol",
    "overseas_station",
    "extradition",
    "pushback",
    "legal_adoption",
}
GROUPING_REGION_FALLBACK = "Global"
MAX_BILATERAL_SPLIT = 3

_CJK = re.compile(r"[\u4e00-\u9fff]")
_ZH_COMPANY = re.compile(r"有限公司|有限責任公司|集团|集團")
_ZH_POLICE = re.compile(r"警|公安")
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"


# --- lexicon -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)  # hashed by identity: one per process, cached
class Lexicon:
    context: _WordStartPattern
    triggers: dict[str, _WordStartPattern]
    needs_context: frozenset[str]
    needs_any: dict[str, tuple[_WordStartPattern | None, frozenset[str]]]
    status: dict[str, _WordStartPattern]
    police_people: re.Pattern[str]
    police_people_zh: re.Pattern[str]
    other_providers: frozenset[str] = frozenset()


_META_CHARS = set("()[]?*+.\\{}|^$")


def _literal_prefix(text: str) -> str:
    """The literal characters a pattern starts with, stopping before an optional one."""
    out = []
    for k, char in enumerate(text):
        if char in _META_CHARS:
            break
        if text[k + 1 : k + 2] in ("?", "*", "{"):
            break
        out.append(char)
    return "".join(out)


def _stems(pattern: str) -> tuple[str, ...] | None:
    """Literal text any match of ``pattern`` must contain (lower case), or None if unsure."""
    lowered = pattern.lower()

    def usable(stem: str) -> bool:
        return len(stem) >= 2 or (len(stem) == 1 and not stem.isascii())

    group = re.match(r"\(([^()\[\]]+)\)(?![?*{])", lowered)
    if group:
        options = tuple(_literal_prefix(o) for o in group.group(1).split("|"))
        return options if all(usable(o) for o in options) else None
    stem = _literal_prefix(lowered)
    return (stem,) if usable(stem) else None


class _StemIndex:
    """One Aho-Corasick automaton over the literal stems of every lexicon pattern, so a
    sentence is scanned once for all of them (and the answer kept for repeated asks)."""

    def __init__(self) -> None:
        self.patterns: list[_WordStartPattern] = []
        self._automaton: Any = None
        self._cache: dict[str, dict[int, frozenset[int]]] = {}

    def register(self, pattern: _WordStartPattern) -> None:
        self.patterns.append(pattern)
        self._automaton = None

    def _build(self) -> Any:
        owners: dict[str, dict[int, set[int]]] = {}
        for pattern in self.patterns:
            for i, (stems, _) in enumerate(pattern.branches):
                for stem in stems or ():
                    owners.setdefault(stem, {}).setdefault(pattern.id, set()).add(i)
        automaton = ahocorasick.Automaton()
        for stem, by_pattern in owners.items():
            automaton.add_word(stem, tuple((k, frozenset(v)) for k, v in by_pattern.items()))
        automaton.make_automaton()
        return automaton

    def found(self, text: str) -> dict[int, frozenset[int]]:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        if self._automaton is None:
            self._automaton = self._build()
        found: dict[int, set[int]] = {}
        for _, entries in self._automaton.iter(text.lower()):
            for pattern_id, indices in entries:
                found.setdefault(pattern_id, set()).update(indices)
        result = {k: frozenset(v) for k, v in found.items()}
        if len(self._cache) > 512:
            self._cache.clear()
        self._cache[text] = result
        return result


_STEM_INDEX = _StemIndex()


def clear_caches() -> None:
    """Forget answers remembered per text (for benchmarks that pass over the same texts)."""
    _STEM_INDEX._cache.clear()
    for cached in (_years, _status_cues, _people):
        cached.cache_clear()


class _WordStartPattern:
    """An alternation of patterns, English ones anchored at a word start.

    Two things keep it fast on long documents: only the branches whose literal stems occur
    in the text (found by ``_StemIndex``) are compiled into the regex that runs, and
    the word-start condition is checked after matching rather than with a look-behind,
    which would stop the engine from skipping ahead.
    """

    def __init__(self, en: list[str], zh: list[str]):
        self.branches = [(_stems(p), p) for p in [*en, *zh]]
        self._compiled: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._last: tuple[str, list[re.Match[str]]] | None = None
        self._always = frozenset(i for i, (stems, _) in enumerate(self.branches) if stems is None)
        self.id = len(_STEM_INDEX.patterns)
        _STEM_INDEX.register(self)

    def _pattern(self, text: str) -> re.Pattern[str] | None:
        found = self._always | _STEM_INDEX.found(text).get(self.id, frozenset())
        active = tuple(sorted(found))
        if not active:
            return None
        pattern = self._compiled.get(active)
        if pattern is None:
            source = "|".join(f"(?:{self.branches[i][1]})" for i in active)
            pattern = self._compiled[active] = re.compile(source, re.I)
        return pattern

    def finditer(self, text: str) -> list[re.Match[str]]:
        # Stages ask the same pattern about the same sentence several times: remember the
        # last answer.
        if self._last is not None and self._last[0] is text:
            return self._last[1]
        pattern = self._pattern(text)
        matches = (
            []
            if pattern is None
            else [m for m in pattern.finditer(text) if _at_word_start(text, m)]
        )
        self._last = (text, matches)
        return matches

    def search(self, text: str) -> re.Match[str] | None:
        if self._last is not None and self._last[0] is text:
            return self._last[1][0] if self._last[1] else None
        pattern = self._pattern(text)
        if pattern is None:
            return None
        # The first match at a word start; no need to find them all.
        return next((m for m in pattern.finditer(text) if _at_word_start(text, m)), None)


def _at_word_start(text: str, match: re.Match[str]) -> bool:
    start = match.start()
    return not (
        start
        and text[start].isascii()
        and text[start].isalnum()
        and (text[start - 1].isalnum() or text[start - 1] == "_")
    )


def _alternation(en: list[str], zh: list[str] = ()) -> _WordStartPattern:
    return _WordStartPattern(list(en), list(zh))


@cache
def _raw_lexicon() -> dict[str, Any]:
    text = resources.files("footprint.extract").joinpath("lexicon.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def load_lexicon() -> Lexicon:
    raw = _raw_lexicon()
    types = raw["types"]
    needs_any = {}
    for name, spec in types.items():
        if "needs_any" in spec:
            any_spec = spec["needs_any"]
            words = any_spec.get("en", []), any_spec.get("zh", [])
            pattern = _alternation(*words) if any(words) else None
            needs_any[name] = (pattern, frozenset(any_spec.get("actor_kinds", [])))
    people = raw["people"]
    return Lexicon(
        context=_alternation(raw["context"]["en"], raw["context"]["zh"]),
        triggers={name: _alternation(spec["en"], spec["zh"]) for name, spec in types.items()},
        needs_context=frozenset(n for n, spec in types.items() if spec.get("needs_context")),
        needs_any=needs_any,
        status={name: _alternation(spec["en"], spec["zh"]) for name, spec in raw["status"].items()},
        police_people=re.compile("|".join(people["police_en"]), re.I),
        police_people_zh=re.compile("|".join(people["police_zh"])),
        other_providers=frozenset(str(c).upper() for c in raw.get("other_providers") or ()),
    )


# --- the unit every stage works on --------------------------------------------------------


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tags: list[Tag]
    doc_year: int | None
    previous: Sentence | None = None
    types: dict[str, list[re.Match[str]]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    # Types whose activity the sentence reports as ended by a pushback.
    cancelled: set[str] = field(default_factory=set)
    # Types the sentence says did not happen ("denied that ... had opened a station").
    denied: set[str] = field(default_factory=set)
    # Clauses of the same sentence that speak of other events (absolute offsets).
    excluded: list[tuple[int, int]] = field(default_factory=list)
    # The month of the document's date, to place "in December" before or after it.
    doc_month: int | None = None
    # The document's head (its title, usually) speaks of policing: context for every
    # sentence.
    title_context: bool = False
    # Whether the sentence itself has a policing word (asked by the sentences after it).
    _context: bool | None = None
    # The document is about overseas police stations: "the station", "the outpost" in it
    # mean one.
    doc_stations: bool = False
    # The one foreign country the title names ("Kyrgyz deputy minister on China ..."): whom
    # "we" and "our officers" mean in an interview or a statement.
    doc_country: str | None = None
    # The one foreign country the whole document is about when its title names none: a
    # Kathmandu law report names Nepal, Kathmandu and its courts over and over.
    doc_focus: str | None = None
    # The document is datelined inside the provider ("SHENZHEN, China, June 3 /Press
    # Release/ —"): its author is the provider, in sight in every sentence.
    doc_from_provider: bool = False
    # The title names the provider and the story is about one foreign country (doc_focus):
    # "the two governments" in it are those two.
    doc_pair: bool = False
    # Another provider acts in this sentence ("Australia will fund a training hub").
    provider_override: str | None = None
    # The sentence opens a paragraph (a blank line or line break before it).
    new_paragraph: bool = True

    @property
    def chinese(self) -> bool:
        return bool(_CJK.search(self.text))


# --- stages ------------------------------------------------------------------------------

_DATE_LINE = re.compile(
    r"^\s*(?:date|published|dateline|日期|发布日期|發佈日期|发布时间|時間|时间)\s*[:：]\s*(.+)$",
    re.I | re.M,
)


def document_date(text: str, published: str | None) -> tuple[int | None, int | None]:
    """(year, month) of the document: the publication date, else a date line at the top."""
    value = published
    if not value:
        match = _DATE_LINE.search(text[:600])
        value = normalise_date(match.group(1).strip().rstrip("。.")) if match else None
    if not value:
        return None, None  # a guess from the years the text names proved worse than none
    month = int(value[5:7]) if len(value) >= 7 and value[5:7].isdigit() else None
    return int(value[:4]), month


_NAME_TAIL = re.compile(
    r"\s*([A-Z][\w-]+\s+)?(summit|meeting|conference|ministerial|session)s?\b"
    r"|\s*[\u4e00-\u9fff]{0,4}?(峰会|峰會|会议|會議)",  # 中非合作论坛北京峰会
    re.I,
)


def _name_end(sentence: Sentence, tag: Tag) -> int:
    """Where a name ends, with a trailing "summit" ("the FOCAC summit"): the tail is the
    named forum's, not a forum of its own."""
    end = tag.end - sentence.start
    if tag.entry.kind == "general_forum":
        tail = _NAME_TAIL.match(sentence.text, end)
        if tail:
            return tail.end()
    return end


def _has_context_word(sentence: Sentence, lexicon: Lexicon) -> bool:
    if sentence._context is None:
        sentence._context = bool(lexicon.context.search(sentence.text))
    return sentence._context


def find_triggers(sentence: Sentence, lexicon: Lexicon) -> None:
    """Which codebook types does the sentence signal? Trigger words inside the name of an
    actor or publisher ("... Law Enforcement Academy") do not count."""
    masked = [
        (t.start - sentence.start, _name_end(sentence, t))
        for t in sentence.tags
        if t.entry.kind in ("actor", "publisher", "general_forum")
        and t.entry.actor_kind != "organisation"
    ]
    if "Organi" in sentence.text:
        masked += [m.span() for m in _ORGANISATION_NAME.finditer(sentence.text)]
    denial = _DENIAL.search(sentence.text)
    dismissed = (
        not denial
        and (" as " in sentence.text or sentence.chinese or _ACCUSATION_STEM.search(sentence.text))
        and bool(_DISMISSAL.search(sentence.text))
    )
    # The policing context may be set by the sentence before ("... security offers. Most
    # island governments declined.").
    has_context = (
        sentence.title_context
        or _has_context_word(sentence, lexicon)
        or any(
            earlier is not None and _has_context_word(earlier, lexicon)
            for earlier in (
                sentence.previous,
                sentence.previous.previous if sentence.previous else None,
            )
        )
        or any(t.entry.kind == "actor" for t in sentence.tags)
    )
    # Types that need no policing context go first: their triggers ("service stations",
    # "joint patrols") set the context for the others ("demanded the closure of ...").
    order = sorted(lexicon.triggers, key=lambda n: n in lexicon.needs_context)
    for name in order:
        pattern = lexicon.triggers[name]
        if name in lexicon.needs_context and not (has_context or sentence.types):
            continue
        found = pattern.finditer(sentence.text)
        if name == "overseas_station":
            if sentence.doc_stations:
                found = [*found, *_STATION_IN_CONTEXT.finditer(sentence.text)]
            if found:  # "held for five weeks in a police station": the local police's own.
                local = [m.span() for m in _LOCAL_STATION.finditer(sentence.text)]
                found = [m for m in found if not any(a <= m.start() < b for a, b in local)]
        hits = [m for m in found if not any(s <= m.start() < e for s, e in masked)]
        if name == "forum":
            hits = [
                m
                for m in hits
                if _a_meeting(sentence.text, m) and not _AT_THE_FORUM.match(sentence.text, m.end())
            ]
        # "allows Chinese police to patrol": permitted, not (yet) done.
        if name != "pushback":
            hits = [
                m
                for m in hits
                if not _permitted(sentence.text, m.start())
                and not _proposed(sentence.text, m.start())
            ]
        if name != "agreement":
            # "an agreement on joint operations", 《…联合巡逻的谅解备忘录》, "promoted
            # courses": the topic of an agreement or an advert, not an event of its own.
            hits = [m for m in hits if not _topic_or_advert(sentence.text, m.start())]
        if name not in ("forum", "pushback", "legal_adoption"):
            # "concerns raised by this agreement": a reference back, not a new event (a
            # law "that drew on China's" is a relative clause: its triggers are verbs).
            hits = [
                m
                for m in hits
                if not _BACK_REFERENCE.search(sentence.text[max(0, m.start() - 8) : m.start()])
                or _HAPPENED.match(sentence.text, m.end())
            ]
        if name == "pushback":
            hits = [m for m in hits if _pushes_back_on_provider(sentence, m, dismissed)]
        if name == "training":
            # "students awarded the Chinese Government Scholarship for engineering": a
            # scholarship is police training only in a sentence about policing.
            hits = [
                m
                for m in hits
                if not m.group().lower().startswith("scholarship")
                or _has_context_word(sentence, lexicon)
            ]
        if name == "agreement":
            # "The signing came two weeks after ...": the signing told just before.
            hits = [m for m in hits if not _THE_SIGNING.match(sentence.text, m.start())]
            # "the financing agreement", "a possible treaty": a loan, or one not yet made.
            hits = [
                m
                for m in hits
                if not _NOT_A_PACT.search(sentence.text[max(0, m.start() - 25) : m.start()])
            ]
            # "ahead of the Agreement": a defined term, the agreement told before.
            hits = [
                m
                for m in hits
                if not (
                    m.group() in ("Agreement", "Memorandum", "Treaty")
                    and m.start() > 0
                    and sentence.text[max(0, m.start() - 4) : m.start()] == "the "
                )
            ]
        # "X denied that Chinese police had opened a station": a flat denial states no
        # event, but it is a claim about one, kept with the stance "denied".
        denied = False
        if dismissed and hits and name not in ("pushback", "forum"):
            denied = True  # "claims of 'police stations' are pure fabrication"
        elif denial:
            before = [m for m in hits if m.start() < denial.start()]
            denied = bool(hits) and not before and name not in ("pushback", "forum")
            hits = hits if denied else before
        # "signed no agreement": one negated trigger denies the whole reading; but a
        # pushback "not reversed" still stands on its other words.
        negated = [
            m for m in hits if _NEGATION.search(sentence.text[max(0, m.start() - 50) : m.start()])
        ]
        if name == "pushback":
            hits = [
                m
                for m in hits
                if m not in negated
                and not _soft_or_received(sentence, m)
                and not _ASKED_TO.search(sentence.text[max(0, m.start() - 60) : m.start()])
            ]
            negated = []
        elif denied:
            negated = []  # the denial is what negates it: kept as a denied claim
        if not hits or negated:
            continue
        if name in lexicon.needs_any:
            words, kinds = lexicon.needs_any[name]
            has_actor = any(t.entry.actor_kind in kinds for t in sentence.tags)
            if not has_actor and not (words and words.search(sentence.text)):
                continue
        sentence.types[name] = hits
        if denied:
            sentence.denied.add(name)
    _resolve_overlaps(sentence)
    _supply_contract(sentence)
    _continue_previous(sentence)


# "签署平安城市二期项目合同", "signed a contract for 2,000 cameras": a sale, not a cooperation
# agreement between states. The codebook counts it as the technology it transfers.
_SALE_CONTRACT = re.compile(
    r"合同|签约|簽約|\bcontracts?\b|\bsigned (an? )?(deal )?with\b[^.;]{0,60}\bfor\b", re.I
)
_AGREEMENT_NOUN = re.compile(
    r"协议|協議|协定|協定|备忘录|備忘錄|条约|條約|\b(agreements?|memorand\w+|mous?|treat(y|ies)|"
    r"accords?|pacts?|arrangements?)\b",
    re.I,
)


def _supply_contract(sentence: Sentence) -> None:
    hits = sentence.types.get("agreement")
    if (
        not hits
        or not _SALE_CONTRACT.search(sentence.text)
        or _AGREEMENT_NOUN.search(sentence.text)
    ):
        return
    sentence.types.setdefault("technology_transfer", sentence.types.pop("agreement"))
    sentence.denied.discard("agreement")


_NOT_A_PACT = re.compile(
    r"\b(financing|loan|credit|commercial|purchase|supply|sales|procurement|possible|potential|"
    r"prospective|future|draft|proposed)\s+([\w-]+\s+)?$",
    re.I,
)
_THE_SIGNING = re.compile(r"(?<=\bthe )signing\b(?! of\b)", re.I)
# Checked after matching (a look-behind per hit is cheaper than branches that start with
# common words): "a dialogue", "the China–Central Asia dialogue", "the first edition".
_DIALOGUE_BEFORE = re.compile(
    r"(\b(a|an|the|this|that) ([\w–-]+ ){0,4}|\b(security|law[- ]enforcement|police|policing|"
    r"ministerial|strategic|high-level|cooperation) )$",
    re.I,
)
_EDITION_BEFORE = re.compile(
    r"\b(first|second|third|fourth|fifth|previous|last|next|\d+(st|nd|rd|th)) $", re.I
)


# 中方还在论坛上宣布: "at the forum", the one already told, where something else was said.
_AT_THE_FORUM = re.compile(r"上(宣布|表示|指出|提出|强调|強調|发言|發言|介绍|介紹)")


def _a_meeting(text: str, match: re.Match[str]) -> bool:
    word = match.group().lower()
    before = text[max(0, match.start() - 60) : match.start()]
    if word.startswith("dialogue"):
        return text[match.start()] == "D" or bool(_DIALOGUE_BEFORE.search(before))
    if word.startswith("edition"):
        return bool(_EDITION_BEFORE.search(before))
    return True


# "had not announced any agreement", "without an agreement", "并未签署协议".
_NEGATION = re.compile(
    r"\b(no(?! secret| doubt| less\b)|not(?! only)|never|without|nor|denied|denies|deny)\b"
    r"(?:[\s,\"“”'‘’]+\w+){0,5}"
    r"[\s,\"“”'‘’]*$"
    r"|(?:未(?![来來])|没有|沒有|并未|並未|否认|否認|并无|並無|毫无|毫無|不再)[\u4e00-\u9fff]{0,16}$",
    re.I,
)
_PERMISSION = re.compile(
    r"\b(allow\w*|permit\w*|authori[sz]\w*|enabl\w*|provides? for|provided for|providing for)\b"
    r"[^.;]*$"
    r"|允许|允許|准许|准許",
    re.I,
)
# "demanded the closure": asked for, not done; the activity is not reported as ended.
_DEMAND = re.compile(r"\b(demand\w*|call\w* for|urg\w+|ask\w* for)\b|要求|呼吁|呼籲|敦促", re.I)


_BACK_REFERENCE = re.compile(
    r"\b(this|that|such|these|those)\s+$|这一?$|這一?$|这项$|這項$|该项?$|該項?$|此$|这些$|這些$"
    r"|\b(according to|in line with|pursuant to) the\s+(\w+\s+){0,2}$"
    r"|(根据|根據|按照|依照|依据|依據)(该|該|此|这一?|這一?)?$",
    re.I,
)


# "such joint patrols took place in Budapest last autumn": a new occurrence of its kind.
_HAPPENED = re.compile(
    r"[\w\s]{0,40}?\b(took place|were held|was held|happened|began|started|resumed|"
    r"were carried out|were conducted)\b",
    re.I,
)
_ADVERT = re.compile(r"\b(promot\w*|market\w*|advertis\w*|showcas\w*|touted?)\b[^.;]*$", re.I)


_ZH_AGREEMENT_AFTER = re.compile(r"[^，。；,;]{0,14}?(协议|協議|备忘录|備忘錄|协定|協定)")


# 双方在人员培训、打击跨国犯罪等领域加强合作: the fields of cooperation, listed.
_ZH_FIELDS = re.compile(r"[^，。；,;]{0,30}?(等|方面的?|各)?(领域|領域)")
_ZH_ASPECT = re.compile(r"[^，。；,;、]{0,8}?等?方面")


_DISCUSSED = re.compile(
    r"\b(exchanged views|discussed|discussions|talks|consultations)\b[^.;]{0,20}\b(on|about)\b"
    r"[^.;]{0,40}$",
    re.I,
)


def _topic_or_advert(text: str, position: int) -> bool:
    before = text[max(0, position - 80) : position]
    if _AGREEMENT_TOPIC.search(before) or _ADVERT.search(before):
        return True
    if "在" in text[max(0, position - 30) : position] and _ZH_FIELDS.match(text, position):
        return True
    if _ZH_ASPECT.match(text, position):  # 加强人员遣返方面的协作: a field, not an act
        return True
    if _ZH_AGREEMENT_AFTER.match(text, position):  # "联合巡逻的谅解备忘录"
        return True
    if _DISCUSSED.search(before):
        return True  # "exchanged views on the preparation of the joint exercise": a topic
    return text.rfind("《", 0, position) > text.rfind("》", 0, position)


_PEOPLE_EXPELLED = re.compile(
    r"\b(individuals|nationals|persons|people|men|women|uyghurs?|uighurs?|suspects|students|"
    r"citizens|refugees|asylum seekers)\b",
    re.I,
)
_BAN = re.compile(r"ban(s|ned|ning)?\b", re.I)
_TOPIC_OF = re.compile(
    r"\b(course|training|workshop|seminar|class)\w*\b[^.;]{0,30}\b(on|in) (the )?$", re.I
)
_CRITICISM_WORD = re.compile(r"criticis|criticiz|protest|oppos|condemn|disapprov|objection", re.I)
_INQUIRY_WORD = re.compile(
    r"investigat|inquir|probe|probing|assessment|audit|hearing|调查|調查", re.I
)
_INQUIRY_OBJECT = re.compile(
    r"chin\w*|beijing|prc|station|office|post|outpost|desk|polic\w*|patrol\w*|huawei|"
    r"hikvision|dahua|zte|camera|surveillance|system|contract|agreement|deal|extradit\w*|"
    r"deport\w*|return\w*|claims?|allegations?|reports?|matter|case|中国|中國|中方|警|站|"
    r"监控|監控|此|相关|相關|说法|說法|指控|报道|報道",
    re.I,
)


_ASYLUM_REFUSED = re.compile(
    r"\b(applications?|requests?|claims?|bids?|appeals?|petitions?)\b[^.;]{0,20}"
    r"\b(asylum|refugee|protection|residence|visas?)\b[^.;]{0,30}$"
    r"|\b(asylum|refugee status)\b[^.;]{0,20}$|(庇护|難民|难民|居留)[^。；]{0,15}$",
    re.I,
)


def _pushes_back_on_provider(sentence: Sentence, match: re.Match[str], dismissed: bool) -> bool:
    """An inquiry pushes back only when it looks into the provider's doings ("investigations
    into the owners of the compounds" is domestic crime work); a rejected accusation is a
    denial, not a pushback."""
    if dismissed and _DISMISSAL.search(sentence.text[max(0, match.start() - 80) : match.end()]):
        return False
    if match.group().lower().startswith("expel") and _PEOPLE_EXPELLED.search(sentence.text):
        return False  # "the five individuals had been expelled": a return of people
    if _ASYLUM_REFUSED.search(sentence.text[max(0, match.start() - 60) : match.start()]):
        return False  # "whose applications for refugee status had been rejected": a host
        # state refusing people protection, often before it hands them over
    # "faced criticism over its handling of protests": criticism or an inquiry is a
    # pushback only when it is aimed at the provider's doings.
    word = match.group()
    if not (_INQUIRY_WORD.match(word) or _CRITICISM_WORD.match(word) or _BAN.match(word)):
        return True
    after = sentence.text[match.end() : match.end() + 80]
    before = sentence.text[max(0, match.start() - 40) : match.start()]  # 对……展开调查
    if _TOPIC_OF.search(before):
        return False  # "a course on the investigation of online fraud": a subject taught
    if _BAN.match(word):
        return bool(_INQUIRY_OBJECT.search(after))  # "banned online gambling": of what
    if _CRITICISM_WORD.match(word):
        # "concerns about this agreement … expressed their disapproval": what is criticised
        # may come first.
        before = sentence.text[max(0, match.start() - 120) : match.start()]
        return bool(_INQUIRY_OBJECT.search(after) or _INQUIRY_OBJECT.search(before))
    return bool(
        _INQUIRY_OBJECT.search(after) or (sentence.chinese and _INQUIRY_OBJECT.search(before))
    )


def _permitted(text: str, position: int) -> bool:
    before = re.split(r"[，,;；:：]", text[max(0, position - 45) : position])[-1]
    return bool(_PERMISSION.search(before))


# "received a proposal for Chinese police to take part in joint patrols": proposed, which
# is no event until it is agreed (and refusing it is a pushback).
_PROPOSED = re.compile(
    r"\b(a|an|the|any|this|that|their|its)\s+(\w+\s+)?(proposals?|requests?)\s+"
    r"(for|to|that|on)\b[^.;:]{0,80}$"
    r"|\bpropos(ed|es|ing) (to|that)\b[^.;:]{0,80}$"  # "proposed to hold a course next year"
    r"|\bproposed\s+([\w-]+\s+){0,3}$"  # "Proposed joint tourist-police patrols"
    r"|(提议|提議|建议|建議|请求|請求)[^，。；]{0,20}$",
    re.I,
)


def _proposed(text: str, position: int) -> bool:
    window = text[max(0, position - 110) : position]
    if not _PROPOSAL_STEM.search(window):
        return False  # most sentences: no cue word, no costlier regex
    return bool(_PROPOSED.search(window))


_PROPOSAL_STEM = re.compile(r"propos|request|提议|提議|建议|建議|请求|請求", re.I)


def _demanded(sentence: Sentence, hits: list[re.Match[str]]) -> bool:
    """Every pushback in the sentence is only a demand (nothing was ended yet)."""
    return bool(hits) and all(
        _DEMAND.search(sentence.text[max(0, m.start() - 30) : m.end()]) for m in hits
    )


_PLAN_OBJECT = re.compile(
    r"\b(plans?|planned|proposals?|proposed|offers?|offered|ideas?|talks|negotiations?|"
    r"bid|request)\b|计划|計劃|提议|提議|方案|提案|建议|建議",
    re.I,
)
_DENIAL = re.compile(
    r"\b(den(y|ies|ied)|dismiss(ed|es)?|reject(ed|s)? (the |social-media |media |online )*"
    r"(rumou?rs?|reports?|claims?|allegations?))\b|否认|否認|辟谣|闢謠",
    re.I,
)
# A claim called a fabrication, whatever comes first: "相关说法纯属捏造", "reports of
# stations were dismissed as baseless".
_ACCUSATION_STEM = re.compile(r"accus|alleg|claim|charge", re.I)
_DISMISSAL = re.compile(
    r"\b(accusations?|allegations?|claims?|charges?)\b,? (that|which) [^.;]{0,40}\b"
    r"(reject|den(y|ies|ied)|dismiss|refut)\w*|"  # "an accusation that officials reject"
    r"\b(dismiss\w*|reject\w*|describ\w+|call\w*|brand\w*)\b[^.;]{0,60}\bas "
    r"(pure |complete |a |an )*(fabricat\w+|baseless|groundless|unfounded|false|lies|smear\w*)"
    r"|纯属捏造|純屬捏造|子虚乌有|子虛烏有|无中生有|無中生有|纯属谣言|純屬謠言|恶意炒作|惡意炒作",
    re.I,
)
_PRONOUN_LEAD = re.compile(
    r"^(?:[^,]{0,30},\s*)?(they|these|those|such \w+|the (patrols|stations|courses|programmes|"
    r"programs|officers|trainees|agreements?|labs|laboratories|scheme|programme|program|plan|"
    r"project|initiative|course|deal|pact))\b|^(这些|這些|该|該|上述|此类|此類|这一|這一)",
    re.I,
)


def _continue_previous(sentence: Sentence) -> None:
    """ "They have been run in Italy, Serbia and Croatia": a sentence that begins by pointing
    back continues the previous sentence's event with the countries it names."""
    previous = sentence.previous
    if sentence.types or previous is None or not previous.types:
        return
    if not _PRONOUN_LEAD.search(sentence.text):
        return
    if not any(t.entry.kind in ("country", "grouping") for t in sentence.tags):
        return
    for name in previous.types:
        if name != "pushback":
            sentence.types[name] = []


# A document about overseas police stations names them so at least once.
_STATION_DOCUMENT = re.compile(
    r"(police|service|overseas) (service )?stations?|overseas 110|海外110|警务服务站|警務服務站|"
    r"海外警察站|海外警站",
    re.I,
)


def _about_stations(text: str) -> bool:
    """The document names overseas police stations (not only a local one someone was held
    in) at least once."""
    return any(
        not _LOCAL_STATION_BEFORE.search(text, max(0, m.start() - 25), m.start())
        for m in _STATION_DOCUMENT.finditer(text)
    )


_LOCAL_LEAD = r"\b(in|at|to|into|from|outside|near)\s+(a|an|the|his|her|their)\s+(local\s+)?"
_LOCAL_STATION_BEFORE = re.compile(_LOCAL_LEAD + "$", re.I)
# ... and the provider's own neighbourhood posts (便民警务站, "convenient police stations").
_LOCAL_STATION = re.compile(
    _LOCAL_LEAD + r"police\s+stations?|派出所|便民警务站|便民警務站"
    r"|\b(convenien(t|ce)|neighbou?rhood|community)\W{0,2}police\s+(service\s+)?stations?",
    re.I,
)
# In a document about overseas police stations, plain words for one.
_STATION_IN_CONTEXT = re.compile(
    r"\b(stations?|outposts?|liaison desks?|contact points?|service points?)\b"
    r"|站点|站點|联络点|聯絡點|服务点|服務點",
    re.I,
)
# "The UN committee asked Morocco to suspend the transfer": a request, not the state's act.
_ASKED_TO = re.compile(
    r"\b(asked|urged|called on|requested|pressed|pressured|appealed to)\b[^.;]{0,50}\bto\s+$", re.I
)
_SOFT_PUSHBACK = re.compile(
    r"criticis|criticiz|condemn|oppos|protest|object|concern|disapprov|backlash|spoke against",
    re.I,
)
_NON_STATE = re.compile(
    r"\b(opposition (politicians?|lawmakers?|legislators?|part(y|ies)|mps?|members?|figures?|"
    r"leaders?)|activists?|(human )?rights (groups?|organi[sz]ations?|activists?|watchdogs?)|"
    r"critics|campaigners?|ngos?|non-governmental|journalists?|academics?|researchers?|"
    r"analysts?|commentators?|diaspora|protesters?|residents|civil society)\b"
    r"|反对派|人权组织|人權組織|活动人士|活動人士|批评人士|批評人士|学者|學者",
    re.I,
)
_PASSIVE_BEFORE = re.compile(r"\b(been|was|were|is|are|being|be)\s+(\w+ly\s+)?$", re.I)


def _pushing_countries(sentence: Sentence) -> list[str]:
    """Countries written just before a pushback verb, as its subject: "Germany and the
    Netherlands had demanded ...", "Port Moresby has turned down ..."."""
    countries = [t for t in sentence.tags if t.entry.kind == "country"]
    found: list[str] = []
    for hit in sentence.types.get("pushback", []):
        before = [t for t in countries if t.end - sentence.start <= hit.start()]
        if not before:
            continue
        gap = sentence.text[before[-1].end - sentence.start : hit.start()]
        if len(gap.split()) > 4 or re.search(r"[,;:，；]", gap):
            continue  # too far from the verb to be its subject
        lead = [before[-1]]
        for tag in reversed(before[:-1]):
            between = sentence.text[tag.end - sentence.start : lead[0].start - sentence.start]
            if not _LIST_GAP.match(between):
                break
            lead.insert(0, tag)
        found += [t.entry.key for t in lead if t.entry.key not in found]
    return found


def _soft_or_received(sentence: Sentence, match: re.Match[str]) -> bool:
    """Criticism is a state's pushback only when the state voices it: not when rights
    groups or opposition politicians do, nor when the subject is criticised ("Serbia has
    been criticised in Brussels")."""
    if not _SOFT_PUSHBACK.match(match.group()):
        return False
    before = sentence.text[max(0, match.start() - 20) : match.start()]
    return bool(_NON_STATE.search(sentence.text) or _PASSIVE_BEFORE.search(before))


# "the Collective Security Treaty Organization": a name, not a treaty signed.
_ORGANISATION_NAME = re.compile(
    r"\b(?:[A-Z][\w-]*\s+){1,5}(?:Treaty|Cooperation|Security|Police)\s+Organi[sz]ation\b"
)
_EXTRADITION_TREATY = re.compile(r"extradition (treat|agreement|law)|引渡条约|引渡條約", re.I)
_POLICE_STATION_CONTEXT = re.compile(
    r"overseas|abroad|foreign|海外|境外|110|service|consultant|advis[eo]r|liaison|work ?station|"
    r"countries in need|顾问|顧問|联络|聯絡|工作站",
    re.I,
)


def _resolve_overlaps(sentence: Sentence) -> None:
    """Keep the reading of a sentence that its words support best."""
    types = sentence.types
    # "59 extradition treaties" is an agreement, not a return of people.
    if "extradition" in types and _EXTRADITION_TREATY.search(sentence.text):
        hits = [
            m
            for m in types["extradition"]
            if not _EXTRADITION_TREATY.match(sentence.text, m.start())
        ]
        if hits:
            types["extradition"] = hits
        else:
            del types["extradition"]
            types.setdefault("agreement", [])
    # "Chinese police 'service stations' operating abroad" speaks of stations, not patrols.
    if (
        "overseas_station" in types
        and "joint_patrol" in types
        and not re.search(r"patrol|巡逻|巡邏", sentence.text, re.I)
    ):
        del types["joint_patrol"]
    # "suspended the joint patrols": the patrols are what is pushed back, not a new event.
    if "pushback" in types:
        clauses = _clauses(sentence.text)
        pushed = {
            i
            for i, (a, b) in enumerate(clauses)
            if any(a <= m.start() < b for m in types["pushback"])
        }
        for other in [t for t in types if t != "pushback"]:
            kept = [
                m
                for m in types[other]
                if not any(a <= m.start() < b for i, (a, b) in enumerate(clauses) if i in pushed)
            ]
            if kept:
                types[other] = kept
            elif other in (
                "joint_patrol",
                "overseas_station",
                "agreement",
                "training",
            ) and not (
                _PLAN_OBJECT.search(sentence.text) or _demanded(sentence, types["pushback"])
            ):
                # "suspended the joint patrols": the patrols had happened; they are an
                # event of their own, now cancelled. A cancelled plan never happened.
                sentence.cancelled.add(other)
            else:
                del types[other]
        return
    # Advisers who give "guidance on joint patrols" are the event; the patrols are not.
    if "overseas_station" in types and "joint_patrol" in types and _ADVISERS.search(sentence.text):
        del types["joint_patrol"]
    # Police advisers "working with the Vanuatu Police Force" are deployed police: a joint
    # patrol (a deployment), not a station for the diaspora.
    if (
        "overseas_station" in types
        and _ADVISERS.search(sentence.text)
        and _WORKING_WITH.search(sentence.text)
    ):
        types["joint_patrol"] = types.pop("overseas_station")
    # "Police sent 45 officers to the police university": trainees, not a deployment.
    if (
        "training" in types
        and "joint_patrol" in types
        and _TO_SCHOOL.search(sentence.text)
        and not re.search(r"patrol|巡逻|巡邏", sentence.text, re.I)
    ):
        del types["joint_patrol"]
    # Training of the operators of supplied equipment is part of the transfer.
    if "training" in types and (
        _OPERATORS.search(sentence.text)
        or ("technology_transfer" in types and _ZH_TECHNICIANS.search(sentence.text))
    ):
        del types["training"]
    # 签署了…备忘录，双方将在人员培训…方面: what the memorandum covers.
    if "agreement" in types and sentence.chinese:
        covers = _ZH_COVERS.search(sentence.text)
        if covers:
            for other in ("training", "technology_transfer", "joint_patrol"):
                if other in types:
                    kept = [m for m in types[other] if m.start() < covers.start()]
                    if kept:
                        types[other] = kept
                    else:
                        del types[other]
    # "a memorandum on police training": the topic of an agreement, not a course.
    if "training" in types and "agreement" in types:
        kept = [
            m
            for m in types["training"]
            if not _AGREEMENT_TOPIC.search(sentence.text[max(0, m.start() - 80) : m.start()])
        ]
        if kept:
            types["training"] = kept
        else:
            del types["training"]

    # A forum named as the venue of another event is not an event of its own.
    forum_only_named = "forum" in types and all(
        any(
            t.start - sentence.start <= m.start() < t.end - sentence.start
            for t in sentence.tags
            if t.entry.kind == "actor"
        )
        for m in types["forum"]
    )
    if forum_only_named and len(types) > 1:
        del types["forum"]
    if "forum" in types and _general_forum_before(sentence):
        # "At the summit, China said ...", after a sentence on the FOCAC summit: that
        # summit, which is no security forum.
        types["forum"] = [
            m
            for m in types["forum"]
            if not _FORUM_BACK.search(sentence.text[: m.start()])
            and not re.search(r"\bthe\s+$", sentence.text[max(0, m.start() - 5) : m.start()], re.I)
        ]
        if not types["forum"]:
            del types["forum"]
    if "forum" in types:
        near = [m for m in types["forum"] if _context_near(sentence, m)]
        if near:
            types["forum"] = near
        else:
            del types["forum"]
    if "agreement" in types and len(types) > 1:
        # "the first extradition under the bilateral treaty": the frame of the act.
        kept = [
            m
            for m in types["agreement"]
            if not _UNDER.search(sentence.text[max(0, m.start() - 40) : m.start()])
        ]
        if kept:
            types["agreement"] = kept
        else:
            del types["agreement"]
    if "agreement" in types and _CONTRACT.search(sentence.text):
        # "signed a contract with the city government to build ...": a sale, which is
        # the technology transfer, not an agreement between states.
        kept = [m for m in types["agreement"] if not m.group().lower().startswith("sign")]
        if kept:
            types["agreement"] = kept
        else:
            del types["agreement"]
    # Another tracked provider's own agreement ("Canberra renewed its agreement with
    # Honiara") is between others only when no such provider acts in the sentence.
    if "agreement" in types and not sentence.provider_override and _with_another_partner(sentence):
        del types["agreement"]  # "the treaty his country had concluded with Australia"
    if "agreement" in types and not sentence.provider_override:
        kept = [m for m in types["agreement"] if not _between_others(sentence, m)]
        if kept:
            types["agreement"] = kept
        else:
            del types["agreement"]
    if (
        "overseas_station" in types
        and not _POLICE_STATION_CONTEXT.search(sentence.text)
        and not any(
            t.entry.kind == "country" and t.entry.key != PROVIDER_DEFAULT for t in sentence.tags
        )
    ):
        del types["overseas_station"]


_TO_SCHOOL = re.compile(
    r"\bto (the )?[\w' -]{0,60}(university|college|academy|school|institute|course)\b"
    r"|院校|学院|學院|大学|大學",
    re.I,
)
_WORKING_WITH = re.compile(
    r"\b(working|work|works|worked|serving|embedded|deployed) (with|alongside|beside|in) "
    r"(the |its |local )?[\w' -]{0,40}(police|constabulary|force|officers)\b"
    r"|\bjoin(ed|s|ing)?\b [\w' -]{0,40}\bpatrols?\b|与[^，。]{0,20}警方[^。]{0,20}巡[逻邏]",
    re.I,
)
_DOMESTIC_TRAINEES = re.compile(
    r"\b[\d,]+\s+(?:more\s+)?(?:Chinese|PRC)\s+(?:police\s+)?(?:officers|police|cadets|"
    r"students|officials)\b|\d+名(?:中国|我国)(?:警察|民警|学员)"
    r"|来自(?:各省|全国|各地|省内|省區市|省区市)",  # 来自各省区市公安机关的一百二十名民警
    re.I,
)
_ZH_COVERS = re.compile(
    r"(备忘录|協議|协议|协定|協定|備忘錄|文件)[^。]{0,12}(双方将在|雙方將在|将在|將在|包括|涵盖|涵蓋|内容涉及|內容涉及)"
)
_UNDER = re.compile(
    r"\b(under|pursuant to)\s+(the|a|an|its|their|last year's|this year's)\s+([\w-]+\s+){0,3}$"
    r"|(根据|根據|按照|依照|依据|依據)[^，。；,;]{0,20}$",
    re.I,
)
_CONTRACT = re.compile(
    r"\bsign\w* (a|an|the|two|its)? ?([\w-]+ ){0,3}contracts?\b|签(署|订)[^，。]{0,24}合同"
    r"|\bcontracts? (that |which )?[^.;,]{0,40}\bsigned\b",
    re.I,
)
_ADVISERS = re.compile(r"consultant|advis[eo]r|顾问|顧問", re.I)
_AGREEMENT_TOPIC = re.compile(
    r"\b(agreements?|memorand(um|a)( of understanding)?|mous?|treat(y|ies)|accords?|pacts?|"
    r"deals?|protocols?|programmes? of cooperation|(?<=signed a )plan|(?<=signed the )plan)\b"
    r"(\s+(with|between) [^.;,]{1,40}?)?\s+(?:(on|for|covering|concerning|regarding|"
    r"about)\b[^.;,]*"
    r"|(covers|cover|includes|include|provides for|envisages)\b[^.;,]*)"
    # "the memorandum covers training, equipment and ...": a list of short items (not of
    # acts: "..., created a joint patrol arrangement")
    r"(?:,\s*(?:and\s+)?(?!(?:[\w-]+ed|a|an|the)\b)(?:[\w\"“”'-]+\s*){0,3})*$",
    re.I,
)
_OPERATORS = re.compile(
    r"\boperators?\b|\boperat(e|ing) (it|them|the)|\btechnicians?\b|\bmaintenance\b"
    r"|\bto (run|operate) the\b|\buse of (the|its|their)\b"
    r"|\b(to|how to) (operate|run|use|fly|maintain)( and (operate|run|use|fly|maintain))? "
    r"(it|them|the|its|their)\b|\b(on|in) (its|their) (operation|use|maintenance)\b"
    r"|操作人员|操作人員|运维|運維|维护|維護",
    re.I,
)
# 含为赞方培训取证技术人员三十名: the technicians who will run what was delivered.
_ZH_TECHNICIANS = re.compile(r"技术人员|技術人員")
_SEGMENT = re.compile(r"[,，;；:：]")
_WITH = re.compile(r"\bwith\b|與|与|同", re.I)


def _segment(text: str, position: int) -> tuple[int, int]:
    start = max((m.end() for m in _SEGMENT.finditer(text, 0, position)), default=0)
    following = _SEGMENT.search(text, position)
    return start, following.start() if following else len(text)


def _with_another_partner(sentence: Sentence) -> bool:
    """ "The treaty Solomon Islands had concluded with Australia", in a sentence that
    names neither China nor its actors: an agreement between two other countries."""
    if _names_provider(sentence) or sentence.provider_override:
        return False
    countries = [t for t in sentence.tags if t.entry.kind == "country"]
    partners = {
        t.entry.key
        for t in countries
        if re.search(r"\bwith\s+(the\s+)?$", sentence.text[: t.start - sentence.start])
    }
    return bool(partners) and any(t.entry.key not in partners for t in countries)


def _between_others(sentence: Sentence, match: re.Match[str]) -> bool:
    """ "the treaty Solomon Islands signed with Australia": an agreement between two other
    countries, with the provider nowhere in the clause."""
    a, b = _segment(sentence.text, match.start())
    inside = [t for t in sentence.tags if a <= t.start - sentence.start < b]
    if any(_names_provider_tag(t) for t in inside):
        return False
    others = {t.entry.key for t in inside if t.entry.kind == "country"}
    return len(others) >= 2 and bool(_WITH.search(sentence.text[a:b]))


def _general_forum_before(sentence: Sentence) -> bool:
    earlier = [
        sentence,
        sentence.previous,
        sentence.previous.previous if sentence.previous else None,
    ]
    return any(t.entry.kind == "general_forum" for s in earlier if s is not None for t in s.tags)


def _context_near(sentence: Sentence, match: re.Match[str]) -> bool:
    before = sentence.text[max(0, match.start() - 12) : match.start()]
    if re.search(
        r"\b(the|this|that)\s+$|该|該|本届|本屆|(参加|參加|出席|参与|參與)$", before, re.I
    ):
        return True  # "the forum", 参加论坛: one the document has already introduced
    reach = 12 if sentence.chinese else 80  # Chinese packs more into fewer characters
    near = sentence.text[max(0, match.start() - reach) : match.end() + reach]
    if load_lexicon().context.search(near):
        return True
    return any(
        t.entry.kind == "actor" and a <= t.start - sentence.start <= b
        for t in sentence.tags
        for a, b in [(match.start() - 40, match.end() + 40)]
    )


_ANAPHOR = re.compile(
    r"\b(there|the country|the two countries|both countries|both sides|the nation|"
    r"the two (governments|sides|nations)|both governments|"
    r"the same (\w+ )?(forces|countries|states|governments|police)|"
    r"(each of )?the (two|three|four|five|six|seven|eight|nine|ten|\d+) (forces|delegations)|"
    r"the island nation|the kingdom|the island|local)\b|该国|該國|两国|兩國|双方|雙方|当地|當地",
    re.I,
)
# "The two governments", 两国: a pair, one of them the provider.
_PAIR = re.compile(
    r"\b(the two (countries|governments|nations|sides)|both (countries|governments|sides))\b"
    r"|两国|兩國|双方|雙方",
    re.I,
)
_BORDER_AFTER = re.compile(
    r"^([-–]\w+)?\s+(border|frontier)\b"
    r"(?!\s+(police|guards?|troops|forces|officers|units|service|agency|authorities|posts?))",
    re.I,
)
_DOMESTIC = re.compile(r"\b(within|inside)\s+$", re.I)
_CARRY_ON = re.compile(r"\b(such|these|those)\s+\w+|这类|這類|此类|此類|这些|這些|上述", re.I)


def _paragraph_country(sentence: Sentence) -> str | None:
    """ "Kiribati has gone the other way. ... In March the government announced that the
    programme was paused": a sentence naming nobody speaks of the one country named by the
    nearest sentence before it (up to three back) in the same paragraph."""
    current = sentence
    for _ in range(3):  # back through the paragraph to the last sentence naming a country
        previous = current.previous
        if previous is None or current.new_paragraph:
            return None
        named = {
            t.entry.key
            for t in previous.tags
            if t.entry.kind == "country" and t.entry.key != PROVIDER_DEFAULT
        }
        if named:
            return next(iter(named)) if len(named) == 1 else None
        current = previous
    return None


def _focus_country(tags: list[Tag]) -> str | None:
    """The foreign country a document keeps coming back to: named at least three times and
    in at least two of every three mentions of a foreign country."""
    counts = Counter(
        t.entry.key
        for t in tags
        if t.entry.kind == "country"
        and t.entry.key not in PROVIDER_TERRITORIES.get(PROVIDER_DEFAULT, ())
    )
    if not counts:
        return None
    key, top = counts.most_common(1)[0]
    return key if top >= 3 and top * 3 >= sum(counts.values()) * 2 else None


def _speaks_for_doc_country(sentence: Sentence) -> bool:
    """In an interview with the title's one foreign official, "we" and "our officers" are
    that country (not in a direct quotation, whose speaker the sentence names)."""
    return (
        sentence.doc_country is not None
        and sentence.text.lstrip()[:1] not in '"“「『'
        and bool(_FIRST_PERSON.search(sentence.text))
    )


_FIRST_PERSON = re.compile(r"\b(we|our|us|your)\b|我们|我們|我国|我國|我方", re.I)
_WEAK_ANAPHOR = re.compile(r"\b(its|their|they|them)\b|其", re.I)
# 为九十余个国家培训, 来自46个国家: dozens of countries, the world over.
_MANY_COUNTRIES_ZH = (
    r"(?:\d{2,}|[二三四五六七八九]十[一二三四五六七八九]?)[余多]?[个個]国家|\d{2,}個國家"
)
_FOREIGN = re.compile(
    r"\b(foreign(?! languages?)|overseas|abroad|international(ly)?(?! airports?)|other countries|"
    r"partner (countries|nations|states)|countries|nations|other (states|governments)|"
    r"partners|counterparts|worldwide|"
    r"global(ly)?|countries in need)\b|外国|外國|境外|海外|"
    r"各国|各國|他国|有需要的国家|有需要的國家|伙伴国|夥伴國|"
    rf"他國|国际|國際|外籍|全球|发展中国家|發展中國家|{_MANY_COUNTRIES_ZH}",  # 为九十余个国家培训
    re.I,
)
_INSTITUTION_AFTER = re.compile(
    r"^[\s'’s]*([-–]based|senate|congress|think[- ]tank|institute|media|newspaper|magazine|report|"
    r"researchers?|analysts?|academics?|scholars?|journalists?|embassy|state media|"
    r"non-governmental|ngo|human[- ]rights|rights (group|organi[sz]ation)|civil society|"
    r"organi[sz]ation|group|neighbou?r|ally)\b|^(?:人权组织|人權組織|非政府组织|非政府組織|媒体|媒體|智库|智庫|国防部|國防部|国会|國會|参议院|參議院|研究机构|研究機構|学者|學者)",
    re.I,
)


# "Peru's Congress approved a law ...", "老挝国会审议通过": a legislature that legislates is
# its state acting (a legal adoption, a ban), not a source speaking about others.
_LEGISLATES = re.compile(
    r"^[\s'’s]*(senate|congress|parliament|national assembly|国会|國會|议会|議會|参议院|參議院)"
    r"[^.;,，。]{0,30}?(pass|approv|adopt|enact|amend|vot|通过|通過|审议|審議)",
    re.I,
)


def attach_arguments(
    sentence: Sentence, lexicon: Lexicon, gazetteer: Gazetteer, doc_provider: str | None
) -> None:
    if not sentence.types:
        return
    provider, orgs = _provider(sentence, doc_provider)
    # The provider must be in sight: named in this sentence or the one before. A sentence
    # about, say, a treaty between two other countries is not an export event.
    if not _provider_in_sight(sentence, doc_provider):
        return
    recipients, regions = _recipients(sentence, provider, gazetteer)
    if (
        not recipients
        and not regions
        and sentence.previous is not None
        and _ANAPHOR.search(sentence.text)
    ):
        earlier = sentence.previous
        for _ in range(3):  # "both sides" after "the two governments" after a named pair
            recipients, regions = _recipients(earlier, provider, gazetteer)
            if recipients or regions or earlier.previous is None:
                break
            earlier = earlier.previous
    elif (
        not recipients
        and not regions
        and sentence.previous is not None
        and _WEAK_ANAPHOR.search(sentence.text)
    ):
        # "its police", "they attended": only when the sentence before names one country.
        before, before_regions = _recipients(sentence.previous, provider, gazetteer)
        if len(before) == 1 or (not before and before_regions):
            recipients, regions = before, before_regions
    if not recipients and not regions and sentence.doc_pair and _PAIR.search(sentence.text):
        recipients = [sentence.doc_focus]  # the title's pair: the provider and this country
    if not recipients and not regions and _speaks_for_doc_country(sentence):
        recipients = [sentence.doc_country]  # "eighty-five of our officers" (Kyrgyz minister)
    foreign = any(
        not _NEGATION.search(sentence.text[max(0, m.start() - 20) : m.start()])
        for m in _FOREIGN.finditer(sentence.text)
    ) or bool(_COUNTED_GROUP.search(sentence.text))  # "the four countries", listed elsewhere
    if not recipients and not regions and not foreign:
        carried = _paragraph_country(sentence)
        if carried and _pinned_down(sentence):
            recipients = [carried]
        elif sentence.doc_focus and _names_provider(sentence) and _pinned_down(sentence):
            # A story about one country (its title names it, or it keeps coming back)
            # names it no more in every sentence: "the team leader handed over 20 patrol
            # vehicles donated by China".
            recipients = [sentence.doc_focus]
    frame = _BACKGROUND_DATE.search(sentence.text)
    frame_years = _frame_years(sentence, frame)
    if frame_years and all(
        frame.start() <= m.start() < frame.end() for m in sentence.types.get("agreement", [])
    ):
        sentence.types.pop("agreement", None)  # the frame speaks of it, with its own date
    if (
        frame_years
        and "agreement" not in sentence.types
        and recipients
        and not sentence.provider_override
    ):
        # The act's dated frame is an agreement of its own (an undated one is told
        # elsewhere, if at all).
        groups = (
            [[r] for r in recipients] if len(recipients) <= MAX_BILATERAL_SPLIT else [recipients]
        )
        _emit(
            sentence,
            "agreement",
            "completed",
            provider,
            orgs,
            groups,
            regions,
            frame_years,
            None,
            gazetteer,
        )
    for name, hits in sentence.types.items():
        if sentence.provider_override and name not in _OTHER_PROVIDER_TYPES:
            continue
        others = [h for other, more in sentence.types.items() if other != name for h in more]
        # An event needs someone on the receiving end: a named country or region, or at
        # least "foreign"/"overseas" partners. Pushback needs a named party.
        # A forum is multilateral by definition.
        anchored = foreign or (name == "forum" and _international_forum(sentence))
        if name == "forum" and (
            _NATIONWIDE.search(sentence.text) or _bilateral_meeting(sentence, recipients)
        ):
            continue  # a domestic work conference, or a two-country meeting: no forum
        if not recipients and not regions and (name == "pushback" or not anchored):
            continue
        attending = recipients or _whole_grouping(sentence)  # 为中亚五国培训: all five
        for part in _parts_for(sentence, hits, others):
            _add_events(
                sentence, part, name, lexicon, gazetteer, provider, orgs, attending, regions
            )


_FRAME_NOUN = re.compile(r"协议|協議|协定|協定|备忘录|備忘錄|条约|條約")


def _frame_years(sentence: Sentence, frame: re.Match[str] | None) -> tuple[int, int] | None:
    """The date of the agreement an act is framed by ("under the treaty signed by both in
    2021", 根据两国去年签署的安全合作协议), or None: no frame, an undated one, a contract
    (a sale, not an agreement) or the first of a series (自2019年……以来). `frame`: the
    sentence's _BACKGROUND_DATE match."""
    if frame is None or frame.group().startswith("自"):
        return None
    clause = re.match(r"[^,;，；。]*", sentence.text[frame.end() :])
    words = frame.group() + (clause.group() if clause else "")
    if sentence.chinese:
        if not _FRAME_NOUN.search(words):
            return None
    elif re.search(r"\b(contract|deal|loan)\b", words, re.I):
        return None
    lead = re.match(
        r"\W*(under|as part of|pursuant to|following|in line with|根据|根據|按照|依照|依据|依據)",
        words,
        re.I,
    )
    return _years(
        words[lead.end() if lead else 0 :], sentence.doc_year, sentence.doc_month, frozenset()
    )


_INTERNATIONAL = re.compile(
    r"\b(international|global|regional|multilateral|bilateral|delegations?)\b|国际|國際|全球|区域|區域|多边|多邊|代表团|代表團",
    re.I,
)


_NATIONWIDE = re.compile(
    r"全国|全國|全省|全市|全区|全區|全州|\bnationwide\b|\bnational work conference\b", re.I
)


_BILATERAL = re.compile(
    r"\b(bilateral|the two sides|both sides|two countries)\b|双边|雙邊|两国|兩國|双方|雙方"
    r"|\bChina[-–—]\w+|中[\u4e00-\u9fff]{1,4}(?:两国|執法|执法|警务|警務)",
    re.I,
)


def _bilateral_meeting(sentence: Sentence, recipients: list[str]) -> bool:
    """ "The third China-Cambodia ministerial meeting": two countries meeting is
    cooperation between them, not a forum."""
    return len(recipients) == 1 and bool(_BILATERAL.search(sentence.text))


def _international_forum(sentence: Sentence) -> bool:
    """A forum is multilateral when it says so, or is one the gazetteer knows; a
    nationwide work conference of the provider's own police is not."""
    if _NATIONWIDE.search(sentence.text):
        return False
    return bool(_INTERNATIONAL.search(sentence.text)) or any(
        t.entry.kind == "actor" and t.entry.actor_kind == "organisation" for t in sentence.tags
    )


# "...courses offered by friendly countries; among them, 20 officers attended ...": a clause
# that speaks of those just named.
_PART_ANAPHOR = re.compile(r"^\W*(among (them|these|those)|of (them|whom|these)|其中)", re.I)


# "与老挝、缅甸、泰国三国执法部门开展联合巡逻", "a four-nation patrol": the countries
# patrol together, one multilateral event.
_TOGETHER = re.compile(
    r"[三四五六][国國](执法|執法|警|联合|聯合|部门|部門|共同)|[四五六][国國]联合|[四五六][國国]聯合"
    r"|\b(three|four|five|six)[- ](nation|country|party|way)\b|\b(trilateral|quadrilateral)\b"
    # "with counterparts from Laos, Myanmar and Thailand", a route "via" ports of several
    # countries, the Mekong: one patrol by the countries together.
    r"|\bcounterparts from\b|\bMekong\b|湄公河|途经|途經|中[老缅緬泰柬越哈吉塔蒙俄]{2,5}",
    re.I,
)


# The year a law carries in its name: "the 2021 sub-decree", "the Cybersecurity Law of 2017",
# "2017年《网络安全法》".
_LAW_YEAR = re.compile(
    r"\b((?:19|20)\d\d)\s+(?:[\w-]+\s+)?(?:sub-decree|decree|law|act|regulations?|code)\b"
    r"|\b(?:Act|Law|Decree|Code),?\s+(?:of\s+)?((?:19|20)\d\d)\b"
    r"|((?:19|20)\d\d)年(?:颁布|頒布|出台|通过|通過|施行|实施|實施)?的?《",
    re.I,
)


# The model's own law ("China's 2017 Cybersecurity Law") dates the model, not the adoption.
_MODEL_LAW = re.compile(
    r"\b(China|PRC|Beijing)['’]s\b|\bChinese\b|\bXinjiang\b|中国|中國|我国|我國|新疆", re.I
)


def _add_events(
    sentence: Sentence,
    part: Sentence,
    name: str,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    provider: str | None,
    orgs: list[str],
    recipients: list[str],
    regions: list[str],
) -> None:
    stated_in = _statement_years(sentence.text)
    years = find_years(part, stated_in)
    if part is not sentence:
        # A clause speaks of the countries and years it names, else of those the sentence
        # names outside clauses about other events ("agreements with Central Asian
        # capitals, a joint patrol arrangement with Italy in 2017").
        own = [t for t in sentence.tags if part.start <= t.start < part.end]
        if not any(t.entry.kind in ("country", "grouping") for t in own):
            own = [t for t in sentence.tags if not any(a <= t.start < b for a, b in part.excluded)]
        in_part = _recipients(
            Sentence(
                part.index,
                part.start,
                part.end,
                part.text,
                own,
                part.doc_year,
                doc_month=part.doc_month,
            ),
            provider,
            gazetteer,
        )
        # "The House condemned ..., including stations on British soil": a pushback whose
        # clause names nobody is the sentence's country's.
        # A sentence that names no country at all took its recipients from the context
        # (the story's country): every clause shares them.
        named_here = any(t.entry.kind in ("country", "grouping") for t in sentence.tags)
        if (
            (name != "pushback" or in_part[0] or in_part[1])
            and not (not any(in_part) and _PART_ANAPHOR.match(part.text))
            and (any(in_part) or named_here)
        ):
            recipients, regions = in_part
        if years is None:
            rest = "".join(
                " " if any(a <= sentence.start + i < b for a, b in part.excluded) else ch
                for i, ch in enumerate(sentence.text)
            )
            years = find_years(
                Sentence(
                    part.index,
                    sentence.start,
                    sentence.end,
                    rest,
                    [],
                    part.doc_year,
                    doc_month=part.doc_month,
                )
            )
    if name == "legal_adoption":
        dated, models = None, []
        for m in _LAW_YEAR.finditer(part.text):
            if _MODEL_LAW.search(part.text[max(0, m.start() - 40) : m.end()]):
                models.append(m)  # "China's Counter-Terrorism Law of 2015": the model's
            elif dated is None:
                dated = m
        if dated:  # "Cambodia's 2021 sub-decree … studied China's system in 2019"
            year = int(next(g for g in dated.groups() if g))
            years = (year, year)
        elif models:  # the adoption's own year, if the sentence gives one
            blanked = part.text
            for m in models:
                blanked = blanked[: m.start()] + " " * (m.end() - m.start()) + blanked[m.end() :]
            years = find_years(replace(part, text=blanked), stated_in)
    status = (
        "cancelled"
        if name in sentence.cancelled
        else find_status(part, name, lexicon, years, max(stated_in, default=0))
    )
    if name == "forum":
        years = _forum_years(sentence, status)
    people = find_people(part, lexicon) if name != "forum" else None
    if name == "training" and not recipients and _DOMESTIC_TRAINEES.search(part.text):
        return  # "certificates to 120 Chinese police officers": the provider's own police
    if not recipients and not regions and status == "unknown" and not years and not people:
        return  # a generic statement ("joint patrols are one form of ..."), not an event
    if (
        not recipients
        and not regions
        and name != "forum"
        and not _provider_just_named(sentence)
        and not _COUNTED_GROUP.search(part.text)  # named later, from the document's list
    ):
        return  # "we will train our investigators with partners ...": nobody in sight
    if not (
        recipients
        or set(regions) - {GROUPING_REGION_FALLBACK}  # "Belt and Road countries" is no place
        or years
        or people
        or _counts(part)
        or _named_body(sentence)
        or _ANNOUNCED.search(sentence.text)
    ):
        return  # "China has sent police to work alongside local forces abroad": generic
    # Bilateral acts are one event per country, unless the provider is one of the listed
    # parties, or the list is long: a roll-call of many countries summarises one finding.
    split = (
        name in BILATERAL
        and 1 < len(recipients) <= MAX_BILATERAL_SPLIT
        and not _provider_in_list(sentence, provider)
        and not (name == "joint_patrol" and _TOGETHER.search(part.text))
    )
    groups = [[r] for r in recipients] if split else [recipients]
    if name == "pushback" and len(recipients) > 1:
        # "Port Moresby turned down ..., citing Australia": who pushes back is the subject
        # of a pushback verb.
        subjects = [c for c in _pushing_countries(sentence) if c in recipients]
        groups = [[c] for c in subjects] or groups

    def emit(groups: list[list[str]], years: tuple[int, int] | None, people: int | None) -> None:
        _emit(sentence, name, status, provider, orgs, groups, regions, years, people, gazetteer)

    own_years = _years_per_country(part, recipients) if name != "forum" else None
    if own_years:
        # "the Belgrade platform, delivered in 2019, and the Islamabad centre, delivered in
        # 2016": one event per country, each with its own year.
        for code, year in own_years.items():
            emit([[code]], (year, year), people)
        return
    year_list = _YEAR_LIST.search(part.text)
    if year_list and name in BILATERAL and years and years[0] != years[1]:
        # "patrols in Serbia in 2019 and 2023": two deployments, not a range.
        for year in (int(year_list.group(1)), int(year_list.group(2))):
            emit(groups, (year, year), people)
        return
    own_people = _people_per_country(part, recipients, lexicon) if len(groups) > 1 else None
    if own_people:
        # "从老挝押解486名，从泰国押解72名": each country's act with its own count.
        for code in recipients:
            emit([[code]], years, own_people[code])
        return
    emit(groups, years, people)


# A bare count after a country: "486名", "72人", "(40)", "40 people".
_BARE_COUNT = re.compile(rf"(?P<num>{numbers.ZH_NUMBER})\s*(?:余|多)?\s*(?:名|人)(?!民)")


def _per_country(
    part: Sentence, recipients: list[str], value_of: Callable[[str], int | None]
) -> dict[str, int] | None:
    """Each of two to four countries followed by a value of its own (``value_of`` the text
    up to the next country), all different; else None."""
    if not 1 < len(recipients) <= 4:
        return None
    firsts: dict[str, Tag] = {}
    for tag in (t for t in part.tags if part.start <= t.start < part.end):
        if tag.entry.kind == "country" and tag.entry.key in recipients:
            firsts.setdefault(tag.entry.key, tag)
    ordered = sorted(firsts.values(), key=lambda t: t.start)
    if len(ordered) != len(recipients):
        return None
    result: dict[str, int] = {}
    for i, tag in enumerate(ordered):
        stop = ordered[i + 1].start if i + 1 < len(ordered) else part.end
        value = value_of(part.text[tag.end - part.start : stop - part.start])
        if value is None:
            return None
        result[tag.entry.key] = value
    return result if len(set(result.values())) == len(result) else None


def _people_per_country(
    part: Sentence, recipients: list[str], lexicon: Lexicon
) -> dict[str, int] | None:
    """ "从老挝押解486名，从泰国押解72名": a count of people after each country."""

    def count(between: str) -> int | None:
        found = _people(between, lexicon)
        if found is None:
            bare = _BARE_COUNT.search(between)
            found = numbers.parse_zh(bare.group("num")) if bare else None
        return found

    return _per_country(part, recipients, count)


def _years_per_country(part: Sentence, recipients: list[str]) -> dict[str, int] | None:
    """One year after each country ("Belgrade, delivered in 2019, and Islamabad, in 2016")."""

    def year(between: str) -> int | None:
        found = _SINGLE.findall(between)
        return int(found[0]) if len(found) == 1 else None

    return _per_country(part, recipients, year)


def _forum_years(sentence: Sentence, status: str) -> tuple[int, int] | None:
    """A forum's year is one written next to it; years elsewhere in the sentence usually
    date what was announced there. Failing that, the document's year (a report on a forum
    is written when it meets); else unknown."""
    for match in sentence.types.get("forum", []):
        start, end = match.start(), match.end()
        for tag in sentence.tags:  # the whole name: "2024年…全球公共安全合作论坛"
            if tag.start - sentence.start <= start < tag.end - sentence.start:
                start, end = tag.start - sentence.start, tag.end - sentence.start
        if sentence.chinese:  # Chinese dates precede what they date
            near = sentence.text[max(0, start - 20) : start]
        else:
            near = sentence.text[max(0, start - 45) : end + 45]
        years = [int(y) for y in _SINGLE.findall(near)] or [
            # "2025年6月，首届中国—南亚执法安全合作论坛…", "In September 2024 the ministers
            # of … met at the … forum": a date opening the sentence dates the meeting.
            int(y)
            for y in _SINGLE.findall(sentence.text[:start])
        ]
        if years:
            return min(years), max(years)
    relative = _relative_years(sentence.text, sentence.doc_year, sentence.doc_month)
    if relative and relative[0] == relative[1]:
        return relative  # "the forum in Lianyungang last September" (not "the next 12 months")
    if all(_FORUM_BACK.search(sentence.text[: m.start()]) for m in sentence.types["forum"]):
        return None  # 那次对话会: the one told before, whose date that sentence gave
    if sentence.doc_year and status != "planned":
        return sentence.doc_year, sentence.doc_year
    return None


_FORUM_BACK = re.compile(r"\b(that|this|the same)\s+$|(那次|那届|那屆|该|該|上届|上屆)$", re.I)


_YEAR_LIST = re.compile(
    rf"(?<!between )\b(?:in\s+)?({_YEAR})\s+(?:and|&)\s+(?:again\s+)?(?:in\s+)?({_YEAR})\b"
    rf"|({_YEAR})年和({_YEAR})年",
    re.I,
)


def _emit(
    sentence: Sentence,
    name: str,
    status: str,
    provider: str | None,
    orgs: list[str],
    groups: list[list[str]],
    regions: list[str],
    years: tuple[int, int] | None,
    people: int | None,
    gazetteer: Gazetteer,
) -> None:
    worldwide = not any(groups[0]) and bool(regions) and _worldwide(sentence)
    # Recipients the sentence does not name came from its context (the story's country):
    # a later stage may find the sentence meant a group the document lists.
    from_context = not any(
        t.entry.kind == "grouping" or (t.entry.kind == "country" and t.entry.key != provider)
        for t in sentence.tags
    )
    for group in groups:
        event_regions = set(regions) | _regions_of(group, gazetteer)
        if worldwide:  # "officers from other countries, Africa's most of all": still Global
            event_regions.add(GROUPING_REGION_FALLBACK)
        sentence.events.append(
            {
                "type": name,
                "status": status,
                "provider": provider,
                "provider_orgs": orgs,
                "recipients": sorted(group),
                "recipient_regions": sorted(event_regions) or [GROUPING_REGION_FALLBACK],
                "year_start": years[0] if years else None,
                "year_end": years[1] if years else None,
                "people": people,
                "confidence": _confidence(sentence, name, bool(group)),
                "stance": "denied" if name in sentence.denied else "asserted",
                "extra": {"context_recipients": True} if from_context and group else {},
            }
        )


_WORLDWIDE = re.compile(
    r"\b(other countries|foreign (police|officers|officials|countries|partners)|worldwide|"
    r"around the (world|globe)|across the (world|globe)|from (many|dozens of|\d+) countries)\b"
    rf"|外国|外國|各国|各國|全球|世界各地|其他国家|其他國家|{_MANY_COUNTRIES_ZH}",
    re.I,
)


def _worldwide(sentence: Sentence) -> bool:
    """ "Officers from other countries", 各国; but 东盟各国 is ASEAN's countries."""
    group_ends = {t.end - sentence.start for t in sentence.tags if t.entry.kind == "grouping"}
    return any(m.start() not in group_ends for m in _WORLDWIDE.finditer(sentence.text))


_LIST_GAP = re.compile(r"^[\s,、，]*(?:(?:and|the|和|与|與|及)[\s,、，]*)*$", re.I)


def _provider_in_list(sentence: Sentence, provider: str | None) -> bool:
    """ "Thailand, China, Laos and Myanmar run joint patrols": the provider is one of the
    listed parties, so the countries act together in one multilateral event."""
    code = provider or PROVIDER_DEFAULT
    countries = [t for t in sentence.tags if t.entry.kind == "country"]

    def listed(a: Tag, b: Tag) -> bool:
        gap = sentence.text[a.end - sentence.start : b.start - sentence.start]
        return bool(_LIST_GAP.match(gap))

    for k, tag in enumerate(countries):
        if tag.entry.key != code:
            continue
        before = countries[k - 1] if k > 0 else None
        after = countries[k + 1] if k + 1 < len(countries) else None
        if (
            after is not None
            and after.entry.key != code
            and listed(tag, after)
            and (before is None or before.entry.key == code or listed(before, tag))
        ):
            return True
    return False


# Where one sentence states two facts: "trained 2,700 in 2023 and plans 3,000 more".
_CLAUSE = re.compile(
    r";|；|,?\s+\b(?:and|while|whereas|but)\s+(?=(?:\w+\s+){0,3}?(?:plan\w*|pledg\w*|"
    r"promis\w*|will|intend\w*|aim\w*|announc\w*|expect\w*|hop\w*|vow\w*|seek\w*|is to|are to)\b)"
    r"|，\s*(?=并|並|还|還|而|但|同时|同時|计划|計劃|将|將|拟|擬|明年|未来|未來)"
    r"|,\s+(?:and\s+)?(?=[a-z]+ing\b)"
    r"|(?:^|\bthat\s+)(?:after|before|when|while|since|although|though|once)\b[^,]{5,}?,"
    r"|^[^，]{0,40}?(?:之后|之後|以后|以後)，"
    r"|,\s+(?:and|while|but)\s+(?=(?:the\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?\s+(?:authorities|"
    r"government|police|officials|ministry|has|have|had|was|were|signed|deported|agreed|"
    r"extradited|suspended|cancelled|canceled|received|sent)\b)",
    re.I,
)


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.end() for m in _CLAUSE.finditer(text)] + [len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


_COUNT_OR_PLAN = re.compile(r"\d|thousand|hundred|[千百万萬]")


def _parts_for(
    sentence: Sentence, hits: list[re.Match[str]], others: list[re.Match[str]]
) -> list[Sentence]:
    """The parts of the sentence that carry this type's triggers, when the sentence splits
    into clauses with triggers of their own; else the whole sentence. A clause with no
    trigger at all continues the one before it ("... and plans 3,000 more")."""
    spans = _clauses(sentence.text)

    def has(span: tuple[int, int], matches: list[re.Match[str]]) -> bool:
        return any(span[0] <= m.start() < span[1] for m in matches)

    planned = load_lexicon().status["planned"]
    used: list[tuple[int, int]] = []
    for i, span in enumerate(spans):
        clause = sentence.text[span[0] : span[1]]
        if has(span, hits):
            used.append(span)
        elif (
            i > 0
            and used
            and used[-1][1] == span[0]
            and not has(span, others)
            and _COUNT_OR_PLAN.search(clause)
        ):
            if planned.search(clause):
                used.append(span)  # "... and plans 3,000 more": a plan of its own
            else:  # "..., reached about 1,000 officers": the same event goes on
                used[-1] = (used[-1][0], span[1])
    spans = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in used)] + used
    elsewhere = [span for span in spans if span not in used and has(span, others)]
    busy = [span for span in spans if has(span, hits) or has(span, others)]
    if len(used) < 2 and not elsewhere:
        return [sentence]
    parts = []
    for a, b in used:
        part = Sentence(
            sentence.index,
            sentence.start + a,
            sentence.start + b,
            sentence.text[a:b],
            sentence.tags,
            sentence.doc_year,
            sentence.previous,
            doc_month=sentence.doc_month,
        )
        part.excluded = [
            (sentence.start + x, sentence.start + y) for x, y in busy if (x, y) != (a, b)
        ]
        parts.append(part)
    return parts


def _provider_in_sight(sentence: Sentence, doc_provider: str | None) -> bool:
    """Named in this sentence or the two before; anywhere in the document for a sentence
    that carries on ("such stations") or reports pushback (which names the country that
    pushes back, not always the one pushed back)."""
    if sentence.doc_from_provider or sentence.provider_override:
        return True  # a press release datelined in China; another provider named acting
    if sentence.doc_pair and _PAIR.search(sentence.text):
        return True  # "the two governments renewed their memorandum", under such a title
    window, earlier = [sentence], 0
    while window[-1].previous is not None and earlier < 2:
        window.append(window[-1].previous)
        earlier += not _is_row(window[-1])  # a table: back to its caption
    if any(_names_provider(s) for s in window):
        return True
    if not doc_provider:
        return False
    # "Reports of such stations ...": the sentence carries on the document's subject.
    return bool(load_lexicon().triggers["pushback"].search(sentence.text)) or bool(
        _CARRY_ON.search(sentence.text)
    )


_COUNT = re.compile(
    r"\b\d[\d,.]*\b|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    r"thirty|forty|fifty|dozens?|hundreds?|thousands?)\b|[一二三四五六七八九十百千万萬两兩]+(?:个|個|名|国|國|份|项|項)",
    re.I,
)


def _counts(sentence: Sentence) -> bool:
    """A figure other than a year ("59 extradition treaties", "ten capitals")."""
    return any(not _looks_like_year(m.group()) for m in _COUNT.finditer(sentence.text))


_PROGRAMME_NAME = re.compile(r"[\"“]([A-Z][\w'-]*)(\s+[A-Z\d][\w'-]*)+[\"”]|《[^》]{2,40}》")


def _pinned_down(sentence: Sentence) -> bool:
    """The sentence states a particular act: a time, a figure, a named body or programme."""
    return bool(find_years(sentence) or _counts(sentence) or _named_body(sentence))


_ANNOUNCED = re.compile(
    r"\b(announc\w+|pledg\w+|unveil\w+|promis\w+|outlin\w+|plans? (to|for))\b"
    r"|宣布|承诺|承諾|提出|将向|將向",
    re.I,
)


def _named_body(sentence: Sentence) -> bool:
    """A specific institution or programme pins a statement down: an academy, a company,
    an international organisation, or a programme's name in quotation marks."""
    return any(
        t.entry.kind == "actor" and t.entry.actor_kind in ("academy", "company", "organisation")
        for t in sentence.tags
    ) or bool(_PROGRAMME_NAME.search(sentence.text))


def _provider_just_named(sentence: Sentence) -> bool:
    """The provider named in this sentence, or in the one before unless this one is a
    direct quotation (whose "we" is the speaker, not the provider)."""
    if _names_provider(sentence):
        return True
    quoted = sentence.text.lstrip()[:1] in '"“「『'
    return not quoted and sentence.previous is not None and _names_provider(sentence.previous)


def _names_provider_tag(tag: Tag) -> bool:
    # A Chinese pair such as 中老 names China and its partner at once.
    pair = tag.entry.kind == "country" and len(tag.text) == 2 and tag.text[0] == "中"
    return (
        pair
        or (tag.entry.kind == "country" and tag.entry.key == PROVIDER_DEFAULT)
        or (tag.entry.kind in ("actor", "place") and tag.entry.country is not None)
    )


def _names_provider(sentence: Sentence) -> bool:
    return any(_names_provider_tag(t) for t in sentence.tags) or bool(
        _PROVIDER_ORGAN.search(sentence.text) or _ZH_PAIR_STATES.search(sentence.text)
    )


# 中尼两国 (China and Nepal): a pair whose short form no gazetteer can list unambiguously
# (尼 is Nepal here, Nigeria elsewhere) still names China.
_ZH_PAIR_STATES = re.compile(r"中[\u4e00-\u9fff](两|兩)[国國]")


# Organs of the provider's police that no gazetteer can list one by one: "the Qingtian
# County Public Security Bureau", 某某市公安局.
_PROVIDER_ORGAN = re.compile(
    r"Public Security (Bureau|Department)|Ministry of Public Security|公安局|公安厅|公安廳|公安部"
    r"|我司|本公司|我公司"  # a Chinese company's own page: "our company"
    r"|股份有限公司|有限责任公司|有限公司"  # a company registered in Chinese
    r"|向我方|我方向"  # "to our side": China, in a Chinese source
)


def _provider(sentence: Sentence, doc_provider: str | None) -> tuple[str | None, list[str]]:
    if sentence.provider_override:
        return sentence.provider_override, []
    orgs = sorted(
        {t.entry.label for t in sentence.tags if t.entry.kind == "actor" and t.entry.country}
    )
    countries = [
        t.entry.country
        for t in sentence.tags
        if t.entry.kind in ("actor", "place") and t.entry.country
    ]
    countries += [
        PROVIDER_DEFAULT
        for t in sentence.tags
        if t.entry.kind == "country" and (t.entry.key == PROVIDER_DEFAULT or _names_provider_tag(t))
    ]  # 中老泰: the pair names China as well as its partner
    return (countries[0] if countries else doc_provider), orgs


def _recipients(
    sentence: Sentence, provider: str | None, gazetteer: Gazetteer
) -> tuple[list[str], list[str]]:
    recipients: list[str] = []
    regions: list[str] = []
    label = _LABEL.match(sentence.text)
    label_end = sentence.start + label.end() if label else -1
    if label and not any(
        t.start >= label_end and t.entry.kind == "country" and t.entry.key != provider
        for t in sentence.tags
    ):
        label_end = -1  # the label's country is the only one: it is who
    for tag in sentence.tags:
        if tag.start < label_end:
            continue  # "BAMAKO — Turkey's ministry and Niger's ...": where it is reported
        entry = tag.entry
        internal = PROVIDER_TERRITORIES.get(provider or PROVIDER_DEFAULT, set())
        before = sentence.text[max(0, tag.start - sentence.start - 12) : tag.start - sentence.start]
        if entry.kind == "country" and _DOMESTIC.search(before):
            continue  # "opposition within Hungary": a domestic debate, not the state
        if _NOT_PARTY.search(before):
            continue  # "Not China this time: ...", "rather than Russia"
        after_tag = sentence.text[tag.end - sentence.start : tag.end - sentence.start + 30]
        if entry.kind == "country" and (
            _BORDER_AFTER.match(after_tag)
            or re.search(r"[-–]$", before)
            and _BORDER_AFTER.match("-x" + after_tag)
        ):
            continue  # "the Tajik-Afghan border": where, not who
        if entry.kind == "country" and entry.key != provider and entry.key not in internal:
            after = sentence.text[tag.end - sentence.start : tag.end - sentence.start + 30]
            if _INSTITUTION_AFTER.match(after) and not _LEGISLATES.match(after):
                continue
            if entry.key not in recipients:
                recipients.append(entry.key)
        elif (
            entry.kind == "grouping"
            and entry.region
            and entry.region not in regions
            and not _INSTITUTION_AFTER.match(
                sentence.text[tag.end - sentence.start : tag.end - sentence.start + 30]
            )
        ):
            regions.append(entry.region)
    return recipients, regions


# A dateline or a newsletter's section label before a dash: "BAMAKO —", "MALI – ",
# "VIENTIANE, March 14 (Xinhua) --".
_LABEL = re.compile(r"[A-Z][A-Z'’ .-]{2,30}\b(?:,[^—–\n]{0,40}?)?\s+(?:—|–|--)\s+")


def _whole_grouping(sentence: Sentence) -> list[str]:
    """ "The heads of police from all five republics", 中亚五国: a grouping of five fixed
    members counted whole is its members (said of who attended a meeting)."""
    if not _ALL_MEMBERS.search(sentence.text):
        return []
    for tag in sentence.tags:
        if tag.entry.kind == "grouping" and len(tag.entry.members) == 5:
            return list(tag.entry.members)
    return []


_ALL_MEMBERS = re.compile(
    r"\b(all five|the five|five)\b(?! (of|officers|officials|years|days|weeks|months))|五国|五國",
    re.I,
)


def _regions_of(countries: list[str], gazetteer: Gazetteer) -> set[str]:
    return {region for code in countries for region in country_regions(gazetteer).get(code, ())}


# Regional groupings that define a codebook region by their members.
_DEFINING_GROUPINGS = {
    "asean": "Southeast Asia",
    "central_asia": "Central Asia",
    "africa": "Africa",
    "pacific": "Pacific",
    "europe": "Europe",
    "latin_america": "Latin America",
    "middle_east": "Middle East",
    "south_asia": "South Asia",
    "east_asia": "Asia",  # Japan, Mongolia, the Koreas
}


def country_regions(gazetteer: Gazetteer) -> dict[str, tuple[str, ...]]:
    """Codebook regions of each country, from the groupings' members (computed once per
    gazetteer, not per event)."""
    cached = getattr(gazetteer, "_country_regions", None)
    if cached is None:
        result: dict[str, set[str]] = {}
        for entry in gazetteer.groupings.values():
            region = _DEFINING_GROUPINGS.get(entry.key)
            for code in entry.members if region else ():
                result.setdefault(code, set()).add(region)
        cached = {code: tuple(sorted(regions)) for code, regions in result.items()}
        gazetteer._country_regions = cached  # kept on the gazetteer it describes
    return cached


# Years: ranges first, then single years; a year that dates a report is not the event's.
_RANGE = re.compile(
    rf"(?:between|from)\s+(?:\w+\s+)?({_YEAR})\s+(?:and|to|through|until)\s+(?:\w+\s+)?({_YEAR})"
    rf"|({_YEAR})\s*(?:–|—|-|to)\s*({_YEAR})"
    rf"|({_YEAR})\s*年?\s*(?:至|到|—|–|-|~)\s*({_YEAR})\s*年",
    re.I,
)
_SINCE = re.compile(
    rf"\b(?i:since)\s+(?:(?i:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?({_YEAR})\b"
    rf"|自\s*({_YEAR})\s*年(?:[^，。；,]{{0,20}}?以来|起)|({_YEAR})\s*年以来"
)
# Years written digit by digit in Chinese numerals: 二〇一一年.
_ZH_DIGIT_YEAR = re.compile(r"[一二][〇零○][〇零○一二三四五六七八九]{2}(?=年)")
_ZH_DIGIT = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_SINGLE = re.compile(rf"(?<!\d)({_YEAR})(?!\d)")
_REPORT_YEAR = re.compile(
    rf"({_YEAR})\s+(?:[\w’'-]+\s+){{0,3}}(?:report|study|paper|article|survey|white paper|"
    rf"analysis|book|index)"
    rf"|(?:report|study|paper|article|analysis)\s+(?:(?:published|issued|released)\s+)?(?:in\s+)?"
    rf"(?:\w+\s+)?({_YEAR})"
    rf"|({_YEAR})\s*年\s*(?:的)?\s*(?:报告|報告|研究)",
    re.I,
)


# Year-level cues first: "said on Monday" dates the report, not the event.
_RELATIVE = [
    (re.compile(r"\bthe year before last\b|前年", re.I), -2, -2),
    (
        re.compile(
            r"\b(last|past|previous) (calendar )?year\b|\ba year ago\b|去年|上一年|前一年", re.I
        ),
        -1,
        -1,
    ),
    (re.compile(r"\b(this|the current) year\b|今年|本年", re.I), 0, 0),
    (
        re.compile(
            r"\b(next|following|coming|upcoming) (12|twelve) months\b|未来12个月|未来十二个月|"
            r"未來12個月|接下来的12个月|今后12个月",
            re.I,
        ),
        0,
        1,
    ),
    (re.compile(r"\b(next|following|coming|upcoming) year\b|明年|来年|來年", re.I), 1, 1),
    (
        re.compile(
            r"\b(this|last) (month|week)\b"
            # "said yesterday", 昨天表示: the day of the statement, not of what it is about.
            r"|\b(?<!said )(yesterday|today|tonight|last night|this morning)\b(?! (said|told))"
            r"|(昨天|昨日|今天)(?!表示|说|說|称|稱|指出)"
            # "opened Wednesday" (wire style): the week of the report.
            r"|\b(on |last |this )?(monday|tuesday|wednesday|thursday|"
            r"friday|saturday|sunday)\b|本月|上月|上个月|上個月|本周|上周|本週|上週"
            r"|日前|近日|(?<![月\d])(?:[1-9]|[12]\d|3[01])日(?![电電])",
            re.I,
        ),
        0,
        0,
    ),
]


# Words any relative date needs, checked as plain substrings before the patterns run.
_RELATIVE_HINTS = (
    "year", "month", "week", "day", "ago", "jan", "feb", "mar", "apr", "may", "jun", "jul",
    "aug", "sep", "oct", "nov", "dec", "spring", "summer", "autumn", "fall", "winter",
    "年", "月", "周", "週", "日", "night", "morning", "昨", "今天",
)  # fmt: skip


def _may_be_relative(text: str) -> bool:
    lowered = text.lower()
    return any(hint in lowered for hint in _RELATIVE_HINTS)


def find_years(sentence: Sentence, stated: set[int] = frozenset()) -> tuple[int, int] | None:
    """The years the sentence (or clause) dates its event to. `stated`: years the whole
    sentence gives to the statement itself ("in September 2024 the minister said ..."),
    which anchor relative dates in a clause that does not repeat them."""
    # Stages ask about the same text several times: answer from a small cache.
    return _years(sentence.text, sentence.doc_year, sentence.doc_month, frozenset(stated))


@lru_cache(maxsize=4096)
def _years(
    text: str, doc_year: int | None, doc_month: int | None, stated: frozenset[int]
) -> tuple[int, int] | None:
    background = _BACKGROUND_DATE.search(text)
    if background:
        # "delivered 400 cameras in May under a contract concluded last year": the date
        # of the contract the act follows from is not the act's, if the act has its own.
        # "这是……自2019年首次……以来的第三次联合巡逻": nor is the date of the first one.
        # If the act has no date of its own, it has none: not a guess.
        rest = text[: background.start()] + " " * len(background.group()) + text[background.end() :]
        return _years(rest, doc_year, doc_month, stated)
    if "年" in text and _ZH_DIGIT_YEAR.search(text):
        text = _ZH_DIGIT_YEAR.sub(lambda m: m.group().translate(_ZH_DIGIT), text)
    sentence = Sentence(0, 0, len(text), text, [], doc_year, doc_month=doc_month)
    has_year = bool(_SINGLE.search(text))
    if not has_year:
        if stated:
            return _relative_years(text, max(stated))
        return _relative_years(text, sentence.doc_year, sentence.doc_month)
    report_years = {int(y) for m in _REPORT_YEAR.finditer(text) for y in m.groups() if y}
    stated_in = _statement_years(text) | (set(stated) & {int(y) for y in _SINGLE.findall(text)})
    report_years |= stated_in
    # "Within the next 12 months", said in 2024, counts from 2024, not from the document.
    anchor = max(stated_in) if stated_in else sentence.doc_year
    match = _RANGE.search(text)
    if match:
        values = [int(v) for v in match.groups() if v]
        return min(values), max(values)
    match = _SINCE.search(text)
    if match:
        start = int(next(v for v in match.groups() if v))
        return (start, max(start, sentence.doc_year or start))
    years = [int(y) for y in _SINGLE.findall(text) if int(y) not in report_years]
    relative = _relative_years(
        text, anchor, sentence.doc_month if anchor == sentence.doc_year else None
    )
    if relative:
        years += list(relative)
    if not years:
        return None
    return min(years), max(years)


_BACKGROUND_DATE = re.compile(
    r"\b(under|as part of|pursuant to|following|in line with)\s+(a|an|the|its|their)\s+"
    r"[^.;]{0,60}?\b(contract|agreement|deal|memorandum|treaty|accord|arrangement|loan)\b"
    r"[^.;,]{0,60}?\b(signed|concluded|agreed|reached|struck|approved|ratified)\b[^.;,]{0,40}"
    r"|\b(under|pursuant to|in line with)\s+"
    r"(last year's|this year's|the \d{4}|its \d{4}|a \d{4})\s+"
    r"([\w-]+\s+){0,3}(contract|agreement|deal|memorandum|treaty|accord|arrangement|loan)\b"
    r"|(根据|根據|按照|依照|依据|依據)[^，。；]{0,20}?(签署|簽署|签订|簽訂|达成|達成)的(《[^》]*》)?"
    r"|自[^，。；]{0,8}年[^，。；]{0,30}以来的第",
    re.I,
)


# "In September 2024 the minister said China had trained 2,700 officers in 2023": a year
# before the speech verb dates the statement when another year follows it.
_SPEECH = re.compile(
    r"\b(?:said|says|told|reported|announced|stated|noted|claimed|declared|revealed|"
    r"disclosed|confirmed)\b|表示|宣布|介绍|介紹|透露|指出|称|稱",
    re.I,
)


def _statement_years(text: str) -> set[int]:
    speech = _SPEECH.search(text)
    if not speech:
        return set()
    before = [int(y) for y in _SINGLE.findall(text[: speech.start()])]
    after = [int(y) for y in _SINGLE.findall(text[speech.end() :])]
    return set(before) - set(after) if before and after else set()


def _relative_years(
    text: str, doc_year: int | None, doc_month: int | None = None
) -> tuple[int, int] | None:
    """Years from words relative to the document's date: "last year" first, then a month
    with no year ("finished in December", read in January: last year), then "on Monday"."""
    if not doc_year or not _may_be_relative(text):
        return None
    for pattern, low, high in _RELATIVE[:-1]:
        if pattern.search(text):
            return doc_year + low, doc_year + high
    month = _month_year(text, doc_year, doc_month) or _season_year(text, doc_year, doc_month)
    if month:
        return month, month
    pattern, low, high = _RELATIVE[-1]
    if pattern.search(text):
        return doc_year + low, doc_year + high
    return None


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}
# A month named after a preposition, with no year after it: "in December", "since March".
# Capitalised only ("may" is a verb); a dateline ("LIMA, Jan 15 -") has no preposition.
_MONTH = re.compile(
    r"(?i:\b(?:in|since|from|until|till|by|during|between|through|on|early|late|mid-?|"
    r"last|this|next|of|and|to))\s+(?:early |late |mid-)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
    r"(?!\s*(?:\d{1,2}(?:st|nd|rd|th)?,?\s*)?\d{4})"
    r"|(?<![年\d〇零一二三四五六七八九十])(?P<zh>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(?!份?\d{0,2}日[电電])"
)
_PLANNED_MONTH = re.compile(
    # "halted the planned deportation": an adjective, not a plan for that month.
    r"\b(will|would|plans?|(?<!the )(?<!a )(?<!its )(?<!their )planned|due|scheduled|expected"
    r"|next)\b"
    r"|将|將|计划|計劃|拟|擬|预计|預計",
    re.I,
)


_SEASON = re.compile(r"\b(last|this|next|past)\s+(spring|summer|autumn|fall|winter)\b", re.I)
_SEASON_MONTH = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}


def _season_year(text: str, doc_year: int, doc_month: int | None) -> int | None:
    """ "Last autumn", read in June: the autumn of the year before."""
    match = _SEASON.search(text)
    if not match or not doc_month:
        return None
    which, month = match.group(1).lower(), _SEASON_MONTH[match.group(2).lower()]
    if which in ("last", "past"):
        return doc_year if month < doc_month else doc_year - 1
    if which == "next":
        # Said in March, "next spring" is the one after the spring about to begin.
        return doc_year if month - 1 > doc_month else doc_year + 1
    return doc_year


def _month_year(text: str, doc_year: int, doc_month: int | None) -> int | None:
    """The year of a month named without one: the last such month up to the document's
    date for a past event, the next one for a plan."""
    if not doc_month:
        return None
    match = _MONTH.search(text)
    if not match:
        return None
    if match.group("month"):
        month = _MONTHS[match.group("month")]
    else:
        month = numbers.parse_zh(match.group("zh")) or 0
    if not 1 <= month <= 12:
        return None
    lead = text[max(0, match.start() - 1) : match.start() + 5].lower()
    planned = "next" in lead or ("last" not in lead and _PLANNED_MONTH.search(text))
    if planned:
        return doc_year if month >= doc_month else doc_year + 1
    return doc_year if month <= doc_month else doc_year - 1


@lru_cache(maxsize=4096)
def _status_cues(text: str, lexicon: Lexicon) -> tuple[tuple[str, bool], ...]:
    return tuple((status, bool(p.search(text))) for status, p in lexicon.status.items())


def find_status(
    sentence: Sentence,
    name: str,
    lexicon: Lexicon,
    years: tuple[int, int] | None,
    stated_in: int = 0,
) -> str:
    """Status from the sentence's cues and its years against "now": the document's date,
    or the year the statement was made if later (a document dated before what it reports
    has a wrong date, not a prophecy)."""
    cues = dict(_status_cues(sentence.text, lexicon))
    if cues["planned"] and cues["completed"]:
        main = _RELATIVE_CLAUSE.sub(" ", sentence.text)
        cues["planned"] = bool(lexicon.status["planned"].search(main))
    if name == "pushback":
        if _INQUIRY.search(sentence.text) and not cues["cancelled"]:
            return "ongoing"  # an investigation is under way until it reports
        return (
            "cancelled"
            if cues["cancelled"]
            else "completed"
            if cues["completed"]
            else "ongoing"
            if cues["ongoing"]
            else "unknown"
        )
    if cues["cancelled"]:
        return "cancelled"
    doc_year = max(sentence.doc_year or 0, stated_in) or None
    future = bool(years and doc_year and years[1] > doc_year)
    past = bool(years and doc_year and years[1] < doc_year)
    if _BEGAN.search(sentence.text) and not future:
        return "ongoing"  # "began patrols on Wednesday and will stay until September"
    if name == "forum" and _AT_FORUM.search(sentence.text) and not future:
        return "completed"  # "claimed at an annual forum that the plan would ...": it met
    if cues["planned"] and not (cues["completed"] and past):
        return "planned"
    if future and not cues["completed"]:
        return "planned"  # a past-tense verb wins over a year after a (wrong) document date
    if cues["ongoing"]:
        return "ongoing"
    if cues["completed"] or past:
        return "completed"
    return "unknown"


_BEGAN = re.compile(
    r"(?<!will )(?<!to )(?<!would )\b(began|have begun|has begun|started|commenced|got under way)\b"
    r"|(?<![将將])(?:已经|已經|已)?开始了|(?<![将將])已(?:经|經)?(?:启动|啟動)",
    re.I,
)


# "... handed over a data room that Lao officers will staff": what the clause says of the
# thing, not of the event.
_RELATIVE_CLAUSE = re.compile(r"\b(that|which|who|whom|where)\b[^,;.]*", re.I)
_INQUIRY = re.compile(
    r"\b(investigat\w+|inquir(y|ies)|probes?|probing)\b(?![^.;]{0,40}\b(concluded|found|ended|"
    r"closed|reported|cleared))|调查|調查",
    re.I,
)
_AT_FORUM = re.compile(
    r"\b(at|during|on the sidelines of|on the margins of) (an?|the|this|last|its)\b[^.;]{0,40}"
    r"\b(forum|conference|summit|symposium|dialogue|meeting)",
    re.I,
)


def find_people(sentence: Sentence, lexicon: Lexicon) -> int | None:
    """The number of people the sentence counts, preferring police and officials."""
    return _people(sentence.text, lexicon)


@lru_cache(maxsize=4096)
def _people(text: str, lexicon: Lexicon) -> int | None:
    found: list[tuple[int, int]] = []  # (priority, value)
    for match in _EN_COUNT.finditer(text):
        noun = match.group("noun")
        value = numbers.parse_en(match.group("num"))
        if value is None or _looks_like_year(match.group("num")):
            continue
        priority = 0 if lexicon.police_people.fullmatch(noun) else 1
        found.append((priority, value))
    for match in _ZH_COUNT.finditer(text):
        value = numbers.parse_zh(match.group("num"))
        noun = match.group("noun")
        if value is None or _looks_like_year(match.group("num")):
            continue
        priority = 0 if lexicon.police_people_zh.fullmatch(noun) else 1
        found.append((priority, value))
    if not found:
        more = _EN_MORE.search(text) or _EN_VERB_COUNT.search(text)
        value = numbers.parse_en(more.group("num")) if more else None
        return value if value and not _looks_like_year(more.group("num")) else None
    value = min(found, key=lambda item: item[0])[1]
    return value if value > 1 else None  # "一名…警察总监表示": a speaker, not a count


def _looks_like_year(value: str) -> bool:
    return bool(re.fullmatch(_YEAR, value.strip())) and "," not in value


@cache
def _people_nouns() -> tuple[str, str]:
    raw = _raw_lexicon()["people"]
    en = "|".join(sorted(raw["police_en"] + raw["other_en"], key=len, reverse=True))
    zh = "|".join(sorted(raw["police_zh"] + raw["other_zh"], key=len, reverse=True))
    return en, zh


_EN_COUNT = re.compile(
    rf"(?<![\w$£€¥,.])(?P<num>{numbers.EN_NUMBER})\s+(?:more\s+)?"
    rf"(?:of\s+(?:our|their|its|the|his|her)\s+)?"
    rf"(?:(?!and\b|or\b|in\b|of\b|from\b|to\b|for\b|at\b|with\b|by\b|on\b)[A-Za-z\-’']+\s+){{0,4}}?"
    rf"(?P<noun>{_people_nouns()[0]})\b",
    re.I,
)
_EN_MORE = re.compile(rf"(?<![\w$£€¥,.])(?P<num>{numbers.EN_NUMBER})\s+more\b(?!\s+than)", re.I)
# "intends to train around 3,000 within a year": the verb says who is counted.
_EN_VERB_COUNT = re.compile(
    rf"\b(?:train|trained|training|deploy|deployed|deport|deported|extradite|extradited|"
    rf"return|returned|repatriate|repatriated|send|sent)\s+(?:about|around|approximately|"
    rf"some|nearly|almost|up to|more than|over|another|an additional|roughly)?\s*"
    rf"(?P<num>{numbers.EN_NUMBER})\b(?!\s*(?:%|per ?cent|years?|months?|weeks?|days?|times))",
    re.I,
)
_ZH_COUNT = re.compile(
    # 五国培训执法人员: five countries, not five people.
    rf"(?P<num>{numbers.ZH_NUMBER})(?![国國个個])\s*(?:余|餘|多)?\s*(?:名|位|人次)?\s*"
    rf"(?:[\u4e00-\u9fff]{{0,4}}?)"
    rf"(?P<noun>{_people_nouns()[1]})"
)


def _confidence(sentence: Sentence, name: str, has_recipient: bool) -> float:
    score = 0.55 + 0.15 * has_recipient + 0.1 * (len(sentence.types.get(name, ())) > 1)
    score += 0.1 * any(t.entry.kind == "actor" for t in sentence.tags)
    return round(min(score, 0.95), 2)


# --- merging -----------------------------------------------------------------------------


def _compatible(a: Any, b: Any) -> bool:
    return a is None or b is None or a == b


def _alike(a: str, b: str) -> bool:
    words_a, words_b = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    if _CJK.search(a + b):
        words_a, words_b = set(a), set(b)
    return len(words_a & words_b) / max(1, len(words_a | words_b)) >= 0.5


def _compatible_status(a: str, b: str) -> bool:
    return a == b or "unknown" in (a, b) or {a, b} == {"ongoing", "completed"}


def merge(mentions: list[Mention]) -> list[Mention]:
    """The same fact stated twice in one document is one event: keep its first statement
    and fill in what a later one adds. Denials are kept apart, one per type and country."""
    denials: dict[tuple[str, tuple[str, ...]], Mention] = {}
    for mention in mentions:
        if mention.denied:
            denials.setdefault((mention.type, tuple(mention.recipients)), mention)
    asserted = _merge_asserted([m for m in mentions if not m.denied])
    return asserted + list(denials.values())


def _merge_asserted(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in mentions:
        for other in kept:
            same_who = other.recipients == mention.recipients and (
                mention.recipients or other.recipient_regions == mention.recipient_regions
            )
            # Same named country, or a forum: the same fact. Otherwise two statements
            # need a shared year or figure, or to read alike ("a yearly course" and
            # "railway security training" for Africa stay apart).
            anchored = (
                bool(mention.recipients)
                or mention.type == "forum"
                or (other.year_start is not None and other.year_start == mention.year_start)
                or (other.people is not None and other.people == mention.people)
                or _alike(other.quote, mention.quote)
            )
            if (
                other.type == mention.type
                and same_who
                and anchored
                and _compatible(other.year_start, mention.year_start)
                and _compatible(other.year_end, mention.year_end)
                and _compatible(other.people, mention.people)
                and _compatible_status(other.status, mention.status)
            ):
                for name in ("year_start", "year_end", "people", "provider"):
                    if getattr(other, name) is None:
                        setattr(other, name, getattr(mention, name))
                other.provider_orgs = sorted(set(other.provider_orgs) | set(mention.provider_orgs))
                other.extra.setdefault("also", []).append([mention.start, mention.end])
                break
        else:
            earlier = next((o for o in kept if _refers_back(o, mention)), None)
            if earlier is not None:
                earlier.extra.setdefault("also", []).append([mention.start, mention.end])
                continue
            ended = _continued(kept, mention)
            if ended is None:
                kept.append(mention)
    folded = _fold_unnamed(_fold_same_sentence(_fold_cancelled(kept)))
    return _fold_part_of_course(_name_the_group(folded))


_DEFINITE = re.compile(
    r"\b(the|this|that|its) (memorandum|mou|agreement|deal|treaty|accord|pact|patrols?|"
    r"programme|program|course|scheme|project|stations?|lab|laboratory|system|forum|dialogue|"
    r"meeting|talks|deployment|group|arrangement|equipment|donation|handover|vehicles|cameras)\b"
    r"|(该|該|这一?|這一?|此)(项|項)?(协议|協議|协定|協定|备忘录|備忘錄|项目|項目|站|课程|課程|论坛|論壇|系统|系統)",
    re.I,
)


_THE_FORUM = re.compile(
    r"\b(the|this|that) (forum|conference|meeting|dialogue|summit|symposium)\b"
    r"|该论坛|本届论坛|會議期間|会议期间",
    re.I,
)


def _refers_back(other: Mention, mention: Mention) -> bool:
    """ "The memorandum did not allow ...", "the patrols would focus on ...": a later
    sentence on the event already stated, whatever its tense or partial figure."""
    # "The forum also marked ...": one forum per document, whoever this sentence lists.
    forum = mention.type == "forum" and bool(_THE_FORUM.search(mention.quote))
    return (
        other.type == mention.type
        and (forum or (bool(mention.recipients) and other.recipients == mention.recipients))
        and _compatible(other.year_start, mention.year_start)
        and _compatible(other.year_end, mention.year_end)
        and bool(_DEFINITE.search(mention.quote))
    )


def _after_the_end(a: Mention, b: Mention) -> bool:
    """One began after the other was cancelled ("closed in 2022 ... reopened last year"):
    a new event, not the same one."""
    ended, other = (a, b) if a.status == "cancelled" else (b, a)
    return (
        ended.year_end is not None
        and other.year_start is not None
        and other.year_start > ended.year_end
    ) or bool(_REOPENED.search(other.quote))


_REOPENED = re.compile(r"\breopen\w*|\bresum\w*|\brestart\w*|重新开|重开|恢复", re.I)


# Activities that run for a while, and so can be cut short.
_RUNNING = ("training", "joint_patrol", "overseas_station", "technology_transfer")


def _fold_cancelled(mentions: list[Mention]) -> list[Mention]:
    """ "Ecuador cancelled the course ... Its only group completed it in November": an
    activity that ran and was then cancelled is one event, cancelled, over both years."""
    result: list[Mention] = []
    for mention in mentions:
        target = next(
            (
                m
                for m in result
                if m.type == mention.type
                and m.type in _RUNNING
                and m.recipients
                and m.recipients == mention.recipients
                and "cancelled" in (m.status, mention.status)
                and {m.status, mention.status} <= {"cancelled", "completed", "ongoing", "unknown"}
                and _compatible(m.people, mention.people)
                and not _after_the_end(m, mention)
            ),
            None,
        )
        if target is None:
            result.append(mention)
            continue
        starts = [y for y in (target.year_start, mention.year_start) if y is not None]
        ends = [y for y in (target.year_end, mention.year_end) if y is not None]
        target.year_start = min(starts) if starts else None
        target.year_end = max(ends) if ends else None
        target.people = target.people if target.people is not None else mention.people
        target.status = "cancelled"
        target.extra.setdefault("also", []).append([mention.start, mention.end])
    return result


def _continued(kept: list[Mention], mention: Mention) -> Mention | None:
    """ "The patrols in Italy ... Italy suspended them in 2022": the end of an activity
    already stated is the same event, now cancelled, not a new one."""
    if mention.status != "cancelled" or not mention.recipients or mention.type == "pushback":
        return None
    for other in kept:
        if other.type == mention.type and other.recipients == mention.recipients:
            other.status = "cancelled"
            ends = [y for y in (other.year_end, mention.year_end) if y is not None]
            other.year_end = max(ends) if ends else None
            other.extra.setdefault("also", []).append([mention.start, mention.end])
            return other
    return None


# "The four countries", "the four-country patrols", "the mechanism", "四国", "该机制": the
# group a sentence refers back to, named in full elsewhere in the document.
_GROUP_COUNTED = (
    r"\b(the|these|all) (three|four|five|six|seven|eight|\d) (countries|nations|states|"
    r"governments|parties)\b|\b(three|four|five|six|seven|eight)[- ](country|nation|way|party)\b"
    r"|[三四五六七八][国國](?!家)|[三四五六七八]方(?!面)"
)
_COUNTED_GROUP = re.compile(_GROUP_COUNTED, re.I)
_THE_GROUP = re.compile(
    rf"{_GROUP_COUNTED}|\b(the|this|that) ([\w-]+ )?mechanism\b|机制|機制", re.I
)


_SIZES = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_SIZES.update({"三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8})
_SIZE_WORD = re.compile("|".join(_SIZES), re.I)


def _group_size(text: str) -> int | None:
    """How many countries "the six countries", "four-country", 六国 count, or None."""
    match = _COUNTED_GROUP.search(text)
    word = _SIZE_WORD.search(match.group()) if match else None
    return _SIZES[word.group().lower()] if word else None


def _name_the_group(mentions: list[Mention]) -> list[Mention]:
    """ "The four-country patrols were set up in 2011": the countries are those the
    document lists for an event of the same type, the nearest before (else after). The
    same year makes it that event; another year, the programme behind it."""
    result = []
    for mention in mentions:
        group = _THE_GROUP.search(mention.quote) and [
            m
            for m in mentions
            if m.type == mention.type
            and len(m.recipients) > 1
            and (
                set(mention.recipients) < set(m.recipients)
                or mention.extra.get("context_recipients")
            )
        ]
        if not group and not mention.recipients:
            # "六国代表共同签署…", "为其他五国培训…": the N countries of another event the
            # document lists (N with the provider, or without it).
            size = _group_size(mention.quote)
            group = [m for m in mentions if size and len(m.recipients) in (size, size - 1)]
            if group:
                named = ([m for m in group if m.start < mention.start] or group)[-1]
                mention.recipients = list(named.recipients)
                mention.recipient_regions = list(named.recipient_regions)
                result.append(mention)
                continue
        if not group:
            if (
                mention.recipients
                or mention.recipient_regions
                or not _COUNTED_GROUP.search(mention.quote)
            ):
                result.append(mention)  # not "the four countries" the document never lists
            continue
        before = [m for m in group if m.start < mention.start]
        named = before[-1] if before else group[0]
        if (
            _compatible(named.year_start, mention.year_start)
            and _compatible(named.year_end, mention.year_end)
            and _compatible_status(named.status, mention.status)
        ):
            named.extra.setdefault("also", []).append([mention.start, mention.end])
            continue
        mention.recipients = list(named.recipients)
        mention.recipient_regions = list(named.recipient_regions)
        result.append(mention)
    return result


def _within(part: Mention, whole: Mention) -> bool:
    """The part's years, if any, fall inside the whole's (an unknown year fits anywhere)."""
    lo = whole.year_start if whole.year_start is not None else whole.year_end
    hi = whole.year_end if whole.year_end is not None else whole.year_start
    years = [y for y in (part.year_start, part.year_end) if y is not None]
    return lo is None or all(lo <= y <= hi for y in years)


# "The first intake of 80 officers departs in October": part of the course told before.
_FIRST_INTAKE = re.compile(
    r"\b(first|second|next|initial) (intake|batch|group|cohort|contingent) of\b|首批|第一批", re.I
)


def _fold_part_of_course(mentions: list[Mention]) -> list[Mention]:
    """A course for officers of several countries, then a sentence on some of them ("the
    Lao trainees' representative thanked ...", "Tongan trainees received radios"): one
    course, told twice. A sentence with a count of its own may be a course of its own."""
    result = []
    for mention in mentions:
        whole = next(
            (
                m
                for m in mentions
                if m is not mention
                and m.type == mention.type == "training"
                and (mention.people is None or _FIRST_INTAKE.search(mention.quote))
                and m.provider == mention.provider
                and mention.recipients
                and (
                    set(mention.recipients) < set(m.recipients)
                    or (
                        _FIRST_INTAKE.search(mention.quote)
                        and m.recipients == mention.recipients
                        and m.start < mention.start
                    )
                )
                and _within(mention, m)
            ),
            None,
        )
        if whole is None:
            result.append(mention)
        else:
            whole.extra.setdefault("also", []).append([mention.start, mention.end])
    return result


def _fold_same_sentence(mentions: list[Mention]) -> list[Mention]:
    """Two clauses of one sentence on one event ("founded an academy; the academy promised
    training for officials from Southeast Asia"): the one that names nobody folds into the
    one that does."""
    result = []
    for mention in mentions:
        unnamed = not mention.recipients and mention.recipient_regions == [GROUPING_REGION_FALLBACK]
        sibling = next(
            (
                m
                for m in mentions
                if m is not mention
                and m.type == mention.type
                and m.start == mention.start
                and (m.recipients or m.recipient_regions != [GROUPING_REGION_FALLBACK])
            ),
            None,
        )
        if unnamed and sibling is not None and _compatible_status(mention.status, sibling.status):
            for name in ("year_start", "year_end", "people"):
                if getattr(sibling, name) is None:
                    setattr(sibling, name, getattr(mention, name))
            continue
        result.append(mention)
    return result


def _fold_unnamed(mentions: list[Mention]) -> list[Mention]:
    """An event that names no country ("stations in many countries", "the forum", "a
    course for African officers") is the same as one of its type in the document that
    does, in the same region, when their years agree."""
    result = []
    for mention in mentions:
        if not mention.recipients and (
            mention.type in BILATERAL
            or mention.type == "forum"
            or mention.recipient_regions != [GROUPING_REGION_FALLBACK]
        ):
            named = [
                m
                for m in mentions
                if m.type == mention.type
                and m.recipients
                and _compatible(m.year_start, mention.year_start)
                and (m.status == "planned") == (mention.status == "planned")
                and (
                    mention.recipient_regions == [GROUPING_REGION_FALLBACK]
                    or set(m.recipient_regions) & set(mention.recipient_regions)
                )
            ]
            if named:
                for m in named:
                    if m.year_start is None and m.year_end is None:
                        m.year_start, m.year_end = mention.year_start, mention.year_end
                    # The forum's or programme's name, if only the other sentence gave it.
                    m.provider_orgs = sorted(set(m.provider_orgs) | set(mention.provider_orgs))
                continue
        result.append(mention)
    return result


# --- the extractor -----------------------------------------------------------------------

_RECOMMENDATION = re.compile(
    r"\b(should|must|ought to|needs? to|will need to|would need to|have to|has to|might|"
    r"speculat\w+|hypothetical\w*|believes?|believed|argues?|argued|"
    r"in (his|her|their|our|my) view|perhaps|conceivabl\w+|talk of|"
    r"critics say|is intended to|are intended to|(are|is) (among|one of)|recommend\w*|"
    r"rumou?rs?|rumou?red)\b"
    r"|(?-i:\bmay\b)|\bsuggest(s|ed)? that\b"
    r"|^((some|many|several|other) )?(analysts|supporters|critics|observers|experts|commentators)\b"
    r"|^\W*(when )?asked (whether|if|about)\b|\bask(ed|ing|s)?\b[^.;]{0,50}\b(whether|if)\b"
    r"|^\W*(\(?[a-z0-9]{1,3}[).]\s*)?whether\b"  # "(c) whether the Government has agreed"
    r"|(^|[,;]\s*)if\b[^.;]{0,80}\b(would|could)\b"  # "if Nepal adopted such a law, it would"
    r"|认为|認為|建议|建議|应加强|應加強|批评人士|批評人士|希望|但愿|但願"
    r"|应当|應當|应该|應該|必须|必須"
    r"|如果|如条件|若条件|不排除|在研究|正在研究|研究开设|考虑开设",  # 如果条件成熟…, 不排除
    re.I,
)


# Who acts: "Australia's federal police", "the US State Department", "Canberra said it
# would fund", "Russia trained".
_ACTS_AFTER = re.compile(
    r"^-(?:funded|run|sponsored|financed|backed|organi[sz]ed)\b"  # "the US-funded academy"
    r"|^(?:['’]s)?\s*(?:[A-Z][\w-]*\s+){0,4}?(?i:police|federal|ministry|government|interior|"
    r"academy|college|forces|army|gendarmerie|instructors|embassy|aid|agency|department)\b"
    r"|^(?:\s+and\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})?"
    r"\s*(?:said it |says it )?(?:has |have |had |will |would |plans to |is to |also |still )?"
    r"(?:trained|train|trains|funded|fund|funds|hosted|hosts|deployed|deploys|donated|"
    r"supplied|supplies|signed|delivered|provided|sent|opened|pledged|renewed|extended)\b",
)
# "the Federal Police of Argentina", "a course run by the National Police Agency of Japan":
# the country names whose organ acts, if the organ acts (after it, or "by" before it).
_ORGAN_OF = re.compile(
    r"\b(police|agency|ministry|government|gendarmerie|forces|embassy|college|academy|"
    r"department|interior)\s+of\s+(the\s+)?$",
    re.I,
)
_ACTS_LATER = re.compile(
    r"^[^.;]{0,40}?\b(?:it |they )?(?:has |have |had |will |would |plans to |is to |also )?"
    r"(trained|train|trains|ran|runs|funded|funds|hosted|hosts|deployed|deploys|donated|"
    r"supplied|signed|delivered|provided|sent|opened|pledged)\b",
    re.I,
)
_DONE_BY = re.compile(
    r"\b(run|offered|given|provided|funded|organi[sz]ed|hosted|delivered|taught|conducted|"
    r"led|donated|supplied) by (the )?([\w'’-]+ ){0,6}$",
    re.I,
)
# "attended by Saudi and Emirati police officials": the object of the act, not who acts.
_NOT_SUBJECT = re.compile(r"\b(by|from|of|for|to|with)\s+([\w'’-]+\s*(,|and)\s+)*$", re.I)
# Kinds of event another provider's acts are tracked for (not pushback, which is against
# the provider, nor returns, which go to it).
_OTHER_PROVIDER_TYPES = ("training", "joint_patrol", "technology_transfer", "agreement")
_FUNDED_BY = re.compile(r"\b(funded|financed|sponsored|run|organi[sz]ed) by (the )?$", re.I)


# "Not China this time: Turkey's ministry signed ...": the provider named to be set aside.
_NOT_THE_PROVIDER = re.compile(r"\b(not|rather than|instead of|unlike) (China|Beijing)\b", re.I)
_NOT_PARTY = re.compile(r"\b(not|rather than|instead of|unlike)\s+$", re.I)


def _other_provider(sentence: Sentence) -> str | None:
    """Another tracked provider acting in a sentence that names none of China's actors."""
    others = load_lexicon().other_providers
    if not others or (_names_provider(sentence) and not _NOT_THE_PROVIDER.search(sentence.text)):
        return None
    for tag in sentence.tags:
        if tag.entry.kind != "country" or tag.entry.key not in others:
            continue
        after = sentence.text[tag.end - sentence.start : tag.end - sentence.start + 50]
        before = sentence.text[max(0, tag.start - sentence.start - 30) : tag.start - sentence.start]
        if _ACTS_AFTER.match(after) and not _NOT_SUBJECT.search(before):
            return tag.entry.key
        if _FUNDED_BY.search(before):
            return tag.entry.key  # "an academy in Bangkok, funded by the United States"
        wider = sentence.text[max(0, tag.start - sentence.start - 90) : tag.start - sentence.start]
        if _ORGAN_OF.search(before) and (_ACTS_LATER.match(after) or _DONE_BY.search(wider)):
            return tag.entry.key  # "the Federal Police of Argentina confirmed it will train"
    return None


def _could_have_triggers(sentence: Sentence, lexicon: Lexicon) -> bool:
    """A cheap look (one automaton pass, cached) for any trigger's literal stem."""
    found = _STEM_INDEX.found(sentence.text)
    if any(pattern.id in found or pattern._always for pattern in lexicon.triggers.values()):
        return True
    if sentence.doc_stations and _STATION_IN_CONTEXT.search(sentence.text):
        return True
    return sentence.previous is not None and bool(_PRONOUN_LEAD.search(sentence.text))


# "... has shelved the pilot, saying the rules must be revised first": the reason given
# for an act, not advice instead of one.
_REASON = re.compile(r",\s+(saying|arguing|explaining|noting|adding|citing)\b|\bbecause\b", re.I)


def _advises(text: str) -> bool:
    lowered = text.lower()
    if not any(stem in lowered for stem in _ADVICE_STEMS):
        return False  # most sentences: no cue word at all, no regex to run
    for cue in _RECOMMENDATION.finditer(text):
        if _CONTENT_OF_RULE.search(text[max(0, cue.start() - 60) : cue.start()]):
            continue  # "notably the rule that platforms must store data": what a law says
        if _TRAILING_CLAUSE.search(text[max(0, cue.start() - 12) : cue.start()]):
            continue  # "…, installed in 2024, which critics say lacks a legal basis"
        if _THEN_ASKED.search(text[max(0, cue.start() - 12) : cue.end()]):
            continue  # "… had attended courses in China, and asked whether …": the question
            # comes after the statement, which stands
        reason = _REASON.search(text)
        return not (reason and reason.start() < cue.start())
    return False


_TRAILING_CLAUSE = re.compile(r",\s*(which|that|who)\s+$", re.I)
_THEN_ASKED = re.compile(r",\s+and\s+(then\s+)?ask(ed|s)\b", re.I)


# A literal piece of every _RECOMMENDATION branch (kept in step with it by a test).
_ADVICE_STEMS = (
    "should", "must", "ought to", "need", "have to", "has to", "might", "speculat",
    "hypothetical", "believ", "argu", "view", "critics", "intended to", "among", "one of",
    "recommend", "may", "suggest", "analysts", "supporters", "observers", "experts",
    "commentators", "ask", "whether", "rumo", "perhaps", "if ", "conceivab", "talk of",
    "认为", "認為", "建议", "建議", "应加强", "應加強",
    "批评人士", "批評人士", "希望", "但愿", "但願", "应当", "應當", "应该", "應該", "必须", "必須",
    "如果", "如条件", "若条件", "不排除", "研究",
)  # fmt: skip


# "the rule that online platforms must ...", "provisions requiring that ...", "holding that a
# person may only be surrendered ...": the content of a law, a contract or a ruling, not advice.
_CONTENT_OF_RULE = re.compile(
    r"\b(rules?|requirements?|provisions?|obligations?|dut(y|ies)|clauses?|articles?)\s+"
    r"(that|which|under which|requiring( that)?)\s+[^,;]*$"
    r"|\b(holding|held|ruled|ruling|finding|found)\s+that\b[^;]*$",  # what a court held
    re.I,
)


def _may_state_event(sentence: Sentence, doc_provider: str | None = None) -> bool:
    """Cheap test before the triggers run: an event needs the provider in sight and someone
    on the receiving end (or a forum, which is multilateral by definition). A sentence
    whose subject is another country acting on its own states no export event (unless it
    pushes back). Advice and opinion are dropped later, once their triggers are known."""
    other = _other_provider(sentence)
    if other:
        sentence.provider_override = other
        return True
    if (
        not _names_provider(sentence)
        and _other_country_is_subject(sentence)
        and not load_lexicon().triggers["pushback"].search(sentence.text)
    ):
        return False
    if not _provider_in_sight(sentence, doc_provider):
        return False
    if any(
        t.entry.kind in ("country", "grouping") and t.entry.key != PROVIDER_DEFAULT
        for t in sentence.tags
    ) or _speaks_for_doc_country(sentence):
        return True
    if _paragraph_country(sentence) and not _other_country_is_subject(sentence):
        return True
    if sentence.doc_focus and _names_provider(sentence):
        return True  # a Honiara press release: "the vehicles donated by the Chinese Government"
    return bool(
        _FOREIGN.search(sentence.text)
        or _FORUM_WORD.search(sentence.text)
        or _ANAPHOR.search(sentence.text)
        or _WEAK_ANAPHOR.search(sentence.text)
        or _COUNTED_GROUP.search(sentence.text)  # "the four-country patrols"
    )


def _other_country_is_subject(sentence: Sentence) -> bool:
    first = next((t for t in sentence.tags if t.entry.kind == "country"), None)
    if first is None or first.entry.key in PROVIDER_TERRITORIES.get(PROVIDER_DEFAULT, ()):
        return False
    lead = sentence.text[: first.start - sentence.start]
    if "|" in lead:
        return False  # a table row's first cells label the row, they do not act
    if sentence.chinese:
        return len(lead.strip()) <= 2 and not re.search(
            r"来自|來自|从|從|向|为|為|在|与|與|同|和|对|對", lead
        )
    return len(lead.split()) <= 2 and not re.search(r"\b(in|to|from|with|for)\b", lead, re.I)


_META = re.compile(
    r"\b(this|the) (paper|study|article|report|chapter|book|analysis|research) "
    r"(details|examines|explores|follows|"
    r"argues|describes|seeks|aims|discusses|analy[sz]es|considers)\b",
    re.I,
)
_FORUM_WORD = re.compile(
    r"forum|conference|symposi|assembl|summit|论坛|論壇|研讨会|研討會|大会|大會|峰会|峰會|会议|會議",
    re.I,
)


# Chinese enumerators open items of a list; a dash or a number may open a related link or a
# section heading.
def _is_row(sentence: Sentence) -> bool:
    text = sentence.text
    return "|" in text and (text.startswith("|") or text.count(" | ") >= 2)


def _table_header(sentence: Sentence) -> Sentence | None:
    """The first row of the table a row belongs to (None for no row, or the header itself)."""
    if not _is_row(sentence):
        return None
    first, current = None, sentence.previous
    while current is not None and _is_row(current):
        if re.search(r"[A-Za-z\u4e00-\u9fff]", current.text):  # not a |---| rule
            first = current
        current = current.previous
    # A header names columns: no years, no figures.
    return first if first is not None and not re.search(r"\d", first.text) else None


def _with_header(row: str, header: str) -> str:
    """Each cell followed by its column's name ("46 Trainees"), so that a figure reads as
    a count of people; else the header after the row. Cells keep their offsets."""
    cells, names = row.split("|"), header.strip().strip("|").split("|")
    if row.startswith("|"):
        cells = cells[1:]
    if len(cells) < len(names):
        return f"{row} | {header}"
    lead = "|" if row.startswith("|") else ""
    # The row's own text first, unchanged (tags point into it), then the cell-name pairs.
    pairs = " | ".join(f"{c.strip()} {n.strip()}" for c, n in zip(cells, names, strict=False))
    return f"{row} {lead}| {pairs}"


_LIST_ITEM = re.compile(r"\s*(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)")


def _is_headline(text: str, sentence: Sentence) -> bool:
    """A short line near the top with no closing punctuation: a title or dateline, which
    repeats what the body says."""
    if len(sentence.text) > (160 if sentence.start <= 400 else 80):
        return False  # near the top: a title; further down: a roundup's subheading
    if _is_row(sentence):
        return False  # a table row
    if _LIST_ITEM.match(sentence.text) or sentence.text.rstrip()[-1:] in ";；,，:：":
        return False  # an item of a list: "（二）老挝公安部禁毒执法培训班，学员六十名；"
    line_start = sentence.start == 0 or text[sentence.start - 1] == "\n"
    line_end = sentence.end == len(text) or text[sentence.end : sentence.end + 1] == "\n"
    return line_start and line_end and sentence.text[-1] not in ".!?。！？”\"'"


_PARTICIPANTS = re.compile(
    r"\b(delegat\w+|came from|attend\w*|participa\w+|represent\w*|joined|trainees|took part|"
    r"(officers|officials|students|cadets) from)\b"
    r"|代表团|代表團|与会|與會|出席|参加|參加|参会|參會|学员|學員|来自|來自",
    re.I,
)


def _participants_named_next(
    mentions: list[Mention], all_sentences: list[Sentence], text: str, gazetteer: Gazetteer
) -> None:
    """ "Police chiefs from seven Pacific countries met ... Delegations came from Fiji,
    Tonga ...": a forum that names no country takes those of the sentence after it that
    lists who took part. The quote then covers both sentences."""
    following = {s.previous.start: s for s in all_sentences if s.previous is not None}
    for mention in mentions:
        if mention.recipients or mention.type in ("pushback", "legal_adoption"):
            continue
        after = following.get(mention.start)
        if after is None or after.events or not _PARTICIPANTS.search(after.text):
            continue
        countries = sorted(
            {
                t.entry.key
                for t in after.tags
                if t.entry.kind == "country" and t.entry.key != (mention.provider or "")
            }
        )
        if len(countries) < 2:
            continue
        regions = _regions_of(countries, gazetteer) | (
            set(mention.recipient_regions) - {GROUPING_REGION_FALLBACK}
        )
        mention.recipients = countries
        mention.recipient_regions = sorted(regions) or [GROUPING_REGION_FALLBACK]
        mention.end = after.end
        mention.quote = text[mention.start : mention.end]


# "SHENZHEN, China, June 3, 2026 /Press Release/ —", "本报内罗毕3月18日电": where the
# story was filed.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'-]{2,30},[^\n—–-]{0,60}?(—|–| - )|^\s*本报\S{1,10}电|^\s*新华社\S{1,10}电",
    re.M,
)


# "Parliament last month passed amendments to the Police Act ..." before "The committees
# were modelled on China's ...": the law, its country and date are in the sentence before.
_LAW_PASSED = re.compile(
    r"\b(pass\w*|approv\w+|adopt\w*|enact\w*|amend\w*|vot\w+|promulgat\w+)\b[^.;]{0,80}"
    r"\b(law|act|bill|code|amendments?|regulations?|decree|ordinance|legislation|statute)\b"
    r"|(通过|通過|颁布|頒布|出台|修订|修訂)[^。；]{0,30}(法|条例|條例|法规|法規|规定|規定)",
    re.I,
)


def _with_law_before(sentence: Sentence, text: str, lexicon: Lexicon) -> Sentence:
    """A legal adoption told in two sentences (the law passed, then its model) is read as
    one span, so the law's country and date attach to it."""
    previous = sentence.previous
    if (
        previous is None
        or sentence.new_paragraph
        or not _LAW_PASSED.search(previous.text)
        or any(t.entry.kind == "country" and t.entry.key != PROVIDER_DEFAULT for t in sentence.tags)
    ):
        return sentence
    joined = replace(
        sentence,
        start=previous.start,
        text=text[previous.start : sentence.end],
        tags=[*previous.tags, *sentence.tags],
        previous=previous.previous,
        types={},
        events=[],
        new_paragraph=previous.new_paragraph,
        _context=None,
    )
    find_triggers(joined, lexicon)
    joined.types = {k: v for k, v in joined.types.items() if k == "legal_adoption"}
    return joined if joined.types else sentence


def _join_headings(
    text: str, spans: list[tuple[int, int]], tags: list[Tag]
) -> list[tuple[int, int]]:
    """ "Ecuador. The decision to scrap the scheme ...": a roundup item's lead naming only
    a country belongs to the sentence it introduces."""
    heads = {(t.start, t.end) for t in tags if t.entry.kind in ("country", "grouping")}
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if (
            joined
            and joined[-1][1] <= start
            and "\n" not in text[joined[-1][1] : start]
            and _is_lead(text, joined[-1], heads)
        ):
            joined[-1] = (joined[-1][0], end)
            continue
        joined.append((start, end))
    return joined


def _is_lead(text: str, span: tuple[int, int], heads: set[tuple[int, int]]) -> bool:
    start, end = span
    body = text[start:end].rstrip(".:：。 ")
    return bool(body) and (start, start + len(body)) in heads


_CITATION = re.compile(
    r"^\W*(sources?|citation|references?|来源|來源|出处|出處)\s*[:：]"
    # A Chinese reference list entry: "[6] 作者. 标题[N]. 环球时报, 2023-08-04."
    r"|^.{0,200}?\[(?:N|J|M|R|D|C|Z|EB/OL|N/OL|J/OL)\]",
    re.I,
)


class RuleExtractor:
    name = "rules"
    version = VERSION

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None):
        self.gazetteer = gazetteer or gazetteers.load()
        self.lexicon = lexicon or load_lexicon()

    def sentences(self, text: str, published: str | None) -> list[Sentence]:
        # Words broken at a line end ("Myan-\nmar") mended once for every stage, tagging
        # included; the text keeps its length, so offsets into the original still hold. The
        # splitter reads the original: its line breaks tell where a wrapped line was cut.
        raw, text = text, sentences.mend_broken_words(text)
        tags = self.gazetteer.tag(text)
        starts = [t.start for t in tags]
        year, month = document_date(text, published)
        # The head: the first few lines (a title, maybe a date line or a label before it).
        head_lines = [line for line in text[:600].split("\n") if line.strip()][:3]
        title = " ".join(head_lines)
        title_end = text.find(head_lines[-1]) + len(head_lines[-1]) if head_lines else 0
        named = {
            t.entry.key
            for t in tags
            if t.start < title_end and t.entry.kind == "country" and t.entry.key != PROVIDER_DEFAULT
        }
        doc_country = next(iter(named)) if len(named) == 1 else None
        focus = doc_country or _focus_country(tags)
        dateline = _DATELINE.search(text[title_end : title_end + 400])
        from_provider = bool(dateline) and any(
            t.entry.country == PROVIDER_DEFAULT or t.entry.key == PROVIDER_DEFAULT
            for t in tags
            if title_end + dateline.start() <= t.start < title_end + dateline.end()
            and t.entry.kind in ("place", "country")
        )
        # A Chinese page whose title names one of the provider's bodies ("广西警察学院2025年度
        # 工作总结") is that body's own report: the provider is in sight throughout.
        # So is a Chinese company's own page or report ("…科技股份有限公司2026年年度报告").
        from_provider = from_provider or bool(_CJK.search(title) and _ZH_COMPANY.search(title))
        # And a 公安 (the provider's police) page or review whose title names no other
        # country: "2026年公安国际执法安全合作工作年度回顾".
        from_provider = from_provider or bool(_CJK.search(title) and "公安" in title and not named)
        from_provider = from_provider or bool(
            _CJK.search(title)
            and any(
                t.start < title_end
                and t.entry.country == PROVIDER_DEFAULT
                and (
                    t.entry.kind == "actor"
                    or (t.entry.kind == "place" and _ZH_POLICE.search(title))
                )
                for t in tags
            )
        )
        stations = _about_stations(text)
        title_context = bool(self.lexicon.context.search(title))
        pair = focus is not None and any(
            t.start < title_end
            and (t.entry.key == PROVIDER_DEFAULT or t.entry.country == PROVIDER_DEFAULT)
            and t.entry.kind in ("country", "actor")
            for t in tags
        )
        result: list[Sentence] = []
        previous = None
        for index, (start, end) in enumerate(_join_headings(text, sentences.split(raw), tags)):
            lo, hi = bisect_left(starts, start), bisect_left(starts, end)
            sentence = Sentence(
                index,
                start,
                end,
                text[start:end].replace("\n", " "),  # a wrapped line's break is a space
                tags[lo:hi],
                year,
                previous,
                doc_month=month,
                title_context=title_context,
                doc_stations=stations,
                doc_country=doc_country,
                doc_focus=focus,
                doc_from_provider=from_provider,
                doc_pair=pair,
                new_paragraph=previous is None or "\n" in text[previous.end : start],
            )
            result.append(sentence)
            previous = sentence
        return result

    def extract(self, text: str, *, doc: str = "", published: str | None = None) -> list[Mention]:
        if not text or not text.strip():
            return []
        all_sentences = self.sentences(text, published)
        doc_provider = (
            PROVIDER_DEFAULT
            if any(
                (t.entry.kind == "country" and t.entry.key == PROVIDER_DEFAULT)
                or (t.entry.kind in ("actor", "place") and t.entry.country == PROVIDER_DEFAULT)
                or _names_provider_tag(t)
                for s in all_sentences
                for t in s.tags
            )
            else None
        )
        mentions: list[Mention] = []
        for sentence in all_sentences:
            if (
                sentence.text.startswith("#")
                or _CITATION.match(sentence.text)
                or _is_headline(text, sentence)
            ):
                continue  # a Markdown headline repeats the body; a citation states nothing
            if sentence.text.rstrip().endswith(("?", "？")):
                continue  # a question asks, it does not state ("Are there stations in ...?")
            header = _table_header(sentence)
            if header is not None:
                # "2023 | Laos | Yunnan Police College | 46": a row speaks in its header's
                # words ("Trainees", "Programme"); its countries and figures are its own.
                sentence = replace(sentence, text=_with_header(sentence.text, header.text))
            if not _could_have_triggers(sentence, self.lexicon):
                continue  # no trigger word's stem anywhere: skip the costlier stages
            if not _may_state_event(sentence, doc_provider):
                continue
            find_triggers(sentence, self.lexicon)
            if not sentence.types:
                continue
            if _advises(sentence.text) or (
                _META.search(sentence.text) and not re.search(r"\d", sentence.text)
            ):
                continue  # advice, opinion, speculation: no event (its types may carry on)
            if "legal_adoption" in sentence.types:
                sentence = _with_law_before(sentence, text, self.lexicon)
            attach_arguments(sentence, self.lexicon, self.gazetteer, doc_provider)
            for event in sentence.events:
                mentions.append(
                    Mention(
                        doc=doc,
                        quote=text[sentence.start : sentence.end],
                        start=sentence.start,
                        end=sentence.end,
                        extractor=self.name,
                        extractor_version=self.version,
                        **event,
                    )
                )
        _participants_named_next(mentions, all_sentences, text, self.gazetteer)
        return merge(mentions)
