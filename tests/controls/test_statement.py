"""Statements are sandboxed Jinja over the organisation facts only."""

from __future__ import annotations

import pytest

from auditpack.controls.statement import render_statement, statement_problem
from auditpack.errors import RenderError

CONTEXT = {"org": {"short_name": "Harbor Point", "legal_name": "Harbor Point FCU"},
           "internal": "Harbor Point IT", "provider": "Northwind"}


def test_plain_text_needs_no_template() -> None:
    assert statement_problem("MFA is required for all remote access.") is None


def test_allowed_variables_render() -> None:
    text = "{{ org.short_name }} requires MFA; {{ provider }} enforces it for {{ internal }}."
    assert statement_problem(text) is None
    assert render_statement(text, CONTEXT, "X-01") == \
        "Harbor Point requires MFA; Northwind enforces it for Harbor Point IT."


def test_unknown_variable_and_field_are_problems() -> None:
    assert "unknown variable 'owner'" in (statement_problem("{{ owner }} does it") or "")
    assert "unknown field 'org.ceo'" in (statement_problem("{{ org.ceo }} signs") or "")
    assert "syntax error" in (statement_problem("{{ org.short_name ") or "")


def test_sandbox_blocks_attribute_escapes() -> None:
    hostile = "{{ org.__class__.__mro__ }}"
    with pytest.raises(RenderError):
        render_statement(hostile, CONTEXT, "X-01")
    with pytest.raises(RenderError) as info:
        render_statement("{{ provider.__class__.__subclasses__() }}", CONTEXT, "X-02")
    assert info.value.location == "X-02"
