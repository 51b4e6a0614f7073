"""Build the HIPAA Security Rule catalog (45 CFR part 164 subpart C) and its CSF 2.0 crosswalk.

Usage: python tools/build_hipaa.py [SOURCES_DIR] [FRAMEWORKS_DIR]

Reads, from ../shared/sources (sha256 checked):
- hipaa-security-rule/title-45-part-164-subpart-c-2026-03-13.xml, the eCFR XML of subpart C;
- hipaa-security-rule/sp800-66r2-olir-cprt-extraction.json, NIST's SP 800-66r2 -> CSF 1.1 links;
- nist-csf-2.0/csf-export.json, NIST's CPRT export of CSF 2.0 with its CSF 1.1 -> 2.0 links;
and writes src/auditpack/frameworks/catalogs/hipaa-security.yaml and
src/auditpack/frameworks/crosswalks/hipaa-security--nist-csf-2.0.yaml. The output is deterministic.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "sources"
FRAMEWORKS = ROOT / "src" / "auditpack" / "frameworks"
XML_NAME = "hipaa-security-rule/title-45-part-164-subpart-c-2026-03-13.xml"
OLIR_NAME = "hipaa-security-rule/sp800-66r2-olir-cprt-extraction.json"
CSF_NAME = "nist-csf-2.0/csf-export.json"
SHA256 = {
    XML_NAME: "4d5050e9e1cf9b3b8d9d2d10ad8906e86b86ee3bbd206933b304d70a55954f71",
    OLIR_NAME: "a92791d1602f1b4d9493272a2a31b74cb3d9ff69f215fb68e3c57b3210ef6eb6",
    CSF_NAME: "14dac38e7e4c2f4dca9536784b07e0d7d4f3fc6c42399141058cbeeb171299cc",
}
LEVELS = ["section", "standard", "implementation_specification", "element"]
SAFEGUARD_SECTIONS = ("164.308", "164.310", "164.312", "164.314", "164.316")
# 164.308(b)(1) is a standard (Appendix A lists it) although its heading lacks "Standard:".
UNLABELLED_STANDARDS = {"164.308(b)(1)"}
# Our own titles for paragraphs the rule gives no heading.
TITLES: dict[str, str] = {
    "164.308(b)(2)": "Business associate's subcontractors",
    "164.314(a)(2)(i)(A)": "Comply with the subpart",
    "164.314(a)(2)(i)(B)": "Subcontractors agree to comply",
    "164.314(a)(2)(i)(C)": "Report security incidents and breaches",
    "164.314(b)(2)(i)": "Plan sponsor safeguards",
    "164.314(b)(2)(ii)": "Adequate separation supported by security measures",
    "164.314(b)(2)(iii)": "Agents implement security measures",
    "164.314(b)(2)(iv)": "Report security incidents to the plan",
    "164.316(b)(1)(i)": "Written policies and procedures",
    "164.316(b)(1)(ii)": "Written record of required actions",
}
# NIST CPRT ids that differ from the CFR paragraph numbering (SOURCES.md section 9).
CPRT_TO_CFR = {
    "164.308(b)(4)": "164.308(b)(3)",
    "164.314(a)(3)(i)": "164.314(a)(2)(i)(C)",
    "164.310(a)": "164.310(a)(1)",
    "164.310(d)": "164.310(d)(1)",
    "164.312(a)": "164.312(a)(1)",
    "164.312(c)": "164.312(c)(1)",
    "164.314(a)": "164.314(a)(1)",
    "164.314(b)": "164.314(b)(1)",
    "164.316(b)": "164.316(b)(1)",
}
LABEL = re.compile(r"\s*(?:—)?\s*\((?P<l>[a-z]{1,4}|\d+|[A-Z])\)\s*")
SPEC_FLAG = re.compile(r"\s*\((Required|Addressable)\)")

HEADER: dict[str, Any] = {
    "id": "hipaa-security",
    "title": "HIPAA Security Rule (45 CFR part 164, subpart C)",
    "version": "2026-03-13",
    "publisher": "US Department of Health and Human Services",
    "published": "2013-01-25",
    "source": "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C",
    "license_name": "Public domain (US Government work)",
    "license": (
        "US Government work (HHS regulation, 45 CFR part 164 subpart C), not subject to copyright in "
        "the United States; the text may be copied freely."
    ),
    "origin": {
        "document": (
            "45 CFR part 164 subpart C, Security Standards for the Protection of Electronic Protected Health "
            "Information, as amended by the Omnibus Rule (78 FR 5566, January 25, 2013) and 78 FR 34266 "
            "(June 7, 2013); eCFR point-in-time text of 2026-03-13"
        ),
        "data": [
            "title-45-part-164-subpart-c-2026-03-13.xml: eCFR versioner API response "
            "(https://www.ecfr.gov/api/versioner/v1/full/2026-03-13/title-45.xml?part=164&subpart=C), via "
            "dyeoman2/tanstack-start-template compliance/sources/hhs/hipaa/"
            "title-45-part-164-subpart-c-2026-03-13.xml @ 0dd7f2744e9612b643f9ab197e744ad2029dc725 "
            f"(added 39f9da3b31a305baecc5651f6e7989eb33b60e2b), sha256 {SHA256[XML_NAME]}",
        ],
        "notes": (
            "Built by tools/build_hipaa.py. Levels: the nine sections; the 22 standards of §§ 164.308-164.316 "
            "(cited as the paragraph that holds them, e.g. 164.308(a)(1), as Appendix A cites them); their "
            "implementation specifications; and elements (lettered or numbered parts of a standard or "
            "specification, and 164.308(b)(2)). Texts are the eCFR paragraph texts with the italic heading "
            "moved to the title and whitespace collapsed; 'Implementation specifications:' headings are "
            "dropped and any words after them kept as the specifications' lead_in attribute. Every "
            "implementation specification has implementation: required or addressable, read from its own "
            "heading or from the heading it sits under (164.314), never from the Appendix A matrix, which "
            "omits the (A) of Workforce clearance procedure. §§ 164.302, 164.304, 164.306 and 164.318 are "
            "context (not assessable), their text joined from their paragraphs; Appendix A is not included. "
            "Titles of paragraphs without a heading are our own words. version is the eCFR point-in-time "
            "date of the text; published is the Federal Register date of the Omnibus Rule."
        ),
    },
    "description": (
        "The HIPAA Security Rule: the administrative, physical and technical safeguards, organizational "
        "requirements and documentation that covered entities and business associates must implement to "
        "protect electronic protected health information."
    ),
    "levels": LEVELS,
}


def read_checked(sources: Path, name: str) -> bytes:
    """Read one source file after checking its sha256 against the recorded one."""
    data = (sources / name).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != SHA256[name]:
        sys.exit(f"{sources / name}: sha256 {digest} differs from the recorded {SHA256[name]}")
    return data


def clean(text: str) -> str:
    """Collapse runs of whitespace to one space and undo the eCFR '$(1)' quirk."""
    return " ".join(text.replace("$(", "(").split())


def level_rank(label: str, previous: list[str]) -> int:
    """CFR paragraph depth of a label: (a) 0, (1) 1, (i) 2, (A) 3."""
    if label.isdigit():
        return 1
    if label.isupper():
        return 3
    if re.fullmatch(r"[ivx]+", label) and not (label == "i" and previous and previous[0] == "h"):
        return 2
    return 0


def split_labels(text: str, path: list[str]) -> tuple[list[str], str]:
    """Consume the paragraph labels at the start of text; return the new path and the rest."""
    new = list(path)
    while match := LABEL.match(text):
        rank = level_rank(match["l"], new)
        new = new[:rank] + [match["l"]]
        text = text[match.end():]
    return new, text


def marked_text(para: ET.Element) -> str:
    """Return a paragraph's text with italic runs wrapped in « » and the eCFR '$(1)' quirk undone."""
    parts = [para.text or ""]
    for child in para:
        inner = "".join(child.itertext())
        parts.append(f"«{inner}»" if child.tag == "I" else inner)
        parts.append(child.tail or "")
    return re.sub(r"\$\(«(\w+)»\)", r"(\1)", "".join(parts))


