"""CLI wiring: output, formats and error handling (the library is tested on its own)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from auditpack import __version__
from auditpack.cli import cli

FIXTURES = Path(__file__).parent / "frameworks" / "fixtures"


def run(*args: str) -> tuple[int, str, str]:
    """Invoke the CLI and return (exit code, stdout, stderr)."""
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


def test_list_json_has_the_five_catalogs_with_counts() -> None:
    code, out, _ = run("catalog", "list", "--format", "json")
    assert code == 0
    rows = {r["id"]: r for r in json.loads(out)}
    assert set(rows) >= {"ftc-safeguards", "nist-csf-2.0", "cis-controls-v8",
                         "pci-dss-4.0.1", "nist-sp-800-207"}
    assert rows["nist-csf-2.0"]["assessable"] == 106
    assert rows["cis-controls-v8"]["assessable"] == 153
    assert all(r["license"] for r in rows.values())


def test_list_table_shows_titles() -> None:
    code, out, _ = run("catalog", "list")
    assert code == 0 and "nist-csf-2.0" in out and "pci-dss-4.0.1" in out


def test_show_one_requirement_json_includes_its_subtree() -> None:
    code, out, _ = run("catalog", "show", "nist-csf-2.0", "PR.AA", "--format", "json")
    assert code == 0
    data = json.loads(out)
    ids = [r["id"] for r in data["requirements"]]
    assert ids[0] == "PR.AA" and "PR.AA-03" in ids and "PR.DS-01" not in ids
    assert set(data["requirements"][1]) >= {"id", "parent", "level", "title", "text"}
    assert data["id"] == "nist-csf-2.0"


def test_show_unknown_requirement_exits_2_without_traceback() -> None:
    code, _, err = run("catalog", "show", "nist-csf-2.0", "PR.ZZ-99")
    assert code == 2
    assert "'PR.ZZ-99' is not a requirement of nist-csf-2.0" in err
    assert "Traceback" not in err


def test_unknown_catalog_lists_known_ids() -> None:
    code, _, err = run("catalog", "show", "iso-27001")
    assert code == 2 and "unknown catalog 'iso-27001'" in err and "nist-csf-2.0" in err


def test_search_ranks_exact_id_first() -> None:
    code, out, _ = run("catalog", "search", "PR.AA-03", "--format", "json")
    assert code == 0
    hits = json.loads(out)
    assert (hits[0]["catalog"], hits[0]["id"]) == ("nist-csf-2.0", "PR.AA-03")


def test_search_by_words_finds_mfa_requirements() -> None:
    code, out, _ = run("catalog", "search", "multi-factor authentication", "--format", "json")
    assert code == 0
    found = {(h["catalog"], h["id"]) for h in json.loads(out)}
    assert ("ftc-safeguards", "314.4(c)(5)") in found


def test_map_shows_direct_and_indirect_links() -> None:
    code, out, _ = run("catalog", "map", "ftc-safeguards", "314.4(c)(5)", "--format", "json")
    assert code == 0
    links = json.loads(out)
    direct = [k for k in links if k["link"] == "direct"]
    indirect = [k for k in links if k["link"] == "indirect"]
    assert direct and all(k["catalog"] == "nist-csf-2.0" for k in direct)
    assert indirect and all(k["via"] for k in indirect)
    assert {k["catalog"] for k in indirect} & {"cis-controls-v8", "pci-dss-4.0.1"}


def test_bad_user_catalog_exits_2_listing_every_problem(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text((FIXTURES / "bad-many.yaml").read_text())
    code, _, err = run("catalog", "list", "--catalog-dir", str(tmp_path))
    assert code == 2
    assert err.count("\n  - ") == 3 and "bad.yaml:12" in err
    assert "Traceback" not in err


def test_missing_catalog_dir_is_a_user_error(tmp_path: Path) -> None:
    code, _, err = run("catalog", "list", "--catalog-dir", str(tmp_path / "nope"))
    assert code == 2 and "catalog folder not found" in err


CIS_WORKBOOK = (Path(__file__).resolve().parents[1].parent / "shared" / "sources"
                / "cis-controls-v8" / "CIS_Controls_Version_8.1_6_24_2024.xlsx")


def test_import_cis_installs_official_text_as_the_default(tmp_path: Path) -> None:
    if not CIS_WORKBOOK.exists():
        import pytest
        pytest.skip("the CIS workbook is in ../shared/sources only on development machines")
    folder = tmp_path / "catalogs"
    code, out, err = run("catalog", "import-cis", str(CIS_WORKBOOK), "--catalog-dir", str(folder))
    assert code == 0, err
    assert "153 safeguards" in out
    assert [p.name for p in folder.iterdir()] == ["cis-controls-v8-8.1-cis-text.yaml"]
    code, out, _ = run("catalog", "show", "cis-controls-v8", "3.10", "--format", "json",
                       "--catalog-dir", str(folder))
    assert code == 0
    data = json.loads(out)
    assert data["version"] == "8.1-cis-text"
    assert data["requirements"][0]["text_source"] == "official"
    code, _, err = run("catalog", "import-cis", str(CIS_WORKBOOK), "--catalog-dir", str(folder))
    assert code == 2 and "already installed" in err and "--force" in err


def test_import_cis_refuses_a_file_that_is_not_the_workbook(tmp_path: Path) -> None:
    bogus = tmp_path / "controls.xlsx"
    bogus.write_text("not a workbook")
    code, _, err = run("catalog", "import-cis", str(bogus), "--catalog-dir", str(tmp_path / "c"))
    assert code == 2 and "controls.xlsx" in err and "Traceback" not in err
    assert not (tmp_path / "c").exists()


def test_an_error_naming_user_text_prints_it_as_text_not_markup() -> None:
    from click.testing import CliRunner

    from auditpack.cli import cli

    result = CliRunner().invoke(cli, ["catalog", "show", "[red]zz[/red]"])
    assert result.exit_code == 2
    assert "[red]zz[/red]" in result.output
