"""Stage 7, output: the files analysts read (events.csv with ACLED's columns first,
events.jsonl, GeoJSON, Parquet, articles.jsonl), written atomically."""
