"""The built-in catalogs and crosswalks ship in the package and load together cleanly."""

from __future__ import annotations

from importlib.resources import files

from auditpack.frameworks import BUILTIN_CATALOGS, builtin_catalog_path, load_library

EXPECTED_CROSSWALKS = {
    "nist-csf-2.0--cis-controls-v8",
    "nist-csf-2.0--pci-dss-4.0.1",
    "ftc-safeguards--nist-csf-2.0",
    "nist-sp-800-207--nist-csf-2.0",
    "hipaa-security--nist-csf-2.0",
}


def test_every_builtin_catalog_file_is_in_the_installed_package() -> None:
    shipped = {f.name for f in (files("auditpack.frameworks") / "catalogs").iterdir()}
    assert shipped == {f"{c}.yaml" for c in BUILTIN_CATALOGS}
    for cat_id in BUILTIN_CATALOGS:
        assert builtin_catalog_path(cat_id).is_file(), cat_id


def test_schemas_are_in_the_installed_package() -> None:
    schemas = files("auditpack.frameworks") / "schemas"
    assert {"catalog.schema.json", "crosswalk.schema.json"} <= {f.name for f in schemas.iterdir()}


def test_library_loads_all_builtins_and_resolves_every_crosswalk_id() -> None:
    lib = load_library()
    assert sorted(lib.defaults) == sorted(BUILTIN_CATALOGS)
    assert {cw.id for cw in lib.crosswalks} == EXPECTED_CROSSWALKS
    for cw in lib.crosswalks:
        src, dst = lib.get(cw.from_catalog), lib.get(cw.to_catalog)
        assert cw.mappings
        assert all(src.has(m.from_id) and dst.has(m.to_id) for m in cw.mappings), cw.id
        assert all(m.source in cw.sources for m in cw.mappings), cw.id


def test_every_catalog_cites_its_origin_and_licence() -> None:
    for cat in load_library().default_catalogs():
        assert cat.origin.document and cat.license and cat.license_name and cat.source.startswith("https://")
        assert cat.origin.data, cat.id
        texts = [r for r in cat.requirements if r.text]
        assert all(r.text_source in ("official", "paraphrase") for r in texts), cat.id


def test_our_own_mappings_carry_a_rationale() -> None:
    for cw in load_library().crosswalks:
        ours = [m for m in cw.mappings if m.source == "auditpack"]
        assert all(m.rationale for m in ours), cw.id


def test_official_references_never_invent_a_type() -> None:
    for cw in load_library().crosswalks:
        if cw.from_catalog == "nist-csf-2.0":
            assert {m.relationship for m in cw.mappings} == {"related"}, cw.id
