"""Which string constants of the code a user reads, found by reading the source (never importing
it): the net under "every user-facing string goes through the catalog".

A constant is *prose* when, once its placeholders (``{name}``, ``%(name)s``) and Rich markup
(``[b]``) are taken out, it has two words, or one capitalised word (``Done``, ``Clients``), and
is not an identifier, a key, a path or a format. Prose must reach the user through ``_()``,
``N_()`` or ``ngettext()``, unless it stands where no user reads it:

- a docstring (a module's, a class's, a function's, or an attribute's under its assignment);
  a dictionary key; a subscript (``row["client name"]``); a comparison;
- an argument of a call that is not text for people (``getattr``, ``re.compile``, a logger,
  ``query_one``, ``Binding``'s key and action, ``click.option``'s names, ``click.Choice``);
- a keyword argument naming a thing rather than saying something (``id=``, ``classes=``,
  ``name=``, ``key=``, ``envvar=``, ``metavar=``...);
- a class attribute of Textual's (``CSS``, ``DEFAULT_CSS``, ``CSS_PATH``, ``AUTO_FOCUS``);
- a line that says why with the comment ``# not shown: <why>`` (JSON values, stored words,
  the quick-add grammar's words, command names).

The layers whose strings are data or SQL are not read: ``store/`` (SQL, stored words),
``demo/`` (the demo's French data), ``i18n/`` (the machinery), and ``migrations``.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline_tui"
SKIPPED_PARTS = {"store", "demo", "i18n", "migrations", "__pycache__"}

TRANSLATING = {"_", "N_", "gettext", "ngettext", "pgettext", "said_twice"}
NOT_FOR_PEOPLE_CALLS = {
    "getattr",
    "setattr",
    "hasattr",
    "delattr",
    "isinstance",
    "compile",
    "match",
    "fullmatch",
    "search",
    "sub",
    "subn",
    "split",
    "findall",
    "finditer",
    "escape",
    "debug",
    "info",
    "warning",
    "exception",
    "log",
    "query",
    "query_one",
    "query_exactly_one",
    "get_child_by_id",
    "get_widget_by_id",
    "startswith",
    "endswith",
    "removeprefix",
    "removesuffix",
    "strip",
    "rstrip",
    "lstrip",
    "replace",
    "partition",
    "rpartition",
    "fromisoformat",
    "strptime",
    "strftime",
    "import_module",
    "getenv",
    "Path",
    "open",
    "TypeVar",
    "NamedTuple",
    "cast",
    "Choice",
    "field",
    "encode",
    "decode",
    "Template",
    "run_action",
    "action",
    "set_class",
    "add_class",
    "remove_class",
    "has_class",
    "toggle_class",
    "run_worker",
    "set_interval",
    "environ",
    "get_current_context",
    "translate",
    "maketrans",
    "format_date",
    "version_option",
    "rsplit",
    "index",
    "count",
    "find",
    "rfind",
    "coerce",
    "pop",
    "setdefault",
    "get",
    "register",
    "command",
    "group",
    "argument",
    "option",
    "pass_context",
}
# positional arguments that name rather than say, by call
NAMING_POSITIONS = {"Binding": (0, 1), "Column": (), "Option": (1,), "Selection": (1,)}
NOT_FOR_PEOPLE_KEYWORDS = {
    "id",
    "classes",
    "name",
    "key",
    "action",
    "group",
    "variant",
    "envvar",
    "metavar",
    "type",
    "format",
    "encoding",
    "newline",
    "mode",
    "errors",
    "sep",
    "end",
    "key_display",
    "prog_name",
    "package_name",
    "thread",
    "exclusive",
    "exit_on_error",
    "glob",
    "suffix",
    "prefix",
    "dir_okay",
    "file_okay",
    "path_type",
    "default_map",
    "context_settings",
    "cls",
    "css_class",
    "role",
    "column_key",
    "row_key",
    "justify",
    "overflow",
    "style",
    "border",
    "sort_keys",
    "border_style",
    "header_style",
    "title_align",
    "subtitle_align",
    "align",
}
TEXTUAL_ATTRIBUTES = {"CSS", "DEFAULT_CSS", "CSS_PATH", "AUTO_FOCUS", "ID", "COMPONENT_CLASSES"}

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sdfr]|%[sdfr]|\[/?[a-z #._-]*\]")
LETTERS = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’]*")
CAPITALISED = re.compile(r"^\W*[A-Z][a-z]{2,}\W*$")
IDENTIFIER_LIKE = re.compile(r"^[\w.:#/@+*-]*$")  # snake_case, kebab, ids, paths, keys, ctrl+s
NOT_SHOWN = "# not shown"


@dataclass(frozen=True)
class Shown:
    path: Path
    line: int
    text: str
    why: str = "not translated"

    def __str__(self) -> str:
        where = self.path.relative_to(PACKAGE.parent)
        return f"{where}:{self.line}: {self.why}: {self.text!r}"


def is_prose(text: str) -> bool:
    bare = PLACEHOLDER.sub(" ", text).strip()
    if not bare or (IDENTIFIER_LIKE.match(bare) and not CAPITALISED.match(bare)):
        return False
    words = LETTERS.findall(bare)
    return bool((len(words) >= 2 and any(len(w) >= 2 for w in words)) or CAPITALISED.match(bare))


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _docstrings(tree: ast.AST) -> set[int]:
    """Every string that stands alone as a statement: the docstrings of modules, classes and
    functions, and those written under a constant or a field (an attribute's docstring)."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


class _Reader(ast.NodeVisitor):
    def __init__(self, path: Path, lines: list[str]) -> None:
        self.path, self.lines = path, lines
        self.found: list[Shown] = []
        self.stack: list[ast.AST] = []
        self.docstrings: set[int] = set()

    def visit(self, node: ast.AST):
        self.stack.append(node)
        try:
            super().visit(node)
        finally:
            self.stack.pop()

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node)
        if name in TRANSLATING:
            for arg in node.args:
                if isinstance(arg, ast.JoinedStr):
                    self.found.append(
                        Shown(self.path, node.lineno, ast.unparse(arg), "an f-string in _()")
                    )
            return  # translated: nothing below is read
        if name in NOT_FOR_PEOPLE_CALLS:
            return
        naming = NAMING_POSITIONS.get(name, ())
        for index, arg in enumerate(node.args):
            if index not in naming:
                self.visit(arg)
        for keyword in node.keywords:
            if keyword.arg not in NOT_FOR_PEOPLE_KEYWORDS:
                self.visit(keyword.value)
        self.visit(node.func)

    def visit_Dict(self, node: ast.Dict) -> None:
        for value in node.values:
            self.visit(value)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self.visit(node.value)

    def visit_Compare(self, node: ast.Compare) -> None:
        return

    def visit_MatchValue(self, node: ast.MatchValue) -> None:
        return

    def visit_Assign(self, node: ast.Assign) -> None:
        names = {t.id for t in node.targets if isinstance(t, ast.Name)}
        if names & (TEXTUAL_ATTRIBUTES | {"__all__"}):
            return
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if isinstance(node.target, ast.Name) and node.target.id in TEXTUAL_ATTRIBUTES:
            return
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if not isinstance(node.value, str) or id(node) in self.docstrings:
            return
        if not is_prose(node.value):
            return
        first, last = node.lineno, getattr(node, "end_lineno", node.lineno) or node.lineno
        if any(NOT_SHOWN in self.lines[n - 1] for n in range(first, last + 1)):
            return
        self.found.append(Shown(self.path, node.lineno, node.value))

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        if is_prose(text):
            first, last = node.lineno, getattr(node, "end_lineno", node.lineno) or node.lineno
            if not any(NOT_SHOWN in self.lines[n - 1] for n in range(first, last + 1)):
                self.found.append(Shown(self.path, node.lineno, text, "an f-string shown"))
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                for inner in ast.walk(value.value):
                    if (
                        isinstance(inner, ast.Call)
                        and _call_name(inner) in TRANSLATING
                        and any(isinstance(a, ast.Constant) for a in inner.args)
                    ):
                        self.found.append(
                            Shown(
                                self.path,
                                inner.lineno,
                                ast.unparse(inner),
                                "a message inside an f-string (the catalog never sees it)",
                            )
                        )
                self.visit(value.value)


def modules(package: Path = PACKAGE) -> list[Path]:
    return [
        path
        for path in sorted(package.rglob("*.py"))
        if not SKIPPED_PARTS & set(path.relative_to(package).parts)
    ]


def untranslated(path: Path) -> list[Shown]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    reader = _Reader(path, source.splitlines())
    reader.docstrings = _docstrings(tree)
    reader.visit(tree)
    return reader.found


def every_untranslated(package: Path = PACKAGE) -> list[Shown]:
    return [shown for path in modules(package) for shown in untranslated(path)]


if __name__ == "__main__":  # python -m tests.i18n.shown_strings [PATH-PART]: the list, by file
    import sys

    part = sys.argv[1] if len(sys.argv) > 1 else ""
    found = [s for s in every_untranslated() if part in str(s.path)]
    for shown in found:
        print(shown)
    print(f"{len(found)} string(s) shown untranslated", file=sys.stderr)
