"""Turn report text into a Document: lines → grammar → title/closing blocks → section tree."""

from __future__ import annotations

import os
import re
from collections import namedtuple
from functools import lru_cache, partial
from itertools import accumulate, count, repeat
from operator import add

from .document import (
    ClosingBlock,
    Document,
    Heading,
    Line,
    Paragraph,
    Section,
    Span,
    TitleBlock,
)
from . import headingmatch
from .headingmatch import HEADING_RULES, HeadingMatcher, build_spec
from .numerals import chinese_to_int, int_to_chinese, to_ascii_digits
from .regexhint import lazy

GRAMMAR_PACKAGE = "lawlint.grammars"
GRAMMAR_FILE = "report.lark"


@lru_cache(maxsize=1)
def grammar_text() -> str:
    # The package's folder, not importlib.resources: that import alone costs ~9 ms of a start,
    # and pip installs a wheel as files, never as a zip.
    from importlib import import_module

    folder = os.path.dirname(import_module(GRAMMAR_PACKAGE).__file__)
    with open(os.path.join(folder, GRAMMAR_FILE), encoding="utf-8") as file:
        return file.read()


@lru_cache(maxsize=1)
def _parser():
    from lark import Lark

    options = dict(parser="lalr", propagate_positions=False, maybe_placeholders=False)
    try:
        return Lark(grammar_text(), cache=True, **options)
    except OSError:  # an unwritable temp dir must not stop a lint
        return Lark(grammar_text(), **options)


def normalise_newlines(text: str) -> str:
    if "\r" not in text:  # most texts: one search instead of two
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_lines(text: str) -> list[Line]:
    return _lines(text.split("\n"))


def _starts(chunks: list[str]) -> list[int]:
    """Where each of a text's "\\n"-separated chunks starts (each chunk and its "\\n")."""
    starts = list(accumulate(map(add, map(len, chunks), repeat(1)), initial=0))
    starts.pop()  # where a chunk after the last would start
    return starts


def _lines(chunks: list[str], starts: list[int] | None = None) -> list[Line]:
    """The Lines of a text's "\\n"-separated chunks (which start at ``starts``, when known), made
    by tuple.__new__ rather than by Line's own __new__ (Python code): a report has dozens to
    hundreds of lines."""
    return list(map(partial(tuple.__new__, Line), zip(count(1), starts or _starts(chunks), chunks)))


# ---------------------------------------------------------------------------------------------
# Line classification (the grammar)

_HEADING_RULES = HEADING_RULES


@lru_cache(maxsize=1)
def _matcher() -> HeadingMatcher:
    """The grammar's heading lines as one regex (lawlint.headingmatch), built once and kept."""
    from .buildcache import compile_regex

    return HeadingMatcher(_heading_spec(), compile_regex)


def _heading_spec() -> dict:
    """The spec shipped with lawlint when the grammar is the one it was built from (importing lark
    and loading the grammar would cost ~60 ms of a start), else built from the grammar and kept."""
    from .buildcache import plain_build
    from .digest import sha256

    grammar = grammar_text().encode("utf-8")
    if sha256(grammar).hexdigest() == headingmatch.SHIPPED_GRAMMAR_SHA256:
        return headingmatch.SHIPPED_SPEC
    with open(headingmatch.__file__, "rb") as file:
        source = grammar + file.read()
    return plain_build("heading-lines", source, lambda: build_spec(_parser()))


def _heading_lines(chunks: list[str]) -> dict[int, re.Match | tuple[str, list, int]]:
    """The heading lines of a text already split at its "\\n", by 1-based line number: the
    heading regex's match where it reads the line in full (``_heading_from_match`` reads the
    heading off its groups, cheaper than cutting tokens), else the LALR parser's (rule, tokens,
    lead) for a line that starts as a heading.  Token columns count from the first non-blank
    character of the line; ``lead`` is the number of blank characters before it."""
    match = _matcher().match
    unread = _readings().unread
    out: dict[int, re.Match | tuple[str, list, int]] = {}
    for number, line in enumerate(chunks, start=1):
        found = match(line)
        if found is None:
            continue
        if found.lastindex in unread:
            found = _classify_line(line)
            if found is None:
                continue
        out[number] = found
    return out


def _classify_line(line: str) -> tuple[str, list, int] | None:
    """(rule, tokens, lead) when ``line`` is a heading, else None.  Never raises."""
    from lark.exceptions import LarkError

    body = line.lstrip()
    lead = len(line) - len(body)
    for candidate, shift in ((body, lead), (body.rstrip(), lead)):
        try:
            tree = _parser().parse(candidate)
        except LarkError:
            continue
        for child in tree.children:
            if child.data in _HEADING_RULES:
                return child.data, _tokens(child), shift
        return None
    return None


