"""Read OSCAL prose: labels, props, and statement text with parameters made readable.

A control's statement parts, with their labels ("a.", "1."), become one item a line;
`{{ insert: param, id }}` becomes `[Assignment: ...]` or `[Selection: ...]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

INSERT = re.compile(r"\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}")


def prop_value(node: dict[str, Any], name: str) -> str | None:
    """Return the value of a node's first prop with this name."""
    for prop in node.get("props", []):
        if prop.get("name") == name:
            return str(prop.get("value"))
    return None


def label(node: dict[str, Any]) -> str:
    """The published identifier: the `label` prop when present, else the OSCAL id.

    A label with spaces is a caption, not an identifier (CSF's "Business Environment
    (ID.BE)"), so the OSCAL id is used then.
    """
    label = (prop_value(node, "label") or "").strip()
    return label if label and not any(ch.isspace() for ch in label) else str(node["id"])


def collect_params(nodes: Iterable[dict[str, Any]], out: dict[str, dict[str, Any]]) -> None:
    """Index every param of every group and control (OSCAL param ids are document-wide)."""
    for node in nodes:
        for param in node.get("params", []):
            out[param["id"]] = param
        collect_params(node.get("groups", []), out)
        collect_params(node.get("controls", []), out)


class Renderer:
    """Render prose with parameter insertions made readable."""

    def __init__(self, params: dict[str, dict[str, Any]]) -> None:
        self.params = params
        # while set, each top-level insertion is recorded in text order as {id, text}, so a
        # profile's set-parameters can later replace exactly that span (see profile_modify)
        self.record: list[dict[str, str]] | None = None

    def prose(self, text: str, depth: int = 0) -> str:
        def insert(match: re.Match[str]) -> str:
            rendered = self.param(match.group(1), depth)
            if depth == 0 and self.record is not None:
                self.record.append({"id": match.group(1), "text": rendered})
            return rendered

        return INSERT.sub(insert, text).strip()

    def param(self, param_id: str, depth: int = 0) -> str:
        param = self.params.get(param_id)
        if param is None or depth > 5:
            return f"[Assignment: {param_id}]"
        select = param.get("select")
        if select is not None:
            choices = "; ".join(self.prose(str(c), depth + 1) for c in select.get("choice", []))
            many = " (one or more)" if select.get("how-many") == "one-or-more" else ""
            return f"[Selection{many}: {choices}]"
        if param.get("label"):
            return f"[Assignment: {self.prose(str(param['label']), depth + 1)}]"
        guidelines = [self.prose(str(g.get("prose", "")), depth + 1)
                      for g in param.get("guidelines", [])]
        if any(guidelines):
            return f"[Assignment: {' '.join(g for g in guidelines if g)}]"
        return f"[Assignment: {param_id}]"

    def part_lines(self, part: dict[str, Any]) -> list[str]:
        """A part's own prose (prefixed by its label) followed by its item sub-parts."""
        lines: list[str] = []
        text = self.prose(str(part.get("prose", "")))
        label = prop_value(part, "label")
        if text or label:
            lines.append(" ".join(x for x in (label, text) if x))
        for sub in part.get("parts", []):
            if sub.get("name") in ("item", "statement"):
                lines.extend(self.part_lines(sub))
        return lines


def statement_text(node: dict[str, Any], renderer: Renderer) -> str:
    """The official text of a control: its statement part(s), recursively, one item a line."""
    lines: list[str] = []
    for part in node.get("parts", []):
        if part.get("name") == "statement":
            lines.extend(renderer.part_lines(part))
    return "\n".join(lines)


def overview_text(node: dict[str, Any], renderer: Renderer) -> str:
    """The text of a group: its overview or statement parts, if any."""
    lines: list[str] = []
    for part in node.get("parts", []):
        if part.get("name") in ("overview", "statement"):
            lines.extend(renderer.part_lines(part))
    return "\n".join(lines)
