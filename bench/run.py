"""lawlint benchmarks: throughput, start-up, scale and pathological input; `rules` for a profile.

    pip install -r bench/requirements.txt
    python bench/run.py                 # everything (a few minutes)
    python bench/run.py throughput startup

Figures are medians of several runs on this machine; targets are in bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import make_corpus, seed_texts, write_corpus  # noqa: E402


def _median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _interleaved(fns: dict, repeat: int) -> dict:
    """Median wall time of each function, the runs interleaved so that a change in the load of
    a shared machine hits every contender alike (the ratio is what the targets are about)."""
    times: dict = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def _as_the_command_line_does(warm_up) -> None:
    """The collector settings of a `lawlint` run (lawlint.collector) around a first lint."""
    from lawlint import collector

    collector.for_linting()
    warm_up()
    collector.keep_loaded()


def throughput(args) -> None:
    from lawlint.engine import Engine
    from lawlint.registry import load_registry

    corpus = make_corpus(args.reports)
    megabytes = sum(len(t.encode("utf-8")) for t in corpus) / 1e6
    engine = Engine(registry=load_registry(use_entry_points=False))
    _as_the_command_line_does(lambda: engine.lint_text(corpus[0]))  # data files and the parser load once

    from lawlint.parallel import BATCH

    def run_lawlint():  # as `lawlint --jobs 1 DIR` lints: BATCH files at a time
        for first in range(0, len(corpus), BATCH):
            engine.lint_files([(text, f"r{i}.txt", None) for i, text in enumerate(corpus[first:first + BATCH], first)])

    contenders = {"lawlint": run_lawlint}
    try:
        import autocorrect_py
    except ImportError:
        autocorrect_py = None
        print("throughput  autocorrect  not installed (pip install -r bench/requirements.txt)")
    else:
        autocorrect_py.lint_for(corpus[0], "text")
        contenders["autocorrect"] = lambda: [autocorrect_py.lint_for(text, "text") for text in corpus]
    medians = _interleaved(contenders, args.repeat)
    t_lawlint = medians["lawlint"]
    print(f"throughput  lawlint      {len(corpus) / t_lawlint:8.0f} reports/s  {megabytes / t_lawlint:6.2f} MB/s"
          f"  {t_lawlint / len(corpus) * 1000:.2f} ms a report"
          f"  ({len(corpus)} reports, {megabytes:.1f} MB, {len(engine.rules)} rules, one core)")
    if autocorrect_py is not None:
        t_ac = medians["autocorrect"]
        print(f"throughput  autocorrect  {len(corpus) / t_ac:8.0f} reports/s  {megabytes / t_ac:6.2f} MB/s"
              f"  {t_ac / len(corpus) * 1000:.2f} ms a report")
        print(f"throughput  ratio lawlint/autocorrect = {t_ac / t_lawlint:.2f}x  (goal >= 1.0, at least 0.5)")


def rules(args) -> None:
    """Time spent in each rule and family, ms a report (median of --repeat rounds).

    Rules run as the engine runs them in `lawlint --jobs 1`: each rule over a batch of BATCH
    reports, then the next rule (Engine.lint_documents).  A fact shared by several rules (the
    report year, the outline) is charged to the first rule that asks for it.
    """
    import collections

    from lawlint.engine import Engine
    from lawlint.parse import parse_document
    from lawlint.registry import load_registry

    corpus = make_corpus(min(args.reports, 300))
    engine = Engine(registry=load_registry(use_entry_points=False))
    _as_the_command_line_does(lambda: [engine.lint_text(text) for text in corpus[:20]])  # data load
    from lawlint.parallel import BATCH

    clock = time.perf_counter
    rounds: dict[str, list[float]] = collections.defaultdict(list)
    for _ in range(args.repeat):
        spent: collections.Counter = collections.Counter()
        for first in range(0, len(corpus), BATCH):
            start = clock()
            docs = [parse_document(text, path=f"r{i}.txt") for i, text in enumerate(corpus[first:first + BATCH], first)]
            spent["parse"] += clock() - start
            for rule in engine.rules:
                start = clock()
                for doc in docs:
                    for _finding in rule.check(doc, engine.context) or ():
                        pass
                spent[rule.code] += clock() - start
        for code, seconds in spent.items():
            rounds[code].append(seconds)
    per_report = {code: statistics.median(t) / len(corpus) * 1000 for code, t in rounds.items()}
    parse_ms = per_report.pop("parse")
    families: dict[str, float] = collections.Counter()
    for code, ms in per_report.items():
        families[code[0]] += ms
    print(f"rules       parse {parse_ms:.3f} ms a report; all rules {sum(per_report.values()):.3f} ms a report "
          f"({len(corpus)} reports)")
    print("rules       by family: " + "  ".join(f"{f} {ms:.3f}" for f, ms in families.most_common()))
    top = sorted(per_report.items(), key=lambda item: -item[1])
    print("rules       slowest: " + "  ".join(f"{code} {ms:.3f}" for code, ms in top[: args.top]))


_PYTHON = sys.executable  # the interpreter whose lawlint is measured (--python)


def _lawlint_cmd() -> list[str]:
    exe = Path(_PYTHON).with_name("lawlint")
    return [str(exe)] if exe.exists() else [_PYTHON, "-m", "lawlint"]


def startup(args) -> None:
    """`lawlint one.txt` end to end: answered from the result cache (an unchanged file, the
    default), a changed file (the pre-commit case: every rule runs, built data comes from the
    cache folder), a first run (an empty cache folder: everything built, then stored) and
    --no-cache (nothing read from or written to disk but the installed package).

    The ratio is to `python -c pass` of the same interpreter.  In a development environment
    (an editable install) that interpreter's start imports the editable finder too, ~30 ms more
    than a plain install's: measure an installed lawlint with `--python VENV/bin/python` (made
    with `python -m venv VENV && VENV/bin/pip install .`) for the figure a user gets."""
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.txt"
        text = seed_texts()[3]
        one.write_text(text, encoding="utf-8")
        def command(cache: str) -> list[str]:
            return _lawlint_cmd() + [str(one), "--format", "concise", "--exit-zero", "--cache-dir", cache]

        base = command(str(Path(tmp) / "cache"))
        subprocess.run(base, capture_output=True)  # warm the parser cache and the page cache
        edits = iter(range(10**6))

        def changed_file():
            one.write_text(text + f"\n附：第{next(edits)}稿\n", encoding="utf-8")
            subprocess.run(base, capture_output=True)

        firsts = iter(range(10**6))

        def first_run():
            subprocess.run(command(str(Path(tmp) / f"first-{next(firsts)}")), capture_output=True)

        medians = _interleaved({
            "python": lambda: subprocess.run([_PYTHON, "-c", "pass"]),
            "hit": lambda: subprocess.run(base, capture_output=True),
            "changed": changed_file,
            "first": first_run,
            "no-cache": lambda: subprocess.run(base + ["--no-cache"], capture_output=True),
        }, args.repeat * 3)
    t_py = medians["python"]
    for name, label in (("hit", "unchanged file (cache hit)"), ("changed", "changed file"),
                        ("first", "first run (empty cache)"), ("no-cache", "--no-cache")):
        t = medians[name]
        print(f"startup     lawlint one.txt, {label:27s} {t * 1000:6.0f} ms wall; ratio to python -c pass "
              f"({t_py * 1000:.0f} ms) {t / t_py:4.1f}x  (targets: <= 150 ms, <= 12x)")


def _peak_rss_mb(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a child process and its workers (the largest of them).

    Linux keeps a process's peak RSS across fork and exec, so a child forked straight from this
    (large) Python process would report our own peak; GNU time, a small program, starts it instead.
    """
    gnu_time = "/usr/bin/time"
    start = time.perf_counter()
    if os.path.exists(gnu_time):
        proc = subprocess.run([gnu_time, "-f", "%M", *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        return wall, int(proc.stderr.decode().strip().splitlines()[-1]) / 1024
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def scale(args) -> None:
    counts = [int(c) for c in args.scale_counts.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp) / "corpus", max(counts))
        files = sorted((Path(tmp) / "corpus").glob("*.txt"))
        for count in counts:
            folder = Path(tmp) / f"n{count}"
            folder.mkdir()
            for path in files[:count]:
                os.link(path, folder / path.name)
            for jobs in (1, 2):
                cmd = _lawlint_cmd() + [str(folder), "--format", "json", "--exit-zero", "--jobs", str(jobs),
                                        "--no-cache"]
                wall, rss = _peak_rss_mb(cmd)
                print(f"scale       {count:6d} files  --jobs {jobs}  {wall:7.2f} s  {count / wall:7.0f} reports/s"
                      f"  peak RSS {rss:6.1f} MB (largest process)", flush=True)
            if count >= 1000:  # the CI re-run: the first run fills the cache, the second reads it
                cache_dir = Path(tmp) / f"cache{count}"
                cmd = _lawlint_cmd() + [str(folder), "--format", "json", "--exit-zero", "--cache-dir", str(cache_dir)]
                cold, _ = _peak_rss_mb(cmd)
                warm, rss = _peak_rss_mb(cmd)
                print(f"scale-cache {count:6d} files  --jobs {os.cpu_count()}  first run {cold:7.2f} s  "
                      f"unchanged re-run {warm:6.2f} s  peak RSS {rss:6.1f} MB", flush=True)


def pathological(args) -> None:
    from lawlint.engine import Engine
    from lawlint.registry import load_registry

    engine = Engine(registry=load_registry(use_entry_points=False))
    units = {
        "brackets": "（《“【",
        "digits": "2021年12月31日546.54万元8余份",
        "headings": "一、标题\n（一）标题\n1.标题\n",
        "years": "2021年2022年二〇二三年",
    }
    for name, unit in units.items():
        row = []
        for size in (10_000, 100_000, 1_000_000):
            text = (unit * (size // len(unit) + 1))[:size]
            t = _median_time(lambda: engine.lint_text(text), 1 if size >= 1_000_000 else args.repeat)
            row.append(f"{size // 1000:5d} KB {t * 1000:8.1f} ms")
        print(f"pathological {name:9s} " + " | ".join(row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", nargs="*", default=["throughput", "startup", "scale", "pathological"])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--top", type=int, default=15, help="rules shown by `rules`")
    parser.add_argument("--scale-counts", default="100,1000,10000")
    parser.add_argument("--python", default=sys.executable,
                        help="start-up and scale: the interpreter whose lawlint runs (default: this one)")
    args = parser.parse_args()
    global _PYTHON
    _PYTHON = args.python
    for what in args.what:
        globals()[what](args)


if __name__ == "__main__":
    main()
