"""W501 — template slots left in a report (wording_placeholders.toml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lawlint.diagnostics import Severity
from lawlint.regexhint import first_chars, hinted
from lawlint.rules import Rule
from lawlint.buildcache import compile_regex

from .datafile import load_toml

PLACEHOLDERS = "wording_placeholders.toml"

@dataclass(frozen=True)
class Placeholder:
    name: str
    pattern: re.Pattern
    message: str
    must_fire: tuple[str, ...] = ()
    must_not_fire: tuple[str, ...] = ()
    # The characters every match starts with (None: too many to say), and for each of them an
    # anchor: a pattern that opens with that character and matches only where the whole slot
    # pattern matches there (its span is group 1).  A pattern that opens with a character class
    # or a lookbehind is tried at every position of the report; an anchor lets the engine jump
    # from one "（" to the next, and most reports hold none of "X×*_【" at all.
    first: frozenset[str] | None = None
    anchors: tuple[tuple[str, re.Pattern], ...] = ()  # (first character, anchor)

    def spans(self, text: str, present: frozenset[str]) -> list[tuple[int, int]]:
        """The spans pattern.finditer(text) would give, found through the anchors of the first
        characters that are present in text."""
        if not self.anchors:
            return [match.span() for match in self.pattern.finditer(text)]
        found = sorted(match.span(1) for char, anchor in self.anchors if char in present
                       for match in anchor.finditer(text))
        spans, last_end = [], 0
        for start, end in found:
            if start >= last_end:  # finditer's matches do not overlap
                spans.append((start, end))
                last_end = end
        return spans


def _anchors(pattern: re.Pattern, first: frozenset[str] | None) -> tuple[tuple[str, re.Pattern], ...]:
    """For each first character c: c, then a lookbehind over c that holds when pattern matches
    from c on; the lookahead inside it captures pattern's match as group 1."""
    from lawlint.buildcache import compile_regex

    if first is None:
        return ()
    try:
        return tuple(
            (char, compile_regex(f"{re.escape(char)}(?<=(?=({pattern.pattern})){re.escape(char)})", pattern.flags))
            for char in sorted(first)
        )
    except re.error:  # e.g. inline global flags, which must open a pattern
        return ()


@cache
def placeholders() -> tuple[Placeholder, ...]:
    data = load_toml(PLACEHOLDERS)
    surnames = "".join(sorted(set("".join(data.get("surnames", "").split()))))
    out = []
    for raw in data.get("placeholder", []):
        pattern = raw["pattern"].replace("{surname}", re.escape(surnames))
        # Most slots' patterns open with a lookbehind; the hint lets the scan skip ahead.
        compiled = compile_regex(pattern)
        first = first_chars(compiled, limit=8)
        out.append(Placeholder(raw["name"], hinted(compiled), raw["message"],
                               tuple(raw.get("must_fire", ())), tuple(raw.get("must_not_fire", ())),
                               first, _anchors(compiled, first)))
    return tuple(out)


@cache
def _first_chars() -> frozenset[str]:
    return frozenset(char for placeholder in placeholders() for char, _ in placeholder.anchors)


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
