"""Build the built-in CIS Controls v8.1 catalog: CIS ids, titles, attributes; our descriptions.

Usage: python tools/build_cis.py [--workbook XLSX] [--paraphrases YAML] [--output YAML] [--check]

The official workbook supplies ids, titles and attributes; every description is replaced by the
paraphrase in tools/cis_paraphrases.yaml, because CIS's text is CC BY-NC-ND 4.0 and may not be
shipped. --check rebuilds in memory and fails if the committed catalog differs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from auditpack.errors import AuditpackError
from auditpack.frameworks.cis_workbook import (
    LICENSE_URL,
    file_sha256,
    read_cis_workbook,
    write_catalog_yaml,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "sources" / "cis-controls-v8"
WORKBOOK = SHARED / "CIS_Controls_Version_8.1_6_24_2024.xlsx"
PARAPHRASES = REPO / "tools" / "cis_paraphrases.yaml"
OUTPUT = REPO / "src" / "auditpack" / "frameworks" / "catalogs" / "cis-controls-v8.yaml"

# Provenance of the workbook, exactly as /work/shared/sources/SOURCES.md section 4 records it.
WORKBOOK_SHA256 = "af6504e9c60d9e6b491faccf9b776c9f337c1c7d57d742a66e1dc3369286b581"
WORKBOOK_ORIGIN = (
    "CIS_Controls_Version_8.1_6_24_2024.xlsx: CIS's official v8.1 workbook (sheet 'Controls V8'), "
    "via ravigoli25/RaviGoli CIS_Controls_Version_8.1_6_24_2024.xlsx "
    f"@ 28903bcab7afe3b93063470d3062f272761eee89, sha256 {WORKBOOK_SHA256}"
)

LICENSE = (
    "CIS Critical Security Controls © Center for Internet Security, Inc., licensed under "
    f"CC BY-NC-ND 4.0 ({LICENSE_URL}): CIS's text may be shared unmodified, with credit, for "
    "non-commercial purposes only; modified versions may not be distributed; commercial use "
    "needs CIS's prior approval. This catalog ships only CIS's identifiers, the titles of the "
    "18 controls and 153 safeguards, and their attributes (asset type, security function, "
    "implementation groups). Every description is auditpack's own paraphrase "
    "(text_source: paraphrase), not CIS text. To work with the official descriptions, run "
    "`auditpack catalog import-cis FILE.xlsx` on your own licensed copy of the CIS workbook: it "
    "installs them as a user catalog for your own non-commercial use. Current guidance: "
    "https://www.cisecurity.org/controls/."
)
NOTES = (
    "Built by tools/build_cis.py. Ids are rebuilt from row order (the workbook stores 3.10 as the "
    "number 3.1); titles and attributes are taken from the workbook with non-breaking spaces "
    "normalised; descriptions come from tools/cis_paraphrases.yaml."
)
COMMENT = (
    "GENERATED FILE - do not edit by hand.\n"
    "Built by tools/build_cis.py from CIS's v8.1 workbook (ids, titles, attributes) and\n"
    "tools/cis_paraphrases.yaml (auditpack's own descriptions). Edit the paraphrases and re-run."
)


def load_paraphrases(path: Path) -> dict[str, str]:
    """Load the id -> description mapping, insisting on non-empty strings."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: expected a mapping of id to description")
    bad = [str(key) for key, text in data.items() if not isinstance(text, str) or not text.strip()]
    if bad:
        raise SystemExit(f"{path}: empty or non-text description for {', '.join(bad)}")
    return {str(key): " ".join(text.split()) for key, text in data.items()}


def check_ids(ids: list[str], paraphrases: dict[str, str]) -> None:
    """Fail unless every workbook id has a paraphrase and every paraphrase has an id."""
    missing = [rid for rid in ids if rid not in paraphrases]
    extra = sorted(set(paraphrases) - set(ids))
    problems = []
    if missing:
        problems.append("no paraphrase for: " + ", ".join(missing))
    if extra:
        problems.append("paraphrase for an id not in the workbook: " + ", ".join(extra))
    if problems:
        raise SystemExit("tools/build_cis.py: " + "; ".join(problems))


def build(workbook: Path, paraphrases: dict[str, str]) -> dict[str, Any]:
    """Read the workbook and return the built-in catalog with paraphrased descriptions."""
    sha256 = file_sha256(workbook)
    if sha256 != WORKBOOK_SHA256:
        raise SystemExit(
            f"{workbook}: sha256 {sha256} is not the workbook recorded in SOURCES.md "
            f"({WORKBOOK_SHA256}); update WORKBOOK_ORIGIN and WORKBOOK_SHA256 first"
        )
    catalog = read_cis_workbook(workbook, version="8.1")
    requirements = catalog["requirements"]
    check_ids([req["id"] for req in requirements], paraphrases)
    for req in requirements:
        req["text"] = paraphrases[req["id"]]
        req["text_source"] = "paraphrase"
    catalog["license_name"] = "CC BY-NC-ND 4.0; titles and ids only, text paraphrased"
    catalog["license"] = LICENSE
    catalog["origin"] = {
        "document": "CIS Critical Security Controls Version 8.1, Center for Internet Security, "
        "June 2024",
        "data": [WORKBOOK_ORIGIN],
        "notes": NOTES,
    }
    return catalog


def main(argv: list[str] | None = None) -> int:
    """Build (or, with --check, verify) the built-in CIS catalog."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbook", type=Path, default=WORKBOOK)
    parser.add_argument("--paraphrases", type=Path, default=PARAPHRASES)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="fail if --output is out of date")
    args = parser.parse_args(argv)
    try:
        catalog = build(args.workbook, load_paraphrases(args.paraphrases))
    except AuditpackError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.check:
        return _check(catalog, args.output)
    write_catalog_yaml(catalog, args.output, comment=COMMENT)
    print(f"wrote {args.output} ({len(catalog['requirements'])} requirements)")
    return 0


def _check(catalog: dict[str, Any], output: Path) -> int:
    """Compare a freshly built catalog with the file on disk."""
    fresh = output.with_name(f".{output.name}.check")
    try:
        write_catalog_yaml(catalog, fresh, comment=COMMENT)
        same = output.is_file() and fresh.read_bytes() == output.read_bytes()
    finally:
        fresh.unlink(missing_ok=True)
    print(f"{output}: {'up to date' if same else 'OUT OF DATE, run tools/build_cis.py'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