def _tokens(heading_tree) -> list[tuple[str, int, str]]:
    """(terminal, column, text) of a heading's tokens in order: its own, and its title's and body's."""
    tokens = []
    for child in heading_tree.children:
        for token in (child,) if hasattr(child, "type") else child.children:
            tokens.append((token.type, token.column, str(token)))
    return tokens


# Blanks a written marker may hold ("（ 一 ）"), which the marker as read leaves out.
_MARKER_BLANKS = str.maketrans("", "", " \t\u3000")


_NUMBER_TERMINALS = frozenset(("CN_NUM", "CN_NUM_IN_PAREN", "AR_NUM", "AR_NUM_IN_PAREN", "AR_NUM_BEFORE_PAREN"))
_TEXT_TERMINALS = frozenset(("TITLE", "FULL_STOP", "BODY"))


def _heading_from_tokens(rule: str, tokens: list[tuple[str, int, str]], line: Line, lead: int = 0) -> Heading:
    """The Heading of a line the grammar cut into (terminal, 1-based column, text) tokens: the
    marker's (one of them the numeral), then a title, a full stop and a body, each optional."""
    level = _HEADING_RULES[rule]
    base = line.start + lead - 1  # token columns are 1-based from the first non-blank character
    number_text = title = body = None
    marker_end = 0
    for kind, column, text in tokens:
        if kind not in _TEXT_TERMINALS:
            marker_end = base + column + len(text)
            if kind in _NUMBER_TERMINALS:
                number_text = text
        elif kind == "TITLE":
            title = column, text
        elif kind == "BODY":
            body = column, text
    if level <= 2:
        number = chinese_to_int(number_text)
    else:
        number = int(to_ascii_digits(number_text))

    marker_start = base + tokens[0][1]
    marker = line.text[marker_start - line.start:marker_end - line.start].translate(_MARKER_BLANKS)

    if title is None:
        title, title_span = "", Span(marker_end, marker_end)
    else:
        title, title_span = _trimmed(title, base)
    if body is not None:
        body, body_span = _trimmed(body, base)
    if not body:
        body = body_span = None

    canonical = canonical_marker(level, number) if number is not None else marker
    return Heading(level, number, number_text, marker, canonical, line, Span(marker_start, marker_end),
                   title, title_span, body, body_span)


def _trimmed(token: tuple[int, str], base: int) -> tuple[str, Span]:
    """A title's or body's text without surrounding blanks, and its span."""
    column, raw = token
    text = raw.strip()
    start = base + column + len(raw) - len(raw.lstrip())
    return text, Span(start, start + len(text))


# Where a heading's parts are in a match of the heading regex that ends at one end group: the
# numbers of the groups of its terminals (HeadingMatcher.ends says which is which): level,
# numeral; marker, the marker's first terminal, which every match holds; marker_last, its
# terminals, last first (the first that matched ends it); title and body (or None).
_Reading = namedtuple("_Reading", "level numeral marker marker_last title body")
# by_end: the _Readings by the number of the group that ends a heading match; unread: the end
# groups of lines that only the parser can read (a frozenset).
_Readings = namedtuple("_Readings", "by_end unread")


@lru_cache(maxsize=1)
def _readings() -> _Readings:
    by_end, unread = {}, set()
    for end, (rule, cut) in _matcher().ends.items():
        if rule is None:
            unread.add(end)
            continue
        groups = {name: group for group, name in cut}
        marker = [group for group, name in cut if name not in _TEXT_TERMINALS]
        by_end[end] = _Reading(
            level=_HEADING_RULES[rule],
            numeral=next(group for group, name in cut if name in _NUMBER_TERMINALS),
            marker=marker[0],
            marker_last=tuple(reversed(marker)),
            title=groups.get("TITLE"),
            body=groups.get("BODY"),
        )
    return _Readings(by_end, frozenset(unread))


_new_span = partial(tuple.__new__, Span)  # Span((start, end)) without NamedTuple's __new__ in Python


