"""Control-Matrix.xlsx: sheets, headers, row counts, chart, links, no formulas, same bytes."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

import auditpack
from auditpack.evidence.collect import collect
from auditpack.evidence.store import EvidenceStore
from auditpack.package.bundle.zipfix import zip_time
from auditpack.package.model.assemble import assemble_model
from auditpack.package.model.views import (
    ControlView,
    EscalationStepView,
    EscalationView,
    EvidenceRef,
    ExceptionView,
    ExclusionView,
    FrameworkView,
    NeedView,
    PackageModel,
    PartyView,
    PersonView,
    PoamItem,
    RaciRowView,
    RequirementView,
)
from auditpack.package.render import workbook as xlsx
from auditpack.package.render.workbook import SHEETS, crosswalk_pairs, exception_count, render_xlsx
from auditpack.package.render.workbook import table as workbook_table
from auditpack.sanitize import looks_rich
from auditpack.workspace.loader import load_workspace

BUILT = dt.datetime(2026, 9, 30, tzinfo=dt.timezone.utc)
FIXTURE_WORKSPACE = Path(__file__).resolve().parents[1] / "fixtures" / "workspace"
DATA_SHEETS = SHEETS[1:]
HEADERS = {
    "Controls": ["Control", "Title", "IT function", "Frequency", "Status", "Accountable",
                 "Responsible", "Statement", "Frameworks satisfied", "Evidence",
                 "Not-applicable reason"],
    "Requirements": ["Framework", "Requirement", "Title", "Coverage", "Status", "Controls",
                     "Via (crosswalk)", "Reason"],
    "Crosswalk": ["Control", "Control title", "Framework", "Requirement", "Requirement title"],
    "Escalation": ["Severity", "Name", "Trigger", "First responder", "Route", "Last tested",
                   "Test reference", "Finding"],
    "Evidence Index": ["Evidence", "File in package", "SHA-256", "Size (bytes)", "Source",
                       "Collector", "Kind", "Original name", "Collected (UTC)", "As of",
                       "Period start", "Period end", "Supplied by", "Records", "Derived from"],
    "Findings - POA&M": ["Finding", "Severity", "Source", "Subject", "Finding detail",
                         "Remediation", "Owner", "Due", "Status", "Control", "Evidence"],
    "Exceptions": ["Control", "Check", "Category", "Subject", "Detail"],
}
HOSTILE_TITLE = '=HYPERLINK("http://evil")'


# --- a small model built by hand ------------------------------------------------------------


def _person(pid: str, name: str, role: str, party: str, internal: bool = True) -> PersonView:
    return PersonView(id=pid, name=name, role=role, party=party, internal=internal)


def hand_model(hostile: bool = False, exceptions: int = 3) -> PackageModel:
    """Return a small but complete model; `hostile` plants formula-like and illegal text."""
    priya = _person("priya", "Priya Natarajan", "Information Security Officer", "Harbor Point IT")
    tom = _person("tom", "Tom \x00Okafor\x1b" if hostile else "Tom Okafor", "NOC lead",
                  "Northwind Managed IT", internal=False)
    mfa_subject = "@SUM(A1)" if hostile else "jdoe@harborpoint.example"
    excs = tuple(ExceptionView(control="IAM-01", subject=mfa_subject if i == 0 else f"user{i}",
                               detail=("-2+3" if hostile and i == 1 else f"no MFA method {i}"),
                               category="no_mfa") for i in range(exceptions))
    iam = ControlView(
        id="IAM-01", title=HOSTILE_TITLE if hostile else "MFA for all interactive sign-ins",
        statement="+cmd|' /C calc'!A0" if hostile else "Harbor Point requires MFA.",
        function="Identity and access", frequency="continuous", status="fail",
        accountable=(priya,), responsible=(priya, tom),
        needs=(NeedView(kind="mfa_registration", description="MFA registration export",
                        check="mfa_coverage", status="fail", summary="97% registered",
                        evidence=("E-0002",), figures={"coverage": 0.97}, exceptions=excs),
               NeedView(kind="access_review", description="Quarterly access review",
                        check=None, status="pass", summary="reviewed", evidence=("E-0001",))),
        satisfies={"ftc-safeguards": ("314.4(c)(5)",), "nist-csf-2.0": ("PR.AA-03",),
                   "pci-dss-4.0.1": ("8.4.2",)})
    gov = ControlView(
        id="GOV-01", title="Written information security program", statement="We keep one.",
        function="Compliance documentation", frequency="annual", status="missing",
        accountable=(priya,), responsible=(priya,),
        needs=(NeedView(kind="program_document", description="The program", check=None,
                        status="missing", summary="no program document evidence collected"),),
        satisfies={"ftc-safeguards": ("314.4(a)",)})
    na = ControlView(
        id="PHY-09", title="Card-holder data room", statement="n/a", function="Physical security",
        frequency="annual", status="not_applicable", not_applicable_reason="no card data room",
        satisfies={"nist-csf-2.0": ("PR.AA-06",)})
    ftc = FrameworkView(
        id="ftc-safeguards", title="FTC Safeguards Rule", version="2023", publisher="FTC",
        license_name=None, counts={"covered": 2, "uncovered": 1},
        status_counts={"fail": 1, "missing": 1, "uncovered": 1}, readiness_pct=0.0, evidenced_pct=0.0,
        requirements=(
            RequirementView(catalog="ftc-safeguards", id="314.4(a)", title="Qualified Individual",
                            text=None, text_source=None, coverage="covered",
                            controls=("GOV-01",), status="missing"),
            RequirementView(catalog="ftc-safeguards", id="314.4(c)(5)", title="MFA",
                            text="Implement multi-factor authentication", text_source="16 CFR 314",
                            coverage="covered", controls=("IAM-01",), status="fail"),
            RequirementView(catalog="ftc-safeguards", id="314.4(d)(2)", title="Pen testing",
                            text=None, text_source=None, coverage="uncovered", status="uncovered"),
        ))
    csf = FrameworkView(
        id="nist-csf-2.0", title="NIST Cybersecurity Framework", version="2.0", publisher="NIST",
        license_name="public domain", counts={"covered": 1, "via_crosswalk": 1,
                                              "not_applicable": 1},
        status_counts={"fail": 2, "not_applicable": 1}, readiness_pct=37.5, evidenced_pct=37.5,
        requirements=(
            RequirementView(catalog="nist-csf-2.0", id="PR.AA-03", title="Users are authenticated",
                            text=None, text_source=None, coverage="covered",
                            controls=("IAM-01",), status="fail"),
            RequirementView(catalog="nist-csf-2.0", id="PR.AA-05", title="Access permissions",
                            text=None, text_source=None, coverage="via_crosswalk",
                            controls=("IAM-01",), via=("ftc-safeguards 314.4(c)(5) (related)",),
                            status="fail"),
            RequirementView(catalog="nist-csf-2.0", id="PR.AA-06", title="Physical access",
                            text=None, text_source=None, coverage="not_applicable",
                            controls=("PHY-09",), reason="PHY-09: no card data room",
                            status="not_applicable"),
        ))
    evidence = (
        EvidenceRef(evidence_id="E-0001", path="evidence/E-0001_access-review.pdf",
                    sha256="a" * 64, size=12345, source="attestations", collector="file",
                    kind="access_review", original_name="Q3 review.pdf",
                    media_type="application/pdf",
                    collected_at=dt.datetime(2026, 9, 30, 6, 0, tzinfo=dt.timezone.utc),
                    as_of=dt.date(2026, 9, 15), supplied_by="Harbor Point IT"),
        EvidenceRef(evidence_id="E-0002", path="evidence/E-0002_entra-mfa.csv",
                    sha256="b" * 64, size=678, source="entra", collector="entra_mfa",
                    kind="mfa_registration", original_name="=cmd.csv" if hostile else "mfa.csv",
                    media_type="text/csv",
                    collected_at=dt.datetime(2026, 9, 30, 6, 0, tzinfo=dt.timezone.utc),
                    as_of=dt.date(2026, 9, 29), covers_start=dt.date(2025, 10, 1),
                    covers_end=dt.date(2026, 9, 29), supplied_by="Northwind Managed IT",
                    record_count=412, derived_from="E-0001"),
    )
    poam = (
        PoamItem(id="F-001", source="check", severity="high", subject="IAM-01 MFA",
                 finding="fail: 97% registered", remediation="enrol the rest", owner=priya.name,
                 due=dt.date(2026, 10, 30), control="IAM-01", evidence=("E-0002",)),
        PoamItem(id="F-002", source="escalation", severity="low", subject="escalation sev3",
                 finding="never tested", remediation="run a tabletop", owner="unassigned",
                 due=dt.date(2026, 12, 29)),
    )
    escalation = (EscalationView(
        severity="sev1", name="Critical incident", trigger="@ransomware" if hostile else "ransomware",
        first_responder=tom.name,
        route=(EscalationStepView(to=tom.name, role=tom.role, party=tom.party, within_minutes=15,
                                  via="phone"),
               EscalationStepView(to="ciso-on-call", role=None, party=None, within_minutes=120)),
        last_tested=dt.date(2026, 3, 1), test_reference="TT-2026-01", finding=None),
        EscalationView(severity="sev3", name="Low", trigger="anything", first_responder="NOC",
                       route=(), last_tested=None, test_reference=None, finding="never tested"))
    return PackageModel(
        tool_version="0.1.0", package_name="harbor-point-ftc-csf-2026-09-30", built_at=BUILT,
        legal_name="Harbor Point Federal Credit Union", short_name="Harbor Point",
        industry="credit_union", headcount=85, locations=("Portland, ME",),
        regulators=("NCUA", "FTC"), as_of=dt.date(2026, 9, 30),
        period_start=dt.date(2025, 10, 1), period_end=dt.date(2026, 9, 30),
        prepared_by=priya, signer=priya, cis_implementation_group=None, pci_entity_type=None,
        exclusions=(ExclusionView(catalog="nist-csf-2.0", requirements=("PR.IR-02",),
                                  reason="no data centre"),),
        parties=(PartyView(id="hp", name="Harbor Point IT", kind="internal", people=(priya,)),
                 PartyView(id="nw", name="Northwind Managed IT", kind="provider",
                           people=(tom,))),
        raci_people=(priya, tom),
        raci=(RaciRowView(key="identity_access", title="Identity and access",
                          letters={"priya": "A", "tom": "RI"}),
              RaciRowView(key="IAM-01", title="Control IAM-01", letters={"tom": "R"})),
        escalation=escalation, frameworks=(ftc, csf), controls=(iam, gov, na),
        evidence=evidence, poam=poam,
        not_applicable=(), out_of_scope=(),
        control_status_counts={"pass": 0, "fail": 1, "missing": 1, "not_applicable": 1})


# --- helpers --------------------------------------------------------------------------------


def load(data: bytes) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def header(ws: Worksheet) -> list[Any]:
    return [c.value for c in ws[1]]


def data_rows(ws: Worksheet) -> int:
    return ws.max_row - 1


@pytest.fixture(scope="module")
def workspace_model(tmp_path_factory: pytest.TempPathFactory) -> PackageModel:
    """The test workspace's model, its evidence collected: real files, checks and exceptions."""
    root = tmp_path_factory.mktemp("xlsx") / "ws"
    shutil.copytree(FIXTURE_WORKSPACE, root)
    with EvidenceStore.open(root) as store:
        collect(load_workspace(root), store, now=BUILT)
    return assemble_model(root).model


