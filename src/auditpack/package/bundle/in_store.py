"""Confirm that a package's evidence is still in the evidence store it was built from.

`auditpack verify PACKAGE --store WORKSPACE`: the store's custody log must verify and still
reach the chain head the manifest recorded (no rollback since the build), and every
evidence file the manifest lists must be in the store under its evidence id with the same
sha256 (a pseudonymised rendition: its original's).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from ...errors import AuditpackError, IntegrityError, Problem
from ...evidence.store import STORE_DIR, EvidenceStore
from .manifest import MANIFEST


def store_root(folder: Path) -> Path:
    """Return the store folder of a workspace (or the store folder itself, if given)."""
    for candidate in (folder / STORE_DIR, folder):
        if (candidate / "index.sqlite").is_file():
            return candidate
    raise IntegrityError("no evidence store here", str(folder),
                         "give the workspace folder the package was built from")


def package_in_store(package: Path, folder: Path) -> list[Problem]:
    """Return what the store no longer holds of the package (empty: everything is there).

    Call it on a package that verified: its manifest is read as it is.
    """
    manifest = _manifest(package)
    store = EvidenceStore(store_root(folder))
    try:
        store.verified_head()  # the store's own history first: IntegrityError if broken
        problems = _head_problems(store, manifest, package)
        for row in manifest.get("files", []):
            if "evidence_id" in row:
                problems += _row_problems(store, row, package)
        return problems
    finally:
        store.close()


def _manifest(package: Path) -> dict[str, Any]:
    with zipfile.ZipFile(package) as archive:
        name = next(n for n in archive.namelist() if n.count("/") == 1
                    and n.endswith("/" + MANIFEST))
        data: dict[str, Any] = json.loads(archive.read(name))
    return data


def _head_problems(store: EvidenceStore, manifest: dict[str, Any],
                   package: Path) -> list[Problem]:
    head = manifest.get("store_head")
    if not isinstance(head, dict):
        return [Problem("the manifest records no store head (built by an earlier version)",
                        f"{package.name}: manifest.json", "rebuild the package")]
    if store.reaches((int(head["seq"]), str(head["hash"]))):
        return []
    return [Problem(f"the store no longer reaches the package's chain head (custody entry "
                    f"{head['seq']}): it was rolled back or is another store",
                    str(store.root), "restore the store from a backup")]


def _row_problems(store: EvidenceStore, row: dict[str, Any], package: Path) -> list[Problem]:
    where = f"{package.name}: {row['path']}"
    rendition = row.get("rendition") or {}
    expected = rendition.get("original_sha256") or row["sha256"]
    try:
        item = store.get(str(row["evidence_id"]))
    except AuditpackError:
        return [Problem(f"{row['evidence_id']} is not in the store", where,
                        "restore the store from a backup")]
    if item.sha256 != expected:
        return [Problem(f"{row['evidence_id']} in the store is not the file in the package",
                        where, "restore the store from a backup")]
    if not store.blob_path(item.sha256).is_file():
        return [Problem(f"{row['evidence_id']}'s file is missing from the store", where,
                        "restore the store from a backup; `auditpack store verify` lists "
                        "everything missing")]
    return []
