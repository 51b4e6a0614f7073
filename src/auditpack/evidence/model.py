"""Models of stored evidence and of the custody log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EvidenceMeta(_Frozen):
    """What a collector says about one artifact it collected (before the store names it)."""

    source_id: str
    collector: str
    collector_version: str
    original_name: str
    media_type: str
    as_of: dt.date
    covers_start: dt.date | None = None
    covers_end: dt.date | None = None
    parameters: dict[str, Any] = Field(default_factory=dict)
    record_count: int | None = None
    controls: tuple[str, ...] = ()
    supplied_by: str | None = None
    derived_from: str | None = None
    kind: str | None = None


class EvidenceItem(_Frozen):
    """One stored artifact: its id, version, blob digest and everything known about it."""

    evidence_id: str
    version: int
    sha256: str
    size: int
    collected_at: dt.datetime
    meta: EvidenceMeta

    @property
    def source_id(self) -> str:
        """Return the id of the workspace source it came from."""
        return self.meta.source_id
