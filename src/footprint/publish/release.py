"""Releases: a folder per version with every export format, a manifest (files, sha256,
counts, previous version) and a changelog against the previous release.

Only reviewed events (accepted or edited) are released unless ``all_events`` asks for
every event but the rejected ones. A release folder is written once: it is built aside
and moved into place, and an existing version is never overwritten. Release state lives
in the release folders themselves (their manifests), not in the database.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from footprint import __version__, codebook
from footprint.publish import export

MANIFEST = "manifest.json"
CHANGELOG = "CHANGELOG.md"
VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._+-]{0,63}")
# Event fields compared between releases, in the order a changelog lists them.
COMPARED = [c for c in export.COLUMNS["events"] if c != "id"] + ["actors", "evidence", "links"]


class ReleaseError(ValueError):
    pass


@dataclass
class Changes:
    previous: str | None
    added: list[dict[str, Any]] = field(default_factory=list)
    changed: list[tuple[dict[str, Any], list[str]]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "previous": self.previous,
            "added": [e["id"] for e in self.added],
            "changed": {e["id"]: names for e, names in self.changed},
            "removed": [e["id"] for e in self.removed],
        }


@dataclass
class Release:
    version: str
    folder: Path
    manifest: dict[str, Any]
    changes: Changes


# -- previous releases -----------------------------------------------------------------


def releases(out: Path) -> list[dict[str, Any]]:
    """Manifests of the releases in ``out``, oldest first (by release time)."""
    found = []
    for path in sorted(out.glob(f"*/{MANIFEST}")):
        try:
            manifest = json.loads(path.read_text("utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ReleaseError(f"{path}: unreadable manifest ({exc})") from None
        found.append(manifest | {"_folder": path.parent})
    return sorted(found, key=lambda m: (m.get("released_at", ""), m.get("version", "")))


def read_events(folder: Path) -> dict[str, dict[str, Any]]:
    path = folder / export.JSONL_FILE
    if not path.exists():
        raise ReleaseError(f"{path}: missing, cannot compare with this release")
    events = {}
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        if record.get("record") == "event":
            events[record["id"]] = record
    return events


def compare(
    old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]], previous: str | None
) -> Changes:
    changes = Changes(previous)
    changes.added = [new[k] for k in new if k not in old]
    changes.removed = [old[k] for k in old if k not in new]
    for key, record in new.items():
        if key in old:
            names = [n for n in COMPARED if old[key].get(n) != record.get(n)]
            if names:
                changes.changed.append((record, names))
    return changes


# -- writing ---------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _label(record: dict[str, Any]) -> str:
    if record.get("title"):
        return record["title"]
    return export._event_name(record)


def _value(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


# Fields whose old and new values a changelog shows (the others are only named).
SCALAR_SHOWN = set(COMPARED) - {"summary", "quantities", "actors", "evidence", "links"}


def changelog(version: str, released: str, changes: Changes, old: dict[str, dict]) -> str:
    lines = [f"# Footprint dataset {version}", ""]
    if changes.previous is None:
        lines += [f"Released {released}. First release: every event is new.", ""]
    else:
        lines += [
            f"Released {released}. Compared with release {changes.previous}: "
            f"{len(changes.added)} added, {len(changes.changed)} changed, "
            f"{len(changes.removed)} removed.",
            "",
        ]
    lines += [f"## Added ({len(changes.added)})", ""]
    lines += [f"- `{e['id']}` {_label(e)}" for e in changes.added] or ["None."]
    lines += ["", f"## Changed ({len(changes.changed)})", ""]
    for record, names in changes.changed:
        lines.append(f"- `{record['id']}` {_label(record)} — changed: {', '.join(names)}")
        for name in names:
            if name in SCALAR_SHOWN:
                before, after = _value(old[record["id"]].get(name)), _value(record.get(name))
                lines.append(f"  - {name}: {before} → {after}")
    if not changes.changed:
        lines.append("None.")
    lines += ["", f"## Removed ({len(changes.removed)})", ""]
    lines += [f"- `{e['id']}` {_label(e)}" for e in changes.removed] or ["None."]
    return "\n".join(lines) + "\n"


def readme(version: str, released: str, manifest: dict[str, Any]) -> str:
    counts = manifest["counts"]
    files = "\n".join(
        f"| `{f['path']}` | {f['bytes']:,} |" for f in manifest["files"] if f["path"] != "README.md"
    )
    return (
        f"# Footprint dataset, release {version}\n\n"
        f"Released {released} by {manifest['generator']}: {counts['events']} events with "
        f"{counts['evidence']} pieces of evidence from {counts['documents']} documents, and "
        f"{counts['actors']} actors. Selection: {manifest['selection']}.\n\n"
        "Every event names its evidence: the document (by the sha256 of its text), the "
        "character span and the verbatim quote. `codebook.json` describes every column and "
        "every coded value; `CHANGELOG.md` lists what changed since the previous release; "
        "`manifest.json` gives the sha256 of every file.\n\n"
        f"Cite as: *Footprint dataset*, release {version} ({released[:10]}).\n\n"
        "| file | bytes |\n|---|---|\n"
        f"{files}\n"
    )


def make_release(
    session: Session,
    version: str,
    out: Path,
    *,
    all_events: bool = False,
    with_text: bool = False,
    previous: str | None = None,
    now: datetime | None = None,
) -> Release:
    """Write ``out/version``: every format, manifest.json, CHANGELOG.md and README.md."""
    if not VERSION.fullmatch(version):
        raise ReleaseError(f"version: {version!r} must be letters, digits, '.', '_', '+' or '-'")
    out = Path(out)
    target = out / version
    if target.exists():
        raise ReleaseError(f"{target}: release {version} exists already; releases are final")
    before = [m for m in releases(out) if m.get("version") != version] if out.exists() else []
    if previous is not None:
        before = [m for m in before if m.get("version") == previous]
        if not before:
            raise ReleaseError(f"previous: no release {previous!r} in {out}")
    last = before[-1] if before else None
    old = read_events(last["_folder"]) if last else {}

    data = export.collect(session, reviewed_only=not all_events, with_text=with_text)
    released = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    building = out / f".{version}.building"
    shutil.rmtree(building, ignore_errors=True)
    try:
        export.export(data, export.FORMATS, building)
        new = {e["id"]: e for e in data.events}
        changes = compare(old, new, last["version"] if last else None)
        (building / CHANGELOG).write_text(changelog(version, released, changes, old), "utf-8")
        manifest = _manifest(version, released, data, changes, all_events, with_text, building)
        (building / "README.md").write_text(readme(version, released, manifest), "utf-8")
        manifest["files"] = _files(building)
        (building / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8"
        )
        building.rename(target)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return Release(version, target, manifest, changes)


def _files(folder: Path) -> list[dict[str, Any]]:
    return [
        {"path": p.relative_to(folder).as_posix(), "bytes": p.stat().st_size, "sha256": _sha256(p)}
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    ]


def _manifest(
    version: str,
    released: str,
    data: export.Dataset,
    changes: Changes,
    all_events: bool,
    with_text: bool,
    folder: Path,
) -> dict[str, Any]:
    return {
        "name": "Footprint dataset",
        "version": version,
        "released_at": released,
        "previous": changes.previous,
        "generator": f"footprint {__version__}",
        "format_version": export.FORMAT_VERSION,
        "codebook_version": codebook.load().version,
        "selection": "every event but rejected ones"
        if all_events
        else "reviewed events (accepted or edited)",
        "review_states": sorted({e["review_state"] for e in data.events}),
        "document_texts": with_text,
        "counts": data.counts()
        | {"recipient_countries": len({c for e in data.events for c in e["recipients"]})}
        | {"by_type": _by_type(data)},
        "changes": changes.as_dict(),
        "files": _files(folder),
    }


def _by_type(data: export.Dataset) -> dict[str, int]:
    counts: dict[str, int] = {}
    for e in data.events:
        counts[e["type"]] = counts.get(e["type"], 0) + 1
    return dict(sorted(counts.items()))
