"""The report as a tree with positions.

Offsets are indices into ``Document.text`` (Unicode code points, "\\n" line ends).  Lines and
columns are 1-based and count code points; ends are exclusive.  Nothing here knows about rules,
output formats or the command line.
"""

from __future__ import annotations

import bisect
import weakref
from collections import namedtuple
from collections.abc import Iterator

from .records import Record


class Span(namedtuple("_Span", "start end")):
    """A stretch of the text.  Spans and lines are named tuples: immutable and hashable like a
    frozen dataclass, but made three times as fast (a report has hundreds of them)."""

    __slots__ = ()

    def text(self, doc_text: str) -> str:
        return doc_text[self.start:self.end]


class Line(namedtuple("_Line", "number start text")):
    """A line: its 1-based number, the offset of its first character and its text without the
    line end."""

    __slots__ = ()

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def stripped_span(self) -> Span:
        """The line's span without leading and trailing white space."""
        lead = len(self.text) - len(self.text.lstrip())
        trail = len(self.text.rstrip())
        if trail <= lead:
            return Span(self.start, self.start)
        return Span(self.start + lead, self.start + trail)

    @property
    def content(self) -> str:
        return self.text.strip()


# The four heading levels of GB/T 9704-2012 and their correct written forms.
LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}


class Heading(Record):
    __slots__ = __match_args__ = ("level", "number", "number_text", "marker", "canonical_marker", "line",
                                  "marker_span", "title", "title_span", "body", "body_span")

    def __init__(
        self,
        level: int,  # 1..4, by the numeral family and brackets, whatever the delimiter
        number: int | None,  # None when the numeral cannot be read (e.g. "十十")
        number_text: str,  # the numeral as written ("十一", "３")
        marker: str,  # the whole written marker ("一、", "（一）、", "1．")
        canonical_marker: str,  # the correct marker for this level and number ("一、", "（一）", "1.")
        line: Line,
        marker_span: Span,
        title: str,
        title_span: Span,  # empty span (start == end) when the heading has no title
        body: str | None = None,  # run-in body after the first "。"
        body_span: Span | None = None,
    ) -> None:
        self.level = level
        self.number = number
        self.number_text = number_text
        self.marker = marker
        self.canonical_marker = canonical_marker
        self.line = line
        self.marker_span = marker_span
        self.title = title
        self.title_span = title_span
        self.body = body
        self.body_span = body_span

    @property
    def wrong_form(self) -> bool:
        return self.marker != self.canonical_marker

    @property
    def span(self) -> Span:
        """Marker and title, without any run-in body."""
        end = self.title_span.end if self.title_span.end > self.marker_span.end else self.marker_span.end
        return Span(self.marker_span.start, end)


class Paragraph(Record):
    __slots__ = __match_args__ = ("span", "text", "line", "run_in")

    def __init__(self, span: Span, text: str, line: Line, run_in: bool = False) -> None:
        self.span = span
        self.text = text
        self.line = line
        self.run_in = run_in  # the body of a run-in heading


class Section(Record):
    """A heading and what it holds.  ``parent`` is held as a weak reference: a tree whose parents
    and children point at each other is a reference cycle, which only the garbage collector
    frees (~0.1 ms a report of collections in a run); without the cycle a document is freed as
    soon as the last reference to it goes.  A parent is there for as long as its document (or
    anything else holding it) is."""

    __slots__ = ("level", "heading", "_parent", "children", "paragraphs", "__weakref__")
    _fields = __match_args__ = ("level", "heading", "parent", "children", "paragraphs")

    def __init__(
        self,
        level: int,  # 0 for the document root
        heading: Heading | None,
        parent: Section | None = None,
        children: list[Section] | None = None,
        paragraphs: list[Paragraph] | None = None,
    ) -> None:
        self.level = level
        self.heading = heading
        self._parent = None if parent is None else weakref.ref(parent)
        self.children = [] if children is None else children
        self.paragraphs = [] if paragraphs is None else paragraphs

    @property
    def parent(self) -> Section | None:
        return None if self._parent is None else self._parent()

    @parent.setter
    def parent(self, parent: Section | None) -> None:
        self._parent = None if parent is None else weakref.ref(parent)

    def __getstate__(self) -> tuple:  # for pickle and copy, which cannot take a weak reference
        return self.level, self.heading, self.parent, self.children, self.paragraphs

    def __setstate__(self, state: tuple) -> None:
        self.__init__(*state)

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def all_paragraphs(self) -> Iterator[Paragraph]:
        for section in self.walk():
            yield from section.paragraphs

    def content_text(self) -> str:
        """Titles of sub-headings and all paragraph text below this section, for matching."""
        parts: list[str] = []
        for section in self.walk():
            if section is not self and section.heading is not None:
                parts.append(section.heading.title)
            parts.extend(p.text for p in section.paragraphs)
        return "\n".join(parts)

    @property
    def title(self) -> str:
        return self.heading.title if self.heading else ""


