"""Verify a package offline: integrity (every hash against the manifest and the checksums),
then authenticity (the signature, against a key the caller pinned: never the package's own).

A package carries its public key (manifest.pub), but whoever alters a package can replace
that key and sign again; only a key the reader got from the organisation, or its
fingerprint, establishes who built it. `check_package` says which of the two was shown.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import IntegrityError, Problem
from . import signing
from .manifest import MANIFEST, PUBLIC_KEY, SIGNATURE, SUMS

CHUNK = 4 << 20
MAX_MEMBERS = 200_000
DRIVE = re.compile(r"[A-Za-z]:")
# what zipfile and its decompressors raise for an entry whose bytes are damaged
READ_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError,
               NotImplementedError)
ALTERED = "the package was altered after it was built"


@dataclass(frozen=True)
class Verification:
    """What verifying a package established: integrity, and whether it is authentic."""

    problems: list[Problem]
    fingerprint: str | None = None  # the key manifest.sig holds for (None: unsigned or bad)
    pinned: bool = False  # that key is the one the caller gave (its file or its fingerprint)

    @property
    def intact(self) -> bool:
        """Every file matches the manifest and SHA256SUMS, and nothing was added."""
        return not self.problems

    @property
    def signed(self) -> bool:
        """The manifest carries a signature that holds (for the key `fingerprint` names)."""
        return self.fingerprint is not None

    @property
    def authentic(self) -> bool:
        """Intact, and signed by the key the caller pinned."""
        return self.intact and self.signed and self.pinned


class _Unreadable(Exception):
    """A member that cannot be read or parsed: the package cannot be checked further."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class _Package:
    """An open package: its root folder, its members, and each member's digest, once."""

    def __init__(self, archive: zipfile.ZipFile, root: str,
                 members: dict[str, zipfile.ZipInfo]) -> None:
        self.archive, self.root, self.members = archive, root, members
        self._digests: dict[str, tuple[str, int] | None] = {}

    def where(self, rel: str) -> str:
        """Name a member as the reader sees it."""
        return f"{self.root}/{rel}"

    def digest(self, rel: str) -> tuple[str, int] | None:
        """Return a member's sha256 and size, streaming (None when its bytes are damaged)."""
        if rel not in self._digests:
            digest, size = hashlib.sha256(), 0
            try:
                with self.archive.open(self.members[rel]) as handle:
                    while chunk := handle.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                self._digests[rel] = (digest.hexdigest(), size)
            except READ_ERRORS:
                self._digests[rel] = None
        return self._digests[rel]

    def read(self, rel: str) -> bytes:
        """Return a (small) member's bytes; raise _Unreadable when they are damaged."""
        try:
            return self.archive.read(self.members[rel])
        except READ_ERRORS as exc:
            problem = Problem(f"cannot be read ({exc})", self.where(rel), ALTERED)
            raise _Unreadable(problem) from None


def verify_package(path: Path, public_key: Path | None = None,
                   fingerprint: str | None = None) -> list[Problem]:
    """Return every mismatch (empty when the package holds); raise when it cannot be read.

    An empty list means the package is intact; it is authentic only if a key was pinned
    (`public_key` or `fingerprint`): `check_package` says which.
    """
    return check_package(path, public_key, fingerprint).problems


def check_package(path: Path, public_key: Path | None = None,
                  fingerprint: str | None = None) -> Verification:
    """Verify a package: its integrity, and its authenticity against the pinned key if any.

    `public_key` (a PEM file) or `fingerprint` (as `auditpack keygen` prints it) pins the
    signer: the signature must then hold for that key, whatever key the package carries.
    Raise IntegrityError when the package or the key cannot be read, or the package's
    entry names are unsafe (duplicates, absolute, `..`, outside its one folder).
    """
    pin_pem, pin = _pin(public_key, fingerprint)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise IntegrityError(f"cannot open the package: {exc}", str(path),
                             "check the file name; it must be the .zip auditpack built") from None
    with archive:
        root, members = _members(archive, path)
        package = _Package(archive, root, members)
        try:
            manifest = _manifest(package, path)
            problems = _file_problems(package, manifest) + _sums_problems(package)
            sig_problems, signer = _signature(package, manifest, pin_pem, pin)
        except _Unreadable as exc:
            return Verification([exc.problem])
    return Verification(problems + sig_problems, signer, pin is not None and signer == pin)


