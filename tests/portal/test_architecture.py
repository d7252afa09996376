"""The layout the README describes: each line of code in its room, dependencies running one way.

- `portal/` is the foundation: it imports none of the other apps, except in the two places that wire
  them in (`portal/urls.py` and `portal/api.py`).
- No import cycle, between apps or between modules, not even one hidden inside a function.
- No module over 400 lines outside migrations.
"""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
APPS = [
    "portal", "portfolios", "news", "publications", "accessibility", "alerts", "outbox",
    "search", "demo", "editorial", "accounts",
]  # fmt: skip
WIRING = {"portal/urls.py", "portal/api.py"}
MAX_LINES = 400
SKIPPED = {"migrations", ".venv", "node_modules", "__pycache__", ".git", "staticfiles", "media", "test-artifacts"}


def python_files(*folders):
    for folder in folders:
        for path in sorted((REPO / folder).rglob("*.py")):
            if not SKIPPED & set(path.relative_to(REPO).parts):
                yield path


def module_name(path):
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_statements(path):
    """Each import statement of `path`, wherever it is (top level or inside a function), as the list of
    the modules it names: `from a import b` names `a` and `a.b` (one of them is the module imported)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield [alias.name]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            yield [base, *(f"{base}.{alias.name}" for alias in node.names)]


def imported_modules(path):
    for statement in import_statements(path):
        yield from statement


def project_graph():
    """{module: the project modules it imports}, for the apps' own code (tests and bench left out).
    `from package import submodule` is an edge to the submodule, not to the package's __init__."""
    modules = {module_name(path): path for path in python_files(*APPS)}
    graph = {}
    for name, path in modules.items():
        targets = set()
        for base, *named in import_statements(path):
            submodules = [module for module in named if module in modules]
            targets.update(submodules or ([base] if base in modules else []))
        graph[name] = targets - {name}
    return graph


def cycles(graph):
    """The strongly connected components of more than one node (Tarjan's algorithm)."""
    index, lowlink, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = lowlink[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                lowlink[node] = min(lowlink[node], lowlink[target])
            elif target in on_stack:
                lowlink[node] = min(lowlink[node], index[target])
        if lowlink[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_portal_imports_no_other_app_outside_its_url_and_api_wiring():
    others = tuple(f"{app}." for app in APPS if app != "portal") + tuple(app for app in APPS if app != "portal")
    found = {}
    for path in python_files("portal"):
        relative = str(path.relative_to(REPO))
        if relative in WIRING:
            continue
        named = sorted({module for module in imported_modules(path) if module.startswith(others)})
        if named:
            found[relative] = named
    assert not found, f"portal/ must not import the content apps: {found}"


def test_no_module_imports_another_that_imports_it_back():
    assert not cycles(project_graph())


def test_the_apps_depend_on_each_other_one_way():
    # Naming the apps' views in the URL and API wiring is not depending on them.
    wiring = {path.removesuffix(".py").replace("/", ".") for path in WIRING}
    graph = {}
    for module, imported in project_graph().items():
        if module in wiring:
            continue
        app = module.split(".")[0]
        graph.setdefault(app, set()).update(target.split(".")[0] for target in imported if not target.startswith(app))
    assert not cycles(graph), graph


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(REPO)): count
        for path in python_files(*APPS, "tests", "bench", "scripts")
        if (count := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert not long, long
