"""The builds a first run would make, made once when the wheel is built and shipped inside it.

A first run after installing, and every --no-cache run, would otherwise parse the TOML data
(tomllib is pure Python), build the index of cited titles and compile ~200 patterns: ~0.2 s of a
~0.35 s start.  ``python -m lawlint.prebuild --into FOLDER [REPORT ...]`` lints every rule's own
examples and the given reports with all built-in rules, keeping what that builds in FOLDER (which
must be this package's ``prebuilt`` folder), then writes the manifest: a digest of the package's
files.  lawlint reads the folder first while its files still match that digest
(``lawlint.buildcache``); whatever a text needs that the folder lacks is built on use, as before.

The wheel's build runs this (``setup.py``); a build that fails only leaves the wheel without them.
"""

from __future__ import annotations

import os
import shutil
import sys

from . import buildcache
from .cache import content_fingerprint


def build(folder: str | os.PathLike, reports: list[str]) -> int:
    """Fill ``folder`` with the builds of the rules' examples and ``reports``; the texts linted.

    Run it in a fresh process: builds this process made already are not made (nor stored) again."""
    from .engine import Engine
    from .registry import load_registry

    shutil.rmtree(folder, ignore_errors=True)
    # Keyed as shipped entries are looked up: without a code stamp (the manifest stands for it).
    buildcache.configure(folder, stamp=lambda: "")
    try:
        engine = Engine(load_registry(use_entry_points=False))
        texts = [text for rule in engine.registry.sorted_rules() for text in (rule.bad, rule.good) if text]
        for report in reports:
            with open(report, encoding="utf-8") as file:
                texts.append(file.read())
        for text in texts:
            engine.lint_text(text)
        buildcache.flush()
    finally:
        buildcache.configure(None)
    os.makedirs(folder, exist_ok=True)
    buildcache.write_manifest(folder, content_fingerprint(skip=os.path.realpath(folder)))
    return len(texts)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2 or args[0] != "--into":
        print("usage: python -m lawlint.prebuild --into FOLDER [REPORT ...]", file=sys.stderr)
        return 2
    folder = os.path.realpath(args[1])
    if folder != buildcache.PREBUILT:
        # Run from another copy of lawlint, the builds would describe that copy's files.
        print(f"lawlint.prebuild: {folder} is not this package's folder {buildcache.PREBUILT}", file=sys.stderr)
        return 2
    count = build(folder, args[2:])
    print(f"lawlint.prebuild: {count} texts linted, builds in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
