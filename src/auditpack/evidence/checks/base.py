"""The check registry and what a check may read."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ...errors import IntegrityError
from ..model import EvidenceItem
from ..store import EvidenceStore
from .model import Outcome

JSON_SPACE = " \t\n\r"


@dataclass
class CheckInput:
    """The evidence a check may read: the newest items of the sources serving the control."""

    store: EvidenceStore
    as_of: dt.date
    items_by_kind: dict[str, list[tuple[EvidenceItem, EvidenceItem | None]]]
    options: dict[str, Any] = field(default_factory=dict)
    kind: str = ""  # the evidence need being judged

    def items(self, kind: str) -> list[EvidenceItem]:
        """Return the raw items of one kind (each once, though a ZIP may pair with several tables)."""
        unique = {raw.evidence_id: raw for raw, _ in self.items_by_kind.get(kind, [])}
        return list(unique.values())

    def records(self, kind: str) -> Iterator[dict[str, Any]]:
        """Stream the normalised records of one kind, one JSON line at a time.

        Each blob is hashed as it is read; when its stream ends, a blob that is not the one
        the index records raises IntegrityError, so a check that reads its records to the
        end (each does) never judges records changed since they were collected.
        """
        for _, records in self.items_by_kind.get(kind, []):
            if records is not None:
                yield from self._read(records)

    def _read(self, records: EvidenceItem) -> Iterator[dict[str, Any]]:
        """Stream one records blob's JSON lines, then check its sha256 against the index."""
        digest = hashlib.sha256()
        number = 0
        where = str(self.store.blob_path(records.sha256))
        try:
            with self.store.open_blob(records.sha256) as handle:
                for number, line in enumerate(handle, start=1):
                    digest.update(line)
                    text = line.decode("utf-8")
                    if number == 1:
                        text = text.removeprefix("\ufeff")
                    if text.strip(JSON_SPACE):
                        yield json.loads(text)
        except ValueError:  # bad JSON, or bytes that are not UTF-8
            raise IntegrityError(
                f"{records.evidence_id} cannot be read back (line {number}): "
                "it changed in the store since it was collected", where,
                "run `auditpack store verify`") from None
        if digest.hexdigest() != records.sha256:
            raise IntegrityError(
                f"{records.evidence_id} does not match its sha256 in the store's index: its "
                "records changed since they were collected; nothing was checked or recorded",
                where, "run `auditpack store verify`; restore .auditpack from a backup")

    def used(self, *kinds: str) -> tuple[str, ...]:
        """Return the evidence ids (raw and records) of the given kinds."""
        ids: dict[str, None] = {}  # ordered, each id once
        for kind in kinds:
            for raw, records in self.items_by_kind.get(kind, []):
                ids[raw.evidence_id] = None
                if records is not None:
                    ids[records.evidence_id] = None
        return tuple(ids)


@dataclass(frozen=True)
class Check:
    """A named check: the kinds of evidence it reads and the function that judges them."""

    name: str
    kinds: tuple[str, ...]
    run: Callable[[CheckInput], Outcome]
    require_all: bool = True  # False: the check reads whichever of `kinds` the need is about
    judges_age: bool = False  # True: the check decides how old is too old, not the frequency


REGISTRY: dict[str, Check] = {}


def check(name: str, *kinds: str, require_all: bool = True, judges_age: bool = False
          ) -> Callable[[Callable[[CheckInput], Outcome]], Callable[[CheckInput], Outcome]]:
    """Register a check function under `name`, reading the given evidence kinds."""
    def register(func: Callable[[CheckInput], Outcome]) -> Callable[[CheckInput], Outcome]:
        REGISTRY[name] = Check(name, kinds, func, require_all, judges_age)
        return func
    return register


def pct(part: int, whole: int) -> float:
    """Return part/whole as a percentage with one decimal (100 when there is nothing)."""
    return round(100.0 * part / whole, 1) if whole else 100.0


def short_host(name: str | None) -> str:
    """Reconcile host names: lower case, domain suffix stripped."""
    return (name or "").strip().lower().split(".")[0]
