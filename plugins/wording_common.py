"""Shared by the W modules: punctuation sets, and where the titles in 《》 are."""

from __future__ import annotations

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