@pytest.fixture(params=["hand", "demo", "workspace"])
def model(request: pytest.FixtureRequest) -> PackageModel:
    """A hand-built model, the credit-union demo's (tests/package/conftest.py), the test one's."""
    if request.param == "demo":
        demo: PackageModel = request.getfixturevalue("package_model")
        return demo
    if request.param == "workspace":
        real: PackageModel = request.getfixturevalue("workspace_model")
        return real
    return hand_model()


@pytest.fixture
def rendered(model: PackageModel) -> tuple[PackageModel, bytes]:
    return model, render_xlsx(model)


# --- structure ------------------------------------------------------------------------------


def test_sheets_in_order(rendered: tuple[PackageModel, bytes]) -> None:
    _, data = rendered
    assert load(data).sheetnames == list(SHEETS)


def test_headers(rendered: tuple[PackageModel, bytes]) -> None:
    model, data = rendered
    wb = load(data)
    for name, expected in HEADERS.items():
        assert header(wb[name])[: len(expected)] == expected, name
    raci = header(wb["RACI"])
    assert raci[0] == "IT function / control"
    assert raci[1:] == [f"{p.name}\n{p.role}\n{p.party}".replace("\x00", "").replace("\x1b", "")
                        for p in model.raci_people]


def test_row_counts_equal_the_model(rendered: tuple[PackageModel, bytes]) -> None:
    model, data = rendered
    wb = load(data)
    assert data_rows(wb["Controls"]) == len(model.controls)
    assert data_rows(wb["Requirements"]) == sum(len(f.requirements) for f in model.frameworks)
    for f in model.frameworks:  # requirements per framework
        got = sum(1 for r in wb["Requirements"].iter_rows(min_row=2, max_col=1, values_only=True)
                  if r[0] == f.id)
        assert got == len(f.requirements), f.id
    assert data_rows(wb["Evidence Index"]) == len(model.evidence)
    assert data_rows(wb["Findings - POA&M"]) == len(model.poam)
    assert data_rows(wb["Exceptions"]) == exception_count(model)
    assert data_rows(wb["Escalation"]) == len(model.escalation)
    assert data_rows(wb["RACI"]) == len(model.raci)
    assert data_rows(wb["Crosswalk"]) == len(crosswalk_pairs(model))
    ids = [r[0] for r in wb["Controls"].iter_rows(min_row=2, max_col=1, values_only=True)]
    assert ids == [c.id for c in model.controls]


