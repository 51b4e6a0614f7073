"""A package model of the credit-union demo, collected and checked, shared by the package tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from auditpack.evidence.collect import collect
from auditpack.evidence.store import EvidenceStore
from auditpack.package.model.assemble import Assembled, assemble_model
from auditpack.package.model.views import PackageModel
from auditpack.workspace.loader import load_workspace
from auditpack.workspace.scaffold import copy_demo

COLLECTED_AT = dt.datetime(2026, 9, 30, 6, 0, tzinfo=dt.timezone.utc)


def collected_demo(target: Path, demo: str = "credit-union") -> Path:
    """Copy a demo workspace and collect its evidence."""
    copy_demo(target, demo)
    with EvidenceStore.open(target) as store:
        collect(load_workspace(target), store, now=COLLECTED_AT)
    return target


@pytest.fixture(scope="session")
def collect_demo() -> Callable[..., Path]:
    """`collected_demo`, for test modules (importing conftest by name clashes with others)."""
    return collected_demo


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The credit-union demo with its evidence collected (built once per test session)."""
    return collected_demo(tmp_path_factory.mktemp("demo") / "credit-union")


@pytest.fixture(scope="session")
def assembled(demo_workspace: Path) -> Assembled:
    """The assembled credit-union package."""
    return assemble_model(demo_workspace)


@pytest.fixture(scope="session")
def package_model(assembled: Assembled) -> PackageModel:
    """The credit-union demo's package model."""
    return assembled.model
