"""Text output: ``concise`` (one line per diagnostic, flake8/ruff style) and ``full`` (the same
line plus a code frame with the span underlined, carets aligned for double-width CJK)."""

from __future__ import annotations

from collections import Counter

CONTEXT_CHARS = 24  # characters of the source line shown on each side of the span


def concise_line(diag) -> str:
    return f"{diag.path}:{diag.line}:{diag.column}: {diag.code} {diag.message} [{diag.rule}]"


def write(diagnostics, stream, options) -> None:
    if options.format == "concise":
        for diag in diagnostics:
            stream.write(concise_line(diag) + "\n")
        return
    _write_full(diagnostics, stream, options)


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
        soft_wrap=True,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="auto" if options.color else None,
    )
    for diag in diagnostics:
        head = Text()
        head.append(f"{diag.path}:{diag.line}:{diag.column}: ", style="bold")
        head.append(diag.code, style=_STYLES[diag.severity.value])
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
    else:
        console.print("未发现问题。")
