"""Load YAML safely, keeping line numbers so every error can name its line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import AuditpackError, Problem

try:  # libyaml is several times faster; the pure-Python loader is equivalent
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """A safe loader that keeps dates as text, so the models parse (and locate) bad dates."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

Key = str | int

# Aliases may repeat at most this many nodes in all: a document built to expand
# exponentially (a "billion laughs" bomb) is refused before anything walks or copies it.
MAX_ALIAS_NODES = 10_000


@dataclass(frozen=True)
class YamlDocument:
    """Parsed YAML data together with its node tree, for line look-ups."""

    path: str
    data: Any
    root: yaml.Node | None

    def line(self, keys: Sequence[Key]) -> int | None:
        """Return the 1-based line of the value at `keys`, or of its nearest parent."""
        node = self.root
        best = node.start_mark.line + 1 if node is not None else None
        for key in keys:
            node = _child(node, key)
            if node is None:
                break
            best = node.start_mark.line + 1
        return best

    def where(self, keys: Sequence[Key]) -> str:
        """Return 'file:line' for the value at `keys`, with the field path."""
        line = self.line(keys)
        field = format_keys(keys)
        loc = f"{self.path}:{line}" if line else self.path
        return f"{loc} [{field}]" if field else loc


def format_keys(keys: Sequence[Key]) -> str:
    """Render a key path the way a user reads it: requirements[3].parent."""
    out = ""
    for key in keys:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def _child(node: yaml.Node | None, key: Key) -> yaml.Node | None:
    """Return the child node of a mapping (by key) or a sequence (by index)."""
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v  # type: ignore[no-any-return]
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
        if 0 <= key < len(node.value):
            return node.value[key]  # type: ignore[no-any-return]
    return None


def duplicate_keys(node: yaml.Node | None, path: str) -> list[Problem]:
    """Find mapping keys given twice (YAML keeps only the last one silently)."""
    problems: list[Problem] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in current.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in seen:
                        problems.append(Problem(
                            f"key '{k.value}' is given twice in the same mapping",
                            f"{path}:{k.start_mark.line + 1}",
                            "remove or rename one of them; only the last would be used",
                        ))
                    seen.add(k.value)
                stack.append(v)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return problems


def _refuse_alias_bombs(root: yaml.Node | None, name: str) -> None:
    """Refuse aliases that repeat more than MAX_ALIAS_NODES nodes, or that refer to themselves.

    Each node is walked once and its expanded size remembered, so the walk is linear in
    the text; a node met again is an alias use and adds its expanded size.
    """
    size: dict[int, int] = {}
    extra = 0
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 0, False)] if root is not None else []
    while stack:
        node, line, done = stack.pop()
        if done:
            size[id(node)] = 1 + sum(size[id(c)] for c in _children(node))
            continue
        seen = size.get(id(node))
        if seen == -1:  # still being walked: the alias is inside its own anchor
            raise AuditpackError("invalid YAML: an alias refers to the node that contains it",
                                 f"{name}:{line}", "replace the alias by the value it should hold")
        if seen is not None:
            extra += seen
            if extra > MAX_ALIAS_NODES:
                raise AuditpackError(f"invalid YAML: aliases repeat more than "
                                     f"{MAX_ALIAS_NODES:,} values (an alias bomb?)",
                                     f"{name}:{line}",
                                     "write the values out instead of repeating them with aliases")
            continue
        size[id(node)] = -1
        stack.append((node, line, True))
        here = node.start_mark.line + 1
        stack.extend((child, here, False) for child in reversed(_children(node)))


def _children(node: yaml.Node) -> list[yaml.Node]:
    """Return the nodes directly under a node: a mapping's keys and values, a sequence's items."""
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def load_yaml(source: Path | str, text: str | None = None) -> YamlDocument:
    """Parse one YAML document safely; raise AuditpackError naming the line on syntax errors."""
    name = str(source)
    if text is None:
        try:
            text = Path(source).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise AuditpackError("file not found", name, "check the path") from None
        except UnicodeDecodeError as exc:
            raise AuditpackError(f"not UTF-8 text ({exc.reason})", name,
                                 "save the file as UTF-8") from None
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        _refuse_alias_bombs(root, name)
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = f"{name}:{mark.line + 1}" if mark else name
        raise AuditpackError(f"invalid YAML: {exc.problem or exc.context}", loc,
                             "fix the YAML syntax at that line") from None
    except yaml.YAMLError as exc:
        raise AuditpackError(f"invalid YAML: {exc}", name, "fix the YAML syntax") from None
    finally:
        loader.dispose()
    return YamlDocument(name, data, root)


# libyaml's emitter writes the same text as PyYAML's pure-Python one, about 5x faster, but
# for two kinds of character (found by comparing both on every character of the BMP):
# NEL (U+0085), a line break to PyYAML, and characters beyond the BMP, which PyYAML
# escapes. Data holding either is written by the pure-Python emitter, so the text of a
# file never depends on how PyYAML was built.
_C_DUMPER: type[yaml.SafeDumper] | None = getattr(yaml, "CSafeDumper", None)
_EMITTERS_DIFFER = re.compile("[\x85\U00010000-\U0010ffff]")


def _emitters_differ(data: Any) -> bool:
    """Tell whether any string in the data (keys included) holds such a character."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if _EMITTERS_DIFFER.search(node):
                return True
        elif isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
    return False


def yaml_dumper(data: Any) -> type[yaml.SafeDumper]:
    """The safe dumper for the data: libyaml's when present and equivalent, else PyYAML's."""
    if _C_DUMPER is not None and not _emitters_differ(data):
        return _C_DUMPER
    return yaml.SafeDumper


def dump_yaml(data: Any, width: int = 10_000) -> str:
    """Serialise data as block YAML, keys in their order, Unicode as it is."""
    text: str = yaml.dump(data, Dumper=yaml_dumper(data), sort_keys=False, allow_unicode=True,
                          width=width)
    return text
