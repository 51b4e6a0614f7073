"""auditpack: turn compliance obligations into examiner-ready evidence packages.

The public API, one function per workflow: `load_library` (catalogs), `load_workspace`
and `validate_workspace`, `coverage`, `collect`, `run_checks`, `review_access`,
`build_package` and `verify_package`. Only the errors load with the package; the rest
loads on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .errors import (  # noqa: E402
    AuditpackError,
    CatalogError,
    EvidenceError,
    IntegrityError,
    RenderError,
    WorkspaceError,
)

if TYPE_CHECKING:  # what the lazy names below resolve to, for type checkers
    from .access.review import review_access
    from .evidence.checks.engine import run_checks
    from .evidence.collect import collect
    from .evidence.store import EvidenceStore
    from .frameworks import (
        Catalog,
        Crosswalk,
        Library,
        Requirement,
        load_catalog,
        load_crosswalk,
        load_library,
    )
    from .package.build import build_package
    from .package.bundle.verify import verify_package
    from .workspace.coverage import coverage
    from .workspace.loader import load_workspace
    from .workspace.review import validate_workspace

_LAZY = {
    "Catalog": "auditpack.frameworks",
    "Crosswalk": "auditpack.frameworks",
    "Library": "auditpack.frameworks",
    "Requirement": "auditpack.frameworks",
    "load_catalog": "auditpack.frameworks",
    "load_crosswalk": "auditpack.frameworks",
    "load_library": "auditpack.frameworks",
    "load_workspace": "auditpack.workspace.loader",
    "validate_workspace": "auditpack.workspace.review",
    "coverage": "auditpack.workspace.coverage",
    "collect": "auditpack.evidence.collect",
    "run_checks": "auditpack.evidence.checks.engine",
    "EvidenceStore": "auditpack.evidence.store",
    "review_access": "auditpack.access.review",
    "build_package": "auditpack.package.build",
    "verify_package": "auditpack.package.bundle.verify",
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
