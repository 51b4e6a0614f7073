"""The package's `requests/<number>_<slug>/` folders: one per request, each with an index.

Each folder's `index.txt` tells the examiner the request, its status, the response and every
evidence file with its path relative to the folder (`../../evidence/E-0001_...`) and its
sha256. The evidence itself is stored once, under `evidence/`; with `copies` a copy of each
file is also placed in the folder (the same bytes, so the same hash), and the build adds
those copies to the manifest and SHA256SUMS.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ...sanitize import xml_text
from ..model.request_views import REQUEST_LABELS, RequestView
from ..model.requests import request_owners  # the owners live on the model's controls
from ..model.views import EvidenceRef, PackageModel

INDEX = "index.txt"


def copy_path(request: RequestView, evidence_path: str) -> str:
    """Return where a request folder's copy of an evidence file goes."""
    return f"{request.folder}/{PurePosixPath(evidence_path).name}"


def evidence_copies(model: PackageModel) -> list[EvidenceRef]:
    """Return each request's evidence files as copies placed in the request's folder."""
    if model.requests is None:
        return []
    out: dict[str, EvidenceRef] = {}
    for request in model.requests.requests:
        for eid in request.evidence:
            ref = model.evidence_ref(eid)
            if ref is not None:
                path = copy_path(request, ref.path)
                out[path] = ref.model_copy(update={"path": path})
    return list(out.values())


def write_request_folders(folder: Path, model: PackageModel, copies: bool) -> list[EvidenceRef]:
    """Write every request folder's index into the package folder.

    Returns the evidence copies the package must also hold (none unless `copies`), as
    references whose `path` is the copy's; the caller streams them from the store like the
    evidence itself.
    """
    if model.requests is None:
        return []
    for request in model.requests.requests:
        target = folder / request.folder
        target.mkdir(parents=True, exist_ok=True)
        (target / INDEX).write_text(index_text(model, request, copies), encoding="utf-8",
                                    newline="\n")
    return evidence_copies(model) if copies else []


def _plain(value: object) -> str:
    """Return text without control characters (new lines kept)."""
    return xml_text(value).replace("\r\n", "\n").replace("\r", "\n")


def _indent(text: str, prefix: str = "    ") -> list[str]:
    """Return text as indented lines."""
    return [prefix + line if line else "" for line in _plain(text).split("\n")]


def index_text(model: PackageModel, request: RequestView, copies: bool) -> str:
    """Describe one request for its folder: request, status, response, controls, evidence."""
    rl = model.requests
    assert rl is not None
    lines = [f"Request {_plain(request.number)}"
             + (f" ({_plain(request.area)})" if request.area else ""),
             f"List: {_plain(rl.title)}" + (f", {_plain(rl.issuer)}" if rl.issuer else ""),
             f"Package: {model.package_name} (as of {model.as_of.isoformat()})", "",
             "Request:", *_indent(request.text), ""]
    if request.due:
        lines.append(f"Due: {_plain(request.due)}")
    lines.append(f"Status: {REQUEST_LABELS[request.status]}")
    lines += [f"  - {_plain(r)}" for r in request.reasons]
    owners = request_owners(model, request)
    lines.append("Owner: " + ("; ".join(f"{p.name}, {p.role} ({p.party})" for p in owners)
                              or "not assigned"))
    if request.response_text():
        lines += ["", "Response:", *_indent(request.response_text())]
    if request.controls:
        lines += ["", "Controls:"]
        for cid in request.controls:
            c = model.control(cid)
            lines.append(f"  {cid}  {_plain(c.title)} [{c.status.replace('_', ' ')}]; "
                         f"accountable: {', '.join(p.name for p in c.accountable) or 'none'}")
    if request.requirements:
        lines += ["", "Requirements: " + "; ".join(request.requirements)]
    if request.status == "open" and request.suggested:
        lines += ["", "Suggested, not confirmed: " + ", ".join(request.suggested)]
    lines += ["", *_evidence_lines(model, request, copies), ""]
    return "\n".join(lines)


def _evidence_lines(model: PackageModel, request: RequestView, copies: bool) -> list[str]:
    """List each evidence file with its path relative to the folder and its sha256."""
    if not request.evidence:
        return ["Evidence: none"]
    where = ("each copied into this folder; the original is under evidence/ at the package root"
             if copies else "stored once under evidence/ at the package root; paths are "
             "relative to this folder")
    lines = [f"Evidence ({len(request.evidence)} file(s), {where}):",
             f"  {'E-id':<10}{'sha256':<66}path"]
    for eid in request.evidence:
        ref = model.evidence_ref(eid)
        if ref is None:
            continue
        lines.append(f"  {eid:<10}{ref.sha256:<66}../../{ref.path}")
        if copies:
            lines.append(f"  {'':<10}{'(copy in this folder)':<66}{PurePosixPath(ref.path).name}")
    lines += ["", "Check a file: sha256sum FILE (macOS: shasum -a 256 FILE; Windows: "
              "Get-FileHash -Algorithm SHA256 FILE) must print the sha256 above."]
    return lines
