"""Turn report text into a Document: lines → grammar → title/closing blocks → section tree."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

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
from .headingmatch import HEADING_RULES, UNREAD, HeadingMatcher, build_spec
from .numerals import chinese_to_int, int_to_chinese, to_ascii_digits
from .regexhint import lazy

GRAMMAR_PACKAGE = "lawlint.grammars"
GRAMMAR_FILE = "report.lark"


@lru_cache(maxsize=1)
def grammar_text() -> str:
    # The package's folder, not importlib.resources: that import alone costs ~9 ms of a start,
    # and pip installs a wheel as files, never as a zip.
    from importlib import import_module

    folder = Path(import_module(GRAMMAR_PACKAGE).__file__).parent
    return (folder / GRAMMAR_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _parser():
    from lark import Lark

    options = dict(parser="lalr", propagate_positions=False, maybe_placeholders=False)
    try:
        return Lark(grammar_text(), cache=True, **options)
    except OSError:  # an unwritable temp dir must not stop a lint
        return Lark(grammar_text(), **options)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    offset = 0
    for number, chunk in enumerate(text.split("\n"), start=1):
        lines.append(Line(number=number, start=offset, text=chunk))
        offset += len(chunk) + 1
    return lines


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
    import hashlib

    from .buildcache import json_build

    grammar = grammar_text().encode("utf-8")
    if hashlib.sha256(grammar).hexdigest() == headingmatch.SHIPPED_GRAMMAR_SHA256:
        return headingmatch.SHIPPED_SPEC
    source = grammar + Path(headingmatch.__file__).read_bytes()
    return json_build("heading-lines", source, lambda: build_spec(_parser()))


def _classify(text: str) -> dict[int, tuple[str, list, int]]:
    """Map 1-based line numbers of heading lines to (rule name, tokens, lead).

    Token columns count from the first non-blank character of the line; ``lead`` is the number
    of blank characters before it.  A candidate line the heading regex cannot read in full goes
    to the LALR parser.
    """
    classify = _matcher().classify
    out: dict[int, tuple[str, list, int]] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        found = classify(line)
        if found is None:
            continue
        if found is UNREAD:
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


_MARKER_BLANKS = lazy(r"[ \t\u3000]")


_NUMBER_TERMINALS = ("CN_NUM", "CN_NUM_IN_PAREN", "AR_NUM", "AR_NUM_IN_PAREN", "AR_NUM_BEFORE_PAREN")
_TEXT_TERMINALS = ("TITLE", "FULL_STOP", "BODY")


def _heading_from_tokens(rule: str, tokens: list[tuple[str, int, str]], line: Line, lead: int = 0) -> Heading:
    """The Heading of a line the grammar cut into (terminal, 1-based column, text) tokens."""
    level = _HEADING_RULES[rule]
    by_type: dict[str, tuple[int, str]] = {}
    marker_end = 0
    base = line.start + lead - 1  # token columns are 1-based from the first non-blank character
    for kind, column, text in tokens:
        by_type.setdefault(kind, (column, text))
        if kind not in _TEXT_TERMINALS:
            marker_end = base + column + len(text)
    number_text = next(by_type[kind][1] for kind in _NUMBER_TERMINALS if kind in by_type)
    if level in (1, 2):
        number = chinese_to_int(number_text)
    else:
        number = int(to_ascii_digits(number_text))

    marker_start = base + tokens[0][1]
    marker = _MARKER_BLANKS.sub("", line.text[marker_start - line.start:marker_end - line.start])

    title, title_span = _trimmed(by_type.get("TITLE"), base) if "TITLE" in by_type else ("", None)
    if title_span is None:
        title_span = Span(marker_end, marker_end)
    body, body_span = _trimmed(by_type["BODY"], base) if "BODY" in by_type else ("", None)
    if not body:
        body = body_span = None

    return Heading(
        level=level,
        number=number,
        number_text=number_text,
        marker=marker,
        canonical_marker=canonical_marker(level, number) if number is not None else marker,
        line=line,
        marker_span=Span(marker_start, marker_end),
        title=title,
        title_span=title_span,
        body=body,
        body_span=body_span,
    )


def _trimmed(token: tuple[int, str], base: int) -> tuple[str, Span]:
    """A title's or body's text without surrounding blanks, and its span."""
    column, raw = token
    text = raw.strip()
    start = base + column + len(raw) - len(raw.lstrip())
    return text, Span(start, start + len(text))


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
_ISSUER_END = lazy(
    r"(人民政府|政府|委员会|党委|党工委|办事处|街道|镇|乡|局|委|办|办公室|中心|厅|部|院|所|站|公司|司法局)$"
)
_SENTENCE_END = lazy(r"[。；;！!？?，,]$")
_DATE_LINE = lazy(
    r"^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"
    r"|^(?:\d{4}|[〇零一二三四五六七八九]{4})年[〇零一二三四五六七八九十]{1,2}月[〇零一二三四五六七八九十]{1,3}日$"
)
_TITLE_SEARCH_LINES = 6
_SHORT_LINE = 40


def _find_title_block(lines: list[Line], heading_lines: set[int]) -> TitleBlock:
    candidates: list[Line] = []
    for line in lines:
        content = line.content
        if not content:
            continue
        if line.number in heading_lines or len(content) > _SHORT_LINE or _SENTENCE_END.search(content):
            break
        if content.endswith(("：", ":")):
            break
        candidates.append(line)
        if len(candidates) >= _TITLE_SEARCH_LINES:
            break
    if not candidates:
        return TitleBlock()

    end = next((i for i, line in enumerate(candidates) if line.content.endswith("报告")), None)
    if end is None:
        end = len(candidates) - 1
    block = candidates[: end + 1]

    first_title = len(block) - 1
    while first_title > 0 and not _ISSUER_END.search(block[first_title - 1].content):
        first_title -= 1
    # A title line that is itself an issuer name ("xx人民政府") cannot be the whole title.
    issuers = block[:first_title]
    titles = block[first_title:]

    addressee = None
    after = [line for line in lines if line.number > block[-1].number and line.content]
    if after:
        nxt = after[0]
        if len(nxt.content) <= 30 and nxt.content.endswith(("：", ":")) and nxt.number not in heading_lines:
            addressee = nxt
    return TitleBlock(issuer_lines=issuers, title_lines=titles, addressee=addressee)


def _find_closing_block(lines: list[Line], heading_lines: set[int], first_body_line: int) -> ClosingBlock:
    block = ClosingBlock()
    tail = [line for line in lines if line.content and line.number >= first_body_line]
    i = len(tail) - 1
    if i >= 0 and tail[i].content.startswith("抄送"):
        block.cc = tail[i]
        i -= 1
    if i >= 0 and _DATE_LINE.match(tail[i].content):
        block.date = tail[i]
        i -= 1
    if block.date is None:
        return block if block.cc is not None else ClosingBlock()
    signatures: list[Line] = []
    while (
        i >= 0
        and len(signatures) < 3
        and tail[i].number not in heading_lines
        and len(tail[i].content) <= _SHORT_LINE
        and not _SENTENCE_END.search(tail[i].content)
        and _ISSUER_END.search(tail[i].content)
    ):
        signatures.insert(0, tail[i])
        i -= 1
    block.signature_lines = signatures
    return block


# ---------------------------------------------------------------------------------------------
# The section tree


def _build_tree(root: Section, items: list[Heading | Paragraph]) -> None:
    stack = [root]
    for item in items:
        if isinstance(item, Heading):
            while stack[-1].level >= item.level:
                stack.pop()
            section = Section(level=item.level, heading=item, parent=stack[-1])
            stack[-1].children.append(section)
            stack.append(section)
        else:
            stack[-1].paragraphs.append(item)


# Residue that word-processor conversion leaves in front of a heading ("[bookmark: _GoBack]（二）…")
# or inside it.  It is blanked, length for length, before the lines are classified, so the heading
# is still seen and every position stays that of the original text.  Rules report the residue.
_RESIDUE = lazy(r"\[bookmark: [^\]\n]*\]|[\u200b-\u200d\u2060\ufeff]")
# How every piece of residue begins: a text holding none of these is parsed as written.
RESIDUE_OPENINGS = ("[bookmark: ", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")


def _mask_residue(text: str) -> str:
    return _RESIDUE.sub(lambda m: " " * len(m.group()), text)


def parse_document(text: str, path: str = "-", meta: dict | None = None) -> Document:
    """Parse report text (any line ends) into a Document.  Never raises on odd text."""
    text = normalise_newlines(text)
    lines = split_lines(text)
    classified = _classify(_mask_residue(text))
    heading_lines = set(classified)

    title_block = _find_title_block(lines, heading_lines)
    title_numbers = {line.number for line in title_block.lines}
    first_body = max(title_numbers, default=0) + 1
    closing = _find_closing_block(lines, heading_lines, first_body)
    closing_numbers = {line.number for line in closing.lines}

    headings: list[Heading] = []
    paragraphs: list[Paragraph] = []
    items: list[Heading | Paragraph] = []
    for line in lines:
        if line.number in title_numbers or line.number in closing_numbers:
            continue
        if line.number in classified:
            rule, tokens, lead = classified[line.number]
            heading = _heading_from_tokens(rule, tokens, line, lead)
            headings.append(heading)
            items.append(heading)
            if heading.body is not None and heading.body_span is not None:
                para = Paragraph(span=heading.body_span, text=heading.body, line=line, run_in=True)
                paragraphs.append(para)
                items.append(para)
        elif line.content:
            span = line.stripped_span
            para = Paragraph(span=span, text=line.content, line=line)
            paragraphs.append(para)
            items.append(para)

    root = Section(level=0, heading=None)
    _build_tree(root, items)
    return Document(
        text=text,
        lines=lines,
        path=path,
        title_block=title_block,
        closing=closing,
        root=root,
        headings=headings,
        paragraphs=paragraphs,
        meta=dict(meta or {}),
    )
