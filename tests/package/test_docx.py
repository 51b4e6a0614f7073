"""Audit-Narrative.docx: what the examiner reads, opened with python-docx."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from auditpack.package.model.assemble import assemble_model
from auditpack.package.model.views import (
    ControlView,
    EvidenceRef,
    ExceptionView,
    NeedView,
    PackageModel,
    PersonView,
)
from auditpack.package.render.narrative import (
    MAX_EVIDENCE_ROWS,
    MAX_EXCEPTIONS,
    default_reference,
    render_docx,
)
from auditpack.workspace.scaffold import copy_demo

HOSTILE = "Eve\x00\x07=cmd|' /C calc'!A0"
HOSTILE_CLEAN = "Eve=cmd|' /C calc'!A0"
EXCEPTIONS = 25
ADDED = (9001, 9002)  # evidence ids the tests add (clear of the demo's own)


# --------------------------------------------------------------------------- helpers

Block = Paragraph | Table


def open_docx(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def blocks(document: Document) -> Iterator[Block]:
    """Yield the body's paragraphs and tables in order."""
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            yield Paragraph(element, document)
        elif element.tag == qn("w:tbl"):
            yield Table(element, document)


def style_id(block: Block) -> str | None:
    """Return a paragraph's style id (None for tables and unstyled paragraphs)."""
    if not isinstance(block, Paragraph) or block._p.pPr is None:
        return None
    return block._p.pPr.style


def styled(document: Document, style: str) -> list[Paragraph]:
    return [b for b in blocks(document) if isinstance(b, Paragraph) and style_id(b) == style]


def tables(items: Iterable[Block]) -> list[Table]:
    return [b for b in items if isinstance(b, Table)]


