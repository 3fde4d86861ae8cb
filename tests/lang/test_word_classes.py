"""The English word classes and lemma fixes: each example is a test on the real pipeline, and a bad
data file fails clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from polybius.errors import DataFileError
from polybius.lang import (
    Example,
    WordClass,
    lemma_fixes,
    load_word_classes,
    read_lemma_fixes,
    word_class,
    word_classes,
    word_list,
)

CLASSES = word_classes()
EXAMPLES = [(c, e) for c in CLASSES.values() for e in c.examples]


def _token(doc, example: Example):
    """The token of the example's word (the first one written that way)."""
    found = [t for t in doc if t.lower_ == example.word.lower()]
    assert found, f"{example.word!r} is not one token in {example.text!r}: {[t.text for t in doc]}"
    return found[0]


@pytest.mark.parametrize(("entry", "example"), EXAMPLES, ids=[f"{c.name}:{e.word}" for c, e in EXAMPLES])
def test_example_word_is_in_its_class(nlp, entry: WordClass, example: Example) -> None:
    token = _token(nlp(example.text), example)
    form = token.lemma_.lower() if entry.form == "lemma" else token.lower_
    assert form in word_class(entry.name), f"{entry.form} {form!r} of {example.word!r} is not in {entry.name}"


@pytest.mark.parametrize("fix", lemma_fixes(), ids=[f.example.word for f in lemma_fixes()])
def test_lemma_fix_example_gets_its_lemma(fix) -> None:
    from polybius.nlp import load_pipeline

    token = _token(load_pipeline()(fix.example.text), fix.example)
    assert token.lemma_ == fix.attrs["LEMMA"]


def test_lemma_fixes_run_before_the_lemmatizer(nlp) -> None:
    names = nlp.pipe_names
    assert names.index("polybius_lemma_fixes") == names.index("lemmatizer") - 1


def test_every_class_has_words_and_a_reason() -> None:
    assert len(CLASSES) > 40
    assert all(c.words and c.why and c.examples for c in CLASSES.values())


def test_word_class_is_a_frozen_set_and_word_list_keeps_the_order() -> None:
    assert word_class("time_prepositions") >= {"after", "before", "despite"}
    assert isinstance(word_class("time_prepositions"), frozenset)
    assert word_list("weekdays")[0] == "monday" and len(word_list("weekdays")) == 7


def test_unknown_class_names_the_close_ones() -> None:
    with pytest.raises(DataFileError, match=r"no word class named 'time_preposition'.*time_prepositions"):
        word_class("time_preposition")


GOOD = """
- name: test_words
  why: For the test.
  form: lower
  words: [alpha, beta]
  examples:
    - {text: "Alpha came first.", word: Alpha}
"""


def _folder(tmp_path: Path, text: str, name: str = "test.yaml") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_good_file_loads(tmp_path: Path) -> None:
    assert load_word_classes(_folder(tmp_path, GOOD))["test_words"].words == ["alpha", "beta"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("[alpha, beta]", "[alpha, beta, alpha]"), "test.yaml#test_words: words: .*listed twice: \\['alpha'\\]"),
        (("word: Alpha", "word: gamma"), "test.yaml#test_words: examples.0: .*'gamma' does not occur"),
        (("word: Alpha", "word: Alph"), "test.yaml#test_words: examples.0: .*'Alph' does not occur"),
        (("Alpha came first.", "Alpha and gamma came."), None),
        (("name: test_words", "name: TestWords"), "test.yaml#TestWords: name: .*not a snake_case name"),
        (("[alpha, beta]", "[alpha, Beta]"), "test.yaml#test_words: words: .*not lower-case words"),
        (("[alpha, beta]", "[alpha, on]"), "test.yaml#test_words: words.1: .*string"),
        (("form: lower", "form: stem"), "test.yaml#test_words: form: "),
        (('  examples:\n    - {text: "Alpha came first.", word: Alpha}\n', ""), "test.yaml#test_words: examples: "),
        (("why: For the test.", "why: For the test.\n  colour: red"), "test.yaml#test_words: colour: "),
    ],
)
def test_schema_errors_name_the_file_and_class(tmp_path: Path, change: tuple[str, str], message: str | None) -> None:
    text = GOOD.replace(*change)
    if message is None:  # the example word must also be in a lower-case class
        message = "test.yaml#test_words: .*example words not in the class"
        text = text.replace("word: Alpha", "word: gamma")
    with pytest.raises(DataFileError, match=message):
        load_word_classes(_folder(tmp_path, text))


def test_a_class_is_defined_once(tmp_path: Path) -> None:
    _folder(tmp_path, GOOD, "a.yaml")
    with pytest.raises(DataFileError, match=r"b.yaml#test_words: class already defined in a.yaml"):
        load_word_classes(_folder(tmp_path, GOOD, "b.yaml"))


def test_a_file_is_a_list(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"test.yaml: the file is a YAML list"):
        load_word_classes(_folder(tmp_path, "name: x\n"))


def test_bad_lemma_fix_names_the_file_and_entry(tmp_path: Path) -> None:
    bad = "- {patterns: [[{LOWER: retook}]], attrs: {POS: VERB}, example: {text: Rebels retook it., word: retook}}\n"
    path = tmp_path / "lemmas.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"lemmas.yaml#1: attrs: .*sets LEMMA"):
        read_lemma_fixes(path)


def test_the_lemma_file_is_not_read_as_word_classes(tmp_path: Path) -> None:
    _folder(tmp_path, "- {patterns: [], attrs: {}, example: {}}\n", "lemmas.yaml")
    assert "test_words" in load_word_classes(_folder(tmp_path, GOOD))
