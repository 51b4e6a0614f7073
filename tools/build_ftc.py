"""Build the FTC Safeguards Rule catalog (16 CFR part 314) from the CISO Assistant library.

Usage: python tools/build_ftc.py [SOURCE_YAML] [OUTPUT_YAML]

Reads ../shared/sources/ftc-safeguards/standards-for-safeguarding-customer-information.yaml
(an eCFR transcription packaged by intuitem) and writes
src/auditpack/frameworks/catalogs/ftc-safeguards.yaml. The output is deterministic.
"""

from __future__ import annotations

import hashlib
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "sources" / "ftc-safeguards" / "standards-for-safeguarding-customer-information.yaml"
OUTPUT = ROOT / "src" / "auditpack" / "frameworks" / "catalogs" / "ftc-safeguards.yaml"
SOURCE_SHA256 = "d38d062e9e145063acd6029620b7b0fc8f52956a047eaec27e91516c48b27017"
LEVELS = ["section", "paragraph", "clause", "subclause", "item"]
NOTIFICATION_SECTION = "314.5"
EXCEPTION_SECTION = "314.6"

HEADER: dict[str, Any] = {
    "id": "ftc-safeguards",
    "title": "Standards for Safeguarding Customer Information (FTC Safeguards Rule)",
    "version": "2024-05-13",
    "publisher": "Federal Trade Commission",
    "published": "2023-11-13",
    "source": "https://www.ecfr.gov/current/title-16/chapter-I/subchapter-C/part-314",
    "license_name": "Public domain (US Government work)",
    "license": (
        "US Government work (Federal Trade Commission regulation, 16 CFR part 314), not subject to "
        "copyright in the United States; the text may be copied freely."
    ),
    "origin": {
        "document": (
            "16 CFR part 314, Standards for Safeguarding Customer Information, as amended through "
            "88 FR 77499 (November 13, 2023), which added § 314.4(j), effective May 13, 2024"
        ),
        "data": [
            "standards-for-safeguarding-customer-information.yaml: CISO Assistant library built from the eCFR, "
            "via intuitem/ciso-assistant-community backend/library/libraries/"
            "standards-for-safeguarding-customer-information.yaml @ f990d7b1b9a9f56e391acbc247c9076262a11412 "
            "(last change 7c165ec9db4263de1eec873ec7961dbc5512b30a, 2025-01-10), "
            f"sha256 {SOURCE_SHA256}",
        ],
        "notes": (
            "Built by tools/build_ftc.py. Ids are converted from the library's form (§ 314.4.c.1) to citation "
            "form (314.4(c)(1)). Texts are the library's paragraph texts, unchanged except that runs of "
            "whitespace are collapsed to one space (the library has a double space after each defined term in "
            "§ 314.2, where the eCFR sets the term in italics). The introductory sentence of § 314.4, a separate "
            "unnumbered node in the library, is the text of 314.4. Where the library gives a paragraph heading "
            "(for example 314.4(j)(1) Notification requirement) it is used as the title; all other titles are our "
            "own words, and paragraphs with no text of their own have a title only. The text was not compared "
            "against eCFR XML, since no machine-readable eCFR copy of part 314 was available. version is the "
            "date from which the text shown is in force (§ 314.5); published is the Federal Register date of "
            "the amendment that added § 314.4(j), which the library does not state. Assessable: 314.3(a) and "
            "every 314.4 paragraph with text; §§ 314.1, 314.2, 314.3(b), 314.5 and 314.6 are context. The "
            "§ 314.6 exception and the § 314.5 effective date are parsed from their texts into attributes."
        ),
    },
    "description": (
        "The FTC Safeguards Rule: the information security program that non-bank financial institutions under "
        "FTC jurisdiction must develop, implement and maintain to protect customer information."
    ),
    "levels": LEVELS,
}

