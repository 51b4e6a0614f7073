"""Write the package folder's manifest, checksums and instructions, then the deterministic ZIP."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
import zlib
from pathlib import Path
from typing import Any

from ..errors import IntegrityError
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
    files = []
    for rel, path in files_now.items():
        if rel in (MANIFEST, SUMS, SIGNATURE):
            continue
        if rel not in hashes:
            hashes[rel] = file_sha256(path)
        row: dict[str, Any] = {"path": rel, "size": path.stat().st_size, "sha256": hashes[rel]}
        ref = refs.get(rel)
        if ref is not None:
            row.update({"evidence_id": ref.evidence_id, "source": ref.source,
                        "as_of": ref.as_of.isoformat(), "collector": ref.collector})
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
    if signed:
        text += f"""
Signature: manifest.json is signed with Ed25519 (manifest.sig, raw 64 bytes).
Public key fingerprint (SHA-256 of the raw key): {model.signature_fingerprint}
Compare it with the fingerprint the organisation gave you separately, then:
    openssl pkeyutl -verify -pubin -inkey manifest.pub -rawin -in manifest.json -sigfile manifest.sig
"""
    return text


FAST_ABOVE = 8 << 20  # large evidence is deflated at level 1: a little bigger, many times faster


def _choose_compression(info: zipfile.ZipInfo, path: Path) -> None:
    """Store what does not compress (already-zipped or random data); deflate the rest.

    Decided from the file's first 64 KiB, so the same file is always treated the same way.
    """
    with path.open("rb") as handle:
        sample = handle.read(64 << 10)
    if sample and len(zlib.compress(sample, 1)) > 0.9 * len(sample):
        info.compress_type = zipfile.ZIP_STORED
        return
    level = 1 if path.stat().st_size > FAST_ABOVE else 6
    info._compresslevel = level  # type: ignore[attr-defined]  # per entry (3.13 aliases it)


def write_zip(files_now: Tree, target: Path, root: str, when: dt.datetime,
              expected: dict[str, str]) -> None:
    """Zip every file under `root/`: sorted names, fixed times and permissions, plain Deflate.

    Files with an `expected` digest (evidence, read straight from the store) are checked
    as they are written, so a blob changed since collection cannot slip into the package.
    """
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for rel, path in files_now.items():
            info = entry(f"{root}/{rel}", when)
            _choose_compression(info, path)
            digest = hashlib.sha256()
            with path.open("rb") as src, archive.open(info, "w", force_zip64=True) as out:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            if rel in expected and digest.hexdigest() != expected[rel]:
                raise IntegrityError(f"{rel} changed in the store since it was collected",
                                     str(path), "run `auditpack store verify`; do not build "
                                     "from this store")
