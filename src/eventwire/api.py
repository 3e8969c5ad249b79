"""The Python API: code a text, a record or a file into typed events, from a notebook or a script.

    >>> import eventwire
    >>> events = eventwire.code("KABUL, Afghanistan - A roadside bomb ...", published="2024-05-02")
    >>> coder = eventwire.Coder()                      # reuse: the models are loaded once
    >>> for coded in coder.code_many(texts):           # streams, one result per input
    ...     print(coded.label, len(coded.events), coded.problems)

What an input may be (:data:`Input`):

* a ``str``: the article's text (never taken for a file name; pass a path as a
  :class:`~pathlib.Path`);
* a ``dict``: one record as in a JSON or JSONL input file (``text``/``body``/``content``,
  ``title``, ``published``/``date``, ``url``, ``source``, ``id``);
* a :class:`~pathlib.Path` (or any ``os.PathLike``): a file or folder of any type
  ``eventwire run`` reads (``.txt``, ``.md``, ``.html``, ``.json``, ``.jsonl``, ``.pdf``);
* an :class:`~eventwire.records.Article`.

``published``, ``source``, ``title`` and ``url`` given to :meth:`Coder.code` say what the
input does not (for a record or a file, they replace what it says). The events of one
input are linked together (one event for several reports of it in the same input), not
with other inputs' events nor with a database: ``eventwire run`` does that.

Errors: :meth:`Coder.code` raises an :class:`~eventwire.errors.InputError` (for instance
:class:`~eventwire.errors.EmptyInput`, :class:`~eventwire.errors.UnsupportedInput`) naming
the first thing that could not be read; :meth:`Coder.code_many` never raises for an input,
it reports it in :attr:`Coded.problems` and goes on. A setting that does not exist or has a
bad value is a :class:`~eventwire.errors.SettingsError`.

Nothing here is imported by ``import eventwire``: the package's ``__getattr__`` loads this
module on first use, and the models load on the first text coded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from eventwire.errors import InputError, UnsupportedInput
from eventwire.records import Article, Event, Problem
from eventwire.settings import Settings

__all__ = ["Coded", "Coder", "Input", "as_rows", "code"]

#: What :meth:`Coder.code` and :meth:`Coder.code_many` take.
Input = str | Mapping[str, Any] | os.PathLike[str] | Article


@dataclass(frozen=True, slots=True)
class Coded:
    """One input's result: its articles, their events, and what could not be read."""

    label: str  # the file, or "<text ...>"/"<record ...>" for a text or record given in code
    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """Whether every part of the input was read and coded."""
        return not self.problems


