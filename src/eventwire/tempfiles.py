"""The temporary files eventwire writes beside its outputs and databases, and the ones a
killed run leaves behind.

Every file eventwire writes goes to ``.NAME.PID.*.tmp`` first and is renamed into place; a run
killed in between leaves its temporary file. The next run that writes in the same folder
removes those whose process is gone (:func:`remove_stale_temporaries`).
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files that killed runs left in ``folder`` (their process is gone)."""
    found = [(temp, temp.name.split(".")[-3] if temp.name.count(".") >= 4 else "")
             for temp in folder.glob(".*.tmp")]
    found += [(spool, spool.name.split(".")[2]) for spool in folder.glob(".articles.*.spool")]  # before 2026-11-22
    for path, pid in found:
        if pid.isdigit() and not process_alive(int(pid)):
            with suppress(OSError):
                path.unlink()


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` exists (someone else's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
