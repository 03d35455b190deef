"""Apply the fixes that findings carry, to the file's own text, bytes and line endings.

Rules report edits in code-point offsets of the normalised text (every line end "\\n").  The
fixes here are applied to the original text instead: each offset is mapped back through the
original line ends, so a CRLF file stays CRLF (also a file with mixed ends) and every character
outside the edited spans is untouched.  Like ruff: fixes are chosen in text order, one that
overlaps an already chosen edit waits for the next round, and rounds repeat (re-linting) until
nothing changes or MAX_ROUNDS is reached.  Unsafe fixes are applied only when asked for.
"""

from __future__ import annotations

import bisect
import codecs
from collections import Counter, namedtuple
from typing import Callable

from .diagnostics import Applicability, Diagnostic, Edit, Fix
from .records import Record
from .regexhint import lazy

MAX_ROUNDS = 10
_BREAK = lazy(r"\r\n|\r|\n")
_LINE = lazy(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


class FixError(Exception):
    """A file that cannot be fixed; the message is one Chinese line."""


# ---------------------------------------------------------------------------------------------
# Choosing and applying edits


def applicable(fix: Fix | None, unsafe: bool) -> bool:
    if fix is None or not fix.edits:
        return False
    return fix.applicability is Applicability.SAFE or unsafe


def _overlaps(edit: Edit, chosen: Edit) -> bool:
    if edit.start < chosen.end and chosen.start < edit.end:
        return True
    # Two edits at one point (at least one an insertion) have no defined order.
    return edit.start == chosen.start and (edit.start == edit.end or chosen.start == chosen.end)


def choose_fixes(diagnostics: list[Diagnostic], text: str, unsafe: bool = False) -> list[Fix]:
    """Fixes to apply in one round: in text order, none overlapping another, none a no-op."""
    candidates = []
    seen: set[tuple[Edit, ...]] = set()
    for diag in diagnostics:
        fix = diag.fix
        if not applicable(fix, unsafe) or fix.edits in seen:
            continue
        if all(text[e.start:e.end] == e.content for e in fix.edits):
            continue  # nothing would change
        seen.add(fix.edits)
        candidates.append(fix)
    candidates.sort(key=lambda f: (min(e.start for e in f.edits), max(e.end for e in f.edits)))
    chosen: list[Fix] = []
    taken: list[Edit] = []
    for fix in candidates:
        if any(_overlaps(e, t) for e in fix.edits for t in taken):
            continue
        # The edits of one fix must not overlap each other either.
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if any(_overlaps(b, a) for a, b in zip(edits, edits[1:])):
            continue
        chosen.append(fix)
        taken.extend(fix.edits)
    return chosen


class _LineMap(namedtuple("_LineMap", "raw_starts norm_starts newline")):
    """Maps offsets of the normalised text to offsets of the original text (lists of the lines'
    starts in each); ``newline`` is the file's most common line end, for line ends inside
    inserted text."""

    __slots__ = ()

    @classmethod
    def of(cls, raw: str) -> "_LineMap":
        raw_starts, norm_starts = [0], [0]
        ends: Counter = Counter()
        for match in _BREAK.finditer(raw):
            norm_starts.append(norm_starts[-1] + (match.start() - raw_starts[-1]) + 1)
            raw_starts.append(match.end())
            ends[match.group()] += 1
        newline = ends.most_common(1)[0][0] if ends else "\n"
        return cls(raw_starts, norm_starts, newline)

    def to_raw(self, offset: int) -> int:
        index = bisect.bisect_right(self.norm_starts, offset) - 1
        return self.raw_starts[index] + (offset - self.norm_starts[index])


def apply_fixes(raw: str, fixes: list[Fix]) -> str:
    """Apply non-overlapping fixes (normalised offsets) to the original text."""
    mapping = _LineMap.of(raw)
    edits = sorted((e for fix in fixes for e in fix.edits), key=lambda e: (e.start, e.end), reverse=True)
    out = raw
    for edit in edits:
        start, end = mapping.to_raw(edit.start), mapping.to_raw(edit.end)
        content = edit.content.replace("\n", mapping.newline) if "\n" in edit.content else edit.content
        out = out[:start] + content + out[end:]
    return out


class FixOutcome(Record):
    __slots__ = ("text", "applied", "diagnostics", "result")

    def __init__(self, text: str, applied: int, diagnostics: list[Diagnostic] | None = None, result: object = None):
        self.text = text  # the fixed original text
        self.applied = applied  # number of fixes applied over all rounds
        self.diagnostics = [] if diagnostics is None else diagnostics  # what remains after fixing
        self.result = result  # whatever the lint callback returned last (e.g. a FileResult)


# lint(original text) -> (diagnostics, anything the caller wants back)
LintFn = Callable[[str], tuple[list[Diagnostic], object]]


def fix_text(raw: str, lint: LintFn, unsafe: bool = False, max_rounds: int = MAX_ROUNDS) -> FixOutcome:
    applied = 0
    diagnostics, result = lint(raw)
    for _ in range(max_rounds):
        from .parse import normalise_newlines  # the parser's modules load only when a file is linted

        chosen = choose_fixes(diagnostics, normalise_newlines(raw), unsafe)
        if not chosen:
            break
        fixed = apply_fixes(raw, chosen)
        if fixed == raw:
            break
        raw = fixed
        applied += len(chosen)
        diagnostics, result = lint(raw)
    return FixOutcome(text=raw, applied=applied, diagnostics=diagnostics, result=result)


# ---------------------------------------------------------------------------------------------
# Bytes: the file's own encoding and byte order mark

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class RawText(namedtuple("_RawText", "text codec bom", defaults=(b"",))):
    """A file's text exactly as stored (line ends kept) and how to store it again: the codec's
    name and the byte order mark it had (b"" for none)."""

    __slots__ = ()

    @classmethod
    def decode(cls, data: bytes, encoding: str | None) -> "RawText":
        for bom, codec in _BOMS:
            if data.startswith(bom):
                return cls(data[len(bom):].decode(codec), codec, bom)
        codec = encoding or "utf-8"
        if codec.replace("_", "-").lower() in ("utf-8-sig", "utf-16", "utf-32"):
            codec = "utf-8"  # the input layer named a BOM encoding, but there is no BOM
        try:
            return cls(data.decode(codec), codec)
        except (UnicodeDecodeError, LookupError):
            raise FixError(f"无法按 {codec} 编码重新读取文件，未修复") from None

    def encode(self, text: str) -> bytes:
        try:
            return self.bom + text.encode(self.codec)
        except UnicodeEncodeError:
            raise FixError(f"修复后的文本含有 {self.codec} 编码无法表示的字符，未写入") from None


# ---------------------------------------------------------------------------------------------
# Unified diff


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff that GNU patch applies (-p0), original line ends kept, "no newline" marked."""
    if before == after:
        return ""
    a, b = _LINE.findall(before), _LINE.findall(after)
    out = []
    import difflib  # only --diff needs it

    for line in difflib.unified_diff(a, b, fromfile=path, tofile=path, lineterm="\n"):
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)
