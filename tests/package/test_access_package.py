"""The law-firm package: the matter-access review in the workbook and narrative, and pseudonymised names.

Real client and matter names are read from the demo's own exports, so a name that leaks
into any member of the ZIP (DOCX or XLSX XML, evidence, manifest) fails the test.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from auditpack.evidence.collect import collect
from auditpack.evidence.store import EvidenceStore
from auditpack.package.build import BuildResult, build_demo, build_package
from auditpack.package.bundle.verify import verify_package
from auditpack.package.model.access_views import AccessView
from auditpack.package.model.pseudonymise import rewrite, write_renditions
from auditpack.package.model.pseudonyms import name_table
from auditpack.workspace.loader import load_workspace
from auditpack.workspace.scaffold import demo_path

MATTER_LIST = "matter-list-2026-09-28.csv"
COLLECTED_AT = dt.datetime(2026, 9, 30, 6, 0, tzinfo=dt.timezone.utc)


def real_names(exports: Path) -> set[str]:
    """Every client and matter name (and description) in a matter list export."""
    with (exports / MATTER_LIST).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = [c for c in rows[0] if any(w in c.lower() for w in ("name", "description"))
               and "attorney" not in c.lower()]
    assert "Matter Name" in columns
    return {row[c] for row in rows for c in columns if row[c]}


def members(zip_path: Path) -> Iterator[tuple[str, str]]:
    """Yield every member of the package as text, opening the DOCX and XLSX containers too."""
    with zipfile.ZipFile(zip_path) as archive:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename.endswith((".docx", ".xlsx")):
                with zipfile.ZipFile(io.BytesIO(data)) as inner:
                    for part in inner.infolist():
                        yield f"{info.filename}!{part.filename}", \
                            inner.read(part).decode("utf-8", "replace")
            else:
                yield info.filename, data.decode("utf-8", "replace")


def leaks(zip_path: Path, names: set[str]) -> dict[str, set[str]]:
    """Return, per member, the real names found in it (case-insensitive)."""
    lowered = {n: n.lower() for n in names}
    found: dict[str, set[str]] = {}
    for member, text in members(zip_path):
        low = text.lower()
        hits = {n for n, ln in lowered.items() if ln in low}
        if hits:
            found[member] = hits
    return found


def read(zip_path: Path, suffix: str) -> bytes:
    """Return one member's bytes."""
    with zipfile.ZipFile(zip_path) as archive:
        return archive.read(next(n for n in archive.namelist() if n.endswith(suffix)))


def sheet(zip_path: Path, name: str) -> list[tuple[object, ...]]:
    """Return a workbook sheet's rows."""
    book = openpyxl.load_workbook(io.BytesIO(read(zip_path, "Control-Matrix.xlsx")), read_only=True)
    return [tuple(r) for r in book[name].iter_rows(values_only=True)]


def docx_text(zip_path: Path) -> str:
    """Return the narrative's document.xml."""
    with zipfile.ZipFile(io.BytesIO(read(zip_path, "Audit-Narrative.docx"))) as inner:
        return inner.read("word/document.xml").decode()


@pytest.fixture(scope="module")
def names() -> set[str]:
    return real_names(demo_path("law-firm") / "exports")


