"""Which rules run: --select / --ignore by code prefix, the most specific prefix winning (as ruff)."""

from __future__ import annotations

from collections import namedtuple

from .regexhint import lazy

_PREFIX = lazy(r"^(ALL|[A-Z][0-9]{0,3})$")


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


def longest_match(code: str, prefixes: tuple[str, ...]) -> int:
    """Length of the longest prefix in ``prefixes`` that ``code`` starts with (ALL counts 0; none, -1)."""
    best = -1
    for prefix in prefixes:
        if prefix == "ALL":
            best = max(best, 0)
        elif code.startswith(prefix):
            best = max(best, len(prefix))
    return best


class Selection(namedtuple("_Selection", "select ignore extend_select", defaults=(("ALL",), (), ()))):
    """Code prefixes (tuples of str)."""

    __slots__ = ()

    def enabled(self, code: str) -> bool:
        chosen = longest_match(code, self.select + self.extend_select)
        if chosen < 0:
            return False
        return chosen > longest_match(code, self.ignore)
