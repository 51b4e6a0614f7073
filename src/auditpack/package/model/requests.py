"""Answer a workspace's request list from the package: each request's status, controls, evidence.

Only what the user confirmed in `answer` counts. A request with nothing confirmed is open,
whatever its suggestions say; one whose mapped controls fail, are stale or lack evidence is
partial; a written response or an attestation answers a request on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ...controls.vocabulary import evidence_kinds
from ...errors import Problem, WorkspaceError
from ...requests.model import LIST_ID, Request, RequestList
from ...requests.store import FOLDER, list_path, read_list
from .request_paths import folder_names
from .request_views import REQUEST_LABELS, RequestListView, RequestStatus, RequestView
from .views import ControlView, PackageModel, PersonView, RequirementView

WEAK = ("fail", "stale", "missing")
STATUS_WORDS = {"fail": "fails its check", "stale": "rests on stale evidence",
                "missing": "has no evidence collected"}
MAX_SUGGESTED = 3


def workspace_lists(root: Path) -> list[str]:
    """Return the ids of the request lists in a workspace's requests/ folder."""
    folder = root / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.yaml") if re.match(LIST_ID, p.stem))


def load_request_list(root: Path, list_id: str) -> RequestList:
    """Read a workspace's request list; an unknown id names the lists there are."""
    if not re.match(LIST_ID, list_id) or not list_path(root, list_id).is_file():
        known = workspace_lists(root)
        hint = (f"use one of: {', '.join(known)}" if known else
                "this workspace has none yet: start one with `auditpack requests new --from "
                "ftc-safeguards` or `auditpack requests import FILE`")
        raise WorkspaceError(f"no request list '{list_id}' in {root / FOLDER}", "--requests", hint)
    return read_list(root, list_id)


def request_list_view(model: PackageModel, rl: RequestList, where: str) -> RequestListView:
    """Answer a request list (read from the file `where`) from the package model.

    Every unknown control, requirement or evidence kind is reported at once, by request.
    """
    answerer = _Answerer(model)
    folders = folder_names((r.number, r.text) for r in rl.requests)
    items = [answerer.answer(r, folder, f"{where}: request {r.number}", rl.due)
             for r, folder in zip(rl.requests, folders)]
    if answerer.problems:
        raise WorkspaceError.from_problems(
            f"the request list '{rl.id}' names controls, requirements or evidence kinds "
            "this package does not hold", answerer.problems)
    return RequestListView(id=rl.id, title=rl.title, issuer=rl.issuer, source=rl.source,
                           due=rl.due, requests=tuple(items))


def request_owners(model: PackageModel, request: RequestView) -> tuple[PersonView, ...]:
    """Return the Accountable people of a request's controls (else who prepared the package)."""
    found: dict[str, PersonView] = {}
    for cid in request.controls:
        for person in model.control(cid).accountable:
            found.setdefault(person.id, person)
    if not found and model.prepared_by is not None:
        return (model.prepared_by,)
    return tuple(found.values())


