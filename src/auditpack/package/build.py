"""Build the package: assemble the model, render the documents, bundle, deliver.

One plain pipeline in one process:

1. assemble: check the workspace, run the checks from the store, describe everything
   (assemble.py), and write pseudonymised renditions of evidence that names clients;
2. render: the narrative, the workbook, the OSCAL exports and the request folders into a
   temporary package folder;
3. bundle: manifest.json (and its signature), SHA256SUMS, then the ZIP, with every
   evidence file read from the store and hashed again on the way in (archive.py);
4. deliver: the finished ZIP is renamed into place, so nothing half-written ever appears
   at the output path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import IntegrityError
from ..evidence.collect import collect
from ..evidence.store import EvidenceStore
from ..frameworks.library import Library
from ..workspace.loader import WORKSPACE_FILE, Workspace, load_workspace
from ..workspace.scaffold import copy_demo
from .bundle import signing
from .bundle.archive import Tree, write_zip
from .bundle.cache import PackageCache, input_key, option_file
from .bundle.manifest import (
    PUBLIC_KEY,
    SIGNATURE,
    VERIFY,
    manifest,
    tree,
    verify_text,
    write_manifest,
    write_sums,
)
from .model.assemble import Assembled, Period, assemble_model, build_time, verify_store
from .model.pseudonymise import write_renditions
from .model.requests import workspace_lists
from .model.summary import summary_lines
from .model.views import PackageModel
from .render.request_folders import write_request_folders

NARRATIVE = "Audit-Narrative.docx"
WORKBOOK = "Control-Matrix.xlsx"
Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    """Where the package went, its hash, and what it says.

    `summary` is what the build prints (see summary.py); `model`, everything the package
    says, is read on first use when the package came from the cache.
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


@dataclass(frozen=True)
class BuildOptions:
    """What a build is asked for, besides where: every field is part of the cache key."""

    frameworks: tuple[str, ...] | None = None
    as_of: dt.date | None = None
    period: Period | None = None
    sign_key: Path | None = None
    requests: str | None = None
    copy_per_request: bool = False
    reveal_names: bool = False

    def key_values(self) -> dict[str, Any]:
        """Return the options as JSON values (the signing key by its content's digest)."""
        return {"frameworks": list(self.frameworks) if self.frameworks is not None else None,
                "as_of": self.as_of.isoformat() if self.as_of else None,
                "period": [d.isoformat() for d in self.period] if self.period else None,
                "sign_key": option_file(self.sign_key), "requests": self.requests,
                "copy_per_request": self.copy_per_request, "reveal_names": self.reveal_names}