@pytest.fixture(scope="module")
def hidden(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_demo(tmp_path_factory.mktemp("hidden"), "law-firm")


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_demo(tmp_path_factory.mktemp("shown"), "law-firm", reveal_names=True)


def access(result: BuildResult) -> AccessView:
    assert result.model.access is not None
    return result.model.access


# ---- pseudonymisation ---------------------------------------------------------------------------


def test_no_real_client_or_matter_name_anywhere_in_the_zip(hidden: BuildResult,
                                                          names: set[str]) -> None:
    assert len(names) >= 50
    assert leaks(hidden.zip_path, names) == {}
    xml = docx_text(hidden.zip_path)
    assert "Matter M-00" in xml and "23334-012" in xml   # pseudonyms, and matter numbers kept


def test_reveal_names_shows_them(shown: BuildResult, names: set[str]) -> None:
    found = leaks(shown.zip_path, names)
    assert any(m.endswith("Control-Matrix.xlsx!xl/sharedStrings.xml") for m in found)
    assert any(m.endswith("Audit-Narrative.docx!word/document.xml") for m in found)
    assert any("matter-list" in m for m in found)
    assert "Project Quartz" in docx_text(shown.zip_path)
    assert shown.model.names is not None and not shown.model.names.pseudonymised
    assert not any(e.rendition for e in shown.model.evidence)


def test_evidence_renditions_are_marked_and_verify(hidden: BuildResult) -> None:
    manifest = json.loads(read(hidden.zip_path, "manifest.json"))
    assert manifest["names"]["pseudonymised"] is True
    renditions = {f["evidence_id"]: f for f in manifest["files"] if "rendition" in f}
    raw = (demo_path("law-firm") / "exports" / MATTER_LIST).read_bytes()
    matter_list = next(f for f in renditions.values() if "matter-list" in f["path"]
                       and f["path"].endswith(".pseudonymised.csv"))
    assert matter_list["rendition"]["original_sha256"] == hashlib.sha256(raw).hexdigest()
    assert matter_list["rendition"]["kind"] == "pseudonymised"
    assert matter_list["sha256"] != matter_list["rendition"]["original_sha256"]
    assert any("imanage" in f["path"] for f in renditions.values())
    # files without a name go in untouched, under their usual name
    assert all(f["path"].endswith(".pseudonymised" + f["path"].rsplit(".pseudonymised", 1)[1])
               for f in renditions.values())
    assert any(f["path"].startswith("evidence/") and "rendition" not in f
               for f in manifest["files"])
    text = read(hidden.zip_path, matter_list["path"]).decode("utf-8-sig")
    assert "Client Number,Matter Number,Matter Name" in text and "Matter M-0001" in text
    assert verify_package(hidden.zip_path) == []


def test_rebuild_is_byte_identical(hidden: BuildResult, tmp_path: Path) -> None:
    again = build_demo(tmp_path, "law-firm")
    assert again.sha256 == hidden.sha256
    assert again.zip_path.read_bytes() == hidden.zip_path.read_bytes()


def test_client_names_and_descriptions_are_pseudonymised_too(tmp_path: Path) -> None:
    """A matter list with client names and a description column leaks neither."""
    root = tmp_path / "ws"
    shutil.copytree(demo_path("law-firm"), root)
    path = root / "exports" / MATTER_LIST
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    clients = {r["Client Number"]: f"Halvorsen {r['Client Number'][-3:]} Holdings" for r in rows}
    secrets = set(clients.values())
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.DictWriter(handle, ["Client", *rows[0], "Description"])
        out.writeheader()
        for r in rows:
            desc = f"Acquisition of Brightwater {r['Matter Number'][-3:]} plant"
            secrets.add(desc)
            out.writerow({"Client": clients[r["Client Number"]], **r, "Description": desc})
    with EvidenceStore.open(root) as store:
        collect(load_workspace(root), store, now=COLLECTED_AT)
    result = build_package(root, tmp_path / "out")
    assert leaks(result.zip_path, secrets) == {}
    assert result.model.names is not None and result.model.names.clients == len(set(clients.values()))
    assert "Client C-0001" in read(result.zip_path, ".pseudonymised.csv").decode() or \
        any("Client C-0001" in text for _, text in members(result.zip_path))
    assert verify_package(result.zip_path) == []


def test_name_table_numbers_and_streaming() -> None:
    table = name_table(
        [{"matter": "ACME-001", "client": "Acme Corp", "name": "Harbour Bid"},
         {"matter": "ZETA-002", "client": "Zeta plc", "name": "Caf\u00e9 \"Nord\""}],
        {"ACME-001": {"ACME-001 Harbour Bid"}})
    assert not table.numbers_kept   # matter numbers that read as names are replaced as well
    assert table.text("ACME-001 Harbour Bid for Acme Corp") == "M-0001 Matter M-0001 for Client C-0001"
    assert table.text("harbour\n   bid; Harbourside") == "Matter M-0001; Harbourside"
    # names split across the streaming chunk boundary, JSON-escaped and CSV-quoted spellings
    body = ("x" * ((1 << 20) - 5) + " Harbour Bid \n" + json.dumps({"n": "Caf\u00e9 \"Nord\""})
            + '\n"Caf\u00e9 ""Nord"""\n')
    out = io.BytesIO()
    result = rewrite(io.BytesIO(body.encode()), out, table)
    assert result is not None and result.replaced == 3
    assert result.counts == {"Matter M-0001": 1, "Matter M-0002": 2}
    text = out.getvalue().decode()
    assert "Harbour" not in text and "Nord" not in text and text.count("Matter M-0002") == 2
    assert result.sha256 == hashlib.sha256(out.getvalue()).hexdigest()
    assert rewrite(io.BytesIO(b"PK\x03\x04\xff\xfe\x00\x81"), io.BytesIO(), table) is None


def test_a_binary_export_of_a_name_bearing_kind_is_withheld(hidden: BuildResult,
                                                             tmp_path: Path) -> None:
    with EvidenceStore.open(tmp_path) as store:
        sha, size = store.put_stream([b"PK\x03\x04\x00\xff\xfe\x81 Project Fennel"])
        ref = hidden.model.evidence[0].model_copy(update={
            "sha256": sha, "size": size, "kind": "matter_list", "path": "evidence/E-0099_m.xlsx"})
        model = hidden.model.model_copy(update={"evidence": (ref,)})
        table = name_table([{"matter": "20495-008", "name": "Project Fennel"}], {})
        done, files = write_renditions(store, model, table, tmp_path / "renditions")
    out = done.evidence[0]
    assert out.rendition is not None and out.rendition.kind == "withheld"
    assert out.path == "evidence/E-0099_m.withheld.txt" and out.rendition.original_sha256 == sha
    note = files[out.sha256].read_bytes()
    assert hashlib.sha256(note).hexdigest() == out.sha256 and b"Fennel" not in note
    assert sha in note.decode() and "--reveal-names" in note.decode()


# ---- the review in the workbook and the narrative ------------------------------------------------


def test_access_review_sheet_shows_the_planted_findings(hidden: BuildResult) -> None:
    rows = sheet(hidden.zip_path, "Access Review")
    assert rows[0][:4] == ("Matter", "Privileged", "Closed", "Person")
    wall = [r for r in rows if r[0] == "23334-012" and r[3] == "Colleen Lin"]
    assert wall and wall[0][7] == "CW-DOCKETING ⊂ CW-RECORDS"
    assert "Ethical wall breach" in str(wall[0][8]) and "Matter M-" in str(wall[0][9])
    leaver = [r for r in rows if r[3] == "Nathan Greer" and r[0] == "30112-002"]
    assert leaver and "Leaver access" in str(leaver[0][8])
    public = [r for r in rows if r[0] == "28840-011" and r[4] == "*"]
    assert public and "Public privileged matter" in str(public[0][8])
    # every finding on a person and one matter is on the sheet, under its label
    view = access(hidden)
    for f in view.findings:
        if f.person and f.matter and "," not in f.matter and f.category != "expired_break_glass":
            assert any(r[0] == f.matter and r[3] == f.person and f.label in str(r[8])
                       for r in rows), f
    assert any("effective access pairs" in str(r[0]) for r in rows[-3:])
    listed = [r for r in rows[1:] if r[1] in ("yes", "no")]
    assert len(listed) == view.totals["rows_listed"] < view.totals["effective_pairs"]


def test_provider_access_sheet(hidden: BuildResult) -> None:
    rows = sheet(hidden.zip_path, "Provider Access")
    assert rows[0][:4] == ("Person", "Login", "Matters reachable", "Matter")
    lopez = [r for r in rows if r[1] == "FMS-MLOPEZ"]
    assert lopez and lopez[0][7] == "CW-104871" and "expired" in str(lopez[0][8])
    assert "Expired break-glass" in str(lopez[0][9])
    rao = [r for r in rows if r[1] == "FMS-SRAO"]
    assert rao and "in force" in str(rao[0][8])
    people = {r[0] for r in rows[1:] if r[1]}
    assert {"Ian McAllister (Fabrikam)", "Beth Coleman (Fabrikam)"} <= people
    for f in access(hidden).findings:
        if f.category == "provider_standing_access":
            assert any(r[1] == f.subject and r[3] == f.matter and
                       "Provider standing access" in str(r[9]) for r in rows)


def test_narrative_section_has_policy_totals_and_findings(hidden: BuildResult) -> None:
    xml = docx_text(hidden.zip_path)
    view = access(hidden)
    assert "Matter access review" in xml and "Policy in force" in xml
    assert "allow_direct_grants" in xml and "auditpack.yaml" in xml
    assert f"{view.totals['effective_pairs']:,} person-matter pairs" in xml
    assert f"{view.totals['people']:,} in the directory" in xml
    assert f"{view.totals['privileged_matters']:,} privileged" in xml
    for source in view.sources:
        assert ", ".join(source.evidence) in xml
    for f in view.findings[:50]:
        assert f.detail.replace("&", "&amp;").replace("'", "&apos;")[:60] in \
            xml.replace("'", "&apos;") or f.detail[:40] in xml
    assert "SP 800-207 3.1-DS-5" in xml and "CIS v8" in xml and "PR.AA-05" in xml
    # the chapter numbers the text cites still match the headings
    assert "Exceptions and remediation plan (POA&amp;M)" in xml


def test_credit_union_package_has_no_access_sheets(demo_workspace: Path, tmp_path: Path) -> None:
    result = build_package(demo_workspace, tmp_path / "out", use_cache=False)
    assert result.model.access is None and result.model.names is None
    book = openpyxl.load_workbook(io.BytesIO(read(result.zip_path, "Control-Matrix.xlsx")),
                                  read_only=True)
    assert "Access Review" not in book.sheetnames
    assert "Matter access review" not in docx_text(result.zip_path)


def test_cli_reveal_names_option(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from auditpack.cli import cli

    runner = CliRunner()
    helped = runner.invoke(cli, ["build", "--help"])
    assert helped.exit_code == 0 and "--reveal-names" in helped.output
    assert "pseudonymised" in " ".join(helped.output.split())
    done = runner.invoke(cli, ["build", "--demo", "law-firm", "--reveal-names", "--quiet",
                                "-o", str(tmp_path)])
    assert done.exit_code == 0, done.output
    zip_path = next(tmp_path.glob("*.zip"))
    assert "Project Quartz" in docx_text(zip_path)
    assert json.loads(read(zip_path, "manifest.json"))["names"]["pseudonymised"] is False


def test_the_law_firm_demo_answers_its_insurer_questionnaire(hidden: BuildResult) -> None:
    """The demo's renewal questionnaire: answered, the planted gap open, provider MFA partial."""
    requests = hidden.model.requests
    assert requests is not None and requests.id == "cyber-renewal-2026"
    status = {r.number: r.status for r in requests.requests}
    assert status["8.2"] == "open" and status["1.3"] == "partial"
    assert sum(1 for s in status.values() if s == "answered") == 19
    partial = next(r for r in requests.requests if r.number == "1.3")
    assert any("DMS-02" in reason for reason in partial.reasons)
    rows = sheet(hidden.zip_path, "Requests")
    assert [row[0] for row in rows[1:4]] == ["1.1", "1.2", "1.3"]  # the insurer's order


def test_the_build_runs_the_review_once_and_the_check_agrees_with_it_alone(
        hidden: BuildResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The package lists what the review found and the check judges it: one run serves both,
    and the check's result is the one it gives on its own."""
    import auditpack.evidence.checks.access as check_module
    import auditpack.package.model.access as view_module
    from auditpack.access.review import review_access
    from auditpack.evidence.checks.engine import run_checks
    from auditpack.evidence.sources import load_sources

    runs: list[int] = []

    def counted(*args: object, **kwargs: object) -> object:
        runs.append(1)
        return review_access(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check_module, "review_access", counted)
    monkeypatch.setattr(view_module, "review_access", counted)
    once = build_demo(tmp_path / "once", "law-firm")
    assert len(runs) == 1
    assert once.sha256 == hidden.sha256
    root = tmp_path / "alone"
    shutil.copytree(demo_path("law-firm"), root)
    ws = load_workspace(root)
    with EvidenceStore.open(root) as store:
        collect(ws, store, now=COLLECTED_AT)
        alone = {r.control: r for r in run_checks(ws, load_sources(ws), store)}
    judged = {(c.id, n.kind): (n.status, n.summary, len(n.exceptions))
              for c in once.model.controls for n in c.needs if n.check == "matter_access"}
    assert judged and judged == {(c, n.kind): (n.status, n.summary, len(n.exceptions))
                                 for c, r in alone.items() for n in r.needs
                                 if n.check == "matter_access"}
    assert any(status == "fail" for status, _, _ in judged.values())


# ---- one break-glass rule for the review and the listing ------------------------------------------


def break_glass_listing(as_of: dt.date) -> tuple[set[str], dict[str, str], dict[str, str]]:
    """Review a provider engineer's read on four privileged matters, each with a break-glass entry.

    Return the matters the review finds standing access on, and per matter the Access
    Review sheet's path and the Provider Access sheet's window, as the package lists them.
    """
    from auditpack.access.inputs import AccessInputs, build_index
    from auditpack.access.model import AccessPolicy
    from auditpack.access.review import review_access
    from auditpack.package.model.access_rows import RowLister
    from auditpack.package.model.access_sampler import RowSampler

    users = [{"login": "ENG", "name": "Eng", "employment_type": "provider_engineer", "status": "active"}]
    matters = [{"matter": f"1000-00{i}", "privileged": True} for i in range(1, 5)]
    register = [  # in force; expired; removed before the as-of date; not begun yet
        {"engineer": "ENG", "matter": "1000-001", "ticket": "T1",
         "granted": "2026-09-29T08:00:00Z", "expires": "2026-10-01T08:00:00Z"},
        {"engineer": "ENG", "matter": "1000-002", "ticket": "T2",
         "granted": "2026-09-01T08:00:00Z", "expires": "2026-09-02T08:00:00Z"},
        {"engineer": "ENG", "matter": "1000-003", "ticket": "T3", "granted": "2026-09-29T08:00:00Z",
         "expires": "2026-10-01T08:00:00Z", "revoked": "2026-09-29T09:00:00Z"},
        {"engineer": "ENG", "matter": "1000-004", "ticket": "T4",
         "granted": "2026-10-02T08:00:00Z", "expires": "2026-10-03T08:00:00Z"}]
    acl = [{"workspace_id": m["matter"], "principal": "ENG", "principal_type": "user",
            "access": "read", "default_security": "private"} for m in matters]
    policy = AccessPolicy(allow_direct_grants=True)
    ix = build_index(AccessInputs(acl=(), users=users, matters=matters, break_glass=register))
    sampler = RowSampler(ix, policy, as_of, {"ENG"}, reach={"ENG": 0})
    review = review_access(AccessInputs(acl=iter(acl), users=users, matters=matters,
                                        break_glass=register), policy, as_of, on_row=sampler)
    lister = RowLister(ix, sampler, review.findings, as_of)
    rows, providers = lister.access_rows()[0], lister.provider_rows()[0]
    found = {f.matter or "" for f in review.findings if f.category == "provider_standing_access"}
    return (found, {r.matter: r.path for r in rows},
            {r.matter or "": r.window or "" for r in providers})


def test_one_break_glass_rule_decides_the_review_and_the_listing(monkeypatch: pytest.MonkeyPatch) -> None:
    from auditpack.access.inputs import Grant

    as_of = dt.date(2026, 9, 30)
    found, paths, windows = break_glass_listing(as_of)
    assert found == {"1000-002", "1000-003", "1000-004"}
    assert paths["1000-001"].startswith("break-glass, ticket T1")
    assert "(in force at the as-of date)" in windows["1000-001"]
    assert "(expired at the as-of date)" in windows["1000-002"]
    assert "(not in force at the as-of date)" in windows["1000-004"]
    for matter in paths:   # the review's finding and the listing agree, matter by matter
        assert (matter not in found) == paths[matter].startswith("break-glass") \
            == ("(in force" in windows[matter])
    for verdict in (False, True):   # change the one rule: both sides follow it
        monkeypatch.setattr(Grant, "in_force", lambda self, at, v=verdict: v)
        found, paths, windows = break_glass_listing(as_of)
        assert found == (set() if verdict else set(paths))
        assert all(p.startswith("break-glass") == verdict for p in paths.values())
        assert all(("(in force" in w) == verdict for w in windows.values())
