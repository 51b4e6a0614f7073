"""The narrative's front matter: cover, contents, and scope and methodology."""

from __future__ import annotations

from collections.abc import Sequence

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches

from ...model.views import EvidenceRef
from .elements import XML_SPACE, field_char, new_paragraph, new_run
from .text import STATUS_MEANING, WORKBOOK, long_date, pct, person_text, short_hash
from .writer import Writer

TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z \\u '  # chapters and their sections, not requirements
MAX_EVIDENCE_ROWS = 60       # beyond this, the evidence table is summarised by source


def framework_names(w: Writer) -> list[str]:
    """Return 'Title (version V)' for each framework in scope."""
    return [f"{fw.title} (version {fw.version})" for fw in w.m.frameworks]


def cover(w: Writer) -> None:
    """Write the cover page."""
    m = w.m
    w.para("Information Security Audit Package", "CoverLabel")
    w.para(m.legal_name, "Title")
    w.para(f"Information Security Audit Package as of {long_date(m.as_of)}", "Subtitle")
    rows = [
        ("Organisation", m.legal_name),
        ("Frameworks in scope", "\n".join(framework_names(w)) or "none"),
        ("Period under review",
         f"{long_date(m.period_start)} – {long_date(m.period_end)}"),
        ("As of", f"{long_date(m.as_of)} ({m.as_of.isoformat()})"),
        ("Prepared by", person_text(m.prepared_by)),
    ]
    if m.regulators:
        rows.append(("Regulators", ", ".join(m.regulators)))
    rows += [("Package", m.package_name), ("Produced with", f"auditpack {m.tool_version}")]
    if m.signature_fingerprint:
        rows.append(("Signature fingerprint", m.signature_fingerprint))
    w.key_table(rows)
    p = w.para("Confidential. This package describes the organisation's security controls "
               "and their weaknesses. It is prepared for the organisation's examiners and "
               "auditors; do not distribute it further without the organisation's "
               "consent.", "Note")
    w.fmt(p).paragraph_format.space_before = Inches(0.4)


def contents(w: Writer) -> None:
    """Write the contents heading and note; the TOC field is filled in at the end."""
    p = w.para("Contents", "TOCHeading")
    w.fmt(p).paragraph_format.page_break_before = True
    w.para("This table of contents is a Word field. To show page numbers or refresh it, "
           "right-click it and choose Update Field (or select it and press F9), then "
           "Update entire table.", "Note")
    w.toc_anchor = w.para()


def finish_contents(w: Writer) -> None:
    """Write the TOC field; its stored result lists the chapters and their sections."""
    anchor = w.toc_anchor
    paragraphs = []
    for level, text in w.toc or [(1, "")]:
        p = new_paragraph(f"TOC{level}")
        if text:
            p.append(new_run(text))
        anchor.addprevious(p)
        paragraphs.append(p)
    instr = OxmlElement("w:r")
    code = OxmlElement("w:instrText", {XML_SPACE: "preserve"})
    code.text = TOC_INSTRUCTION
    instr.append(code)
    first = paragraphs[0]
    at = 1 if first.find(qn("w:pPr")) is not None else 0
    for offset, element in enumerate((field_char("begin"), instr, field_char("separate"))):
        first.insert(at + offset, element)
    paragraphs[-1].append(field_char("end"))
    anchor.getparent().remove(anchor)


def scope(w: Writer) -> None:
    """Write scope and methodology: frameworks, boundaries, evidence, testing, results."""
    w.chapter("Scope and methodology")
    purpose(w)
    frameworks_in_scope(w)
    boundaries(w)
    w.heading(2, "How evidence was collected")
    evidence_collection(w)
    testing(w)
    results(w)


