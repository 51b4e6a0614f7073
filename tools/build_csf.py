#!/usr/bin/env python3
"""Build the NIST CSF 2.0 catalog and its CIS / PCI DSS crosswalks from NIST's CPRT export.

Run from the repository root:

    .venv/bin/python tools/build_csf.py [path/to/csf-export.json]

It writes src/auditpack/frameworks/catalogs/nist-csf-2.0.yaml and two crosswalks under
src/auditpack/frameworks/crosswalks/. Output is deterministic: running it twice gives
identical files. Target ids are checked against the CIS and PCI DSS id lists when present.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SOURCES = Path("../shared/sources")
DEFAULT_EXPORT = SOURCES / "nist-csf-2.0" / "csf-export.json"
DEFAULT_CIS_IDS = SOURCES / "cis-controls-v8" / "prowler_cis_controls_8.1.json"
DEFAULT_PCI_IDS = SOURCES / "pci-dss-4.0.1" / "pcidss-4_0.yaml"
DEFAULT_OUT = Path("src/auditpack/frameworks")

EXPORT_SHA256 = "14dac38e7e4c2f4dca9536784b07e0d7d4f3fc6c42399141058cbeeb171299cc"
EXPORT_CITATION = (
    "csf-export.json: NIST CPRT (Cybersecurity and Privacy Reference Tool) JSON export of CSF 2.0 "
    "with informative references, via kimberapittman/Municipal-Cybersecurity-Reasoning-Prototype "
    f"data/csf-export.json @ e54e7e75f86101d5d03faad607d7fc828a55a2ad, sha256 {EXPORT_SHA256}"
)
CSF_DOC = "CSF_2_0_0"
FUNCTION_ORDER = ("GV", "ID", "PR", "DE", "RS", "RC")
LEVELS = ("function", "category", "subcategory")
PARTY_ORDER = ("1st", "3rd")

HEADER = """\
# GENERATED FILE - do not edit by hand.
# Built by tools/build_csf.py from NIST's CPRT export of CSF 2.0 (csf-export.json,
# sha256 {sha}).
# To regenerate, run from the repository root: .venv/bin/python tools/build_csf.py
"""


class BuildError(Exception):
    """The source data is not what this script expects."""


@dataclass(frozen=True)
class Target:
    """One CPRT informative-reference set to turn into a crosswalk."""

    crosswalk_id: str
    title: str
    to_catalog: str
    provenance: str
    target_doc: str
    source_key: str


TARGETS = (
    Target("nist-csf-2.0--cis-controls-v8",
           "NIST CSF 2.0 to CIS Controls v8.1 (NIST informative references)",
           "cis-controls-v8", "CIS-Controls-8.1-to-CSF-v2.0", "CISv8.0_8_1_8_1", "cprt-cis-8.1"),
    Target("nist-csf-2.0--pci-dss-4.0.1",
           "NIST CSF 2.0 to PCI DSS v4.0.1 (NIST informative references)",
           "pci-dss-4.0.1", "PCI-DSS-4.0.1-to-CSF-v2.0", "PCI_DSS_4_0_1_4_0_1",
           "cprt-pci-dss-4.0.1"),
)


def require(condition: bool, message: str) -> None:
    """Raise BuildError with the message unless the condition holds."""
    if not condition:
        raise BuildError(message)


def sha256_of(path: Path) -> str:
    """Return the hex sha256 digest of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_export(path: Path) -> dict[str, Any]:
    """Load the CPRT export after checking it is the file the catalog cites."""
    digest = sha256_of(path)
    require(digest == EXPORT_SHA256,
            f"{path}: sha256 {digest} is not the cited export {EXPORT_SHA256}; "
            "update EXPORT_CITATION and EXPORT_SHA256 first")
    data = json.loads(path.read_text(encoding="utf-8"))
    elements: dict[str, Any] = data["response"]["elements"]
    return elements


def clean(text: str) -> str:
    """Strip leading and trailing whitespace only; the rest is kept byte for byte."""
    return text.strip()


