"""No import cycle among the access library's modules, nor anywhere in auditpack.

Every import statement counts, wherever it is (a `TYPE_CHECKING` block or a function body
too): a cycle hidden behind a late import is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import auditpack

SRC = Path(auditpack.__file__).parent


def module_name(path: Path) -> str:
    """Return the dotted name of a module file under the auditpack package."""
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, name: str, is_package: bool = False) -> set[str]:
    """Return every module an import statement in `source` names (relative ones resolved)."""
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = base[: len(base) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)  # `from . import x`
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one import cycle (its modules, the first repeated at the end), or None."""
    done: set[str] = set()

    def visit(node: str, trail: list[str]) -> list[str] | None:
        if node in trail:
            return [*trail[trail.index(node):], node]
        if node in done:
            return None
        for nxt in sorted(graph.get(node, ())):
            cycle = visit(nxt, [*trail, node])
            if cycle:
                return cycle
        done.add(node)
        return None

    for start in sorted(graph):
        cycle = visit(start, [])
        if cycle:
            return cycle
    return None


def graph_of(files: list[Path]) -> dict[str, set[str]]:
    """Return the import graph among the given module files (other imports left out)."""
    names = {module_name(f): f for f in files}
    return {name: imported(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
            & set(names) - {name} for name, path in names.items()}


def test_the_cycle_finder_finds_a_cycle_behind_a_type_checking_import() -> None:
    state = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .review import Thing\n"
    review = "from .state import State\n"
    graph = {"p.state": imported(state, "p.state") & {"p.review"},
             "p.review": imported(review, "p.review") & {"p.state"}}
    assert find_cycle(graph) == ["p.review", "p.state", "p.review"]
    assert find_cycle({"p.review": {"p.state"}, "p.state": set()}) is None


def test_the_access_library_has_no_import_cycle() -> None:
    files = sorted((SRC / "access").glob("*.py"))
    graph = graph_of(files)
    assert {"auditpack.access.review", "auditpack.access.findings", "auditpack.access.state"} <= set(graph)
    assert "auditpack.access.state" in graph["auditpack.access.findings"]   # the graph is read
    assert find_cycle(graph) is None


def test_no_module_of_auditpack_is_in_an_import_cycle() -> None:
    """Across the whole package (the request-list modules once had one); the top-level
    `auditpack/__init__.py` is left out: it imports only errors.py when it runs, and
    names the rest for type checkers and for its lazy look-ups."""
    files = sorted(p for p in SRC.rglob("*.py") if "__pycache__" not in p.parts)
    graph = {name: found - {"auditpack"} for name, found in graph_of(files).items()
             if name != "auditpack"}
    assert "auditpack.package.model.requests" in graph["auditpack.package.render.request_folders"]
    assert find_cycle(graph) is None
