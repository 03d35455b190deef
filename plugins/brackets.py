"""P1 — paired marks: brackets, 书名号 and quotes must balance and nest (GB/T 15834-2011).

One linear pass per document (``analyse``) matches every paired mark and records the problems;
the rules below only pick their kind of problem from it.  The pass is shared with the P2 rules
(half-width brackets need to know their partner) through ``doc.fact``.

Scope of a match: a paragraph (one line).  A line whose brackets are still open continues into
the next line when it does not end a sentence and the next line is not a heading (a hard-wrapped
paragraph), and the title block is one unit even when it is split over several lines.  Quotes
never continue: a quotation left open is reported at the end of its paragraph instead of
swallowing the following ones.

Recovery, so that one missing mark gives one diagnostic:
- a closer whose opener is deeper in the stack closes it and drops the openers above it; a dropped
  opener is reported once, at the end of the unit, as unclosed ("《A（B》" → the "（") — unless
  enough closers of its class follow in the line to close every open one, in which case the
  closer itself is the stray ("（【）】）" → the first "）");
- a closer that finds only a dropped opener of its class is a crossing ("《A（B》C）"), reported
  once, at the late closer, with its partner's position;
- a closer with no opener at all is reported alone and changes nothing else.
Half-width "(" and full-width "）" are one class: "（…)" balances, and P201 reports the width.
"""

from __future__ import annotations

import re
from functools import cache
from operator import attrgetter

from lawlint.diagnostics import Applicability, Edit, Fix, Severity
from lawlint.document import Document, Line
from lawlint.hookspec import hookimpl
from lawlint.rules import Rule
from lawlint.regexhint import lazy

from .datafile import load_toml, read_data, versioned

DATA_FILE = "punctuation_pairs.toml"
_GBT15834 = "GB/T 15834-2011《标点符号用法》"

# The marks whose partners another rule asks for: P201 judges a half-width round bracket with its
# partner.  ``analyse`` records the partners in every line that holds one.
PARTNERED_MARKS = "()"
_APOSTROPHE = "’"


# ---------------------------------------------------------------------------------------------
# Data


# Plain classes with slots: a dataclass costs ~1 ms of every start to create, a named tuple ~0.3 ms.
class MarkClass:
    __slots__ = ("id", "family", "opens", "closes", "name_open", "name_close", "display")

    def __init__(self, id: str, family: str, opens: tuple[str, ...], closes: tuple[str, ...],
                 name_open: str, name_close: str, display: str):
        self.id = id
        self.family = family  # "bracket", "title" or "quote"
        self.opens = opens
        self.closes = closes
        self.name_open = name_open
        self.name_close = name_close
        self.display = display  # the pair's name in messages: "书名号《》", "双引号"

    @property
    def open(self) -> str:
        return self.opens[0]

    @property
    def close(self) -> str:
        return self.closes[0]


class Nesting:
    __slots__ = ("family", "outer", "inner", "norm")

    def __init__(self, family: str, outer: str, inner: str, norm: str):
        self.family = family
        self.outer = outer  # the id of the class outside
        self.inner = inner  # the id of the class used one level inside it
        self.norm = norm


class PairTable:
    __slots__ = ("classes", "role", "nesting", "mark_or_line_end", "no_mark", "pairs", "suspect", "outside_outer")

    def __init__(self, classes: dict[str, MarkClass], role: dict[str, tuple[MarkClass, bool]],
                 nesting: dict[str, Nesting], mark_or_line_end: re.Pattern, no_mark: re.Pattern,
                 pairs: tuple[str, ...], suspect: re.Pattern, outside_outer: dict[str, re.Pattern]):
        self.classes = classes
        self.role = role  # mark → (class, is_opener)
        self.nesting = nesting  # by family
        # Every mark and "\n": the marks of a line (which holds no line end), or the quick pass over
        # the marks of a whole document (``_lines_to_walk``).
        self.mark_or_line_end = mark_or_line_end
        # A run of anything else: removed from a short text (the heading markers) with one call.
        self.no_mark = no_mark
        self.pairs = pairs  # an opener and a closer of its class: "（）", "（)" …
        self.suspect = suspect  # in marks that pair up, what the matcher may still report or pair
        self.outside_outer = outside_outer  # by inner-class opener: that opener outside its outer class

    def name(self, mark: str) -> str:
        cls, is_open = self.role[mark]
        return cls.name_open if is_open else cls.name_close


