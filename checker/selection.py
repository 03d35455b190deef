"""Which rules run: --select / --ignore by code prefix, the most specific prefix winning (as ruff)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PREFIX = re.compile(r"^(ALL|[A-Z][0-9]{0,3})$")


class SelectionError(ValueError):
    pass


def parse_prefixes(values) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    out = []
    for value in values or ():
        for item in str(value).split(","):
            item = item.strip().upper()
            if not item:
                continue
            if not _PREFIX.match(item):
                raise SelectionError(f"无效的规则代码或前缀：{item}")
            out.append(item)
    return tuple(out)


def _longest(code: str, prefixes: tuple[str, ...]) -> int:
    best = -1
    for prefix in prefixes:
        if prefix == "ALL":
            best = max(best, 0)
        elif code.startswith(prefix):
            best = max(best, len(prefix))
    return best


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()

    def enabled(self, code: str) -> bool:
        chosen = _longest(code, self.select + self.extend_select)
        if chosen < 0:
            return False
        return chosen > _longest(code, self.ignore)