def segments(section: ET.Element) -> list[tuple[str, str | None, str]]:
    """Return (paragraph id, heading, text) for each labelled part of a section, in order."""
    sid = section.get("N") or ""
    out: list[tuple[str, str | None, str]] = []
    path: list[str] = []
    for para in section.findall("P"):
        rest = marked_text(para)
        while True:
            path, rest = split_labels(rest, path)
            heading = None
            if match := re.match(r"\s*«([^»]*)»", rest):
                heading, rest = clean(match[1]), rest[match.end():]
            pid = sid + "".join(f"({p})" for p in path)
            if heading is not None and LABEL.match(rest):
                out.append((pid, heading, ""))
                continue
            out.append((pid, heading, clean(rest.replace("«", "").replace("»", ""))))
            break
    return out


def parse_sections(xml: bytes) -> list[ET.Element]:
    """Return the DIV8 section elements of the subpart."""
    root = ET.fromstring(xml)
    return [d for d in root.iter("DIV8")]


def section_entry(section: ET.Element) -> dict[str, Any]:
    """The level-1 entry of a section; sections with no standards carry their whole text."""
    sid = section.get("N") or ""
    head = clean("".join(section.find("HEAD").itertext()))  # type: ignore[union-attr]
    entry: dict[str, Any] = {"id": sid, "parent": None, "level": "section",
                             "title": re.sub(r"^§ \S+ ", "", head).rstrip(".")}
    if sid not in SAFEGUARD_SECTIONS:
        paras = [clean(marked_text(p).replace("«", "").replace("»", "")) for p in section.findall("P")]
        entry.update(text=" ".join(paras), text_source="official")
    entry["assessable"] = False
    return entry


