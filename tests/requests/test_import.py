"""Import of differently shaped request lists, --columns, and located errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from auditpack.commands.requests import requests_group
from auditpack.errors import AuditpackError
from auditpack.requests.importer import import_list
from auditpack.requests.store import read_list
from auditpack.workspace.loader import Workspace


def _xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws["A1"] = "NCUA Information Security Examination — Request List"
    ws["A2"] = "Prepared for: Example Credit Union"
    ws.append([])
    ws.append(["Ref #", "Request", None, "Due Date", "Citation"])
    ws.merge_cells("B4:C4")  # merged header cell over two columns
    ws.append([])
    ws.append(["31", "Information Security", None, None, None])
    ws.append(["31.01", "Provide the written risk assessment.\nInclude the risk register.", None,
               dt.datetime(2025, 3, 1), "314.4(b)"])
    ws.append([])  # spacer row
    ws.append(["31.02", "Provide evidence of MFA for all users.", None, dt.datetime(2025, 3, 1),
               "16 CFR 314.4(c)(5)"])
    ws.append(["IT-4(b)", "Provide the incident response plan.", None, "2025-03-15", None])
    book.save(path)
    return path


def test_xlsx_title_block_merged_header_spacers(tmp_path: Path, cu: Workspace) -> None:
    rl = import_list(_xlsx(tmp_path / "ncua.xlsx"), "ncua", cu.catalogs)
    assert rl.title.startswith("NCUA Information Security")
    assert rl.numbers() == ["31.01", "31.02", "IT-4(b)"]
    first = rl.requests[0]
    assert first.text.endswith("Include the risk register.") and "\n" in first.text
    assert first.due == "2025-03-01" and first.area == "Information Security"
    assert first.references == ["ftc-safeguards:314.4(b)"]
    assert rl.requests[1].references == ["ftc-safeguards:314.4(c)(5)"]
    assert rl.requests[2].due == "2025-03-15" and rl.requests[2].source_row == 10


def test_csv_semicolons(tmp_path: Path, cu: Workspace) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Nr;Bereich;Description;Due\n1.1;Governance;\"Provide the written\n"
                    "information security program\";01.04.2025\n1.2;Access;Provide the quarterly "
                    "user access review;01.04.2025\n", encoding="cp1252")
    rl = import_list(path, "l", cu.catalogs)
    assert rl.numbers() == ["1.1", "1.2"]
    assert rl.requests[0].text == "Provide the written\ninformation security program"
    assert rl.requests[0].due == "2025-04-01"


def test_csv_unusual_headers_detected_by_content(tmp_path: Path, cu: Workspace) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("PBC #,Functional Area,What we need from you,Owner\n"
                    "A-01,IT,Copy of the board-approved information security policy,CFO\n"
                    "A-02,IT,Latest external penetration test report with remediation,CIO\n",
                    encoding="utf-8-sig")
    rl = import_list(path, "odd", cu.catalogs)
    assert rl.numbers() == ["A-01", "A-02"]
    assert rl.requests[1].text.startswith("Latest external") and rl.requests[1].area == "IT"


def test_columns_by_letter_and_header(tmp_path: Path, cu: Workspace) -> None:
    path = tmp_path / "two.csv"
    path.write_text("Item,Request,Description\n1,Risk,Provide the written risk assessment\n"
                    "2,MFA,Provide the MFA registration report\n", encoding="utf-8")
    with pytest.raises(AuditpackError, match="two columns could hold the request text") as exc:
        import_list(path, "two", cu.catalogs)
    assert exc.value.location == f"{path}:1" and "--columns" in (exc.value.hint or "")
    rl = import_list(path, "two", cu.catalogs, columns="number=A,text=C,area=B")
    assert rl.requests[0].text == "Provide the written risk assessment"
    rl = import_list(path, "two", cu.catalogs, columns="number=Item,text=Description")
    assert rl.requests[1].text == "Provide the MFA registration report"
    with pytest.raises(AuditpackError, match="no such column"):
        import_list(path, "two", cu.catalogs, columns="number=A,text=Nope")


@pytest.mark.parametrize(("content", "message", "where"), [
    ("", "the file is empty", ""),
    ("Owner,Status\nCFO,open\n", "no header row", ""),
    ("No.,Request\n1,Provide the policy\n1,Provide the plan\n", "1 is used twice", ":3"),
    ("No.,Request\n1,Provide the policy\n,Provide the plan\n", "has no number", ":3"),
    ("No.,Owner\n1,CFO\n", "no request-text column", ":1"),
    ("Description,Owner\nProvide the written risk assessment,CFO\n", "no request-number", ":1"),
])
def test_bad_inputs_are_located(tmp_path: Path, cu: Workspace, content: str, message: str,
                                where: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AuditpackError, match=message) as exc:
        import_list(path, "bad", cu.catalogs)
    assert exc.value.location == f"{path}{where}" and exc.value.hint


def test_cli_import_and_new(tmp_path: Path, cu_root: Path) -> None:
    runner = CliRunner()
    src = _xlsx(tmp_path / "NCUA 2025.xlsx")
    args = ["import", str(src), "--workspace", str(cu_root)]
    result = runner.invoke(requests_group, args)
    assert result.exit_code == 0, result.output
    assert "3 request(s)" in result.output and "confident top suggestion" in result.output
    rl = read_list(cu_root, "ncua-2025")
    assert rl.requests[1].suggestions[0].id == "IAM-01"
    again = runner.invoke(requests_group, args)
    assert again.exit_code == 2 and "already exists" in again.output
    assert runner.invoke(requests_group, [*args, "--force"]).exit_code == 0
    result = runner.invoke(requests_group, ["new", "--from", "ftc-safeguards", "--workspace",
                                            str(cu_root)])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((cu_root / "requests" / "ftc-safeguards.yaml").read_text())
    assert len(data["requests"]) >= 30 and data["requests"][0]["answer"] == {
        "controls": [], "requirements": [], "evidence_kinds": []}
    bad = runner.invoke(requests_group, ["import", str(tmp_path / "missing.csv"),
                                         "--workspace", str(cu_root)])
    assert bad.exit_code == 2 and "file not found" in bad.output
