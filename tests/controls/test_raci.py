"""Every RACI rule: a row that breaks it gives a finding, a row that keeps it gives none."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from auditpack.controls.model import Control
from auditpack.workspace.model import WorkspaceFile
from auditpack.workspace.raci import raci_findings, resolve

Factory = Callable[..., WorkspaceFile]


def control(cid: str, function: str) -> Control:
    return Control(id=cid, title="A control title", statement="A statement long enough.",
                   function=function, frequency="annual", satisfies={"x": ("1",)},
                   evidence=({"kind": "policy_document", "description": "The policy"},))


def codes(wsf: WorkspaceFile, controls: list[Control] | None = None) -> list[str]:
    return sorted(f.code for f in raci_findings(wsf, controls or []))


def set_row(function: str, row: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["raci"]["functions"][function] = row
    return change


def test_the_fixture_raci_is_clean(make_wsf: Factory) -> None:
    assert codes(make_wsf()) == []


def test_no_accountable(make_wsf: Factory) -> None:
    assert codes(make_wsf(set_row("help_desk", {"R": ["sol"]}))) == ["raci-no-accountable"]


def test_two_accountables(make_wsf: Factory) -> None:
    wsf = make_wsf(set_row("help_desk", {"R": ["sol"], "A": ["ann", "quinn"]}))
    (finding,) = raci_findings(wsf, [])
    assert finding.code == "raci-several-accountable" and "ann, quinn" in finding.message
    assert finding.subject == "function Help desk"


def test_no_responsible(make_wsf: Factory) -> None:
    assert codes(make_wsf(set_row("help_desk", {"A": "ann", "I": ["quinn"]}))) == \
        ["raci-no-responsible"]


def test_letter_naming_a_company_or_unknown_role_resolves_to_nobody(make_wsf: Factory) -> None:
    wsf = make_wsf(set_row("help_desk", {"R": ["msp", "msp:Help Desk"], "A": "ann"}))
    found = raci_findings(wsf, [])
    assert [f.code for f in found] == ["raci-unresolved", "raci-unresolved"]
    assert "names the company Acme MSP, not a person" in found[0].message
    assert "nobody at Acme MSP has the role 'Help Desk'" in found[1].message


def test_role_reference_resolves_case_insensitively(make_wsf: Factory) -> None:
    wsf = make_wsf()
    assert [p.name for _, p in resolve(wsf, "msp:soc lead").people] == ["Sol Duarte"]


def test_regulatory_function_accountable_to_provider(make_wsf: Factory) -> None:
    wsf = make_wsf(set_row("incident_response", {"R": ["ann"], "A": "msp:SOC Lead"}))
    (finding,) = raci_findings(wsf, [])
    assert finding.code == "raci-accountable-external" and "Sol Duarte (Acme MSP)" in finding.message
    # the same row is fine for a function that is not regulatory
    assert codes(make_wsf(set_row("help_desk", {"R": ["ann"], "A": "msp:SOC Lead"}))) == []


def test_person_who_left_before_as_of(make_wsf: Factory) -> None:
    def change(data: dict[str, Any]) -> None:
        data["parties"][0]["people"][0]["until"] = "2026-06-30"
    found = raci_findings(make_wsf(change), [])
    assert {f.code for f in found} == {"raci-person-left"}
    assert "Ann Archer left on 2026-06-30" in found[0].message
    # leaving after the as-of date is not a finding yet
    def later(data: dict[str, Any]) -> None:
        data["parties"][0]["people"][0]["until"] = "2026-12-31"
    assert codes(make_wsf(later)) == []


def test_control_whose_function_has_no_row(make_wsf: Factory) -> None:
    controls = [control("X-01", "backup_and_recovery"), control("X-02", "identity_and_access")]
    found = raci_findings(make_wsf(), controls)
    assert [f.code for f in found] == ["raci-function-missing"]
    assert "X-01" in found[0].message and "backup_and_recovery" in found[0].fix


def test_control_override_row_is_checked_and_counts_as_a_row(make_wsf: Factory) -> None:
    def change(data: dict[str, Any]) -> None:
        data["raci"]["controls"] = {"X-01": {"R": ["sol"]}}
    found = raci_findings(make_wsf(change), [control("X-01", "backup_and_recovery")])
    assert [(f.code, f.subject) for f in found] == [("raci-no-accountable", "control X-01")]


def test_the_raci_workbook_writes_rich_text_look_alikes_as_the_text_itself(
        make_wsf: Factory, tmp_path: Any) -> None:
    import openpyxl

    from auditpack.workspace.raci_matrix import write_raci_xlsx

    def rename(data: dict[str, Any]) -> None:  # the column heading is name, role, party
        data["parties"][0]["people"][0]["name"] = "<r><t>Accountable: nobody</t>"
        data["parties"][0]["name"] += "</r>"

    target = tmp_path / "raci.xlsx"
    write_raci_xlsx(make_wsf(rename), [], target)
    texts = [v for ws in openpyxl.load_workbook(target) for r in ws.iter_rows(values_only=True)
             for v in r if isinstance(v, str)]
    heading = next(t for t in texts if t.startswith("<r><t>Accountable"))
    assert heading.endswith("</r>") and "\n" in heading  # the text itself, not markup
