"""The public API listed in auditpack.__all__ resolves, and importing it stays light."""

from __future__ import annotations

import subprocess
import sys

import auditpack


def test_every_public_name_resolves() -> None:
    for name in auditpack.__all__:
        assert getattr(auditpack, name) is not None, name


def test_importing_auditpack_does_not_load_the_document_writers() -> None:
    code = ("import sys, auditpack; "
            "print(any(m.startswith(('docx', 'xlsxwriter', 'openpyxl')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
