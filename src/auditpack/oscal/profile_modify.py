"""Apply a profile's `merge` and `modify` to the requirements it selected.

auditpack's catalogs are a flat list of requirements with parents and levels, and a
requirement's text is its rendered statement. So, as far as that model allows:

- `merge.as-is` (and no `merge`): the catalog's hierarchy is kept, unselected parents as
  non-assessable context; `merge.flat`: only the selected requirements are kept, each
  under its nearest selected ancestor or at the top; `merge.custom` is not supported (the
  hierarchy is kept, and that is reported). `combine` `use-first` and `merge` both give
  one requirement per id; `keep` cannot (ids are unique), which is reported.
- `modify.set-parameters`: each insertion of the parameter in a statement (recorded at
  import in `attributes.oscal_params`) is replaced by the profile's values, joined with
  ", " (else its new label or selection, rendered as at import).
- `modify.alters`: added statement or item parts are appended (`ending`, `after`) or
  prepended (`starting`, `before`) to the text; other added parts are kept in
  `attributes.profile_parts` and added props in `attributes.profile_props`. Removals
  apply to those added parts and, by name `statement` or by the statement's id, to the
  text; anything else cannot be found in the model and is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

INSERT = re.compile(r"\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}")
TEXT_PARTS = ("statement", "item")


@dataclass
class Modifications:
    """What a profile's merge and modify changed, and what could not be applied."""

    params_set: int = 0
    insertions: int = 0
    alters: int = 0
    applied: list[str] = field(default_factory=list)
    unapplied: list[str] = field(default_factory=list)


def _oscal_id(req: dict[str, Any]) -> str:
    return str(req.get("attributes", {}).get("oscal_id", req["id"])).lower()


def merge_structure(requirements: list[dict[str, Any]], merge: dict[str, Any] | None,
                    selected: set[str], mods: Modifications) -> list[dict[str, Any]]:
    """Apply `merge`: keep the hierarchy (as-is) or flatten it to the selected requirements."""
    merge = merge or {}
    method = str(merge.get("combine", {}).get("method", "use-first"))
    if method == "keep":
        mods.unapplied.append("merge.combine keep (a catalog holds each id once: the first is used)")
    elif "combine" in merge:
        mods.applied.append(f"merge.combine {method}")
    if "custom" in merge:
        mods.unapplied.append("merge.custom (the catalog's hierarchy is kept)")
        return requirements
    if "flat" not in merge:
        if merge.get("as-is"):
            mods.applied.append("merge.as-is")
        return requirements
    mods.applied.append("merge.flat")
    parents = {r["id"]: r.get("parent") for r in requirements}
    out = []
    for req in requirements:
        if req["id"] not in selected:
            continue
        parent = parents.get(req["id"])
        while parent is not None and parent not in selected:
            parent = parents.get(parent)
        out.append({**req, "parent": parent})
    return out


def _render_setting(setting: dict[str, Any]) -> str | None:
    """How a set-parameter reads in the text: its values, else its label or selection."""
    values = [str(v).strip() for v in setting.get("values", []) if str(v).strip()]
    if values:
        return ", ".join(values)
    select = setting.get("select")
    if select is not None:
        many = " (one or more)" if select.get("how-many") == "one-or-more" else ""
        return f"[Selection{many}: {'; '.join(str(c) for c in select.get('choice', []))}]"
    if setting.get("label"):
        return f"[Assignment: {setting['label']}]"
    return None


def set_parameters(requirements: list[dict[str, Any]], settings: list[dict[str, Any]],
                   mods: Modifications) -> dict[str, str]:
    """Replace each recorded insertion of a set parameter; return param id -> its new text."""
    rendered = {str(s["param-id"]): text for s in settings
                if (text := _render_setting(s)) is not None}
    used: set[str] = set()
    for req in requirements:
        params = req.get("attributes", {}).get("oscal_params")
        if not params or not req.get("text") or not any(p["id"] in rendered for p in params):
            continue
        text, pos, new_params = str(req["text"]), 0, []
        for param in params:
            at = text.find(param["text"], pos)
            if at < 0:  # the text no longer holds it: leave the rest as it is
                new_params.append(param)
                continue
            value = rendered.get(param["id"], param["text"])
            if param["id"] in rendered:
                used.add(param["id"])
                mods.insertions += 1
            text = text[:at] + value + text[at + len(param["text"]):]
            pos = at + len(value)
            new_params.append({"id": param["id"], "text": value})
        req["text"] = text
        req["attributes"] = {**req["attributes"], "oscal_params": new_params}
    mods.params_set = len(used)
    unused = sorted(set(rendered) - used)
    if unused:
        mods.unapplied.append(f"set-parameters for {len(unused)} parameter(s) not in any selected "
                              f"statement ({', '.join(unused[:5])}{', ...' if len(unused) > 5 else ''})")
    return rendered


