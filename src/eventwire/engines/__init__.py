"""Engines: where the per-article stages and the linking stage run.

An engine has two methods, the two halves of a run:

* ``code(articles, settings=...)`` yields each article with its consolidated
  mentions or the :class:`~eventwire.records.Problem` that stopped it, in input
  order, reading ``articles`` lazily (memory must not grow with the corpus);
* ``link(store, reports, words, settings=..., keep=...)`` links mentions into
  events (through :func:`eventwire.linking.stage.link_stage`, one part at a time)
  and returns them (with a store, only when ``keep``: they are saved there).

Built in: ``local`` (this machine, ``workers`` processes; :mod:`.local`) and
``ray`` (Ray tasks on a local or existing Ray cluster; :mod:`.ray`, Ray is
imported only when used). Both run the same per-article code (:mod:`.work`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from eventwire.engines.work import Result
from eventwire.errors import SettingsError
from eventwire.linking.stage import LinkParts, Part
from eventwire.records import Article, Event, Mention
from eventwire.settings import Settings

#: Names accepted by :func:`get_engine` and ``eventwire run --engine``.
ENGINES = ("local", "ray")


class Engine(Protocol):
    name: str

    def code(self, articles: Iterable[Article], *, settings: Settings) -> Iterator[tuple[Article, Result]]: ...

    def link(self, store: Any, reports: Sequence[Mention], words: Mapping[str, frozenset[str]], *,
             settings: Settings, keep: bool = True) -> list[Event]: ...


def get_engine(name: str) -> Engine:
    """The engine called ``name`` (see :data:`ENGINES`)."""
    if name == "local":
        from eventwire.engines.local import LocalEngine

        return LocalEngine()
    if name == "ray":
        from eventwire.engines.ray import RayEngine

        return RayEngine()
    raise SettingsError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")


__all__ = ["ENGINES", "Engine", "LinkParts", "Part", "Result", "get_engine"]
