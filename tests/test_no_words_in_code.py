"""No English vocabulary in code: a module under src/polybius that holds a literal set, list or tuple
of five or more English words fails; such words belong in a word class (``polybius/lang/en``)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
from spacy.glossary import GLOSSARY

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "polybius"
# The data loaders: they read the words, they do not hold them.
LOADERS = ("lang/", "datafiles.py")
LIMIT = 5
# Labels of spaCy's annotation scheme ("nsubj", "compound") are names of relations, not English words.
_LABELS = frozenset(key for key in GLOSSARY if key.islower())
_COLLECTIONS = (ast.Set, ast.List, ast.Tuple)

# PENDING: (module, enclosing function) pairs outside the word-class work (issue 14 item 3) that
# still hold word literals; each is someone's open task. The lead empties this list; a fixed entry
# fails `test_pending_entries_are_still_needed` until it is removed.
PENDING: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Finding:
    module: str
    scope: str  # the enclosing function or class, "<module>" at the top level
    line: int
    words: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.words[:6]) + (", …" if len(self.words) > 6 else "")
        return f"{self.module}:{self.line} in {self.scope}: {len(self.words)} English words ({shown})"


def is_english_word(value: object) -> bool:
    """A lower-case alphabetic string constant ("after", "re-impose", "'ll"), not a spaCy label."""
    if not isinstance(value, str) or value != value.lower() or value in _LABELS:
        return False
    return value.replace("-", "").replace("'", "").replace("’", "").isalpha()


def _words(node: ast.AST) -> list[str]:
    """The English words a literal node holds directly: a set/list/tuple's elements, or the words of
    ``"a b c".split()``; ``frozenset(...)`` and the like are seen through their argument."""
    if isinstance(node, _COLLECTIONS):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and is_english_word(e.value)]
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "split"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        separator = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
        return [w for w in node.func.value.value.split(separator) if is_english_word(w)]
    return []


def scan_source(source: str, module: str = "<snippet>") -> list[Finding]:
    """Every literal of ``LIMIT`` or more English words in a module's source."""
    found: list[Finding] = []

    def visit(node: ast.AST, scope: str) -> None:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return  # names of the module's API, not words
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "Literal":
            return  # a type: the values our own data schemas allow ("agent", "partner"), not vocabulary
        words = _words(node)
        if len(words) >= LIMIT:
            found.append(Finding(module, scope, getattr(node, "lineno", 0), tuple(words)))
        inner = node.name if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) else scope
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(ast.parse(source), "<module>")
    return found


def _modules() -> list[Path]:
    paths = sorted(PACKAGE.rglob("*.py"))
    return [p for p in paths if not p.relative_to(PACKAGE).as_posix().startswith(LOADERS)]


def _findings() -> list[Finding]:
    return [
        finding
        for path in _modules()
        for finding in scan_source(path.read_text(encoding="utf-8"), path.relative_to(PACKAGE).as_posix())
    ]


def test_no_module_holds_english_word_lists() -> None:
    found = [str(f) for f in _findings() if (f.module, f.scope) not in PENDING]
    assert not found, "move these words into a word class (polybius/lang/en/*.yaml):\n" + "\n".join(found)


def test_pending_entries_are_still_needed() -> None:
    tripped = {(f.module, f.scope) for f in _findings()}
    assert not [key for key in PENDING if key not in tripped], "remove fixed entries from PENDING"


def test_the_scan_covers_the_package() -> None:
    modules = {p.relative_to(PACKAGE).as_posix() for p in _modules()}
    assert {"coder.py", "events/detect.py", "geo/parser.py"} <= modules
    assert not any(m.startswith("lang/") for m in modules)


@pytest.mark.parametrize(
    "snippet",
    [
        '_TIME = frozenset({"before", "after", "since", "until", "during"})',
        '_TIME = frozenset("before after since until during".split())',
        '_TIME = ("before", "after", "since", "until", "during")',
        '_TIME = ["before", "after", "since", "until", "re-impose"]',
        "def f(t):\n    return t.lower_ in ('before', 'after', 'since', 'until', 'during')",
        '_TIME = "before,after,since,until,during".split(",")',
    ],
)
def test_the_scanner_finds_a_planted_word_list(snippet: str) -> None:
    (finding,) = scan_source(snippet)
    assert len(finding.words) == 5


def test_the_scanner_names_the_enclosing_function() -> None:
    (finding,) = scan_source("def near(t):\n    return t in {'in', 'at', 'near', 'by', 'around'}\n", "m.py")
    assert (finding.module, finding.scope, finding.line) == ("m.py", "near", 2)


@pytest.mark.parametrize(
    "snippet",
    [
        '_FOUR = frozenset({"before", "after", "since", "until"})',  # under the limit
        '_CODES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})',  # CAMEO codes
        '_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "appos")',  # spaCy labels
        '_SUFFIXES = (".txt", ".html", ".csv", ".json", ".gz")',  # not words
        '_ROOTS = frozenset({"01", "02", "03", "04", "05"})',
        '_WORDS = word_class("time_prepositions")',
        '__all__ = ["actors", "network", "places", "series", "where"]',  # the module's API
    ],
)
def test_the_scanner_passes_what_is_not_an_english_word_list(snippet: str) -> None:
    assert scan_source(snippet) == []
