"""The package's modules import each other without circles.

Every import counts: at the top of a module and inside functions (an import made inside a function to dodge
a circle is still the circle). Each module's source is parsed (nothing is imported), relative imports are
resolved to module names, and importing `a.b.c` from outside `a.b` also counts as importing the packages
`a` and `a.b` (their __init__ runs first). Imports of anything outside the package are ignored.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import policy_archive

PACKAGE = "policy_archive"
ROOT = Path(policy_archive.__file__).resolve().parent


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name, for its __init__.py)."""
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join((PACKAGE, *parts))] = path
    return found


def _imported(module: str, path: Path, modules: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """The package modules `module` imports anywhere in its source, with the line of each import."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield from ((name, node.lineno) for name in _with_parents(alias.name, module, modules))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = list(_with_parents(target, module, modules))
            # `from x import y` imports the module x.y when there is one
            names += [f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in modules]
            yield from ((name, node.lineno) for name in names)


def _with_parents(target: str, importer: str, modules: dict[str, Path]) -> Iterator[str]:
    """The module and each package whose __init__ importing it runs (those the importer is not inside)."""
    parts = target.split(".")
    for n in range(1, len(parts) + 1):
        name = ".".join(parts[:n])
        if name in modules and name != importer and not importer.startswith(name + "."):
            yield name


def import_graph() -> dict[str, dict[str, int]]:
    """{module: {imported package module: line of the first such import}}."""
    modules = _modules()
    graph: dict[str, dict[str, int]] = {}
    for module, path in modules.items():
        edges = graph.setdefault(module, {})
        for target, line in _imported(module, path, modules):
            edges.setdefault(target, line)
    return graph


def circles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def one_cycle(graph: dict[str, dict[str, int]], component: list[str]) -> list[str]:
    """A shortest path from the component's first module back to itself, inside the component."""
    start, members = component[0], set(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph[node]):
            if nxt == start:
                return [*paths[node], start]
            if nxt in members and nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    return component


def describe(graph: dict[str, dict[str, int]], component: list[str]) -> str:
    cycle = one_cycle(graph, component)
    steps = [f"  {a} (line {graph[a][b]}) -> {b}" for a, b in pairwise(cycle)]
    short = [m.removeprefix(PACKAGE + ".") for m in component]
    return f"circle of {len(component)} modules: {', '.join(short)}\n  for example:\n" + "\n".join(steps)


def test_the_graph_sees_imports_inside_functions(tmp_path):
    source = tmp_path / "b.py"
    source.write_text(
        "import json\n\n\ndef f():\n    from ..c import d\n    from . import e\n    import policy_archive.x.y\n", encoding="utf-8"
    )
    names = ["a", "a.b", "c", "a.e", "x", "x.y"]
    modules = {f"{PACKAGE}.{n}": tmp_path for n in names}
    found = {name.removeprefix(PACKAGE + ".") for name, _ in _imported(f"{PACKAGE}.a.b", source, modules)}
    assert found == {"c", "a.e", "x", "x.y"}  # (a, the package b is in, runs before b: not b's import)
    assert f"{PACKAGE}.document" in import_graph()[f"{PACKAGE}.cache"]


def test_no_import_circles():
    graph = import_graph()
    found = circles(graph)
    assert not found, "import circles:\n" + "\n".join(describe(graph, c) for c in found)
