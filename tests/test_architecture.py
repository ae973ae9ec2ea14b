"""The layout ARCHITECTURE.md describes, checked on the code itself (read as text, never run).

- SQL lives in ``pipeline_tui/store/`` only: no SQL text, no ``select(``, no SQLAlchemy or
  SQLModel import anywhere else;
- each layer imports only the layers ARCHITECTURE.md allows;
- no import cycle in ``pipeline_tui/``;
- no module over 500 lines.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline_tui"
MAX_LINES = 500

# A statement, not prose (SQL keywords are upper case here): "SELECT x", "INSERT INTO t",
# "UPDATE t SET", "DELETE FROM t".
SQL_TEXT = re.compile(
    r"\bSELECT\s+(?:\*|DISTINCT|[a-z_]+[.,(\s])|\bINSERT\s+INTO\s|\bUPDATE\s+\w+\s+SET\b"
    r"|\bDELETE\s+FROM\s|\bCREATE\s+(?:TABLE|INDEX)\b|\bPRAGMA\s+\w"
)
ORM_PACKAGES = ("sqlalchemy", "sqlmodel", "alembic")

# What each layer may import from pipeline_tui (besides itself). ``config``, ``errors`` and
# ``files`` (the one way to write an output file) are the leaf modules every layer but the domain
# may use; the composition roots may open the store. ``i18n`` (the language spoken, and how money,
# percentages and dates are written) is below every layer, the domain included.
LEAVES = {"config", "errors", "files", "i18n"}
ALLOWED: dict[str, set[str]] = {
    "i18n": set(),
    "domain": {"i18n"},
    "store": {"domain", *LEAVES},
    "services": {"domain", "store", *LEAVES},
    "demo": {"domain", "store", "services", *LEAVES},
    "cli": {"domain", "services", "demo", "tui", *LEAVES},
    "tui": {"domain", "services", *LEAVES},
}
# Where the store is opened for the user interfaces (they hand it to the services).
COMPOSITION_ROOTS: dict[str, set[str]] = {
    "pipeline_tui.cli.base": {"store"},
    "pipeline_tui.cli.db": {"store"},
    "pipeline_tui.tui.context": {"store"},
}


@dataclass(frozen=True)
class Module:
    name: str  # pipeline_tui.services.numbers
    path: Path
    tree: ast.Module

    @property
    def layer(self) -> str:
        parts = self.name.split(".")
        return parts[1] if len(parts) > 1 else ""


def modules() -> list[Module]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(relative.parts)
        if parts[-1] == "__init__":
            parts.pop()
        found.append(Module(".".join(parts), path, ast.parse(path.read_text(encoding="utf-8"))))
    return found


MODULES = modules()
NAMES = {m.name for m in MODULES}


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _walk_runtime(node: ast.AST) -> Iterator[ast.AST]:
    """Every node, except what sits under ``if TYPE_CHECKING:`` (never imported at run time)."""
    for child in ast.iter_child_nodes(node):
        if _type_checking_only(child):
            continue
        yield child
        yield from _walk_runtime(child)


def imports(module: Module) -> set[str]:
    """Every module ``module`` imports at run time (top level or inside functions)."""
    package = module.name if module.path.name == "__init__.py" else module.name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in _walk_runtime(module.tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                out.add(candidate if candidate in NAMES else base)
    return out


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def sql_outside_store() -> list[str]:
    problems = []
    for module in MODULES:
        if module.layer == "store":
            continue
        docstrings = _docstrings(module.tree)
        where = module.path.relative_to(PACKAGE.parent)
        for node in ast.walk(module.tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and SQL_TEXT.search(node.value)
            ):
                problems.append(f"{where}:{node.lineno}: SQL text {node.value[:40]!r}")
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name == "select":
                    problems.append(f"{where}:{node.lineno}: select(")
        for name in imports(module):
            if name.split(".")[0] in ORM_PACKAGES:
                problems.append(f"{where}: imports {name}")
    return problems


def test_sql_lives_in_the_store_only() -> None:
    assert sql_outside_store() == []


def test_the_checks_see_sql_and_orm_imports() -> None:
    """The two checks above can fail: they find what they look for in a sample."""
    sample = ast.parse(
        "import sqlalchemy as sa\n"
        "def f(q):\n"
        "    q.rows('SELECT id FROM client')\n"
        "    return sa.select(1)\n"
    )
    found = [
        node.value
        for node in ast.walk(sample)
        if isinstance(node, ast.Constant) and SQL_TEXT.search(str(node.value))
    ]
    assert found == ["SELECT id FROM client"]
    module = Module("pipeline_tui.services.sample", PACKAGE / "services" / "sample.py", sample)
    assert "sqlalchemy" in imports(module)
    for prose in ("Select a client", "update the list", "select the deal to delete from"):
        assert not SQL_TEXT.search(prose), prose


def layer_violations() -> list[str]:
    problems = []
    for module in MODULES:
        allowed = ALLOWED.get(module.layer)
        if allowed is None:
            continue
        allowed = allowed | COMPOSITION_ROOTS.get(module.name, set()) | {module.layer}
        for name in imports(module):
            parts = name.split(".")
            if parts[0] != "pipeline_tui" or len(parts) < 2:
                continue
            if parts[1] not in allowed:
                problems.append(f"{module.name} imports {name}")
    return problems


def test_each_layer_imports_only_what_it_may() -> None:
    assert layer_violations() == []


def cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), or a module importing
    itself."""
    graph = {m.name: sorted(n for n in imports(m) if n in NAMES and n != m.name) for m in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle() -> None:
    # A package importing its own modules is not a cycle of the code's design: leave out the
    # edges from a package (__init__) to its children and back.
    assert cycles() == []


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.name)
def test_no_module_is_over_500_lines(module: Module) -> None:
    lines = len(module.path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module.path.name} has {lines} lines: split it by what it does"
