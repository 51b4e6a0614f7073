"""Loading a workspace: a good one loads; each kind of bad input is a located error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from auditpack.errors import WorkspaceError
from auditpack.workspace.loader import load_workspace

GOOD = Path(__file__).parent / "fixtures" / "workspace"


@pytest.fixture()
def ws_dir(tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(GOOD, target)
    return target


def edit(ws_dir: Path, old: str, new: str, name: str = "auditpack.yaml") -> None:
    """Replace text in a workspace file (the old text must be there)."""
    path = ws_dir / name
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def problems(ws_dir: Path) -> list[str]:
    with pytest.raises(WorkspaceError) as info:
        load_workspace(ws_dir)
    return [str(p) for p in info.value.problems]


def test_good_workspace_loads_with_overrides_and_not_applicable() -> None:
    ws = load_workspace(GOOD)
    assert ws.file.organization.short_name == "Test Valley"
    assert [c.id for c in ws.controls.controls] == ["TV-IAM-01", "TV-IAM-02", "TV-IR-01"]
    assert ws.controls.by_id()["TV-IR-01"].frequency == "semiannual"
    assert ws.controls.by_id()["TV-IR-01"].origin == "workspace"
    assert [c.id for c in ws.active_controls()] == ["TV-IAM-01", "TV-IR-01"]
    assert ws.not_applicable["TV-IAM-02"].startswith("No privileged")


def test_wrong_type_is_located(ws_dir: Path) -> None:
    edit(ws_dir, "headcount: 120", "headcount: lots")
    (p,) = problems(ws_dir)
    assert "'lots' is not of type 'integer'" in p and "auditpack.yaml:7" in p


def test_unknown_key_is_located(ws_dir: Path) -> None:
    edit(ws_dir, "  industry: financial", "  industry: financial\n  sector: banking")
    (p,) = problems(ws_dir)
    assert "unknown field: 'sector'" in p and "auditpack.yaml:" in p


def test_unknown_catalog_is_located(ws_dir: Path) -> None:
    edit(ws_dir, "frameworks: [ftc-safeguards,", "frameworks: [iso-27001, ftc-safeguards,")
    (p,) = problems(ws_dir)
    assert "unknown catalog 'iso-27001'" in p and "auditpack.yaml:12" in p


def test_unknown_requirement_in_exclusion_is_located(ws_dir: Path) -> None:
    edit(ws_dir, 'requirements: ["9"]', 'requirements: ["99.9"]')
    (p,) = problems(ws_dir)
    assert "'99.9' is not a requirement of pci-dss-4.0.1" in p and "auditpack.yaml:16" in p


def test_unknown_control_in_not_applicable_is_located(ws_dir: Path) -> None:
    edit(ws_dir, "control: TV-IAM-02", "control: TV-XX-09")
    (p,) = problems(ws_dir)
    assert "unknown control 'TV-XX-09'" in p and "[controls.not_applicable[0].control]" in p


def test_unknown_requirement_in_own_control_is_located(ws_dir: Path) -> None:
    edit(ws_dir, 'cis-controls-v8: ["5.4"]', 'cis-controls-v8: ["5.99"]', "controls/own.yaml")
    (p,) = problems(ws_dir)
    assert "'5.99' is not a requirement of cis-controls-v8" in p and "own.yaml:21" in p


def test_override_with_bad_value_and_unknown_field(ws_dir: Path) -> None:
    edit(ws_dir, "TV-IR-01: {frequency: semiannual}",
         "TV-IR-01: {frequency: fortnightly}\n    TV-IAM-01: {owner: ann}")
    found = "\n".join(problems(ws_dir))
    assert "'fortnightly' is not one of" in found
    assert "cannot override owner" in found


def test_control_file_outside_the_workspace_is_refused(ws_dir: Path) -> None:
    edit(ws_dir, "files: [controls/own.yaml]", "files: [controls/own.yaml, ../../etc/x.yaml]")
    found = "\n".join(problems(ws_dir))
    assert "'../../etc/x.yaml' must be a path relative to this folder" in found
    assert "auditpack.yaml:46" in found


def test_symlink_escaping_the_workspace_is_refused(ws_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    shutil.copy(ws_dir / "controls" / "own.yaml", outside)
    (ws_dir / "controls" / "link.yaml").symlink_to(outside)
    edit(ws_dir, "files: [controls/own.yaml]", "files: [controls/link.yaml]")
    found = problems(ws_dir)
    assert "control file 'controls/link.yaml' is outside the workspace" in found[0]


def test_every_problem_at_once(ws_dir: Path) -> None:
    edit(ws_dir, 'requirements: ["9"]', 'requirements: ["99.9"]')
    edit(ws_dir, "control: TV-IAM-02", "control: TV-XX-09")
    edit(ws_dir, "    identity_and_access:", "    juggling: {R: [ann], A: ann}\n    identity_and_access:")
    assert len(problems(ws_dir)) == 3


def test_missing_workspace_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError) as info:
        load_workspace(tmp_path)
    assert info.value.hint and "auditpack init" in info.value.hint


def test_dates_must_be_real_dates(ws_dir: Path) -> None:
    edit(ws_dir, "as_of: 2026-09-30", "as_of: 2026-02-30")
    found = "\n".join(problems(ws_dir))
    assert "as_of" in found
