#!/usr/bin/env python3
"""Build the PCI DSS v4.0.1 catalog from the CISO Assistant id list and our own titles.

Run from the repository root:

    .venv/bin/python tools/build_pci.py [path/to/pcidss-4_0.yaml] [--titles FILE] [--out DIR]

Identifiers, hierarchy and order come from the source YAML; every title and description
comes from tools/pci_titles.yaml, written by auditpack contributors. PCI SSC's requirement
text is read only to derive structured attributes and to check that none of it is copied;
it is never written out. The output, src/auditpack/frameworks/catalogs/pci-dss-4.0.1.yaml,
is deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "sources" / "pci-dss-4.0.1" / "pcidss-4_0.yaml"
DEFAULT_TITLES = REPO / "tools" / "pci_titles.yaml"
DEFAULT_OUT = REPO / "src" / "auditpack" / "frameworks"

SOURCE_SHA256 = "dbbfb727d6810df6e82a49f1d6172f4e6af4bd9a111e2ee047bda15017631e09"
SOURCE_CITATION = (
    "pcidss-4_0.yaml: CISO Assistant library \"PCI DSS 4.0.1\" (ref_id PCI DSS 4.0.1, library "
    "version 3), via intuitem/ciso-assistant-community backend/library/libraries/pcidss-4_0.yaml"
    " @ f990d7b1b9a9f56e391acbc247c9076262a11412 (last change "
    f"1a7849e6040b8ed8379557b4d818d038a73e1161, 2026-03-05), sha256 {SOURCE_SHA256}"
)

LEVELS = ("group", "principal", "section", "requirement", "sub_requirement",
          "sub_sub_requirement")
# Which principal requirements each of the six goals groups, in order.
GOALS = {"goal-1": ("1", "2"), "goal-2": ("3", "4"), "goal-3": ("5", "6"),
         "goal-4": ("7", "8", "9"), "goal-5": ("10", "11"), "goal-6": ("12",)}
EXPECTED = {"goals": 6, "principal": 12, "x.y": 63, "x.y.z+": 250, "appendix": 42,
            "x.y.z": 205, "x.y.z.w": 44, "x.y.z.w.v": 1}
# Effective date of every future-dated PCI DSS v4.0.1 requirement (the source says only
# "until its effective date"; the date is fixed by the standard).
FUTURE_DATE = "2025-03-31"
APPENDICES: dict[str, dict[str, Any]] = {
    "A1": {"applies_to": "multi-tenant service providers only", "service_providers_only": True},
    "A2": {"applies_to": "entities whose card-present POS terminals still connect over SSL or "
                         "early TLS"},
    "A3": {"applies_to": "designated entities only (DESV: entities a payment brand or acquirer "
                         "requires to undergo supplemental validation)"},
}
FUTURE_DATED = re.compile(r"best practice until its effective date", re.IGNORECASE)
SP_ONLY = re.compile(r"additional requirement for (?:multi-tenant )?service providers only",
                     re.IGNORECASE)
ADDITIONAL = re.compile(r"^additional requirement for ([^:]+):", re.IGNORECASE)
ENTRY_FIELDS = {"title", "text", "future_dated_part", "applies_to"}
MAX_SHARED_WORDS = 7

HEADER = """\
# GENERATED FILE - do not edit by hand.
# Built by tools/build_pci.py from the ids, hierarchy and order of CISO Assistant's
# pcidss-4_0.yaml (sha256 {sha})
# and auditpack's own titles in tools/pci_titles.yaml. No PCI SSC requirement text is included.
# To regenerate, run from the repository root: .venv/bin/python tools/build_pci.py
"""


class BuildError(Exception):
    """The source data or the titles file is not what this script expects."""


@dataclass(frozen=True)
class Node:
    """One source requirement node, under the id the catalog will use."""

    id: str
    parent: str | None
    depth: int
    source_text: str
    has_children: bool = False


@dataclass(frozen=True)
class Entry:
    """Our own wording for one id."""

    title: str
    text: str | None = None
    future_dated_part: str | None = None
    applies_to: str | None = None


def require(condition: bool, message: str) -> None:
    """Raise BuildError with the message unless the condition holds."""
    if not condition:
        raise BuildError(message)


class UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses duplicated mapping keys."""