def _version() -> str:
    # For lawlint --version and SARIF only: a linting run does not read and hash the file.
    return versioned(load_toml(DATA_FILE)["version"], read_data(DATA_FILE))


@cache
def pair_table() -> PairTable:
    raw = load_toml(DATA_FILE)
    classes: dict[str, MarkClass] = {}
    role: dict[str, tuple[MarkClass, bool]] = {}
    for item in raw["class"]:
        cls = MarkClass(item["id"], item["family"], tuple(item["open"]), tuple(item["close"]),
                        item["name_open"], item["name_close"], item["display"])
        classes[cls.id] = cls
        role.update({mark: (cls, True) for mark in cls.opens})
        role.update({mark: (cls, False) for mark in cls.closes})
    nesting = {item["family"]: Nesting(item["family"], item["outer"], item["inner"], item["norm"])
               for item in raw.get("nesting", [])}
    marks = "".join(re.escape(mark) for mark in role)
    mark_or_line_end = lazy(f"[{marks}\n]")
    no_mark = lazy(f"[^{marks}\n]+")
    pairs = tuple(opener + closer for cls in classes.values() for opener in cls.opens for closer in cls.closes)
    return PairTable(classes, role, nesting, mark_or_line_end, no_mark, pairs,
                     _suspect_pattern(classes, nesting), _outside_outer_patterns(classes, nesting))


def _charset(marks) -> str:
    return "".join(re.escape(mark) for mark in marks)


def _suspect_pattern(classes: dict[str, MarkClass], nesting: dict[str, Nesting]) -> re.Pattern:
    """What the matcher may still report, or must pair for a rule, in a line whose marks pair up.

    Read along the line's mark sequence (see ``_lines_to_walk``):
    - a class of a nesting family opened inside itself: "《A《B》》", "“A“B””" (nested-same);
    - the apostrophe "’" ("China’s"), which the matcher may skip or count as a wrong-way quote;
    - the marks whose partners a rule asks for (``PARTNERED_MARKS``).
    Every alternative starts with a literal, so that the regex engine skips ahead to them.
    """
    alternatives = []
    for rule in nesting.values():
        for cls in (classes[rule.outer], classes[rule.inner]):
            alternatives += [f"{re.escape(opener)}[^{_charset(cls.closes)}\n]*[{_charset(cls.opens)}]"
                             for opener in cls.opens]
    alternatives += [re.escape(mark) for mark in _APOSTROPHE + PARTNERED_MARKS]
    return lazy("|".join(alternatives))


def _outside_outer_patterns(classes: dict[str, MarkClass], nesting: dict[str, Nesting]) -> dict[str, re.Pattern]:
    """An inner-class opener outside its outer class: "〈A〉" alone (inner-outside), in a line
    whose marks pair up and where no class is opened inside itself.  There the nearest outer mark
    before it tells: an opener encloses it ("《A〈B〉》"), a closer or the line start ("\n" in the
    mark sequence) does not.  Compiled when a text first holds the opener."""
    patterns = {}
    for rule in nesting.values():
        outer, inner = classes[rule.outer], classes[rule.inner]
        for opener in inner.opens:
            patterns[opener] = lazy(f"[\n{_charset(outer.closes)}][^{_charset(outer.opens + outer.closes)}\n]*"
                                    f"{re.escape(opener)}")
    return patterns


# ---------------------------------------------------------------------------------------------
# The matcher


