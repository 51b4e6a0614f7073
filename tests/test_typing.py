"""mypy --strict over src/ (the house style), when the source tree is beside the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not (ROOT / "src" / "auditpack").is_dir(), reason="no source tree here")
def test_mypy_strict_passes(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api", reason="mypy is part of the test extra")
    out, err, status = api.run([
        "--strict", "--cache-dir", str(tmp_path / "cache"),
        "--config-file", str(ROOT / "pyproject.toml"), str(ROOT / "src" / "auditpack"),
    ])
    assert status == 0, out + err