def strip_flag(heading: str) -> tuple[str, str | None]:
    """Split 'Risk analysis (Required).' into ('Risk analysis', 'required')."""
    match = SPEC_FLAG.search(heading)
    flag = match[1].lower() if match else None
    return SPEC_FLAG.sub("", heading).strip().rstrip(".:").strip(), flag


def entry(rid: str, parent: str, level: str, title: str | None, text: str) -> dict[str, Any]:
    """One requirement entry; the title is the rule's heading or our own."""
    if title and rid in TITLES:
        sys.exit(f"{rid}: has a heading in the source and an own title; drop the own title")
    title = title or TITLES.get(rid)
    if title is None:
        sys.exit(f"{rid}: no title")
    out: dict[str, Any] = {"id": rid, "parent": parent, "level": level, "title": title}
    if text:
        out.update(text=text, text_source="official")
    out["assessable"] = True
    return out


class SectionParser:
    """Turns the labelled paragraphs of one safeguard section into catalog entries."""

    def __init__(self, section: ET.Element) -> None:
        self.entries = [section_entry(section)]
        self.sid = self.entries[0]["id"]
        self.standard = ""
        self.group = ""
        self.group_flag: str | None = None
        self.lead_in = ""

    def add(self, pid: str, heading: str | None, text: str) -> None:
        """Classify one paragraph and add it."""
        if pid in (self.sid, f"{self.sid}(a)") and heading is None and not self.standard:
            self.entries[0].update(text=text, text_source="official")
        elif (heading or "").startswith("Standard:") or pid in UNLABELLED_STANDARDS:
            self.standard, self.group = pid.removesuffix("(i)"), ""
            title = (heading or "").removeprefix("Standard:").strip().rstrip(".")
            self.entries.append(entry(self.standard, self.sid, "standard", title, text))
        elif heading and re.match(r"Implementation specifications?[:.]? [^(]", heading):
            self.spec(pid, heading.split(":", 1)[1], text, None)
        elif heading and heading.startswith("Implementation specification"):
            self.group, self.lead_in = pid, text
            self.group_flag = strip_flag(heading)[1]
        elif self.group and pid.startswith(self.group + "(") and pid.count("(") == self.group.count("(") + 1:
            self.spec(pid, heading, text, self.group_flag)
        else:
            ids = [e["id"] for e in self.entries if pid.startswith(e["id"] + "(")]
            parent = max(ids, key=len) if ids and ids[-1] != self.sid else self.standard
            self.entries.append(entry(pid, parent, "element", heading and heading.rstrip("."), text))

    def spec(self, pid: str, heading: str | None, text: str, default: str | None) -> None:
        """Add one implementation specification with its required/addressable flag."""
        title, flag = strip_flag(heading) if heading else (None, None)
        flag = flag or default
        if flag is None:
            sys.exit(f"{pid}: implementation specification without (Required) or (Addressable)")
        new = entry(pid, self.standard, "implementation_specification", title, text)
        new["attributes"] = {"implementation": flag}
        if self.group and pid.startswith(self.group + "(") and self.lead_in:
            new["attributes"]["lead_in"] = self.lead_in
        self.entries.append(new)


