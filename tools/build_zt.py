"""Build the NIST SP 800-207 (Zero Trust Architecture) catalog from the project's transcription.

Usage: python tools/build_zt.py [SOURCE_YAML] [OUTPUT_YAML]

Reads ../shared/sources/nist-sp-800-207/sp800-207-structure.yaml (tenet sentences of section 2.1,
component names of section 3.1, deployment approach headings of 3.1.1-3.1.3) and writes
src/auditpack/frameworks/catalogs/nist-sp-800-207.yaml. The output is deterministic.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "sources" / "nist-sp-800-207" / "sp800-207-structure.yaml"
OUTPUT = ROOT / "src" / "auditpack" / "frameworks" / "catalogs" / "nist-sp-800-207.yaml"
SOURCE_SHA256 = "2de8dcba69fdc6cfaff6ab4abf64980f817a2df1d3b9812c452797216de30add"

HEADER: dict[str, Any] = {
    "id": "nist-sp-800-207",
    "title": "NIST SP 800-207, Zero Trust Architecture",
    "version": "final",
    "publisher": "National Institute of Standards and Technology",
    "published": "2020-08",
    "source": "https://doi.org/10.6028/NIST.SP.800-207",
    "license_name": "Public domain (US Government work)",
    "license": "US Government work (NIST), not subject to copyright in the United States; may be copied freely.",
    "origin": {
        "document": (
            "NIST Special Publication 800-207, Zero Trust Architecture, S. Rose, O. Borchert, S. Mitchell and "
            "S. Connelly, August 2020"
        ),
        "data": [
            "sp800-207-structure.yaml: transcription of the SP 800-207 section 2.1 tenets, section 3.1 component "
            "names and section 3.1.1-3.1.3 headings, in the project's shared sources "
            f"(nist-sp-800-207/sp800-207-structure.yaml; no machine-readable upstream exists), sha256 {SOURCE_SHA256}",
        ],
        "notes": (
            "Built by tools/build_zt.py. The tenet texts are the section 2.1 sentences as transcribed (official; "
            "whitespace normalised); the explanatory paragraphs under each tenet and component are not "
            "transcribed. SP 800-207 gives no identifiers, so the ids are ours: 2.1-n for the n-th tenet, "
            "3.1-PE, 3.1-PA and 3.1-PEP for the core components, 3.1-DS-n for the n-th data source in the "
            "order section 3.1 lists them, and the section numbers 3.1.1-3.1.3 for the deployment approaches. "
            "Component and data source titles are the official names; their one-sentence descriptions and the "
            "tenet titles are our own words (paraphrase), written to agree with section 3.1."
        ),
    },
    "description": (
        "The zero trust tenets and logical components of NIST SP 800-207, as assessable statements for a zero "
        "trust evidence package."
    ),
    "levels": ["section", "element"],
}

TENET_TITLES: dict[str, str] = {
    "2.1-1": "Everything is a resource",
    "2.1-2": "Secure all communication",
    "2.1-3": "Per-session access",
    "2.1-4": "Dynamic access policy",
    "2.1-5": "Asset integrity and posture monitoring",
    "2.1-6": "Dynamic, enforced authentication and authorization",
    "2.1-7": "Posture improvement from collected information",
}

COMPONENT_TEXTS: dict[str, str] = {
    "PE": (
        "Decides whether a subject is granted, denied or loses access to a resource by feeding enterprise "
        "policy and inputs from external sources into a trust algorithm, and records each decision."
    ),
    "PA": (
        "Carries out the policy engine's decisions by telling policy enforcement points to open or close the "
        "communication path between a subject and a resource, issuing any session-specific credentials or tokens."
    ),
    "PEP": (
        "Sits in the data path and opens, watches and finally closes connections between a subject and an "
        "enterprise resource, passing requests to the policy administrator and taking policy updates from it."
    ),
}

DATA_SOURCE_TEXTS: dict[str, str] = {
    "Continuous diagnostics and mitigation (CDM) system": (
        "Reports the current state of enterprise assets, such as patch level, configuration and known "
        "vulnerabilities, to the policy engine and applies configuration and software updates to them."
    ),
    "Industry compliance system": (
        "Keeps the enterprise in line with the regulatory regimes that apply to it and holds the policy rules "
        "written to maintain that compliance."
    ),
    "Threat intelligence feed(s)": (
        "Internal or external sources that inform the policy engine of new attacks, vulnerabilities and "
        "malicious sources, so that access decisions take them into account."
    ),
    "Network and system activity logs": (
        "Aggregated asset logs, network traffic, access actions and other events that give near-real-time "
        "feedback on the enterprise's security posture."
    ),
    "Data access policies": (
        "The attributes, rules and policies the enterprise defines for access to its resources, derived from "
        "mission roles and needs, which are the starting point of every access decision."
    ),
    "Enterprise public key infrastructure (PKI)": (
        "Issues and records the certificates the enterprise gives to resources, subjects, services and "
        "applications, possibly linked to external certificate authorities."
    ),
    "ID management system": (
        "Creates, stores and manages enterprise user accounts and identity records, such as names, roles, "
        "attributes, certificates and assigned assets."
    ),
    "Security information and event management (SIEM) system": (
        "Collects security-related information for later analysis, used to refine policies and to warn of "
        "possible attacks on enterprise assets."
    ),
}


def clean(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return " ".join(text.split())


def load_source(path: Path) -> dict[str, Any]:
    """Load the transcription after checking its sha256."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != SOURCE_SHA256:
        sys.exit(f"{path}: sha256 {digest} differs from the recorded {SOURCE_SHA256}")
    source: dict[str, Any] = yaml.safe_load(data)
    return source


