"""Framework catalogs, crosswalks between them, and look-ups over both."""

from .library import (
    BUILTIN_CATALOGS,
    Library,
    builtin_catalog_path,
    builtin_crosswalk_path,
    load_library,
)
from .loader import load_catalog, load_crosswalk
from .model import Catalog, Crosswalk, Mapping, Requirement

__all__ = [
    "BUILTIN_CATALOGS",
    "Catalog",
    "Crosswalk",
    "Library",
    "Mapping",
    "Requirement",
    "builtin_catalog_path",
    "builtin_crosswalk_path",
    "load_catalog",
    "load_crosswalk",
    "load_library",
]
