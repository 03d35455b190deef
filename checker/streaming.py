"""Diagnostics written file by file while the run goes on, for the formats whose output is a
concatenation of per-file pieces (concise, grouped, json-lines, and json written item by item).
The bytes are those the whole-run writers print; what the run keeps per file is then nothing, so
memory stays flat over any number of reports.  Other formats (full, SARIF, JUnit …) and --summary,
--statistics, --diff and --write-baseline need the whole run and are written at the end.
"""

from __future__ import annotations

from .output import OutputOptions, writer
from .output.emit import resolve_format

STREAMED_FORMATS = ("concise", "grouped", "json-lines", "json")


def streamed_format(args, to_terminal: bool) -> str | None:
    """The format to stream in, or None when this run's output needs every file first."""
    if args.summary or args.statistics or getattr(args, "diff", False) or getattr(args, "write_baseline", None):
        return None
    if "-" in (args.paths or []):  # --fix on standard input sends diagnostics elsewhere
        return None
    fmt = resolve_format(args.format, to_terminal)
    return fmt if fmt in STREAMED_FORMATS else None


class StreamedOutput:
    def __init__(self, fmt: str, stream, color: bool):
        self.fmt, self.stream = fmt, stream
        self.options = OutputOptions(format=fmt, color=color)
        self.items = 0

    def write(self, diagnostics) -> None:
        if not diagnostics:
            return
        if self.fmt != "json":
            writer(self.fmt)(diagnostics, self.stream, self.options)
            return
        import json

        from .output.json_format import as_dict

        # Exactly what json.dump(list, indent=2) prints, one item at a time.
        for diag in diagnostics:
            item = json.dumps(as_dict(diag), ensure_ascii=False, indent=2)
            import textwrap

            self.stream.write(("[\n" if self.items == 0 else ",\n") + textwrap.indent(item, "  "))
            self.items += 1

    def close(self) -> None:
        if self.fmt == "json":
            self.stream.write("\n]\n" if self.items else "[]\n")
