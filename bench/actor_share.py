"""Share of the coder's time spent resolving actors (knowledge matching, phrases, coreference).

    .venv/bin/python bench/actor_share.py [--sentences 2000]

Profiles one coding pass over the `polybius bench` corpus and prints the cumulative time of the
actor stages (the polybius_actors component's reading and the events' resolution of their
arguments: ArticleActors.read/resolve) against the whole coder.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats

from polybius.bench import build_corpus
from polybius.coder import default_coder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=2000)
    args = parser.parse_args()
    coder = default_coder()
    corpus = build_corpus(args.sentences, coder.nlp)
    profile = cProfile.Profile()
    profile.enable()
    list(coder.code(corpus))
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = sum(t for (file, _, name), (_, _, _, t, _) in stats.items() if name == "code" and "coder.py" in file)
    # cumulative times: "read" holds the reading of the article, "resolve" each argument's resolution
    actor = sum(
        t
        for (file, _, name), (_, _, _, t, _) in stats.items()
        if file.endswith("actors/resolve.py") and name in ("read", "resolve")
    )
    print(f"coder {total:.2f} s, actor resolution {actor:.2f} s: {100 * actor / total:.1f}% of coder time")


if __name__ == "__main__":
    main()
