"""`auditpack oscal validate FILE`: "valid", or every problem with its JSON path and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditpack.cli import cli
from auditpack.frameworks.library import load_library
from auditpack.oscal.catalog_export import export_catalog
from auditpack.package.render.oscal.document import dumps


def _validate(path: Path) -> tuple[int, str]:
    run = CliRunner().invoke(cli, ["oscal", "validate", str(path)])
    return run.exit_code, run.output


@pytest.fixture(scope="module")
def catalog() -> dict[str, object]:
    return export_catalog(load_library().get("nist-sp-800-207"))


def test_a_valid_file_is_valid(catalog: dict[str, object], tmp_path: Path) -> None:
    path = tmp_path / "zt.json"
    path.write_bytes(dumps(catalog))
    code, output = _validate(path)
    assert code == 0, output
    assert output.startswith("valid:") and "OSCAL 1.1.3 catalog" in output


def test_every_problem_is_listed_with_its_json_path(catalog: dict[str, object],
                                                    tmp_path: Path) -> None:
    broken = json.loads(dumps(catalog))
    broken["catalog"]["uuid"] = "not-a-uuid"
    del broken["catalog"]["metadata"]["version"]
    broken["catalog"]["groups"][0]["id"] = "1 not a token"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    code, output = _validate(path)
    assert code == 2
    assert "3 OSCAL 1.1.3 catalog schema violation(s)" in output
    for where in ("$.catalog.uuid", "$.catalog.metadata", "$.catalog.groups[0].id"):
        assert f"broken.json {where}" in output
    assert "Traceback" not in output


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    (b'{"catalog": {', "not valid JSON"),
    (b"\xff\xfe", "cannot read the file"),
    (b"[1, 2]", "not an OSCAL document"),
    (b'{"catalog": {}, "profile": {}}', "not an OSCAL document"),
])
def test_an_unreadable_file_is_a_clear_error(content: bytes | None, message: str,
                                             tmp_path: Path) -> None:
    path = tmp_path / "file.json"
    if content is not None:
        path.write_bytes(content)
    code, output = _validate(path)
    assert code == 2 and message in output and "Traceback" not in output
