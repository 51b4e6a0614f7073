"""A rebuild with nothing changed reuses the package; any changed input builds afresh."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from auditpack.evidence.collect import collect
from auditpack.evidence.store import EvidenceStore
from auditpack.package.build import BuildOptions, BuildResult, build_package
from auditpack.package.bundle import cache, signing
from auditpack.package.bundle.cache import CACHE_DIR, input_key
from auditpack.workspace.loader import load_workspace

REUSED = "nothing changed since the last build: reusing its package"
ZIPPED = "writing the ZIP; every evidence file is checked against the store"


def build(root: Path, out: Path, **options: object) -> tuple[BuildResult, list[str]]:
    steps: list[str] = []
    result = build_package(root, out, progress=steps.append, **options)  # type: ignore[arg-type]
    return result, steps


@pytest.fixture(autouse=True)
def steady_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave the tool's own code out of the key: other work may edit it while these tests run."""
    monkeypatch.setattr(cache, "_tool", lambda d: d.add("tool", "under test"))


@pytest.fixture
def workspace(demo_workspace: Path, tmp_path: Path) -> Path:
    """A private copy of the collected demo, without the shared session's cache."""
    root = tmp_path / "ws"
    shutil.copytree(demo_workspace, root, ignore=shutil.ignore_patterns("cache"))
    return root


def narrative_text(zip_path: Path, member: str) -> bytes:
    with zipfile.ZipFile(zip_path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(member))
        return archive.read(name)


def test_a_rebuild_with_nothing_changed_reuses_the_identical_package(
        workspace: Path, tmp_path: Path) -> None:
    first, steps = build(workspace, tmp_path / "a")
    assert REUSED not in steps and ZIPPED in steps
    again, steps = build(workspace, tmp_path / "b")
    assert REUSED in steps and ZIPPED not in steps
    fresh, _ = build(workspace, tmp_path / "c", use_cache=False)
    assert first.zip_path.read_bytes() == again.zip_path.read_bytes() == fresh.zip_path.read_bytes()
    assert again.sha256 == first.sha256 == fresh.sha256
    assert again.summary == first.summary == fresh.summary
    assert "controls:" in again.summary[0] and any("findings (POA&M)" in s for s in again.summary)
    assert again.model == first.model and again.zip_path.name == first.zip_path.name
    # the reused package still says what an examiner reads: manifest with every file
    manifest = json.loads(narrative_text(again.zip_path, "manifest.json"))
    assert manifest["package"] == first.model.package_name
    assert sum(1 for f in manifest["files"] if f["path"].startswith("evidence/")) == \
        len(first.model.evidence)


def _edit_workspace(root: Path) -> dict[str, object]:
    path = root / "auditpack.yaml"
    text = path.read_text(encoding="utf-8")
    assert "legal_name: Harbor Point" in text
    path.write_text(text.replace("legal_name: Harbor Point", "legal_name: Harbour Pointe", 1),
                    encoding="utf-8")
    return {}


def _new_evidence(root: Path) -> dict[str, object]:
    export = root / "exports" / "network-and-data-flow-description-2026.md"
    export.write_bytes(export.read_bytes() + b"\nRevised: the guest Wi-Fi is now isolated.\n")
    ws = load_workspace(root)
    with EvidenceStore.open(root) as store:  # the new version is collected
        collect(ws, store, now=dt.datetime(2026, 9, 30, 7, 0, tzinfo=dt.timezone.utc))
    return {}


def _other_as_of(root: Path) -> dict[str, object]:
    return {"as_of": dt.date(2026, 9, 29)}


def _source_date_epoch(root: Path) -> dict[str, object]:
    return {}


def _sign(root: Path) -> dict[str, object]:
    private, _ = signing.generate(root.parent / "signer")
    return {"sign_key": private}


