"""``polybius bench``: the whole coder against a bare spaCy parse of the same text.

The corpus is built from our sample articles (package data, ``polybius/samples/articles``),
repeated (with distinct ids) until it holds at least the requested number of sentences, so every
run codes the same text. The bare parse is the coder's own pipeline without our components, with
the same batch size, over the same article texts; the ratio coder time / parse time is our
overhead over the physical bound of the stack.
"""

from __future__ import annotations

import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from importlib import resources
from importlib.resources.abc import Traversable

from spacy.language import Language

from polybius.coder import Coder, default_coder
from polybius.documents import Document
from polybius.documents.readers import read_documents
from polybius.pipeline import COMPONENTS
from polybius.settings import BATCH_SIZE

#: Our sample articles, package data so that ``polybius bench`` runs from an installed wheel.
SAMPLES = resources.files("polybius") / "samples" / "articles"


@dataclass
class BenchResult:
    articles: int
    sentences: int
    tokens: int
    events: int
    parse_seconds: float
    coder_seconds: float
    peak_rss_mb: float
    processes: int

    @property
    def ratio(self) -> float:
        return self.coder_seconds / self.parse_seconds

    def lines(self) -> list[str]:
        def rate(seconds: float) -> str:
            return f"{self.sentences / seconds:8.1f} sentences/s {self.tokens / seconds:9.0f} tokens/s"

        return [
            f"corpus         {self.articles} articles, {self.sentences} sentences, {self.tokens} tokens; "
            f"{self.processes} process(es)",
            f"bare parse     {self.parse_seconds:7.2f} s {rate(self.parse_seconds)}",
            f"polybius code  {self.coder_seconds:7.2f} s {rate(self.coder_seconds)}  ({self.events} events)",
            f"overhead ratio {self.ratio:.2f}  (coder time / bare-parse time; target <= 1.5)",
            f"peak RSS       {self.peak_rss_mb:.0f} MB",
        ]


def build_corpus(sentences: int, nlp: Language, source: Traversable = SAMPLES) -> list[Document]:
    """Sample articles repeated in a fixed order until they hold at least ``sentences`` sentences."""
    with resources.as_file(source) as folder:
        articles = [d for d in read_documents([str(folder)]) if isinstance(d, Document)]
    if not articles:
        raise FileNotFoundError(f"no sample articles in {source}")
    texts = [d.text[s.start : s.end] for d in articles for s in d.segments]
    per_pass = sum(len(list(doc.sents)) for doc in nlp.pipe(texts))
    passes = -(-sentences // per_pass)
    return [replace(d, id=f"{d.id}-{n}") for n in range(passes) for d in articles]


def bench(sentences: int = 2000, processes: int = 1, batch_size: int = BATCH_SIZE) -> BenchResult:
    """Time the bare parse and the coder on the same articles (models loaded before timing)."""
    coder = default_coder()
    corpus = build_corpus(sentences, coder.nlp)  # also warms the pipeline up
    texts = [d.text for d in corpus]
    with coder.nlp.select_pipes(disable=list(COMPONENTS[1:])):
        start = time.perf_counter()
        docs = list(coder.nlp.pipe(texts, batch_size=batch_size, n_process=processes))
        parse_seconds = time.perf_counter() - start
    counted = sum(len(list(doc.sents)) for doc in docs)
    tokens = sum(len(doc) for doc in docs)
    del docs
    start = time.perf_counter()
    events = _code(corpus, coder, processes, batch_size)
    coder_seconds = time.perf_counter() - start
    return BenchResult(len(corpus), counted, tokens, events, parse_seconds, coder_seconds, _peak_rss_mb(), processes)


def _code(corpus: list[Document], coder: Coder, processes: int, batch_size: int) -> int:
    if processes == 1:
        return sum(len(records) for _, records in coder.code(corpus))
    chunks = [corpus[i::processes] for i in range(processes)]
    with ProcessPoolExecutor(processes) as pool:
        return sum(pool.map(_code_chunk, chunks, [batch_size] * processes))


def _code_chunk(documents: list[Document], batch_size: int) -> int:
    coder = default_coder()
    coder.batch_size = batch_size
    return sum(len(records) for _, records in coder.code(documents))


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return max(own, children) / scale
