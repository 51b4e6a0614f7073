"""The package folder's manifest, checksums and verification instructions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ...evidence.blobio import file_sha256
from ..model.views import PackageModel

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
SIGNATURE = "manifest.sig"
PUBLIC_KEY = "manifest.pub"
VERIFY = "VERIFY.txt"


Tree = dict[str, Path]  # path in the package -> where its bytes are now


def tree(folder: Path, linked: Tree | None = None) -> Tree:
    """Map every package path to its bytes: the folder's files plus linked ones (store blobs)."""
    found = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}
    return dict(sorted({**found, **(linked or {})}.items()))


def known_hashes(model: PackageModel) -> dict[str, str]:
    """Return the sha256 of every evidence file, known from the store (and checked on copy)."""
    return {e.path: e.sha256 for e in model.evidence}


def manifest(files_now: Tree, model: PackageModel, workspace_digest: str,
             hashes: dict[str, str], store_head: tuple[int, str]) -> dict[str, Any]:
    """Describe every file (path, size, sha256, and for evidence: id, source, as-of).

    `hashes` holds digests already known (the evidence's); other files are hashed here and
    added to it, so SHA256SUMS need not read them again. `store_head` is the evidence
    store's custody head (last sequence number, entry hash) the package was built from.
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
        "store_head": {"seq": store_head[0], "hash": store_head[1]},
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
    """Explain, for an examiner, how to check the package offline, and what each check shows."""
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

Matching checksums show the files are intact (integrity), not who built the package:
whoever alters a package can write new checksums. Only a signature checked against the
organisation's key, obtained from them separately, shows that (authenticity).

With auditpack installed:
    auditpack verify {model.package_name}.zip --fingerprint FINGERPRINT
      (FINGERPRINT as the organisation gave it to you; or --key THEIR-KEY.pub)
    exit code 0: every file is intact and the signature holds for that key (authentic)
    exit code 2: a problem, each one named: do not rely on the package
    exit code 3: every file is intact, but authenticity is not established (the package
                 is unsigned, or signed by a key you did not pin: its fingerprint is shown)
"""
    if not signed:
        text += """This package is not signed: `auditpack verify` will exit with code 3.
"""
    text += "\nWhat the package holds:\n" + "".join(f"    {line}\n" for line in contents(model))
    if signed:
        text += f"""
Signature: manifest.json is signed with Ed25519 (manifest.sig, raw 64 bytes).
Public key fingerprint (SHA-256 of the raw key): {model.signature_fingerprint}
The key inside the package (manifest.pub) proves nothing by itself: compare this
fingerprint with the one the organisation gave you separately. Without auditpack:
    openssl pkey -pubin -in manifest.pub -outform DER | tail -c 32 | sha256sum
      (the same 64 hex digits, without the colons), then:
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
              "definition, assessment plan and results, POA&M), and the SSP's baseline: "
              "profile.json over the frameworks' catalogs in oscal/catalogs/",
              "manifest.json          every file with its size and SHA-256; SHA256SUMS the same "
              "for sha256sum"]
    if model.names is not None and model.names.pseudonymised:
        lines.append("Client and matter names are pseudonymised; files marked .pseudonymised. "
                     "are renditions (the original's SHA-256 is in manifest.json)")
    return lines
