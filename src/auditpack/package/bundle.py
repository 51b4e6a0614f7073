"""Write the package folder's manifest, checksums and instructions, then the deterministic ZIP."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import json
import os
import queue
import threading
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any

from ..errors import IntegrityError
from ..evidence.store import Seal, file_stat
from .model import PackageModel
from .zipfix import entry

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
SIGNATURE = "manifest.sig"
PUBLIC_KEY = "manifest.pub"
VERIFY = "VERIFY.txt"
CHUNK = 4 << 20


def file_sha256(path: Path) -> str:
    """Hash a file in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


Tree = dict[str, Path]  # path in the package -> where its bytes are now


def tree(folder: Path, linked: Tree | None = None) -> Tree:
    """Map every package path to its bytes: the folder's files plus linked ones (store blobs)."""
    found = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}
    return dict(sorted({**found, **(linked or {})}.items()))


def known_hashes(model: PackageModel) -> dict[str, str]:
    """Return the sha256 of every evidence file, known from the store (and checked on copy)."""
    return {e.path: e.sha256 for e in model.evidence}


def manifest(files_now: Tree, model: PackageModel, workspace_digest: str,
             hashes: dict[str, str]) -> dict[str, Any]:
    """Describe every file (path, size, sha256, and for evidence: id, source, as-of).

    `hashes` holds digests already known (the evidence's); other files are hashed here and
    added to it, so SHA256SUMS need not read them again.
    """
    refs = {e.path: e for e in model.evidence}
    by_name = {e.path.rsplit("/", 1)[-1]: e for e in model.evidence}  # request folders' copies
    files = []
    for rel, path in files_now.items():
        if rel in (MANIFEST, SUMS, SIGNATURE):
            continue
        if rel not in hashes:
            hashes[rel] = file_sha256(path)
        row: dict[str, Any] = {"path": rel, "size": path.stat().st_size, "sha256": hashes[rel]}
        ref = refs.get(rel)
        if ref is None and rel.startswith("requests/"):
            ref = by_name.get(rel.rsplit("/", 1)[-1])
            if ref is not None:
                row["copy_of"] = ref.path
        if ref is not None:
            row.update({"evidence_id": ref.evidence_id, "source": ref.source,
                        "as_of": ref.as_of.isoformat(), "collector": ref.collector})
            if ref.rendition is not None:  # a pseudonymised rendition: the original stays in the store
                row["rendition"] = ref.rendition.model_dump(mode="json")
        files.append(row)
    return {
        "package": model.package_name, "tool": "auditpack", "tool_version": model.tool_version,
        "organization": model.legal_name, "as_of": model.as_of.isoformat(),
        "period": {"start": model.period_start.isoformat(), "end": model.period_end.isoformat()},
        "built_at": model.built_at.isoformat(),
        "frameworks": [{"id": f.id, "version": f.version} for f in model.frameworks],
        "workspace_digest": workspace_digest,
        "signature": ({"algorithm": "Ed25519", "file": SIGNATURE, "public_key": PUBLIC_KEY,
                       "public_key_fingerprint": model.signature_fingerprint}
                      if model.signature_fingerprint else None),
        "files": files,
        **({"names": model.names.model_dump(mode="json")} if model.names else {}),
    }


