"""Event extraction: read a document, find every codebook event it states, with evidence.

An extractor is anything with a ``name``, a ``version`` and an ``extract`` method that
returns ``Mention`` objects; the rule-based extractor (``rules.RuleExtractor``) is the
default. Another one — an embedding classifier shipped in a package, or a call to a
user's own LLM endpoint — plugs in by registering a factory in ``EXTRACTORS`` (or the
``footprint.extractors`` entry-point group) and is chosen with ``--extractor NAME``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib.metadata import entry_points
from typing import Any, Protocol

# The output contract other tools depend on (see `footprint extract --jsonl`).
CONTRACT_KEYS = (
    "doc",
    "type",
    "status",
    "provider",
    "provider_orgs",
    "recipients",
    "recipient_regions",
    "year_start",
    "year_end",
    "people",
    "quote",
    "start",
    "end",
)


@dataclass
class Mention:
    """One event as stated in one span of one document."""

    doc: str
    type: str
    status: str
    provider: str | None
    provider_orgs: list[str]
    recipients: list[str]
    recipient_regions: list[str]
    year_start: int | None
    year_end: int | None
    people: int | None
    quote: str
    start: int
    end: int
    confidence: float = 0.5
    # "asserted", or "denied": someone says the event did not happen ("the embassy denied
    # that Chinese police run a station in Lagos"). A denial is a claim about an event,
    # never an event of its own: it is stored as evidence and joins the event it denies.
    stance: str = "asserted"
    extractor: str = ""
    extractor_version: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def denied(self) -> bool:
        return self.stance == "denied"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("extra")
        return data


class Extractor(Protocol):
    name: str
    version: str

    def extract(self, text: str, *, doc: str = "", published: str | None = None) -> list[Mention]:
        """Events stated in ``text``; ``published`` (ISO date, any precision) anchors
        relative dates such as "last year"."""
        ...


def _rules() -> Extractor:
    from footprint.extract.rules import RuleExtractor

    return RuleExtractor()


EXTRACTORS: dict[str, Callable[[], Extractor]] = {"rules": _rules}


def get_extractor(name: str = "rules") -> Extractor:
    if name in EXTRACTORS:
        return EXTRACTORS[name]()
    for entry in entry_points(group="footprint.extractors"):
        if entry.name == name:
            return entry.load()()
    known = sorted({*EXTRACTORS, *(e.name for e in entry_points(group="footprint.extractors"))})
    raise KeyError(f"extractor: {name!r} is not one of {', '.join(known)}")
