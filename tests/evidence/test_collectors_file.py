"""The file collector: every match is resolved and confined to the workspace before it is read."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditpack.errors import EvidenceError
from auditpack.evidence.collectors.base import Artifact, CollectContext, SourceSpec
from auditpack.evidence.collectors.file import FileCollector
from auditpack.evidence.store import EvidenceStore

NOW = dt.datetime(2026, 9, 30, 9, 0, tzinfo=dt.timezone.utc)
SECRET = "root:x:0:0:not-for-the-store\n"


@pytest.fixture()
def ctx(tmp_path: Path) -> Iterator[CollectContext]:
    ws = tmp_path / "ws"
    (ws / "exports").mkdir(parents=True)
    (ws / "exports" / "policy.md").write_text("# Policy\n")
    outside = tmp_path / "outside"
    (outside / "etc").mkdir(parents=True)
    (outside / "etc" / "passwd").write_text(SECRET)
    store = EvidenceStore.open(ws)
    yield CollectContext(ws, store, NOW, dt.date(2026, 9, 30), {})
    store.close()


def run(ctx: CollectContext, path: str) -> list[Artifact]:
    spec = SourceSpec.model_validate({"id": "src", "collector": "file", "path": path})
    return FileCollector().collect(spec, FileCollector.Options.model_validate(spec.options()), ctx)


def blobs(ctx: CollectContext) -> list[bytes]:
    """Every blob in the store's blobs folder, whether the index refers to it or not."""
    root = ctx.workspace / ".auditpack" / "store"
    return [p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "tmp" not in p.parts and p.suffix not in (".db", ".sqlite",
                                                                         ".lock", ".json")]


def refused(ctx: CollectContext, path: str) -> str:
    with pytest.raises(EvidenceError) as info:
        run(ctx, path)
    assert SECRET.encode() not in b"".join(blobs(ctx)), "the outside file reached the store"
    return str(info.value)


def test_a_glob_through_a_symlinked_folder_is_refused_before_anything_is_read(
        ctx: CollectContext) -> None:
    os.symlink(ctx.workspace.parent / "outside" / "etc", ctx.workspace / "exports" / "etc")
    message = refused(ctx, "exports/**/*")
    assert "leads outside the workspace" in message and "passwd" in message


def test_a_glob_with_dot_dot_is_refused(ctx: CollectContext) -> None:
    message = refused(ctx, "exports/../../outside/*/passwd")
    assert "outside the workspace" in message and "exports/../../outside/" in message
    message = refused(ctx, "*/../../outside/etc/*")
    assert "leads outside the workspace" in message


def test_a_symlinked_folder_named_directly_is_refused(ctx: CollectContext) -> None:
    os.symlink(ctx.workspace.parent / "outside" / "etc", ctx.workspace / "exports" / "etc")
    assert "outside the workspace" in refused(ctx, "exports/etc")
    assert "outside the workspace" in refused(ctx, "exports/etc/passwd")
    # the folder holding the link: the link is not followed, the files beside it are kept
    assert [a.meta.parameters["path"] for a in run(ctx, "exports")] == ["exports/policy.md"]


def test_links_that_stay_inside_are_kept_under_their_real_path(ctx: CollectContext) -> None:
    os.symlink(ctx.workspace / "exports" / "policy.md", ctx.workspace / "exports" / "link.md")
    arts: Any = run(ctx, "exports/*.md")
    assert [a.meta.parameters["path"] for a in arts] == ["exports/policy.md", "exports/policy.md"]
    assert [a.meta.original_name for a in arts] == ["link.md", "policy.md"]