def _members(archive: zipfile.ZipFile, path: Path) -> tuple[str, dict[str, zipfile.ZipInfo]]:
    """Return the package's root folder and its members by relative path; refuse unsafe names.

    Names must be plain relative paths inside one top-level folder, each once: unzip tools
    extract the first of two copies (or of two names Windows and macOS take for one file)
    while a check may read the other.
    """
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise IntegrityError(f"too many members ({len(infos)})", str(path), "this is not a package")
    seen: dict[str, str] = {}
    for info in infos:
        name = info.filename
        fault = _name_fault(name)
        if fault is None and (info.external_attr >> 16) & 0o170000 == 0o120000:
            fault = "a symbolic link"
        if fault is None and info.flag_bits & 0x1:
            fault = "encrypted"
        if fault is not None:
            raise _unsafe(f"unsafe entry name '{_shown(name)}': {fault}", path)
        key = unicodedata.normalize("NFC", name.rstrip("/")).casefold()
        if key in seen:
            raise _unsafe(f"duplicate entry name '{_shown(name)}': " + (
                "it appears twice, and unzip tools extract only one of the copies"
                if seen[key] == name else
                f"one file with '{_shown(seen[key])}' on Windows and macOS"), path)
        seen[key] = name
    root = _root(archive.namelist(), path)
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        if not info.filename.startswith(f"{root}/"):
            raise _unsafe(f"unsafe entry name '{_shown(info.filename)}': outside the package's "
                          f"one top-level folder '{root}/'", path)
        if not info.is_dir():
            members[info.filename[len(root) + 1:]] = info
    return root, members


def _name_fault(name: str) -> str | None:
    """Say what makes an entry name other than a plain relative path (None: nothing)."""
    if name.startswith("/"):
        return "an absolute path"
    if DRIVE.match(name):
        return "a drive letter"
    if "\\" in name:
        return "a backslash"
    if not name.isprintable():
        return "a control character"
    for part in (name[:-1] if name.endswith("/") else name).split("/"):
        if part in ("", ".", ".."):
            return f"a '{part}' segment" if part else "an empty segment ('//')"
    return None


def _root(names: list[str], path: Path) -> str:
    """Return the package's top-level folder: the one holding manifest.json."""
    tops = sorted({n.split("/", 1)[0] for n in names if "/" in n})
    if not tops:
        what = f"'{_shown(names[0])}' is a file at its top" if names else "it is empty"
        raise IntegrityError(f"the ZIP has no top-level folder: {what}", str(path),
                             "a package is one top-level folder; verify the ZIP that "
                             "`auditpack build` wrote")
    holders = [n.split("/")[0] for n in names if n.count("/") == 1 and n.endswith(f"/{MANIFEST}")]
    return holders[0] if holders else tops[0]


def _shown(name: str) -> str:
    """Write a name with its unprintable characters escaped (\\x1b), safe for a terminal."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in name)


def _unsafe(message: str, path: Path) -> IntegrityError:
    """The error for an entry that must not be extracted."""
    return IntegrityError(message, str(path), "do not extract this ZIP; ask for a new copy")


def _pin(public_key: Path | None, fingerprint: str | None) -> tuple[bytes | None, str | None]:
    """Read the pinned key and fingerprint; when both are given they must agree."""
    pin = signing.parse_fingerprint(fingerprint) if fingerprint is not None else None
    if public_key is None:
        return None, pin
    pem = signing.read_public(public_key)
    own = signing.fingerprint(pem, str(public_key))
    if pin is not None and own != pin:
        raise IntegrityError(f"the key's fingerprint is {own}, not the one given with "
                             f"--fingerprint ({pin})", str(public_key),
                             "pin one key: give its file or its fingerprint")
    return pem, own


def _manifest(package: _Package, path: Path) -> dict[str, Any]:
    """Read manifest.json and check its shape; raise _Unreadable naming what is wrong."""
    where = package.where(MANIFEST)
    if MANIFEST not in package.members:
        raise _Unreadable(Problem("manifest.json is missing", f"{path}:{package.root}/",
                                  "the package is incomplete"))
    try:
        manifest = json.loads(package.read(MANIFEST))
    except ValueError as exc:
        raise _Unreadable(Problem(f"not valid JSON ({exc})", where, ALTERED)) from None
    if not isinstance(manifest, dict):
        raise _Unreadable(Problem("not a JSON object", where, ALTERED))
    files = manifest.get("files", [])
    rows = files if isinstance(files, list) else [None]
    for n, row in enumerate(rows):
        if not (isinstance(row, dict) and isinstance(row.get("path"), str)
                and isinstance(row.get("sha256"), str) and type(row.get("size")) is int):
            raise _Unreadable(Problem(f"files[{n}] needs a path, a size and a sha256", where,
                                      ALTERED))
    if not isinstance(manifest.get("signature") or {}, dict):
        raise _Unreadable(Problem("'signature' is not an object", where, ALTERED))
    return manifest


def _file_problems(package: _Package, manifest: dict[str, Any]) -> list[Problem]:
    """Check each listed file's size and hash, and look for files the manifest does not list."""
    problems = []
    listed = {f["path"]: f for f in manifest.get("files", [])}
    for rel, row in sorted(listed.items()):
        if rel not in package.members:
            problems.append(Problem("listed in the manifest but missing", package.where(rel),
                                    ALTERED))
            continue
        found = package.digest(rel)
        if found is None:
            problems.append(Problem("cannot be read: its bytes are damaged (bad CRC or "
                                    "compressed data)", package.where(rel), ALTERED))
        elif found != (row["sha256"], row["size"]):
            problems.append(Problem(f"sha256 {found[0][:16]}… does not match the manifest's "
                                    f"{row['sha256'][:16]}…", package.where(rel),
                                    "the file was changed after the package was built"))
    extra = sorted(set(package.members) - set(listed) - {MANIFEST, SUMS, SIGNATURE})
    problems += [Problem("not listed in the manifest", package.where(rel),
                         "a file was added after the package was built") for rel in extra]
    return problems


