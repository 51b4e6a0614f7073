"""A package that answers an examiner's request list: sheet, summary, narrative, folders, CLI."""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from auditpack.cli import cli
from auditpack.errors import AuditpackError
from auditpack.package import build as build_module
from auditpack.package.build import BuildResult, build_demo, build_package
from auditpack.package.bundle.verify import verify_package
from auditpack.package.model.request_paths import folder_names, safe_number
from auditpack.package.model.request_views import RequestView
from auditpack.package.model.requests import request_list_view, summary_lines, workspace_lists
from auditpack.package.model.views import PackageModel
from auditpack.package.render.request_folders import index_text
from auditpack.package.render.workbook import render_xlsx
from auditpack.requests.model import Answer, Request, RequestList, Suggestion
from auditpack.requests.store import read_list

LIST = "safeguards-review-2026"
ATTENTION = ["B-2", "J-2", "C-6", "D-1", "D-4", "H-2"]  # open first, then partial


@pytest.fixture(scope="module")
def workspace(demo_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the collected demo, so builds here leave the shared workspace alone."""
    target = tmp_path_factory.mktemp("rq") / "credit-union"
    shutil.copytree(demo_workspace, target)
    return target


@pytest.fixture(scope="module")
def cli_build(workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """`auditpack build --requests LIST --copy-per-request`: the ZIP and what the CLI printed."""
    out = tmp_path_factory.mktemp("rq-out")
    result = CliRunner().invoke(cli, ["build", "--workspace", str(workspace), "--requests", LIST,
                                      "--copy-per-request", "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return next(out.glob("*.zip")), result.stdout


@pytest.fixture(scope="module")
def rebuilt(workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The same build again through the library, without the cache, keeping the folder."""
    return build_package(workspace, tmp_path_factory.mktemp("rq-again"), requests=LIST,
                         copy_per_request=True, use_cache=False, keep_folder=True)


@pytest.fixture(scope="module")
def model(rebuilt: BuildResult) -> PackageModel:
    return rebuilt.model


def members(path: Path) -> dict[str, bytes]:
    """Return the package's files by path inside its root folder."""
    with zipfile.ZipFile(path) as archive:
        return {n.split("/", 1)[1]: archive.read(n) for n in archive.namelist()}


def examiner_order(workspace: Path) -> list[str]:
    return read_list(workspace, LIST).numbers()


# --- the workbook ----------------------------------------------------------------------------


def test_requests_sheet_rows_in_examiner_order(cli_build: tuple[Path, str], workspace: Path) -> None:
    files = members(cli_build[0])
    wb = openpyxl.load_workbook(io.BytesIO(files["Control-Matrix.xlsx"]))
    assert wb.sheetnames[-2:] == ["Requests", "Request Evidence"]
    ws = wb["Requests"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0][:9]) == ["Number", "Area", "Request", "Due", "Status", "Owner", "Controls",
                                 "Requirements", "Evidence"]
    assert [r[0] for r in rows[1:]] == examiner_order(workspace)
    by_number = {r[0]: r for r in rows[1:]}
    c6 = by_number["C-6"]
    assert c6[4] == "Partial" and c6[5] == "Tom Gallagher" and c6[6] == "IAM-01"
    assert "E-0001" in c6[8] and "Conditional Access" in c6[9] and "IAM-01 fails" in c6[10]
    assert by_number["A-2"][4] == "Not applicable" and "Harbor Point employee" in by_number["A-2"][9]
    assert by_number["B-2"][4] == "Open" and by_number["B-2"][6] is None and by_number["B-2"][11]
    assert by_number["C-5"][4] == "Answered" and "no software in house" in by_number["C-5"][9]
    assert by_number["E-3"][9].startswith("Attestation: ")
    d1 = by_number["D-1"]  # answered through a requirement: its controls come along
    assert d1[7] == "ftc-safeguards 314.4(d)(1)" and "VUL-04" in d1[6]
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == f"A1:M{len(rows)}"
    link = ws.cell(row=2, column=13).hyperlink
    assert link is not None and link.target.replace("\\", "/").endswith("/index.txt")
    ev = wb["Request Evidence"]
    rows = list(ev.iter_rows(values_only=True))
    mfa = next(i for i, r in enumerate(rows) if r[0] == "C-6" and r[2] == "E-0001")
    target = ev.cell(row=mfa + 1, column=4).hyperlink.target.replace("\\", "/")
    assert target == rows[mfa][3] and target.startswith("evidence/E-0001_") and target in files
    assert rows[mfa][4] == hashlib.sha256(files[target]).hexdigest()