def build_catalog(xml: bytes) -> dict[str, Any]:
    """Return the whole catalog as a dict."""
    entries: list[dict[str, Any]] = []
    for section in parse_sections(xml):
        if section.get("N") not in SAFEGUARD_SECTIONS:
            entries.append(section_entry(section))
            continue
        parser = SectionParser(section)
        for pid, heading, text in segments(section):
            parser.add(pid, heading, text)
        entries.extend(parser.entries)
    ids = [e["id"] for e in entries]
    if len(ids) != len(set(ids)):
        sys.exit("duplicate ids in the source")
    unused = sorted(set(TITLES) - set(ids))
    if unused:
        sys.exit(f"titles for ids not in the source: {unused}")
    return {**HEADER, "requirements": entries}


def dump(document: dict[str, Any], comment: str) -> str:
    """Serialise as YAML with a generated-file comment, checking the round trip."""
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110)
    if yaml.safe_load(body) != document:
        sys.exit("YAML round trip changed the document")
    return comment + body



def csf_v11_to_v2(export: dict[str, Any]) -> dict[str, list[str]]:
    """NIST's CSF 1.1 -> 2.0 relationships from the CSF 2.0 CPRT export: {1.1 id: [2.0 ids]}."""
    links: dict[str, set[str]] = defaultdict(set)
    for rel in export["relationships"]:
        if rel["provenance_doc_identifier"].strip() != "CSFv1.1-to-CSFv2.0":
            continue
        if (rel["source_doc_identifier"], rel["dest_doc_identifier"]) != ("CSF_2_0_0", "CSF_1_1_0"):
            sys.exit(f"unexpected CSF 1.1 -> 2.0 relationship {rel}")
        links[rel["dest_element_identifier"].strip()].add(rel["source_element_identifier"].strip())
    return {k: sorted(v) for k, v in links.items()}


def hipaa_to_v11(olir: dict[str, Any]) -> list[tuple[str, str]]:
    """NIST's SP 800-66r2 -> CSF 1.1 links, with CPRT ids turned into CFR citations."""
    pairs = []
    for row in olir["rows"]:
        if row["olir_name"] == "SP-800-66-Rev-2-to-Cybersecurity-Framework-v1.1":
            rid = row["security_rule_element"]
            pairs.append((CPRT_TO_CFR.get(rid, rid), row["target_id"]))
    return pairs


def chain(pairs: list[tuple[str, str]], v2_of: dict[str, list[str]]) -> dict[tuple[str, str], list[str]]:
    """{(HIPAA id, CSF 2.0 id): [CSF 1.1 ids through which NIST's two mappings connect them]}."""
    paths: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rid, v11 in pairs:
        for v2 in v2_of.get(v11, []):
            paths[(rid, v2)].add(v11)
    return {k: sorted(v) for k, v in paths.items()}


def crosswalk(catalog: dict[str, Any], olir: dict[str, Any], export: dict[str, Any]) -> dict[str, Any]:
    """Return the derived HIPAA -> CSF 2.0 crosswalk as a dict."""
    order = {e["id"]: i for i, e in enumerate(catalog["requirements"])}
    csf_order = {e["element_identifier"].strip(): i for i, e in enumerate(export["elements"])}
    pairs = hipaa_to_v11(olir)
    unknown = sorted({rid for rid, _ in pairs} - set(order))
    if unknown:
        sys.exit(f"SP 800-66r2 ids with no CFR paragraph in the catalog: {unknown}")
    v2_of = csf_v11_to_v2(export)
    dead_ends = sorted({v11 for _, v11 in pairs} - set(v2_of))
    paths = chain(pairs, v2_of)
    mappings = [
        {"from_id": rid, "to_id": v2, "relationship": "related", "source": "nist-derived",
         "rationale": (f"Derived: NIST SP 800-66r2 links {rid} to CSF 1.1 {', '.join(via)}, which NIST's "
                       f"CSF 1.1 to 2.0 crosswalk links to {v2}.")}
        for (rid, v2), via in sorted(paths.items(), key=lambda kv: (order[kv[0][0]], csf_order[kv[0][1]]))
    ]
    return {
        "id": "hipaa-security--nist-csf-2.0",
        "title": "HIPAA Security Rule to NIST CSF 2.0 (derived from NIST's SP 800-66r2 and CSF 1.1-2.0 mappings)",
        "description": (
            "Each HIPAA Security Rule standard and implementation specification linked to the CSF 2.0 "
            "subcategories reached by chaining two NIST mappings: SP 800-66 Rev. 2's informative references "
            "to CSF 1.1, then NIST's CSF 1.1 to CSF 2.0 crosswalk. Derived by the auditpack project; NIST "
            "publishes no direct SP 800-66r2 to CSF 2.0 mapping. A link says the two share at least one CSF "
            "1.1 subcategory, not that one satisfies the other."
        ),
        "from_catalog": "hipaa-security",
        "to_catalog": "nist-csf-2.0",
        "sources": {"nist-derived": {
            "title": ("Derived from NIST OLIR SP-800-66-Rev-2-to-Cybersecurity-Framework-v1.1 and NIST "
                      "Cybersecurity-Framework-v1.1-to-Cybersecurity-Framework-v2.0 (CPRT)"),
            "url": "https://csrc.nist.gov/Projects/cprt",
            "notes": source_notes(pairs, dead_ends, len(mappings)),
        }},
        "mappings": mappings,
    }


