"""Make patterns that open with a lookbehind scan as fast as patterns that open with a character.

Python's regex engine skips quickly to the places where a pattern can start only when the pattern
opens with a literal or a character class.  A pattern that opens with an assertion
("(?<![0-9])2021年…") is instead tried at every position of the text, several times slower.
``hinted`` prepends a lookahead for the characters the first consumed character can be: the
matches are exactly the same (a lookahead consumes nothing and adds no group), and the engine can
skip ahead again.
"""

from __future__ import annotations

import re
import re._parser as sre_parse

_ZERO_WIDTH = {sre_parse.AT, sre_parse.ASSERT, sre_parse.ASSERT_NOT}
_Ranges = list[tuple[int, int]]


def first_char_ranges(items) -> _Ranges | None:
    """Code-point ranges the first consumed character of a parsed pattern falls in, or None
    when that cannot be said simply (a negated class, a category, a backreference, inline flags,
    a pattern that may match nothing).  Optional leading items add their own first characters."""
    optional: _Ranges = []  # first characters of optional items skipped so far
    for op, arg in items:
        if op in _ZERO_WIDTH or _zero_width_branch(op, arg):
            continue
        if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT) and arg[0] == 0:
            found = first_char_ranges(arg[2])
            if found is None:
                return None
            optional += found
            continue
        found = _consumed_first(op, arg)
        return None if found is None else optional + found
    return None


def _zero_width_branch(op, arg) -> bool:
    """An alternation of assertions only, such as "(?:^|(?<=[。；]))"."""
    return op is sre_parse.BRANCH and all(
        all(item_op in _ZERO_WIDTH for item_op, _ in branch) and len(branch) > 0 for branch in arg[1])


def _consumed_first(op, arg) -> _Ranges | None:
    if op is sre_parse.LITERAL:
        return [(arg, arg)]
    if op is sre_parse.IN:
        ranges: _Ranges = []
        for kind, value in arg:
            if kind is sre_parse.LITERAL:
                ranges.append((value, value))
            elif kind is sre_parse.RANGE:
                ranges.append(value)
            else:
                return None
        return ranges
    if op is sre_parse.BRANCH:
        union: _Ranges = []
        for branch in arg[1]:
            found = first_char_ranges(branch)
            if found is None:
                return None
            union += found
        return union
    if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT) and arg[0] >= 1:
        return first_char_ranges(arg[2])
    if op is sre_parse.SUBPATTERN and not arg[1] and not arg[2]:
        return first_char_ranges(arg[3])
    return None


def first_chars(pattern: re.Pattern, limit: int = 64) -> frozenset[str] | None:
    """The characters every match starts with, when there are at most ``limit`` of them."""
    from .buildcache import derived

    def work_out() -> str | None:
        ranges = _ranges(pattern.pattern, pattern.flags)
        if ranges is None or sum(hi - lo + 1 for lo, hi in ranges) > limit:
            return None
        return "".join(chr(c) for lo, hi in ranges for c in range(lo, hi + 1))

    if not isinstance(pattern.pattern, str):
        return None
    chars = derived("first-chars", f"{limit}:{pattern.flags}:{pattern.pattern}", work_out)
    return None if chars is None else frozenset(chars)


def _ranges(source: str, flags: int) -> _Ranges | None:
    parsed = sre_parse.parse(source, flags)
    if (flags | parsed.state.flags) & (re.IGNORECASE | re.VERBOSE):
        return None
    return first_char_ranges(parsed.data)


def _char(code: int) -> str:
    return re.escape(chr(code)) if chr(code) not in "-]\\^" else "\\" + chr(code)


def _hint_charset(source: str, flags: int) -> str:
    """The class of the characters a match of ``source`` starts with ("" when nothing can be
    said), worked out once and kept with the compiled regexes: parsing is pure Python."""
    from .buildcache import derived

    def work_out() -> str:
        ranges = _ranges(source, flags)
        return "".join(_char(lo) if lo == hi else f"{_char(lo)}-{_char(hi)}" for lo, hi in sorted(set(ranges or ())))

    return derived("hint", f"{flags}:{source}", work_out)


def _hinted_source(source: str, flags: int, always: bool) -> str | None:
    if not isinstance(source, str) or not (always or source.startswith("(?<")):
        return None
    charset = _hint_charset(source, flags)
    return f"(?=[{charset}])(?:{source})" if charset else None


def hinted(pattern: re.Pattern, *, always: bool = False) -> re.Pattern:
    """``pattern`` with a leading lookahead on its first characters when it opens with a
    lookbehind (or ``always``: e.g. an alternation of words, which the engine also tries
    everywhere); otherwise, or when nothing can be said, ``pattern`` itself."""
    source = _hinted_source(pattern.pattern, pattern.flags, always)
    if source is None:
        return pattern
    from .buildcache import compile_regex

    try:
        return compile_regex(source, pattern.flags)
    except re.error:  # e.g. inline global flags, which must open the pattern
        return pattern


_PATTERN_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")
_PATTERN_FACTS = ("pattern", "flags", "groups", "groupindex")


class LazyPattern:
    """A regex compiled on its first use, so that importing a rule module compiles nothing.

    Compiling the ~150 patterns of the rule modules took about a third of a one-file run's start;
    a run answered from the result cache never uses them.  After the first use the compiled
    pattern's methods sit in slots, so a call costs what it costs on an ``re.Pattern``.
    """

    __slots__ = ("_source", "_flags", "_hint", "_always", *_PATTERN_METHODS, *_PATTERN_FACTS)

    def __init__(self, source: str, flags: int = 0, *, hint: bool = False, always: bool = False):
        self._source, self._flags, self._hint, self._always = source, flags, hint, always
        if not hint:
            self.pattern = source  # readable without compiling (other patterns are built from it)

    def compiled(self) -> re.Pattern:
        from .buildcache import compile_regex

        if self._hint:  # the hinted pattern alone, unless it cannot be had
            source = _hinted_source(self._source, self._flags, self._always)
            if source is not None:
                try:
                    return compile_regex(source, self._flags)
                except re.error:  # e.g. inline global flags, which must open the pattern
                    pass
        return compile_regex(self._source, self._flags)

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        pattern = self.compiled()
        for attr in _PATTERN_METHODS + _PATTERN_FACTS:
            setattr(self, attr, getattr(pattern, attr))
        return getattr(pattern, name)

    def __reduce__(self):
        return (_rebuild, (self._source, self._flags, self._hint, self._always))

    def __repr__(self) -> str:
        return f"lazy({self._source!r})"


def _rebuild(source: str, flags: int, hint: bool, always: bool) -> LazyPattern:
    return LazyPattern(source, flags, hint=hint, always=always)


def lazy(source: str, flags: int = 0, *, hint: bool = False, always: bool = False) -> LazyPattern:
    """``re.compile(source, flags)`` on first use; with ``hint``, ``hinted`` of it."""
    return LazyPattern(source, flags, hint=hint, always=always)
