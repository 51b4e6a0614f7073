"""auditpack: turn compliance obligations into examiner-ready evidence packages.

The public API, one function per workflow: `load_library` (catalogs), `load_workspace`
and `validate_workspace`, `coverage`, `collect`, `run_checks`, `review_access`,
`build_package` and `verify_package`. Heavy parts load on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

from .errors import (  # noqa: E402
    AuditpackError,
    CatalogError,
    EvidenceError,
    IntegrityError,
    RenderError,
    WorkspaceError,
)
from .frameworks import (  # noqa: E402
    Catalog,
    Crosswalk,
    Library,
    Requirement,
    load_catalog,
    load_crosswalk,
    load_library,
)

_LAZY = {
    "load_workspace": "auditpack.workspace",
    "validate_workspace": "auditpack.review",
    "coverage": "auditpack.controls.coverage",
    "collect": "auditpack.evidence.collect",
    "run_checks": "auditpack.evidence.checks.engine",
    "EvidenceStore": "auditpack.evidence.store",
    "review_access": "auditpack.access.review",
    "build_package": "auditpack.package.build",
    "verify_package": "auditpack.package.verify",
}


def __getattr__(name: str) -> Any:
    """Import the heavier parts of the API only when they are used."""
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'auditpack' has no attribute {name!r}")


__all__ = [
    "AuditpackError",
    "Catalog",
    "CatalogError",
    "Crosswalk",
    "EvidenceError",
    "EvidenceStore",
    "IntegrityError",
    "Library",
    "RenderError",
    "Requirement",
    "WorkspaceError",
    "__version__",
    "build_package",
    "collect",
    "coverage",
    "load_catalog",
    "load_crosswalk",
    "load_library",
    "load_workspace",
    "review_access",
    "run_checks",
    "validate_workspace",
    "verify_package",
]
