"""The Collector base class: ingest and normalise, never judge."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from ...errors import EvidenceError
from ..model import EvidenceMeta
from ..store import EvidenceStore

RECORDS_MEDIA_TYPE = "application/x-ndjson"


class SourceSpec(BaseModel):
    """One entry of `evidence.sources` in auditpack.yaml; collector options are the extras."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: str
    collector: str
    kind: str | None = None
    controls: tuple[str, ...] = ()
    supplied_by: str | None = None
    as_of: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None

    def options(self) -> dict[str, Any]:
        """Return the collector-specific fields."""
        return dict(self.model_extra or {})


class NoOptions(BaseModel):
    """A collector that takes no options."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass
class CollectContext:
    """What a collector may use: the workspace folder, the store, the clock and environment."""

    workspace: Path
    store: EvidenceStore
    now: dt.datetime
    as_of: dt.date
    environ: Mapping[str, str] = field(default_factory=dict)

    def inside(self, rel: str, what: str) -> Path:
        """Resolve a workspace-relative path; refuse one that leaves the workspace."""
        target = (self.workspace / rel).resolve()
        if not target.is_relative_to(self.workspace.resolve()):
            raise EvidenceError(f"{what} '{rel}' is outside the workspace", what,
                                "use a path inside the workspace, relative to it")
        return target

    def confine(self, path: Path, what: str) -> tuple[Path, Path]:
        """Return (path, its real path) when the real path is inside the workspace, else refuse.

        A glob's `..`, a symbolic link to a file or a symlinked folder on the way all lead
        to a real path; only that is judged, and only that should be read.
        """
        real = path.resolve()
        if not real.is_relative_to(self.workspace.resolve()):
            raise EvidenceError(f"{what} leads outside the workspace (to {real})", str(path),
                                "copy the file into the workspace instead")
        return path, real


@dataclass(frozen=True)
class Artifact:
    """A blob already in the store, with what the collector knows about it."""

    sha256: str
    size: int
    meta: EvidenceMeta


class Collector(ABC):
    """Gather evidence from one kind of source and normalise it, losing nothing."""

    name: ClassVar[str]
    version: ClassVar[str] = "1"
    kind: ClassVar[str | None] = None
    Options: ClassVar[type[BaseModel]] = NoOptions

    def meta(self, spec: SourceSpec, ctx: CollectContext, **fields: Any) -> EvidenceMeta:
        """Build the metadata of an artifact of this source, with the common fields filled."""
        base: dict[str, Any] = {
            "source_id": spec.id, "collector": self.name, "collector_version": self.version,
            "as_of": spec.as_of or ctx.as_of, "covers_start": spec.period_start,
            "covers_end": spec.period_end, "controls": spec.controls,
            "supplied_by": spec.supplied_by, "kind": spec.kind or self.kind,
        }
        base.update(fields)
        return EvidenceMeta.model_validate(base)

    @abstractmethod
    def collect(self, spec: SourceSpec, options: Any, ctx: CollectContext) -> list[Artifact]:
        """Store this source's artifacts as blobs and describe them (the caller records them)."""
