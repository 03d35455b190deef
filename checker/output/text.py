"""Text output for people.

``concise``: one line per diagnostic, ruff style (``path:line:col: CODE [*] message [rule]``, ``[*]``
when lawlint can fix it).  ``grouped``: a header line per file, then ``line:col CODE message``
indented.  ``full``: the concise line plus a code frame with the span underlined (carets aligned
for double-width CJK).  A .docx diagnostic is placed by paragraph (``第12段``) and quotes the
paragraph text instead of a column.  Nothing is wrapped: a reviewer's terminal or log viewer
wraps long lines itself, and a wrapped line breaks ``grep``.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from .common import is_docx, place, quote_paragraph, safe_fix

CONTEXT_CHARS = 24  # characters of the source line shown on each side of the span
FIX_MARK = "[*]"

_ANSI = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m", "bold": "\x1b[1m", "dim": "\x1b[2m"}
_RESET = "\x1b[0m"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_ANSI[style]}{text}{_RESET}" if color else text


def _body(diag, color: bool = False) -> str:
    """``CODE [*] message「quote」 [rule]`` — everything after the place."""
    mark = f" {FIX_MARK}" if safe_fix(diag) else ""
    quote = quote_paragraph(diag) if is_docx(diag) else ""
    code = _paint(diag.code, diag.severity.value, color)
    rule = _paint(f"[{diag.rule}]", "dim", color)
    return f"{code}{mark} {diag.message}{quote} {rule}"


def _location(diag) -> str:
    if is_docx(diag):
        return f"{diag.path} {place(diag)}"
    return f"{diag.path}:{place(diag)}"


def concise_line(diag, color: bool = False) -> str:
    return f"{_paint(_location(diag), 'bold', color)}: {_body(diag, color)}"


def write(diagnostics, stream, options) -> None:
    if options.format == "concise":
        for diag in diagnostics:
            stream.write(concise_line(diag, options.color) + "\n")
        return
    if options.format == "grouped":
        _write_grouped(diagnostics, stream, options)
        return
    _write_full(diagnostics, stream, options)


def _write_grouped(diagnostics, stream, options) -> None:
    for path, group in groupby(diagnostics, key=lambda d: d.path):
        stream.write(_paint(f"{path}:", "bold", options.color) + "\n")
        for diag in group:
            stream.write(f"  {place(diag)} {_body(diag, options.color)}\n")
        stream.write("\n")


def frame_window(line: str, start_col: int, end_col: int) -> tuple[str, int, int]:
    """Cut a long line around the span; return (shown text, span start, span end) in it."""
    start = max(start_col - 1, 0)
    end = max(min(end_col - 1, len(line)), start)
    left = max(start - CONTEXT_CHARS, 0)
    right = min(end + CONTEXT_CHARS, len(line))
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    shown = prefix + line[left:right] + suffix
    return shown.replace("\t", " "), start - left + len(prefix), end - left + len(prefix)


_STYLES = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def _write_full(diagnostics, stream, options) -> None:
    from rich.cells import cell_len
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=stream,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,  # never wrap at the console width (80 when piped)
        force_terminal=options.color,
        no_color=not options.color,
        color_system="auto" if options.color else None,
    )
    for diag in diagnostics:
        head = Text()
        head.append(_location(diag) + ": ", style="bold")
        head.append(diag.code, style=_STYLES[diag.severity.value])
        if safe_fix(diag):
            head.append(f" {FIX_MARK}")
        head.append(f" {diag.message} ")
        head.append(f"[{diag.rule}]", style="dim")
        console.print(head)
        if diag.source_line.strip() or diag.end > diag.start:
            end_col = diag.end_column if diag.end_line == diag.line else len(diag.source_line) + 1
            shown, s, e = frame_window(diag.source_line, diag.column, end_col)
            gutter = str(diag.line)
            pad = " " * len(gutter)
            console.print(Text(f"{pad} |", style="blue"))
            line_text = Text(f"{gutter} | ", style="blue")
            line_text.append(shown)
            console.print(line_text)
            carets = "^" * max(cell_len(shown[s:e]), 1)
            under = Text(f"{pad} | ", style="blue")
            under.append(" " * cell_len(shown[:s]))
            under.append(carets, style=_STYLES[diag.severity.value])
            console.print(under)
        console.print()
    counts = Counter(d.severity.value for d in diagnostics)
    if diagnostics:
        console.print(
            f"共 {len(diagnostics)} 条诊断：错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}。"
        )
        fixable = sum(1 for d in diagnostics if safe_fix(d))
        unsafe = sum(1 for d in diagnostics if d.fix is not None and not safe_fix(d) and not is_docx(d))
        if fixable:
            console.print(f"其中 {fixable} 条标有 {FIX_MARK}，可用 --fix 自动修复。")
        if unsafe:
            console.print(f"另有 {unsafe} 条需确认含义后用 --fix --unsafe-fixes 修复。")
    else:
        console.print("未发现问题。")
