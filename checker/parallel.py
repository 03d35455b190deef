"""Checking many targets: in this process one by one, or on worker processes with results
handed back in the order of the targets (so ``--jobs N`` prints byte for byte what ``--jobs 1``
prints), a time limit per file, and flat memory.

Targets are streamed: at most ``WINDOW_PER_JOB * jobs`` targets are in flight or waiting for an
earlier slow one, and only what output needs of a file (``session.LintedFile``) comes back.  Files
go to be linted in batches of ``BATCH`` (each rule over the batch in turn, Engine.lint_documents),
in this process and on workers alike.  A worker that exceeds the time limit is killed and
replaced; a worker that dies (a crashing extension, the out-of-memory killer) is replaced.  Either
way the files of its batch not yet done are sent again one by one, so that only the file at fault
gets one diagnostic: X002 for the time limit, X001 for the death.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterable, Iterator

from .diagnostics import Diagnostic, Severity
from .inputs import InputError
from .session import DEFAULT_TIMEOUT, LintedFile, Session, for_summary

WINDOW_PER_JOB = 16
# Files linted together (Engine.lint_documents), in this process or by one worker: eight already
# give nearly all of the gain, and output waits for no more than eight files.
BATCH = 8
TIMEOUT = ("X002", "internal-timeout")
INTERNAL_ERROR = ("X001", "internal-error")
_MAX_START_FAILURES = 3


def internal_file_diagnostic(path: str, code_name: tuple[str, str], message: str) -> LintedFile:
    code, name = code_name
    diag = Diagnostic(path=path, code=code, rule=name, severity=Severity.ERROR, message=message,
                      line=1, column=1, end_line=1, end_column=1)
    return LintedFile(path=path, diagnostics=[diag])


def check_one(session: Session, target) -> LintedFile | InputError:
    """One target in this process; an unexpected failure costs the file, not the run."""
    try:
        return session.check(target)
    except InputError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 — a bug outside the rules (the engine catches those)
        return _unexpected(target, exc)


def _unexpected(target, exc: Exception) -> LintedFile:
    return internal_file_diagnostic(target.display, INTERNAL_ERROR,
                                    f"检查该文件时发生内部错误，未得到结果：{type(exc).__name__}: {exc}")


def check_batch(session: Session, targets: list) -> list[LintedFile | InputError]:
    """check_one of each target (an InputError stays as it is), with the files that need linting
    linted together, as Engine.lint_documents does it.  Not for --fix, which lints file by file."""
    if session.fixing:
        return [target if isinstance(target, InputError) else check_one(session, target) for target in targets]
    outcomes: list = [None] * len(targets)
    by_engine: dict[int, list] = {}  # files to lint, by the engine (settings) that lints them
    for index, target in enumerate(targets):
        if isinstance(target, InputError):
            outcomes[index] = target
            continue
        try:
            prepared = session.prepare(target)
        except InputError as exc:
            outcomes[index] = exc
            continue
        except Exception as exc:  # noqa: BLE001 — as check_one
            outcomes[index] = _unexpected(target, exc)
            continue
        if isinstance(prepared, LintedFile):
            outcomes[index] = prepared
        else:
            by_engine.setdefault(id(prepared.engine), []).append((index, prepared))
    for group in by_engine.values():
        engine = group[0][1].engine
        try:
            results = engine.lint_files([(p.source.text, p.source.path, p.source.meta) for _, p in group])
        except Exception:  # noqa: BLE001 — one file broke the batch: lint each alone, so it alone fails
            results = None
        for position, (index, prepared) in enumerate(group):
            try:
                outcomes[index] = (session.finish_file(prepared, results[position]) if results is not None
                                   else session.lint_prepared(prepared))
            except Exception as exc:  # noqa: BLE001 — as check_one
                outcomes[index] = _unexpected(prepared.target, exc)
    return outcomes


def _batch_size(session: Session) -> int:
    """--fix lints file by file: its fixes, diffs and notices belong to one file."""
    return 1 if session.fixing else BATCH


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def job_count(args) -> int:
    return getattr(args, "jobs", None) or os.cpu_count() or 1


def check_targets(session: Session, args, targets: Iterable, notice) -> Iterator[LintedFile | InputError]:
    """Every target's outcome, in the order of ``targets``."""
    jobs = job_count(args)
    timeout = getattr(args, "timeout", None)
    in_process = "-" in (getattr(args, "paths", None) or []) or (jobs == 1 and timeout is None)
    targets = iter(targets)
    if not in_process:
        # A run with a single file is not worth starting workers for.
        head = []
        files = 0
        for item in targets:
            head.append(item)
            files += not isinstance(item, InputError)
            if files > 1:
                break
        targets = itertools.chain(head, targets)
        in_process = files <= 1 and timeout is None
    if getattr(args, "summary", False):
        for outcome in _outcomes(session, args, targets, notice, in_process, jobs, timeout):
            yield outcome if isinstance(outcome, InputError) else for_summary(outcome)
    else:
        yield from _outcomes(session, args, targets, notice, in_process, jobs, timeout)


