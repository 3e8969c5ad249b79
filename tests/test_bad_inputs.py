"""The bad-input corpus: every way an input can be bad, generated here, each with its message.

Each case writes one bad input next to nothing else and states what is right for it:

- ``Rejected``: the input becomes problems, each with its exact file, line and reason
  (a full-match pattern, so a vague message fails), and its kind in the run summary;
- ``Read``: the input is read correctly (UTF-16 with a byte-order mark, Latin-1, a
  stray bad byte, truncated HTML...), checked by a property of the article.

Decisions worth knowing:

- Non-English text is skipped with a clear message ("not English text (looks like
  French)"): the spaCy model and the rules read English only, and coding French text
  would produce nonsense events rather than none.
- An impossible ("2021-02-30") or future ("3000-01-01") date in metadata is ignored:
  the article is read and takes its date from the text, or has none.
- Unreadable files: tests run as root, for whom ``chmod 000`` stops nothing, so the
  permission case forks a child that drops to the ``nobody`` user (a real EACCES from
  the kernel); the I/O-error case reads ``/proc/self/mem``, which the kernel refuses
  with EIO at offset 0 even for root; pipes and devices are refused before opening.

The fast tests read each case through :func:`iter_inputs`; the slow ones run the
whole pipeline with each case next to good articles and check that the good
articles' events are exactly those of a run without the bad input, and that the
summary counts the problems.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from eventwire.ingest import count_problem_kinds, iter_inputs, problem_kind
from eventwire.ingest.clean import clean_text
from eventwire.records import Article, Event, Problem
from eventwire.settings import Settings

# -- inputs written for these tests ------------------------------------------------------

GOOD = ("MOGADISHU, Somalia (March 3, 2021) - Militants attacked an army base near Afgoye on Tuesday, "
        "killing five soldiers, a regional official said.\n\n"
        "The army said it repelled the attack after a two-hour gunfight.")
GOOD_2 = ("KHARTOUM, Sudan (May 2, 2023) - Fighting between the army and the Rapid Support Forces "
          "killed 1,500 people in the city of Nyala last week, a medical group said.\n\n"
          "Hundreds of people were killed in clashes in El Geneina on Monday, residents said.")
ACCENTED = ("Troops left the town of Ségou on Friday after clashes with armed men, "
            "the café owner said, and “order” returned by evening.")
UNDATED = ("Militants attacked an army base near Afgoye, killing five soldiers, a regional "
           "official said.\n\nThe army said it repelled the attack after a two-hour gunfight.")
FRENCH = ("Des hommes armés ont attaqué une base de l'armée près de la ville de Gao dans la nuit de "
          "mardi, selon les autorités locales. Le bilan est de cinq soldats tués et de plusieurs "
          "blessés. Les assaillants ont pris la fuite vers le nord du pays après les combats qui "
          "ont duré deux heures. La situation est restée tendue dans la région pendant la journée "
          "de mercredi, et les habitants ont été priés de rester chez eux.")
ARABIC = ("هاجم مسلحون قاعدة للجيش قرب مدينة مأرب ليلة الثلاثاء وقتل خمسة جنود وأصيب آخرون "
          "بحسب مصادر محلية وقالت السلطات إن المهاجمين فروا بعد اشتباك استمر ساعتين ") * 3
NAV_PAGE = ("<html><head><title>Example News - Home</title></head><body><nav><ul>"
            + "".join(f"<li><a href='/s{n}'>Section {n} news</a></li>" for n in range(20))
            + "</ul></nav><div class='menu'><a href='/a'>World</a> | <a href='/b'>Sport</a></div>"
              "<footer>Contact us</footer></body></html>")
PAGE = ("<!DOCTYPE html><html><head><title>Base attacked near Afgoye</title></head><body>"
        "<nav><a href='/'>Home</a></nav><article><h1>Base attacked near Afgoye</h1>"
        "<p>MOGADISHU, Somalia (March 3, 2021) - Militants attacked an army base near Afgoye on "
        "Tuesday, killing five soldiers, a regional official said.</p>"
        "<p>The army said it repelled the attack after a two-hour gunfight.</p></article></body></html>")
SPECIAL = re.escape("; eventwire reads .txt, .md, .html, .htm, .json, .jsonl and .pdf")


@dataclass(frozen=True)
class Rejected:
    """Problems expected from the input: (file relative to the case folder, line, reason regex)."""

    problems: tuple[tuple[str, int | None, str], ...]
    kind: str | tuple[str, ...]  # the kind of every problem, or of each in turn
    articles: int = 0  # articles the same input still yields (good lines of a JSONL file)

    def kinds(self) -> list[str]:
        return [self.kind] * len(self.problems) if isinstance(self.kind, str) else list(self.kind)


@dataclass(frozen=True)
class Read:
    """The input is read as articles; ``check`` holds for them."""

    check: Callable[[list[Article]], bool]
    articles: int = 1


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], str]  # writes the input under a folder, returns the path to give
    expect: Rejected | Read
    settings: Settings = field(default_factory=Settings)


def _write(name: str, data: bytes | str) -> Callable[[Path], str]:
    def build(root: Path) -> str:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return str(path)
    return build


def _random_binary(root: Path) -> str:
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00"
    return _write("dump.txt", b"junk" + data)(root)


def _sparse_huge(root: Path) -> str:
    path = root / "dump.jsonl"
    with path.open("wb") as handle:  # a sparse 60 MB file: its size is real, its blocks are not
        handle.truncate(60_000_000)
    return str(path)


def _loop(root: Path) -> str:
    folder = root / "feeds"
    (folder / "a" / "b").mkdir(parents=True)
    (folder / "a" / "story.txt").write_text(GOOD, encoding="utf-8")
    (folder / "a" / "b" / "back").symlink_to(folder / "a", target_is_directory=True)
    (folder / "a" / "b" / "top").symlink_to(folder, target_is_directory=True)
    return str(folder)


def _link(name: str, target: str) -> Callable[[Path], str]:
    def build(root: Path) -> str:
        (root / "in").mkdir()
        (root / "in" / name).symlink_to(target)
        return str(root / "in")
    return build


def _fifo(root: Path) -> str:
    (root / "in").mkdir()
    os.mkfifo(root / "in" / "live.txt")
    return str(root / "in")


def _folder_named_like_file(root: Path) -> str:
    (root / "story.txt").mkdir()
    (root / "story.txt" / "inner.md").write_text(GOOD, encoding="utf-8")
    return str(root / "story.txt")


def _empty_folder(root: Path) -> str:
    (root / "feed.json").mkdir()
    (root / "feed.json" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return str(root / "feed.json")


def _non_utf8_name(root: Path) -> str:
    path = os.path.join(os.fsencode(root), "caf\xc3\xa9-".encode("latin-1") + b"\xff.txt")
    with open(path, "wb") as handle:
        handle.write(GOOD.encode("utf-8"))
    return str(root)


def _jsonl(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def _text_is(expected: str) -> Callable[[list[Article]], bool]:
    return lambda articles: articles[0].text == expected


TOO_LONG = ("Shelling hit the market again on Sunday, residents said. " * 3700)
LONG_LINE = json.dumps({"text": GOOD, "notes": "x" * 1_000_050})
O = "(expected a 'text', 'body' or 'content' field; its fields: "

CASES: list[Case] = [
    # -- empty and binary
    Case("empty", _write("empty.txt", b""), Rejected((("empty.txt", None, r"empty file"),), "empty")),
    Case("whitespace-only", _write("blank.md", b"  \n\t\r\n \x0b "),
         Rejected((("blank.md", None, r"empty file \(no text, only white space\)"),), "empty")),
    Case("bom-only", _write("bom.txt", b"\xef\xbb\xbf"), Rejected((("bom.txt", None, r"empty file"),), "empty")),
    Case("boilerplate-only", _write("share.txt", "Share this article\n\nAdvertisement\n\nSubscribe now\n"),
         Rejected((("share.txt", None, r"no article text left after removing boilerplate"),), "no_article")),
    Case("binary-random", _random_binary,
         Rejected((("dump.txt", None, r"binary file, not text \(it holds NUL bytes\)"),), "binary")),
    Case("binary-png", _write("photo.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
         Rejected((("photo.html", None, r"binary file, not text \(looks like a PNG image\)"),), "binary")),
    Case("pdf-named-txt", _write("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
         Rejected((("report.txt", None, r"binary file, not text \(looks like a PDF document\)"),), "binary")),
    Case("control-characters", _write("ctrl.txt", bytes(range(1, 9)) * 40),
         Rejected((("ctrl.txt", None, r"binary file, not text \(too many control characters\)"),), "binary")),
    # -- encodings: read, not rejected
    Case("utf16-le-bom", _write("u16le.txt", b"\xff\xfe" + ACCENTED.encode("utf-16-le")), Read(_text_is(ACCENTED))),
    Case("utf16-be-bom", _write("u16be.txt", b"\xfe\xff" + ACCENTED.encode("utf-16-be")), Read(_text_is(ACCENTED))),
    Case("utf16-no-bom", _write("u16.txt", ACCENTED.encode("utf-16-le")), Read(_text_is(ACCENTED))),
    Case("utf8-bom", _write("bom8.md", b"\xef\xbb\xbf" + ACCENTED.encode("utf-8")), Read(_text_is(ACCENTED))),
    Case("latin-1", _write("latin.txt", ACCENTED.replace("“", '"').replace("”", '"').encode("latin-1")),
         Read(_text_is(ACCENTED.replace("“", '"').replace("”", '"')))),
    Case("cp1252", _write("win.txt", ACCENTED.encode("cp1252")), Read(_text_is(ACCENTED))),
    Case("invalid-utf8-byte", _write("broken.txt", ACCENTED.encode("utf-8").replace(b"after", b"af\xfbter")),
         Read(_text_is(ACCENTED.replace("after", "af\ufffdter")))),
    Case("utf16-broken-after-bom", _write("u16bad.txt", b"\xff\xfe" + "Troops left.".encode("utf-16-le") + b"\x00\xd8"),
         Rejected((("u16bad.txt", None, r"invalid UTF-16 text after its byte-order mark \(bad bytes at offset 26\)"),),
                  "bad_encoding")),
    Case("stray-control-characters", _write("stray.txt", ACCENTED.replace("Troops", "Tro\x07ops\x1b")),
         Read(_text_is(ACCENTED))),
    Case("old-mac-line-endings", _write("mac.txt", GOOD.replace("\n", "\r")), Read(_text_is(GOOD))),
    # -- HTML
    Case("truncated-html", _write("cut.html", PAGE[:PAGE.index("regional official") + 8]),
         Read(lambda a: a[0].text.endswith("killing five soldiers, a regional") and "Home" not in a[0].text)),
    Case("malformed-html", _write("bad.html", PAGE.replace("</p>", "").replace("<article>", "<article><div><span>")
                                  .replace("</h1>", "</h2></div></div>") + "</td></table>"),
         Read(lambda a: "Militants attacked an army base near Afgoye" in a[0].text)),
    Case("html-navigation-only", _write("nav.html", NAV_PAGE),
         Rejected((("nav.html", None, (r"no article in the HTML: the page holds only navigation, links or "
                                       r"headings \(no paragraph of 8 words or more\)")),), "no_article")),
    # -- JSON
    Case("json-number", _write("n.json", "42"),
         Rejected((("n.json", None, r"JSON holds a number, expected an object or a list of objects"),), "bad_json")),
    Case("json-string", _write("s.json", json.dumps(GOOD)),
         Rejected((("s.json", None, r"JSON holds a string, expected an object or a list of objects"),), "bad_json")),
    Case("json-null", _write("z.json", "null"),
         Rejected((("z.json", None, r"JSON holds null, expected an object or a list of objects"),), "bad_json")),
    Case("json-truncated", _write("cut.json", '{"id": "a1", "text": "Militants attacked'),
         Rejected((("cut.json", None, (r"invalid JSON: Unterminated string starting \(line 1 column 22\); "
                                       r"the file ends too early \(truncated\?\)")),), "bad_json")),
    Case("json-nested-too-deeply", _write("deep.json", "[" * 100_000 + "]" * 100_000),
         Rejected((("deep.json", None, r"invalid JSON: nested too deeply to read"),), "bad_json")),
    Case("json-empty-list", _write("e.json", "[]"), Rejected((("e.json", None, r"JSON list is empty"),), "empty")),
    Case("json-missing-text", _write("m.json", json.dumps({"title": "Base attacked", "date": "2021-03-03"})),
         Rejected((("m.json", None, re.escape(f"record has no text {O}'title', 'date')")),), "no_text_field")),
    Case("json-list-bad-items", _write("list.json", json.dumps([{"text": GOOD}, 7, None, ["x"], {"title": "t"},
                                                               {"text": 12}, {"text": "  "}])),
         Rejected((("list.json", None, r"item 2: is a number, expected an object"),
                   ("list.json", None, r"item 3: is null, expected an object"),
                   ("list.json", None, r"item 4: is a list, expected an object"),
                   ("list.json", None, re.escape(f"item 5: record has no text {O}'title')")),
                   ("list.json", None, r"item 6: record text is a number, expected a string"),
                   ("list.json", None, r"item 7: record text is empty")),
                  ("bad_json",) * 3 + ("no_text_field", "no_text_field", "empty"), articles=1)),
    Case("json-duplicate-ids", _write("dup.json", json.dumps([{"id": 7, "text": GOOD}, {"id": "7", "text": GOOD_2}])),
         Rejected((("dup.json", None, (r"duplicate article id '7': already read from .*dup\.json \(a different "
                                       r"text\); ids must be unique within a run, so this one was skipped")),),
                  "duplicate_id", articles=1)),
    # -- JSONL
    Case("jsonl-broken-lines", _write("feed.jsonl", _jsonl(json.dumps({"text": GOOD}), "{not json", "[1, 2]",
                                                           json.dumps({"headline": "x"}), '{"text": "The')),
         Rejected((("feed.jsonl", 2, (r"invalid JSON: Expecting property name enclosed in double quotes "
                                      r"\(column 2\)")),
                   ("feed.jsonl", 3, r"line holds a list, expected an object"),
                   ("feed.jsonl", 4, re.escape(f"record has no text {O}'headline')")),
                   ("feed.jsonl", 5, (r"invalid JSON: Unterminated string starting \(column 10\); "
                                      r"the line ends too early \(truncated\?\)"))),
                  ("bad_json", "bad_json", "no_text_field", "bad_json"), articles=1)),
    Case("jsonl-line-over-limit", _write("long.jsonl", _jsonl(json.dumps({"text": GOOD}), LONG_LINE)),
         Rejected((("long.jsonl", 2, (rf"line is {len(LONG_LINE):,} characters, over the limit of 1,000,000 "
                                      r"\(max_line_chars\)")),), "too_large", articles=1)),
    # -- limits (defaults)
    Case("file-over-max-file-bytes", _sparse_huge,
         Rejected((("dump.jsonl", None, (r"file is 60,000,000 bytes, over the limit of 50,000,000 bytes "
                                         r"\(max_file_bytes\)")),), "too_large")),
    Case("article-over-max-article-chars", _write("long.txt", TOO_LONG),
         Rejected((("long.txt", None, (rf"article text is {len(clean_text(TOO_LONG)):,} characters, over the "
                                       r"limit of 200,000 \(max_article_chars\)")),), "too_large")),
    Case("json-item-over-max-article-chars", _write("l.json", json.dumps([{"text": GOOD}, {"text": TOO_LONG}])),
         Rejected((("l.json", None, (rf"item 2: article text is {len(clean_text(TOO_LONG)):,} characters, "
                                     r"over the limit of 200,000 \(max_article_chars\)")),), "too_large", articles=1)),
    # -- the file system
    Case("symlink-loop", _loop,
         Rejected((("feeds/a/b/back", None, r"folder link loop: it leads back to .*/feeds/a; not followed"),
                   ("feeds/a/b/top", None, r"folder link loop: it leads back to .*/feeds; not followed")),
                  "link_loop", articles=1)),
    Case("dangling-symlink", _link("gone.txt", "/nonexistent/eventwire/gone.txt"),
         Rejected((("in/gone.txt", None, r"broken symbolic link: its target does not exist"),), "broken_link")),
    Case("named-pipe", _fifo,
         Rejected((("in/live.txt", None, r"not a regular file but a named pipe \(FIFO\); not read"),), "not_a_file")),
    Case("device", _link("null.txt", "/dev/null"),
         Rejected((("in/null.txt", None, r"not a regular file but a character device; not read"),), "not_a_file")),
    Case("io-error", _link("mem.txt", "/proc/self/mem"),
         Rejected((("in/mem.txt", None, r"cannot read file: input/output error"),), "unreadable")),
    Case("folder-named-like-a-file", _folder_named_like_file, Read(_text_is(GOOD))),
    Case("folder-with-nothing-to-read", _empty_folder,
         Rejected((("feed.json", None, (r"folder holds no input files \(hidden and README-like files are "
                                        r"skipped\)")),), "no_article")),
    Case("missing-path", lambda root: str(root / "nowhere.txt"),
         Rejected((("nowhere.txt", None, r"no such file or folder"),), "missing")),
    Case("non-utf8-file-name", _non_utf8_name,
         Read(lambda a: a[0].file.endswith("café-\\xff.txt") and a[0].article_id == a[0].file)),
    Case("unsupported-extension", _write("notes.docx", b"PK\x03\x04rest"),
         Rejected((("notes.docx", None, r"unsupported file type \.docx" + SPECIAL),), "unsupported_type")),
    Case("no-extension", _write("story", GOOD),
         Rejected((("story", None, r"unsupported file type \(no extension\)" + SPECIAL),), "unsupported_type")),
    # -- content
    Case("non-english-french", _write("fr.txt", FRENCH),
         Rejected((("fr.txt", None, (r"not English text \(looks like French\); eventwire codes English "
                                     r"articles only")),), "not_english")),
    Case("non-english-arabic", _write("ar.txt", ARABIC),
         Rejected((("ar.txt", None, (r"not English text \(Arabic script\); eventwire codes English "
                                     r"articles only")),), "not_english")),
    Case("impossible-date", _write("d.json", json.dumps({"text": UNDATED, "date": "2021-02-30"})),
         Read(lambda a: (a[0].published, a[0].published_origin) == (None, None))),
    Case("future-date-year-3000", _write("f.json", json.dumps({"text": GOOD, "published": "3000-01-01"})),
         Read(lambda a: (str(a[0].published), a[0].published_origin) == ("2021-03-03", "dateline"))),
    Case("future-date-in-text", _write("f.txt", " date 2999-12-31\n" + UNDATED),
         Read(lambda a: a[0].published is None and a[0].text == UNDATED)),
    Case("numbers-1500-and-hundreds", _write("toll.txt", GOOD_2), Read(lambda a: "1,500" in a[0].text)),
]


def _expected_problems(case: Case, root: Path) -> list[tuple[str, int | None, str]]:
    assert isinstance(case.expect, Rejected)
    return [(os.path.join(str(root), rel), line, reason) for rel, line, reason in case.expect.problems]


def _assert_problems(problems: list[Problem], case: Case, root: Path) -> None:
    expected = _expected_problems(case, root)
    assert len(problems) == len(expected), problems
    for problem, (file, line, reason), kind in zip(problems, expected, case.expect.kinds(), strict=True):
        assert (problem.file, problem.line) == (file, line), problem
        assert re.fullmatch(reason, problem.reason), problem.reason
        assert problem_kind(problem) == kind, problem


def _build(case: Case, root: Path) -> str:
    if case.name == "io-error" and not os.path.exists("/proc/self/mem"):
        pytest.skip("no /proc on this system")
    root.mkdir(parents=True, exist_ok=True)
    return case.build(root)


def test_bad_inputs_corpus_is_large_enough() -> None:
    assert len({case.name for case in CASES}) == len(CASES) >= 30
    kinds = {kind for case in CASES if isinstance(case.expect, Rejected) for kind in case.expect.kinds()}
    assert len(kinds) >= 12


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_inputs_message(tmp_path: Path, case: Case) -> None:
    root = tmp_path / "case"
    given = _build(case, root)
    items = list(iter_inputs([given], settings=case.settings))
    problems = [item for item in items if isinstance(item, Problem)]
    articles = [item for item in items if isinstance(item, Article)]
    if isinstance(case.expect, Rejected):
        _assert_problems(problems, case, root)
        assert len(articles) == case.expect.articles
    else:
        assert problems == []
        assert len(articles) == case.expect.articles and case.expect.check(articles), articles


# -- unreadable for a real reason -------------------------------------------------------


def _as_nobody(paths: list[str]) -> list[Article | Problem]:
    """``iter_inputs(paths)`` in a forked child that runs as ``nobody`` (root reads anything)."""
    list(iter_inputs(paths))  # import everything the child needs while still root
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop privileges, read, send the records back, exit at once
        try:
            os.setgid(65534)
            os.setuid(65534)
            data = pickle.dumps(list(iter_inputs(paths)))
        except BaseException as exc:  # noqa: BLE001 - anything is sent back to the parent
            data = pickle.dumps(exc)
        os.write(write_end, data)
        os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    result = pickle.loads(b"".join(chunks))
    if isinstance(result, BaseException):
        raise result
    return result


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_bad_inputs_permission_denied() -> None:
    root = Path(tempfile.mkdtemp(prefix="eventwire-perm-"))  # not under pytest's root-only tmp
    try:
        root.chmod(0o755)
        (root / "secret.txt").write_text(GOOD, encoding="utf-8")
        (root / "locked").mkdir()
        (root / "locked" / "inside.txt").write_text(GOOD, encoding="utf-8")
        (root / "open.txt").write_text(GOOD_2, encoding="utf-8")
        (root / "secret.txt").chmod(0)
        (root / "locked").chmod(0)
        items = _as_nobody([str(root)]) if os.geteuid() == 0 else list(iter_inputs([str(root)]))
        problems = [item for item in items if isinstance(item, Problem)]
        assert problems == [Problem(str(root / "locked"), "cannot list folder: permission denied"),
                            Problem(str(root / "secret.txt"), "cannot read file: permission denied")]
        assert [problem_kind(p) for p in problems] == ["unreadable", "unreadable"]
        assert [item.file for item in items if isinstance(item, Article)] == [str(root / "open.txt")]
    finally:
        (root / "locked").chmod(0o755)
        (root / "secret.txt").chmod(0o644)
        for path in sorted(root.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        root.rmdir()


# -- whole runs: the rest of the run is unaffected ----------------------------------------


def _tally(kinds: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for kind in kinds:
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def _good_mentions(events: tuple[Event, ...], folder: Path) -> list[tuple[object, ...]]:
    """What the good articles of ``folder`` reported, as found in a run's events.

    Mentions, not events: an event may also hold mentions from the case's own
    input (the same story told twice), which rightly changes its merged values.
    """
    keys = [(m.article_id, m.start, m.end, m.event_type, m.sub_event_type, m.place.name if m.place else None,
             m.dates.start, m.dates.end, m.fatalities)
            for event in events for m in event.mentions if m.file.startswith(str(folder))]
    return sorted(keys, key=repr)


@pytest.fixture(scope="module")
def good_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[object, ...]]]:
    from eventwire.pipeline import run

    folder = tmp_path_factory.mktemp("good")
    (folder / "somalia.txt").write_text(GOOD, encoding="utf-8")
    (folder / "sudan.md").write_text(GOOD_2, encoding="utf-8")
    result = run([str(folder)])
    assert result.problems == () and result.summary["articles"] == 2
    mentions = _good_mentions(result.events, folder)
    assert len({m[0] for m in mentions}) == 2
    return folder, mentions


def _read(summary: dict) -> int:
    """Articles a run read into a fresh database: those stored, and those that were one of them
    again (a case whose text is a good article's, the same report under another name)."""
    return int(summary["articles"]) + int(summary["articles_reused"])


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_inputs_run_unaffected(tmp_path: Path, case: Case, good_run: tuple[Path, list[tuple[object, ...]]]
                                   ) -> None:
    from eventwire.pipeline import run

    good_folder, good_events = good_run
    root = tmp_path / "case"
    given = _build(case, root)
    result = run([str(good_folder), given], settings=case.settings, db=tmp_path / "events.duckdb",
                 out_dir=tmp_path / "out")
    assert _good_mentions(result.events, good_folder) == good_events
    problems = list(result.problems)
    if isinstance(case.expect, Rejected):
        _assert_problems(problems, case, root)
        assert result.summary["problems"] == len(case.expect.problems)
        assert count_problem_kinds(problems) == _tally(case.expect.kinds())
        assert _read(result.summary) == 2 + case.expect.articles
    else:
        assert problems == [] and result.summary["problems"] == 0
        assert _read(result.summary) == 2 + case.expect.articles
    written = [json.loads(line) for line in (tmp_path / "out" / "problems.jsonl").read_text().splitlines()]
    assert len(written) == result.summary["problems"]


@pytest.mark.slow
def test_bad_inputs_numbers_are_counted(tmp_path: Path) -> None:
    from eventwire.pipeline import run

    (tmp_path / "toll.txt").write_text(GOOD_2, encoding="utf-8")
    result = run([str(tmp_path / "toll.txt")])
    tolls = {(m.place.name if m.place else None, m.fatalities) for e in result.events for m in e.mentions}
    assert ("Nyala", 1500) in tolls  # "1,500": a thousands comma, not two numbers
    assert 100 in {toll for _, toll in tolls}  # "Hundreds of people were killed": the lower bound


@pytest.mark.slow
def test_bad_inputs_all_in_one_run(tmp_path: Path, good_run: tuple[Path, list[tuple[object, ...]]]) -> None:
    from eventwire.pipeline import run

    good_folder, good_events = good_run
    given = [str(good_folder)]
    expected_kinds: dict[str, int] = {}
    extra_articles = 0
    for n, case in enumerate(CASES):
        if case.name in ("io-error", "json-duplicate-ids") or case.settings != Settings():
            continue  # io-error needs /proc; duplicate ids would collide with other cases' ids
        given.append(_build(case, tmp_path / f"{n:02d}"))
        if isinstance(case.expect, Rejected):
            for kind in case.expect.kinds():
                expected_kinds[kind] = expected_kinds.get(kind, 0) + 1
        extra_articles += case.expect.articles
    result = run(given, db=tmp_path / "events.duckdb")
    assert _good_mentions(result.events, good_folder) == good_events
    assert count_problem_kinds(result.problems) == expected_kinds
    assert result.summary["problems"] == sum(expected_kinds.values())
    assert _read(result.summary) == 2 + extra_articles
