"""The one exceptions module of eventwire.

Hierarchy::

    EventwireError               base of everything the library raises on purpose
    ├── InputError               an input (file, record) cannot be read or understood
    │   ├── UnreadableInput      no bytes could be read (permissions, missing, a folder loop)
    │   ├── UnsupportedInput     a file type eventwire does not read
    │   ├── MalformedInput       bytes were read but are not valid for their format
    │   ├── EmptyInput           nothing that looks like an article is in it
    │   └── InputTooLarge        over a configured size or length limit
    ├── ModelError               the spaCy pipeline or a gazetteer package is missing
    ├── StoreError               the event database cannot be opened or written
    │   ├── StoreLocked          another run holds the database
    │   └── StoreUnwritable      the system refuses to write it (disk full, read-only, permission)
    ├── CorrectionError          an analyst's merge or split cannot be applied
    ├── ExportError              an export cannot be written (unknown format, unwritable path)
    └── SettingsError            a setting has an invalid value

The library raises; the CLI turns an :class:`EventwireError` into one clear line on
stderr and exit code 1. Per-article problems are not raised out of a run: they
become :class:`eventwire.records.Problem` records and the run goes on.
"""

from __future__ import annotations

import os
import re


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input cannot be read or understood."""


class UnreadableInput(InputError):
    """No bytes could be read from an input."""


class UnsupportedInput(InputError):
    """The input's file type is not one eventwire reads."""


class MalformedInput(InputError):
    """The input's bytes are not valid for its format."""


class EmptyInput(InputError):
    """The input holds no article text."""


class InputTooLarge(InputError):
    """The input is over a configured size or length limit."""


class ModelError(EventwireError):
    """A required model or data package is missing or broken."""


class StoreError(EventwireError):
    """The event database cannot be opened or written."""


class StoreLocked(StoreError):
    """Another process holds the event database."""


class StoreUnwritable(StoreError):
    """The operating system refuses to write the event database (no space left, read-only,
    permission denied): no later write would succeed, so a run stops."""


class SettingsError(EventwireError):
    """A setting has an invalid value."""


class CorrectionError(EventwireError):
    """An analyst's merge or split names events or mentions that do not fit."""


class ExportError(EventwireError):
    """Output files cannot be written."""


def os_reason(exc: OSError) -> str:
    """An OS error's reason in lower case ("no space left on device"), also for an error that
    names its errno only in its message (Arrow's "... Detail: [errno 28] ...")."""
    found = re.search(r"\[errno (\d+)\]", str(exc), re.IGNORECASE)
    number = exc.errno or (int(found.group(1)) if found else None)
    return os.strerror(number).lower() if number else (exc.strerror or str(exc)).lower()