def workspace_digest(ws: Workspace) -> str:
    """Hash the workspace's own definition (auditpack.yaml and its control files)."""
    digest = hashlib.sha256()
    files = [ws.root / WORKSPACE_FILE] + [ws.root / f for f in ws.file.controls.files]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


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

    When nothing that feeds the package changed since an earlier build with the same
    options, that build's package is delivered again (see cache.py), unless `use_cache` is
    False or the folder is to be kept; every build leaves its package in the cache.
    """
    options = BuildOptions(tuple(frameworks) if frameworks else None, as_of, period, sign_key,
                           requests, copy_per_request, reveal_names)
    step = progress or (lambda _: None)
    cache = PackageCache(root)
    key = input_key(root, out_dir, options.key_values())
    if use_cache and not keep_folder:
        verify_store(root)  # a cached package never outlives its store's history
        if (hit := cache.fetch(key, out_dir)) is not None:
            step("nothing changed since the last build: reusing its package")
            _remove_abandoned(out_dir, hit.zip_path.name.removesuffix(".zip"))
            return BuildResult(hit.zip_path, hit.sha256, None, hit.summary, hit.load_model)
    signer = signing.load_private(sign_key) if sign_key is not None else None  # fail early
    step("checking the workspace and running the checks")
    assembled = assemble_model(root, frameworks, as_of, period, requests, reveal_names)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        name = assembled.model.package_name
        _remove_abandoned(out_dir, name)
        work = Path(tempfile.mkdtemp(prefix=f".{name}.partial-", dir=out_dir))
        lock = _hold(work)
        try:
            result = _build(assembled, work, out_dir, signer, options, keep_folder, step)
        finally:
            shutil.rmtree(work, ignore_errors=True)
            if lock is not None:
                os.close(lock)
    finally:
        assembled.close()
    cache.store(key, result.zip_path, result.sha256, result.model, result.summary)
    return result


def _build(assembled: Assembled, work: Path, out_dir: Path,
           signer: tuple[Any, bytes] | None, options: BuildOptions, keep_folder: bool,
           step: Progress) -> BuildResult:
    """Render, bundle and deliver a package in `work` (a temporary folder in `out_dir`)."""
    model = assembled.model
    if signer is not None:
        model = model.model_copy(update={"signature_fingerprint": signing.fingerprint(signer[1])})
    renditions: dict[str, Path] = {}
    if assembled.names is not None:
        step("pseudonymising client and matter names in the evidence files")
        model, renditions = write_renditions(assembled.store, model, assembled.names,
                                             work / ".renditions")
    folder = work / model.package_name
    folder.mkdir()
    render_documents(folder, model, assembled.workspace.catalogs, step)
    copies = write_request_folders(folder, model, options.copy_per_request)
    refs = list(model.evidence) + copies
    blobs = {r.path: renditions.get(r.sha256) or assembled.store.blob_path(r.sha256)
             for r in refs}
    expected = {r.path: r.sha256 for r in refs}
    missing = sorted({r.evidence_id for r in refs if not blobs[r.path].is_file()})
    if missing:
        raise IntegrityError(f"evidence missing from the store: {', '.join(missing)}",
                             str(assembled.store.root), "run `auditpack store verify`; "
                             "restore the store from a backup")
    step("writing manifest.json and SHA256SUMS")
    _seal_folder(folder, model, assembled, blobs, expected, signer)
    step("writing the ZIP; every evidence file is checked against the store")
    partial = work / f"{model.package_name}.zip"
    sha256 = write_zip(tree(folder, blobs), partial, model.package_name, model.built_at,
                       expected)
    target = out_dir / partial.name
    os.replace(partial, target)
    kept = None
    if keep_folder:
        step("extracting the package beside the ZIP")
        kept = _keep(target, model.package_name, work)
    return BuildResult(target, sha256, kept, summary_lines(model), lambda: model)


def render_documents(folder: Path, model: PackageModel, catalogs: Library,
                     step: Progress) -> None:
    """Render the narrative, the workbook, the verification instructions and the OSCAL
    (with the catalogs the model was assembled from)."""
    from .render.narrative import render_docx
    from .render.oscal import write_oscal  # the renderers load only when a package is built
    from .render.workbook import render_xlsx

    step("writing Audit-Narrative.docx")
    (folder / NARRATIVE).write_bytes(render_docx(model))
    step("writing Control-Matrix.xlsx")
    (folder / WORKBOOK).write_bytes(render_xlsx(model))
    (folder / VERIFY).write_text(verify_text(model), encoding="utf-8", newline="\n")
    step("writing the OSCAL exports")
    write_oscal(folder / "oscal", model, catalogs)


def _seal_folder(folder: Path, model: PackageModel, assembled: Assembled, blobs: Tree,
                 expected: dict[str, str], signer: tuple[Any, bytes] | None) -> None:
    """Write the public key, manifest.json, its signature and SHA256SUMS into the folder."""
    if signer is not None:
        (folder / PUBLIC_KEY).write_bytes(signer[1])
    hashes = dict(expected)  # the evidence's digests are the store's; other files are hashed
    body = write_manifest(folder, manifest(tree(folder, blobs), model,
                                           workspace_digest(assembled.workspace), hashes,
                                           assembled.store.head()))
    if signer is not None:
        (folder / SIGNATURE).write_bytes(signing.sign(signer[0], body))
    write_sums(folder, tree(folder, blobs), hashes)


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


def _keep(zip_path: Path, name: str, work: Path) -> Path:
    """Extract the finished ZIP beside it as a folder (the very files it holds), replacing
    an earlier build's folder of the same name."""
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(work / "kept")
    target = zip_path.parent / name
    if target.exists():
        os.replace(target, work / "old")  # removed with the build's temporary folder
    os.replace(work / "kept" / name, target)
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