class Problem:
    __slots__ = ("kind", "pos", "mark", "partner", "between")

    def __init__(self, kind: str, pos: int, mark: str, partner: int | None = None, between: int | None = None):
        self.kind = kind  # unclosed | unopened | crossed | direction | nested-same | inner-outside
        self.pos = pos  # offset of the offending mark
        self.mark = mark
        self.partner = partner  # offset of its partner mark, when it has one
        self.between = between  # the closer that closed over a dropped opener

    def __repr__(self) -> str:
        return f"Problem({self.kind!r}, {self.pos}, {self.mark!r}, partner={self.partner}, between={self.between})"


class Analysis:
    __slots__ = ("problems", "partner")

    def __init__(self):
        self.problems: list[Problem] = []
        # Mark offset ↔ partner offset, for the lines the matcher walks: every line with a problem
        # or one of the ``PARTNERED_MARKS`` (see ``_lines_to_walk``); the rules ask for no other
        # partners.
        self.partner: dict[int, int] = {}

    def of_kind(self, *kinds: str) -> list[Problem]:
        return [p for p in self.problems if p.kind in kinds]


class _Open:
    __slots__ = ("pos", "mark", "cls", "dropped_by")

    def __init__(self, pos: int, mark: str, cls: MarkClass):
        self.pos = pos
        self.mark = mark
        self.cls = cls
        self.dropped_by: int | None = None  # the closer that closed over it


# A closing bracket right after a list numeral at the start of a clause ("：1）…；2）…") is an
# enumerator, not half of a pair.  It is only taken so when no round bracket is open.
_ENUMERATOR_NUMERALS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十")
_CLAUSE_START = frozenset("：:；;，,。、")


def _is_enumerator(text: str, col: int) -> bool:
    """Whether the closer at ``col`` ends "1）", "a)" or "三）" at the start of a line or clause."""
    start = col
    while start > 0 and col - start < 3 and text[start - 1] in _ENUMERATOR_NUMERALS:
        start -= 1
    if start == col:
        if col > 0 and "a" <= text[col - 1] <= "z":
            start = col - 1
        else:
            return False
    if start == 0 or text[start - 1] in _CLAUSE_START:
        return True
    # Only white space before it: the start of the line.  The scan stops at the first other
    # character, so each closer looks only at the space just before it.
    i = start - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i < 0


_SENTENCE_END = ("。", "！", "？", "；", "：", "…", "!", "?", ";", ":")
_ASCII_LETTER = lazy(r"[A-Za-z]")


def _is_apostrophe(text: str, col: int) -> bool:
    return col > 0 and _ASCII_LETTER.match(text[col - 1]) is not None


