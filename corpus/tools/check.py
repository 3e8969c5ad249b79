"""Check corpus files: python3 corpus/tools/check.py FILE... (standard library only)."""

from __future__ import annotations

import collections
import json
import sys

TYPES = {
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
    "Suicide bomb", "Grenade", "Chemical weapon", "Attack", "Abduction/forced disappearance",
    "Sexual violence", "Peaceful protest", "Protest with intervention",
    "Excessive force against protesters", "Violent demonstration", "Mob violence", "Agreement",
    "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction",
    "Non-violent transfer of territory", "Other",
}
STYLES = {"wire", "local", "ngo", "un", "military", "headline", "brief", "broadcast"}
SPAN_KEYS = ("actor1", "actor2", "place", "date", "fatalities_text")


def check(path: str) -> tuple[list[str], collections.Counter]:
    errors: list[str] = []
    counts: collections.Counter = collections.Counter()
    seen: set[str] = set()
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            where = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: not JSON ({exc})")
                continue
            text = rec.get("text")
            if not isinstance(text, str) or not text.strip():
                errors.append(f"{where}: no text")
                continue
            if rec.get("id") in seen:
                errors.append(f"{where}: duplicate id {rec.get('id')}")
            seen.add(rec.get("id"))
            labels = rec.get("labels")
            if not isinstance(labels, list) or any(lab not in TYPES for lab in labels):
                errors.append(f"{where}: bad labels {labels!r}")
                continue
            if len(set(labels)) != len(labels):
                errors.append(f"{where}: repeated label")
            if rec.get("style") not in STYLES:
                errors.append(f"{where}: bad style {rec.get('style')!r}")
            if not rec.get("country"):
                errors.append(f"{where}: no country")
            if not labels and not rec.get("kind"):
                errors.append(f"{where}: non-event without kind")
            args = rec.get("args")
            if args:
                if not labels:
                    errors.append(f"{where}: args on a non-event")
                for key in SPAN_KEYS:
                    value = args.get(key)
                    if value is not None and value not in text:
                        errors.append(f"{where}: args.{key} {value!r} is not in the text")
                fat = args.get("fatalities")
                if fat is not None and not isinstance(fat, int):
                    errors.append(f"{where}: fatalities must be an integer")
                counts["with args"] += 1
            for lab in labels or ["(none)"]:
                counts[lab] += 1
            counts["records"] += 1
    return errors, counts


def main() -> int:
    total: collections.Counter = collections.Counter()
    bad = 0
    for path in sys.argv[1:]:
        errors, counts = check(path)
        for err in errors:
            print(err)
        bad += len(errors)
        total.update(counts)
    for key, value in sorted(total.items()):
        print(f"{value:6d}  {key}")
    print(f"{bad} errors")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
