"""Safe YAML: an alias bomb or a self-referring alias is refused before anything walks it."""

from __future__ import annotations

import time

import pytest

from auditpack.errors import AuditpackError
from auditpack.yamlfile import MAX_ALIAS_NODES, load_yaml


def bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_is_refused_fast_naming_the_line() -> None:
    started = time.monotonic()
    with pytest.raises(AuditpackError) as info:
        load_yaml("auditpack.yaml", "version: 1\n" + bomb())
    assert time.monotonic() - started < 1
    assert info.value.location is not None and info.value.location.startswith("auditpack.yaml:")
    assert "alias bomb" in info.value.message


def test_a_bomb_built_inside_one_sequence_is_refused() -> None:
    node = "&l0 [1, 2]"
    for i in range(1, 40):
        node = f"&l{i} [{node}, *l{i - 1}]"
    with pytest.raises(AuditpackError, match="alias bomb"):
        load_yaml("x.yaml", f"k: {node}\n")


def test_an_alias_inside_its_own_anchor_is_refused() -> None:
    with pytest.raises(AuditpackError, match="refers to the node that contains it") as info:
        load_yaml("x.yaml", "a: 1\nb: &b\n  c: [*b]\n")
    assert info.value.location == "x.yaml:3"


def test_ordinary_aliases_and_merge_keys_still_load() -> None:
    doc = load_yaml("x.yaml", "a: &a {x: 1}\nb: *a\nc: [*a, *a]\nd:\n  <<: *a\n  y: 2\n")
    assert doc.data == {"a": {"x": 1}, "b": {"x": 1}, "c": [{"x": 1}, {"x": 1}],
                        "d": {"x": 1, "y": 2}}
    many = "base: &b [" + ",".join(["1"] * 9) + "]\nuse: [" + ",".join(["*b"] * 900) + "]\n"
    assert len(load_yaml("x.yaml", many).data["use"]) == 900  # 9,900 repeated values
    assert MAX_ALIAS_NODES >= 10_000
