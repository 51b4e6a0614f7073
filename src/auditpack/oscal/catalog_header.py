"""The header of a catalog imported from OSCAL: id, version, publisher, source, licence."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .validate import OSCAL_VERSION

FALLBACK_SOURCE = "https://pages.nist.gov/OSCAL/"
NIST = "National Institute of Standards and Technology"
NIST_LICENSE = ("US Government work (NIST), not subject to copyright in the United States; "
                "the official text may be copied freely.")


def slugify(text: str) -> str:
    """Make a catalog id (lower-case slug) from a file name or title."""
    slug = re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")
    return slug or "oscal-catalog"


def default_catalog_id(path: Path) -> str:
    """The id from the file name: NIST_SP-800-53_rev5_catalog.json -> nist-sp-800-53-rev5."""
    stem = re.sub(r"[-_ ]?catalog$", "", path.stem, flags=re.IGNORECASE)
    return slugify(stem)


def version_slug(raw: str) -> str:
    version = re.sub(r"[^A-Za-z0-9._+-]+", "-", raw.strip()).strip("-._+")
    return version or "1"


def date_prefix(value: Any) -> str | None:
    match = re.match(r"^\d{4}(-\d{2}(-\d{2})?)?", str(value or ""))
    return match.group(0) if match else None


def resolve_href(href: str, catalog: dict[str, Any]) -> str | None:
    """An http(s) URL for a link, following '#uuid' into the back-matter resources."""
    if href.startswith(("http://", "https://")):
        return href
    if href.startswith("#"):
        for res in catalog.get("back-matter", {}).get("resources", []):
            if res.get("uuid") == href[1:]:
                for rlink in res.get("rlinks", []):
                    if str(rlink.get("href", "")).startswith(("http://", "https://")):
                        return str(rlink["href"])
    return None


def source_url(catalog: dict[str, Any]) -> str | None:
    links = catalog["metadata"].get("links", [])
    ranked = sorted(links, key=lambda link: {"canonical": 0, "alternate": 1}.get(link.get("rel"), 2))
    for link in ranked:
        url = resolve_href(str(link.get("href", "")), catalog)
        if url:
            return url
    return None


def publisher_name(metadata: dict[str, Any]) -> str | None:
    parties = {p.get("uuid"): p for p in metadata.get("parties", [])}
    by_role = {r.get("role-id"): r.get("party-uuids", []) for r in metadata.get("responsible-parties", [])}
    for role in ("publisher", "creator", "author", "contact"):
        names = [str(parties[u]["name"]) for u in by_role.get(role, [])
                 if u in parties and parties[u].get("name")]
        if names:
            return "; ".join(names)
    return None


def is_nist(catalog: dict[str, Any], source: str | None) -> bool:
    if source and "nist.gov" in source:
        return True
    return NIST in json.dumps(catalog["metadata"].get("parties", []))


def catalog_header(path: Path, catalog: dict[str, Any], catalog_id: str, version: str,
            sha256: str, kept: int, withdrawn: int) -> dict[str, Any]:
    """The catalog's header fields, from the OSCAL metadata and the file it came from."""
    metadata = catalog["metadata"]
    title = str(metadata["title"]).strip()
    source = source_url(catalog)
    nist = is_nist(catalog, source)
    publisher = publisher_name(metadata) or (NIST if nist else "Unknown (not stated in the OSCAL metadata)")
    published = date_prefix(metadata.get("published")) or date_prefix(metadata.get("last-modified")) or "1970"
    if nist:
        license_name, license_text = "Public domain (US Government work)", NIST_LICENSE
    else:
        license_name = "publisher's terms"
        license_text = (f"The official text is {publisher}'s, under that publisher's terms. "
                        "It was imported by `auditpack catalog import-oscal` from the user's own "
                        "copy of the OSCAL catalog, for the user's own use; check those terms "
                        "before redistributing it.")
    notes = (f"Imported by auditpack catalog import-oscal (validated against the OSCAL "
             f"{OSCAL_VERSION} catalog schema). {kept} controls kept, "
             f"{withdrawn} withdrawn dropped. Ids are the OSCAL `label` props where "
             "present, else the OSCAL ids (kept in attributes.oscal_id); statement parts are "
             "joined one item a line with their labels; parameters are rendered inline.")
    if source is None:
        notes += " The OSCAL metadata names no web source; `source` points at the OSCAL site."
    return {
        "id": catalog_id,
        "title": title,
        "version": version,
        "publisher": publisher,
        "published": published,
        "source": source or FALLBACK_SOURCE,
        "license_name": license_name,
        "license": license_text,
        "origin": {
            "document": (f"{title}, version {metadata.get('version', '?')}, last modified "
                         f"{metadata.get('last-modified', '?')}"),
            "data": [(f"{path.name}: OSCAL catalog (oscal-version "
                      f"{metadata.get('oscal-version', '?')}, uuid {catalog.get('uuid', '?')}), "
                      f"sha256 {sha256}")],
            "notes": notes,
        },
    }
