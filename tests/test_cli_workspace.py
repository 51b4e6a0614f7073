"""CLI wiring of init, validate, coverage and raci."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from auditpack.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "workspace"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_init_validate_roundtrip(tmp_path: Path) -> None:
    target = tmp_path / "harbor-point"
    code, out, _ = run("init", str(target), "--industry", "financial")
    assert code == 0 and "auditpack.yaml" in out
    code, out, _ = run("validate", "--workspace", str(target))
    assert code == 0 and "Harbor Point: workspace is valid" in out and "never tested" in out
    code, _, err = run("init", str(target))
    assert code == 2 and "already exists" in err


def test_validate_strict_exits_1_on_findings(tmp_path: Path) -> None:
    run("init", str(tmp_path / "w"))
    code, _, _ = run("validate", "--workspace", str(tmp_path / "w"), "--strict")
    assert code == 1


def test_validate_reports_every_error_with_exit_2(tmp_path: Path) -> None:
    (tmp_path / "auditpack.yaml").write_text(
        (FIXTURE / "auditpack.yaml").read_text()
        .replace("headcount: 120", "headcount: many").replace("industry: financial", "industry: bank"))
    code, _, err = run("validate", "--workspace", str(tmp_path))
    assert code == 2 and "auditpack.yaml:6" in err and "auditpack.yaml:7" in err
    assert "Traceback" not in err


def test_validate_json(tmp_path: Path) -> None:
    code, out, _ = run("validate", "--workspace", str(FIXTURE), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["valid"] and data["controls"] == 3 and data["findings"] == []


def test_coverage_json_and_filters() -> None:
    code, out, _ = run("coverage", "--workspace", str(FIXTURE), "--framework", "ftc-safeguards",
                       "--format", "json")
    (fc,) = json.loads(out)
    assert code == 0 and fc["catalog"] == "ftc-safeguards" and fc["counts"]["covered"] == 2
    code, out, _ = run("coverage", "--workspace", str(FIXTURE), "--status", "covered")
    assert code == 0 and "TV-IAM-01" in out and "314.4(c)(5)" in out
    code, _, err = run("coverage", "--workspace", str(FIXTURE), "--framework", "nist-sp-800-207")
    assert code == 2 and "not in this workspace's scope" in err


def test_raci_table_json_and_xlsx(tmp_path: Path) -> None:
    code, out, err = run("raci", "--workspace", str(FIXTURE))
    assert code == 0 and "Identity and access" in out and "Sol Duarte, SOC Lead (Acme MSP)" in err
    code, out, _ = run("raci", "--workspace", str(FIXTURE), "--format", "json")
    data = json.loads(out)
    rows = {r["key"]: r["letters"] for r in data["rows"]}
    assert rows["incident_response"] == {"sol": "R", "ann": "RI", "quinn": "A"}
    target = tmp_path / "raci.xlsx"
    code, _, _ = run("raci", "--workspace", str(FIXTURE), "--format", "xlsx", "-o", str(target))
    assert code == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["RACI", "Findings"]
    sheet = book["RACI"]
    header = [c.value for c in sheet[1]]
    assert header[0] == "IT function" and any("Quinn Ives" in (h or "") for h in header)
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert "A" in cells and all(not str(v).startswith("=") for v in cells if v)
    code, _, err = run("raci", "--workspace", str(FIXTURE), "--format", "xlsx")
    assert code == 2 and "needs an output file" in err
