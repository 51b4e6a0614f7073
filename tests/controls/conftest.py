"""Build workspace models for the controls tests from the fixture workspace."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from auditpack.workspace.model import WorkspaceFile

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "workspace" / "auditpack.yaml"


@pytest.fixture()
def make_wsf() -> Callable[..., WorkspaceFile]:
    """Return a factory: apply a function to the fixture's data, then build the model."""
    base = yaml.safe_load(FIXTURE.read_text())

    def build(change: Callable[[dict[str, Any]], None] | None = None) -> WorkspaceFile:
        data = copy.deepcopy(base)
        if change:
            change(data)
        return WorkspaceFile.model_validate(data)

    return build