def purpose(w: Writer) -> None:
    """Write what the package holds and how the narrative is laid out."""
    m = w.m
    w.heading(2, "Purpose and structure of this package")
    names = "; ".join(framework_names(w)) or "no framework"
    w.para(f"This document presents the information security program of {m.legal_name} "
           f"as it stood on {long_date(m.as_of)}, for the period "
           f"{long_date(m.period_start)} to {long_date(m.period_end)}, assessed "
           f"against: {names}.")
    w.para("It is the narrative of the audit package. The package also holds "
           f"{WORKBOOK} (the control matrix, the Evidence Index and every exception "
           "found by the checks), the evidence files themselves under their E-ids, and "
           "a manifest listing the SHA-256 hash of every file, so that each file can be "
           "verified against this document.")
    if m.signature_fingerprint:
        w.para(f"The manifest is signed; the signing key's fingerprint is "
               f"{m.signature_fingerprint}.")
    if m.frameworks:
        last = w.ch_fw0 + len(m.frameworks) - 1
        span = (f"Chapter {w.ch_fw0} takes the framework" if last == w.ch_fw0 else
                f"Chapters {w.ch_fw0} to {last} take each framework")
        w.para(f"{span} requirement by requirement. Each control is described in full "
               "the first time it appears (statement, owners, frequency, evidence and "
               "results); later requirements it satisfies refer back to that "
               "description. Findings and their remediation are in the POA&M "
               f"(chapter {w.ch_poam}).")


def frameworks_in_scope(w: Writer) -> None:
    """Write the table of frameworks in scope, with their readiness."""
    m = w.m
    w.heading(2, "Frameworks in scope")
    table = w.table((2.1, 0.7, 1.25, 0.75, 0.6, 0.6, 0.5),
                    ("Framework", "Version", "Publisher", "Assessed", "In scope",
                     "Evidenced", "Ready"))
    for fw in m.frameworks:
        total = sum(fw.counts.values())
        in_scope = total - fw.counts.get("not_applicable", 0)
        w.row(table, (fw.title, fw.version, fw.publisher, str(total), str(in_scope),
                      pct(fw.evidenced_pct), pct(fw.readiness_pct)))
    w.para("Assessed: the framework's assessable requirements. Evidenced: the share of "
           "in-scope requirements whose controls all have current evidence and no failed "
           "check — tested automatically, or on file for the assessor to review. Ready: "
           "the share whose controls all pass automated checks at the as-of date.", "Note")


def boundaries(w: Writer) -> None:
    """Write the scope's boundaries: implementation group, entity type, exclusions."""
    m = w.m
    w.heading(2, "Scope boundaries")
    if m.cis_implementation_group is not None:
        ig = m.cis_implementation_group
        w.para(f"CIS Controls safeguards are assessed for Implementation Group {ig} "
               f"(IG{ig}); safeguards of higher groups are reported as not applicable.")
    if m.pci_entity_type:
        kind = m.pci_entity_type.replace("_", " ")
        w.para(f"For PCI DSS the organisation is assessed as a {kind}; requirements that "
               "apply only to other kinds of entity are reported as not applicable.")
    if m.exclusions:
        w.para("The organisation excludes these requirements, with everything below "
               "them, from the scope:")
        table = w.table((1.4, 1.0, 2.7, 1.4), ("Framework", "Requirements", "Reason",
                                               "Approved"))
        for exc in m.exclusions:
            excluded = w.frameworks.get(exc.catalog.split("@")[0])
            w.row(table, (excluded.title if excluded else exc.catalog, ", ".join(exc.requirements),
                          exc.reason, exc.approved or "not recorded"))
    else:
        w.para("No requirement of the frameworks in scope is excluded.")
    na_reqs = sum(fw.counts.get("not_applicable", 0) for fw in m.frameworks)
    w.para(f"In all, {na_reqs} requirement(s) are not applicable; each framework chapter "
           f"lists them with the reason. {len(m.not_applicable)} control(s) of the "
           "control library are not applicable to the organisation and "
           f"{len(m.out_of_scope)} are outside the scope; chapter {w.ch_na} gives the "
           "justification for each.")


