"""Catalog and crosswalk loading: every problem reported at once, with its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from auditpack.errors import AuditpackError, CatalogError
from auditpack.frameworks import load_catalog, load_crosswalk, load_library

FIXTURES = Path(__file__).parent / "fixtures"


def problems_of(name: str) -> list[str]:
    """Load a bad fixture and return its problems as text."""
    with pytest.raises(CatalogError) as info:
        load_catalog(FIXTURES / name)
    return [str(p) for p in info.value.problems]


def test_good_catalog_loads_with_all_fields() -> None:
    cat = load_catalog(FIXTURES / "good.yaml")
    assert cat.key == "tiny-framework@1.0"
    assert [r.id for r in cat.requirements] == ["A", "A-1", "A-2"]
    assert cat.requirement("A-2").attributes == {"tier": 2}
    assert [r.id for r in cat.assessable()] == ["A-1", "A-2"]
    assert cat.requirement("A-1").label.startswith("Remote access")


def test_duplicated_id_names_both_lines() -> None:
    (p,) = problems_of("bad-duplicate-id.yaml")
    assert "duplicated requirement id 'A-1' (first at line 12)" in p
    assert "bad-duplicate-id.yaml:13" in p


def test_missing_parent_names_line_and_field() -> None:
    (p,) = problems_of("bad-missing-parent.yaml")
    assert "parent 'B' of 'A-1' does not exist" in p
    assert "bad-missing-parent.yaml:12 [requirements[1].parent]" in p


def test_cycle_is_reported_once_with_its_members() -> None:
    cycles = [p for p in problems_of("bad-cycle.yaml") if "parent cycle:" in p]
    assert len(cycles) == 1
    p = cycles[0]
    assert {"X", "Y", "Z"} <= set(p.split("parent cycle: ")[1].split(" (")[0].split(" -> "))


def test_unknown_level_lists_the_known_ones() -> None:
    (p,) = problems_of("bad-unknown-level.yaml")
    assert "unknown level 'control'" in p and "area, item" in p
    assert ":12 " in p


def test_missing_fields_are_all_reported() -> None:
    found = problems_of("bad-missing-field.yaml")
    text = "\n".join(found)
    assert "'published' is a required property" in text
    assert "a requirement needs a 'title' or a 'text'" in text and ":11 " in text
    assert "'level' is a required property" in text and ":12 " in text
    assert len(found) == 3


def test_every_problem_at_once() -> None:
    found = problems_of("bad-many.yaml")
    text = "\n".join(found)
    assert "duplicated requirement id 'A'" in text
    assert "parent 'Q' of 'A-1' does not exist" in text
    assert "unknown level 'widget'" in text
    assert len(found) == 3


def test_duplicated_yaml_key_is_an_error() -> None:
    (p,) = problems_of("bad-duplicate-key.yaml")
    assert "key 'title' is given twice" in p and "bad-duplicate-key.yaml:14" in p


def test_yaml_syntax_error_names_the_line() -> None:
    with pytest.raises(AuditpackError) as info:
        load_catalog(FIXTURES / "bad-syntax.yaml")
    assert "invalid YAML" in info.value.message
    assert info.value.location is not None and "bad-syntax.yaml:" in info.value.location


def test_missing_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(AuditpackError) as info:
        load_catalog(tmp_path / "nope.yaml")
    assert info.value.message == "file not found"


def test_crosswalk_with_unknown_id_names_id_and_line(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "good.yaml", tmp_path / "tiny.yaml")
    shutil.copytree(FIXTURES / "crosswalks", tmp_path / "crosswalks")
    with pytest.raises(CatalogError) as info:
        load_library([tmp_path], builtin=False)
    (p,) = [str(x) for x in info.value.problems]
    assert "'A-9' is not a requirement of tiny-framework" in p
    assert "bad-ids.yaml:9 [mappings[1].from_id]" in p


def test_crosswalk_model_loads(tmp_path: Path) -> None:
    cw = load_crosswalk(FIXTURES / "crosswalks" / "bad-ids.yaml")
    assert cw.mappings[0].relationship == "intersects_with"
    assert cw.sources["test"].title == "Test fixture"


def test_user_catalog_with_builtin_key_is_refused(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "good.yaml", tmp_path / "a.yaml")
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(FIXTURES / "good.yaml", other / "b.yaml")
    with pytest.raises(CatalogError) as info:
        load_library([tmp_path, other], builtin=False)
    assert "already loaded" in str(info.value)


def test_user_catalog_new_version_becomes_default(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "good.yaml", tmp_path / "a.yaml")
    newer = (FIXTURES / "good.yaml").read_text().replace('version: "1.0"', 'version: "2.0"')
    (tmp_path / "b.yaml").write_text(newer)
    lib = load_library([tmp_path], builtin=False)
    assert sorted(lib.catalogs) == ["tiny-framework@1.0", "tiny-framework@2.0"]
    assert lib.get("tiny-framework@1.0").version == "1.0"
