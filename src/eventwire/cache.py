"""Where eventwire keeps files it derives from its packaged data (one place for every cache).

``$EVENTWIRE_CACHE``, else ``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire``. A cache
is only ever a shortcut: every file in it can be made again from the installed packages, and a
cache that cannot be written costs the time to make it again, never a failure.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """The cache folder (not created here)."""
    if os.environ.get("EVENTWIRE_CACHE"):
        return Path(os.environ["EVENTWIRE_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "eventwire"


def write_atomically(path: Path, payload: bytes, *, stale: str | None = None) -> bool:
    """Write ``payload`` to ``path`` through a temporary file and a rename (processes that make
    the same file at once never see half of it); remove other files matching the glob ``stale``
    beside it. False when the folder cannot be written."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(payload)
        os.replace(tmp, path)
        if stale:
            for old in path.parent.glob(stale):
                if old != path:
                    old.unlink(missing_ok=True)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        return False
    return True
