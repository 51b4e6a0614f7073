"""The `--sources` printer: a demo's binder as evidence sources for its auditpack.yaml."""

from __future__ import annotations

from .credit_union.build import cu_docs
from .credit_union.identity import CU
from .law_firm.build import lf_docs


def sources_yaml(demo: str) -> str:
    """The binder's evidence sources (YAML) of one demo."""
    docs = cu_docs() if demo == CU else lf_docs()
    return "\n".join(doc.yaml() for doc in docs)


def print_sources(demo: str) -> None:
    """Print the binder's evidence sources (YAML) of one demo."""
    print(sources_yaml(demo))
