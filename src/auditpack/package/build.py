"""Build the package: a folder written in a temporary place, zipped, then moved into place."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NoReturn

from ..errors import RenderError
from ..evidence.collect import collect
from ..evidence.store import EvidenceStore, Seal
from ..gcpause import cyclic_gc_paused
from ..scaffold import copy_demo
from ..workspace import WORKSPACE_FILE, Workspace, load_workspace
from . import signing
from .assemble import Assembled, Period, build_time, finish_model, prepare_model
from .bundle import (
    PUBLIC_KEY,
    SIGNATURE,
    VERIFY,
    known_hashes,
    manifest,
    tree,
    verify_text,
    write_manifest,
    write_sums,
)
from .cache import PackageCache, cached_checks, input_key
from .evidence_files import copy_evidence
from .forked import pickled_error, stop
from .model import EvidenceRef, PackageModel
from .pseudonymise import copy_renditions, write_renditions
from .request_folders import write_request_folders
from .requests_view import workspace_lists
from .summary import summary_lines
from .zip_writer import ZipWriter

NARRATIVE = "Audit-Narrative.docx"
WORKBOOK = "Control-Matrix.xlsx"
Progress = Callable[[str], None]
NOT_OPTIONS = ("root", "out_dir", "progress", "keep_folder", "use_cache")  # not in the cache key


@dataclass(frozen=True)
class BuildResult:
    """Where the package went, its hash, and what it says.

    `summary` is what the build prints (see summary.py); `model`, everything the package
    says, is read on first use when the package came from the cache (16 MB of JSON at
    20,000 evidence files, a third of a cached build's time).
    """

    zip_path: Path
    sha256: str
    folder: Path | None
    summary: tuple[str, ...]
    load_model: Callable[[], PackageModel] = field(repr=False, compare=False)

    @cached_property
    def model(self) -> PackageModel:
        """The package model."""
        return self.load_model()


def workspace_digest(ws: Workspace) -> str:
    """Hash the workspace's own definition (auditpack.yaml and its control files)."""
    digest = hashlib.sha256()
    files = [ws.root / WORKSPACE_FILE] + [ws.root / f for f in ws.file.controls.files]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@cyclic_gc_paused()  # a build keeps many objects alive and makes few cycles (see gcpause)
def build_package(root: Path, out_dir: Path, frameworks: list[str] | None = None,
                  as_of: dt.date | None = None, period: Period | None = None,
                  sign_key: Path | None = None, keep_folder: bool = False,
                  progress: Progress | None = None, use_cache: bool = True,
                  requests: str | None = None, copy_per_request: bool = False,
                  reveal_names: bool = False) -> BuildResult:
    """Build <org>-<scope>-<as-of>.zip in out_dir; nothing appears there until it is complete.

    Client and matter names are pseudonymised in every file (evidence files that hold them
    go in as pseudonymised renditions) unless `reveal_names`; see pseudonymise.py.

    With `requests` (a list id in the workspace's requests/) the package also answers that
    request list, with a folder per request; `copy_per_request` copies each request's
    evidence into its folder as well.

    When nothing that feeds the package changed since a build with the same options, that
    build's package is delivered again (see cache.py) unless `use_cache` is False; a build
    that keeps its folder always builds.
    """
    options = {k: v for k, v in locals().items() if k not in NOT_OPTIONS}  # every option, new ones too
    step = progress or (lambda _: None)
    cache = PackageCache(root) if use_cache and not keep_folder else None
    cache_key = input_key(root, out_dir, options) if cache is not None else ""
    if cache is not None and (hit := cache.fetch(cache_key, out_dir)) is not None:
        step("nothing changed since the last build: reusing its package")
        _remove_abandoned(out_dir, hit.zip_path.name.removesuffix(".zip"))
        return BuildResult(hit.zip_path, hit.sha256, None, hit.summary, hit.load_model)
    key = public = None
    if sign_key is not None:  # a bad key fails the build before any work
        key, public = signing.load_private(sign_key)
    step("checking the workspace and planning the checks")
    prep = prepare_model(root, frameworks, as_of, period, requests, reveal_names)
    assembled: Assembled | None = None
    work: Path | None = None
    lock: int | None = None
    archive: ZipWriter | None = None
    rendering: Rendering | None = None
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(out_dir, prep.package_name)
        work = Path(tempfile.mkdtemp(prefix=f".{prep.package_name}.partial-", dir=out_dir))
        lock = _hold(work)
        folder = work / prep.package_name
        folder.mkdir()
        partial_zip = work / f"{prep.package_name}.zip"
        archive = ZipWriter(partial_zip, prep.package_name, prep.built_at, lock)
        # Evidence goes into the ZIP straight from the store (one pass, hash checked on the
        # way). The files are known before the checks run, so they stream while the checks
        # run; unless a file may need a pseudonymised rendition, which needs the review.
        early = not prep.names_possible
        seals = prep.store.seals()
        if early:
            step("writing the evidence into the ZIP while the checks run")
            archive.add(_blobs(prep.evidence, prep.store, {}),
                        {e.path: e.sha256 for e in prep.evidence},
                        _sealed(prep.evidence, seals))
        step("running the checks")
        with cached_checks(root) if use_cache else nullcontext():
            assembled = finish_model(prep)
        model = assembled.model
        if public is not None:
            model = model.model_copy(update={"signature_fingerprint": signing.fingerprint(public)})
        renditions: dict[str, Path] = {}
        if assembled.names is not None:
            step("pseudonymising client and matter names in the evidence files")
            model, renditions = write_renditions(assembled.store, model, assembled.names,
                                                 work / ".renditions")
        rendering = Rendering(folder, model, step, [lock, archive.fileno()])  # beside the ZIP
        if public is not None:
            (folder / PUBLIC_KEY).write_bytes(public)
        blobs = _blobs(list(model.evidence), assembled.store, renditions)
        if not early:
            step("writing the evidence into the ZIP")
            archive.add(blobs, known_hashes(model),
                        _sealed([e for e in model.evidence if e.sha256 not in renditions], seals))
        copies = write_request_folders(folder, model, copy_per_request)
        copied = _blobs(copies, assembled.store, renditions)
        archive.add(copied, {c.path: c.sha256 for c in copies},
                    _sealed([c for c in copies if c.sha256 not in renditions], seals))
        blobs.update(copied)
        hashes = {**known_hashes(model), **{c.path: c.sha256 for c in copies}}
        summary = summary_lines(model)
        entry = PackageCache.entry(model, summary, [b for b in blobs.values()
                                                    if b not in renditions.values()]) \
            if cache is not None else None  # made while the documents render
        rendering.wait()
        body = write_manifest(folder, manifest(tree(folder, blobs), model,
                                               workspace_digest(assembled.workspace), hashes))
        if key is not None:
            (folder / SIGNATURE).write_bytes(signing.sign(key, body))
        write_sums(folder, tree(folder, blobs), hashes)
        archive.add(tree(folder), {})
        step("finishing the ZIP")
        sha256 = archive.finish()
        archive = None
        target = out_dir / partial_zip.name
        os.replace(partial_zip, target)
        if cache is not None and entry is not None:
            cache.store(cache_key, target, sha256, entry)
        kept = None
        if keep_folder:
            step("copying evidence into the folder")
            refs = list(model.evidence) + copies
            copy_evidence(assembled.store, [r for r in refs if r.sha256 not in renditions], folder)
            copy_renditions(renditions, [r for r in refs if r.sha256 in renditions], folder)
            kept = _keep(folder, out_dir)
    finally:
        if rendering is not None:
            rendering.cancel()  # a failed build stops its renderer (a no-op once it is done)
        if archive is not None:
            archive.abandon()  # likewise its ZIP writer
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
        if lock is not None:
            os.close(lock)
        (assembled or prep).close()
    return BuildResult(target, sha256, kept, summary, lambda: model)


def _blobs(refs: Sequence[EvidenceRef], store: EvidenceStore,
           renditions: dict[str, Path]) -> dict[str, Path]:
    """Map each file's package path to its bytes (a rendition, else the store's blob), sorted."""
    return dict(sorted((r.path, renditions.get(r.sha256) or store.blob_path(r.sha256))
                       for r in refs))


def _sealed(refs: Sequence[EvidenceRef], seals: dict[str, Seal]) -> dict[str, Seal]:
    """Map each file's package path to its store blob's seal, where the store has one."""
    return {r.path: seals[r.sha256] for r in refs if r.sha256 in seals}


def _hold(work: Path) -> int | None:
    """Lock a build's temporary folder for as long as the build runs (POSIX only)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: abandoned folders stay until removed
        return None
    fd = os.open(work / ".lock", os.O_CREAT | os.O_RDWR, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _remove_abandoned(out_dir: Path, name: str) -> None:
    """Remove temporary folders of killed builds (their lock is free); never a running one's."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover
        return
    for folder in out_dir.glob(f".{name}.partial-*"):
        try:
            fd = os.open(folder / ".lock", os.O_RDWR)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a build is still writing there
        finally:
            os.close(fd)
        shutil.rmtree(folder, ignore_errors=True)


def _narrative_and_workbook(folder: Path, model: PackageModel, step: Progress) -> None:
    """Render the narrative, the workbook and the verification instructions."""
    from .narrative import render_docx  # python-docx loads only when a package is built
    from .workbook import render_xlsx

    step("writing Audit-Narrative.docx")
    (folder / NARRATIVE).write_bytes(render_docx(model))
    step("writing Control-Matrix.xlsx")
    (folder / WORKBOOK).write_bytes(render_xlsx(model))
    (folder / VERIFY).write_text(verify_text(model), encoding="utf-8", newline="\n")


def _oscal(folder: Path, model: PackageModel, step: Progress) -> None:
    """Render the OSCAL exports."""
    from ..oscal.export import write_oscal

    step("writing the OSCAL exports")
    write_oscal(folder / "oscal", model)


# The documents in two parts of about the same weight, each written by a process of its own.
DOCUMENT_PARTS: tuple[Callable[[Path, PackageModel, Progress], None], ...] = (
    _oscal, _narrative_and_workbook)


class Rendering:
    """The documents, rendered in forked processes while the evidence streams into the ZIP.

    Rendering is Python work and streaming is I/O and hashing; on two cores they overlap.
    The documents are rendered in two processes (the OSCAL exports; the narrative and the
    workbook), so that whichever core the ZIP leaves free first is used. Without fork
    (Windows) the documents are rendered here, first. An error in a renderer is raised
    again here, as it was.
    """

    def __init__(self, folder: Path, model: PackageModel, step: Progress,
                 not_ours: list[int | None]) -> None:
        self.children: list[tuple[int, int]] = []  # (pid, the read end of its report pipe)
        if not hasattr(os, "fork"):  # pragma: no cover - Windows
            for part in DOCUMENT_PARTS:
                part(folder, model, step)
            return
        for part in DOCUMENT_PARTS:
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # a renderer
                os.close(read)
                for _, other in self.children:  # the other renderers' pipes
                    os.close(other)
                for fd in not_ours:  # the folder's lock and the ZIP writer's pipe are the build's
                    if fd is not None:
                        os.close(fd)
                _render_and_exit(write, part, folder, model, step)
            os.close(write)
            self.children.append((pid, read))

    def wait(self) -> None:
        """Wait for the documents; raise what stopped a renderer, if anything did."""
        failure: BaseException | None = None
        while self.children:
            pid, pipe = self.children.pop(0)
            with os.fdopen(pipe, "rb") as reader:
                report = reader.read()
            _, status = os.waitpid(pid, 0)
            if failure is not None:
                continue
            if report:
                failure = pickle.loads(report)
            elif status != 0:
                failure = RenderError("the documents were not rendered (a renderer stopped)",
                                      "package build", "run the build again")
            if failure is not None:
                self.cancel()  # the other renderer's work is of no use now
        if failure is not None:
            raise failure

    def cancel(self) -> None:
        """Stop the renderers (the build failed)."""
        while self.children:
            pid, pipe = self.children.pop()
            stop(pid)
            os.close(pipe)


def _render_and_exit(pipe: int, part: Callable[[Path, PackageModel, Progress], None],
                     folder: Path, model: PackageModel,
                     step: Progress) -> NoReturn:  # pragma: no cover - runs in the child
    """Render a part of the documents, report any error through the pipe, and exit at once."""
    report = b""
    # The build pauses the cyclic GC; the documents make cycles (python-docx, OSCAL), so a
    # renderer collects them (~50 MB at 20,000 files), leaving what it inherited frozen:
    # never walked, so its pages stay shared with the build.
    gc.freeze()
    gc.enable()
    try:
        part(folder, model, step)
    except BaseException as exc:  # noqa: BLE001 - reported to the build, which raises it
        report = pickled_error(exc, "the documents were not rendered")
    try:
        with os.fdopen(pipe, "wb") as out:
            out.write(report)
    finally:
        os._exit(1 if report else 0)  # no clean-up: the store and the lock are the build's


def _keep(folder: Path, out_dir: Path) -> Path:
    """Move the finished folder beside the ZIP, replacing an earlier build of the same name."""
    target = out_dir / folder.name
    if target.exists():
        old = out_dir / f".{folder.name}.old"
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        shutil.rmtree(old, ignore_errors=True)
    os.replace(folder, target)
    return target


def build_demo(out_dir: Path, demo: str = "credit-union", sign_key: Path | None = None,
               keep_folder: bool = False, progress: Progress | None = None,
               requests: str | None = None, copy_per_request: bool = False,
               reveal_names: bool = False) -> BuildResult:
    """Build a bundled demo: copy it, collect its exports at a fixed time, build, clean up.

    The demo's own request list (the first in its requests/) is answered unless `requests`
    names another.
    """
    with tempfile.TemporaryDirectory(prefix="auditpack-demo-") as tmp:
        root = Path(tmp) / demo
        copy_demo(root, demo)
        ws = load_workspace(root)
        with EvidenceStore.open(root) as store:
            collect(ws, store, now=build_time(ws.as_of))
        lists = workspace_lists(root)
        return build_package(root, out_dir, sign_key=sign_key, keep_folder=keep_folder,
                             progress=progress, requests=requests or (lists[0] if lists else None),
                             copy_per_request=copy_per_request, reveal_names=reveal_names)
