#!/usr/bin/env python3
"""Convert an OSCAL catalog in XML to OSCAL JSON (the subset of the model NIST's catalogs use).

Run from the repository root:

    .venv/bin/python tools/oscal_xml_to_json.py ../shared/sources/nist-csf-2.0/NIST_CSF_v2.0_catalog.xml \
        tests/oscal/fixtures/NIST_CSF_v2.0_catalog.json

It handles what NIST's CSF 2.0 and similar catalogs contain: metadata (title, dates,
version, props, links, roles, parties with addresses, responsible parties), groups,
controls, parts with paragraph prose, props with remarks, params (label, guidelines,
select/choice, values), and back-matter resources with rlinks and hashes. Any other
element stops the conversion with its path, so nothing is dropped silently. Prose
paragraphs (`<p>`) become Markdown paragraphs with the XML's line wrapping collapsed
to single spaces, as the OSCAL XML-to-JSON converters do. Output is deterministic and
is then validated by `auditpack catalog import-oscal` against the OSCAL JSON Schema.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

OSCAL = "{http://csrc.nist.gov/ns/oscal/1.0}"

# repeated child element -> JSON array key
ARRAYS = {
    "prop": "props", "link": "links", "role": "roles", "party": "parties",
    "responsible-party": "responsible-parties", "group": "groups", "control": "controls",
    "part": "parts", "param": "params", "resource": "resources", "rlink": "rlinks",
    "hash": "hashes", "address": "addresses", "location": "locations",
    "revision": "revisions", "document-id": "document-ids",
}
# child elements whose text is one item of a string array
STRING_ARRAYS = {"email-address": "email-addresses", "addr-line": "addr-lines",
                 "party-uuid": "party-uuids", "value": "values", "member-of-organization":
                 "member-of-organizations", "telephone-number": "telephone-numbers"}
# child elements holding one string
SCALARS = {"title", "published", "last-modified", "version", "oscal-version", "name",
           "short-name", "city", "state", "postal-code", "country", "label", "usage",
           "description", "text"}
# child elements holding one object
OBJECTS = {"metadata", "back-matter", "select", "citation"}


def _path(stack: list[str]) -> str:
    return "/" + "/".join(stack)


def _local(el: ET.Element) -> str:
    if not el.tag.startswith(OSCAL):
        raise ValueError(f"element outside the OSCAL namespace: {el.tag}")
    return el.tag[len(OSCAL):]


def _inline(el: ET.Element, stack: list[str]) -> str:
    """The text of a line of prose; inline markup is not used by the supported catalogs."""
    if len(el):
        raise ValueError(f"inline markup is not supported: {_path(stack)}/{_local(el[0])}")
    return " ".join((el.text or "").split())


def _paragraphs(el: ET.Element, stack: list[str]) -> str:
    """Markdown from <p> children: one paragraph each, separated by a blank line."""
    out = []
    for child in el:
        if _local(child) != "p":
            raise ValueError(f"unsupported prose element: {_path(stack)}/{_local(child)}")
        out.append(_inline(child, [*stack, "p"]))
    return "\n\n".join(p for p in out if p)


def convert(el: ET.Element, stack: list[str]) -> dict[str, Any]:
    """Convert one OSCAL object element (attributes and children) to its JSON object."""
    node: dict[str, Any] = {k: v for k, v in el.attrib.items() if not k.startswith("{")}
    prose: list[str] = []
    for child in el:
        name = _local(child)
        here = [*stack, name]
        if name == "p":
            prose.append(_inline(child, here))
        elif name == "remarks":
            node["remarks"] = _paragraphs(child, here)
        elif name == "guideline":
            node.setdefault("guidelines", []).append({"prose": _paragraphs(child, here)})
        elif name in STRING_ARRAYS:
            node.setdefault(STRING_ARRAYS[name], []).append(_inline(child, here))
        elif name in SCALARS:
            node[name] = _inline(child, here)
        elif name in OBJECTS:
            node[name] = convert(child, here)
        elif name == "choice":
            node.setdefault("choice", []).append(_inline(child, here))
        elif name in ARRAYS:
            node.setdefault(ARRAYS[name], []).append(convert(child, here))
        else:
            raise ValueError(f"unsupported element: {_path(here)}")
    if prose:
        node["prose"] = "\n\n".join(p for p in prose if p)
    return node


def catalog_json(xml_path: Path) -> dict[str, Any]:
    """Read an OSCAL catalog in XML and return the OSCAL JSON document."""
    root = ET.parse(xml_path).getroot()
    if _local(root) != "catalog":
        raise ValueError(f"{xml_path} is an OSCAL {_local(root)}, not a catalog")
    return {"catalog": convert(root, ["catalog"])}


def main(argv: list[str] | None = None) -> int:
    """Convert XML_FILE to JSON_FILE."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("xml_file", type=Path)
    parser.add_argument("json_file", type=Path)
    args = parser.parse_args(argv)
    try:
        document = catalog_json(args.xml_file)
    except (ValueError, ET.ParseError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args.json_file.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n",
                              encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
