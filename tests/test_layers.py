"""Layering: the modules of polybius import one another without a cycle.

A module-level import cycle makes the import order matter (whichever module is imported first
sees the other half-initialised) and ties layers together that should stack. Layers are the
top-level modules and subpackages (``polybius.api``, ``polybius.sinks``, ...): the sinks, say,
must not need the API that drives them, even if no single pair of modules closes the loop.
Imports inside functions are deferred on purpose (the CLI loads the web app or Dask only when
asked) and are allowed to point back up.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "polybius"

Graph = Mapping[str, set[str]]


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(node: ast.Import | ast.ImportFrom, here: str, is_package: bool, modules: set[str]) -> Iterator[str]:
    """The polybius modules an import statement names (``from pkg import mod`` names ``pkg.mod``)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names if alias.name in modules)
        return
    base = node.module or ""
    if node.level:  # a relative import: resolved against this module's package
        package = here.split(".") if is_package else here.split(".")[:-1]
        base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
    for alias in node.names:
        if f"{base}.{alias.name}" in modules:
            yield f"{base}.{alias.name}"
        elif base in modules:
            yield base


def module_level(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Imports run when the module is imported: at top level or in a top-level if/try block."""
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        statement = pending.pop()
        if isinstance(statement, ast.Import | ast.ImportFrom):
            yield statement
        elif isinstance(statement, ast.If | ast.Try | ast.With):
            for field in ("body", "orelse", "finalbody", "handlers"):
                pending.extend(getattr(statement, field, []))
        elif isinstance(statement, ast.ExceptHandler):
            pending.extend(statement.body)


def import_graph(root: Path = PACKAGE) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each module's module-level imports and its deferred (function-level) ones, within the package."""
    paths = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    modules = set(paths)
    eager: dict[str, set[str]] = {}
    deferred: dict[str, set[str]] = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        top = list(module_level(tree))
        every = [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]
        eager[name] = {m for node in top for m in imported(node, name, is_package, modules)} - {name}
        later = [node for node in every if node not in top]
        deferred[name] = {m for node in later for m in imported(node, name, is_package, modules)} - {name}
    return eager, deferred


def layers(graph: Graph) -> dict[str, set[str]]:
    """The graph between layers: ``polybius.sinks.progress`` counts as ``polybius.sinks``."""

    def layer(module: str) -> str:
        return ".".join(module.split(".")[:2])

    between: dict[str, set[str]] = {}
    for module, targets in graph.items():
        between.setdefault(layer(module), set()).update(layer(t) for t in targets if layer(t) != layer(module))
    return between


def find_cycle(graph: Graph) -> list[str] | None:
    """One cycle of ``graph`` as a path that ends where it starts, or None (depth-first, sorted order)."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" once fully explored
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for following in sorted(graph.get(node, ())):
            if state.get(following) == "open":
                return [*path[path.index(following) :], following]
            if following not in state and (cycle := visit(following)):
                return cycle
        path.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_module_level_import_cycle() -> None:
    eager, _ = import_graph()
    assert len(eager) > 40, "the scan found too few modules: is PACKAGE right?"
    cycle = find_cycle(eager)
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_no_cycle_between_layers() -> None:
    eager, _ = import_graph()
    cycle = find_cycle(layers(eager))
    assert cycle is None, "layers import each other: " + " → ".join(cycle or [])


def test_the_scan_sees_deferred_imports() -> None:
    """The CLI imports its heavy commands inside functions: the scan must tell those apart."""
    eager, deferred = import_graph()
    assert "polybius.web" in deferred["polybius.cli"]
    assert "polybius.web" not in eager["polybius.cli"]
    assert "polybius.api" in eager["polybius.cli"]


def test_a_planted_cycle_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c", "d"}, "c": {"a"}, "d": set()}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"a"}}) == ["a", "a"]


def test_a_planted_cycle_in_source_is_found(tmp_path: Path) -> None:
    package = tmp_path / "polybius"
    (package / "sinks").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "api.py").write_text("from polybius.sinks import progress\n")
    (package / "sinks" / "__init__.py").write_text("")
    (package / "sinks" / "progress.py").write_text("from __future__ import annotations\nfrom ..api import ingest\n")
    (package / "cli.py").write_text("def main():\n    from polybius import api\n")
    eager, deferred = import_graph(package)
    assert eager["polybius.api"] == {"polybius.sinks.progress"}
    assert eager["polybius.sinks.progress"] == {"polybius.api"}
    assert deferred["polybius.cli"] == {"polybius.api"} and not eager["polybius.cli"]
    assert find_cycle(eager) == ["polybius.api", "polybius.sinks.progress", "polybius.api"]


def test_a_planted_cycle_between_layers_is_found() -> None:
    """No module closes the loop, but the sinks import the API that imports the sinks."""
    graph = {"polybius.api": {"polybius.sinks.store"}, "polybius.sinks.progress": {"polybius.api"}}
    assert find_cycle(graph) is None
    assert find_cycle(layers(graph)) == ["polybius.api", "polybius.sinks", "polybius.api"]
