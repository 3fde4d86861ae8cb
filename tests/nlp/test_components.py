"""The coder's stages as spaCy components: in our pipeline, in a user's own, and swappable parts."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span

from polybius import records_from_doc
from polybius.coder import Coder
from polybius.documents import content_id
from polybius.documents.article import read_article
from polybius.events.component import lexicon_typer
from polybius.events.detect import Detection
from polybius.events.lexicon import LexiconEntry
from polybius.nlp import LEMMA_FIXES
from polybius.pipeline import COMPONENTS, Parts, polybius_pipeline
from polybius.registry import names, typers
from polybius.settings import SPACY_MODEL

ARTICLE = """Troops shell border town

10 January, 2018
Turkish troops shelled Kurdish positions in Afrin on Tuesday.
Iran's foreign minister criticised the operation in a statement.
"""


def _triples(records) -> list[tuple[str | None, str, str | None]]:
    return [(r.source.code if r.source else None, r.cameo, r.target.code if r.target else None) for r in records]


def test_pipeline_order_and_declared_contracts() -> None:
    nlp = polybius_pipeline()
    ours = [name for name in nlp.pipe_names if name in COMPONENTS]
    assert ours == list(COMPONENTS)
    assert nlp.pipe_names.index(LEMMA_FIXES) == nlp.pipe_names.index("lemmatizer") - 1
    assert nlp.pipe_names.index("polybius_paragraphs") < nlp.pipe_names.index("parser")
    analysis = nlp.analyze_pipes()
    assert all(not problems for problems in analysis["problems"].values()), analysis["problems"]
    assert "doc._.actors" in analysis["summary"]["polybius_actors"]["assigns"]
    assert "doc._.actors" in analysis["summary"]["polybius_events"]["requires"]


def test_paragraph_breaks_start_sentences() -> None:
    doc = polybius_pipeline()("Rebels seize airport in the north\nThe army said it would respond")
    starts = [s[0].text for s in doc.sents if not s[0].is_space]
    assert starts == ["Rebels", "The"]


def test_one_doc_per_article_codes_its_body_only() -> None:
    document = read_article(ARTICLE)
    (doc,) = Coder().parse([document])
    assert doc.text == document.text  # character offsets are the article's
    coded = [s.text.strip() for s in doc._.sentences]
    assert coded == [
        "Turkish troops shelled Kurdish positions in Afrin on Tuesday.",
        "Iran's foreign minister criticised the operation in a statement.",
    ]
    assert doc._.published == "2018-01-10"
    assert doc._.actors.focus_country is not None
    assert [e.detection.trigger.text for e in doc._.events] == ["shelled", "criticised"]
    shelling = doc._.events[0]
    assert (shelling.date.value, shelling.date.source) == ("2018-01-09", "text")
    assert shelling.location is not None and shelling.location.country == "SYR"


def test_records_from_doc_is_the_coder() -> None:
    document = read_article(ARTICLE)
    coder = Coder()
    (doc,) = coder.parse([document])
    assert records_from_doc(doc) == coder.code_document(document)
    start = document.text.index("shelled")
    assert records_from_doc(doc)[0].trigger.start == start


def test_coder_takes_a_pipeline_loaded_elsewhere() -> None:
    """Dependency injection: the actor matchers are compiled against the given pipeline's vocab."""
    own = spacy.load(SPACY_MODEL)
    records = Coder(nlp=own).code_document(read_article(ARTICLE))
    assert own.pipe_names[-len(COMPONENTS) + 1 :] == list(COMPONENTS[1:])
    assert _triples(records) == _triples(Coder().code_document(read_article(ARTICLE)))
    assert ("TURMIL", "194", "SYR") in _triples(records) or any(r.cameo.startswith("19") for r in records)


def test_add_pipe_in_a_users_pipeline() -> None:
    """The README's example: our stages added by name to a pipeline built outside polybius."""
    nlp = spacy.load(SPACY_MODEL)
    for name in ("polybius_actors", "polybius_events", "polybius_dates", "polybius_places"):
        nlp.add_pipe(name)
    doc = nlp("Turkish troops shelled Kurdish positions in Afrin.")
    assert [(e.detection.trigger.text, e.act.code) for e in doc._.events] == [("shelled", "194")]
    (record,) = records_from_doc(doc)
    assert (record.source.code, record.target.code) == ("TURMIL", "SYR")
    assert record.article_id == content_id(doc.text) and record.id == f"{record.article_id}-0-0"
    assert record.location is not None and record.location.name == "Afrin"
    assert [(m.text, m.role) for m in doc._.places] == [("Turkish", "adjectival"), ("Afrin", "place")]


def test_add_pipe_by_name_without_importing_polybius(tmp_path: Path) -> None:
    """spaCy finds the factory through the package's entry points; events read actors themselves."""
    script = (
        "import json, spacy\n"
        f"nlp = spacy.load({SPACY_MODEL!r})\n"
        "nlp.add_pipe('polybius_events')\n"
        "doc = nlp('Turkish troops shelled Kurdish positions in Afrin.')\n"
        "print(json.dumps([[e.detection.trigger.text, e.act.code, e.source.actor.code] for e in doc._.events]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert json.loads(out.stdout) == [["shelled", "194", "TURMIL"]]


@typers.register("test.everything_said.v1")
def _everything_said():
    """A typer of our own: every trigger the lexicon finds, coded as a plain statement (010)."""
    ours = lexicon_typer()

    def typer(sentence: Span) -> list[Detection]:
        found = []
        for detection in ours(sentence):
            pattern = detection.pattern.model_copy(update={"cameo": "010", "id": "everything-said"})
            found.append(replace(detection, entry=LexiconEntry(pattern, "test.yaml"), fallback=None))
        return found

    return typer


def test_a_registered_typer_is_used() -> None:
    assert "polybius.lexicon_typer.v1" in names("typers")
    coder = Coder(parts=Parts(typer="test.everything_said.v1"), all_modalities=True)
    records = coder.code_document(read_article(ARTICLE))
    assert records and {r.cameo for r in records} == {"010"}
    assert {r.rule for r in records} == {"lexicon/test.yaml#everything-said"}


def test_the_config_file_chooses_the_typer(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from polybius.cli import main

    config = tmp_path / "polybius.toml"
    config.write_text('[polybius]\ntyper = "test.everything_said.v1"\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(article), "--format", "jsonl", "--config", str(config)])
    assert result.exit_code == 0, result.output
    codes = {json.loads(line)["cameo"] for line in result.stdout.splitlines()}
    assert codes == {"010"}


def test_an_unknown_part_fails_clearly() -> None:
    with pytest.raises(Exception, match="no-such-typer"):
        Coder(parts=Parts(typer="no-such-typer.v1"))


def test_the_readme_example_runs_and_prints_what_it_says(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In your own spaCy pipeline", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    promised = [line.split("# ", 1)[1] for line in code.splitlines() if line.startswith("# ")]
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out.splitlines() == promised