# Our own short titles, for every paragraph the library gives no heading for.
TITLES: dict[str, str] = {
    "314.2(a)": "Authorized user",
    "314.2(b)": "Consumer",
    "314.2(b)(1)": "Consumer: definition",
    "314.2(b)(2)": "Consumer: examples",
    "314.2(b)(2)(i)": "Credit applicant",
    "314.2(b)(2)(ii)": "Loan pre-qualification applicant",
    "314.2(b)(2)(iii)": "Advisory services applicant",
    "314.2(b)(2)(iv)": "Loan owned or serviced",
    "314.2(b)(2)(v)": "Agent or processor for another institution",
    "314.2(b)(2)(vi)": "Trustee designation",
    "314.2(b)(2)(vii)": "Trust beneficiary",
    "314.2(b)(2)(viii)": "Employee benefit plan participant",
    "314.2(c)": "Customer",
    "314.2(d)": "Customer information",
    "314.2(e)": "Customer relationship",
    "314.2(e)(1)": "Customer relationship: definition",
    "314.2(e)(2)": "Customer relationship: examples",
    "314.2(e)(2)(i)": "Continuing relationship",
    "314.2(e)(2)(i)(A)": "Credit or investment account",
    "314.2(e)(2)(i)(B)": "Loan",
    "314.2(e)(2)(i)(C)": "Insurance product",
    "314.2(e)(2)(i)(D)": "Investment product held in custody",
    "314.2(e)(2)(i)(E)": "Mortgage or vehicle credit brokering",
    "314.2(e)(2)(i)(F)": "Non-operating lease",
    "314.2(e)(2)(i)(G)": "Paid advisory services",
    "314.2(e)(2)(i)(H)": "Tax preparation or credit counseling",
    "314.2(e)(2)(i)(I)": "Financial-sector career counseling",
    "314.2(e)(2)(i)(J)": "Purchased account",
    "314.2(e)(2)(i)(K)": "Real estate settlement services",
    "314.2(e)(2)(i)(L)": "Loan servicing rights",
    "314.2(e)(2)(ii)(A)": "Isolated transactions",
    "314.2(e)(2)(ii)(B)": "Loan sold without servicing",
    "314.2(e)(2)(ii)(C)": "Isolated travel-related sales",
    "314.2(e)(2)(ii)(D)": "One-time appraisal",
    "314.2(e)(2)(ii)(E)": "Check purchase",
    "314.2(f)": "Encryption",
    "314.2(g)": "Financial product or service",
    "314.2(g)(1)": "Financial product or service: definition",
    "314.2(g)(2)": "Financial service: evaluation and brokerage",
    "314.2(h)": "Financial institution",
    "314.2(h)(1)": "Financial institution: definition",
    "314.2(h)(2)": "Financial institution: examples",
    "314.2(h)(2)(i)": "Retailer issuing its own credit card",
    "314.2(h)(2)(ii)": "Automobile leasing dealership",
    "314.2(h)(2)(iii)": "Property appraiser",
    "314.2(h)(2)(iv)": "Financial-sector career counselor",
    "314.2(h)(2)(v)": "Check printer",
    "314.2(h)(2)(vi)": "Money transmitter",
    "314.2(h)(2)(vii)": "Check casher",
    "314.2(h)(2)(viii)": "Tax preparer",
    "314.2(h)(2)(ix)": "Travel agency linked to financial services",
    "314.2(h)(2)(x)": "Real estate settlement provider",
    "314.2(h)(2)(xi)": "Mortgage broker",
    "314.2(h)(2)(xii)": "Investment adviser and credit counselor",
    "314.2(h)(2)(xiii)": "Finder",
    "314.2(h)(3)": "Financial institution: exclusions",
    "314.2(h)(3)(i)": "Activity under CFTC jurisdiction",
    "314.2(h)(3)(ii)": "Farm credit institutions",
    "314.2(h)(3)(iii)": "Congressionally chartered secondary-market institutions",
    "314.2(h)(3)(iv)": "Entities not significantly engaged",
    "314.2(h)(4)": "Not significantly engaged: examples",
    "314.2(h)(4)(i)": "Lay-away plans and third-party credit cards",
    "314.2(h)(4)(ii)": "Accepting ordinary payment methods",
    "314.2(h)(4)(iii)": "Running a tab",
    "314.2(h)(4)(iv)": "Grocery store check cashing",
    "314.2(i)": "Information security program",
    "314.2(j)": "Information system",
    "314.2(k)": "Multi-factor authentication",
    "314.2(k)(1)": "Knowledge factor",
    "314.2(k)(2)": "Possession factor",
    "314.2(k)(3)": "Inherence factor",
    "314.2(l)": "Nonpublic personal information",
    "314.2(l)(1)": "Nonpublic personal information: inclusions",
    "314.2(l)(1)(i)": "Personally identifiable financial information",
    "314.2(l)(1)(ii)": "Consumer lists derived from nonpublic data",
    "314.2(l)(2)": "Nonpublic personal information: exclusions",
    "314.2(l)(2)(i)": "Publicly available information",
    "314.2(l)(2)(ii)": "Consumer lists derived from public data",
    "314.2(l)(3)": "Nonpublic personal information: examples",
    "314.2(l)(3)(i)": "Name and address list derived from account data",
    "314.2(l)(3)(ii)": "Name and address list from public data only",
    "314.2(m)": "Notification event",
    "314.2(n)": "Penetration testing",
    "314.2(o)": "Personally identifiable financial information",
    "314.2(o)(1)": "Personally identifiable financial information: definition",
    "314.2(o)(1)(i)": "Information given to obtain a product or service",
    "314.2(o)(1)(ii)": "Transaction information",
    "314.2(o)(1)(iii)": "Information obtained while providing a product or service",
    "314.2(o)(2)": "Personally identifiable financial information: examples",
    "314.2(o)(2)(i)(A)": "Application information",
    "314.2(o)(2)(i)(B)": "Account and payment history",
    "314.2(o)(2)(i)(C)": "Customer status",
    "314.2(o)(2)(i)(D)": "Information disclosed as a consumer's",
    "314.2(o)(2)(i)(E)": "Collection and servicing information",
    "314.2(o)(2)(i)(F)": "Cookie data",
    "314.2(o)(2)(i)(G)": "Consumer report information",
    "314.2(o)(2)(ii)(A)": "Customer lists of non-financial entities",
    "314.2(o)(2)(ii)(B)": "Non-identifying aggregate data",
    "314.2(p)": "Publicly available information",
    "314.2(p)(1)": "Publicly available information: definition",
    "314.2(p)(1)(i)": "Government records",
    "314.2(p)(1)(ii)": "Widely distributed media",
    "314.2(p)(1)(iii)": "Legally required public disclosures",
    "314.2(p)(2)": "Reasonable basis to believe",
    "314.2(p)(2)(i)": "Type of information",
    "314.2(p)(2)(ii)": "Consumer choice to withhold",
    "314.2(p)(3)": "Publicly available information: examples",
    "314.2(p)(3)(iii)": "Reasonable basis: examples",
    "314.2(p)(3)(iii)(A)": "Mortgage information",
    "314.2(p)(3)(iii)(B)": "Telephone numbers",
    "314.2(q)": "Security event",
    "314.2(r)": "Service provider",
    "314.2(s)": "You",
    "314.3(b)(1)": "Security and confidentiality",
    "314.3(b)(2)": "Threats and hazards",
    "314.3(b)(3)": "Unauthorized access or use",
    "314.4(a)": "Qualified Individual",
    "314.4(a)(1)": "Retained responsibility",
    "314.4(a)(2)": "Senior oversight of an outsourced Qualified Individual",
    "314.4(a)(3)": "Provider's information security program",
    "314.4(b)": "Risk assessment",
    "314.4(b)(1)": "Written risk assessment",
    "314.4(b)(1)(i)": "Risk evaluation and categorization criteria",
    "314.4(b)(1)(ii)": "Confidentiality, integrity and availability criteria",
    "314.4(b)(1)(iii)": "Risk mitigation and acceptance",
    "314.4(b)(2)": "Periodic reassessment",
    "314.4(c)": "Safeguards",
    "314.4(c)(1)": "Access controls",
    "314.4(c)(1)(i)": "Authentication and authorized access",
    "314.4(c)(1)(ii)": "Least privilege",
    "314.4(c)(2)": "Asset inventory and management",
    "314.4(c)(3)": "Encryption",
    "314.4(c)(4)": "Secure development and application security",
    "314.4(c)(5)": "Multi-factor authentication",
    "314.4(c)(6)": "Data disposal and retention",
    "314.4(c)(6)(i)": "Secure disposal",
    "314.4(c)(6)(ii)": "Retention policy review",
    "314.4(c)(7)": "Change management",
    "314.4(c)(8)": "User activity monitoring and logging",
    "314.4(d)": "Testing and monitoring",
    "314.4(d)(1)": "Safeguard effectiveness testing",
    "314.4(d)(2)": "Continuous monitoring or periodic testing",
    "314.4(d)(2)(i)": "Annual penetration testing",
    "314.4(d)(2)(ii)": "Vulnerability assessments",
    "314.4(e)": "Personnel and training",
    "314.4(e)(1)": "Security awareness training",
    "314.4(e)(2)": "Qualified security personnel",
    "314.4(e)(3)": "Security staff updates and training",
    "314.4(e)(4)": "Current threat knowledge",
    "314.4(f)": "Service provider oversight",
    "314.4(f)(1)": "Provider selection",
    "314.4(f)(2)": "Contractual safeguards",
    "314.4(f)(3)": "Periodic provider assessment",
    "314.4(g)": "Program evaluation and adjustment",
    "314.4(h)": "Incident response plan",
    "314.4(h)(1)": "Plan goals",
    "314.4(h)(2)": "Internal response processes",
    "314.4(h)(3)": "Roles and decision-making authority",
    "314.4(h)(4)": "Communications and information sharing",
    "314.4(h)(5)": "Remediation requirements",
    "314.4(h)(6)": "Documentation and reporting",
    "314.4(h)(7)": "Post-event plan review",
    "314.4(i)": "Report to the board",
    "314.4(i)(1)": "Program status and compliance",
    "314.4(i)(2)": "Material matters",
    "314.4(j)": "Notice to the FTC",
    "314.4(j)(1)(i)": "Institution name and contact",
    "314.4(j)(1)(ii)": "Types of information involved",
    "314.4(j)(1)(iii)": "Date or date range",
    "314.4(j)(1)(iv)": "Number of consumers affected",
    "314.4(j)(1)(v)": "General description of the event",
    "314.4(j)(1)(vi)": "Law enforcement delay",
}


