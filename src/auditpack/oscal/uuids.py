"""Stable identifiers for OSCAL exports: UUIDv5 from names, and control ids as OSCAL tokens.

Every UUID auditpack writes into an OSCAL document is a version-5 UUID of a stable name
(e.g. `observation|E-0007`) in one namespace, so the same inputs give the same documents,
byte for byte, like the rest of the package.
"""

from __future__ import annotations

import functools
import uuid

import regex

# The one namespace of every auditpack OSCAL UUID; never change it (it would renumber
# every exported document).
NAMESPACE = uuid.UUID("6f0f3c52-8d0e-5b8e-9a51-3c1b2f6a9d47")

TOKEN = regex.compile(r"^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$")
NOT_TOKEN_CHARS = regex.compile(r"[^\p{L}\p{N}._\-]+")

# Short prefixes for the built-in catalogs whose ids are not OSCAL tokens ("314.4(c)(1)",
# "1.1"); other catalogs use their own catalog id.
PREFIX = {"ftc-safeguards": "ftc", "nist-csf-2.0": "csf", "cis-controls-v8": "cis",
          "pci-dss-4.0.1": "pci", "nist-sp-800-207": "zt"}


@functools.cache  # the same parts are asked for again and again (a person per requirement)
def stable_uuid(*names: str) -> str:
    """Return the UUIDv5 of a name made of parts, e.g. stable_uuid('finding', 'csf', 'GV.OC-01')."""
    return str(uuid.uuid5(NAMESPACE, "|".join(names)))


def is_token(text: str) -> bool:
    """Tell whether a string is an OSCAL token (an XML NCName)."""
    return TOKEN.match(text) is not None


def control_token(catalog_id: str, requirement_id: str, oscal_id: str | None = None) -> str:
    """Return the OSCAL control id of a requirement.

    A catalog imported from OSCAL keeps its own control ids (`oscal_id`, e.g. `ac-2.1`).
    An id that is already a token is used as it is (CSF's `GV.OC-01`); any other is made
    one by replacing each run of other characters with `_` and prefixing the catalog, so
    FTC's `314.4(c)(1)` becomes `ftc-314.4_c_1` and CIS's `1.1` becomes `cis-1.1`.
    """
    if oscal_id and is_token(oscal_id):
        return oscal_id
    if is_token(requirement_id):
        return requirement_id
    body = NOT_TOKEN_CHARS.sub("_", requirement_id).strip("_") or "requirement"
    prefix = PREFIX.get(catalog_id.split("@")[0], catalog_id.split("@")[0])
    token = f"{prefix}-{body}"
    return token if is_token(token) else f"_{token}"
