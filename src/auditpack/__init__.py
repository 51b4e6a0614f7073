"""auditpack: turn compliance obligations into examiner-ready evidence packages."""

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

__all__ = [
    "AuditpackError",
    "Catalog",
    "CatalogError",
    "Crosswalk",
    "EvidenceError",
    "IntegrityError",
    "Library",
    "RenderError",
    "Requirement",
    "WorkspaceError",
    "__version__",
    "load_catalog",
    "load_crosswalk",
    "load_library",
]
