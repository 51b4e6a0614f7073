"""The narrative converts to PDF with LibreOffice (where installed) and is a real document."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from auditpack.package.model.assemble import assemble_model
from auditpack.package.model.views import PackageModel
from auditpack.package.render.narrative import render_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def test_libreoffice_is_here_where_ci_installs_it() -> None:
    """.ci/run installs LibreOffice and sets AUDITPACK_REQUIRE_SOFFICE: there the checks
    below must run, not skip."""
    if os.environ.get("AUDITPACK_REQUIRE_SOFFICE"):
        assert SOFFICE is not None, "LibreOffice is missing: .ci/run should have installed it"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed on this machine "
                    "(apt-get install libreoffice-writer-nogui to run this check)")
@pytest.mark.parametrize("demo", ["credit-union", "law-firm"])
def test_narrative_converts_to_a_pdf_of_many_pages(package_model: PackageModel, demo: str,
                                                   tmp_path: Path,
                                                   collect_demo: Callable[..., Path]) -> None:
    model = package_model if demo == "credit-union" else \
        assemble_model(collect_demo(tmp_path / demo, demo)).model
    docx = tmp_path / "Audit-Narrative.docx"
    docx.write_bytes(render_docx(model))
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        capture_output=True, text=True, timeout=240, check=False)
    pdf = tmp_path / "Audit-Narrative.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages > 10, pages


CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed on this machine "
                    "(apt-get install libreoffice-calc-nogui to run this check)")
def test_another_spreadsheet_reads_the_workbook_as_written(package_model: PackageModel,
                                                           tmp_path: Path) -> None:
    """LibreOffice Calc opens the workbook: every evidence row is there, and text shaped like
    XlsxWriter's rich-text XML reads back as the very text written."""
    import csv

    from auditpack.package.render.workbook import render_xlsx

    forged = "<r><t>PASS</t></r><r><t>forged by an export</t></r>"
    first = package_model.controls[0].model_copy(update={"title": forged})
    model = package_model.model_copy(update={"controls": (first, *package_model.controls[1:])})
    (tmp_path / "matrix.xlsx").write_bytes(render_xlsx(model))
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", CSV_ALL_SHEETS, "--outdir", str(tmp_path), str(tmp_path / "matrix.xlsx")],
        capture_output=True, text=True, timeout=240, check=False)
    if "source file could not be loaded" in result.stdout + result.stderr:
        pytest.skip("LibreOffice has no spreadsheet component here "
                    "(apt-get install libreoffice-calc-nogui)")
    assert result.returncode == 0, result.stderr

    def rows(sheet: str) -> list[list[str]]:
        with (tmp_path / f"matrix-{sheet}.csv").open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle))

    controls = rows("Controls")
    assert controls[1][:2] == [first.id, forged]
    assert len(rows("Evidence Index")) == 1 + len(model.evidence)
    assert {r[0] for r in rows("Evidence Index")[1:]} == {e.evidence_id for e in model.evidence}
