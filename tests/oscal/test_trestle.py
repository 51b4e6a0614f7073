"""Every OSCAL file auditpack writes, loaded and validated by IBM's compliance-trestle.

trestle is an independent OSCAL client: its pydantic models express what the generated
JSON Schemas miss (a group holds groups or controls, never both), and `trestle validate`
resolves an SSP's profile and the catalogs it imports. trestle resolves a relative href
against the current directory (not against the document holding it), so each check runs
from inside the package's oscal/ folder, as a user running trestle there would.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from oscal_demos import Built
from trestle.core.profile_resolver import ProfileResolver
from trestle.core.validator_factory import validator_factory
from trestle.oscal import (
    assessment_plan,
    assessment_results,
    catalog,
    component,
    poam,
    profile,
    ssp,
)

from auditpack.cli import cli

MODELS = {"catalog": catalog.Catalog, "profile": profile.Profile,
          "system-security-plan": ssp.SystemSecurityPlan,
          "component-definition": component.ComponentDefinition,
          "assessment-plan": assessment_plan.AssessmentPlan,
          "assessment-results": assessment_results.AssessmentResults,
          "plan-of-action-and-milestones": poam.PlanOfActionAndMilestones}
BUILTIN = ["ftc-safeguards", "nist-csf-2.0", "cis-controls-v8", "pci-dss-4.0.1", "nist-sp-800-207"]


def _trestle(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trestle", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def trestle_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty trestle workspace (`trestle init`)."""
    root = tmp_path_factory.mktemp("trestle")
    run = _trestle("init", cwd=root)
    assert run.returncode == 0, run.stdout + run.stderr
    return root


def trestle_verdict(path: Path, root: Path) -> str | None:
    """Load a file with trestle's model of its kind and run every validator of `trestle
    validate` (duplicates, refs, links, catalog, the SSP's profile resolution); return
    trestle's complaint, or None when it accepts the file."""
    kind = next(iter(json.loads(path.read_text(encoding="utf-8"))))
    validator = validator_factory.get(argparse.Namespace(mode="all"))
    try:
        model = MODELS[kind].oscal_read(path)
        return None if validator.model_is_valid(model, True, root) else validator.error_msg()
    except Exception as exc:  # trestle raises its own errors and pydantic's
        return f"{type(exc).__name__}: {exc}"


def test_trestle_accepts_every_file_of_the_package(built: Built, trestle_root: Path,
                                                   tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    folder = built.extract_oscal(tmp_path)
    monkeypatch.chdir(folder)
    names = sorted(built.oscal)
    assert "profile.json" in names and any(n.startswith("catalogs/") for n in names)
    verdicts = {name: trestle_verdict(folder / name, trestle_root) for name in names}
    assert {n: v for n, v in verdicts.items() if v is not None} == {}


def test_trestle_resolves_the_ssp_baseline_to_the_requirements_in_scope(
        built: Built, trestle_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(built.extract_oscal(tmp_path))
    resolved = ProfileResolver().get_resolved_profile_catalog(trestle_root, "profile.json")
    ids: list[str] = []
    for group in resolved.groups or []:
        stack = [group]
        while stack:
            node = stack.pop()
            ids += [c.id for c in getattr(node, "controls", None) or []]
            stack += list(getattr(node, "groups", None) or [])
            stack += list(getattr(node, "controls", None) or [])
    ids += [c.id for c in resolved.controls or []]
    ssp_ids = [r["control-id"] for r in built.docs["system-security-plan.json"][
        "control-implementation"]["implemented-requirements"]]
    assert sorted(ids) == sorted(ssp_ids)


def test_trestle_import_takes_the_ssp_with_its_profile(built: Built, trestle_root: Path,
                                                        tmp_path: Path) -> None:
    folder = built.extract_oscal(tmp_path)
    name = built.model.package_name
    run = _trestle("import", "-tr", str(trestle_root), "-f", "system-security-plan.json",
                   "-o", name, cwd=folder)
    assert run.returncode == 0 and "ERROR" not in run.stderr, run.stdout + run.stderr
    imported = trestle_root / "system-security-plans" / name / "system-security-plan.json"
    assert json.loads(imported.read_text(encoding="utf-8"))["system-security-plan"]["uuid"] == \
        built.docs["system-security-plan.json"]["uuid"]


@pytest.mark.parametrize("catalog_id", BUILTIN)
def test_trestle_accepts_every_exported_builtin_catalog(catalog_id: str, trestle_root: Path,
                                                        tmp_path: Path) -> None:
    out = tmp_path / f"{catalog_id}.json"
    run = CliRunner().invoke(cli, ["oscal", "export-catalog", catalog_id, "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert trestle_verdict(out, trestle_root) is None
