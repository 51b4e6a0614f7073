"""Inspect a ZIP export before anything reads it: no escaping paths, links, bombs or passwords.

Not a collector: export collectors that receive a ZIP call `safe_members`, then read each
member with `extract_member`, which never writes to disk. CPython's zipfile stops at a
member's declared size, so data longer than its header says surfaces as a CRC error; the
byte count in `extract_member` guards a reader that does not. Members under 1 MiB are not
held to the compression ratio (a repetitive small CSV can exceed 100:1 legitimately).
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

from ...errors import EvidenceError

RATIO_FLOOR = 1 << 20  # see the module docstring
HINT = "do not open this archive; ask the supplier for a fresh export"


def safe_members(path: Path, max_members: int = 10000, max_total: int = 2 * 1024**3,
                 max_ratio: int = 100) -> list[zipfile.ZipInfo]:
    """Return every member of a ZIP (folders too) once the whole archive is found safe."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise EvidenceError(f"is not a readable ZIP archive ({exc})", str(path),
                            "export it again, or unpack it and point the source at the file"
                            ) from None
    if len(members) > max_members:
        _refuse(path, members[max_members],
                f"the archive has {len(members)} members (more than {max_members})")
    total = 0
    names: set[str] = set()
    offsets: set[int] = set()
    for info in members:
        _check_member(path, info, max_ratio)
        if info.filename in names:
            _refuse(path, info, "this name appears twice (which copy is the evidence?)")
        if info.header_offset in offsets:
            _refuse(path, info, "this member overlaps another (a zip bomb technique)")
        names.add(info.filename)
        offsets.add(info.header_offset)
        total += info.file_size
        if total > max_total:
            _refuse(path, info, f"members unpack to more than {max_total:,} bytes")
    packed = max(path.stat().st_size, 1)
    if total > RATIO_FLOOR and total / packed > max_ratio:
        raise EvidenceError(f"the archive unpacks to {total:,} bytes from {packed:,} "
                            f"(ratio over {max_ratio}): a zip bomb", f"{path} (whole archive)",
                            HINT)
    return members


def _check_member(path: Path, info: zipfile.ZipInfo, max_ratio: int) -> None:
    """Refuse one member whose name, type, encryption or compression is unsafe."""
    name = info.filename
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or name.startswith("\\"):
        _refuse(path, info, "absolute path")
    if ".." in posix.parts or ".." in windows.parts:
        _refuse(path, info, "path climbs out of the archive ('..')")
    if stat.S_ISLNK(info.external_attr >> 16):
        _refuse(path, info, "symbolic link")
    if info.flag_bits & 0x1:
        _refuse(path, info, "encrypted member (auditpack cannot hash what it cannot read)")
    if info.file_size > RATIO_FLOOR and info.file_size / max(info.compress_size, 1) > max_ratio:
        _refuse(path, info, f"unpacks to {info.file_size:,} bytes from {info.compress_size:,} "
                            f"(ratio over {max_ratio}): a zip bomb")


def _refuse(path: Path, info: zipfile.ZipInfo, why: str) -> None:
    """Raise the error naming the archive and the member."""
    raise EvidenceError(f"unsafe member '{info.filename}': {why}", str(path), HINT)


def extract_member(path: Path, info: zipfile.ZipInfo, chunk: int = 1 << 20,
                   max_size: int | None = None) -> Iterator[bytes]:
    """Stream a member's bytes; stop at its declared size (or max_size) even if the data lies."""
    if max_size is not None and info.file_size > max_size:
        _refuse(path, info, f"declares {info.file_size:,} bytes, more than {max_size:,}")
    limit = info.file_size
    read = 0
    try:
        with zipfile.ZipFile(path) as archive, archive.open(info) as member:
            while data := member.read(min(chunk, limit - read + 1)):
                read += len(data)
                if read > limit:
                    _refuse(path, info, f"holds more than the {limit:,} bytes its header declares")
                yield data
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError,
            OSError) as exc:
        raise EvidenceError(f"cannot read member '{info.filename}': {exc}", str(path),
                            HINT) from None
