"""pyproject.toml declares what the code imports, each need in its place.

The runtime dependencies are exactly the packages that ``src/legpain`` imports, so a plain
``pip install .`` gives a working course and nothing more. What the tests, the notebook tools
(``tools/``) and the benchmarks (``bench/``) import is declared in the extras.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
NAME = PROJECT["name"]

# Imported by src/legpain only inside a function, for a use outside the course itself: each is
# declared in the extra that uses it, not as a runtime dependency.
DEFERRED = {
    "numpy": ("test", "triage.level_table, which only the safety tests call"),
    "nbformat": ("tools", "plotly's fig.show(), which the course never calls (see figures/figure_widget.py)"),
}
# Needed at runtime, but imported by a dependency that does not itself require it.
INDIRECT = {
    "anywidget": "plotly's FigureWidget, which draws the explorer's figures, is an anywidget, "
    "and plotly lists anywidget only as optional",
}
# Declared ahead of the code that imports it. Delete the entry once src/legpain imports it.
AWAITED = {
}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, requirement
    return canonical(match.group(1))


def runtime() -> set[str]:
    return {requirement_name(r) for r in PROJECT["dependencies"]}


def extra(name: str) -> set[str]:
    """The packages an extra installs, with the extras of this project it names ("legpain[lab]")."""
    found = set()
    for requirement in PROJECT["optional-dependencies"][name]:
        if requirement_name(requirement) == canonical(NAME):
            for inner in re.search(r"\[([^\]]*)\]", requirement).group(1).split(","):
                found |= extra(inner.strip())
        else:
            found.add(requirement_name(requirement))
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, in_function: bool = False):
    """(top-level module, line, imported inside a function) for each import that runs."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                yield from _imports(ast.Module(body=[child], type_ignores=[]), in_function)
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno, in_function
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.lineno, in_function
        yield from _imports(node, in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)))


def local_names(*folders: Path) -> set[str]:
    """Modules and packages that live in these folders (they are not third-party imports)."""
    names = {NAME}
    for folder in folders:
        names |= {p.stem for p in folder.rglob("*.py")} | {p.parent.name for p in folder.rglob("__init__.py")}
    return names


def third_party_imports(folder: Path, local: set[str]) -> dict[str, list[tuple[str, int, bool]]]:
    """Distribution name -> where it is imported (file, line, inside a function) in a folder's .py files."""
    providers = packages_distributions()
    found: dict[str, list[tuple[str, int, bool]]] = {}
    for path in sorted(folder.rglob("*.py")):
        where = str(path.relative_to(ROOT))
        for module, line, deferred in _imports(ast.parse(path.read_text(encoding="utf-8"), where)):
            if module in sys.stdlib_module_names or module in local:
                continue
            distributions = providers.get(module)
            assert distributions, f"{where}:{line} imports {module!r}, which no installed package provides"
            for distribution in {canonical(d) for d in distributions}:
                found.setdefault(distribution, []).append((where, line, deferred))
    return found


def _places(uses: list[tuple[str, int, bool]]) -> str:
    return ", ".join(f"{where}:{line}" for where, line, _ in uses[:3])


SRC_IMPORTS = third_party_imports(ROOT / "src" / NAME, local_names(ROOT / "src"))


def test_runtime_dependencies_are_exactly_what_the_package_imports():
    at_import = {d for d, uses in SRC_IMPORTS.items() if any(not deferred for _, _, deferred in uses)}
    needed = at_import | set(INDIRECT) | set(AWAITED)
    undeclared = {d: _places(SRC_IMPORTS[d]) for d in needed - runtime() if d in SRC_IMPORTS}
    assert not undeclared, f"src/{NAME} imports these, but pyproject.toml does not list them in dependencies: {undeclared}"
    unused = sorted(runtime() - needed)
    assert not unused, f"runtime dependencies that nothing in src/{NAME} imports (move them to an extra): {unused}"


def test_imports_inside_functions_are_in_their_extra():
    only_deferred = {d for d, uses in SRC_IMPORTS.items() if all(deferred for _, _, deferred in uses)}
    assert only_deferred == set(DEFERRED), (
        f"packages that src/{NAME} imports only inside a function: {sorted(only_deferred)}; "
        f"DEFERRED above says {sorted(DEFERRED)}: decide where each belongs, and say why"
    )
    for distribution, (extra_name, _) in DEFERRED.items():
        assert distribution not in runtime(), f"{distribution} is not needed at runtime: move it to the {extra_name!r} extra"
        assert distribution in extra(extra_name), f"{distribution} ({_places(SRC_IMPORTS[distribution])}) is missing from the {extra_name!r} extra"


def test_indirect_runtime_dependency_is_still_needed():
    """anywidget stays a runtime dependency only while plotly's FigureWidget imports it and the course uses one."""
    spec = importlib.util.find_spec("plotly.basewidget")
    assert spec and spec.origin, "plotly.basewidget is gone: check whether anywidget is still needed"
    plotly_imports = {module for module, _, _ in _imports(ast.parse(Path(spec.origin).read_text(encoding="utf-8")))}
    assert "anywidget" in plotly_imports, "plotly's FigureWidget no longer imports anywidget: drop it from the dependencies"
    uses = [p for p in (ROOT / "src" / NAME).rglob("*.py") if "FigureWidget" in p.read_text(encoding="utf-8")]
    assert uses, f"nothing in src/{NAME} uses plotly's FigureWidget any more: anywidget is not needed"


def test_tools_import_only_declared_packages():
    local = local_names(ROOT / "src", ROOT / "tools")
    allowed = runtime() | extra("tools")
    found = third_party_imports(ROOT / "tools", local)
    # tools/site runs in its own pinned build environment (tests/test_site_tools.py checks it).
    found = {d: kept for d, uses in found.items() if (kept := [u for u in uses if not u[0].startswith("tools/site/")])}
    undeclared = {d: _places(uses) for d, uses in found.items() if d not in allowed}
    assert not undeclared, f"tools/ imports packages that neither the dependencies nor the 'tools' extra list: {undeclared}"


def test_tests_and_benchmarks_import_only_declared_packages():
    local = local_names(ROOT / "src", ROOT / "tests", ROOT / "bench", ROOT / "tools")
    allowed = runtime() | extra("test")
    for folder in ("tests", "bench"):
        imported = third_party_imports(ROOT / folder, local)
        undeclared = {d: _places(uses) for d, uses in imported.items() if d not in allowed}
        assert not undeclared, f"{folder}/ imports packages that neither the dependencies nor the 'test' extra list: {undeclared}"

