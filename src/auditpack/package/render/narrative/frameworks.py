"""The narrative's framework chapters: requirements, and the controls that meet them."""

from __future__ import annotations

from collections.abc import Callable

from ...model.views import ControlView, FrameworkView, NeedView, RequirementView
from .styles import GREY
from .text import COVERAGE_LABEL, WORKBOOK, clip, figure_text, pct, people_text, short_hash
from .writer import Writer

MAX_EXCEPTIONS = 10          # named exceptions printed per control
MAX_DETAIL = 400             # characters of one exception's detail
MAX_HEADING = 140            # characters of a requirement's title in its heading
MAX_LISTED = 50              # evidence files named per control or need; the rest are counted


def framework(w: Writer, fw: FrameworkView) -> None:
    """Write one framework: summary, then each requirement with its controls."""
    w.chapter(fw.title)
    total = sum(fw.counts.values())
    na = fw.counts.get("not_applicable", 0)
    w.heading(2, "Summary")
    w.para(f"{fw.publisher}, version {fw.version}. {total} assessable requirement(s): "
           f"{total - na} in scope and {na} not applicable. Evidenced "
           f"{pct(fw.evidenced_pct)}: the share of in-scope requirements whose controls "
           "all have current evidence and no failed check. Readiness "
           f"{pct(fw.readiness_pct)}: the share whose controls all pass automated checks.")
    coverage = [(COVERAGE_LABEL.get(k, k), str(v)) for k, v in fw.counts.items()]
    results = [(k, str(v)) for k, v in fw.status_counts.items()]
    table = w.table((2.2, 1.0, 2.0, 1.0),
                    ("Coverage", "Count", "Test result", "Count"))
    for i in range(max(len(coverage), len(results))):
        c = coverage[i] if i < len(coverage) else ("", "")
        r = results[i] if i < len(results) else ("", "")
        cells = w.row(table, (c[0], c[1], "", r[1]))
        if r[0]:
            w.status(w.first_p(cells[2]), r[0])
    if fw.license_name:
        w.para(f"Requirement text: {fw.license_name}.", "Note")
    if any(r.text_source == "paraphrase" for r in fw.requirements):
        w.para("Requirement text marked as a summary is auditpack's paraphrase, not the "
               "official text; the standard itself has the exact wording.", "Note")
    applicable = [r for r in fw.requirements if r.coverage != "not_applicable"]
    w.heading(2, "Requirements and controls")
    if not applicable:
        w.para("No requirement of this framework is in scope.", "Note")
    for req in applicable:
        requirement(w, fw, req)
    not_applicable = [r for r in fw.requirements if r.coverage == "not_applicable"]
    if not_applicable:
        w.heading(2, "Requirements not applicable")
        w.para(f"{len(not_applicable)} requirement(s) of this framework do not apply, "
               "for the reasons given.")
        table = w.table((0.9, 2.5, 3.1), ("Requirement", "Title", "Reason"))
        for req in not_applicable:
            w.row(table, (req.id, clip(req.title, MAX_HEADING),
                          req.reason or "not applicable"))


def requirement(w: Writer, fw: FrameworkView, req: RequirementView) -> None:
    """Write one in-scope requirement: its text, coverage and controls."""
    w.heading(3, f"{req.id} — {clip(req.title, MAX_HEADING)}")
    paraphrase = req.text_source == "paraphrase"
    if req.text and req.text.strip() != req.title.strip():
        p = w.para(req.text, "RequirementText")
        if paraphrase:
            w.run(p, "  [auditpack's summary, not the official text]", colour=GREY,
                  size=16)
    elif paraphrase:
        w.para("The title is auditpack's summary of the requirement, not the official "
               "text.", "Note")
    p = w.para("Coverage: ", bold=True)
    w.run(p, COVERAGE_LABEL.get(req.coverage, req.coverage) + ".   ")
    w.run(p, "Result: ", bold=True)
    w.status(p, req.status)
    if req.coverage == "via_crosswalk":
        p = w.para("Crosswalk: ", bold=True)
        w.run(p, "no control maps to this requirement directly; it is covered through "
                    + "; ".join(req.via) + ", by the controls below.")
    elif req.coverage == "organisational":
        p = w.para("Met organisationally: ", bold=True)
        w.run(p, req.reason or "no reason recorded")
        return
    elif req.coverage == "uncovered":
        p = w.para("Gap: ", bold=True)
        w.run(p, "no control in the organisation's control set satisfies this "
                    "requirement.")
        return
    where = f"{req.id} (chapter {w.chapter_no})"
    for cid in req.controls:
        control_or_reference(w, cid, where)


def control_or_reference(w: Writer, control_id: str, where: str) -> None:
    """Write a control in full the first time it appears, afterwards a reference to it."""
    control = w.controls.get(control_id)
    if control is None:
        w.para(f"Control {control_id}: not in the package's control set.", "Note")
        return
    if control_id in w.printed:
        p = w.para("Control ", "NeedText")
        w.link(p, control.id, w.bookmarks[control_id])
        w.run(p, f" — {control.title}. Result: ")
        w.status(p, control.status)
        w.run(p, f". Described under {w.printed[control_id]}.")
        return
    w.printed[control_id] = where
    control_in_full(w, control)