def citation_id(ref_id: str) -> str:
    """Convert a library ref_id such as '§ 314.4.c.1' to citation form '314.4(c)(1)'."""
    parts = ref_id.removeprefix("§ ").split(".")
    return ".".join(parts[:2]) + "".join(f"({p})" for p in parts[2:])


def parent_id(rid: str) -> str | None:
    """Return the citation id one level up, or None for a section."""
    head, sep, _ = rid.rpartition("(")
    return head if sep else None


def level_of(rid: str) -> str:
    """Return the level name of a citation id from its number of parenthesised groups."""
    return LEVELS[rid.count("(")]


def clean(text: str | None) -> str | None:
    """Collapse runs of whitespace to one space; None for empty text."""
    if not text:
        return None
    return " ".join(text.split()) or None


def load_nodes(path: Path) -> list[dict[str, Any]]:
    """Load the library after checking its sha256; return its requirement nodes."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != SOURCE_SHA256:
        sys.exit(f"{path}: sha256 {digest} differs from the recorded {SOURCE_SHA256}")
    nodes: list[dict[str, Any]] = yaml.safe_load(data)["objects"]["framework"]["requirement_nodes"]
    return nodes


def section_intros(nodes: list[dict[str, Any]]) -> dict[str, str]:
    """Map a section id to the text of its unnumbered introductory node (only § 314.4 has one)."""
    by_urn = {n["urn"]: n for n in nodes}
    intros: dict[str, str] = {}
    for node in nodes:
        text = clean(node.get("description"))
        if node.get("ref_id") is None and text:
            intros[citation_id(by_urn[node["parent_urn"]]["ref_id"])] = text
    return intros


def base_entries(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Turn library nodes into catalog entries, skipping the part node and unnumbered intros."""
    intros = section_intros(nodes)
    entries = []
    for node in nodes:
        ref = node.get("ref_id")
        if ref is None or not ref.startswith("§ "):
            continue
        rid = citation_id(ref)
        text = clean(node.get("description")) or intros.get(rid)
        entries.append(make_entry(rid, node.get("name"), text))
    return entries


