"""Shared by the W modules: punctuation sets, and where the titles in 《》 are."""

from __future__ import annotations

import re

from lawlint.regexhint import lazy

# Marks that end a list item or a clause, and all punctuation and spacing (a fixed form or a
# repeated word never includes them).
CLAUSE_END = set("。；！？：\n")
PUNCTUATION = set("，。、；：！？“”‘’（）《》〈〉【】〔〕…—·,.;:!?()[] \u3000\t\n")


_TITLE = lazy(r"《[^《》\n]*》")


def title_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TITLE.finditer(text)]


def doc_title_spans(doc) -> list[tuple[int, int]]:
    return doc.fact("wording.title_spans", lambda d: title_spans(d.text))


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when start..end lies strictly inside one of spans (inside the 《》 marks)."""
    return any(s < start and end < e for s, e in spans)


def anchor_offsets(anchors, text: str) -> list[int]:
    """Where any of the anchor patterns matches in text, in text order.

    An anchor opens with one literal character (and checks its context with lookarounds after
    it), so the regex engine skips from one occurrence of that character to the next at the speed
    of a plain string search; a pattern that opens with a character class, an alternation or a
    lookbehind is instead tried at every position.  One anchor per character keeps that speed.
    """
    if len(anchors) == 1:
        return [match.start() for match in anchors[0].finditer(text)]
    return sorted(match.start() for anchor in anchors for match in anchor.finditer(text))


def after_one_of(words) -> str:
    """A regex that holds where the text before ends with one of words.

    Python's lookbehinds need a fixed width, so the words go into one lookbehind per length.
    """
    by_length: dict[int, list[str]] = {}
    for word in dict.fromkeys(words):
        by_length.setdefault(len(word), []).append(re.escape(word))
    return "(?:" + "|".join(f"(?<={'|'.join(group)})" for _, group in sorted(by_length.items())) + ")"
