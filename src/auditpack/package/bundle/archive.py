"""The package's ZIP: deterministic, and every evidence file checked as it goes in."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

from ...errors import IntegrityError
from ...evidence.blobio import file_sha256
from .zipfix import entry

CHUNK = 1 << 20
SAMPLE = 8 << 10  # how much of a file decides how it is stored
Tree = dict[str, Path]  # path in the package -> where its bytes are now


def looks_like_text(sample: bytes) -> bool:
    """Tell whether a file's first bytes are text (UTF-8 without NULs, or UTF-16 with a BOM).

    Only text is deflated. Evidence that is not text is nearly always compressed already
    (PDF, images, Office files, archives); storing it costs no CPU, and the rare
    compressible binary (an old .xls, an event log) just makes the ZIP bigger.
    """
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if not sample or b"\0" in sample:
        return False
    for cut in range(4):  # the sample may end inside a multi-byte character
        try:
            sample[: len(sample) - cut].decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False


def write_zip(files: Tree, target: Path, root: str, when: dt.datetime,
              expected: dict[str, str]) -> str:
    """Zip every file under `root/`, in name order, and return the ZIP's sha256.

    Times and permissions are fixed and the order is sorted, so the same files always give
    the same bytes. `expected` gives the sha256 each evidence file must have (package path
    -> digest, as the store recorded it at collection): each is hashed again as it is
    written, and a file that differs stops the build, naming it.
    """
    with zipfile.ZipFile(target, "w") as archive:
        for rel in sorted(files):
            _add(archive, f"{root}/{rel}", files[rel], when, expected.get(rel))
    return file_sha256(target)


def _add(archive: zipfile.ZipFile, name: str, path: Path, when: dt.datetime,
         expected: str | None) -> None:
    """Stream one file into the archive (text deflated, the rest stored), hashing it."""
    info = entry(name, when)
    digest = hashlib.sha256()
    try:
        src = path.open("rb")
    except FileNotFoundError:
        raise IntegrityError(f"{name.split('/', 1)[-1]} is missing from the evidence store",
                             str(path), "run `auditpack store verify`; restore the store "
                             "from a backup") from None
    with src:
        chunk = src.read(CHUNK)
        if not looks_like_text(chunk[:SAMPLE]):
            info.compress_type = zipfile.ZIP_STORED
        with archive.open(info, "w", force_zip64=True) as out:
            while chunk:
                digest.update(chunk)
                out.write(chunk)
                chunk = src.read(CHUNK)
    if expected is not None and digest.hexdigest() != expected:
        rel = name.split("/", 1)[-1]
        raise IntegrityError(f"{rel} is not the file collected: its sha256 differs from the "
                             "store's record", str(path),
                             "run `auditpack store verify`; do not build from this store")
