"""What every OSCAL export shares: validation, serialisation, metadata, parties and roles.

The exports read only the PackageModel. Everything here is derived from it
deterministically: UUIDs are UUIDv5 of stable names, timestamps come from the model.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ....frameworks.library import Library
from ....oscal.uuids import control_token, stable_uuid
from ....oscal.validate import OSCAL_VERSION, oscal_item_problems, oscal_problems
from ...model.views import (
    ControlView,
    FrameworkView,
    PackageModel,
    PartyView,
    PersonView,
    RequirementView,
)

NS = "urn:auditpack:oscal"  # the namespace of auditpack's own props
RACI_ROLES = {"A": ("accountable", "Accountable"), "R": ("responsible", "Responsible"),
              "C": ("consulted", "Consulted"), "I": ("informed", "Informed")}
OTHER_ROLES = (("prepared-by", "Prepared the package (accountable for compliance documentation)"),
               ("approver", "Signs off the package"),
               ("provider", "Provides services to the organisation"))


class OscalExportBug(RuntimeError):
    """An export that does not validate against its OSCAL schema: a bug in auditpack."""


def checked(document: dict[str, Any], model: str) -> dict[str, Any]:
    """Return the document once it validates against the OSCAL schema of `model`; else raise."""
    problems = oscal_problems(document, model, model)
    if problems:
        listed = "\n".join(f"  - {p}" for p in problems[:20])
        raise OscalExportBug(f"auditpack wrote an invalid OSCAL {OSCAL_VERSION} {model} "
                             f"({len(problems)} violation(s)); this is a bug:\n{listed}")
    return document


@dataclass(frozen=True)
class LongList:
    """A list of a document written item by item, so it is never held whole.

    `items` yields the list afresh each time it is called; `schema` leads from the
    schema's definitions to the item schema (see `oscal_item_problems`).
    """

    count: int
    items: Callable[[], Iterable[dict[str, Any]]]
    schema: tuple[str, ...]


MARK = "\u0000auditpack-long-list:{}\u0000"


def streamed(document: dict[str, Any], model: str, lists: dict[str, LongList]) -> Iterator[bytes]:
    """Serialise a document whose long lists stand as `[MARK.format(name)]`, validating as it goes.

    The document is validated with each long list cut to its first item (the structure,
    and the first item in place), then every further item against the item schema: the
    same rules the whole document would be held to. The bytes equal `dumps` of the whole.
    """
    def first_items(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: first_items(v) for k, v in node.items()}
        if isinstance(node, list):
            if len(node) == 1 and isinstance(node[0], str) and node[0].startswith("\u0000"):
                name = node[0].strip("\u0000").split(":", 1)[1]
                return [next(iter(lists[name].items()))]
            return [first_items(v) for v in node]
        return node

    checked(first_items(document), model)
    text = _text(document)
    marks = {name: f"[{json.dumps(MARK.format(name))}]" for name in lists}
    for name in sorted(lists, key=lambda n: text.index(marks[n])):  # in the document's order
        long = lists[name]
        before, text = text.split(marks[name], 1)
        yield (before + "[").encode("utf-8")
        for i, item in enumerate(long.items()):
            if i:
                _check_item(item, model, long.schema, f"{model} {name}[{i}]")
            yield ((", " if i else "") + _text(item)).encode("utf-8")
        text = "]" + text
    yield (text + "\n").encode("utf-8")


def _check_item(item: dict[str, Any], model: str, schema: tuple[str, ...], where: str) -> None:
    """Raise OscalExportBug if one item of a long list breaks its schema."""
    problems = oscal_item_problems(item, model, schema, where)
    if problems:
        listed = "\n".join(f"  - {p}" for p in problems[:20])
        raise OscalExportBug(f"auditpack wrote an invalid OSCAL {OSCAL_VERSION} {model} "
                             f"({len(problems)} violation(s)); this is a bug:\n{listed}")


def dumps(document: dict[str, Any]) -> bytes:
    """Serialise a document the same way every time (UTF-8 JSON on one line, final newline).

    One line, as `json.dumps` writes it: OSCAL is read by tools (any JSON viewer indents it),
    and its indented form costs the build about a second for the demo alone.
    """
    return (_text(document) + "\n").encode("utf-8")


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def timestamp(value: dt.datetime | dt.date) -> str:
    """Return an OSCAL date-time in UTC (a date means its midnight)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def text(value: str | None, fallback: str) -> str:
    """A non-empty string without surrounding whitespace (OSCAL's string datatype)."""
    cleaned = " ".join((value or "").split())
    return cleaned or fallback


def prop(name: str, value: object, ours: bool = True) -> dict[str, Any]:
    """An OSCAL prop; auditpack's own names carry its namespace."""
    out: dict[str, Any] = {"name": name, "value": text(str(value), "-")}
    if ours:
        out["ns"] = NS
    return out


