"""The report as a tree with positions.

Offsets are indices into ``Document.text`` (Unicode code points, "\\n" line ends).  Lines and
columns are 1-based and count code points; ends are exclusive.  Nothing here knows about rules,
output formats or the command line.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple


class Span(NamedTuple):
    """A stretch of the text.  Spans and lines are named tuples: immutable and hashable like a
    frozen dataclass, but made three times as fast (a report has hundreds of them)."""

    start: int
    end: int

    def text(self, doc_text: str) -> str:
        return doc_text[self.start:self.end]


class Line(NamedTuple):
    number: int  # 1-based
    start: int  # offset of the first character
    text: str  # without the line end

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


@dataclass(slots=True)
class Heading:
    level: int  # 1..4, by the numeral family and brackets, whatever the delimiter
    number: int | None  # None when the numeral cannot be read (e.g. "十十")
    number_text: str  # the numeral as written ("十一", "３")
    marker: str  # the whole written marker ("一、", "（一）、", "1．")
    canonical_marker: str  # the correct marker for this level and number ("一、", "（一）", "1.")
    line: Line
    marker_span: Span
    title: str
    title_span: Span  # empty span (start == end) when the heading has no title
    body: str | None = None  # run-in body after the first "。"
    body_span: Span | None = None

    @property
    def wrong_form(self) -> bool:
        return self.marker != self.canonical_marker

    @property
    def span(self) -> Span:
        """Marker and title, without any run-in body."""
        end = self.title_span.end if self.title_span.end > self.marker_span.end else self.marker_span.end
        return Span(self.marker_span.start, end)


@dataclass(slots=True)
class Paragraph:
    span: Span
    text: str
    line: Line
    run_in: bool = False  # the body of a run-in heading


@dataclass(slots=True)
class Section:
    level: int  # 0 for the document root
    heading: Heading | None
    parent: Section | None = None
    children: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)

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


@dataclass(slots=True)
class TitleBlock:
    issuer_lines: list[Line] = field(default_factory=list)
    title_lines: list[Line] = field(default_factory=list)
    addressee: Line | None = None

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


@dataclass(slots=True)
class ClosingBlock:
    signature_lines: list[Line] = field(default_factory=list)
    date: Line | None = None
    cc: Line | None = None  # 抄送

    @property
    def lines(self) -> list[Line]:
        out = list(self.signature_lines)
        if self.date is not None:
            out.append(self.date)
        if self.cc is not None:
            out.append(self.cc)
        return out


@dataclass(slots=True)
class Document:
    text: str
    lines: list[Line]
    path: str = "-"
    title_block: TitleBlock = field(default_factory=TitleBlock)
    closing: ClosingBlock = field(default_factory=ClosingBlock)
    root: Section = field(default_factory=lambda: Section(level=0, heading=None))
    headings: list[Heading] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    # Where the text came from, filled by the input layer: encoding name, line ends, and for
    # .docx the paragraph index of each line.
    meta: dict = field(default_factory=dict)
    # Facts derived once per document and shared by rules (e.g. the report year).
    facts: dict = field(default_factory=dict, repr=False)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if not self._line_starts:
            self._line_starts = [line.start for line in self.lines]

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
