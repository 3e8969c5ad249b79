"""Stage 4, extraction: the events each analysed article tells (the recogniser and the event
words find them; factuality, actors, place, date and toll are chosen for each), as mentions."""