def _heading_from_match(match: re.Match, line: Line, by_end: dict[int, _Reading] | None = None) -> Heading:
    """The Heading that ``_heading_from_tokens`` makes of ``match``'s tokens, read off the groups
    of the match (of the line with its residue masked) without making the tokens: ~3× quicker.
    ``by_end`` is ``_readings().by_end`` (looked up once by a caller that reads many headings)."""
    reading = (by_end or _readings().by_end)[match.lastindex]
    level = reading.level
    start = line.start
    masked = match.string
    number_text = match.group(reading.numeral)
    # int() reads full-width digits as the ASCII ones.
    number = chinese_to_int(number_text) if level <= 2 else int(number_text)

    marker_start = match.start(reading.marker)
    for group in reading.marker_last:
        marker_end = match.end(group)
        if marker_end >= 0:
            break
    # Blanks a written marker may hold ("（ 一 ）") are left out, as _MARKER_BLANKS does
    # (str.replace hands back the string itself when there is nothing to replace: most markers).
    marker = line.text[marker_start:marker_end].replace(" ", "").replace("\t", "").replace("\u3000", "")

    # The title and the body without surrounding blanks, as _trimmed does (written out here:
    # a call for each costs more than the rest of the work on a title).  str.strip hands back
    # the string itself when there is nothing to strip: most titles and bodies.
    title_start, title_end = match.span(reading.title)
    if title_start < 0:
        title, title_span = "", _new_span((start + marker_end, start + marker_end))
    else:
        raw = masked[title_start:title_end]
        title = raw.strip()
        if title is not raw:
            title_start = title_end - len(raw.lstrip())
        title_span = _new_span((start + title_start, start + title_start + len(title)))
    body = body_span = None
    if reading.body is not None:
        body_start, body_end = match.span(reading.body)
        if body_start >= 0:
            raw = masked[body_start:body_end]
            body = raw.strip()
            if not body:
                body = None
            else:
                if body is not raw:
                    body_start = body_end - len(raw.lstrip())
                body_span = _new_span((start + body_start, start + body_start + len(body)))

    canonical = canonical_marker(level, number) if number is not None else marker
    return Heading(level, number, number_text, marker, canonical, line,
                   _new_span((start + marker_start, start + marker_end)), title, title_span, body, body_span)


@lru_cache(maxsize=None)  # a few hundred (level, number) pairs at most: numerals have 1–4 characters
def canonical_marker(level: int, number: int) -> str:
    if level == 1:
        return f"{int_to_chinese(number)}、"
    if level == 2:
        return f"（{int_to_chinese(number)}）"
    if level == 3:
        return f"{number}."
    return f"（{number}）"


# ---------------------------------------------------------------------------------------------
# Title and closing blocks

# Endings of the names of issuing organs; a short line ending so is an issuer, not a title line.
_ISSUER_ENDS = ("人民政府", "政府", "委员会", "党委", "党工委", "办事处", "街道", "镇", "乡", "局", "委", "办", "办公室",
                "中心", "厅", "部", "院", "所", "站", "公司", "司法局")
_SENTENCE_ENDS = ("。", "；", ";", "！", "!", "？", "?", "，", ",")
_DATE_LINE = lazy(
    r"^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"
    r"|^(?:\d{4}|[〇零一二三四五六七八九]{4})年[〇零一二三四五六七八九十]{1,2}月[〇零一二三四五六七八九十]{1,3}日$"
)
_TITLE_SEARCH_LINES = 6
_SHORT_LINE = 40
# The most signature lines a closing block holds (with a date and a cc line after them).
_CLOSING_SIGNATURES = 3


def _find_title_block(lines: list[Line], heading_lines: dict[int, object]) -> TitleBlock:
    # The opening non-empty lines that may be title lines, with their content (each stripped once).
    candidates: list[tuple[Line, str]] = []
    for line in lines:
        content = line.text.strip()
        if not content:
            continue
        if line.number in heading_lines or len(content) > _SHORT_LINE or content.endswith(_SENTENCE_ENDS):
            break
        if content.endswith(("：", ":")):
            break
        candidates.append((line, content))
        if len(candidates) >= _TITLE_SEARCH_LINES:
            break
    if not candidates:
        return TitleBlock()

    end = len(candidates) - 1
    for i, (_line, content) in enumerate(candidates):
        if content.endswith("报告"):
            end = i
            break
    block = candidates[: end + 1]

    first_title = len(block) - 1
    while first_title > 0 and not block[first_title - 1][1].endswith(_ISSUER_ENDS):
        first_title -= 1
    # A title line that is itself an issuer name ("xx人民政府") cannot be the whole title.
    issuers = [line for line, _content in block[:first_title]]
    titles = [line for line, _content in block[first_title:]]

    addressee = None
    for nxt in lines[block[-1][0].number:]:  # lines[n] is line n + 1
        content = nxt.text.strip()
        if content:
            if len(content) <= 30 and content.endswith(("：", ":")) and nxt.number not in heading_lines:
                addressee = nxt
            break
    return TitleBlock(issuers, titles, addressee)


def _find_closing_block(lines: list[Line], heading_lines: dict[int, object], first_body_line: int) -> ClosingBlock:
    # The non-empty lines of the body, last first, with their content: read only as far as the
    # block goes (most reports end with no date line, so after one or two).
    contents = ((line, content) for line in reversed(lines[first_body_line - 1:]) if (content := line.text.strip()))
    last = next(contents, None)
    cc = None
    if last is not None and last[1].startswith("抄送"):
        cc = last[0]
        last = next(contents, None)
    if last is None or not _DATE_LINE.match(last[1]):
        return ClosingBlock(cc=cc)
    signatures: list[Line] = []
    for line, content in contents:
        if (line.number in heading_lines or len(content) > _SHORT_LINE or content.endswith(_SENTENCE_ENDS)
                or not content.endswith(_ISSUER_ENDS)):
            break
        signatures.insert(0, line)
        if len(signatures) == _CLOSING_SIGNATURES:
            break
    return ClosingBlock(signatures, last[0], cc)


