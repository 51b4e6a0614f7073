"""Imported catalogs are written with libyaml's emitter where it gives PyYAML's exact text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from auditpack.frameworks.library import builtin_catalog_path
from auditpack.oscal.catalog_import import read_oscal_catalog
from auditpack.yamlfile import dump_yaml, yaml_dumper

HERE = Path(__file__).resolve().parent
SP800_53 = (Path(__file__).resolve().parents[2].parent / "shared" / "sources" /
            "nist-sp-800-53-rev5" / "NIST_SP-800-53_rev5_catalog.json")
needs_libyaml = pytest.mark.skipif(not hasattr(yaml, "CSafeDumper"),
                                   reason="PyYAML was built without libyaml")


def _pure(data: Any) -> str:
    text: str = yaml.dump(data, Dumper=yaml.SafeDumper, sort_keys=False, allow_unicode=True,
                          width=10_000)
    return text


def _imported() -> list[dict[str, Any]]:
    files = [HERE / "fixtures" / "mini-catalog.json", HERE / "fixtures" / "NIST_CSF_v2.0_catalog.json"]
    files += [SP800_53] if SP800_53.is_file() else []
    return [read_oscal_catalog(f, "imported") for f in files]


@needs_libyaml
def test_imported_catalogs_are_written_by_libyaml_with_the_same_bytes() -> None:
    for data in _imported():
        assert yaml_dumper(data) is yaml.CSafeDumper
        assert dump_yaml(data).encode("utf-8") == _pure(data).encode("utf-8")


@needs_libyaml
@pytest.mark.parametrize("catalog_id", ["ftc-safeguards", "nist-csf-2.0", "cis-controls-v8",
                                        "pci-dss-4.0.1", "nist-sp-800-207"])
def test_builtin_catalogs_give_the_same_bytes(catalog_id: str) -> None:
    data = yaml.safe_load(builtin_catalog_path(catalog_id).read_text(encoding="utf-8"))
    assert yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True,
                     width=10_000) == _pure(data)


@needs_libyaml
@pytest.mark.parametrize("odd", ["next\x85line", "emoji \U0001F600", "math \U0001D400"])
def test_text_the_emitters_write_differently_is_left_to_pyyaml(odd: str) -> None:
    data = {"requirements": [{"id": "1", "title": "t", "text": odd}]}
    assert yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False) != \
        yaml.dump(data, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False)
    assert yaml_dumper(data) is yaml.SafeDumper
    assert dump_yaml(data) == _pure(data)  # (PyYAML's own NEL reads back as a space)