def _sums_problems(package: _Package) -> list[Problem]:
    """Check SHA256SUMS against the files it names."""
    if SUMS not in package.members:
        return [Problem("SHA256SUMS is missing", package.where(SUMS), "the package is incomplete")]
    try:
        text = package.read(SUMS).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Unreadable(Problem(f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                                  package.where(SUMS), ALTERED)) from None
    problems = []
    named = set()
    for n, line in enumerate(text.splitlines(), start=1):
        sha, _, rel = line.partition("  ")
        if len(sha) != 64 or not rel:
            problems.append(Problem(f"line {n} is not '<sha256>  <path>'", package.where(SUMS),
                                    ALTERED))
            continue
        named.add(rel)
        found = package.digest(rel) if rel in package.members else None
        if found is None or found[0] != sha:
            problems.append(Problem("does not match SHA256SUMS", package.where(rel),
                                    "the file was changed, added or removed"))
    missing = sorted(set(package.members) - named - {SUMS})
    problems += [Problem("not covered by SHA256SUMS", package.where(rel),
                         "a file was added after the package was built") for rel in missing]
    return problems


def _signature(package: _Package, manifest: dict[str, Any], pin_pem: bytes | None,
               pin: str | None) -> tuple[list[Problem], str | None]:
    """Check manifest.sig; return its problems and the fingerprint of the key it holds for.

    With a pin the signature must hold for the pinned key; without one, for the package's
    own key (which shows the package is whole, not who made it).
    """
    where = package.where(SIGNATURE)
    if SIGNATURE not in package.members:
        if pin is not None:
            return [Problem("the package is not signed", where,
                            "ask the organisation for the signed package")], None
        if manifest.get("signature"):
            return [Problem("manifest.json names a signature, but manifest.sig is missing",
                            where, ALTERED)], None
        return [], None
    problems, inside = _own_key(package)
    if pin is not None and inside is not None and inside[1] != pin:
        problems.append(Problem(f"signed by a key with fingerprint {inside[1]}, not the key you "
                                f"pinned ({pin})", where,
                                "someone re-signed the package with their own key: do not rely "
                                "on it; ask the organisation for a new copy"))
        if pin_pem is None:
            return problems, None
    pem = pin_pem or (inside[0] if inside is not None else None)
    if pem is None:
        return problems + [Problem("no public key to check the signature with", where,
                                   "pass --key THEIR-KEY.pub or --fingerprint")], None
    if not signing.verify(pem, package.read(MANIFEST), package.read(SIGNATURE)):
        return problems + [Problem("the signature does not match manifest.json", where,
                                   "the manifest was changed, or the key is not the "
                                   "signer's")], None
    used = signing.fingerprint(pem)
    declared = (manifest.get("signature") or {}).get("public_key_fingerprint")
    if declared and declared != used:
        problems.append(Problem(f"the key's fingerprint {used} differs from the manifest's "
                                f"({declared})", where, "use the organisation's public key"))
    return problems, used


def _own_key(package: _Package) -> tuple[list[Problem], tuple[bytes, str] | None]:
    """Return the package's own public key (manifest.pub) and its fingerprint, if it has one."""
    if PUBLIC_KEY not in package.members:
        return [], None
    pem = package.read(PUBLIC_KEY)
    try:
        return [], (pem, signing.fingerprint(pem, package.where(PUBLIC_KEY)))
    except IntegrityError as exc:
        return [Problem(exc.message, exc.location, ALTERED)], None