class _Matcher:
    def __init__(self, table: PairTable, analysis: Analysis):
        self.table = table
        self.out = analysis
        self.stack: list[_Open] = []
        self.count: dict[str, int] = {}  # open entries per class id
        # Stack indices of the open entries of each family, so the innermost is found in O(1).
        self.by_family: dict[str, list[int]] = {}
        # Openers a later closer closed over, per class id, oldest first.
        self.dropped: dict[str, list[_Open]] = {}
        self.dropped_quotes = 0

    @property
    def holds_quote(self) -> bool:
        return bool(self.by_family.get("quote")) or self.dropped_quotes > 0

    @property
    def idle(self) -> bool:
        return not self.stack and not any(self.dropped.values())

    def feed(self, line: Line, skip: tuple[int, int] | None) -> None:
        table = self.table
        text = line.text
        marks = [(m.start(), m.group()) for m in table.mark_or_line_end.finditer(text)]
        if not marks:
            return
        flipped = self._flipped_quotes(text, marks)
        roles = []
        for col, mark in marks:
            cls, is_open = table.role[mark]
            roles.append((col, mark, cls, is_open != (col in flipped)))
        # Marks still to come in this line, by (class, opens?): for telling a nested quote from a
        # wrong-way one and a stray closer from a missing one.
        ahead: dict[tuple[str, bool], int] = {}
        for _, _, cls, is_open in roles:
            ahead[cls.id, is_open] = ahead.get((cls.id, is_open), 0) + 1
        for col, mark, cls, is_open in roles:
            ahead[cls.id, is_open] -= 1
            pos = line.start + col
            if skip is not None and skip[0] <= pos < skip[1]:
                continue
            if col in flipped:
                self.out.problems.append(Problem("direction", pos, mark))
            elif mark == _APOSTROPHE and _is_apostrophe(text, col) and not self.count.get(cls.id):
                continue  # an English apostrophe ("China’s")
            if is_open:
                self._open(pos, mark, cls, ahead)
            elif (cls.id == "round" and not self.count.get(cls.id) and not self._dropped_of(cls)
                  and _is_enumerator(text, col)):
                continue
            else:
                self._close(pos, mark, cls, ahead)

    def _flipped_quotes(self, text: str, marks: list[tuple[int, str]]) -> set[int]:
        """Quote marks that face the wrong way, when the line shows it beyond doubt.

        Quotes of one class alternate open, close, open, close along a line (the inner level uses
        the other class).  An even sequence that breaks the alternation at exactly one place has
        exactly one mark typed the wrong way ("“A“和“B”": the second mark).
        """
        flipped: set[int] = set()
        by_class: dict[str, list[tuple[int, bool]]] = {}
        for col, mark in marks:
            cls, is_open = self.table.role[mark]
            if cls.family != "quote" or (mark == _APOSTROPHE and _is_apostrophe(text, col)):
                continue
            by_class.setdefault(cls.id, []).append((col, is_open))
        for sequence in by_class.values():
            if len(sequence) % 2:
                continue
            wrong = [col for i, (col, is_open) in enumerate(sequence) if is_open != (i % 2 == 0)]
            if len(wrong) == 1:
                flipped.add(wrong[0])
        return flipped

    # -- openers ------------------------------------------------------------------------------

    def _open(self, pos: int, mark: str, cls: MarkClass, ahead: dict) -> None:
        quotes = self.by_family.get("quote")
        if cls.family == "quote" and quotes and self.stack[quotes[-1]].cls is cls:
            spare = self._surplus(cls, ahead)
            if spare < self.count[cls.id]:
                # Too few closers left even for the open quotes: a closer typed the wrong way.
                self.out.problems.append(Problem("direction", pos, mark, self.stack[quotes[-1]].pos))
                self._close(pos, mark, cls, ahead)
                return
            if spare > self.count[cls.id]:
                self.out.problems.append(Problem("nested-same", pos, mark))
            # With exactly one closer short, an outer quote is the unclosed one (reported later).
        elif cls.family == "title" and self._innermost(cls.family) is cls and self._is_outer(cls):
            # "《A《B》C》" nests; "《A《B》" lost a closer (P101), and 〈〉 would be the wrong advice.
            if self._surplus(cls, ahead) > self.count[cls.id]:
                self.out.problems.append(Problem("nested-same", pos, mark))
        self._push(pos, mark, cls)

    def _push(self, pos: int, mark: str, cls: MarkClass) -> None:
        self.by_family.setdefault(cls.family, []).append(len(self.stack))
        self.stack.append(_Open(pos, mark, cls))
        self.count[cls.id] = self.count.get(cls.id, 0) + 1

    def _pop(self) -> _Open:
        entry = self.stack.pop()
        self.count[entry.cls.id] -= 1
        self.by_family[entry.cls.family].pop()
        return entry

    def _innermost(self, family: str) -> MarkClass | None:
        indices = self.by_family.get(family)
        return self.stack[indices[-1]].cls if indices else None

    def _is_outer(self, cls: MarkClass) -> bool:
        nesting = self.table.nesting.get(cls.family)
        return nesting is not None and nesting.outer == cls.id

    # -- closers ------------------------------------------------------------------------------

    def _dropped_of(self, cls: MarkClass) -> _Open | None:
        entries = self.dropped.get(cls.id)
        return entries[-1] if entries else None

    def _drop(self, entry: _Open, by: int) -> None:
        entry.dropped_by = by
        self.dropped.setdefault(entry.cls.id, []).append(entry)
        if entry.cls.family == "quote":
            self.dropped_quotes += 1

    def _undrop(self, cls: MarkClass) -> _Open:
        entry = self.dropped[cls.id].pop()
        if cls.family == "quote":
            self.dropped_quotes -= 1
        return entry

    def _close(self, pos: int, mark: str, cls: MarkClass, ahead: dict) -> None:
        if self.count.get(cls.id):
            if self.stack[-1].cls is not cls and self._spare(cls, ahead):
                # Enough closers of this class follow to close every open one: this closer is
                # the stray, and the openers above its partner are not missing anything.
                self.out.problems.append(Problem("unopened", pos, mark))
                return
            while self.stack[-1].cls is not cls:
                self._drop(self._pop(), pos)
            opener = self._pop()
            self._pair(opener, pos)
            return
        if self._dropped_of(cls) is not None:
            dropped = self._undrop(cls)
            self.out.problems.append(Problem("crossed", pos, mark, dropped.pos, dropped.dropped_by))
            self.out.partner[dropped.pos] = pos
            self.out.partner[pos] = dropped.pos
            return
        if cls.family == "quote":
            openers_ahead = ahead.get((cls.id, True), 0)
            closers_ahead = ahead.get((cls.id, False), 0)
            if closers_ahead > openers_ahead:
                # A surplus closer comes later: this one was meant to open.
                self.out.problems.append(Problem("direction", pos, mark))
                self._push(pos, mark, cls)
                return
        self.out.problems.append(Problem("unopened", pos, mark))

    @staticmethod
    def _surplus(cls: MarkClass, ahead: dict) -> int:
        """Closers of ``cls`` later in the line that later openers will not take."""
        return ahead.get((cls.id, False), 0) - ahead.get((cls.id, True), 0)

    def _spare(self, cls: MarkClass, ahead: dict) -> bool:
        return self._surplus(cls, ahead) >= self.count[cls.id]

    def _pair(self, opener: _Open, close_pos: int) -> None:
        self.out.partner[opener.pos] = close_pos
        self.out.partner[close_pos] = opener.pos
        nesting = self.table.nesting.get(opener.cls.family)
        if nesting is not None and opener.cls.id == nesting.inner and self._innermost(opener.cls.family) is None:
            self.out.problems.append(Problem("inner-outside", opener.pos, opener.mark, close_pos))

    def flush(self, quote_goes_on: int | None = None) -> None:
        """End of a unit: whatever is still open was never closed.

        ``quote_goes_on`` is the offset of a quote that opens the paragraph and goes on into the
        next one: a quotation of several paragraphs opens each of them and closes only the last
        (GB/T 15834-2011 4.1.3.6), so that quote is not unclosed.
        """
        leftovers = [entry for entries in self.dropped.values() for entry in entries] + self.stack
        leftovers.sort(key=lambda entry: entry.pos)
        for entry in leftovers:
            if entry.pos == quote_goes_on:
                continue
            self.out.problems.append(Problem("unclosed", entry.pos, entry.mark, between=entry.dropped_by))
        self.stack.clear()
        self.dropped.clear()
        self.dropped_quotes = 0
        self.by_family.clear()
        self.count.clear()


