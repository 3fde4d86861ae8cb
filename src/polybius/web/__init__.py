"""The web views over a store: a read-only JSON API and one page (``polybius serve``)."""

from __future__ import annotations

from polybius.web.app import create_app, serve

__all__ = ["create_app", "serve"]
