"""Find the titles a report cites: every 《…》 span, and every 〈…〉 span inside one.

A title never runs over a line end.  An opening mark without its closing mark on the same line is
left alone: bracket balance is the P family's job.  Most reports pair every mark plainly and are
read by str.find from each 《 to its 》; the others by a walk over their marks.
"""

from __future__ import annotations

from collections import namedtuple
from functools import partial

from lawlint.document import Document
from lawlint.regexhint import lazy

_OPEN_TO_CLOSE = {"《": "》", "〈": "〉"}
_CLOSE_TO_OPEN = {close: open_ for open_, close in _OPEN_TO_CLOSE.items()}
# Only the title marks matter to the scan.
_MARKS = "".join(_OPEN_TO_CLOSE) + "".join(_CLOSE_TO_OPEN)


class Citation(namedtuple("_Citation", "start end text mark depth parent")):
    """One title in book-title marks.  Offsets index ``doc.text``; start/end exclude the marks;
    mark is "《" or "〈"; depth 0 for an outermost title; parent the index (into the citation list)
    of the enclosing title, or None."""

    __slots__ = ()

    @property
    def outer_start(self) -> int:
        return self.start - 1

    @property
    def outer_end(self) -> int:
        return self.end + 1


# Citation._make without a Python frame (half the cost): a Citation from a tuple of its fields.
_citation = partial(tuple.__new__, Citation)


def find_citations(doc: Document) -> list[Citation]:
    """All balanced 《》 and 〈〉 spans of the document, outer titles before inner ones."""
    return doc.fact("citations.titles", _scan)


# A title inside a title on one line with no 《》 inside.
_PLAIN_INNER_TITLE = lazy(r"〈([^《》〈〉\n]*)〉")


def _scan(doc: Document) -> list[Citation]:
    plain = _plain_titles(doc.text)
    return plain if plain is not None else _walk_marks(doc.text)


def _plain_titles(text: str) -> list[Citation] | None:
    """The citations when every mark pairs up plainly: 《》 with no 《》 inside, 〈〉 only inside them
    and with no 〈〉 inside, no stray or unclosed mark (most reports).  Then str.find goes from each
    《 to its 》 and to the next 《 (faster than a regex scan), in the walk's order; otherwise None."""
    found: list[Citation] = []
    inner = 0
    start = text.find("《") + 1
    while start:
        end = text.find("》", start)
        following = text.find("《", start)
        if end < 0 or 0 <= following < end:
            return None  # unclosed, or a title inside
        title = text[start:end]
        if "\n" in title:
            return None  # unclosed on its line
        parent = len(found)
        found.append(_citation((start, end, title, "《", 0, None)))
        if "〈" in title:
            for inner_title in _PLAIN_INNER_TITLE.finditer(text, start, end):
                inner_start, inner_end = inner_title.span(1)
                found.append(_citation((inner_start, inner_end, inner_title.group(1), "〈", 1, parent)))
                inner += 1
        start = following + 1
    # Each title above holds one pair of marks: when the 》 are all in them, no mark is left over.
    outer = len(found) - inner
    if text.count("》") != outer:
        return None
    if (inner or "〈" in text or "〉" in text) and (text.count("〈") != inner or text.count("〉") != inner):
        return None
    return found


def _walk_marks(text: str) -> list[Citation]:
    """The citations by a walk over every title mark, with a stack of the titles still open."""
    found: list[tuple[int, int, str, int, int | None]] = []  # start, end, mark, depth, parent slot
    stack: list[tuple[str, int, int]] = []  # mark, content start, slot in `found`
    line_end = -1
    for i in _mark_offsets(text):
        if i > line_end:
            # A title never runs over a line end: what the previous line left open stays unclosed.
            _give_up(found, stack)
            line_end = text.find("\n", i)
            if line_end < 0:
                line_end = len(text)
        ch = text[i]
        if ch in _OPEN_TO_CLOSE:
            # Reserve the slot now so that outer titles come before the titles they contain.
            parent = stack[-1][2] if stack else None
            found.append((i + 1, -1, ch, len(stack), parent))
            stack.append((ch, i + 1, len(found) - 1))
        elif not stack or stack[-1][0] != _CLOSE_TO_OPEN[ch]:
            # A stray or crossed closing mark: give up on this line's open titles.
            _give_up(found, stack)
        else:
            _, start, slot = stack.pop()
            found[slot] = (start, i, *found[slot][2:])
    _give_up(found, stack)

    # Drop unclosed spans and renumber parents.
    keep = [i for i, item in enumerate(found) if item[1] is not None and item[1] >= 0]
    new_index = {old: new for new, old in enumerate(keep)}
    out: list[Citation] = []
    for old in keep:
        start, end, mark, depth, parent = found[old]
        out.append(Citation(start, end, text[start:end], mark, depth,
                            new_index.get(parent) if parent is not None else None))
    return out


def _mark_offsets(text: str) -> list[int]:
    """Offsets of every title mark, in order (str.find skips through the text faster than a regex)."""
    offsets: list[int] = []
    for mark in _MARKS:
        i = text.find(mark)
        while i >= 0:
            offsets.append(i)
            i = text.find(mark, i + 1)
    offsets.sort()
    return offsets


def _give_up(found: list, stack: list) -> None:
    """Mark the titles still open as unclosed."""
    for _, _, slot in stack:
        found[slot] = found[slot][:1] + (None,) + found[slot][2:]
    stack.clear()