def marker_spans(doc: Document) -> dict[int, tuple[int, int]]:
    """Heading markers by line number: "(1)" and "1）" are heading forms, not brackets."""
    return doc.fact("lawlint.brackets.markers",
                    lambda d: {h.line.number: (h.marker_span.start, h.marker_span.end) for h in d.headings})


def _next_content_line(lines: list[Line], index: int) -> Line | None:
    if index + 1 < len(lines) and lines[index + 1].content:
        return lines[index + 1]
    return None


def _multi_paragraph_quote(lines: list[Line], index: int) -> int | None:
    """The offset of the opening quote of a paragraph that a quotation carries on from."""
    line = lines[index]
    if not line.content.startswith("“"):
        return None
    for following in lines[index + 1:]:
        if following.content:
            if following.content.startswith("“"):
                return line.stripped_span.start
            return None
    return None


# Pairs nest three deep in a report ("《…〈…（…）…〉…》"), and a round of removals takes off one
# level or more.  What a few rounds leave is left to the matcher: a round for every level of a
# pathological nesting would be quadratic in its depth.
_REDUCE_ROUNDS = 4


def _reduce(sequence: str, table: PairTable) -> str:
    """``sequence`` without its pairs (an opener right before a closer of its class), removed
    with str.replace in a few rounds: what is left is unbalanced, or nested deeper."""
    for _ in range(_REDUCE_ROUNDS):
        length = len(sequence)
        for pair in table.pairs:
            sequence = sequence.replace(pair, "")
        if len(sequence) in (length, sequence.count("\n")):
            break  # nothing more to remove, or nothing but line ends left
    return sequence