def _part_lines(part: dict[str, Any], render: Any) -> list[str]:
    """A part's label and prose, then its sub-parts, one a line."""
    label = next((str(p["value"]) for p in part.get("props", []) if p.get("name") == "label"), "")
    prose = render(str(part.get("prose", "")))
    lines = [" ".join(x for x in (label, prose) if x)] if (label or prose) else []
    for sub in part.get("parts", []):
        lines.extend(_part_lines(sub, render))
    return lines


def _renderer(req: dict[str, Any], settings: dict[str, str]) -> Any:
    known = {p["id"]: p["text"] for p in req.get("attributes", {}).get("oscal_params", [])}

    def render(text: str) -> str:
        return INSERT.sub(lambda m: settings.get(m.group(1), known.get(m.group(1),
                                                 f"[Assignment: {m.group(1)}]")), text).strip()
    return render


def _add(req: dict[str, Any], add: dict[str, Any], settings: dict[str, str]) -> None:
    """Apply one `adds` entry to a requirement."""
    render = _renderer(req, settings)
    attributes = dict(req.get("attributes", {}))
    front = add.get("position", "ending") in ("starting", "before")
    for part in add.get("parts", []):
        lines = _part_lines(part, render)
        if part.get("name") in TEXT_PARTS:
            old = [str(req["text"])] if req.get("text") else []
            req["text"] = "\n".join(lines + old if front else old + lines)
            req.setdefault("text_source", "official")
        else:
            attributes.setdefault("profile_parts", [])
            attributes["profile_parts"] = [*attributes["profile_parts"], {
                "id": part.get("id"), "name": part.get("name"), "class": part.get("class"),
                "ns": part.get("ns"), "text": "\n".join(lines)}]
    for prop in add.get("props", []):
        attributes["profile_props"] = {**attributes.get("profile_props", {}),
                                       str(prop["name"]): str(prop["value"])}
    req["attributes"] = attributes


def _remove(req: dict[str, Any], remove: dict[str, Any]) -> bool:
    """Apply one `removes` entry; tell whether it found anything to remove."""
    keys = {"by-name": "name", "by-class": "class", "by-id": "id", "by-ns": "ns"}
    attributes = dict(req.get("attributes", {}))
    parts = attributes.get("profile_parts", [])
    kept = [p for p in parts if not any(k in remove and p.get(v) == remove[k]
                                        for k, v in keys.items())]
    found = len(kept) != len(parts)
    if parts:
        attributes["profile_parts"] = kept
    statement_id = f"{attributes.get('oscal_id', req['id'])}_smt"
    if req.get("text") and (remove.get("by-name") == "statement"
                            or remove.get("by-id") == statement_id):
        req.pop("text")
        req.pop("text_source", None)
        attributes.pop("oscal_params", None)
        found = True
    req["attributes"] = attributes
    return found


def alter(requirements: list[dict[str, Any]], alters: list[dict[str, Any]],
          settings: dict[str, str], mods: Modifications) -> None:
    """Apply `modify.alters` to the selected requirements they name."""
    index = {_oscal_id(r): r for r in requirements}
    for n, change in enumerate(alters):
        req = index.get(str(change["control-id"]).lower())
        if req is None:
            mods.unapplied.append(f"alters[{n}] for {change['control-id']} (not selected)")
            continue
        mods.alters += 1
        for remove in change.get("removes", []):
            if not _remove(req, remove):
                mods.unapplied.append(f"alters[{n}] removal in {change['control-id']} "
                                      f"({', '.join(f'{k} {v}' for k, v in remove.items())}): "
                                      "not in the imported text")
        for add in change.get("adds", []):
            _add(req, add, settings)


def modify(requirements: list[dict[str, Any]], modify_: dict[str, Any] | None,
           mods: Modifications) -> None:
    """Apply `modify`: parameter settings first, then alterations (which may insert them)."""
    if not modify_:
        return
    settings = set_parameters(requirements, modify_.get("set-parameters", []), mods)
    if modify_.get("set-parameters"):
        mods.applied.append(f"set-parameters ({mods.params_set} parameters, "
                            f"{mods.insertions} insertions)")
    alter(requirements, modify_.get("alters", []), settings, mods)
    if modify_.get("alters"):
        mods.applied.append(f"alters ({mods.alters} controls)")
