"""Stage 5, linking: the mentions of all articles joined into events (one event told by many
outlets), each field chosen among its reports, analysts' corrections replayed."""