# Residue that word-processor conversion leaves in front of a heading ("[bookmark: _GoBack]（二）…")
# or inside it: a Word bookmark or a zero-width character.  It is blanked, length for length,
# before the lines are classified, so the heading is still seen and every position stays that of
# the original text.  Rules report the residue.  _RESIDUE is its definition as one pattern, which
# _mask_residue and RESIDUE_OPENINGS follow (the tests check both against it).
_RESIDUE = lazy(r"\[bookmark: [^\]\n]*\]|[\u200b-\u200d\u2060\ufeff]")
# How every piece of residue begins: a text holding none of these is parsed as written.
RESIDUE_OPENINGS = ("[bookmark: ", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
# _mask_residue blanks it in two steps, each much quicker than _RESIDUE: a pattern that starts
# with a character class holding CJK-range characters is tried at every position (~90 µs a
# report), one that starts with a literal is searched for as a string, and a character is
# replaced by str.replace.
_BOOKMARK = lazy(r"\[bookmark: [^\]\n]*\]")
_ZERO_WIDTH = RESIDUE_OPENINGS[1:]
# The document fact (see Document.fact) that says whether the parse blanked residue: it sets it.
RESIDUE_FACT = "parse.residue"


def _mask_residue(text: str) -> str:
    """``text`` with its residue blanked (as ``_RESIDUE`` finds it); ``text`` itself when it
    holds none.  Bookmarks go first, blanked whole with any zero-width character inside them."""
    if RESIDUE_OPENINGS[0] in text:
        text = _BOOKMARK.sub(_blanks, text)
    for char in _ZERO_WIDTH:
        if char in text:
            text = text.replace(char, " ")
    return text


def _blanks(match: re.Match) -> str:
    return " " * len(match.group())


# ---------------------------------------------------------------------------------------------
# The document


def parse_document(text: str, path: str = "-", meta: dict | None = None) -> Document:
    """Parse report text (any line ends) into a Document.  Never raises on odd text."""
    text = normalise_newlines(text)
    chunks = text.split("\n")
    starts = _starts(chunks)
    lines = _lines(chunks, starts)
    masked = _mask_residue(text)
    classified = _heading_lines(chunks if masked is text else masked.split("\n"))

    # The title block holds every non-empty line before the body, and the closing block every
    # one after it (each is a run of the non-empty lines at its end of the text, in order).
    title_block = _find_title_block(lines, classified)
    title_lines = title_block.lines
    first_body = title_lines[-1].number + 1 if title_lines else 1
    closing = _find_closing_block(lines, classified, first_body)
    closing_lines = closing.lines
    body_end = closing_lines[0].number - 1 if closing_lines else len(lines)

    # Headings and paragraphs in text order; each heading opens a section under the nearest
    # open section of a higher level, and a paragraph goes to the innermost open section.
    headings: list[Heading] = []
    paragraphs: list[Paragraph] = []
    root = Section(0, None)
    open_sections = [root]
    by_end = _readings().by_end
    for line in lines[first_body - 1:body_end]:
        found = classified.get(line.number)
        if found is not None:
            if found.__class__ is tuple:  # read by the parser
                heading = _heading_from_tokens(found[0], found[1], line, found[2])
            else:
                heading = _heading_from_match(found, line, by_end)
            headings.append(heading)
            while open_sections[-1].level >= heading.level:
                open_sections.pop()
            section = Section(heading.level, heading, open_sections[-1])
            open_sections[-1].children.append(section)
            open_sections.append(section)
            if heading.body is not None and heading.body_span is not None:
                para = Paragraph(heading.body_span, heading.body, line, True)
                paragraphs.append(para)
                section.paragraphs.append(para)
            continue
        written = line.text
        indented = written.lstrip()
        if indented:
            content = indented.rstrip()
            start = line.start + len(written) - len(indented)
            para = Paragraph(_new_span((start, start + len(content))), content, line)
            paragraphs.append(para)
            open_sections[-1].paragraphs.append(para)

    facts = {RESIDUE_FACT: masked is not text}
    return Document(text, lines, path, title_block, closing, root, headings, paragraphs, dict(meta or {}), facts,
                    starts)


def has_residue(doc: Document) -> bool:
    """Whether the parse may have blanked conversion residue (see ``_mask_residue``) in the
    headings and their run-in bodies; False when they read the text as written.  Known from the
    parse for a document it made."""
    return doc.fact(RESIDUE_FACT, lambda d: any(opening in d.text for opening in RESIDUE_OPENINGS))