def make_entry(rid: str, heading: str | None, text: str | None) -> dict[str, Any]:
    """Build one catalog entry; the title is the library's heading or our own."""
    if heading and rid in TITLES:
        sys.exit(f"{rid}: has a heading in the source and an own title; drop the own title")
    title = heading or TITLES.get(rid)
    if title is None:
        sys.exit(f"{rid}: no title")
    entry: dict[str, Any] = {"id": rid, "parent": parent_id(rid), "level": level_of(rid), "title": title}
    if text:
        entry.update(text=text, text_source="official")
    entry["assessable"] = is_assessable(rid, text)
    return entry


def is_assessable(rid: str, text: str | None) -> bool:
    """314.3(a) and every 314.4 paragraph with text of its own state obligations."""
    return bool(text) and (rid == "314.3(a)" or rid.startswith("314.4("))


def exempt_ids(text: str) -> list[str]:
    """Parse the § 314.6 text into the list of paragraph ids it exempts."""
    match = re.match(r"Section (314\.\d+)(\(.+?) do not apply to ", text)
    if not match:
        sys.exit(f"{EXCEPTION_SECTION}: unexpected text {text!r}")
    section, refs = match.groups()
    return [section + ref.strip() for ref in re.split(r",\s*(?:and\s+)?", refs)]


