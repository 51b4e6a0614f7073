"""Both demo packages, built once, with their OSCAL files (shared by conftest and the tests)."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

from auditpack.evidence.collect import collect
from auditpack.evidence.store import EvidenceStore
from auditpack.package.build import BuildResult
from auditpack.package.model.views import PackageModel
from auditpack.workspace.loader import load_workspace
from auditpack.workspace.scaffold import copy_demo

DEMOS = ("credit-union", "law-firm")
ROOT_KEYS = {"component-definition.json": "component-definition",
             "system-security-plan.json": "system-security-plan",
             "assessment-plan.json": "assessment-plan",
             "assessment-results.json": "assessment-results",
             "plan-of-action-and-milestones.json": "plan-of-action-and-milestones",
             "profile.json": "profile"}
COLLECTED_AT = dt.datetime(2026, 9, 30, 6, 0, tzinfo=dt.timezone.utc)


def collected_demo(target: Path, demo: str) -> Path:
    """Copy a bundled demo workspace and collect its evidence at a fixed time."""
    copy_demo(target, demo)
    with EvidenceStore.open(target) as store:
        collect(load_workspace(target), store, now=COLLECTED_AT)
    return target


class Built:
    """A demo workspace, its built package, and the package's OSCAL files read from the ZIP."""

    def __init__(self, root: Path, result: BuildResult) -> None:
        self.root = root
        self.result = result
        self.model: PackageModel = result.model
        with zipfile.ZipFile(result.zip_path) as archive:
            self.names = archive.namelist()
            prefix = f"{self.model.package_name}/"
            self.entries = {n[len(prefix):]: archive.read(n) for n in self.names}
        self.docs: dict[str, Any] = {
            name: json.loads(self.entries[f"oscal/{name}"])[key] for name, key in ROOT_KEYS.items()}

    @property
    def oscal(self) -> dict[str, bytes]:
        """Every file under oscal/, by its path inside that folder."""
        return {n[len("oscal/"):]: b for n, b in self.entries.items() if n.startswith("oscal/")}

    def extract_oscal(self, folder: Path) -> Path:
        """Write the package's oscal/ folder under `folder`; return its path."""
        target = folder / "oscal"
        for name, body in self.oscal.items():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(body)
        return target