def entry(rid: str, parent: str | None, title: str, **fields: Any) -> dict[str, Any]:
    """Build one catalog entry with keys in the documented order."""
    level = "section" if parent is None else "element"
    return {"id": rid, "parent": parent, "level": level, "title": title, **fields}


def tenets(source: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the section 2.1 heading and the seven tenets."""
    rows = [entry("2.1", None, "Tenets of Zero Trust", assessable=False)]
    for tenet in source["tenets"]:
        rid = str(tenet["id"])
        rows.append(entry(rid, "2.1", TENET_TITLES[rid], text=clean(tenet["text"]), text_source="official",
                          assessable=True, attributes={"kind": "tenet"}))
    return rows


def components(source: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the section 3.1 heading, the core components and the data sources."""
    rows = [entry("3.1", None, "ZTA Logical Components", assessable=False)]
    parts = source["logical_components"]
    for comp in parts["core"]:
        rows.append(entry(f"3.1-{comp['abbr']}", "3.1", comp["name"], text=COMPONENT_TEXTS[comp["abbr"]],
                          text_source="paraphrase", assessable=True,
                          attributes={"kind": "core_component", "abbreviation": comp["abbr"]}))
    for number, name in enumerate(parts["data_sources"], start=1):
        rows.append(entry(f"3.1-DS-{number}", "3.1", name, text=DATA_SOURCE_TEXTS[name],
                          text_source="paraphrase", assessable=True, attributes={"kind": "data_source"}))
    return rows


def approaches(source: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the deployment approaches of sections 3.1.1-3.1.3 as non-assessable entries."""
    return [
        entry(f"3.1.{number}", "3.1", title, assessable=False, attributes={"kind": "deployment_approach"})
        for number, title in enumerate(source["deployment_approaches"], start=1)
    ]


def build(source_path: Path) -> dict[str, Any]:
    """Return the whole catalog as a dict."""
    source = load_source(source_path)
    if len(source["tenets"]) != 7 or len(source["logical_components"]["data_sources"]) != len(DATA_SOURCE_TEXTS):
        sys.exit("unexpected number of tenets or data sources in the source")
    return {**HEADER, "requirements": tenets(source) + components(source) + approaches(source)}


def dump(catalog: dict[str, Any]) -> str:
    """Serialise the catalog as YAML with a generated-file comment."""
    body = yaml.safe_dump(catalog, sort_keys=False, allow_unicode=True, width=110)
    if yaml.safe_load(body) != catalog:
        sys.exit("YAML round trip changed the catalog")
    return "# Generated by tools/build_zt.py from the SP 800-207 transcription; do not edit by hand.\n" + body


def main(argv: list[str]) -> None:
    """Build the catalog and write it."""
    source = Path(argv[1]) if len(argv) > 1 else SOURCE
    output = Path(argv[2]) if len(argv) > 2 else OUTPUT
    catalog = build(source)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(dump(catalog), encoding="utf-8")
    print(f"wrote {output} ({len(catalog['requirements'])} requirements)")


if __name__ == "__main__":
    main(sys.argv)
