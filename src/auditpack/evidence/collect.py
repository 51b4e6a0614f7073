"""Run the workspace's collectors and record what they gathered, one source at a time."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping

from ..errors import EvidenceError
from ..workspace.loader import Workspace
from .collectors.base import CollectContext
from .model import EvidenceItem
from .sources import Source, load_sources
from .store import EvidenceStore
from .tmpfiles import tmp_guard

Progress = Callable[[Source, list[EvidenceItem]], None]


def collect(ws: Workspace, store: EvidenceStore, only: list[str] | None = None,
            now: dt.datetime | None = None, environ: Mapping[str, str] | None = None,
            progress: Progress | None = None) -> list[EvidenceItem]:
    """Collect every source (or the ones named); each source is recorded all at once or not at all."""
    sources = load_sources(ws)
    if only:
        unknown = sorted(set(only) - {s.spec.id for s in sources})
        if unknown:
            raise EvidenceError(f"unknown source(s): {', '.join(unknown)}", "--source",
                                f"use one of: {', '.join(s.spec.id for s in sources)}")
        sources = [s for s in sources if s.spec.id in only]
    moment = now or dt.datetime.now(dt.timezone.utc)
    ctx = CollectContext(ws.root, store, moment, ws.as_of, environ if environ is not None
                         else dict(os.environ))
    items: list[EvidenceItem] = []
    with tmp_guard(store.tmp):  # and remove what killed collects left there
        for source in sources:
            artifacts = source.collector().collect(source.spec, source.options, ctx)
            added = store.add_group([(a.sha256, a.size, a.meta) for a in artifacts], moment)
            items.extend(added)
            if progress:
                progress(source, added)
    return items
