"""The code's shape: no library internals, small modules, short functions."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import auditpack

CODE = Path(auditpack.__file__).resolve().parent
MODULES = sorted(p for p in CODE.rglob("*.py") if "__pycache__" not in p.parts)
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# Private internals of zipfile, XlsxWriter and json, and process or GC tricks: each makes
# the package depend on one release of a library or interpreter (issue 14).
FORBIDDEN = re.compile(
    r"\._writecheck\b|\._didModify\b|\bstart_dir\b|\bNameToInfo\b|\._compresslevel\b"
    r"|\._write_rows\b|\._calculate_spans\b|\._get_shared_string_index\b|Url\.__new__"
    r"|__dict__\.update|\bc_make_encoder\b|\bmake_scanner\b|json\.scanner|json\.encoder\."
    r"|\bos\.fork\b|\bos\._exit\b|\bgc\.(disable|freeze|enable)\b")


def test_the_code_is_where_the_test_looks() -> None:
    assert len(MODULES) > 100 and (CODE / "package" / "build.py") in MODULES


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(CODE).as_posix())
def test_no_module_reaches_into_a_library_or_the_interpreter(path: Path) -> None:
    hits = [f"{n}: {line.strip()}" for n, line in
            enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            if FORBIDDEN.search(line)]
    assert hits == []


def test_the_pattern_catches_what_it_names() -> None:
    for line in ("archive._writecheck(info)", "info._compresslevel = 1", "os.fork()",
                 "gc.disable()", "json.scanner.make_scanner(d)", "url.__dict__.update(x)",
                 "archive.start_dir = 3", "self._write_rows()"):
        assert FORBIDDEN.search(line), line
    assert not FORBIDDEN.search("zipfile.ZipFile(target, 'w')")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(CODE).as_posix())
def test_modules_are_small_and_functions_short(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES
    long = [f"{node.name}: {node.end_lineno - node.lineno + 1} lines"  # type: ignore[operator]
            for node in ast.walk(ast.parse(text))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]  # type: ignore[operator]
    assert long == []
