"""The house rules that keep the package readable: imports run one way, in stage order,
with no import circle and no function-level import that dodges one; no module is a monolith."""
import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "onrecord"
# rank of each top-level module/package: a module may import only from its own rank or below
RANK = {"errors": 0, "model": 0, "text": 0,
        "ingest": 1, "clean": 2, "parse": 3, "attribute": 4, "resolve": 5, "events": 6,
        "pipeline": 7, "store": 8, "provenance": 8, "serve": 9, "render": 9, "spark": 10, "cli": 10, "evaluate": 10,
        "__init__": 10,
        "__main__": 10}
# a stage's own command line (attribute/cli.py, store/cli.py …) is an interface: it sits on top
MAX_LINES = 520


def _modules():
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).with_suffix("")
        yield path, ["onrecord", *rel.parts] if rel.name != "__init__" else ["onrecord", *rel.parts[:-1]]


def _imports(path: Path, dotted: list[str]):
    """(module imported, line, at top level?) for every import of an onrecord module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(n) for n in tree.body}
    is_pkg = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = dotted if is_pkg else dotted[:-1]
                base = base[:len(base) - (node.level - 1)] if node.level > 1 else base
                names = [".".join(base + ([node.module] if node.module else []))]
                if not node.module:
                    names = [".".join(base + [a.name]) for a in node.names]
            else:
                names = [node.module or ""]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            if name.startswith("onrecord"):
                yield name, node.lineno, id(node) in top or _in_type_checking(tree, node)


def _in_type_checking(tree, node) -> bool:
    for n in tree.body:
        if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test):
            if any(c is node for c in ast.walk(n)):
                return True
    return False


def _rank(dotted: str) -> int:
    parts = dotted.split(".")
    if len(parts) > 2 and parts[-1] == "cli":
        return RANK["cli"]
    return RANK[parts[1]] if len(parts) > 1 else RANK["__init__"]


def test_every_top_level_module_has_a_rank():
    names = {p.stem if p.is_file() else p.name for p in SRC.iterdir()
             if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))}
    assert names <= set(RANK), names - set(RANK)


def test_imports_run_in_stage_order():
    bad = []
    for path, dotted in _modules():
        me = _rank(".".join(dotted)) if len(dotted) > 1 else RANK["__init__"]
        for name, line, _ in _imports(path, dotted):
            if _rank(name) > me:
                bad.append(f"{path.relative_to(SRC)}:{line} imports {name}")
    assert not bad, "\n".join(bad)


def test_no_import_circle_among_module_level_imports():
    graph: dict[str, set[str]] = {}
    for path, dotted in _modules():
        me = ".".join(dotted)
        graph.setdefault(me, set())
        for name, _, top in _imports(path, dotted):
            if top and name != me:
                graph[me].add(name)
    # only edges between modules we have (an imported name may be a package's attribute)
    known = set(graph)
    graph = {k: {d if d in known else d.rsplit(".", 1)[0] for d in v} & known for k, v in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n):
        state[n] = 1
        stack.append(n)
        for d in sorted(graph[n]):
            if d == n or (n.startswith(d + ".") and d in known):
                continue  # a submodule importing its own package's __init__ (Candidate, …)
            if state.get(d) == 1:
                raise AssertionError("import circle: " + " -> ".join(stack[stack.index(d):] + [d]))
            if d not in state:
                visit(d)
        stack.pop()
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n)


def test_function_level_imports_of_onrecord_are_downward_and_commented_as_lazy():
    """A function-level import is allowed for start-up speed (spaCy, optional extras) and must
    never be needed to break a circle: it must point at the same rank or below, and the
    import graph must stay acyclic with it counted (checked above without it)."""
    bad = []
    for path, dotted in _modules():
        me = _rank(".".join(dotted)) if len(dotted) > 1 else RANK["__init__"]
        for name, line, top in _imports(path, dotted):
            if not top and _rank(name) > me:
                bad.append(f"{path.relative_to(SRC)}:{line} imports {name} inside a function")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_module_is_not_a_monolith(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{path.relative_to(SRC)} has {n} lines"


def test_attribute_modules_say_what_they_decide():
    for path in sorted((SRC / "attribute").glob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 8, f"{path.name} has no docstring saying its task"
