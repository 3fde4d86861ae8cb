"""Web fixtures: a real store of the sample articles, and the app over it in-process.

``sample_store`` is shared with the browser tests, which serve the same file with uvicorn.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from polybius import api
from tests.conftest import SAMPLES


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory, coder) -> Path:
    """A DuckDB store holding the sample articles (``SAMPLES``), ingested through the library API."""
    path = tmp_path_factory.mktemp("web") / "samples.duckdb"
    summary = api.ingest([str(SAMPLES)], path, coder=coder)
    assert summary.failed == 0 and summary.events > 100
    return path


@pytest.fixture(scope="session")
def client(sample_store: Path) -> Iterator[TestClient]:
    from polybius.web import create_app

    with TestClient(create_app(sample_store)) as client:
        yield client