def _outcomes(session, args, targets, notice, in_process, jobs, timeout):
    if in_process:
        from . import collector

        for batch in _batches(targets, _batch_size(session)):
            yield from check_batch(session, batch)
            collector.keep_loaded()  # the rules' data is loaded now
        return
    pool = _Pool(session, args, jobs, timeout or DEFAULT_TIMEOUT)
    try:
        for outcome, notices, fixed, diffs in pool.run(targets):
            for message in notices:
                if message not in pool.noticed:
                    pool.noticed.add(message)
                    notice(message)
            session.fixed += fixed
            session.diffs.extend(diffs)
            yield outcome
    finally:
        pool.close()


# ---------------------------------------------------------------------------------------------
# Worker side


def _worker_main(conn, args, context) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends the workers
    from . import collector

    collector.for_linting()
    try:
        notices: list[str] = []
        from .registry import load_registry

        session = Session(args=args, context=context, notice=notices.append,
                          load_registry=lambda modules=(): load_registry(local_modules=list(modules)))
    except BaseException as exc:  # noqa: BLE001
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready",))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        notices.clear()
        session.fixed, session.diffs = 0, []
        outcomes = check_batch(session, [target for _, target in message])
        collector.keep_loaded()  # the rules' data is loaded now
        # A batch's notices, fixes and diffs go with its first file (with --fix a batch is one file).
        extras = (list(notices), session.fixed, session.diffs)
        for (index, _), outcome in zip(message, outcomes):
            if isinstance(outcome, InputError):  # its own pickling loses the path
                outcome = ("input-error", outcome.path, outcome.message)
            conn.send(("done", index, (outcome, *extras)))
            extras = ([], 0, [])


# ---------------------------------------------------------------------------------------------
# Parent side


