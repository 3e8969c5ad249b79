"""Stage 6, the store: the DuckDB file that keeps articles, mentions, events and corrections
between runs, its migrations, and the read queries the web app and the CLI ask."""