class TitleBlock(Record):
    __slots__ = __match_args__ = ("issuer_lines", "title_lines", "addressee")

    def __init__(self, issuer_lines: list[Line] | None = None, title_lines: list[Line] | None = None,
                 addressee: Line | None = None) -> None:
        self.issuer_lines = [] if issuer_lines is None else issuer_lines
        self.title_lines = [] if title_lines is None else title_lines
        self.addressee = addressee

    @property
    def title(self) -> str:
        """The title, joined when it was split over several lines."""
        return "".join(line.content for line in self.title_lines)

    @property
    def lines(self) -> list[Line]:
        out = self.issuer_lines + self.title_lines
        if self.addressee is not None:
            out.append(self.addressee)
        return out


class ClosingBlock(Record):
    __slots__ = __match_args__ = ("signature_lines", "date", "cc")

    def __init__(self, signature_lines: list[Line] | None = None, date: Line | None = None,
                 cc: Line | None = None) -> None:
        self.signature_lines = [] if signature_lines is None else signature_lines
        self.date = date
        self.cc = cc  # 抄送

    @property
    def lines(self) -> list[Line]:
        out = list(self.signature_lines)
        if self.date is not None:
            out.append(self.date)
        if self.cc is not None:
            out.append(self.cc)
        return out


class Document(Record):
    __slots__ = __match_args__ = ("text", "lines", "path", "title_block", "closing", "root", "headings",
                                  "paragraphs", "meta", "facts", "_line_starts")
    _no_repr = ("facts", "_line_starts")

    def __init__(
        self,
        text: str,
        lines: list[Line],
        path: str = "-",
        title_block: TitleBlock | None = None,
        closing: ClosingBlock | None = None,
        root: Section | None = None,
        headings: list[Heading] | None = None,
        paragraphs: list[Paragraph] | None = None,
        # Where the text came from, filled by the input layer: encoding name, line ends, and for
        # .docx the paragraph index of each line.
        meta: dict | None = None,
        # Facts derived once per document and shared by rules (e.g. the report year).
        facts: dict | None = None,
        _line_starts: list[int] | None = None,
    ) -> None:
        self.text = text
        self.lines = lines
        self.path = path
        self.title_block = TitleBlock() if title_block is None else title_block
        self.closing = ClosingBlock() if closing is None else closing
        self.root = Section(level=0, heading=None) if root is None else root
        self.headings = [] if headings is None else headings
        self.paragraphs = [] if paragraphs is None else paragraphs
        self.meta = {} if meta is None else meta
        self.facts = {} if facts is None else facts
        self._line_starts = _line_starts or [line.start for line in lines]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a code-point offset; an offset may equal len(text)."""
        if not self._line_starts:
            return 1, offset + 1
        index = bisect.bisect_right(self._line_starts, offset) - 1
        index = max(index, 0)
        return index + 1, offset - self._line_starts[index] + 1

    def line_of(self, offset: int) -> Line:
        number, _ = self.position(offset)
        return self.lines[number - 1]

    def fact(self, key: str, compute):
        """Memoise a derived fact: ``compute(self)`` runs once per document."""
        if key not in self.facts:
            self.facts[key] = compute(self)
        return self.facts[key]

    @property
    def sections(self) -> list[Section]:
        """Top-level (and deeper, when the report starts below level 1) sections."""
        return self.root.children

    @property
    def body_lines(self) -> list[Line]:
        excluded = {line.number for line in self.title_block.lines + self.closing.lines}
        return [line for line in self.lines if line.number not in excluded]
