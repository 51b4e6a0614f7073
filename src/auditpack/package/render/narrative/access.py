"""The narrative's "Matter access review" chapter: policy, method, totals and every finding."""

from __future__ import annotations

from ...model.access_views import AccessFindingView, AccessView
from .text import WORKBOOK, long_date
from .writer import Writer

PER_CATEGORY = 50            # findings named per category; the rest are counted (all are in the workbook)
FRAMEWORK_SHORT = {"nist-sp-800-207": "SP 800-207", "cis-controls-v8": "CIS v8",
                   "nist-csf-2.0": "CSF 2.0"}


def plan(w: Writer) -> None:
    """Make room for the chapter before the POA&M (the text refers to later chapters by number)."""
    if w.m.access is not None or (w.m.names is not None and w.m.names.pseudonymised):
        w.ch_poam, w.ch_na, w.ch_signoff = w.ch_poam + 1, w.ch_na + 1, w.ch_signoff + 1


def access_review(w: Writer) -> None:
    """Write the matter-access chapter (or, without the review, how names are shown)."""
    view, names = w.m.access, w.m.names
    if view is None and (names is None or not names.pseudonymised):
        return
    w.chapter("Matter access review")
    if view is None:
        w.para("The workspace has a matter list but not every input of the matter-access "
               "review, so only the names are treated here.")
    else:
        _intro(w, view)
        _policy(w, view)
        _method(w, view)
        _totals(w, view)
        _findings(w, view)
    if names is not None:
        w.heading(2, "Client and matter names")
        w.para(names.method)
        renditions = [e for e in w.m.evidence if e.rendition is not None]
        if renditions:
            table = w.table((0.8, 2.6, 1.6, 1.5), ("Evidence", "File in the package", "Rendition",
                                                   "Original SHA-256"))
            for e in renditions:
                assert e.rendition is not None
                w.row(table, (e.evidence_id, e.path, e.rendition.note, e.rendition.original_sha256))


def _intro(w: Writer, view: AccessView) -> None:
    """Say what the review is and where its rows are."""
    t = view.totals
    w.para(f"Who can open which client matter, as of {long_date(view.as_of)}: the effective access "
           f"of {t.get('people', 0):,} people to {t.get('matters', 0):,} matters in the document "
           "management system, computed from the DMS access lists, the directory, the matter list, "
           "the ethical walls and the break-glass register, and judged against the firm's policy. "
           f"The Access Review sheet of {WORKBOOK} lists the grants by matter and the Provider "
           "Access sheet lists the provider engineers' access person by person.")


def _policy(w: Writer, view: AccessView) -> None:
    """Write the policy in force, setting by setting."""
    w.heading(2, "Policy in force")
    w.para("From evidence.check_options.matter_access in auditpack.yaml; a setting it does not "
           "give takes the safe default.")
    table = w.table((2.35, 0.95, 1.1, 2.1), ("Setting", "Value", "Source", "Meaning"))
    for p in view.policy:
        w.row(table, (p.name, p.value, p.source, p.meaning))


def _method(w: Writer, view: AccessView) -> None:
    """Write the sources (with evidence ids) and how effective access is computed."""
    w.heading(2, "Method")
    table = w.table((2.6, 1.4, 2.5), ("Input", "Evidence", "File"))
    for s in view.sources:
        w.row(table, (s.label, ", ".join(s.evidence), "\n".join(s.files)))
    for text in (
        "Nested groups are resolved to every member however deep, breadth-first and safe against "
        "cycles; each grant keeps the group chain that gives it, innermost group first.",
        "Deny beats allow: a no-access entry, the workspace's deny list or an ethical wall's "
        "exclusion removes a person's access through every group, whatever else grants it. Of the "
        "remaining entries the highest access level counts.",
        "Default security 'public' or 'view' opens a matter to every active internal person "
        "(provider engineers only when the policy says so); those pairs are counted, not listed.",
        "Break-glass access counts only with a ticket on the register whose window covers the "
        "as-of date; a provider grant on a privileged matter without one is standing access.",
    ):
        w.para(f"• {text}")


def _totals(w: Writer, view: AccessView) -> None:
    """Write the totals and the findings by kind."""
    t = view.totals
    w.heading(2, "Totals")
    w.key_table([
        ("People", f"{t.get('people', 0):,} in the directory"),
        ("Groups", f"{t.get('groups', 0):,} ({t.get('cyclic_groups', 0):,} in a nesting cycle)"),
        ("Matters", f"{t.get('matters', 0):,} in the DMS, of which "
                    f"{t.get('privileged_matters', 0):,} privileged"),
        ("ACL entries", f"{t.get('acl_entries', 0):,}"),
        ("Effective grants", f"{t.get('effective_pairs', 0):,} person-matter pairs: "
                             f"{t.get('explicit_pairs', 0):,} from ACL entries, "
                             f"{t.get('default_security_pairs', 0):,} from default security; "
                             f"{t.get('denied_pairs', 0):,} denied"),
        ("Findings", f"{t.get('findings', 0):,}"),
    ])
    w.para("Findings by kind, with the starter controls each one tests:")
    table = w.table((3.0, 0.9, 2.6), ("Finding", "Count", "Controls"))
    for category, count in view.by_category.items():
        name = view.category_labels.get(category) or category.replace("_", " ").capitalize()
        w.row(table, (name, f"{count:,}", ", ".join(view.category_controls.get(category, ())) or "—"))
    w.para(view.scope, "Note")


def _mapping(f: AccessFindingView) -> str:
    """Return the finding's controls and the requirements they satisfy, framework by framework."""
    parts = [f"{FRAMEWORK_SHORT.get(fw, fw)} {', '.join(ids)}" for fw, ids in f.requirements.items()]
    return ", ".join(f.controls) + (f"\n{'; '.join(parts)}" if parts else "")


def _findings(w: Writer, view: AccessView) -> None:
    """Write each finding by name, with its controls and requirements."""
    w.heading(2, "Findings")
    if not view.findings:
        w.para("The review found nothing against the policy.")
        return
    table = w.table((1.2, 1.4, 2.4, 1.5), ("Finding", "Who / matter", "Detail",
                                           "Controls and requirements"))
    shown: dict[str, int] = {}
    for f in view.findings:
        shown[f.category] = shown.get(f.category, 0) + 1
        if shown[f.category] > PER_CATEGORY:
            continue
        who = f.person or f.subject
        if f.matter and f.matter != f.subject:
            who += f"\n{f.matter}"
        w.row(table, (f.label, who, f.detail, _mapping(f)))
    more = [f"{n - PER_CATEGORY:,} more {view.category_labels.get(c, c).lower()}"
            for c, n in view.by_category.items() if n > PER_CATEGORY]
    if more:
        w.para(f"Not named here: {', '.join(more)} finding(s); every finding is in the Exceptions "
               f"sheet of {WORKBOOK} and its grants in the Access Review sheet.", "Note")