def test_crosswalk_lists_every_direct_mapping_in_scope(rendered: tuple[PackageModel, bytes]) -> None:
    model, data = rendered
    rows = {(r[0], r[2], r[3]) for r in
            load(data)["Crosswalk"].iter_rows(min_row=2, max_col=4, values_only=True)}
    in_scope = {f.id for f in model.frameworks}
    direct = {(c.id, fw, rid) for c in model.controls for fw, ids in c.satisfies.items()
              for rid in ids if fw in in_scope}
    assert direct <= rows
    via = {(cid, f.id, r.id) for f in model.frameworks for r in f.requirements
           if r.coverage == "via_crosswalk" for cid in r.controls}
    assert via <= rows
    assert rows == direct | via


def test_chart_on_summary(rendered: tuple[PackageModel, bytes]) -> None:
    model, data = rendered
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "xl/charts/chart1.xml" in z.namelist()
        chart = z.read("xl/charts/chart1.xml").decode()
        summary = z.read("xl/worksheets/sheet1.xml").decode()
        drawing = z.read("xl/drawings/_rels/drawing1.xml.rels").decode()
    assert "<c:barChart>" in chart and '<c:grouping val="stacked"/>' in chart
    assert "<drawing r:id=" in summary and 'Target="../charts/chart1.xml"' in drawing
    assert chart.count("<c:ser>") == len(xlsx.REQUIREMENT_STATUSES)


