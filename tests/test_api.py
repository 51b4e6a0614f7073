"""The public API listed in auditpack.__all__ resolves, and importing it stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import auditpack


def test_every_public_name_resolves() -> None:
    for name in auditpack.__all__:
        assert getattr(auditpack, name) is not None, name


def test_importing_auditpack_loads_the_errors_only() -> None:
    code = "import sys, auditpack; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = out.stdout.split()
    assert [m for m in modules if m.startswith("auditpack")] == ["auditpack", "auditpack.errors"]
    heavy = ("pydantic", "jsonschema", "yaml", "docx", "xlsxwriter", "openpyxl")
    assert [m for m in modules if m.split(".")[0] in heavy] == []


def test_every_lazy_name_is_public_and_comes_from_its_module() -> None:
    assert set(auditpack._LAZY) <= set(auditpack.__all__)
    assert auditpack.load_library.__module__ == "auditpack.frameworks.library"
    assert auditpack.Catalog.__name__ == "Catalog"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'build'"):
        auditpack.build  # noqa: B018