def write_manifest(folder: Path, data: dict[str, Any]) -> bytes:
    """Write manifest.json canonically and return its bytes."""
    body = (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    (folder / MANIFEST).write_bytes(body)
    return body


def write_sums(folder: Path, files_now: Tree, hashes: dict[str, str]) -> None:
    """Write SHA256SUMS (sha256sum's format) covering every other file."""
    lines = [f"{hashes.get(rel) or file_sha256(path)}  {rel}\n"
             for rel, path in files_now.items() if rel != SUMS]
    (folder / SUMS).write_text("".join(lines), encoding="utf-8", newline="\n")


def verify_text(model: PackageModel) -> str:
    """Explain, for an examiner, how to check the package offline."""
    signed = model.signature_fingerprint is not None
    text = f"""How to verify this package ({model.package_name})

Every file is listed with its SHA-256 in manifest.json and in SHA256SUMS.

Linux or macOS, inside the extracted folder:
    sha256sum -c SHA256SUMS          (macOS: shasum -a 256 -c SHA256SUMS)

Windows PowerShell, inside the extracted folder:
    Get-Content SHA256SUMS | ForEach-Object {{
        $hash, $file = $_ -split '  ', 2
        if ((Get-FileHash -Algorithm SHA256 -LiteralPath $file).Hash -ne $hash.ToUpper()) {{ "MISMATCH $file" }}
    }}
    (no output means every file matches)

With auditpack installed:
    auditpack verify {model.package_name}.zip{' --key PUBLIC_KEY.pub' if signed else ''}
"""
    text += "\nWhat the package holds:\n" + "".join(f"    {line}\n" for line in contents(model))
    if signed:
        text += f"""
Signature: manifest.json is signed with Ed25519 (manifest.sig, raw 64 bytes).
Public key fingerprint (SHA-256 of the raw key): {model.signature_fingerprint}
Compare it with the fingerprint the organisation gave you separately, then:
    openssl pkeyutl -verify -pubin -inkey manifest.pub -rawin -in manifest.json -sigfile manifest.sig
"""
    return text


def contents(model: PackageModel) -> list[str]:
    """List what the package's folders and files hold, for the reader of VERIFY.txt."""
    lines = ["Audit-Narrative.docx   the narrative: scope, method, parties, RACI, results, POA&M",
             "Control-Matrix.xlsx    the workbook: every control, requirement, file and finding",
             "evidence/              the evidence files, E-0001_<name> (the workbook's Evidence "
             "Index)"]
    if model.requests is not None:
        lines.append("requests/              one folder per request of the examiner's list; "
                     "index.txt names its evidence")
    lines += ["oscal/                 the same results as OSCAL 1.1.3 JSON (SSP, component "
              "definition, assessment plan and results, POA&M)",
              "manifest.json          every file with its size and SHA-256; SHA256SUMS the same "
              "for sha256sum"]
    if model.names is not None and model.names.pseudonymised:
        lines.append("Client and matter names are pseudonymised; files marked .pseudonymised. "
                     "are renditions (the original's SHA-256 is in manifest.json)")
    return lines


FAST_ABOVE = 1 << 20  # text above 1 MiB is deflated at level 1: ~2x faster, ~10% bigger
SAMPLE = 8 << 10      # how much of a file decides how it is stored


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


def _choose_compression(info: zipfile.ZipInfo, first: bytes, size: int) -> None:
    """Deflate text (level 6, or 1 when large); store everything else.

    Decided from the file's first bytes, so the same file is always treated the same way.
    """
    if not looks_like_text(first[:SAMPLE]):
        info.compress_type = zipfile.ZIP_STORED
        return
    info._compresslevel = 1 if size > FAST_ABOVE else 6  # type: ignore[attr-defined]


class _TrailingHash(threading.Thread):
    """Hash a file while it is being written, reading back (from the page cache) what is final.

    A ZIP writer rewrites each entry's local header once the entry's data is written, so
    bytes are final only up to the end of the last finished entry: `upto` says how far.
    Hashing runs beside the writer (hashlib releases the GIL), so it costs little wall time.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        self.marks: queue.SimpleQueue[int | None] = queue.SimpleQueue()
        self.digest = hashlib.sha256()
        self.error: BaseException | None = None

    def upto(self, offset: int) -> None:
        """Say that the file's bytes before `offset` will not change any more."""
        self.marks.put(offset)

    def run(self) -> None:
        """Hash each newly final stretch of the file, in order."""
        done = 0
        try:
            while (end := self.marks.get()) is not None:
                while done < end:
                    os.lseek(self.fd, done, os.SEEK_SET)
                    chunk = os.read(self.fd, min(CHUNK, end - done))
                    if not chunk:
                        raise OSError(f"the ZIP being written is shorter than {end} bytes")
                    self.digest.update(chunk)
                    done += len(chunk)
        except BaseException as exc:  # noqa: BLE001 - reported by finish()
            self.error = exc

    def finish(self, size: int) -> str:
        """Hash the rest of the file (`size` bytes in all) and return the hex digest."""
        self.marks.put(size)
        self.marks.put(None)
        self.join()
        os.close(self.fd)
        if self.error is not None:
            raise self.error
        return self.digest.hexdigest()

    def abandon(self) -> None:
        """Stop without a digest (the ZIP failed)."""
        self.marks.put(None)
        self.join()
        os.close(self.fd)


class PackageZip:
    """The package's ZIP, written entry by entry and hashed as it is written.

    Entries may be added in any order (evidence first, say, while the documents are still
    being rendered elsewhere): the central directory, which is what every reader lists, is
    sorted by name when the ZIP is finished, so the same files always give the same bytes.
    Text is deflated, the rest stored; times and permissions are fixed. Each file is opened
    and read once; files with an expected digest (evidence, read straight from the store)
    are checked as they are written, unless their store seal shows them untouched since
    they were hashed; so a blob changed since collection cannot slip in.
    """

    def __init__(self, target: Path, root: str, when: dt.datetime) -> None:
        self.root, self.when = root, when
        self.raw = target.open("wb")
        self.hasher = _TrailingHash(target)
        self.hasher.start()
        self.archive = zipfile.ZipFile(self.raw, "w", zipfile.ZIP_DEFLATED)

    def add(self, files: Tree, expected: dict[str, str],
            seals: dict[str, Seal] | None = None) -> None:
        """Add files (package path -> where the bytes are), in order.

        `expected` gives the digests to check (package path -> sha256); `seals` the store
        seals that spare a file that check while they hold.
        """
        seals = seals or {}
        for rel, path in files.items():
            _add(self.archive, f"{self.root}/{rel}", path, self.when, expected.get(rel),
                 seals.get(rel))
            self.raw.flush()
            self.hasher.upto(self.raw.tell())

    def finish(self) -> str:
        """Write the sorted central directory, close, and return the ZIP's sha256."""
        self.archive.filelist.sort(key=lambda info: info.filename)
        self.archive.close()
        self.raw.flush()
        size = self.raw.tell()
        self.raw.close()
        return self.hasher.finish(size)

    def abandon(self) -> None:
        """Stop writing (the build failed); the caller removes the file."""
        self.hasher.abandon()
        self.archive.fp = None  # no central directory for a ZIP that will be removed
        self.raw.close()


def write_zip(files_now: Tree, target: Path, root: str, when: dt.datetime,
              expected: dict[str, str], seals: dict[str, Seal] | None = None) -> str:
    """Zip every file under `root/` and return the ZIP's sha256 (see PackageZip)."""
    archive = PackageZip(target, root, when)
    try:
        archive.add(files_now, expected, seals)
        return archive.finish()
    except BaseException:
        archive.abandon()
        raise


def _add(archive: zipfile.ZipFile, name: str, path: Path, when: dt.datetime,
         expected: str | None, seal: Seal | None) -> None:
    """Stream one file into the archive, checking its digest when one is expected.

    A store blob whose seal still matches (see evidence/store.py) holds the bytes hashed at
    collection, so it is not hashed again, and when it is stored (not deflated) its CRC-32
    is the one taken then; it must keep its seal while it is read.
    """
    info = entry(name, when)
    digest = hashlib.sha256()
    with path.open("rb") as src:
        st = os.fstat(src.fileno())
        sealed = seal is not None and file_stat(st) == seal.stat
        check = expected is not None and not sealed
        chunk = src.read(CHUNK)
        _choose_compression(info, chunk, st.st_size)
        if seal is not None and sealed and info.compress_type == zipfile.ZIP_STORED \
                and lean_entries():
            if _add_stored(archive, info, src, chunk, st.st_size, seal.crc32) != st.st_size:
                raise IntegrityError(f"{name.split('/', 1)[-1]} changed in the store while the "
                                     "build read it", str(path),
                                     "run `auditpack store verify`; do not build from this store")
        else:
            with archive.open(info, "w", force_zip64=True) as out:
                while chunk:
                    if check:
                        digest.update(chunk)
                    out.write(chunk)
                    chunk = src.read(CHUNK)
        if seal is not None and sealed and file_stat(os.fstat(src.fileno())) != seal.stat:
            raise IntegrityError(f"{name.split('/', 1)[-1]} changed in the store while the "
                                 "build read it", str(path),
                                 "run `auditpack store verify`; do not build from this store")
    if check and digest.hexdigest() != expected:
        raise IntegrityError(f"{name.split('/', 1)[-1]} changed in the store since it was "
                             "collected", str(path),
                             "run `auditpack store verify`; do not build from this store")


def _add_stored(archive: zipfile.ZipFile, info: zipfile.ZipInfo, src: IO[bytes], first: bytes,
                size: int, crc: int) -> int:
    """Add a stored entry whose CRC-32 and size are known: its final header, then its bytes;
    return how many bytes there were (the caller stops the build unless it is `size`).

    The bytes are those `ZipFile.open(info, "w", force_zip64=True)` writes, without reading
    the data for its CRC or going back to rewrite the header. It uses ZipFile's own
    bookkeeping (`start_dir`, `filelist`, `NameToInfo`, `_writecheck`): `lean_entries`
    checks, once per process, that this gives ZipFile's bytes, and it is used only then.
    """
    info.flag_bits = 0
    info.CRC = crc
    info.file_size = info.compress_size = size
    fp = archive.fp
    assert fp is not None
    info.header_offset = archive.start_dir
    archive._writecheck(info)  # type: ignore[attr-defined]
    archive._didModify = True  # type: ignore[attr-defined]
    fp.write(info.FileHeader(True))
    written = 0
    chunk = first
    while chunk:
        fp.write(chunk)
        written += len(chunk)
        chunk = src.read(CHUNK)
    archive.start_dir = fp.tell()
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info
    return written


def _stored(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    info = entry(name, when)
    info.compress_type = zipfile.ZIP_STORED
    return info


@functools.cache
def lean_entries() -> bool:
    """Tell whether `_add_stored` writes exactly what ZipFile writes, on this Python."""
    when = dt.datetime(2026, 1, 2, 3, 4, 6)
    files = {"a/x.bin": b"\x00\x01" * 700, "a/y.bin": b"", "a/z.bin": b"\xff" * 3}
    try:
        plain, lean = io.BytesIO(), io.BytesIO()
        with zipfile.ZipFile(plain, "w") as archive:
            for name, data in files.items():
                with archive.open(_stored(name, when), "w", force_zip64=True) as out:
                    out.write(data)
        with zipfile.ZipFile(lean, "w") as archive:
            for name, data in files.items():
                _add_stored(archive, _stored(name, when), io.BytesIO(data[CHUNK:]),
                            data[:CHUNK], len(data), zlib.crc32(data))
        return plain.getvalue() == lean.getvalue()
    except Exception:  # noqa: BLE001 - ZipFile changed inside: use its own way
        return False