def test_frozen_header_and_autofilter_on_every_data_sheet(
        rendered: tuple[PackageModel, bytes]) -> None:
    _, data = rendered
    wb = load(data)
    for name in DATA_SHEETS:
        ws = wb[name]
        assert ws.freeze_panes in ("A2", "B2", "C2"), name
        last = openpyxl.utils.get_column_letter(len(header(ws)))
        assert ws.auto_filter.ref == f"A1:{last}{ws.max_row}", name
        first = ws.cell(1, 1)
        assert first.font.b and first.alignment.wrap_text and first.fill.fgColor.rgb.endswith(
            "DCE6F1"), name


def test_evidence_links_open_the_files_named_in_the_model(
        rendered: tuple[PackageModel, bytes]) -> None:
    model, data = rendered
    ws = load(data)["Evidence Index"]
    paths = {e.path for e in model.evidence}
    seen = []
    for row in range(2, ws.max_row + 1):
        cell = ws.cell(row, 2)
        assert cell.value in paths
        assert cell.hyperlink is not None
        # XlsxWriter stores relative file links Windows-style; Excel resolves either.
        assert cell.hyperlink.target.replace("\\", "/") == cell.value
        seen.append(cell.value)
    assert seen == [e.path for e in model.evidence]


def test_dates_are_real_dates(rendered: tuple[PackageModel, bytes]) -> None:
    model, data = rendered
    wb = load(data)
    ev = wb["Evidence Index"]
    for i, e in enumerate(model.evidence, start=2):
        assert ev.cell(i, 10).is_date and ev.cell(i, 10).value.date() == e.as_of
        assert ev.cell(i, 9).is_date
        assert ev.cell(i, 9).value == e.collected_at.astimezone(dt.timezone.utc).replace(
            tzinfo=None)
        assert ev.cell(i, 4).value == e.size and ev.cell(i, 4).data_type == "n"
    poam = wb["Findings - POA&M"]
    for i, p in enumerate(model.poam, start=2):
        assert poam.cell(i, 8).is_date and poam.cell(i, 8).value.date() == p.due
        assert poam.cell(i, 8).number_format == "yyyy-mm-dd"