def _unique_mapping(loader: UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    """Construct a mapping, failing on a repeated key."""
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        require(key not in seen, f"duplicate key {key!r} at line {key_node.start_mark.line + 1}")
        seen.add(key)
    return loader.construct_mapping(node)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def load_source(path: Path) -> list[dict[str, Any]]:
    """Load the source requirement nodes after checking it is the file the catalog cites."""
    require(path.is_file(), f"{path}: source file not found")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    require(digest == SOURCE_SHA256, f"{path}: sha256 {digest} is not the cited {SOURCE_SHA256}; "
            "update SOURCE_CITATION and SOURCE_SHA256 first")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    nodes: list[dict[str, Any]] = data["objects"]["framework"]["requirement_nodes"]
    return nodes


def source_text(node: dict[str, Any]) -> str:
    """Return the node's PCI wording (name and description) for checks only."""
    return " ".join(str(node.get(k) or "") for k in ("name", "description")).strip()


def read_nodes(raw: list[dict[str, Any]]) -> list[Node]:
    """Turn source nodes into Nodes: ref_ids as ids, goal-N for the unnumbered goals."""
    ids: dict[str, str] = {}
    for node in raw:
        if "ref_id" in node:
            ids[node["urn"]] = str(node["ref_id"])
        else:
            require(node["depth"] == 1, f"{node['urn']}: unnumbered node below the top")
            ids[node["urn"]] = f"goal-{sum(i.startswith('goal-') for i in ids.values()) + 1}"
    parents = {node.get("parent_urn") for node in raw}
    return [Node(ids[n["urn"]], ids[n["parent_urn"]] if n.get("parent_urn") else None,
                 n["depth"], source_text(n), n["urn"] in parents) for n in raw]


def check_node(node: Node, seen: set[str]) -> None:
    """Check one node's id, parent, depth and position against its identifier."""
    require(node.id not in seen, f"duplicate id {node.id}")
    require(node.parent is None or node.parent in seen, f"{node.id} comes before its parent")
    if node.id.startswith("goal-") or node.id == "A":
        require(node.depth == 1 and node.parent is None, f"{node.id}: not a top-level heading")
    elif "." not in node.id:
        require(node.depth == 2, f"{node.id}: principal requirement at depth {node.depth}")
    else:
        stem = node.id.rsplit(".", 1)[0]
        require(node.parent == stem, f"{node.id}: parent {node.parent}, expected {stem}")
        require(node.depth == node.id.count(".") + 2, f"{node.id}: depth {node.depth}")


def check_structure(nodes: list[Node]) -> None:
    """Check ids, order, goal grouping, counts, and that every section has children."""
    seen: set[str] = set()
    for node in nodes:
        check_node(node, seen)
        seen.add(node.id)
    for goal, principals in GOALS.items():
        found = tuple(n.id for n in nodes if n.parent == goal)
        require(found == principals, f"{goal} groups {found}, expected {principals}")
    appendix_parents = {n.parent for n in nodes if n.id in APPENDICES}
    require(appendix_parents == {"A"}, f"appendices sit under {appendix_parents}, not A")
    require(counts(nodes) == EXPECTED, f"counts {counts(nodes)} differ from {EXPECTED}")
    childless = [n.id for n in nodes if n.depth <= 3 and not n.has_children]
    require(not childless, f"headings or sections without children: {childless}")


def counts(nodes: list[Node]) -> dict[str, int]:
    """Count the kinds of node the way SOURCES.md reports them."""
    numbered = [n.id for n in nodes if n.id[0].isdigit()]
    dots = [i.count(".") for i in numbered]
    return {"goals": sum(n.id.startswith("goal-") for n in nodes),
            "principal": dots.count(0), "x.y": dots.count(1),
            "x.y.z+": sum(d >= 2 for d in dots), "appendix": sum(n.id[0] == "A" for n in nodes),
            "x.y.z": dots.count(2), "x.y.z.w": dots.count(3), "x.y.z.w.v": dots.count(4)}


def parse_entry(key: Any, value: Any) -> Entry:
    """Validate one titles-file entry (a title string or a mapping) and return it."""
    require(isinstance(key, str), f"titles: key {key!r} is not a string; quote it")
    if isinstance(value, str):
        value = {"title": value}
    require(isinstance(value, dict), f"titles: {key}: expected a title or a mapping")
    unknown = set(value) - ENTRY_FIELDS
    require(not unknown, f"titles: {key}: unknown fields {sorted(unknown)}")
    for field, text in value.items():
        require(isinstance(text, str) and text == text.strip() and text != "",
                f"titles: {key}.{field}: must be a non-empty trimmed string")
    require("title" in value, f"titles: {key}: no title")
    return Entry(**value)


def load_titles(path: Path) -> dict[str, Entry]:
    """Load our titles file, refusing duplicate keys and malformed entries."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=UniqueKeyLoader)  # noqa: S506
    require(isinstance(data, dict) and set(data) == {"titles"}, f"{path}: expected `titles:`")
    return {key: parse_entry(key, value) for key, value in data["titles"].items()}


def check_coverage(nodes: list[Node], titles: dict[str, Entry]) -> None:
    """Fail unless the titles file has exactly one entry per source id."""
    ids = [n.id for n in nodes]
    missing = [i for i in ids if i not in titles]
    extra = sorted(set(titles) - set(ids))
    require(not missing, f"ids without a title: {missing}")
    require(not extra, f"titles without an id in the source: {extra}")


def words(text: str) -> list[str]:
    """Split text into lower-case words (hyphens and apostrophes split words)."""
    return re.findall(r"[a-z0-9]+", text.lower())


def shared_run(ours: str, theirs: str) -> int:
    """Return the longest run of consecutive words the two texts share."""
    a, b = words(ours), words(theirs)
    best, row = 0, [0] * (len(b) + 1)
    for x in a:
        new = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                new[j] = row[j - 1] + 1
                best = max(best, new[j])
        row = new
    return best


def check_own_words(node: Node, wording: list[str]) -> None:
    """Fail if any of our wording shares too long a word run with the PCI wording."""
    for field in wording:
        run = shared_run(field, node.source_text)
        require(run <= MAX_SHARED_WORDS,
                f"{node.id}: '{field}' shares {run} consecutive words with the PCI text")


def appendix_attributes(node: Node) -> dict[str, Any]:
    """Return the appendix an id belongs to and who that appendix applies to."""
    if node.id == "A":
        return {"appendix": "A"}
    for appendix, audience_of in APPENDICES.items():
        if node.id == appendix or node.id.startswith(appendix + "."):
            return {"appendix": appendix, **audience_of}
    return {}


def audience(node: Node, entry: Entry) -> dict[str, Any]:
    """Derive who the requirement is for: appendix scope, service providers, other entities."""
    attributes = appendix_attributes(node)
    prefix = ADDITIONAL.match(node.source_text)
    needs_own = prefix is not None and prefix.group(1).lower() != "service providers only"
    require(needs_own == bool(entry.applies_to),
            f"{node.id}: applies_to {'missing' if needs_own else 'not expected'}")
    if entry.applies_to:
        require("applies_to" not in attributes, f"{node.id}: applies_to set twice")
        attributes["applies_to"] = entry.applies_to
    if SP_ONLY.search(node.source_text):
        attributes["service_providers_only"] = True
    return attributes


def applicability(node: Node, entry: Entry) -> dict[str, Any] | None:
    """Return the future-dated applicability the source marks, described in our words."""
    marked = len(FUTURE_DATED.findall(node.source_text))
    require(bool(marked) == bool(entry.future_dated_part),
            f"{node.id}: future_dated_part {'missing' if marked else 'not expected'}")
    if not marked:
        return None
    return {"best_practice_until": FUTURE_DATE, "scope": "part", "part": entry.future_dated_part}


def requirement(node: Node, entry: Entry) -> dict[str, Any]:
    """Build one catalog requirement from a node and our wording for it."""
    req: dict[str, Any] = {"id": node.id, "parent": node.parent,
                           "level": LEVELS[node.depth - 1], "title": entry.title}
    if entry.text:
        req["text"] = entry.text
    req["text_source"] = "paraphrase"
    req["assessable"] = node.depth >= 4
    attributes = audience(node, entry)
    dated = applicability(node, entry)
    if dated:
        attributes["applicability"] = dated
    if attributes:
        req["attributes"] = attributes
    ours = [entry.title, entry.text or "", entry.future_dated_part or ""]
    check_own_words(node, [*ours, str(attributes.get("applies_to", ""))])
    return req


DESCRIPTION = (
    "PCI DSS v4.0.1 requirement identifiers with auditpack's own short titles and "
    "descriptions (text_source: paraphrase); the PCI SSC text is not included, so read the "
    "standard itself for the exact wording, testing procedures and applicability notes. "
    "Levels: group (the six goals, ids goal-1 to goal-6 assigned by auditpack because PCI "
    "numbers none, and Appendix A); principal (Requirements 1-12 and Appendices A1-A3); "
    "section (x.y, e.g. 8.4); requirement (x.y.z, the defined-approach requirements an "
    "assessor tests); sub_requirement (x.y.z.w); sub_sub_requirement (9.5.1.2.1 only). "
    "Groups, principals and sections are headings (assessable: false); every section has "
    "requirements under it."
)


def catalog_notes(requirements: list[dict[str, Any]]) -> str:
    """Describe how the catalog was derived and what each attribute means."""
    dated = [r["id"] for r in requirements if "applicability" in r.get("attributes", {})]
    sp_only = [r["id"] for r in requirements
               if r.get("attributes", {}).get("service_providers_only")]
    return (
        "Built by tools/build_pci.py: ids, parents and order from the source file (its "
        "ref_id, parent_urn and node order; the CISO Assistant urns of 3.5.1.1-3.5.1.3 and "
        "A3.3.1.1 differ from their ref_ids, which are used); titles and descriptions from "
        "tools/pci_titles.yaml, written by auditpack contributors, checked by the build to "
        f"share no run of more than {MAX_SHARED_WORDS} consecutive words with the PCI text. "
        "attributes.applicability: where the source marks part of a requirement as a best "
        "practice until its effective date, {best_practice_until, scope: part, part (which "
        f"part, in our words)}}; the date {FUTURE_DATE} is the effective date PCI DSS v4.0.1 "
        "sets for its future-dated requirements (the source file omits applicability notes, "
        "so requirements future-dated as a whole are not marked). "
        f"Marked: {', '.join(dated)}. "
        "attributes.service_providers_only: the source text says the requirement is an "
        "additional requirement for (multi-tenant) service providers only, or it is in "
        f"Appendix A1: {', '.join(sp_only)}. attributes.appendix and applies_to: the appendix "
        "an id belongs to and the entities it applies to; applies_to also records the "
        "narrower audience of 3.3.3 and 11.4.7."
    )


def catalog_document(requirements: list[dict[str, Any]]) -> dict[str, Any]:
    """Assemble the catalog header and requirements."""
    return {
        "id": "pci-dss-4.0.1",
        "title": "Payment Card Industry Data Security Standard",
        "version": "4.0.1",
        "publisher": "PCI Security Standards Council",
        "published": "2024-06",
        "source": "https://docs-prv.pcisecuritystandards.org/PCI%20DSS/Standard/PCI-DSS-v4_0_1.pdf",
        "license_name": "© PCI SSC; ids and auditpack paraphrases only",
        "license": (
            "PCI DSS is copyright PCI Security Standards Council, LLC (all rights reserved); "
            "its requirement text may not be redistributed without PCI SSC's permission. This "
            "catalog therefore ships only the requirement identifiers and auditpack's own "
            "paraphrased titles and descriptions (Apache-2.0, like the rest of auditpack). "
            "Obtain the standard from the PCI SSC document library, "
            "https://www.pcisecuritystandards.org/document_library/."),
        "origin": {
            "document": ("Payment Card Industry Data Security Standard: Requirements and "
                         "Testing Procedures, v4.0.1, PCI Security Standards Council, June 2024"),
            "data": [SOURCE_CITATION],
            "notes": catalog_notes(requirements),
        },
        "description": DESCRIPTION,
        "levels": list(LEVELS),
        "requirements": requirements,
    }


def write_yaml(path: Path, data: dict[str, Any]) -> None:
    """Write the generated YAML file: comment header, then block-style YAML."""
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000,
                          default_flow_style=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(sha=SOURCE_SHA256) + body, encoding="utf-8")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help=f"CISO Assistant pcidss-4_0.yaml (default {DEFAULT_SOURCE})")
    parser.add_argument("--titles", type=Path, default=DEFAULT_TITLES,
                        help=f"our titles file (default {DEFAULT_TITLES})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"frameworks folder to write into (default {DEFAULT_OUT})")
    return parser.parse_args(argv)


def build(args: argparse.Namespace) -> None:
    """Build and write the catalog."""
    nodes = read_nodes(load_source(args.source))
    check_structure(nodes)
    titles = load_titles(args.titles)
    check_coverage(nodes, titles)
    requirements = [requirement(n, titles[n.id]) for n in nodes]
    write_yaml(args.out / "catalogs" / "pci-dss-4.0.1.yaml", catalog_document(requirements))
    print(f"pci-dss-4.0.1: {len(requirements)} requirements, {counts(nodes)}")


def main(argv: list[str] | None = None) -> int:
    """Entry point: build the catalog, report a data problem as an error message."""
    try:
        build(parse_args(argv))
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