def table_rows(table: Table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells = row.cells  # read once per row
        rows.append([c.text for c in cells])
    return rows


def text_of(items: Iterable[Block]) -> str:
    parts: list[str] = []
    for block in items:
        if isinstance(block, Paragraph):
            parts.append(block.text)
        else:
            parts.extend("\t".join(r) for r in table_rows(block))
    return "\n".join(parts)


def body_text(document: Document) -> str:
    return text_of(blocks(document))


def chapter(document: Document, title: str) -> list[Block]:
    """Return the blocks of the Heading 1 chapter whose title contains `title`."""
    out: list[Block] = []
    inside = False
    for block in blocks(document):
        if isinstance(block, Paragraph) and style_id(block) == "Heading1":
            if inside:
                break
            inside = title in block.text
            continue
        if inside:
            out.append(block)
    assert out, f"no chapter {title!r}"
    return out


def first_printed_control(model: PackageModel) -> str:
    """Return the control the narrative prints in full first."""
    for fw in model.frameworks:
        for req in fw.requirements:
            if req.coverage in ("covered", "via_crosswalk") and req.controls:
                return req.controls[0]
    raise AssertionError("no control is printed under a requirement")


def enrich(model: PackageModel) -> PackageModel:
    """Add evidence, a failing need with many exceptions and a hostile person to the model."""
    added = tuple(
        EvidenceRef(evidence_id=f"E-{i:04d}", path=f"evidence/E-{i:04d}_entra-mfa.csv",
                    sha256=hashlib.sha256(f"file {i}".encode()).hexdigest(), size=2048,
                    source="entra-mfa", collector="entra_mfa", kind="mfa_registration",
                    original_name="mfa.csv", media_type="text/csv",
                    collected_at=dt.datetime(2026, 9, 30, 6, 0, tzinfo=dt.UTC),
                    as_of=dt.date(2026, 9, 29), supplied_by="Northwind Managed IT",
                    record_count=412)
        for i in ADDED)
    assert not {e.evidence_id for e in added} & {e.evidence_id for e in model.evidence}
    eve = PersonView(id="eve", name=HOSTILE, role="Shadow admin\x0b", party="Harbor Point IT",
                     internal=True, email="eve@example.org")
    target = first_printed_control(model)
    need = NeedView(
        kind="mfa_registration", description="MFA registration export for every member",
        check="mfa_coverage", status="fail", summary=f"{EXCEPTIONS} members without MFA",
        evidence=tuple(e.evidence_id for e in added),
        figures={"members": 412, "without_mfa": EXCEPTIONS, "coverage_pct": 93.93},
        exceptions=tuple(ExceptionView(control=target, subject=f"user{i:02d}@harbor.example",
                                       detail=f"no MFA method registered\x01 ({HOSTILE})",
                                       category="no_mfa") for i in range(EXCEPTIONS)))
    controls = tuple(
        c.model_copy(update={"needs": (need, *c.needs), "status": "fail",
                             "accountable": (eve, *c.accountable),
                             "statement": c.statement + " \x1b[31mred\x1b[0m"})
        if c.id == target else c for c in model.controls)
    parties = (model.parties[0].model_copy(
        update={"people": (*model.parties[0].people, eve)}), *model.parties[1:])
    poam = (model.poam[0].model_copy(update={"owner": HOSTILE, "finding": "x\x00y"}),
            *model.poam[1:])
    return model.model_copy(update={"evidence": (*model.evidence, *added), "controls": controls,
                                    "parties": parties, "poam": poam,
                                    "raci_people": (*model.raci_people, eve)})


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def rich(package_model: PackageModel) -> PackageModel:
    return enrich(package_model)


@pytest.fixture(scope="module")
def rich_bytes(rich: PackageModel) -> bytes:
    return render_docx(rich)


@pytest.fixture(scope="module")
def rich_doc(rich_bytes: bytes) -> Document:
    return open_docx(rich_bytes)


@pytest.fixture(scope="module")
def demo_bytes(package_model: PackageModel) -> bytes:
    return render_docx(package_model)


@pytest.fixture(scope="module")
def demo_doc(demo_bytes: bytes) -> Document:
    return open_docx(demo_bytes)


# --------------------------------------------------------------------------- structure

def test_cover_names_the_organisation_and_the_as_of_date(
        package_model: PackageModel, demo_doc: Document) -> None:
    cover: list[str] = []
    for block in blocks(demo_doc):
        if isinstance(block, Paragraph):
            if block.paragraph_format.page_break_before:
                break  # the contents start on the next page
            cover.append(block.text)
        else:
            cover.extend(" ".join(r) for r in table_rows(block))
    text = "\n".join(cover)
    m = package_model
    assert m.legal_name in cover
    assert "Information Security Audit Package" in text
    assert f"{m.as_of:%B} {m.as_of.day}, {m.as_of.year}" in text
    assert m.as_of.isoformat() in text
    assert m.package_name in text
    assert f"auditpack {m.tool_version}" in text
    for fw in m.frameworks:
        assert f"{fw.title} (version {fw.version})" in text
    assert m.prepared_by is not None and m.prepared_by.name in text


def test_one_heading_per_framework_and_every_requirement_in_scope(
        package_model: PackageModel, demo_doc: Document) -> None:
    h1 = [p.text for p in styled(demo_doc, "Heading1")]
    for fw in package_model.frameworks:
        assert sum(fw.title in h for h in h1) == 1, fw.title
    h3 = {p.text for p in styled(demo_doc, "Heading3")}
    for fw in package_model.frameworks:
        for req in fw.requirements:
            if req.coverage != "not_applicable":
                assert any(h.startswith(f"{req.id} — ") for h in h3), (fw.id, req.id)
    order = [h for h in h1 if any(w in h for w in ("Scope", "Organisation", "RACI",
                                                   "Escalation", "POA&M", "Sign-off"))]
    assert [re.sub(r"^\d+\. ", "", h) for h in order] == [
        "Scope and methodology", "Organisation and parties", "Responsibility assignment (RACI)",
        "Escalation matrix", "Exceptions and remediation plan (POA&M)", "Sign-off"]


def test_not_applicable_requirements_are_listed_with_their_reason(
        package_model: PackageModel, demo_doc: Document) -> None:
    text = body_text(demo_doc)
    for fw in package_model.frameworks:
        for req in fw.requirements:
            if req.coverage == "not_applicable":
                assert f"{req.id}\t" in text
                assert (req.reason or "not applicable") in text


def test_paraphrased_requirement_text_is_marked(
        package_model: PackageModel, demo_doc: Document) -> None:
    texts = styled(demo_doc, "RequirementText")
    assert texts
    paraphrased = [p for p in texts if "auditpack's summary, not the official text" in p.text]
    expected = sum(1 for fw in package_model.frameworks for r in fw.requirements
                   if r.coverage != "not_applicable" and r.text_source == "paraphrase"
                   and r.text and r.text.strip() != r.title.strip())
    assert len(paraphrased) == expected > 0
    assert all(run.italic is not False for p in texts for run in p.runs[:1])


def test_each_control_is_printed_in_full_once_with_its_owners(
        package_model: PackageModel, demo_doc: Document) -> None:
    printed: dict[str, list[list[str]]] = {}
    pending: str | None = None
    for block in blocks(demo_doc):
        if isinstance(block, Paragraph):
            if style_id(block) == "ControlHeading" and block.text.startswith("Control "):
                pending = block.text.split(" ")[1]
                assert pending not in printed, f"{pending} printed twice"
        elif pending:
            printed[pending] = table_rows(block)
            pending = None
    active = [c for c in package_model.controls
              if c.status not in ("not_applicable", "out_of_scope")]
    assert set(printed) == {c.id for c in active}
    for control in active:
        rows = {r[0]: r[1] for r in printed[control.id]}
        assert rows["Statement"] == control.statement
        for person in control.accountable:
            assert person.name in rows["Accountable"]
            assert person.party in rows["Accountable"]
        for person in control.responsible:
            assert person.name in rows["Responsible"]
        assert rows["Frequency"] == control.frequency


def test_later_occurrences_refer_back_with_a_link(
        package_model: PackageModel, demo_doc: Document, demo_bytes: bytes) -> None:
    statement_counts = {c.id: 0 for c in package_model.controls}
    text = body_text(demo_doc)
    for control in package_model.controls:
        statement_counts[control.id] = text.count(control.statement)
    assert all(n <= 1 for n in statement_counts.values())
    xml = zipfile.ZipFile(io.BytesIO(demo_bytes)).read("word/document.xml").decode()
    anchors = set(re.findall(r'w:anchor="([^"]+)"', xml))
    bookmarks = set(re.findall(r'w:bookmarkStart w:id="\d+" w:name="([^"]+)"', xml))
    assert anchors and anchors <= bookmarks
    assert "Described under " in text


def test_poam_table_lists_every_finding(package_model: PackageModel, demo_doc: Document) -> None:
    rows = table_rows(tables(chapter(demo_doc, "POA&M"))[0])
    assert rows[0] == ["ID", "Severity", "Subject", "Finding and remediation", "Owner", "Due",
                       "Status"]
    assert [r[0] for r in rows[1:]] == [p.id for p in package_model.poam]
    for row, item in zip(rows[1:], package_model.poam):
        assert row[2] == item.subject
        assert item.finding in row[3] and item.remediation in row[3]
        assert row[4] == item.owner
        assert row[5] == item.due.isoformat()
        assert row[6] == "Open"


def test_raci_and_escalation_show_named_people(
        package_model: PackageModel, demo_doc: Document) -> None:
    matrix = table_rows(tables(chapter(demo_doc, "RACI"))[0])
    people = package_model.raci_people
    assert [h.rstrip(" †") for h in matrix[0][1:]] == [p.name for p in people]
    assert [r[0] for r in matrix[1:]] == [r.title for r in package_model.raci]
    for row, raci_row in zip(matrix[1:], package_model.raci):
        assert row[1:] == [raci_row.letters.get(p.id, "") for p in people]
    esc = table_rows(tables(chapter(demo_doc, "Escalation"))[0])
    assert [r[0] for r in esc[1:]] == [e.severity for e in package_model.escalation]
    for row, level in zip(esc[1:], package_model.escalation):
        for step in level.route:
            assert step.to in row[4] and f"within {step.within_minutes} min" in row[4]
        if level.finding:
            assert level.finding in row[6]


def test_parties_list_named_people_with_email(
        package_model: PackageModel, demo_doc: Document) -> None:
    text = text_of(tables(chapter(demo_doc, "Organisation and parties")))
    for party in package_model.parties:
        for person in party.people:
            assert person.name in text and person.role in text
            if person.email:
                assert person.email in text


def test_sign_off_names_signer_and_preparer(
        package_model: PackageModel, demo_doc: Document) -> None:
    sign_off = chapter(demo_doc, "Sign-off")
    rows = [r for t in tables(sign_off) for r in table_rows(t)]
    names = [r[1] for r in rows if r[0] == "Name"]
    text = text_of(b for b in sign_off if isinstance(b, Paragraph))
    assert package_model.signer is not None
    assert package_model.signer.name in names
    assert package_model.prepared_by is not None and package_model.prepared_by.name in names
    assert package_model.legal_name in text
    assert {"Signature", "Name", "Role", "Date"} <= {r[0] for r in rows}


def test_a_separate_preparer_gets_a_signature_block(package_model: PackageModel) -> None:
    preparer = PersonView(id="carla", name="Carla Mendes", role="Compliance Officer",
                          party="Harbor Point IT", internal=True)
    document = open_docx(render_docx(package_model.model_copy(update={"prepared_by": preparer})))
    names = [r[1] for t in tables(chapter(document, "Sign-off")) for r in table_rows(t)
             if r[0] == "Name"]
    assert package_model.signer is not None
    assert names == [package_model.signer.name, "Carla Mendes"]


# --------------------------------------------------------------------------- word features

def test_table_of_contents_is_a_word_field(demo_bytes: bytes, demo_doc: Document) -> None:
    xml = zipfile.ZipFile(io.BytesIO(demo_bytes)).read("word/document.xml").decode()
    assert re.search(r"<w:instrText[^>]*> TOC \\o &quot;1-\d&quot; \\h \\z \\u </w:instrText>",
                     xml) or re.search(r'<w:instrText[^>]*> TOC \\o "1-\d" \\h \\z \\u ', xml)
    assert xml.count('w:fldCharType="begin"') == xml.count('w:fldCharType="end"') == 1
    assert "Update Field" in body_text(demo_doc)
    toc = [p.text for p in styled(demo_doc, "TOC1")]
    assert "1. Scope and methodology" in toc


def test_headers_footers_and_page_fields(package_model: PackageModel, demo_doc: Document,
                                         demo_bytes: bytes) -> None:
    sections = demo_doc.sections
    assert len(sections) == 3
    assert sections[0].different_first_page_header_footer  # a clean cover
    sizes = [(s.page_width or 0, s.page_height or 0) for s in sections]
    assert sizes[0][0] < sizes[0][1] and sizes[2][0] < sizes[2][1]  # portrait
    assert sizes[1][0] > sizes[1][1]  # RACI and escalation: landscape
    for section in sections:
        header = section.header.paragraphs[0].text
        assert package_model.legal_name in header and "Confidential" in header
        assert package_model.package_name in section.footer.paragraphs[0].text
    archive = zipfile.ZipFile(io.BytesIO(demo_bytes))
    footers = [archive.read(n).decode() for n in archive.namelist() if "footer" in n]
    assert footers and all('w:instr=" PAGE "' in f for f in footers)


def test_core_properties_come_from_the_model(package_model: PackageModel,
                                             demo_doc: Document) -> None:
    props = demo_doc.core_properties
    def utc(when: dt.datetime | None) -> dt.datetime | None:
        if when is None or when.tzinfo is None:
            return when
        return when.astimezone(dt.UTC).replace(tzinfo=None)

    built = utc(package_model.built_at)
    assert utc(props.created) == utc(props.modified) == utc(props.last_printed) == built
    assert props.revision == 1
    assert package_model.legal_name in props.title
    assert package_model.prepared_by is not None
    assert props.author == props.last_modified_by == package_model.prepared_by.name
    assert props.comments == ""


def test_same_model_same_bytes(package_model: PackageModel, demo_bytes: bytes) -> None:
    assert render_docx(package_model) == demo_bytes
    with zipfile.ZipFile(io.BytesIO(demo_bytes)) as archive:
        assert archive.namelist()[0] == "[Content_Types].xml"
        built = package_model.built_at
        assert {i.date_time[:3] for i in archive.infolist()} == {(built.year, built.month,
                                                                  built.day)}


def test_reference_document_can_be_replaced(package_model: PackageModel,
                                            demo_bytes: bytes) -> None:
    assert render_docx(package_model, default_reference()) == demo_bytes
    bare = io.BytesIO()
    docx.Document().save(bare)  # python-docx's own template: none of our custom styles
    document = open_docx(render_docx(package_model, bare.getvalue()))
    ids = {s.style_id for s in document.styles}
    assert {"AuditTable", "TableText", "RequirementText", "ControlHeading", "TOC1"} <= ids
    assert any(package_model.frameworks[0].title in p.text for p in document.paragraphs)


# --------------------------------------------------------------------------- evidence, exceptions

def test_evidence_references_exist_and_show_hash_and_date(rich: PackageModel,
                                                         rich_doc: Document) -> None:
    text = body_text(rich_doc)
    cited = set(re.findall(r"\bE-\d{4}\b", text))
    known = {e.evidence_id for e in rich.evidence}
    assert cited and cited <= known
    for ref in rich.evidence:
        short = f"{ref.sha256[:4]}…{ref.sha256[-4:]}"
        assert f"{ref.evidence_id} (sha256 {short}, as of {ref.as_of.isoformat()})" in text
    listed = [r[0] for t in tables(chapter(rich_doc, "Scope and methodology"))
              for r in table_rows(t)]
    if len(rich.evidence) <= MAX_EVIDENCE_ROWS:  # listed file by file
        assert {f"E-{i:04d}" for i in ADDED} <= set(listed)
    else:  # summarised by source
        assert "entra-mfa" in listed
    assert "Evidence Index sheet of Control-Matrix.xlsx" in text


def test_exceptions_are_capped_with_a_pointer_to_the_workbook(rich: PackageModel,
                                                              rich_doc: Document) -> None:
    text = body_text(rich_doc)
    shown = set(re.findall(r"user\d\d@harbor\.example", text))
    assert len(shown) == MAX_EXCEPTIONS
    assert (f"… and {EXCEPTIONS - MAX_EXCEPTIONS} more; see the Exceptions sheet of "
            "Control-Matrix.xlsx") in text
    assert "members 412 · without mfa 25 · coverage (%) 93.9" in text
    assert "Fail" in text


def test_hostile_strings_render_without_control_characters(rich: PackageModel,
                                                           rich_bytes: bytes,
                                                           rich_doc: Document) -> None:
    with zipfile.ZipFile(io.BytesIO(rich_bytes)) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith((".xml", ".rels")):
                assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", data), name
    text = body_text(rich_doc)
    assert HOSTILE_CLEAN in text          # the person, cleaned, as written
    assert "\x00" not in text and "\x07" not in text and "\x1b" not in text
    target = rich.control(first_printed_control(rich))
    assert isinstance(target, ControlView)
    assert target.accountable[0].name == HOSTILE


def test_a_minimal_model_renders(package_model: PackageModel) -> None:
    empty = package_model.model_copy(update={
        "frameworks": (), "controls": (), "evidence": (), "poam": (), "parties": (),
        "raci_people": (), "raci": (), "escalation": (), "not_applicable": (),
        "out_of_scope": (), "exclusions": (), "prepared_by": None, "signer": None,
        "control_status_counts": {}, "signature_fingerprint": "SHA256:abc123"})
    document = open_docx(render_docx(empty))
    text = body_text(document)
    assert package_model.legal_name in text
    assert "SHA256:abc123" in text
    assert "No findings are open" in text


def test_crosswalk_organisational_and_gap_requirements_are_explained(
        package_model: PackageModel) -> None:
    fw = package_model.frameworks[0]
    reqs = list(fw.requirements)
    reqs[0] = reqs[0].model_copy(update={
        "coverage": "via_crosswalk", "via": ("nist-csf-2.0 GV.PO-01 (subset_of)",)})
    reqs[1] = reqs[1].model_copy(update={
        "coverage": "organisational", "controls": (), "status": "organisational",
        "reason": "The board minutes record the designation."})
    reqs[2] = reqs[2].model_copy(update={"coverage": "uncovered", "controls": (),
                                         "status": "uncovered"})
    many = tuple(
        EvidenceRef(evidence_id=f"E-{i:04d}", path=f"evidence/E-{i:04d}.csv", sha256="ab" * 32,
                    size=1, source=f"src-{i % 3}", collector="file", kind=None,
                    original_name="x.csv", media_type="text/csv",
                    collected_at=dt.datetime(2026, 9, 30, tzinfo=dt.UTC),
                    as_of=dt.date(2026, 9, i % 28 + 1), record_count=10)
        for i in range(1, MAX_EVIDENCE_ROWS + 6))
    model = package_model.model_copy(update={
        "frameworks": (fw.model_copy(update={"requirements": tuple(reqs)}),
                       *package_model.frameworks[1:]),
        "evidence": many})
    document = open_docx(render_docx(model))
    text = body_text(document)
    assert "covered through nist-csf-2.0 GV.PO-01 (subset_of)" in text
    assert "Met organisationally: The board minutes record the designation." in text
    assert "Gap: no control in the organisation's control set satisfies this requirement." in text
    scope = tables(chapter(document, "Scope and methodology"))
    sources = [r for t in scope for r in table_rows(t) if r[0].startswith("src-")]
    assert [r[0] for r in sources] == ["src-0", "src-1", "src-2"]
    assert sum(int(r[2]) for r in sources) == len(many)


def test_raci_letters_naming_nobody_stay_visible(tmp_path: Path) -> None:
    """A letter for a role nobody holds is listed under the matrix, not silently dropped."""
    root = tmp_path / "law-firm"
    copy_demo(root, "law-firm")  # its RACI names "msp:Security Architect", a role nobody holds
    assembled = assemble_model(root)
    try:
        model = assembled.model
    finally:
        assembled.close()
    rows = [r for r in model.raci if r.unresolved]
    assert [u for r in rows for u in r.unresolved] == ["R: msp:Security Architect"]
    text = text_of(blocks(open_docx(render_docx(model))))
    assert "Letters that name nobody" in text
    assert f"{rows[0].title}: R: msp:Security Architect" in text
