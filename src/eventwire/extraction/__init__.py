"""Stage 4, extraction: the events each analysed article tells, as mentions.

Steps over typed candidates (:mod:`.candidates`), one module per decision, in the order
:mod:`.extract` runs them: :mod:`.find` (the event words of :mod:`.triggers` typed by
:mod:`.classify`, and the learned :mod:`.recogniser`), :mod:`.assertion`, :mod:`.roles`,
:mod:`.place`, :mod:`.time`, :mod:`.toll`, :mod:`.retelling`; :mod:`.explain` tells why a
sentence was or was not coded."""