def _lines_to_walk(doc: Document, table: PairTable) -> list[int]:
    """Indices of the lines the matcher must walk, in order.

    Most lines of a report pair their marks plainly: "《A〈B（C）〉》" nests, nothing is missing,
    and the matcher would report nothing and record partners no rule asks for.  Such lines are
    found with a few regex calls over the document's mark sequence (its marks and line ends
    only), with the pairs reduced away; the matcher walks the rest.
    """
    # Line i's marks follow the (i+1)-th "\n": "\n《》“”\n\n（）…".
    sequence = "\n" + "".join(table.mark_or_line_end.findall(doc.text))
    if len(sequence) == sequence.count("\n"):
        return []  # no mark at all
    residue = _reduce(sequence, table)
    walk: set[int] = set()
    if len(residue) != residue.count("\n"):
        walk.update(index for index, marks in enumerate(residue.split("\n")[1:]) if marks)
    suspects = list(table.suspect.finditer(sequence))
    for opener, outside_outer in table.outside_outer.items():
        if opener in sequence:
            suspects += outside_outer.finditer(sequence)
    walk.update(sequence.count("\n", 0, match.end()) - 1 for match in suspects)
    # A heading marker's marks are skipped: the rest of a line that pairs up still pairs up when
    # the marker's own marks do ("（一）"), as they do in every usual marker form.  A marker
    # written in its usual form (``canonical_marker``: "一、", "（一）", "1.", "（1）") does; the
    # others are reduced as the document is, one a line.
    unusual = [heading for heading in doc.headings
               if heading.number is None or heading.marker != heading.canonical_marker]
    markers = table.no_mark.sub("", "\n".join(map(attrgetter("marker"), unusual)))
    if len(markers) != markers.count("\n"):
        residue = _reduce(markers, table)
        if len(residue) != residue.count("\n"):
            walk.update(heading.line.number - 1 for heading, marks in zip(unusual, residue.split("\n")) if marks)
    return sorted(walk)


def _analyse(doc: Document) -> Analysis:
    table = pair_table()
    analysis = Analysis()
    walk = _lines_to_walk(doc, table)
    if not walk:
        return analysis
    markers = marker_spans(doc)
    matcher = _Matcher(table, analysis)
    title_numbers = [line.number for line in doc.title_block.title_lines]
    last_title = title_numbers[-1] if title_numbers else None
    lines = doc.lines
    index = 0
    for start in walk:
        if start < index:
            continue  # already walked as part of an earlier unit
        index = start
        # A line that leaves marks open carries them into the lines after it (a hard-wrapped
        # paragraph, a split title): walk on until the unit ends.
        while index < len(lines):
            line = lines[index]
            if line.content:
                _feed_line(matcher, lines, index, markers, title_numbers, last_title)
            index += 1
            if matcher.idle:
                break
    matcher.flush()
    analysis.problems.sort(key=lambda p: p.pos)
    return analysis


