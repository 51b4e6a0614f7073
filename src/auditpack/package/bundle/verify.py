"""Verify a package offline: every hash against the manifest, the checksums, the signature."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

from ...errors import IntegrityError, Problem
from . import signing
from .manifest import MANIFEST, PUBLIC_KEY, SIGNATURE, SUMS

CHUNK = 4 << 20
MAX_MEMBERS = 200_000


def _members(archive: zipfile.ZipFile, path: Path) -> tuple[str, dict[str, zipfile.ZipInfo]]:
    """Return the package's root folder and its members by relative path; refuse unsafe names."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise IntegrityError(f"too many members ({len(infos)})", str(path), "this is not a package")
    roots = {i.filename.split("/", 1)[0] for i in infos}
    if len(roots) != 1:
        raise IntegrityError("expected one top-level folder", str(path),
                             "verify the ZIP that `auditpack build` wrote")
    root = roots.pop()
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        if name.startswith("/") or ".." in name.split("/") or (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise IntegrityError(f"unsafe member '{name}'", str(path), "do not extract this file")
        if not info.is_dir():
            members[name.split("/", 1)[1]] = info
    return root, members


def _digest(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[str, int]:
    """Hash one member, streaming."""
    digest = hashlib.sha256()
    size = 0
    with archive.open(info) as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def verify_package(path: Path, public_key: Path | None = None) -> list[Problem]:
    """Return every mismatch (empty when the package holds); raise when it cannot be read."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise IntegrityError(f"cannot open the package: {exc}", str(path),
                             "check the file name; it must be the .zip auditpack built") from None
    with archive:
        root, members = _members(archive, path)
        if MANIFEST not in members:
            return [Problem("manifest.json is missing", f"{path}:{root}/", "the package is incomplete")]
        manifest: dict[str, Any] = json.loads(archive.read(members[MANIFEST]))
        problems = _file_problems(archive, members, manifest, root)
        problems += _sums_problems(archive, members, root)
        problems += _signature_problems(archive, members, manifest, public_key, root)
    return problems


def _file_problems(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo],
                   manifest: dict[str, Any], root: str) -> list[Problem]:
    """Check each listed file's size and hash, and look for files the manifest does not list."""
    problems = []
    listed = {f["path"]: f for f in manifest.get("files", [])}
    for rel, row in sorted(listed.items()):
        info = members.get(rel)
        if info is None:
            problems.append(Problem("listed in the manifest but missing", f"{root}/{rel}",
                                    "the package was altered"))
            continue
        sha, size = _digest(archive, info)
        if sha != row["sha256"] or size != row["size"]:
            problems.append(Problem(f"sha256 {sha[:16]}… does not match the manifest's "
                                    f"{str(row['sha256'])[:16]}…", f"{root}/{rel}",
                                    "the file was changed after the package was built"))
    extra = sorted(set(members) - set(listed) - {MANIFEST, SUMS, SIGNATURE})
    problems += [Problem("not listed in the manifest", f"{root}/{rel}",
                         "a file was added after the package was built") for rel in extra]
    return problems


def _sums_problems(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo],
                   root: str) -> list[Problem]:
    """Check SHA256SUMS against the files it names."""
    if SUMS not in members:
        return [Problem("SHA256SUMS is missing", f"{root}/{SUMS}", "the package is incomplete")]
    problems = []
    named = set()
    for line in archive.read(members[SUMS]).decode("utf-8").splitlines():
        sha, _, rel = line.partition("  ")
        named.add(rel)
        info = members.get(rel)
        if info is None or _digest(archive, info)[0] != sha:
            problems.append(Problem("does not match SHA256SUMS", f"{root}/{rel}",
                                    "the file was changed, added or removed"))
    missing = sorted(set(members) - named - {SUMS})
    problems += [Problem("not covered by SHA256SUMS", f"{root}/{rel}",
                         "a file was added after the package was built") for rel in missing]
    return problems


def _signature_problems(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo],
                        manifest: dict[str, Any], public_key: Path | None,
                        root: str) -> list[Problem]:
    """Check manifest.sig with the given key (or the package's own, which proves less)."""
    signed = SIGNATURE in members
    if not signed:
        if public_key is not None or manifest.get("signature"):
            return [Problem("the package is not signed", f"{root}/{SIGNATURE}",
                            "ask for the signed package")]
        return []
    if public_key is not None:
        pem = public_key.read_bytes()
    elif PUBLIC_KEY in members:
        pem = archive.read(members[PUBLIC_KEY])
    else:
        return [Problem("no public key to check the signature with", f"{root}/{SIGNATURE}",
                        "pass --key PUBLIC_KEY.pub")]
    data = archive.read(members[MANIFEST])
    if not signing.verify(pem, data, archive.read(members[SIGNATURE])):
        return [Problem("the signature does not match manifest.json", f"{root}/{SIGNATURE}",
                        "the manifest was changed, or the key is not the signer's")]
    expected = (manifest.get("signature") or {}).get("public_key_fingerprint")
    if expected and signing.fingerprint(pem) != expected:
        return [Problem("the key's fingerprint differs from the manifest's", f"{root}/{SIGNATURE}",
                        "use the organisation's public key")]
    return []
