"""Find the titles a report cites: every 《…》 span, and every 〈…〉 span inside one.

A title never runs over a line end, so each line is scanned on its own.  An opening mark without
its closing mark on the same line is left alone: bracket balance is the P family's job.
"""

from __future__ import annotations

from dataclasses import dataclass

from lawlint.document import Document
from lawlint.regexhint import lazy

_OPEN_TO_CLOSE = {"《": "》", "〈": "〉"}
_CLOSE_TO_OPEN = {close: open_ for open_, close in _OPEN_TO_CLOSE.items()}
# Only the title marks matter to the scan; the regex visits them, not every character.
_TITLE_MARK = lazy("[" + "".join(_OPEN_TO_CLOSE) + "".join(_CLOSE_TO_OPEN) + "]")


@dataclass(frozen=True, slots=True)
class Citation:
    """One title in book-title marks.  Offsets index ``doc.text``; start/end exclude the marks."""

    start: int
    end: int
    text: str
    mark: str  # "《" or "〈"
    depth: int  # 0 for an outermost title
    parent: int | None  # index (into the citation list) of the enclosing title

    @property
    def outer_start(self) -> int:
        return self.start - 1

    @property
    def outer_end(self) -> int:
        return self.end + 1


def find_citations(doc: Document) -> list[Citation]:
    """All balanced 《》 and 〈〉 spans of the document, outer titles before inner ones."""
    return doc.fact("citations.titles", _scan)


def _scan(doc: Document) -> list[Citation]:
    found: list[tuple[int, int, str, int, int | None]] = []  # start, end, mark, depth, parent slot
    for line in doc.lines:
        if "《" not in line.text and "〈" not in line.text:
            continue
        stack: list[tuple[str, int, int]] = []  # mark, content start, slot in `found`
        for mark in _TITLE_MARK.finditer(line.text):
            i, ch = mark.start(), mark.group()
            if ch in _OPEN_TO_CLOSE:
                # Reserve the slot now so that outer titles come before the titles they contain.
                parent = stack[-1][2] if stack else None
                found.append((line.start + i + 1, -1, ch, len(stack), parent))
                stack.append((ch, line.start + i + 1, len(found) - 1))
            elif ch in _CLOSE_TO_OPEN:
                if not stack or stack[-1][0] != _CLOSE_TO_OPEN[ch]:
                    # A stray or crossed closing mark: give up on this line's open titles.
                    for _, _, slot in stack:
                        found[slot] = found[slot][:1] + (None,) + found[slot][2:]
                    stack.clear()
                    continue
                _, start, slot = stack.pop()
                found[slot] = (start, line.start + i, *found[slot][2:])
        for _, _, slot in stack:  # unclosed on this line
            found[slot] = found[slot][:1] + (None,) + found[slot][2:]

    # Drop unclosed spans and renumber parents.
    keep = [i for i, item in enumerate(found) if item[1] is not None and item[1] >= 0]
    new_index = {old: new for new, old in enumerate(keep)}
    out: list[Citation] = []
    for old in keep:
        start, end, mark, depth, parent = found[old]
        out.append(Citation(start, end, doc.text[start:end], mark, depth,
                            new_index.get(parent) if parent is not None else None))
    return out