def test_summary_shows_readiness_per_framework(rendered: tuple[PackageModel, bytes]) -> None:
    model, data = rendered
    ws = load(data)["Summary"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    assert values["Organisation"] == model.legal_name
    assert values["Package"] == model.package_name
    assert values["Tool version"] == f"auditpack {model.tool_version}"
    assert values["As of"].date() == model.as_of
    assert values["Period start"].date() == model.period_start
    assert values["Period end"].date() == model.period_end
    top = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Readiness by framework")
    heads = [c.value for c in ws[top + 1]]
    assert heads[:4] == ["Framework", "Title", "Version", "Requirements in scope"]
    for i, f in enumerate(model.frameworks, start=top + 2):
        row = {h: ws.cell(i, j).value for j, h in enumerate(heads, start=1) if h}
        assert row["Framework"] == f.id
        assert row["Requirements in scope"] == len(f.requirements)
        for status in xlsx.REQUIREMENT_STATUSES:
            assert row[xlsx.LABELS[status]] == f.status_counts.get(status, 0)
        assert row["Readiness %"] == pytest.approx(f.readiness_pct / 100)
        assert row["Evidenced %"] == pytest.approx(f.evidenced_pct / 100)
    labels = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert "Controls by IT function" in labels and "Controls by status" in labels


def test_no_formula_cells_anywhere(rendered: tuple[PackageModel, bytes]) -> None:
    _, data = rendered
    assert_no_formulas(load(data))


def assert_no_formulas(wb: Workbook) -> None:
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate}: {cell.value!r}"


# --- hostile values -------------------------------------------------------------------------


def test_hostile_values_stay_text() -> None:
    model = hand_model(hostile=True)
    data = render_xlsx(model)
    wb = load(data)
    assert_no_formulas(wb)
    controls = wb["Controls"]
    assert controls["B2"].value == HOSTILE_TITLE and controls["B2"].data_type == "s"
    assert controls["H2"].value == "+cmd|' /C calc'!A0"
    assert "Tom Okafor" in controls["G2"].value  # NUL and ESC removed
    exceptions = wb["Exceptions"]
    assert exceptions["D2"].value == "@SUM(A1)" and exceptions["D2"].data_type == "s"
    assert exceptions["E3"].value == "-2+3" and exceptions["E3"].data_type == "s"
    assert wb["Escalation"]["C2"].value == "@ransomware"
    assert wb["Evidence Index"]["H3"].value == "=cmd.csv"
    assert "Tom Okafor\nNOC lead" in header(wb["RACI"])[2]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode(), name


# Text XlsxWriter would take for its own rich-text XML (`<r>...</r>`) and write raw, and
# text merely starting like it.
FORGED = "<r><t>PASS</t></r><r><t>forged by an export</t></r>"
LOOK_ALIKES = (FORGED, "<r><t>PASS</t></r>forged", "<r></r>", "<r> spaced </r>")


def with_texts(title: str, legal_name: str, path: str) -> PackageModel:
    """The hostile model with a control title, the organisation and an evidence path set."""
    base = hand_model(hostile=True)
    iam = base.controls[0].model_copy(update={"title": title})
    ev = base.evidence[0].model_copy(update={"path": path})
    return base.model_copy(update={"controls": (iam, *base.controls[1:]), "legal_name": legal_name,
                                   "evidence": (ev, *base.evidence[1:])})


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_text_shaped_like_rich_text_xml_reads_back_as_that_text(text: str) -> None:
    """XlsxWriter writes a shared string shaped <r>...</r> into the part raw; from evidence
    (a device name, an account's display name) that would inject XML into the workbook."""
    data = render_xlsx(with_texts(text, text, text))
    wb = load(data)
    assert wb["Controls"]["B2"].value == text and wb["Controls"]["B2"].data_type == "s"
    assert wb["Summary"]["A1"].value == f"Control matrix - {text}"
    organisation = next(r for r in wb["Summary"].iter_rows(values_only=True)
                        if r[0] == "Organisation")
    assert organisation[1] == text
    link = wb["Evidence Index"]["B2"]
    assert link.value == text
    assert (link.hyperlink is None) == looks_rich(text)  # XlsxWriter writes a link's text itself
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        strings = z.read("xl/sharedStrings.xml").decode()
    assert "<t>PASS</t>" not in strings and "<r></r>" not in strings


