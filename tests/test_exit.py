"""The command's exit (lawlint.__main__.run): the status of the run, every line written, exit
handlers run, and a live thread waited for, although the interpreter is not torn down."""

import os
import subprocess
import sys

from conftest import FIXTURES

BAD = FIXTURES / "bad" / "heading_numbering.txt"

_RUN = """
import atexit, sys, threading, time
atexit.register(lambda: print("exit handler ran", flush=True))
if "--thread" in sys.argv:
    sys.argv.remove("--thread")
    def outlive_the_run():  # alive until the interpreter shuts down, however long the run takes
        while threading.main_thread().is_alive():
            time.sleep(0.01)
        print("thread finished", flush=True)

    threading.Thread(target=outlive_the_run).start()
sys.argv = ["lawlint", *sys.argv[1:]]
from lawlint.__main__ import run
run()
"""


# Buffered output, as on most machines, so that an unflushed line would be lost.
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


def _run(*args, code=_RUN):
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, env=_ENV)


def test_the_status_and_every_line_arrive_and_exit_handlers_run(tmp_path):
    done = _run(str(BAD), "--no-cache", "--isolated", "--format", "json-lines", "--today", "2026-11-23")
    plain = _run(str(BAD), "--no-cache", "--isolated", "--format", "json-lines", "--today", "2026-11-23",
                 code="import sys; from lawlint.cli import main; sys.exit(main())")  # the interpreter's own exit
    lines = done.stdout.splitlines()
    assert done.returncode == plain.returncode == 1
    assert lines[-1] == "exit handler ran"
    assert lines[:-1] == plain.stdout.splitlines() and len(lines) > 2
    assert _run("--version").returncode == 0


def test_a_live_thread_is_waited_for():
    done = _run(str(BAD), "--no-cache", "--isolated", "--format", "concise", "--thread")
    assert done.returncode == 1
    assert done.stdout.splitlines()[-2:] == ["thread finished", "exit handler ran"]
