"""CLI wiring of collect, check, evidence, store verify, build, verify and keygen."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from auditpack.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "workspace"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_collect_check_list_show_history_and_verify(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(FIXTURE, ws)
    code, out, err = run("collect", "--workspace", str(ws))
    assert code == 0, err
    assert "E-0001  entra-mfa  v1  5 record(s)" in out and "3 item(s) recorded" in out
    code, out, _ = run("check", "--workspace", str(ws), "--format", "json")
    results = {r["control"]: r for r in json.loads(out)}
    assert code == 0 and results["TV-IAM-01"]["status"] == "fail"
    code, out, _ = run("check", "--workspace", str(ws))
    assert "2/3 enabled member accounts" in out and "fail: 1" in out
    code, out, _ = run("evidence", "list", "--workspace", str(ws), "--format", "json")
    sources = {r["source"] for r in json.loads(out)}
    assert {"entra-mfa", "entra-mfa/records", "ir-plan", "check/TV-IAM-01"} <= sources
    code, out, _ = run("evidence", "show", "E-0002", "--workspace", str(ws))
    shown = json.loads(out)
    assert shown["derived_from"] == "E-0001" and shown["records"] == 5
    run("collect", "--workspace", str(ws), "--source", "ir-plan", "--quiet")
    code, out, _ = run("evidence", "history", "ir-plan", "--workspace", str(ws), "--format", "json")
    assert [r["version"] for r in json.loads(out)] == [1, 2]
    code, out, _ = run("store", "verify", "--workspace", str(ws))
    assert code == 0 and "custody chain intact" in out
    code, _, err = run("evidence", "show", "E-9999", "--workspace", str(ws))
    assert code == 2 and "no evidence 'E-9999'" in err


def test_collect_quiet_prints_nothing_but_errors(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(FIXTURE, ws)
    code, out, err = run("collect", "--workspace", str(ws), "--quiet")
    assert (code, out, err) == (0, "", "")
    code, out, _ = run("evidence", "list", "--workspace", str(ws), "--format", "json")
    assert {"entra-mfa", "ir-plan"} <= {r["source"] for r in json.loads(out)}
    code, out, err = run("collect", "--workspace", str(ws), "--source", "nope", "--quiet")
    assert code == 2 and out == "" and "unknown source(s): nope" in err


def test_store_verify_names_a_tampered_blob(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(FIXTURE, ws)
    run("collect", "--workspace", str(ws), "--quiet")
    db = sqlite3.connect(ws / ".auditpack" / "index.sqlite")
    (sha,) = db.execute("SELECT sha256 FROM items WHERE evidence_id = 'E-0003'").fetchone()
    db.close()
    blob = ws / ".auditpack" / "store" / "blobs" / sha[:2] / sha
    blob.chmod(0o644)
    blob.write_bytes(b"edited")
    code, _, err = run("store", "verify", "--workspace", str(ws))
    assert code == 2 and "E-0003: blob content does not match its sha256" in err


def test_collect_unknown_source_is_a_user_error(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(FIXTURE, ws)
    code, _, err = run("collect", "--workspace", str(ws), "--source", "nope")
    assert code == 2 and "unknown source(s): nope" in err


def test_build_demo_verify_and_keygen(tmp_path: Path) -> None:
    code, out, err = run("keygen", str(tmp_path / "signer"))
    assert code == 0 and "fingerprint:" in out
    code, out, err = run("build", "--demo", "-o", str(tmp_path / "out"), "--sign",
                         str(tmp_path / "signer.key"), "--quiet")
    assert code == 0, err
    package = next((tmp_path / "out").glob("*.zip"))
    assert f"package: {package}" in out and "sha256:" in out and "readiness" in out
    code, out, _ = run("verify", str(package), "--key", str(tmp_path / "signer.pub"))
    assert code == 0 and "signature holds" in out
    package.write_bytes(package.read_bytes()[:-40] + b"\0" * 40)
    code, _, err = run("verify", str(package))
    assert code == 2 and "Traceback" not in err


def test_build_rejects_bad_options(tmp_path: Path) -> None:
    code, _, err = run("build", "--workspace", str(FIXTURE), "--period", "2026-09-30:2026-01-01",
                       "-o", str(tmp_path))
    assert code == 2 and "starts after it ends" in err
    code, _, err = run("build", "--workspace", str(FIXTURE), "--as-of", "yesterday", "-o", str(tmp_path))
    assert code == 2 and "not a date" in err
