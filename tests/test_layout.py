"""The package layout shows the flow, and imports go one way: the extractors use the
core; the core imports ``extractors`` at one place only (the pipeline's loader, which
registers them); no module-level import cycle anywhere in ``pipeline`` or ``extractors``."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pipeline", "extractors")
REGISTERING_MODULE = "pipeline.orchestrate"


def _modules() -> dict[str, Path]:
    mods = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            mods[".".join(parts)] = path
    return mods


def _imports(name: str, path: Path, *, module_level: bool) -> set[str]:
    """The project modules ``name`` imports (at module level, or anywhere)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    nodes = tree.body if module_level else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            found.add(mod)
            found.update(f"{mod}.{a.name}" for a in node.names)
    return {m for m in found if m.split(".")[0] in PACKAGES}


def _resolve(target: str, modules: dict[str, Path]) -> str | None:
    while target and target not in modules:
        target = target.rpartition(".")[0]
    return target or None


def test_only_the_registering_module_imports_extractors():
    modules = _modules()
    importers = {
        name
        for name, path in modules.items()
        if name.startswith("pipeline")
        and any(m.startswith("extractors") for m in _imports(name, path, module_level=False))
    }
    assert importers == {REGISTERING_MODULE}


def test_no_module_level_import_cycle():
    modules = _modules()
    graph = {
        name: {r for m in _imports(name, path, module_level=True) if (r := _resolve(m, modules)) and r != name}
        for name, path in modules.items()
    }
    # a package's __init__ is imported with each of its modules: that edge is not a cycle
    for name in graph:
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    visiting, done, cycles = set(), set(), []

    def visit(node, trail):
        if node in done:
            return
        if node in visiting:
            cycles.append(trail[trail.index(node):] + [node])
            return
        visiting.add(node)
        for nxt in sorted(graph[node]):
            visit(nxt, trail + [node])
        visiting.discard(node)
        done.add(node)

    for name in sorted(graph):
        visit(name, [])
    assert cycles == []


def test_pipeline_folder_is_small_and_subpackages_say_what_they_hold():
    direct = sorted(p.name for p in (ROOT / "pipeline").glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert len(direct) <= 16, direct
    for init in (ROOT / "pipeline").glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.splitlines()) <= 2, init