CHANGES: dict[str, Callable[[Path], dict[str, object]]] = {
    "workspace edited": _edit_workspace, "evidence collected": _new_evidence,
    "another as-of date": _other_as_of, "SOURCE_DATE_EPOCH": _source_date_epoch,
    "signed": _sign}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_changed_input_never_reuses_a_stale_package(
        change: str, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = build(workspace, tmp_path / "a")
    if change == "SOURCE_DATE_EPOCH":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    options = CHANGES[change](workspace)
    again, steps = build(workspace, tmp_path / "b", **options)
    assert REUSED not in steps and ZIPPED in steps
    assert again.sha256 != first.sha256
    fresh, _ = build(workspace, tmp_path / "c", use_cache=False, **options)
    assert again.zip_path.read_bytes() == fresh.zip_path.read_bytes()
    if change == "workspace edited":
        assert b"Harbour Pointe" in narrative_text(again.zip_path, "manifest.json")
    then, steps = build(workspace, tmp_path / "d", **options)  # and that one is reused in turn
    assert REUSED in steps and then.sha256 == again.sha256


def test_a_package_edited_in_place_is_rebuilt_not_reused(workspace: Path, tmp_path: Path) -> None:
    """Issue 19, case 11: edit the built ZIP in place and put its times back; the next
    build must not hand back the altered file under the old sha256."""
    first, _ = build(workspace, tmp_path / "a")
    original = first.zip_path.read_bytes()
    before = first.zip_path.stat()
    with first.zip_path.open("r+b") as handle:  # the delivered ZIP shares the cache's bytes
        handle.seek(100)
        handle.write(b"\0\0\0\0")
    os.utime(first.zip_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    again, steps = build(workspace, tmp_path / "a")
    assert REUSED not in steps
    assert again.zip_path.read_bytes() == original and again.sha256 == first.sha256


def test_a_check_outcome_planted_in_the_cache_changes_nothing(workspace: Path,
                                                               tmp_path: Path) -> None:
    """Issue 19, case 1: a check's result comes from the evidence in the store, every build;
    no file under .auditpack/cache can stand in for it (there is no check-outcome cache)."""
    first, _ = build(workspace, tmp_path / "a", use_cache=False)
    control = mfa_control(first)
    need = next(n for n in first.model.control(control).needs if n.check == "mfa_coverage")
    assert need.status == "fail"
    assert not (workspace / ".auditpack" / "cache" / "checks").exists()
    forged = {"status": "pass", "summary": "406/406 enabled member accounts have MFA",
              "figures": {}, "exceptions": []}
    planted = workspace / ".auditpack" / "cache" / "checks"
    planted.mkdir(parents=True)
    for name in ("mfa_coverage.json", f"{'0' * 64}.json"):
        (planted / name).write_text(json.dumps(forged), encoding="utf-8")
    again, _ = build(workspace, tmp_path / "b", use_cache=False)
    assert next(n for n in again.model.control(control).needs
                if n.check == "mfa_coverage").status == "fail"
    assert again.sha256 == first.sha256


def mfa_control(result: BuildResult) -> str:
    return next(c.id for c in result.model.controls
                if any(n.check == "mfa_coverage" for n in c.needs))


def test_no_cache_and_keep_folder_always_build_and_leave_their_package_in_the_cache(
        workspace: Path, tmp_path: Path) -> None:
    build(workspace, tmp_path / "a")
    _, steps = build(workspace, tmp_path / "b", use_cache=False)
    assert REUSED not in steps
    kept, steps = build(workspace, tmp_path / "c", keep_folder=True)
    assert REUSED not in steps and kept.folder is not None
    assert (kept.folder / "manifest.json").is_file()
    other = dt.date(2026, 9, 28)
    uncached, steps = build(workspace, tmp_path / "d", as_of=other, use_cache=False)
    assert REUSED not in steps
    then, steps = build(workspace, tmp_path / "e", as_of=other)  # --no-cache stored its package
    assert REUSED in steps and then.sha256 == uncached.sha256


def test_only_the_most_recently_used_entries_are_kept(workspace: Path, tmp_path: Path) -> None:
    for day in (26, 27, 28, 29):
        build(workspace, tmp_path / f"out{day}", as_of=dt.date(2026, 9, day))
    entries = [p for p in (workspace / CACHE_DIR).iterdir() if not p.name.startswith(".")]
    assert len(entries) == cache.KEEP == 3
    _, steps = build(workspace, tmp_path / "again", as_of=dt.date(2026, 9, 26))
    assert REUSED not in steps  # the oldest entry went first
    _, steps = build(workspace, tmp_path / "again", as_of=dt.date(2026, 9, 29))
    assert REUSED in steps


def test_every_build_option_is_part_of_the_key(workspace: Path, tmp_path: Path) -> None:
    not_options = {"root", "out_dir", "progress", "keep_folder", "use_cache"}
    params = [p for p in inspect.signature(build_package).parameters if p not in not_options]
    fields = [f.name for f in dataclasses.fields(BuildOptions)]
    assert params == fields  # a new option of build_package must be part of the key
    out = tmp_path / "out"
    base = input_key(workspace, out, BuildOptions().key_values())
    changed = {"frameworks": ("nist-csf-2.0",), "as_of": dt.date(2026, 9, 1),
               "period": (dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
               "sign_key": tmp_path / "k.key", "requests": "list", "copy_per_request": True,
               "reveal_names": True}
    assert set(changed) == set(fields)
    for name, value in changed.items():
        options = dataclasses.replace(BuildOptions(), **{name: value})
        assert input_key(workspace, out, options.key_values()) != base, name
    key_file = tmp_path / "k.key"
    key_file.write_bytes(b"one")
    signed = BuildOptions(sign_key=key_file)
    one = input_key(workspace, out, signed.key_values())
    key_file.write_bytes(b"two")
    two = input_key(workspace, out, signed.key_values())
    assert two != one  # a named file's content counts, not just its name
    (workspace / "exports" / "new-export.csv").write_text("collection reads this, a build does not")
    assert input_key(workspace, out, signed.key_values()) == two
    (workspace / "templates").mkdir(exist_ok=True)
    (workspace / "templates" / "cover.md.j2").write_text("a template the build reads")
    assert input_key(workspace, out, signed.key_values()) != two


def test_a_cached_zip_changed_with_its_size_and_times_kept_is_not_delivered(
        workspace: Path, tmp_path: Path) -> None:
    first, _ = build(workspace, tmp_path / "a")
    original = first.zip_path.read_bytes()
    first.zip_path.unlink()  # the delivered copy; the cache keeps its own
    (cached,) = (workspace / CACHE_DIR).rglob("*.zip")
    before = cached.stat()
    data = bytearray(cached.read_bytes())
    data[200] ^= 0xFF
    cached.write_bytes(bytes(data))
    os.utime(cached, ns=(before.st_atime_ns, before.st_mtime_ns))
    again, steps = build(workspace, tmp_path / "b")
    assert REUSED not in steps and ZIPPED in steps
    assert again.zip_path.read_bytes() == original


def test_the_tool_and_its_version_are_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real fingerprint of the tool
    first, second = cache._Digest(), cache._Digest()
    cache._tool(first)
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    cache._tool(second)
    assert first.hexdigest() != second.hexdigest()


def test_the_cli_builds_afresh_with_no_cache(workspace: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from auditpack.cli import cli
    from auditpack.package import build as build_module

    seen: list[bool] = []
    real = build_module.build_package

    def spy(*args: object, **kwargs: object) -> BuildResult:
        seen.append(bool(kwargs.get("use_cache", True)))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("auditpack.commands.package.build_package", spy)
    args = ["build", "--workspace", str(workspace), "-o", str(tmp_path / "out"), "--quiet"]
    first = CliRunner().invoke(cli, [*args, "--no-cache"])
    second = CliRunner().invoke(cli, args)
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert seen == [False, True]
    assert "sha256:" in first.output and first.output.splitlines()[-1] == second.output.splitlines()[-1]


def test_a_damaged_cached_model_is_a_fresh_build_not_a_crash(workspace: Path,
                                                              tmp_path: Path) -> None:
    first, _ = build(workspace, tmp_path / "a")
    (model_file,) = (workspace / CACHE_DIR).rglob("model.json")
    model_file.write_bytes(model_file.read_bytes().replace(b'"E-0001"', b'"E-9999"', 1))
    again, steps = build(workspace, tmp_path / "b")
    assert REUSED not in steps and ZIPPED in steps
    assert again.model == first.model and again.sha256 == first.sha256


def test_the_cli_prints_the_same_summary_for_a_cached_build(workspace: Path,
                                                            tmp_path: Path) -> None:
    from click.testing import CliRunner

    from auditpack.cli import cli

    runs = [CliRunner().invoke(cli, ["build", "--workspace", str(workspace), "-o",
                                      str(tmp_path / name), "--quiet"]) for name in ("a", "b")]
    assert [r.exit_code for r in runs] == [0, 0], runs[0].output
    fresh, cached = (r.output.splitlines() for r in runs)
    assert fresh[0].startswith("controls: ") and any(line.startswith("sha256:") for line in fresh)
    assert [line for line in cached if not line.startswith("package:")] == \
        [line for line in fresh if not line.startswith("package:")]
