"""Any file, or every file matching a glob, kept as it is (policies, reports, screenshots)."""

from __future__ import annotations

import glob
import mimetypes
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ...errors import EvidenceError
from .base import Artifact, CollectContext, Collector, SourceSpec


class FileOptions(BaseModel):
    """A file, folder or glob, relative to the workspace."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str


class FileCollector(Collector):
    """Store files exactly as they are; a folder means every file under it."""

    name = "file"
    version = "1"
    Options = FileOptions

    def collect(self, spec: SourceSpec, options: Any, ctx: CollectContext) -> list[Artifact]:
        """Store each file, in sorted order, refusing anything outside the workspace."""
        artifacts: list[Artifact] = []
        # every match is resolved and confined before the first is read: nothing is stored
        # from a source that reaches outside the workspace
        paths = [ctx.confine(p, "path") for p in self._paths(options.path, ctx)]
        single = not glob.has_magic(options.path) and not ctx.inside(options.path, "path").is_dir()
        for path, real in paths:
            sha, size = ctx.store.put_file(real)
            rel = real.relative_to(ctx.workspace.resolve()).as_posix()
            media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            artifacts.append(Artifact(sha, size, self.meta(
                spec, ctx, source_id=spec.id if single else f"{spec.id}/{rel}",
                original_name=path.name, media_type=media, parameters={"path": rel})))
        return artifacts

    def _paths(self, pattern: str, ctx: CollectContext) -> list[Path]:
        """Resolve a file, folder or glob to the files it names (not yet confined)."""
        if glob.has_magic(pattern):
            ctx.inside(pattern.split("*")[0] or ".", "path")
            found = [Path(p) for p in glob.glob(str(ctx.workspace / pattern), recursive=True)]
        else:
            target = ctx.inside(pattern, "path")
            if not target.exists():
                raise EvidenceError("file or folder not found", str(target),
                                    "check the source's path (relative to the workspace)")
            found = sorted(target.rglob("*")) if target.is_dir() else [target]
        files = sorted(p for p in found if p.is_file())
        if not files:
            raise EvidenceError(f"no file matches '{pattern}'", "path",
                                "check the source's path (relative to the workspace)")
        return files