def control_in_full(w: Writer, c: ControlView) -> None:
    """Write a control in full: statement, owners, frequency, needs and results."""
    p = w.para(f"Control {c.id} — {c.title}", "ControlHeading")
    w.bookmark(p, c.id)
    rows = [("Statement", c.statement), ("IT function", c.function),
            ("Frequency", c.frequency), ("Accountable", people_text(c.accountable)),
            ("Responsible", people_text(c.responsible))]
    also = satisfies(w, c)
    if also:
        rows.append(("Satisfies", also))
    if c.origin == "workspace":
        rows.append(("Origin", "the organisation's own control"))
    table = w.key_table(rows)
    cells = w.row(table, ("Result", ""), key=True)
    w.status(w.first_p(cells[1]), c.status)
    if c.evidence:
        w.row(table, ("Evidence", listed(c.evidence, ", ".join)), key=True)
    if not c.needs:
        w.para("No evidence need is defined for this control.", "Note")
        return
    budget = MAX_EXCEPTIONS
    for number, need in enumerate(c.needs, start=1):
        budget = evidence_need(w, number, need, budget)


def satisfies(w: Writer, c: ControlView) -> str:
    """Return the requirements a control satisfies, per framework in scope."""
    parts = []
    for catalog, ids in c.satisfies.items():
        fw = w.frameworks.get(catalog.split("@")[0])
        if fw is not None and ids:
            parts.append(f"{fw.title}: {', '.join(ids)}")
    return "\n".join(parts)


def evidence_need(w: Writer, number: int, need: NeedView, budget: int) -> int:
    """Write one evidence need and its result; return the exceptions still to print."""
    p = w.para(f"Evidence need {number}: {need.description} — ", "NeedHeading")
    w.status(p, need.status)
    p = w.para("Test: ", "NeedText", bold=True)
    w.run(p, f"automated check {need.check}" if need.check else
          "no automated check (for the examiner to review)")
    w.run(p, f"; evidence kind {need.kind}. ")
    w.run(p, "Result: ", bold=True)
    w.run(p, need.summary + ("" if need.summary.endswith(".") else "."))
    if need.figures:
        p = w.para("Figures: ", "NeedText", bold=True)
        w.run(p, " · ".join(figure_text(k, v) for k, v in need.figures.items()))
    if need.evidence:
        p = w.para("Evidence: ", "NeedText", bold=True)
        w.run(p, listed(need.evidence, lambda ids: "; ".join(evidence_text(w, e) for e in ids)))
    if need.exceptions:
        shown = need.exceptions[:max(budget, 0)]
        more = len(need.exceptions) - len(shown)
        w.para(f"Exceptions ({len(need.exceptions):,})"
               + (f", the first {len(shown)}:" if more and shown else ":"
                  if shown else "."), "NeedText", bold=True)
        if shown:
            table = w.table((1.9, 1.1, 3.5), ("Subject", "Category", "Detail"))
            for exc in shown:
                w.row(table, (exc.subject, exc.category.replace("_", " "),
                              clip(exc.detail, MAX_DETAIL)))
        if more:
            w.para(f"… and {more:,} more; see the Exceptions sheet of {WORKBOOK}.",
                   "NeedText")
        budget -= len(shown)
    return budget


def listed(ids: tuple[str, ...], show: Callable[[tuple[str, ...]], str]) -> str:
    """Show the first MAX_LISTED evidence ids and count the rest (a folder may hold thousands)."""
    if len(ids) <= MAX_LISTED:
        return show(ids)
    return (show(ids[:MAX_LISTED]) + f"; … and {len(ids) - MAX_LISTED:,} more files "
            f"(to {ids[-1]}), listed in the Evidence Index sheet of {WORKBOOK}")


def evidence_text(w: Writer, evidence_id: str) -> str:
    """Return 'E-0001 (sha256 3f2a…9c1d, as of 2026-09-29)'."""
    ref = w.evidence_ref(evidence_id)
    if ref is None:
        return f"{evidence_id} (not in this package)"
    return (f"{ref.evidence_id} (sha256 {short_hash(ref.sha256)}, "
            f"as of {ref.as_of.isoformat()})")


def other_controls(w: Writer) -> None:
    """Write, in full, the controls that no in-scope requirement reaches."""
    w.chapter("Other controls in the program")
    w.para("These controls are in the organisation's control set, but no in-scope "
           "requirement rests on them: the requirements they map to are not applicable "
           "or belong to frameworks outside the scope. They are described here so that "
           "the control set is complete and their findings in the POA&M can be traced.")
    for c in w.others:
        w.printed[c.id] = f"chapter {w.ch_others}"
        control_in_full(w, c)