class Coder:
    """Codes texts, records and files into events; reuse one for many inputs.

    ``settings`` (default: :class:`~eventwire.settings.Settings` defaults; no config
    file or environment is read) and keyword ``options`` (any setting by name, e.g.
    ``article_seconds=30``) apply to every input. The spaCy pipeline, the gazetteer
    and the recogniser are loaded once per process, on first use (or by :meth:`load`).
    """

    def __init__(self, *, settings: Settings | None = None, **options: Any) -> None:
        self.settings = (settings or Settings()).updated(options)
        self._loaded = False

    def load(self) -> Coder:
        """Load the models now rather than on the first input; returns ``self``."""
        if not self._loaded:
            from eventwire.engines.work import warm_up

            warm_up()
            self._loaded = True
        return self

    def code(self, item: Input, *, published: dt.date | str | None = None, source: str | None = None,
             title: str | None = None, url: str | None = None) -> list[Event]:
        """The events of one input (see the module docstring), in the exports' order.

        Raises :class:`~eventwire.errors.InputError` when any part of it cannot be read
        or coded (use :meth:`code_many` to keep the good parts of a file with bad ones).
        """
        coded = self._code_batch([self._read(item, published=published, source=source, title=title,
                                             url=url, strict=True)])[0]
        if coded.problems:
            raise InputError(str(coded.problems[0]))
        return list(coded.events)

    def code_many(self, items: Iterable[Input], *, published: dt.date | str | None = None,
                  source: str | None = None) -> Iterator[Coded]:
        """One :class:`Coded` per input, in order, as they are coded (a generator).

        Inputs are read lazily and coded ``batch_size`` at a time (one spaCy pass for a
        batch); a bad input is a problem of its own result, never an exception.
        """
        stream = iter(items)
        size = max(1, self.settings.batch_size)
        while True:
            chunk = list(islice(stream, size))
            if not chunk:
                return
            yield from self._code_batch([self._read(item, published=published, source=source, title=None,
                                                    url=None, strict=False) for item in chunk])

    # -- reading -----------------------------------------------------------------------

    def _read(self, item: Input, *, published: dt.date | str | None, source: str | None,
              title: str | None, url: str | None, strict: bool) -> tuple[str, list[Article | Problem]]:
        """The input's label and what reading it gave; ``strict`` raises the first problem instead."""
        label = _label(item)
        try:
            return label, self._read_item(item, label, published=_published(published), source=source,
                                          title=title, url=url)
        except InputError as exc:
            if strict:
                raise
            return label, [Problem(label, str(exc))]

    def _read_item(self, item: Input, label: str, *, published: dt.date | None, source: str | None,
                   title: str | None, url: str | None) -> list[Article | Problem]:
        from eventwire.ingest import iter_inputs, parse_text, read_path, record_to_article
        from eventwire.ingest.limits import within_article_limit

        def given(article: Article) -> Article:
            return _with(article, published=published, source=source, title=title, url=url)

        if isinstance(item, Article):
            return [given(item)]
        if isinstance(item, str):
            article = parse_text(item, file=label, article_id=f"text-{_digest(item)}", published=published,
                                 source=source, title=title, url=url)
            return [within_article_limit(article, self.settings)]
        if isinstance(item, Mapping):
            record = dict(item)
            article = record_to_article(record, file=label, default_id=f"record-{_digest(repr(record))}")
            return [within_article_limit(given(article), self.settings)]
        if isinstance(item, os.PathLike):
            path = os.fspath(item)
            found = iter_inputs([path], settings=self.settings) if Path(path).is_dir() \
                else read_path(path, settings=self.settings)
            return [given(a) if isinstance(a, Article) else a for a in found]
        kind = type(item).__name__
        raise UnsupportedInput(f"cannot code {'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}: give a text "
                               "(str), a record (dict), a path (pathlib.Path) or an Article")

    # -- coding ------------------------------------------------------------------------

    def _code_batch(self, read: Sequence[tuple[str, list[Article | Problem]]]) -> list[Coded]:
        from eventwire.engines.work import code_batch
        from eventwire.linking.link import words_of
        from eventwire.linking.stage import link_stage
        from eventwire.output.export import sort_events

        articles = [a for _, items in read for a in items if isinstance(a, Article)]
        results = iter(code_batch(articles, settings=self.settings) if articles else [])
        self._loaded = True
        out = []
        for label, items in read:
            problems = [i for i in items if isinstance(i, Problem)]
            mine = [i for i in items if isinstance(i, Article)]
            reports, words = [], {}
            for article in mine:  # the results come in the order of the articles
                result = next(results)
                if isinstance(result, Problem):
                    problems.append(result)
                elif result:
                    reports.extend(result)
                    words[article.article_id] = words_of(article.text)
            events = link_stage(None, reports, words, settings=self.settings) if reports else []
            out.append(Coded(label, tuple(mine), tuple(sort_events(events)), tuple(problems)))
        return out


def _label(item: object) -> str:
    """How an input is named in problems: its path, or a digest of its text or record."""
    if isinstance(item, Article):
        return item.file
    if isinstance(item, str):
        return f"<text {_digest(item)}>"
    if isinstance(item, Mapping):
        name = item.get("id")
        return f"<record {name}>" if isinstance(name, str | int) and name != "" else f"<record {_digest(repr(item))}>"
    if isinstance(item, os.PathLike):
        return os.fspath(item)
    return f"<{type(item).__name__}>"


def _published(value: dt.date | str | None) -> dt.date | None:
    """A publication date given by the caller, checked (a bad one is an error, not ignored)."""
    from eventwire.ingest.pubdate import parse_meta_date

    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    if not isinstance(value, str) or (day := parse_meta_date(value)) is None:
        raise InputError(f"published {value!r} is not a date (give a datetime.date or 'YYYY-MM-DD')")
    return day


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _with(article: Article, *, published: dt.date | None, source: str | None, title: str | None,
          url: str | None) -> Article:
    """``article`` with the values the caller gave in place of its own."""
    from eventwire.ingest.text import plain_or_none

    changes: dict[str, Any] = {}
    if published is not None:
        changes.update(published=published, published_origin="field")
    for name, value in (("source", source), ("title", title), ("url", url)):
        if value is not None:
            changes[name] = plain_or_none(value)
    return dataclasses.replace(article, **changes) if changes else article


_default: Coder | None = None


def code(item: Input, *, published: dt.date | str | None = None, source: str | None = None,
         title: str | None = None, url: str | None = None) -> list[Event]:
    """The events of one input, with a coder shared by every call (see :meth:`Coder.code`)."""
    global _default
    if _default is None:
        _default = Coder()
    return _default.code(item, published=published, source=source, title=title, url=url)


def as_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    """One flat dict per event with the columns of ``events.csv`` (``pandas.DataFrame(as_rows(events))``)."""
    from eventwire.output.formats import csv_row
    from eventwire.records import event_to_dict

    return [csv_row(event, event_to_dict(event)) for event in events]
