"""Where records go: formats for stdout (``formats``) and the DuckDB store (``store``)."""