class _Worker:
    def __init__(self, context, args, session_context):
        parent, child = context.Pipe(duplex=True)
        self.conn = parent
        self.process = context.Process(target=_worker_main, args=(child, args, session_context), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.task = None  # (the batch's (index, target) pairs not yet done, deadline)

    def send(self, batch: list, limit: float) -> None:
        """A batch of files, to be done within ``limit`` seconds (the time limit of one file: a
        batch that runs over is split, and each of its files gets the whole limit alone)."""
        self.conn.send(batch)
        self.task = (list(batch), time.monotonic() + limit)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class _Pool:
    def __init__(self, session: Session, args, jobs: int, limit: float):
        import multiprocessing  # only a run with workers pays for it (a start is ~6 ms cheaper)

        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.session, self.args, self.jobs, self.limit = session, args, jobs, limit
        self.noticed: set[str] = set()
        self.start_failures = 0
        self.workers: list[_Worker] = []  # started at the first file the cache cannot answer
        self.retry: list = []  # (index, target) of a batch that failed as a whole, to send alone

    def _start(self) -> None:
        if self.context.get_start_method() == "fork":
            _warm_up(self.session)  # data files and the parser load once, before the workers fork
            from . import collector

            collector.keep_loaded()  # and stay out of the collections of parent and workers alike
        self.workers = [self._spawn() for _ in range(self.jobs)]

    def _spawn(self) -> _Worker:
        return _Worker(self.context, self.args, self.session.context)

    def close(self) -> None:
        for worker in self.workers:
            worker.stop(kill=worker.task is not None)
        self.workers = []

    def _replace(self, worker: _Worker, kill: bool) -> None:
        worker.stop(kill=kill)
        self.workers[self.workers.index(worker)] = self._spawn()

    def run(self, targets: Iterator) -> Iterator[tuple]:
        done: dict[int, tuple] = {}
        early: dict[int, list[str]] = {}  # notices the parent's cache look-up gave, by target
        next_in = next_out = 0
        pending: list = []  # (index, target) read, not answered by the cache, not yet sent
        exhausted = False
        window = WINDOW_PER_JOB * self.jobs
        size = _batch_size(self.session)

        def can_read() -> bool:
            return not exhausted and next_in < next_out + window and len(pending) < size

        while True:
            while can_read():
                item = next(targets, None)
                if item is None:
                    exhausted = True
                    break
                index, next_in = next_in, next_in + 1
                if isinstance(item, InputError):
                    done[index] = (item, [], 0, [])
                    continue
                # An unchanged file is answered here: a cache hit is cheaper than the trip.
                hit, early[index] = self._cached(item)
                if hit is not None:
                    done[index] = (hit, [], 0, [])
                    continue
                pending.append((index, item))
            # Work goes out a batch at a time: first, one by one, the files of a batch that failed
            # as a whole; then a full batch, or what there is when no more can be read.
            while self.retry or (pending and not can_read()):
                if not self.workers:
                    self._start()
                idle = next((w for w in self.workers if w.ready and w.task is None), None)
                if idle is None:
                    break
                if self.retry:
                    idle.send([self.retry.pop(0)], self.limit)
                else:
                    idle.send(pending, self.limit)
                    pending = []
            while next_out in done:
                outcome, notices, fixed, diffs = done.pop(next_out)
                yield outcome, early.pop(next_out, []) + notices, fixed, diffs
                next_out += 1
            if exhausted and not pending and not self.retry and next_out == next_in:
                return
            busy = any(w.task is not None for w in self.workers)
            if not can_read() and (busy or pending or self.retry):
                self._wait(done)

    def _cached(self, target) -> tuple[LintedFile | None, list[str]]:
        notices: list[str] = []
        saved, self.session.notice = self.session.notice, notices.append
        try:
            hit, _, _ = self.session.lookup(target)
        except Exception:  # noqa: BLE001 — the worker meets the same problem and reports it
            hit = None
        finally:
            self.session.notice = saved
        return hit, notices

    def _wait(self, done: dict) -> None:
        now = time.monotonic()
        deadlines = [w.task[1] for w in self.workers if w.task is not None]
        pause = max(0.0, min(deadlines) - now) if deadlines else None
        handles = [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]
        from multiprocessing.connection import wait

        wait(handles, timeout=pause)
        for worker in list(self.workers):
            self._collect(worker, done)

    def _collect(self, worker: _Worker, done: dict) -> None:
        try:
            while worker.conn.poll():
                message = worker.conn.recv()
                if message[0] == "ready":
                    worker.ready = True
                elif message[0] == "done":
                    _, index, payload = message
                    outcome = payload[0]
                    if isinstance(outcome, tuple):
                        outcome = InputError(outcome[1], outcome[2])
                    done[index] = (outcome, *payload[1:])
                    if worker.task is not None:
                        left = [pair for pair in worker.task[0] if pair[0] != index]
                        worker.task = (left, worker.task[1]) if left else None
                elif message[0] == "failed":
                    raise _StartFailure(message[1])
        except (EOFError, OSError):
            pass  # the worker died; handled below
        except _StartFailure as exc:
            self._start_failed(worker, str(exc))
            return
        if not worker.process.is_alive():
            if worker.task is not None:
                if not self._split(worker):  # a batch of one: that file's own failure
                    (index, target), = worker.task[0]
                    code = worker.process.exitcode
                    done[index] = (internal_file_diagnostic(
                        target.display, INTERNAL_ERROR,
                        f"检查该文件时工作进程意外退出（退出码 {code}），未得到结果"), [], 0, [])
                    worker.task = None
            elif not worker.ready:
                self._start_failed(worker, f"退出码 {worker.process.exitcode}")
                return
            self._replace(worker, kill=False)
        elif worker.task is not None and time.monotonic() >= worker.task[1]:
            if self._split(worker):
                self._replace(worker, kill=True)
                return
            (index, target), = worker.task[0]
            done[index] = (internal_file_diagnostic(
                target.display, TIMEOUT,
                f"检查该文件超过 {self.limit:g} 秒的时限，已中止；可用 --timeout 放宽时限后单独检查"), [], 0, [])
            worker.task = None
            self._replace(worker, kill=True)

    def _split(self, worker: _Worker) -> bool:
        """When the worker's batch of several files failed (ran out of time, or the worker died),
        each of its files not yet done is sent again alone, so that only the one at fault is
        reported.  False for a batch of one file, which is that file's own failure."""
        left = worker.task[0]
        if len(left) < 2:
            return False
        self.retry.extend(left)
        worker.task = None
        return True

    def _start_failed(self, worker: _Worker, reason: str) -> None:
        self.start_failures += 1
        if self.start_failures > _MAX_START_FAILURES:
            raise RuntimeError(f"无法启动并行检查进程（{reason}），请改用 --jobs 1")
        self._replace(worker, kill=True)


class _StartFailure(Exception):
    pass


def _warm_up(session: Session) -> None:
    from .engine import Engine

    try:
        rules = [cls() for cls in session.registry.sorted_rules() if cls.__module__.startswith("lawlint.")]
        Engine(registry=session.registry, _rules=rules).lint_text("一、总体情况\n（一）2023年工作\n1.依法行政。\n")
    except Exception:  # noqa: BLE001 — only a head start for the workers
        pass
