"""The package's shape: no import cycles between its modules, and no module over 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "legpain"
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str) -> set[str]:
    """Every legpain module this file imports, at module level or inside a function."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("legpain"):
                found.add(target)
                for alias in node.names:
                    found.add(f"{target}.{alias.name}")
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("legpain")}
    return found


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in SRC.rglob("*.py")}
    graph = {}
    for name, path in files.items():
        graph[name] = {t for t in _imports(path, name) if t in files and t != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_between_modules():
    # A package imports its submodules, and they may import siblings; a package's own
    # __init__ re-exporting names does not count as a cycle with its submodules.
    graph = {name: {t for t in targets if not name.startswith(t + ".")} for name, targets in _graph().items()}
    assert _cycle(graph) == []


def test_no_module_is_over_400_lines():
    long = {str(p.relative_to(SRC)): n for p in SRC.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def _crossing(graph: dict[str, set[str]], source: str, target: str) -> dict[str, set[str]]:
    return {name: {t for t in targets if t.startswith(target)} for name, targets in graph.items()
            if name.startswith(source) and any(t.startswith(target) for t in targets)}


def test_the_crossing_finder_finds_an_import():
    graph = {"legpain.figures.a": {"legpain.widgets.b", "legpain.content"}, "legpain.figures.c": {"legpain.content"}}
    assert _crossing(graph, "legpain.figures", "legpain.widgets") == {"legpain.figures.a": {"legpain.widgets.b"}}


def test_figures_and_widgets_never_import_each_other():
    # Both take validated lesson data from legpain.content; neither is the other's data source.
    graph = _graph()
    assert _crossing(graph, "legpain.figures", "legpain.widgets") == {}
    assert _crossing(graph, "legpain.widgets", "legpain.figures") == {}


# The explorer's pure modules compute what the panels show; only explorer/frame.py, panels.py and
# session.py build widgets.
PURE_EXPLORER = ("state", "matrix", "checker", "body_map", "display")
UI_LIBRARIES = ("ipywidgets", "plotly", "anywidget")


def _reach(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every legpain module ``start`` imports, directly or through others."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), set()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _third_party(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_the_pure_explorer_modules_reach_neither_ipywidgets_nor_plotly():
    graph = _graph()
    files = {_module_name(p): p for p in SRC.rglob("*.py")}
    for short in PURE_EXPLORER:
        name = f"legpain.explorer.{short}"
        reached = {name} | _reach(graph, name)
        offenders = {m: sorted(_third_party(files[m]) & set(UI_LIBRARIES)) for m in reached if m in files}
        assert {m: libs for m, libs in offenders.items() if libs} == {}, name
        assert not any(m.startswith(("legpain.widgets", "legpain.figures")) for m in reached), (name, sorted(reached))
