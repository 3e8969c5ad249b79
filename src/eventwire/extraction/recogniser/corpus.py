"""The training corpus (``corpus/`` in the repository): reading it and its splits.

Records are JSON Lines written by hand to ``corpus/GUIDE.md``. ``corpus/train/`` is
split into *train* and *validation* by a hash of each record's id (every choice the
training makes is tuned on validation). ``corpus/test/`` holds the records of writers
whose work never enters training (:data:`TEST_WRITERS`, by id prefix, wherever their
files lie), and is only scored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.taxonomy import NAMES

#: Percent of corpus/train held out for validation.
VALIDATION_PERCENT = 15
#: Writers (id prefixes) whose records are the test split: they wrote about other
#: countries than the training writers, and their records are never trained or tuned on.
TEST_WRITERS = frozenset({"w2", "w6", "t1"})


@dataclass(frozen=True, slots=True)
class Record:
    """One labelled sentence or short passage."""

    record_id: str
    text: str
    labels: tuple[str, ...]
    country: str = ""
    style: str = ""
    kind: str = ""
    args: dict[str, Any] = field(default_factory=dict)


def read(paths: Iterable[Path]) -> list[Record]:
    """Records of these JSONL files, in file and line order."""
    out: list[Record] = []
    known = set(NAMES)
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    raw = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}: not JSON ({exc.msg})") from exc
                labels = tuple(raw.get("labels") or ())
                unknown = [lab for lab in labels if lab not in known]
                if unknown:
                    raise InputError(f"{path}:{number}: unknown label {unknown[0]!r}")
                out.append(Record(record_id=str(raw["id"]), text=str(raw["text"]), labels=labels,
                                  country=str(raw.get("country") or ""), style=str(raw.get("style") or ""),
                                  kind=str(raw.get("kind") or ""), args=dict(raw.get("args") or {})))
    return out


def files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.jsonl"))


def is_validation(record_id: str) -> bool:
    digest = hashlib.sha1(record_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % 100 < VALIDATION_PERCENT


def is_test(record_id: str) -> bool:
    return record_id.split("-", 1)[0] in TEST_WRITERS


def split(records: Sequence[Record]) -> tuple[list[Record], list[Record]]:
    """(train, validation) of the corpus's records; test writers' records are in neither."""
    kept = [r for r in records if not is_test(r.record_id)]
    train = [r for r in kept if not is_validation(r.record_id)]
    val = [r for r in kept if is_validation(r.record_id)]
    return train, val


def test_split(records: Sequence[Record]) -> list[Record]:
    """The test writers' records."""
    return [r for r in records if is_test(r.record_id)]