def source_notes(pairs: list[tuple[str, str]], dead_ends: list[str], count: int) -> str:
    """Describe the inputs of the chained crosswalk and what was done to them."""
    renamed = "; ".join(f"{k} is {v}" for k, v in CPRT_TO_CFR.items())
    return (
        f"Built by tools/build_hipaa.py. First link: {OLIR_NAME.split('/')[1]} (NIST CPRT "
        "externalRelationships of SP800_66_2_0_0, retrieved 2026-06-10, via amurthygithub/Audit-skills "
        "docs/builds/sox-638/cprt-extraction.json @ db636b14a4d553001a4ff66dad96334b63bf7628, sha256 "
        f"{SHA256[OLIR_NAME]}), {len(pairs)} HIPAA to CSF 1.1 links. Second link: the CSF 1.1 to 2.0 "
        "external_reference relationships (provenance CSFv1.1-to-CSFv2.0) in csf-export.json, the CPRT "
        "export of CSF 2.0 (via kimberapittman/Municipal-Cybersecurity-Reasoning-Prototype "
        f"data/csf-export.json @ e54e7e75f86101d5d03faad607d7fc828a55a2ad, sha256 {SHA256[CSF_NAME]}). "
        f"CPRT ids turned into CFR citations: {renamed}. CSF 1.1 subcategories with no CSF 2.0 successor "
        f"in NIST's crosswalk, so their links end there: {', '.join(dead_ends) or 'none'}. Neither NIST "
        "mapping states a set-theory relationship, so every derived row is `related`; each row's "
        f"rationale names the CSF 1.1 subcategories it was derived through. {count} mappings."
    )


def main(argv: list[str]) -> None:
    """Build the catalog and the crosswalk and write them."""
    sources = Path(argv[1]) if len(argv) > 1 else SOURCES
    out = Path(argv[2]) if len(argv) > 2 else FRAMEWORKS
    catalog = build_catalog(read_checked(sources, XML_NAME))
    olir = json.loads(read_checked(sources, OLIR_NAME))
    export = json.loads(read_checked(sources, CSF_NAME))["response"]["elements"]
    walk = crosswalk(catalog, olir, export)
    cat_path = out / "catalogs" / "hipaa-security.yaml"
    walk_path = out / "crosswalks" / "hipaa-security--nist-csf-2.0.yaml"
    for path in (cat_path, walk_path):
        path.parent.mkdir(parents=True, exist_ok=True)
    cat_path.write_text(dump(catalog, "# Generated by tools/build_hipaa.py from the eCFR XML of 45 CFR 164 "
                                      "subpart C; do not edit by hand.\n"), encoding="utf-8")
    walk_path.write_text(dump(walk, "# Generated by tools/build_hipaa.py from NIST's SP 800-66r2 and CSF "
                                    "1.1 to 2.0 mappings; do not edit by hand.\n"), encoding="utf-8")
    print(f"wrote {cat_path} ({len(catalog['requirements'])} requirements)")
    print(f"wrote {walk_path} ({len(walk['mappings'])} mappings)")


if __name__ == "__main__":
    main(sys.argv)
