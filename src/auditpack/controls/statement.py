"""Control statements: Jinja templates over the organisation facts, run in Jinja's sandbox."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from ..errors import RenderError

# The only names a statement may use, and the attributes allowed on `org`.
ORG_FIELDS = frozenset({"legal_name", "short_name", "industry", "headcount", "locations",
                        "regulators", "as_of"})
NAMES = frozenset({"org", "internal", "provider", "security_lead"})


@cache
def environment() -> SandboxedEnvironment:
    """Return the sandboxed environment that renders statements (no autoescape: plain text)."""
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                keep_trailing_newline=False)


_SIMPLE = re.compile(r"\{\{\s*([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?\s*\}\}")


def _simple_problem(text: str) -> str | None | bool:
    """Check a statement made only of {{ name }} / {{ name.field }}; False when not that simple."""
    if "{%" in text or "{#" in text or text.count("{{") != len(_SIMPLE.findall(text)):
        return False
    for name, attr in _SIMPLE.findall(text):
        if name not in NAMES:
            return f"unknown variable '{name}' in statement (use {', '.join(sorted(NAMES))})"
        if name == "org" and attr and attr not in ORG_FIELDS:
            return f"unknown field 'org.{attr}' (use {', '.join(sorted(ORG_FIELDS))})"
    return None


def statement_problem(text: str) -> str | None:
    """Check a statement without rendering it: syntax, and only the allowed variables."""
    if "{" not in text:
        return None
    quick = _simple_problem(text)
    if quick is not False:
        return quick if isinstance(quick, str) else None
    try:
        tree = environment().parse(text)
    except TemplateSyntaxError as exc:
        return f"template syntax error: {exc.message} (statement line {exc.lineno})"
    assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    for name in tree.find_all(nodes.Name):
        if name.ctx == "load" and name.name not in NAMES | assigned:
            return (f"unknown variable '{name.name}' in statement "
                    f"(use {', '.join(sorted(NAMES))})")
    for attr in tree.find_all(nodes.Getattr):
        if isinstance(attr.node, nodes.Name) and attr.node.name == "org" \
                and attr.attr not in ORG_FIELDS:
            return f"unknown field 'org.{attr.attr}' (use {', '.join(sorted(ORG_FIELDS))})"
    return None


def render_statement(text: str, context: dict[str, Any], where: str) -> str:
    """Render a statement for one organisation; a bad template is a located RenderError."""
    if "{" not in text:
        return text
    try:
        return environment().from_string(text).render(context).strip()
    except (TemplateSyntaxError, UndefinedError, SecurityError) as exc:
        raise RenderError(f"cannot render statement: {exc}", where,
                          "use only the documented statement variables") from None