def testing(w: Writer) -> None:
    """Explain how controls were tested and what each status means."""
    w.heading(2, "How controls were tested")
    w.para("Each control states the evidence it needs. For each need, auditpack takes "
           "the newest evidence of that kind, checks that it is recent enough for the "
           "control's frequency and covers the period, then runs the need's automated "
           "check when there is one. A check names every exception it finds (for "
           "example a user without multi-factor authentication, or a backup job that "
           "failed). A control takes the worst status of its needs, and a requirement "
           "the worst status of its controls.")
    table = w.table((1.1, 5.4), ("Status", "Meaning"))
    for status, meaning in STATUS_MEANING:
        cells = w.row(table, ("", meaning))
        w.status(w.first_p(cells[0]), status)


def results(w: Writer) -> None:
    """Write the count of controls by status and of open findings."""
    m = w.m
    w.heading(2, "Results at a glance")
    counts = m.control_status_counts
    w.para(f"{sum(counts.values())} control(s) are in the control set at the as-of "
           "date:")
    table = w.table((2.0, 1.0), ("Control status", "Controls"))
    for status, count in counts.items():
        cells = w.row(table, ("", str(count)))
        w.status(w.first_p(cells[0]), status)
    w.para(f"{len(m.poam)} finding(s) are open in the POA&M (chapter {w.ch_poam}).")


def evidence_collection(w: Writer) -> None:
    """Explain collection and list the evidence files (or summarise them by source)."""
    evidence = w.m.evidence
    sources = {e.source for e in evidence}
    w.para(f"The package holds {len(evidence)} evidence file(s) from {len(sources)} "
           "source(s). System records (for example identity, endpoint, patch, ticket and "
           "backup exports) were extracted by auditpack's collectors from the systems "
           "of record or from exports supplied by the responsible party; documents "
           "were filed as supplied. Each file was hashed (SHA-256) when it was "
           "collected and keeps its E-id throughout the package.")
    if not evidence:
        w.para("No evidence was collected for this package: every control's needs are "
               "reported as missing.", "Note")
        return
    if len(evidence) <= MAX_EVIDENCE_ROWS:
        evidence_files(w, evidence)
    else:
        evidence_by_source(w, evidence)
    w.para("Full hashes, original file names, sizes, collection times and the period "
           f"each file covers are in the Evidence Index sheet of {WORKBOOK}.", "Note")


def evidence_files(w: Writer, evidence: Sequence[EvidenceRef]) -> None:
    """List the evidence files one by one."""
    table = w.table((0.65, 1.65, 1.15, 0.75, 0.85, 1.45),
                    ("E-id", "Source", "Collector", "Records", "As of", "SHA-256"))
    for e in evidence:
        w.row(table, (e.evidence_id,
                      e.source + (f"\n{e.supplied_by}" if e.supplied_by else ""),
                      e.collector,
                      "" if e.record_count is None else f"{e.record_count:,}",
                      e.as_of.isoformat(), short_hash(e.sha256)))


def evidence_by_source(w: Writer, evidence: Sequence[EvidenceRef]) -> None:
    """Summarise the evidence files by source and collector."""
    groups: dict[tuple[str, str], list[EvidenceRef]] = {}
    for e in evidence:  # a folder's files are streams `<source>/<path>` of one source
        groups.setdefault((e.source.split("/", 1)[0], e.collector), []).append(e)
    w.para(f"The {len(evidence)} files, by source:")
    table = w.table((2.0, 1.4, 0.6, 0.8, 1.7),
                    ("Source", "Collector", "Files", "Records", "As of"))
    for (source, collector), items in sorted(groups.items()):
        records = [e.record_count for e in items if e.record_count is not None]
        dates = sorted(e.as_of for e in items)
        span = dates[0].isoformat() + ("" if dates[0] == dates[-1]
                                       else f" to {dates[-1].isoformat()}")
        w.row(table, (source, collector, str(len(items)),
                      f"{sum(records):,}" if records else "", span))