def framework_name(framework: FrameworkView) -> str:
    """A framework's title with its version, unless the title already says it."""
    if framework.version in framework.title:
        return framework.title
    return f"{framework.title} {framework.version}"


def requirement_token(req: RequirementView) -> str:
    """The OSCAL control id of a requirement (see `control_token`)."""
    return control_token(req.catalog, req.id, req.oscal_id)


class Context:
    """Indexes over the model that every export needs: parties, people, roles, owners."""

    def __init__(self, model: PackageModel, catalogs: Library) -> None:
        self.model = model
        self.catalogs = catalogs  # the package's catalogs, built-in and the workspace's own
        self.controls = {c.id: c for c in model.controls}
        self.org_uuid = stable_uuid("organisation", model.legal_name)

    @cached_property
    def people(self) -> list[tuple[PartyView, PersonView]]:
        """Every person of every party, in workspace order."""
        return [(party, person) for party in self.model.parties for person in party.people]

    def party_uuid(self, party: PartyView) -> str:
        """The metadata party of a party (an organisation)."""
        return stable_uuid("party", party.id)

    def person_uuid(self, person: PersonView) -> str:
        """The metadata party of a person."""
        return stable_uuid("person", person.party, person.id)

    def component_uuid(self, party: PartyView) -> str:
        """The component of a party (the same in the component definition and the SSP)."""
        return stable_uuid("component", party.id)

    def raci_letters(self, control: ControlView) -> dict[str, str]:
        """Person id -> RACI letters for a control: its override row, else its function's row."""
        rows = self.model.raci
        row = (next((r for r in rows if r.key == control.id), None)
               or next((r for r in rows if r.title == control.function), None))
        return dict(row.letters) if row else {}

    def responsible_roles(self, controls: list[ControlView]) -> list[dict[str, Any]]:
        """OSCAL responsible-roles (accountable, responsible, ...) naming the people of the RACI."""
        by_id = {person.id: person for _, person in self.people}
        holders: dict[str, list[str]] = {}
        for control in controls:
            for person_id, letters in self.raci_letters(control).items():
                person = by_id.get(person_id)
                for letter in letters:
                    if person is not None and letter in RACI_ROLES:
                        uuids = holders.setdefault(letter, [])
                        if self.person_uuid(person) not in uuids:
                            uuids.append(self.person_uuid(person))
        return [{"role-id": RACI_ROLES[letter][0], "party-uuids": holders[letter]}
                for letter in "ARCI" if holders.get(letter)]

    def implementers(self, control: ControlView) -> list[PartyView]:
        """The parties that carry out a control: those of its Responsible people (else Accountable)."""
        people = control.responsible or control.accountable
        names = {p.party for p in people}
        found = [party for party in self.model.parties if party.name in names]
        internal = [p for p in self.model.parties if p.kind == "internal"]
        return found or internal[:1]

    def metadata(self, title: str) -> dict[str, Any]:
        """Document metadata: title, dates, roles, and the organisation, parties and people."""
        m = self.model
        parties: list[dict[str, Any]] = [{"uuid": self.org_uuid, "type": "organization",
                                          "name": text(m.legal_name, "the organisation"),
                                          "short-name": text(m.short_name, m.legal_name)}]
        for party in m.parties:
            entry: dict[str, Any] = {"uuid": self.party_uuid(party), "type": "organization",
                                     "name": text(party.name, party.id),
                                     "props": [prop("party-kind", party.kind)]}
            if party.kind == "internal":
                entry["member-of-organizations"] = [self.org_uuid]
            parties.append(entry)
        for party, person in self.people:
            parties.append({"uuid": self.person_uuid(person), "type": "person",
                            "name": text(person.name, person.id),
                            "props": [prop("job-title", person.role, ours=False)],
                            "member-of-organizations": [self.party_uuid(party)]})
        roles = [{"id": rid, "title": title} for rid, title in RACI_ROLES.values()]
        roles += [{"id": rid, "title": title} for rid, title in OTHER_ROLES]
        return {"title": title, "published": timestamp(m.built_at),
                "last-modified": timestamp(m.built_at), "version": m.as_of.isoformat(),
                "oscal-version": OSCAL_VERSION,
                "props": [prop("package", m.package_name), prop("tool-version", m.tool_version)],
                "roles": roles, "parties": parties,
                "responsible-parties": self._responsible_parties()}

    def _responsible_parties(self) -> list[dict[str, Any]]:
        m = self.model
        out = []
        for role, person in (("prepared-by", m.prepared_by), ("approver", m.signer)):
            if person is not None:
                out.append({"role-id": role, "party-uuids": [self.person_uuid(person)]})
        providers = [self.party_uuid(p) for p in m.parties if p.kind == "provider"]
        if providers:
            out.append({"role-id": "provider", "party-uuids": providers})
        return out

    def requirements(self) -> list[RequirementView]:
        """Every requirement in scope, framework by framework."""
        return [r for f in self.model.frameworks for r in f.requirements]
