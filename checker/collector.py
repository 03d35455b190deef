"""The garbage collector's settings for a linting run.

A run keeps a large heap for as long as the process lives (the rules' tries, indexes, tables and
compiled patterns: ~25,000 objects once the first reports are linted) and makes many small,
short-lived objects for each report (lines, headings, findings).  With CPython's default
thresholds the collector runs every 700 allocations and walks the whole long-lived heap every
~70,000, which cost ~10–15% of the time of linting a folder (bench/README.md).  Moving what the
first reports loaded out of every later collection (``gc.freeze``) and a larger first generation
bring that close to nothing.  Reference counting still frees almost every object at once; what
waits for the collector (cycles) is bounded by the threshold, a few MB.

These are settings of the process, so the command line (and its workers) apply them; the engine,
which a program may embed, never does.
"""

from __future__ import annotations

import gc

FIRST_GENERATION = 50_000  # allocations between two collections of the youngest objects

_tuned = False
_frozen = False


def for_linting() -> None:
    """Fewer collections of young objects: set once by a linting process, before the first report."""
    global _tuned
    _tuned = True
    gc.set_threshold(FIRST_GENERATION, *gc.get_threshold()[1:])


def keep_loaded() -> None:
    """Leave out of every later collection what the process holds now: called after the first
    reports, when the rules' data is loaded.  Only in a process set up by for_linting (a program
    that embeds the run keeps its collector as it is), and only once."""
    global _frozen
    if _tuned and not _frozen:
        _frozen = True
        gc.freeze()
