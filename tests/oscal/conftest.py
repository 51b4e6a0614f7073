"""Both demo packages, each collected and built once per test session."""

from __future__ import annotations

import pytest
from oscal_demos import DEMOS, Built, collected_demo

from auditpack.package.build import build_package


@pytest.fixture(scope="session", params=DEMOS)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A demo package and its OSCAL files (credit-union, then law-firm)."""
    demo = str(request.param)
    root = collected_demo(tmp_path_factory.mktemp(demo) / demo, demo)
    return Built(root, build_package(root, tmp_path_factory.mktemp(f"{demo}-out")))
