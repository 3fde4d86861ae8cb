"""Docs that cannot drift: every CLI command and option is named in the README."""

from __future__ import annotations

import pytest

from polybius.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_and_option_is_documented(name: str) -> None:
    command = main.commands[name]
    assert f"polybius {name}" in README
    for param in command.params:
        for option in param.opts:
            if option.startswith("--"):
                assert option in README, f"{name} {option} is not in the README"


def test_every_api_filter_is_documented() -> None:
    from polybius.web.queries import Filters

    for name in Filters.model_fields:
        assert f"`{name}`" in README, f"the API filter {name} is not in the README"