def elements_by_type(export: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Group the CSF elements by element_type, keeping the export's order."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for element in export["elements"]:
        require(element["doc_identifier"] == CSF_DOC, f"unexpected element {element}")
        groups[element["element_type"]].append(element)
    return groups


def projections(export: dict[str, Any]) -> list[tuple[str, str]]:
    """Return the (parent, child) pairs of the CSF hierarchy, in export order."""
    pairs: list[tuple[str, str]] = []
    for rel in export["relationships"]:
        if rel["relationship_identifier"] == "projection":
            require(rel["source_doc_identifier"] == rel["dest_doc_identifier"] == CSF_DOC,
                    f"projection outside CSF: {rel}")
            pairs.append((rel["source_element_identifier"], rel["dest_element_identifier"]))
    return pairs


def children_of(pairs: list[tuple[str, str]], parents: dict[str, Any],
                kids: dict[str, Any]) -> dict[str, list[str]]:
    """Map each parent id to its child ids (of the given kind), in projection order."""
    result: dict[str, list[str]] = {p: [] for p in parents}
    seen: set[str] = set()
    for parent, child in pairs:
        if parent in parents and child in kids:
            require(child not in seen, f"{child} has more than one parent")
            seen.add(child)
            result[parent].append(child)
    require(seen == set(kids), f"elements without a parent: {sorted(set(kids) - seen)}")
    return result


def index(elements: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Index elements by identifier, refusing duplicates."""
    result = {e["element_identifier"]: e for e in elements}
    require(len(result) == len(elements), "duplicate element identifiers")
    return result


def check_order(functions: list[str], categories: dict[str, list[str]],
                subcategories: dict[str, list[str]]) -> None:
    """Check the projection order against the identifiers (prefixes and numbering)."""
    require(tuple(functions) == FUNCTION_ORDER, f"functions out of order: {functions}")
    for func, cats in categories.items():
        require(all(c.startswith(func + ".") for c in cats), f"{func}: foreign category {cats}")
    for cat, subs in subcategories.items():
        require(all(s.startswith(cat + "-") for s in subs), f"{cat}: foreign subcategory {subs}")
        numbers = [int(s.rsplit("-", 1)[1]) for s in subs]
        require(numbers == sorted(set(numbers)), f"{cat}: subcategories out of order {subs}")


def examples_of(pairs: list[tuple[str, str]], subs: dict[str, Any],
                examples: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    """Map each subcategory to its implementation examples [{id, text}], in order."""
    kids = children_of(pairs, subs, examples)
    result: dict[str, list[dict[str, str]]] = {}
    for sub, ids in kids.items():
        require(all(i.startswith(sub + ".") for i in ids), f"{sub}: foreign example {ids}")
        result[sub] = [{"id": i, "text": clean(examples[i]["text"])} for i in ids]
    return result


def parties_of(pairs: list[tuple[str, str]], subs: dict[str, Any],
               parties: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Map each subcategory to its risk-party tags ('1st', '3rd') from the party elements."""
    label: dict[str, str] = {}
    for party in parties:
        ident, title = party["element_identifier"], party["title"]
        require(label.setdefault(ident, title) == title, f"party {ident} has two titles")
    result: dict[str, list[str]] = defaultdict(list)
    for parent, child in pairs:
        if child in label:
            require(parent in subs, f"party tag on a non-subcategory: {parent}")
            require(label[child] not in result[parent], f"{parent}: duplicated party tag")
            result[parent].append(label[child])
    require(sum(map(len, result.values())) == len(parties), "party elements and links disagree")
    require(set(label.values()) <= set(PARTY_ORDER), f"unknown party tags {sorted(label.values())}")
    return {s: sorted(tags, key=PARTY_ORDER.index) for s, tags in result.items()}


def check_example_serials(examples: dict[str, list[dict[str, str]]], order: list[str]) -> None:
    """Check the examples' serial numbers run 1..n in CSF order (an independent order check)."""
    serials = [int(ex["id"].rsplit(".", 1)[1]) for sub in order for ex in examples[sub]]
    require(serials == list(range(1, len(serials) + 1)), "example serials not in CSF order")


def requirement(element: dict[str, Any], parent: str | None, level: str) -> dict[str, Any]:
    """Build one catalog requirement from a CSF element (title only above subcategories)."""
    req: dict[str, Any] = {"id": element["element_identifier"], "parent": parent, "level": level}
    if level != "subcategory":
        req["title"] = clean(element["title"])
    req["text"] = clean(element["text"])
    req["text_source"] = "official"
    req["assessable"] = level == "subcategory"
    return req


@dataclass
class Csf:
    """The CSF hierarchy read from the export, in official order."""

    requirements: list[dict[str, Any]]
    untagged: list[str]
    raw_texts: list[str]


@dataclass
class Hierarchy:
    """CSF elements by id, with children in projection order, examples and party tags."""

    elements: dict[str, dict[str, Any]]
    functions: list[str]
    children: dict[str, list[str]]
    examples: dict[str, list[dict[str, str]]]
    parties: dict[str, list[str]]


def read_hierarchy(export: dict[str, Any]) -> tuple[Hierarchy, list[str]]:
    """Read the hierarchy from the projections; also return every raw text and title used."""
    groups = elements_by_type(export)
    funcs, cats, subs = (index(groups[t]) for t in LEVELS)
    pairs = projections(export)
    functions = list(funcs)
    require(not {child for _, child in pairs} & set(funcs), "a function has a parent")
    categories = children_of(pairs, funcs, cats)
    subcategories = children_of(pairs, cats, subs)
    check_order(functions, categories, subcategories)
    examples = examples_of(pairs, subs, index(groups["implementation_example"]))
    parties = parties_of(pairs, subs, groups["party"])
    order = [s for f in functions for c in categories[f] for s in subcategories[c]]
    check_example_serials(examples, order)
    raw = [e["text"] for t in (*LEVELS, "implementation_example") for e in groups[t]]
    raw += [e["title"] for t in LEVELS[:2] for e in groups[t]]
    tree = Hierarchy({**funcs, **cats, **subs}, functions, {**categories, **subcategories},
                     examples, parties)
    return tree, raw


def subcategory(tree: Hierarchy, sub: str, parent: str) -> dict[str, Any]:
    """Build a subcategory requirement with its risk-party tags and examples."""
    req = requirement(tree.elements[sub], parent, "subcategory")
    attributes: dict[str, Any] = {}
    if sub in tree.parties:
        attributes["risk_party"] = tree.parties[sub]
    attributes["examples"] = tree.examples[sub]
    req["attributes"] = attributes
    return req


def build_csf(export: dict[str, Any]) -> Csf:
    """Read functions, categories and subcategories with examples and party tags."""
    tree, raw = read_hierarchy(export)
    reqs: list[dict[str, Any]] = []
    untagged: list[str] = []
    for f in tree.functions:
        reqs.append(requirement(tree.elements[f], None, "function"))
        for c in tree.children[f]:
            reqs.append(requirement(tree.elements[c], f, "category"))
            reqs.extend(subcategory(tree, s, c) for s in tree.children[c])
            untagged.extend(s for s in tree.children[c] if s not in tree.parties)
    return Csf(reqs, untagged, raw)


def catalog_notes(csf: Csf) -> str:
    """Describe how the catalog was derived from the export."""
    stripped = sum(1 for t in csf.raw_texts if t != t.strip())
    doubled = [r["id"] for r in csf.requirements if "  " in r["text"]]
    return (
        "Built by tools/build_csf.py from the CPRT export. Titles and texts of functions, "
        "categories and subcategories, and the implementation examples, are the export's `title` "
        "and `text` values verbatim, except that leading and trailing whitespace is stripped "
        f"({stripped} of the {len(csf.raw_texts)} values used had any). Interior whitespace is "
        f"kept as published (double spaces in: {', '.join(doubled) or 'none'}). As in the "
        "export, the statements have no final full stop. Order follows the export's projection "
        "relationships, checked against the identifiers and the implementation examples' "
        "serial numbers. "
        "attributes.examples: the CSF implementation examples (id, text). attributes.risk_party: "
        "the 1st/3rd-party risk tags, from the export's `party` elements linked to each "
        f"subcategory by projection; subcategories with no tag: {', '.join(csf.untagged)}."
    )


def catalog_document(csf: Csf) -> dict[str, Any]:
    """Assemble the catalog header and requirements."""
    return {
        "id": "nist-csf-2.0",
        "title": "The NIST Cybersecurity Framework (CSF) 2.0",
        "version": "2.0",
        "publisher": "National Institute of Standards and Technology",
        "published": "2024-02-26",
        "source": "https://doi.org/10.6028/NIST.CSWP.29",
        "license_name": "Public domain (US Government work)",
        "license": ("US Government work, not subject to copyright in the United States "
                    "(17 U.S.C. 105): public domain in the US. NIST content may be copied and "
                    "redistributed freely; please cite NIST CSWP 29."),
        "origin": {
            "document": ("NIST CSWP 29, The NIST Cybersecurity Framework (CSF) 2.0, "
                         "February 26, 2024"),
            "data": [EXPORT_CITATION],
            "notes": catalog_notes(csf),
        },
        "levels": list(LEVELS),
        "requirements": csf.requirements,
    }


def natural_key(ident: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for dotted ids so that 3.2 < 3.10."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in ident.split("."))


def references(export: dict[str, Any], target: Target) -> list[tuple[str, str]]:
    """Return (CSF id, target id) for each reference of one provenance document."""
    pairs: list[tuple[str, str]] = []
    for rel in export["relationships"]:
        if rel["provenance_doc_identifier"] != target.provenance:
            continue
        require(rel["relationship_identifier"] == "external_reference", f"unexpected {rel}")
        ends = {rel["source_doc_identifier"]: rel["source_element_identifier"],
                rel["dest_doc_identifier"]: rel["dest_element_identifier"]}
        require(set(ends) == {CSF_DOC, target.target_doc}, f"unexpected documents in {rel}")
        pairs.append((ends[CSF_DOC].strip(), ends[target.target_doc].strip()))
    require(bool(pairs), f"no references with provenance {target.provenance}")
    return pairs


def document(export: dict[str, Any], doc_id: str) -> dict[str, str]:
    """Return the CPRT documents-list entry of one document."""
    found = [d for d in export["documents"] if d["doc_identifier"].strip() == doc_id]
    require(len(found) == 1, f"document {doc_id} listed {len(found)} times")
    entry: dict[str, str] = found[0]
    return entry


def sorted_mappings(pairs: list[tuple[str, str]], csf_order: dict[str, int],
                    source_key: str) -> list[dict[str, str]]:
    """Deduplicate pairs and sort them by CSF order, then by natural target id order."""
    unknown = sorted({f for f, _ in pairs} - set(csf_order))
    require(not unknown, f"CSF ids not in the catalog: {unknown}")
    unique = sorted(set(pairs), key=lambda p: (csf_order[p[0]], natural_key(p[1])))
    return [{"from_id": f, "to_id": t, "relationship": "related", "source": source_key}
            for f, t in unique]


def source_notes(target: Target, pairs: list[tuple[str, str]], target_doc: dict[str, str]) -> str:
    """Describe where the mappings came from and what was done to them."""
    dropped = sorted({p for p in pairs if pairs.count(p) > 1})
    listed = "; ".join(f"{f} -> {t} x{pairs.count((f, t))}" for f, t in dropped)
    return (
        f"CPRT external_reference relationships with provenance document "
        f"{target.provenance}, from CSF 2.0 ({CSF_DOC}) to {target_doc['name']} "
        f"{target_doc['version']} ({target.target_doc}). Read from {EXPORT_CITATION}. "
        f"{len(pairs)} references; exact duplicates merged: {listed or 'none'}; "
        f"{len(set(pairs))} mappings. CPRT states no set-theory relationship type, so every "
        "mapping is `related`. Built by tools/build_csf.py."
    )


def crosswalk_document(export: dict[str, Any], target: Target,
                       csf_order: dict[str, int]) -> dict[str, Any]:
    """Assemble one crosswalk from one CPRT provenance document."""
    pairs = references(export, target)
    provenance = document(export, target.provenance)
    source = {
        "title": (f"{provenance['name']} (NIST CPRT informative references, provenance "
                  f"document {target.provenance}, version {provenance['version']})"),
        "url": provenance["website"],
        "notes": source_notes(target, pairs, document(export, target.target_doc)),
    }
    return {
        "id": target.crosswalk_id,
        "title": target.title,
        "from_catalog": "nist-csf-2.0",
        "to_catalog": target.to_catalog,
        "sources": {target.source_key: source},
        "mappings": sorted_mappings(pairs, csf_order, target.source_key),
    }


def cis_ids(path: Path) -> set[str]:
    """Return the CIS v8.1 control and safeguard ids listed in the Prowler JSON."""
    safeguards = {r["id"] for r in json.loads(path.read_text(encoding="utf-8"))["requirements"]}
    return safeguards | {s.split(".")[0] for s in safeguards}


def pci_ids(path: Path) -> set[str]:
    """Return the PCI DSS 4.0.1 ref_ids listed in the CISO Assistant library."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    nodes = data["objects"]["framework"]["requirement_nodes"]
    return {str(n["ref_id"]) for n in nodes if "ref_id" in n}


def check_targets(crosswalk: dict[str, Any], known: set[str] | None, label: str) -> None:
    """Fail if a target id is not in the known id list (warn when there is no list)."""
    if known is None:
        print(f"warning: {label} id list not found; target ids not checked", file=sys.stderr)
        return
    unknown = sorted({m["to_id"] for m in crosswalk["mappings"]} - known, key=natural_key)
    require(not unknown, f"{crosswalk['id']}: ids not in {label}: {unknown}")


def write_yaml(path: Path, data: dict[str, Any]) -> None:
    """Write a generated YAML file: comment header, then block-style YAML."""
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000,
                          default_flow_style=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(sha=EXPORT_SHA256) + body, encoding="utf-8")


def summary(crosswalk: dict[str, Any]) -> str:
    """One line of counts for a crosswalk."""
    maps = crosswalk["mappings"]
    return (f"{crosswalk['id']}: {len(maps)} mappings, {len({m['from_id'] for m in maps})} CSF ids"
            f" -> {len({m['to_id'] for m in maps})} target ids")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", nargs="?", type=Path, default=DEFAULT_EXPORT,
                        help=f"CPRT csf-export.json (default {DEFAULT_EXPORT})")
    parser.add_argument("--cis-ids", type=Path, default=DEFAULT_CIS_IDS,
                        help="CIS v8.1 JSON used to check safeguard ids")
    parser.add_argument("--pci-ids", type=Path, default=DEFAULT_PCI_IDS,
                        help="PCI DSS 4.0.1 YAML used to check requirement ids")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"frameworks folder to write into (default {DEFAULT_OUT})")
    return parser.parse_args(argv)


def build(args: argparse.Namespace) -> None:
    """Build and write the catalog and both crosswalks."""
    export = load_export(args.export)
    csf = build_csf(export)
    write_yaml(args.out / "catalogs" / "nist-csf-2.0.yaml", catalog_document(csf))
    print(f"nist-csf-2.0: {len(csf.requirements)} requirements")
    csf_order = {r["id"]: i for i, r in enumerate(csf.requirements)}
    checkers = {"cis-controls-v8": (cis_ids, args.cis_ids),
                "pci-dss-4.0.1": (pci_ids, args.pci_ids)}
    for target in TARGETS:
        crosswalk = crosswalk_document(export, target, csf_order)
        reader, path = checkers[target.to_catalog]
        check_targets(crosswalk, reader(path) if path.is_file() else None, target.to_catalog)
        write_yaml(args.out / "crosswalks" / f"{target.crosswalk_id}.yaml", crosswalk)
        print(summary(crosswalk))


def main(argv: list[str] | None = None) -> int:
    """Entry point: build everything, report a data problem as an error message."""
    try:
        build(parse_args(argv))
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
