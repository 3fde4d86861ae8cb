"""Shared fixtures: the real pipeline and coder, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "src" / "polybius" / "samples" / "articles"  # package data: polybius bench codes them


@pytest.fixture(scope="session")
def coder():
    from polybius.coder import default_coder

    return default_coder()


@pytest.fixture(scope="session")
def coder_all():
    from polybius.coder import default_coder

    return default_coder(all_modalities=True)


@pytest.fixture(scope="session")
def nlp():
    from polybius.nlp import load_pipeline

    return load_pipeline()