def test_rich_text_look_alike_keeps_its_cell_format() -> None:
    wb = load(render_xlsx(with_texts(FORGED, "Harbor Point", "evidence/E-0001.pdf")))
    forged, plain = wb["Controls"]["B2"], wb["Controls"]["B3"]
    assert forged.alignment.vertical == "top"
    assert (forged.alignment.wrap_text, forged.style_id) == (plain.alignment.wrap_text,
                                                              plain.style_id)


def test_over_long_text_is_cut_to_excel_limit() -> None:
    base = hand_model()
    long = base.controls[1].model_copy(update={"statement": "x" * 40_000})
    model = base.model_copy(update={"controls": (base.controls[0], long, base.controls[2])})
    value = load(render_xlsx(model))["Controls"]["H3"].value
    assert len(value) == xlsx.MAX_CELL and value.endswith("40,000 characters in all]")


def test_unsafe_evidence_paths_are_not_links() -> None:
    base = hand_model()
    odd = (base.evidence[0].model_copy(update={"path": "../../etc/passwd"}),
           base.evidence[1].model_copy(update={"path": "C:/Windows/evil.exe"}))
    ws = load(render_xlsx(base.model_copy(update={"evidence": odd})))["Evidence Index"]
    assert ws["B2"].value == "../../etc/passwd" and ws["B2"].hyperlink is None
    assert ws["B3"].value == "C:/Windows/evil.exe" and ws["B3"].hyperlink is None
    short = (base.evidence[0].model_copy(update={"path": "x"}), base.evidence[1])
    ws = load(render_xlsx(base.model_copy(update={"evidence": short})))["Evidence Index"]
    assert ws["B2"].value == "x" and ws["B2"].hyperlink is None  # and no crash


# --- size and limits ------------------------------------------------------------------------


def test_thousands_of_exceptions_in_order() -> None:
    model = hand_model(exceptions=20_000)
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(model)), read_only=True)
    rows = list(wb["Exceptions"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 20_000
    assert [r[3] for r in rows[:3]] == ["jdoe@harborpoint.example", "user1", "user2"]
    assert rows[-1][3] == "user19999"
    wb.close()


def test_rows_beyond_the_sheet_limit_are_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook_table, "MAX_ROWS", 12)
    ws = load(render_xlsx(hand_model(exceptions=30)))["Exceptions"]
    assert ws.max_row == 12
    assert ws["A12"].value.startswith("... 20 more rows left off")
    assert ws.auto_filter.ref == "A1:F12"


# --- determinism ----------------------------------------------------------------------------


def test_same_model_same_bytes(model: PackageModel) -> None:
    first = render_xlsx(model)
    assert render_xlsx(model) == first
    assert render_xlsx(model.model_copy(deep=True)) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {zip_time(model.built_at)}
    created = load(first).properties.created
    assert created == model.built_at.astimezone(dt.timezone.utc).replace(tzinfo=None)


def odd_text_model() -> PackageModel:
    """The hostile model plus text XlsxWriter writes its own way: whitespace at either end, a
    literal _xHHHH_, CR, markup characters, a rich-text look-alike, a link path to %-escape."""
    base = hand_model(hostile=True)
    iam = base.controls[0].model_copy(update={
        "title": "  padded title ", "statement": "_x0041_ & <b>bold</b>",
        "not_applicable_reason": "<r>not rich</r>"})
    gov = base.controls[1].model_copy(update={"statement": "one line\r\nand another"})
    odd = base.evidence[0].model_copy(update={"path": "evidence/E 0001 100%.pdf"})
    return base.model_copy(update={"controls": (iam, gov, *base.controls[2:]),
                                   "evidence": (odd, base.evidence[1])})


def test_odd_text_reads_back_as_written() -> None:
    model = odd_text_model()
    data = render_xlsx(model)
    wb = load(data)
    controls = wb["Controls"]
    assert controls["B2"].value == "  padded title "
    assert controls["H2"].value == "_x0041_ & <b>bold</b>"
    assert controls["K2"].value == "<r>not rich</r>"
    # A CR is stored as the OOXML escape _x000D_, which Excel reads as CR (openpyxl does not).
    assert controls["H3"].value.replace("_x000D_", "\r") == "one line\r\nand another"
    link = wb["Evidence Index"]["B2"]
    assert link.value == "evidence/E 0001 100%.pdf"
    assert link.hyperlink is not None
    assert link.hyperlink.target.replace("\\", "/") == "evidence/E%200001%20100%25.pdf"
    assert render_xlsx(model) == data


def test_only_the_sanitiser_writes_text_cells() -> None:
    """`sanitize.write_text` is the one way text reaches a cell, in the package's workbook
    and in the RACI matrix export (see sanitize.py)."""
    code = Path(auditpack.__file__).parent
    callers = sorted(p.relative_to(code).as_posix() for p in code.rglob("*.py")
                     if "write_string(" in p.read_text(encoding="utf-8"))
    assert callers == ["sanitize.py"]


def test_real_evidence_and_exceptions_reach_the_workbook(workspace_model: PackageModel) -> None:
    assert workspace_model.evidence and exception_count(workspace_model)
    wb = load(render_xlsx(workspace_model))
    links = [c.hyperlink.target.replace("\\", "/") for c in wb["Evidence Index"]["B"][1:]
             if c.hyperlink is not None]
    assert links == [e.path for e in workspace_model.evidence]
    failing = [c for c in workspace_model.controls for n in c.needs if n.exceptions]
    assert {r[0] for r in wb["Exceptions"].iter_rows(min_row=2, max_col=1, values_only=True)} \
        == {c.id for c in failing}


def test_raci_sheet_keeps_letters_naming_nobody(tmp_path: Path) -> None:
    """The law-firm demo's letter for a role nobody holds appears in its own RACI column."""
    from auditpack.workspace.scaffold import copy_demo
    root = tmp_path / "law-firm"
    copy_demo(root, "law-firm")
    assembled = assemble_model(root)
    try:
        model = assembled.model
    finally:
        assembled.close()
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(model)), read_only=True)["RACI"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][-1] == "Letters naming nobody"
    flagged = {r[0]: r[-1] for r in rows[1:] if r[-1]}
    assert list(flagged.values()) == ["R: msp:Security Architect"]


