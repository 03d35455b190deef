"""--statistics: one row per rule code (count, code, fixable mark, name), most frequent first,
instead of the diagnostics themselves."""

from __future__ import annotations

import json
from collections import Counter
from typing import NamedTuple

from .common import safe_fix
from .text import FIX_MARK


class Row(NamedTuple):
    count: int
    code: str
    name: str
    fixable: int  # how many of them lawlint --fix would repair


def rows(diagnostics) -> list[Row]:
    counts = Counter(d.code for d in diagnostics)
    names = {d.code: d.rule for d in diagnostics}
    fixable = Counter(d.code for d in diagnostics if safe_fix(d))
    return sorted(
        (Row(count, code, names[code], fixable[code]) for code, count in counts.items()),
        key=lambda row: (-row.count, row.code),
    )


def write(diagnostics, stream, fmt: str) -> None:
    table = rows(diagnostics)
    if fmt == "json":
        data = [{"code": r.code, "name": r.name, "count": r.count, "fixable": r.fixable > 0,
                 "fixable_count": r.fixable} for r in table]
        json.dump(data, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    if not table:
        return
    count_width = max(len(str(r.count)) for r in table)
    code_width = max(len(r.code) for r in table)
    blank = " " * len(FIX_MARK)
    for r in table:
        mark = FIX_MARK if r.fixable else blank
        stream.write(f"{r.count:>{count_width}}  {r.code:<{code_width}}  {mark} {r.name}\n")