class _Answerer:
    """Resolve answers against the model, collecting every unknown reference."""

    def __init__(self, model: PackageModel) -> None:
        self.model = model
        self.controls = {c.id: c for c in model.controls}
        self.requirements: dict[tuple[str, str], RequirementView] = {
            (f.id, r.id): r for f in model.frameworks for r in f.requirements}
        self.kinds = evidence_kinds()
        self.problems: list[Problem] = []

    def answer(self, request: Request, folder: str, where: str,
               due: str | None = None) -> RequestView:
        """Return one request's view: status, reasons, controls and evidence."""
        a = request.answer
        suggested = tuple(s.id for s in request.suggestions
                          if s.kind == "control" and s.id in self.controls)[:MAX_SUGGESTED]

        def view(status: RequestStatus, reasons: Sequence[str], controls: Sequence[str] = (),
                 requirements: Sequence[str] = (), evidence: tuple[str, ...] = ()) -> RequestView:
            return RequestView(number=request.number, text=request.text, area=request.area,
                               due=request.due or due, status=status, reasons=tuple(reasons),
                               response=a.response, attestation=a.attestation,
                               not_applicable=a.not_applicable, controls=tuple(controls),
                               requirements=tuple(requirements), evidence=evidence,
                               suggested=suggested, folder=folder)

        if a.is_empty():
            return view("open", ["no answer confirmed yet"])
        controls = list(dict.fromkeys(self._controls(a.controls, where)))
        reasons: list[str] = []
        requirements = self._requirements(a.requirements, where, controls, reasons)
        evidence = {e for cid in controls for e in self.controls[cid].evidence}
        for kind in a.evidence_kinds:
            if kind not in self.kinds:
                self.problems.append(Problem(f"unknown evidence kind '{kind}'",
                                             f"{where} (answer.evidence_kinds)",
                                             "use an id from controls/evidence_kinds.yaml, "
                                             "e.g. mfa_registration"))
                continue
            of_kind = {e.evidence_id for e in self.model.evidence if e.kind == kind}
            if not of_kind:
                reasons.append(f"no evidence of kind '{kind}' is in the package")
            evidence |= of_kind
        if a.not_applicable:
            return view("not_applicable", [], controls, requirements, self._in_package(evidence))
        reasons += [self._weakness(self.controls[cid]) for cid in controls
                    if self.controls[cid].status in WEAK]
        files = self._in_package(evidence)
        if not files and not (a.response or a.attestation):
            reasons.append("no evidence file or written response supports the answer")
        return view("partial" if reasons else "answered", reasons, controls, requirements, files)

    def _requirements(self, refs: list[str], where: str, controls: list[str],
                      reasons: list[str]) -> list[str]:
        """Resolve the confirmed requirements; add their controls and any gap to the lists."""
        out = []
        for ref in refs:
            found = self._requirement(ref, where)
            if found is None:
                continue
            catalog, req = found
            if req is None:
                out.append(ref)
                reasons.append(f"{ref}: {catalog} is not among this package's frameworks")
                continue
            out.append(f"{catalog} {req.id}")
            controls += [c for c in req.controls if c not in controls and c in self.controls]
            if req.status == "uncovered":
                reasons.append(f"{catalog} {req.id} is not covered by any control")
        return out

    def _controls(self, ids: list[str], where: str) -> list[str]:
        """Return the known control ids; record the unknown ones."""
        for cid in ids:
            if cid not in self.controls:
                self.problems.append(Problem(f"unknown control '{cid}'",
                                             f"{where} (answer.controls)",
                                             "use a control id of this workspace "
                                             "(see the Controls sheet or `auditpack coverage`)"))
        return [c for c in ids if c in self.controls]

    def _requirement(self, ref: str,
                     where: str) -> tuple[str, RequirementView | None] | None:
        """Resolve 'catalog:requirement' (or a bare requirement id) to a framework's row.

        A framework this package leaves out gives (catalog, None); an unknown requirement
        is recorded as a problem and gives None.
        """
        catalog, _, rid = ref.rpartition(":")
        catalog = catalog.split("@")[0].strip()
        rid = rid.strip()
        for (fw, req_id), req in self.requirements.items():
            if req_id == rid and (not catalog or fw == catalog):
                return fw, req
        if catalog and catalog not in {f.id for f in self.model.frameworks}:
            return catalog, None  # a framework left out of this package (--framework)
        frameworks = ", ".join(f.id for f in self.model.frameworks)
        self.problems.append(Problem(f"requirement '{ref}' is not in the package's frameworks",
                                     f"{where} (answer.requirements)",
                                     f"write catalog:requirement with a framework in scope "
                                     f"({frameworks}), e.g. ftc-safeguards:314.4(c)(5)"))
        return None

    def _in_package(self, evidence: set[str]) -> tuple[str, ...]:
        """Return the E-ids that are package files, in number order."""
        return tuple(e.evidence_id for e in self.model.evidence if e.evidence_id in evidence)

    @staticmethod
    def _weakness(control: ControlView) -> str:
        """Say why a mapped control leaves the request partly answered."""
        weak = next((n for n in control.needs if n.status in WEAK), None)
        detail = f": {weak.summary}" if weak and weak.summary else ""
        return f"{control.id} {STATUS_WORDS[control.status]}{detail}"


MAX_SUMMARY = 15             # requests needing attention listed in a build's summary


def summary_lines(model: PackageModel) -> list[str]:
    """Describe the request list in a few lines, the requests needing attention first."""
    rl = model.requests
    if rl is None:
        return []
    counts = ", ".join(f"{n} {REQUEST_LABELS[s].lower()}" for s, n in rl.counts().items() if n)
    lines = [f"requests ({rl.id}): {len(rl.requests)}: {counts}"]
    attention = rl.attention()
    if attention:
        lines.append("  needing attention:")
    width = max((len(r.number) for r in attention[:MAX_SUMMARY]), default=0)
    for r in attention[:MAX_SUMMARY]:
        owners = ", ".join(p.name for p in request_owners(model, r)) or "no owner"
        why = r.reasons[0] if r.reasons else ""
        why = why if len(why) <= 90 else why[:89].rstrip() + "…"
        lines.append(f"    {r.number:<{width}}  {REQUEST_LABELS[r.status].lower():<7}  "
                     f"{owners}: {why}")
    if len(attention) > MAX_SUMMARY:
        lines.append(f"    … and {len(attention) - MAX_SUMMARY} more (see the Requests sheet)")
    return lines
