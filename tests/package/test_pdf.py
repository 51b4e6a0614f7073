"""The narrative converts to PDF with LibreOffice (where installed) and is a real document."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from auditpack.package.assemble import assemble_model
from auditpack.package.model import PackageModel
from auditpack.package.narrative import render_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


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
