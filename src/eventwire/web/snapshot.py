"""The web app's view of the database: the last committed state, copied aside.

DuckDB lets one process write a database file, and no other process read it
meanwhile. So that ``eventwire serve`` keeps answering while ``eventwire run``
writes, the app never reads the database itself: it reads a private copy (in a
temporary folder) of its last committed state. Before a request is answered
(at most once every :data:`CHECK_SECONDS`), the database's file is looked at;
when it changed and no run holds it, it is opened read-only for just long
enough to copy it (and its write-ahead log), and the copy replaces the old one.
While a run holds the database the old copy is served, and the new events
appear with the first request after the run ends.

While copying, the app leaves a marker file beside the database
(``.NAME.snapshot.lock``, holding its pid); a run that finds the database
locked and that marker present waits for the copy to end instead of failing
(:func:`eventwire.store.database.Store.open`), so a run never fails because the app is
open and busy.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from eventwire.errors import StoreError, StoreLocked
from eventwire.store.database import Store, snapshot_marker

#: Shortest time between two looks at the database's file, in seconds.
CHECK_SECONDS = 0.5


def _signature(db: Path) -> tuple[int, int, int, int]:
    """What changes when the database's file or its write-ahead log is written."""
    info = db.stat()
    wal = db.with_name(db.name + ".wal")
    try:
        log = wal.stat()
        return info.st_ino, info.st_mtime_ns, info.st_size, log.st_mtime_ns ^ log.st_size
    except FileNotFoundError:
        return info.st_ino, info.st_mtime_ns, info.st_size, 0


class Snapshot:
    """A read-only copy of ``db``'s last committed state, refreshed when ``db`` changes."""

    def __init__(self, db: str | Path) -> None:
        self.db = Path(db)
        self._folder = Path(tempfile.mkdtemp(prefix="eventwire-serve-"))
        self._lock = threading.Lock()
        self._current: Path | None = None
        self._seen: tuple[int, int, int, int] | None = None
        self._looked = 0.0
        self._copies = 0
        self.refresh(wait=True)  # the first copy, or a clear error now rather than on a request

    def open(self) -> Store:
        """A read-only connection to the freshest copy (the caller closes it)."""
        self.refresh()
        current = self._current
        if current is None:
            raise StoreLocked(f"database {self.db} is being written and has not been read yet; try again shortly")
        return Store.open(current, read_only=True)

    def refresh(self, *, wait: bool = False) -> None:
        """Copy the database again if its file changed and no run holds it.

        ``wait``: raise :class:`StoreError` if it cannot be read (on start);
        otherwise a database in use keeps the old copy."""
        with self._lock:
            now = time.monotonic()
            if not wait and now - self._looked < CHECK_SECONDS:
                return
            self._looked = now
            try:
                seen = _signature(self.db)
            except OSError as exc:
                if wait or self._current is None:
                    raise StoreError(f"cannot read database {self.db}: {(exc.strerror or str(exc)).lower()}") \
                        from None
                return
            if seen == self._seen and self._current is not None:
                return
            try:
                fresh = self._copy()
            except StoreLocked:
                if wait and self._current is None:
                    raise
                return
            old, self._current, self._seen = self._current, fresh, seen
            if old is not None:  # a request still reading it keeps its open file
                _remove(old)

    def _copy(self) -> Path:
        self._copies += 1
        target = self._folder / f"copy-{self._copies}.duckdb"
        marker: Path | None = snapshot_marker(self.db)
        try:
            snapshot_marker(self.db).write_text(str(os.getpid()), encoding="ascii")
        except OSError:
            marker = None  # a folder the app may not write: a run then fails in the moment of a copy
        try:
            with Store.open(self.db, read_only=True):  # holds the database still while it is copied
                try:
                    shutil.copyfile(self.db, target)
                    wal = self.db.with_name(self.db.name + ".wal")
                    if wal.exists():
                        shutil.copyfile(wal, target.with_name(target.name + ".wal"))
                except OSError as exc:
                    _remove(target)
                    raise StoreError(f"cannot copy database {self.db} for the web app into {self._folder}: "
                                     f"{(exc.strerror or str(exc)).lower()}") from None
        finally:
            if marker is not None:
                marker.unlink(missing_ok=True)
        try:
            with Store.open(target, read_only=True) as store:
                store.query("SELECT count(*) FROM events")
        except StoreError:
            _remove(target)
            raise
        return target

    def close(self) -> None:
        """Remove the copies."""
        shutil.rmtree(self._folder, ignore_errors=True)


def _remove(copy: Path) -> None:
    for path in (copy, copy.with_name(copy.name + ".wal")):
        path.unlink(missing_ok=True)