def _feed_line(matcher: _Matcher, lines: list[Line], index: int, markers: dict[int, tuple[int, int]],
               title_numbers: list[int], last_title: int | None) -> None:
    """Feed line ``index`` to the matcher and flush the unit when it ends with that line."""
    line = lines[index]
    matcher.feed(line, markers.get(line.number))
    if matcher.idle:
        return
    if line.number in title_numbers and line.number != last_title and not matcher.holds_quote:
        return  # a title split over several lines is one unit
    following = _next_content_line(lines, index)
    if (following is not None and not matcher.holds_quote and line.number not in markers
            and not line.content.endswith(_SENTENCE_END)
            and following.number not in markers and following.number not in title_numbers):
        return  # a hard-wrapped paragraph
    matcher.flush(_multi_paragraph_quote(lines, index))


def analyse(doc: Document) -> Analysis:
    """Every paired mark of ``doc`` matched once; shared by the P1 and P2 rules."""
    return doc.fact("lawlint.brackets.analysis", _analyse)


# ---------------------------------------------------------------------------------------------
# Rules


def _where(doc: Document, pos: int) -> str:
    line, column = doc.position(pos)
    return f"第{line}行第{column}列"


def _label(mark: str) -> str:
    """"左圆括号“（”", or "左双引号（“）" where quoting a quote mark would read badly."""
    cls, is_open = pair_table().role[mark]
    name = cls.name_open if is_open else cls.name_close
    return f"{name}（{mark}）" if cls.family == "quote" else f"{name}“{mark}”"


class UnbalancedMark(Rule):
    """Every bracket, 书名号 and quotation mark needs its partner within the paragraph.

    A lost "）" or "”" makes the reader guess where a parenthesis, a quotation or a cited title
    ends — and a cited document's title with a broken 书名号 cannot be checked at all.  The mark
    reported is the one without a partner; a mark lost inside an outer pair is reported once,
    when the outer pair closes, not again for every later bracket.
    """

    code = "P101"
    name = "unbalanced-mark"
    severity = Severity.ERROR
    summary = "括号、书名号或引号不配对"
    norm = f"{_GBT15834} 4.1 引号、4.9 括号、4.15 书名号：成对使用"
    bad = "认真研读《法治政府建设实施纲要（2021—2025年》主要内容。\n"
    good = "认真研读《法治政府建设实施纲要（2021—2025年）》主要内容。\n"
    fixable = True

    def check(self, doc, ctx):
        table = pair_table()
        for problem in analyse(doc).of_kind("unclosed", "unopened"):
            cls, _ = table.role[problem.mark]
            if problem.kind == "unopened":
                yield self.finding(problem.pos, problem.pos + 1,
                                   f"{_label(problem.mark)}前面没有与之配对的{_label(cls.open)}")
                continue
            message = f"{_label(problem.mark)}没有与之配对的{_label(cls.close)}"
            fix = None
            if problem.between is not None:
                closer = doc.text[problem.between]
                message += f"，应在{_where(doc, problem.between)}的“{closer}”之前补上"
                fix = Fix.replace(problem.between, problem.between, cls.close,
                                  f"在“{closer}”前补“{cls.close}”", applicability=Applicability.UNSAFE)
            elif cls.family == "quote":
                message += "，引号到段末仍未闭合"
            yield self.finding(problem.pos, problem.pos + 1, message, fix=fix)


class CrossedMarks(Rule):
    """Pairs must nest, not cross: "《A（B》C）" closes the 书名号 while the bracket is still open.

    Crossed pairs usually mean a closing mark was typed in the wrong place; the title or the
    parenthesis no longer says what it encloses.  The late closer is reported with the position
    of its partner.
    """

    code = "P102"
    name = "crossed-marks"
    severity = Severity.ERROR
    summary = "括号、书名号或引号交叉嵌套"
    norm = f"{_GBT15834} 4.9、4.15、4.1：成对标号内外嵌套，不得交叉"
    bad = "学习《法治政府建设实施纲要（2021—2025年》）精神。\n"
    good = "学习《法治政府建设实施纲要（2021—2025年）》精神。\n"

    def check(self, doc, ctx):
        for problem in analyse(doc).of_kind("crossed"):
            opener = doc.text[problem.partner]
            inner = doc.text[problem.between] if problem.between is not None else ""
            message = (f"{_label(problem.mark)}与{_where(doc, problem.partner)}的“{opener}”配对，"
                       f"但二者之间的“{inner}”已先闭合了外层，成对标号交叉嵌套")
            yield self.finding(problem.pos, problem.pos + 1, message)


