"""Choose the evidence files that go into the package and name them E-0001_<slug>.<ext>."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from ...evidence.model import EvidenceItem
from ...evidence.store import EvidenceStore
from ...workspace.loader import Workspace
from .views import EvidenceRef


def ascii_slug(text: str, limit: int = 48) -> str:
    """Return an ASCII file-name slug."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower()
    return slug[:limit].strip("-") or "evidence"


def package_path(item: EvidenceItem) -> str:
    """Return the path of an item in the package: evidence/E-0001_<slug>.<ext>."""
    path = PurePosixPath(item.meta.original_name)
    ending = "".join(path.suffixes[-2:]) if path.suffix == ".jsonl" else path.suffix
    ext = re.sub(r"[^a-z0-9.]", "", ending.lower())[:16] or ".bin"
    stem = path.name[: len(path.name) - len(ending)] if ending else path.name
    return f"evidence/{item.evidence_id}_{ascii_slug(stem)}{ext}"


def evidence_refs(ws: Workspace, store: EvidenceStore, wanted: set[str],
                  known: dict[str, EvidenceItem] | None = None) -> list[EvidenceRef]:
    """Describe every item the results rest on (and what those were derived from).

    `known` holds items already read from the store (by evidence id); others are read.
    """
    known = known or {}
    items: dict[str, EvidenceItem] = {}
    for eid in sorted(wanted):
        item = known.get(eid) or store.get(eid)
        items[eid] = item
        derived = item.meta.derived_from
        if derived and derived not in items:
            items[derived] = known.get(derived) or store.get(derived)
    parties = {p.id: p.name for p in ws.file.parties}
    return [_ref(items[eid], parties) for eid in sorted(items, key=_number)]


def _number(evidence_id: str) -> int:
    """Sort E-ids numerically."""
    return int(evidence_id.split("-")[1])


def _ref(item: EvidenceItem, parties: dict[str, str]) -> EvidenceRef:
    """Describe one item as a package file."""
    m = item.meta
    return EvidenceRef(evidence_id=item.evidence_id, path=package_path(item), sha256=item.sha256,
                       size=item.size, source=m.source_id, collector=m.collector, kind=m.kind,
                       original_name=m.original_name, media_type=m.media_type,
                       collected_at=item.collected_at, as_of=m.as_of, covers_start=m.covers_start,
                       covers_end=m.covers_end,
                       supplied_by=parties.get(m.supplied_by or "", m.supplied_by),
                       record_count=m.record_count, derived_from=m.derived_from,
                       parameters=m.parameters)
