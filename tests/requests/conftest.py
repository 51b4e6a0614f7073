"""Shared fixtures: the credit-union demo workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditpack.workspace.loader import Workspace, load_workspace
from auditpack.workspace.scaffold import copy_demo


@pytest.fixture(scope="session")
def cu_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ws") / "cu"
    copy_demo(root, "credit-union")
    return root


@pytest.fixture(scope="session")
def cu(cu_root: Path) -> Workspace:
    return load_workspace(cu_root)