class NestingOrder(Rule):
    """书名号 inside 书名号 use 〈〉, quotes inside quotes use ‘’ — and never the other way round.

    "《关于印发《实施纲要》的通知》" and "“要把‘法治’和“德治”结合”" make the reader count marks to find
    where each title or quotation ends; GB/T 15834 fixes double marks outside and single marks
    inside so the levels can be told apart at a glance.
    """

    code = "P103"
    name = "nesting-order"
    severity = Severity.WARNING
    summary = "书名号、引号嵌套层次用错（内层应为〈〉、‘’）"
    norm = f"{_GBT15834} 4.15.3.2 书名号内再用单书名号；4.1.3.4 双引号内再用单引号"
    bad = "印发《关于印发《实施方案》的通知》。\n"
    good = "印发《关于印发〈实施方案〉的通知》。\n"
    fixable = True

    def check(self, doc, ctx):
        table = pair_table()
        analysis = analyse(doc)
        for problem in analysis.of_kind("nested-same", "inner-outside"):
            if problem.mark in (doc.text[problem.pos - 1:problem.pos], doc.text[problem.pos + 1:problem.pos + 2]):
                continue  # a doubled mark ("《《民法典》》") is a slip for one, reported by P209
            cls, _ = table.role[problem.mark]
            nesting = table.nesting[cls.family]
            outer, inner = table.classes[nesting.outer], table.classes[nesting.inner]
            close_pos = analysis.partner.get(problem.pos)
            if problem.kind == "nested-same":
                message = f"{outer.display}里面再用{cls.display}时，内层应改用{inner.display}"
                marks = (inner.open, inner.close)
            else:
                if close_pos is None or not _HAN.search(doc.text, problem.pos, close_pos):
                    continue
                message = f"{inner.display}只用于{outer.display}的里层，此处在最外层，应改用{outer.display}"
                marks = (outer.open, outer.close)
            fix = None
            if close_pos is not None:
                fix = Fix(f"改为“{marks[0]}{marks[1]}”",
                          (Edit(problem.pos, problem.pos + 1, marks[0]), Edit(close_pos, close_pos + 1, marks[1])))
            yield self.finding(problem.pos, problem.pos + 1, message, fix=fix)


_HAN = lazy(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class QuoteDirection(Rule):
    """A closing quote typed as an opening one (“A“) or the reverse (”A”) reads as a broken quote.

    Word processors and input methods turn a straight quote into a curly one by guessing; after a
    Chinese character they often guess wrong.  The mark is reported only when the other quotes of
    the paragraph show which way it should face.
    """

    code = "P104"
    name = "quote-direction"
    severity = Severity.WARNING
    summary = "引号方向用反（前引号写成后引号或相反）"
    norm = f"{_GBT15834} 4.1：引号由前引号和后引号组成，成对使用"
    bad = "严格落实“三项制度“要求。\n"
    good = "严格落实“三项制度”要求。\n"
    fixable = True

    def check(self, doc, ctx):
        table = pair_table()
        for problem in analyse(doc).of_kind("direction"):
            cls, is_open = table.role[problem.mark]
            wanted = cls.close if is_open else cls.open
            yield self.finding(
                problem.pos, problem.pos + 1,
                f"引号方向用反：此处应为{_label(wanted)}",
                fix=Fix.replace(problem.pos, problem.pos + 1, wanted, f"改为“{wanted}”",
                                applicability=Applicability.UNSAFE),
            )


@hookimpl
def lawlint_rules():
    return [UnbalancedMark, CrossedMarks, NestingOrder, QuoteDirection]


@hookimpl
def lawlint_data_versions():
    return {"punctuation_pairs": _version()}