def effective_dates(text: str) -> dict[str, str]:
    """Parse the § 314.5 text into {paragraph id: ISO date}."""
    match = re.fullmatch(r"Section (314\.\d+(?:\([a-z0-9]+\))+) is effective as of (\w+ \d+, \d{4})\.", text)
    if not match:
        sys.exit(f"{NOTIFICATION_SECTION}: unexpected text {text!r}")
    return {match[1]: datetime.strptime(match[2], "%B %d, %Y").date().isoformat()}


def subtree(entries: list[dict[str, Any]], root: str) -> list[dict[str, Any]]:
    """Return the entry with id root and all of its descendants."""
    return [e for e in entries if e["id"] == root or e["id"].startswith(root + "(")]


def add_attributes(entries: list[dict[str, Any]]) -> None:
    """Add the § 314.6 exemption and § 314.5 effective-date attributes in place."""
    by_id = {e["id"]: e for e in entries}
    for rid in exempt_ids(by_id[EXCEPTION_SECTION]["text"]):
        if rid not in by_id:
            sys.exit(f"{EXCEPTION_SECTION} names {rid}, which is not in the source")
        for entry in subtree(entries, rid):
            entry.setdefault("attributes", {}).update(small_institution_exempt=True, exemption=EXCEPTION_SECTION)
    for rid, date in effective_dates(by_id[NOTIFICATION_SECTION]["text"]).items():
        for entry in subtree(entries, rid):
            entry.setdefault("attributes", {})["effective"] = date


def build(source: Path) -> dict[str, Any]:
    """Return the whole catalog as a dict."""
    entries = base_entries(load_nodes(source))
    ids = [e["id"] for e in entries]
    if len(ids) != len(set(ids)):
        sys.exit("duplicate ids in the source")
    unused = sorted(set(TITLES) - set(ids))
    if unused:
        sys.exit(f"titles for ids not in the source: {unused}")
    add_attributes(entries)
    return {**HEADER, "requirements": entries}


def dump(catalog: dict[str, Any]) -> str:
    """Serialise the catalog as YAML with a generated-file comment."""
    body = yaml.safe_dump(catalog, sort_keys=False, allow_unicode=True, width=110)
    if yaml.safe_load(body) != catalog:
        sys.exit("YAML round trip changed the catalog")
    return "# Generated by tools/build_ftc.py from the FTC Safeguards Rule source; do not edit by hand.\n" + body


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