def test_parties_and_notifications_sheets(package_model: PackageModel) -> None:
    """Providers' oversight records and the notification clocks, as the examiner reads them."""
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(package_model)), read_only=True)
    parties = [list(r) for r in book["Parties"].iter_rows(values_only=True)]
    head = parties[0]
    litware = dict(zip(head, next(r for r in parties if r[0] == "Litware Core Services")))
    assert litware["Criticality"] == "high" and litware["Assurance"] == \
        "SOC 1 Type II and SOC 2 Type II"
    assert litware["Last review"].date() == dt.date(2026, 5, 19)
    assert "Sean Whitaker (Relationship Manager)" in litware["People"]
    clocks = [list(r) for r in book["Notifications"].iter_rows(values_only=True)]
    ncua = dict(zip(clocks[0], clocks[1]))
    assert ncua["Regulator / recipient"] == "NCUA" and ncua["Deadline"].startswith("72 hours")
    assert ncua["Files it"] == "Carla Mendes" and ncua["Reached by"] == "P1"
    assert ncua["Finding"] is None


def test_verify_text_says_what_the_package_holds(package_model: PackageModel) -> None:
    """VERIFY.txt lists the package's parts; requests/ only when a list is answered."""
    from auditpack.package.bundle.manifest import verify_text
    text = verify_text(package_model)
    assert "What the package holds:" in text and "oscal/" in text and "evidence/" in text
    assert ("requests/" in text) == (package_model.requests is not None)
    assert "pseudonymised" not in text  # a credit union has no client matters


def test_evidenced_counts_current_evidence_without_a_failed_check(
        package_model: PackageModel) -> None:
    """Evidenced: pass or on file for the assessor; readiness: every automated check passes."""
    for f in package_model.frameworks:
        in_scope = len(f.requirements) - f.status_counts.get("not_applicable", 0)
        evidenced = f.status_counts.get("pass", 0) + f.status_counts.get("not_tested", 0)
        assert f.evidenced_pct == pytest.approx(round(100 * evidenced / in_scope, 1))
        assert f.readiness_pct <= f.evidenced_pct < 100  # the demo's planted failures
    ftc = next(f for f in package_model.frameworks if f.id == "ftc-safeguards")
    assert ftc.evidenced_pct > 80
