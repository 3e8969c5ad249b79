"""Stage 3, analysis: an article's text made ready to read (cleaned, parsed by spaCy, its
places tagged from the gazetteer, its publication date and every date and number in it
understood). Nothing here decides what an event is."""