def test_summary_lists_unanswered_requests_first(cli_build: tuple[Path, str]) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(members(cli_build[0])["Control-Matrix.xlsx"]))
    column = [r[0] for r in wb["Summary"].iter_rows(max_col=1, values_only=True)]
    start = next(i for i, v in enumerate(column) if str(v).startswith("Requests needing attention"))
    assert "32 requests: 2 open, 4 partial, 25 answered, 1 not applicable" in column[start + 1]
    listed = [str(v).split(":")[0] for v in column[start + 3: start + 3 + len(ATTENTION)]]
    assert listed == ATTENTION and column[start + 3 + len(ATTENTION)] is None
    assert start < column.index("Readiness by framework")
    out = cli_build[1]
    assert "requests (safeguards-review-2026): 32: 2 open, 4 partial, 25 answered" in out
    printed = [line.split()[0] for line in out.split("needing attention:\n")[1].splitlines()[:6]]
    assert printed == ATTENTION
    assert "C-6  partial  Tom Gallagher: IAM-01 fails its check" in out


# --- the narrative ---------------------------------------------------------------------------


def narrative_text(data: bytes) -> list[str]:
    """Return the body's paragraphs and table rows, in document order."""
    body = docx.Document(io.BytesIO(data)).element.body
    out = []
    for el in body.iterchildren():
        if el.tag == qn("w:p"):
            out.append("".join(t.text or "" for t in el.iter(qn("w:t"))))
        elif el.tag == qn("w:tbl"):
            out += [" | ".join("\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                                         for p in tc.iter(qn("w:p"))) for tc in tr.iter(qn("w:tc")))
                    for tr in el.iter(qn("w:tr"))]
    return out


def test_narrative_answers_each_request_in_examiner_order(cli_build: tuple[Path, str],
                                                          workspace: Path,
                                                          model: PackageModel) -> None:
    text = narrative_text(members(cli_build[0])["Audit-Narrative.docx"])
    chapter = max(i for i, t in enumerate(text) if t.endswith(". Responses to the request list"))
    sign_off = max(i for i, t in enumerate(text) if t.endswith(". Sign-off"))
    part = text[chapter:sign_off]
    assert "2 open, 4 partial, 25 answered, 1 not applicable" in part[1]
    headings = [t.split(" — ")[0].removeprefix("Request ") for t in part if t.startswith("Request ")
                and " — " in t]
    assert headings == examiner_order(workspace)
    c6 = part[part.index("Request C-6 — Safeguards"):]
    c6 = c6[: next(i for i, t in enumerate(c6) if t.startswith("Request C-7"))]
    block = "\n".join(c6)
    assert "Status | Partial\nIAM-01 fails its check" in block
    assert "IAM-01 — Multi-factor authentication" in block and "accountable: Tom Gallagher" in block
    mfa = model.evidence_ref("E-0001")
    assert mfa is not None and f"E-0001  sha256 {mfa.sha256[:12]}…" in block
    assert "Conditional Access" in block and "Folder | requests/C-6_" in block
    d1 = "\n".join(part[part.index("Request D-1 — Testing and monitoring"):][:12])
    assert "… and 3 more: see requests/D-1_" in d1 and "Request Evidence sheet" in d1  # 11 files
    attention = part[part.index("Request | Status | Owner | What is missing") + 1:][:len(ATTENTION)]
    assert [row.split(" | ")[0] for row in attention] == ATTENTION


# --- the folders -----------------------------------------------------------------------------


def test_each_request_folder_has_an_index_pointing_at_the_evidence(cli_build: tuple[Path, str],
                                                                    model: PackageModel) -> None:
    files = members(cli_build[0])
    indexes = sorted(p for p in files if p.startswith("requests/") and p.endswith("/index.txt"))
    assert len(indexes) == 32
    c6 = next(p for p in indexes if p.startswith("requests/C-6_provide-evidence-of-multi-factor"))
    text = files[c6].decode()
    assert "Provide evidence of multi-factor authentication" in text
    assert "Status: Partial" in text and "Owner: Tom Gallagher, IT Manager (Harbor Point IT)" in text
    assert "Conditional Access" in text
    folder = posixpath.dirname(c6)
    view = next(r for r in model.requests.requests if r.number == "C-6")  # type: ignore[union-attr]
    for eid in view.evidence:
        ref = model.evidence_ref(eid)
        assert ref is not None
        line = next(x for x in text.splitlines() if x.strip().startswith(eid))
        digest, rel = line.split()[1:3]
        assert digest == ref.sha256 and rel == f"../../{ref.path}"
        assert posixpath.normpath(posixpath.join(folder, rel)) == ref.path in files
    open_index = next(files[p].decode() for p in indexes if p.startswith("requests/B-2_"))
    assert "Status: Open" in open_index and "Suggested, not confirmed: " in open_index
    assert "Evidence: none" in open_index


def test_without_copies_the_index_points_only_at_the_one_copy(model: PackageModel) -> None:
    view = next(r for r in model.requests.requests if r.number == "C-6")  # type: ignore[union-attr]
    text = index_text(model, view, copies=False)
    assert "stored once under evidence/" in text and "(copy in this folder)" not in text
    assert text.count("../../evidence/") == len(view.evidence)


def test_copies_match_their_hashes_and_the_package_verifies(cli_build: tuple[Path, str],
                                                             model: PackageModel) -> None:
    files = members(cli_build[0])
    rows = {f["path"]: f for f in json.loads(files["manifest.json"])["files"]}
    manifest = {path: row["sha256"] for path, row in rows.items()}
    sums = files["SHA256SUMS"].decode()
    copies = 0
    assert model.requests is not None
    for r in model.requests.requests:
        for eid in r.evidence:
            ref = model.evidence_ref(eid)
            assert ref is not None
            copy = f"{r.folder}/{posixpath.basename(ref.path)}"
            assert hashlib.sha256(files[copy]).hexdigest() == ref.sha256 == manifest[copy]
            assert f"{ref.sha256}  {copy}\n" in sums
            assert rows[copy]["evidence_id"] == eid and rows[copy]["copy_of"] == ref.path
            copies += 1
    assert copies > 60 and verify_package(cli_build[0]) == []


def test_rebuild_with_requests_is_byte_identical(cli_build: tuple[Path, str],
                                                 rebuilt: BuildResult) -> None:
    assert rebuilt.zip_path.read_bytes() == cli_build[0].read_bytes()


def test_a_kept_folder_holds_the_copies_and_its_checksums_hold(rebuilt: BuildResult) -> None:
    folder = rebuilt.folder
    assert folder is not None
    lines = (folder / "SHA256SUMS").read_text().splitlines()
    copies = [line for line in lines if line.split("  ", 1)[1].startswith("requests/")
              and not line.endswith("/index.txt")]
    assert len(copies) > 60
    for line in lines:
        digest, rel = line.split("  ", 1)
        assert hashlib.sha256((folder / rel).read_bytes()).hexdigest() == digest, rel


# --- answers, statuses and names -------------------------------------------------------------


def answered(model: PackageModel, answer: Answer,
             suggestions: list[Suggestion] | None = None) -> RequestView:
    rl = RequestList(id="t", title="t", requests=[
        Request(number="1", text="Provide it.", answer=answer, suggestions=suggestions or [])])
    return request_list_view(model, rl, "t.yaml").requests[0]


def one(model: PackageModel, answer: Answer, suggestions: list[Suggestion] | None = None) -> str:
    return answered(model, answer, suggestions).status


def test_status_comes_from_the_confirmed_answer_and_the_results(model: PackageModel) -> None:
    hint = Suggestion(kind="control", id="GOV-02", score=40.0, reason="x", confident=True)
    assert one(model, Answer(), [hint]) == "open"          # a suggestion is not an answer
    assert one(model, Answer(controls=["GOV-02"])) == "answered"
    assert one(model, Answer(controls=["IAM-01"])) == "partial"   # its check fails
    assert one(model, Answer(response="We do not.")) == "answered"
    assert one(model, Answer(evidence_kinds=["vendor_register"])) == "answered"
    assert one(model, Answer(evidence_kinds=["dms_acl"])) == "partial"  # none in the package
    assert one(model, Answer(controls=["IAM-01"], not_applicable="No systems.")) == "not_applicable"
    assert one(model, Answer(requirements=["ftc-safeguards:314.4(c)(5)"])) == "partial"
    opened = answered(model, Answer(), [hint])
    assert opened.suggested == ("GOV-02",) and opened.controls == () and opened.evidence == ()
    narrow = model.model_copy(update={"frameworks": model.frameworks[:1]})  # --framework ftc
    left_out = answered(narrow, Answer(requirements=["nist-csf-2.0:PR.AA-03"]))
    assert left_out.status == "partial" and "not among this package's frameworks" in left_out.reasons[0]


def test_unknown_references_in_answers_are_located_errors(model: PackageModel) -> None:
    rl = RequestList(id="bad", title="t", requests=[
        Request(number="IT-4(b)", text="x", answer=Answer(controls=["NOPE-1"])),
        Request(number="7", text="y", answer=Answer(requirements=["ftc-safeguards:999"],
                                                    evidence_kinds=["no_such_kind"]))])
    with pytest.raises(AuditpackError) as caught:
        request_list_view(model, rl, "requests/bad.yaml")
    text = str(caught.value)
    assert "request IT-4(b) (answer.controls)" in text and "unknown control 'NOPE-1'" in text
    assert "request 7 (answer.requirements)" in text and "no_such_kind" in text


def test_request_numbers_become_safe_folder_names() -> None:
    assert safe_number("31.01") == "31.01" and safe_number("IT-4(b)") == "IT-4-b"
    assert safe_number("../../etc/passwd") == "etc-passwd" and safe_number("..") == "request"
    assert safe_number("Ä 1/2") == "A-1-2"
    names = folder_names([("IT-4(b)", "Provide the MFA report"), ("IT-4-b", "Provide the MFA report"),
                          ("31.01", "Über-long " * 20)])
    assert names[0] == "requests/IT-4-b_provide-the-mfa-report"
    assert names[1] == "requests/IT-4-b_provide-the-mfa-report-2"
    for name in names:
        parts = name.split("/")
        assert len(parts) == 2 and ".." not in parts[1] and name.isascii() and len(parts[1]) <= 70


# --- the CLI and the demo --------------------------------------------------------------------


def test_unknown_list_id_is_exit_2_naming_the_lists(workspace: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--workspace", str(workspace), "--requests", "nope",
                                      "-o", str(tmp_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--requests: no request list 'nope'" in result.stderr and LIST in result.stderr
    result = CliRunner().invoke(cli, ["build", "--workspace", str(workspace), "--copy-per-request",
                                      "-o", str(tmp_path)])
    assert result.exit_code == 2 and "needs a request list" in result.stderr
    assert not list(tmp_path.iterdir())


def test_the_demo_build_answers_the_demos_list(monkeypatch: pytest.MonkeyPatch,
                                                workspace: Path, tmp_path: Path) -> None:
    assert workspace_lists(workspace) == [LIST]
    seen: dict[str, object] = {}

    def fake(root: Path, out_dir: Path, **kwargs: object) -> BuildResult:
        seen.update(kwargs)
        raise SystemExit(0)

    monkeypatch.setattr(build_module, "build_package", fake)
    with pytest.raises(SystemExit):
        build_demo(tmp_path)
    assert seen["requests"] == LIST and seen["copy_per_request"] is False


def test_summary_lines_without_a_list_are_empty(package_model: PackageModel) -> None:
    assert package_model.requests is None and summary_lines(package_model) == []


def test_a_long_list_is_cut_short_on_the_summary(model: PackageModel) -> None:
    assert model.requests is not None
    many = tuple(RequestView(number=f"Q-{i}", text="Provide it.", status="open",
                             folder=f"requests/Q-{i}_provide-it") for i in range(1, 31))
    wide = model.model_copy(update={"requests": model.requests.model_copy(update={"requests": many})})
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(wide)))
    column = [r[0] for r in wb["Summary"].iter_rows(max_col=1, values_only=True)]
    assert "Q-25: Open" in column and "Q-26: Open" not in column
    assert "... and 5 more: filter the Requests sheet by Status" in column
    assert wb["Requests"].max_row == 31
