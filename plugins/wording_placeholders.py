"""W501 — template slots left in a report (wording_placeholders.toml)."""

from __future__ import annotations

import re
import re._parser as sre_parse
from functools import cache

from lawlint.buildcache import compile_regex, derived
from lawlint.diagnostics import Severity
from lawlint.regexhint import first_char_ranges, lazy
from lawlint.rules import Rule

from .datafile import load_toml

PLACEHOLDERS = "wording_placeholders.toml"


class Placeholder:
    """One kind of slot: its pattern, the message shown to the reader and its own examples.

    first holds the characters every match starts with (None: too many to say).  For each of them
    an anchor is compiled when a report first holds that character: a pattern that opens with
    the character and matches only where the whole slot pattern matches there (its span is group
    1).  A pattern that opens with a character class or a lookbehind is tried at every position
    of the report; an anchor lets the engine jump from one "（" to the next, and most reports hold
    none of "X×*_【" at all, so their anchors are never compiled.
    """

    __slots__ = ("name", "source", "pattern", "message", "must_fire", "must_not_fire", "first", "_anchors")

    def __init__(self, name: str, source: str, message: str, must_fire: tuple[str, ...] = (),
                 must_not_fire: tuple[str, ...] = (), first: frozenset[str] | None = None):
        self.name, self.source, self.message = name, source, message
        self.must_fire, self.must_not_fire, self.first = must_fire, must_not_fire, first
        # Most slots' patterns open with a lookbehind; the hint lets a whole-text scan skip ahead.
        self.pattern = lazy(source, hint=True)
        self._anchors: dict[str, re.Pattern | None] = {}

    def __repr__(self) -> str:
        return f"Placeholder({self.name!r})"

    def spans(self, text: str, present: frozenset[str]) -> list[tuple[int, int]]:
        """The spans pattern.finditer(text) would give, found through the anchors of the first
        characters that are present in text."""
        if self.first is None:
            return [match.span() for match in self.pattern.finditer(text)]
        found = []
        for char in self.first & present:
            anchor = self._anchors.get(char) or self._anchor(char)
            if anchor is None:
                return [match.span() for match in self.pattern.finditer(text)]
            found.extend(match.span(1) for match in anchor.finditer(text))
        found.sort()
        spans, last_end = [], 0
        for start, end in found:
            if start >= last_end:  # finditer's matches do not overlap
                spans.append((start, end))
                last_end = end
        return spans

    def _anchor(self, char: str) -> re.Pattern | None:
        """char, then a lookbehind over char that holds when the pattern matches from char on;
        the lookahead inside it captures the pattern's match as group 1 (None: the pattern
        cannot be nested, e.g. inline global flags, which must open a pattern)."""
        if char not in self._anchors:
            escaped = re.escape(char)
            try:
                self._anchors[char] = compile_regex(f"{escaped}(?<=(?=({self.source})){escaped})")
            except re.error:
                self._anchors[char] = None
        return self._anchors[char]


@cache
def placeholders() -> tuple[Placeholder, ...]:
    data = load_toml(PLACEHOLDERS)
    surnames = "".join(sorted(set("".join(data.get("surnames", "").split()))))
    out = []
    for raw in data.get("placeholder", []):
        source = raw["pattern"].replace("{surname}", re.escape(surnames))
        out.append(Placeholder(raw["name"], source, raw["message"], tuple(raw.get("must_fire", ())),
                               tuple(raw.get("must_not_fire", ())), _first_chars_of(source)))
    return tuple(out)


def _first_chars_of(source: str, limit: int = 8) -> frozenset[str] | None:
    """regexhint.first_chars of the compiled source, from its parse alone (nothing compiled);
    a run with a warm cache takes it from there (parsing is pure Python)."""

    def work_out() -> str | None:
        parsed = sre_parse.parse(source)
        if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
            return None
        ranges = first_char_ranges(parsed.data)
        if ranges is None or sum(hi - lo + 1 for lo, hi in ranges) > limit:
            return None
        return "".join(chr(c) for lo, hi in ranges for c in range(lo, hi + 1))

    chars = derived("placeholder-first-chars", f"{limit}:{source}", work_out)
    return None if chars is None else frozenset(chars)


@cache
def _first_chars() -> frozenset[str]:
    return frozenset(char for placeholder in placeholders() for char in placeholder.first or ())


def placeholder_findings(text: str):
    taken: list[tuple[int, int]] = []
    # One search for each character that opens some slot; usually none of them but "（" is there.
    present = frozenset(char for char in _first_chars() if char in text)
    for placeholder in placeholders():
        for start, end in placeholder.spans(text, present):
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            yield start, end, placeholder.message.format(text=text[start:end])


class LeftoverPlaceholder(Rule):
    """Template slots left in the text ("XX街道", "××年××月", "某某镇", "【 】", "（此处填写…）").

    Reports are often written from last year's file or a template; a slot that survives into the
    published report is an obvious sign that nobody finished it.  Anonymised names in case
    descriptions ("农民工李某", "张某某") are normal and stay silent.
    """

    code = "W501"
    name = "placeholder"
    severity = Severity.ERROR
    summary = "残留模板占位符（如“XX街道”“××年”“某某镇”“【 】”）"
    norm = "《党政机关公文处理工作条例》第十九条（内容完整、准确）"
    bad = "现就XX街道××年法治政府建设情况报告如下，共办理案件【 】件。\n"
    good = "现就双河街道2020年法治政府建设情况报告如下，化解了农民工李某讨薪问题。\n"

    def check(self, doc, ctx):
        for start, end, message in placeholder_findings(doc.text):
            yield self.finding(start, end, message)


RULES = [LeftoverPlaceholder]
