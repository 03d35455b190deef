"""The output side of ``lawlint check``: its options, and writing the run's results in the chosen
shape (diagnostics, ``--statistics`` or ``--summary``) to standard output or ``--output-file``.

The CLI calls ``add_arguments`` while building its parser and ``emit`` after linting; it passes
the registry, from which this module copies the rule documentation into ``OutputOptions`` so that
the formats themselves never see a rule.
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager

from .. import __version__
from . import TEXT_FORMATS, OutputOptions, writer

SUMMARY_FORMATS = ("text", "csv", "json")
STATISTICS_FORMATS = ("text", *TEXT_FORMATS, "json")
BOM = "\ufeff"


class OutputError(Exception):
    """Options that do not fit together, or an output file that cannot be written (exit 2)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output-file", "-o", metavar="PATH", default=None,
                        help="把输出写入这个文件，而不是标准输出")
    parser.add_argument("--statistics", action="store_true",
                        help="只按规则统计诊断条数（条数、代码、可修复、名称），按条数排序")
    parser.add_argument("--summary", action="store_true",
                        help="每份报告一行的汇总表（发文单位、年度、各级别与各类问题条数、缺少的部分）；"
                             "配合 --format csv 生成表格文件")


def rule_docs(registry) -> dict[str, dict]:
    """code → the documentation a format may print (SARIF rule help)."""
    docs = {}
    for rule in registry.sorted_rules():
        docs[rule.code] = {
            "name": rule.name,
            "summary": rule.summary,
            "severity": rule.severity.value,
            "norm": rule.norm,
            "doc": rule.doc(),
            "bad": rule.bad,
            "good": rule.good,
            "fixable": bool(rule.fixable),
        }
    return docs


def resolve_format(fmt: str, to_terminal: bool) -> str:
    if fmt == "text":
        return "full" if to_terminal else "concise"
    return fmt


def check(args) -> None:
    """Reject option combinations that cannot work, before any file is read."""
    fmt = args.format
    if args.summary and args.statistics:
        raise OutputError("--summary 与 --statistics 不能同时使用")
    if args.summary and fmt not in SUMMARY_FORMATS:
        raise OutputError(f"--summary 只支持 --format {'、'.join(SUMMARY_FORMATS)}，不支持 {fmt}")
    if args.statistics and fmt not in STATISTICS_FORMATS:
        raise OutputError(f"--statistics 只支持 --format {'、'.join(STATISTICS_FORMATS)}，不支持 {fmt}")
    if fmt == "csv" and not args.summary:
        raise OutputError("csv 格式只用于 --summary 汇总表")


@contextmanager
def _destination(path: str | None, stdout, bom: bool):
    if path is None:
        try:
            if bom:
                stdout.write(BOM)
            yield stdout
            stdout.flush()
        except BrokenPipeError:
            # The reader went away (``lawlint … | head``): stop quietly, and point the stream at
            # /dev/null so that the interpreter's final flush does not raise again.
            devnull = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(devnull, stdout.fileno())
            except (OSError, ValueError, AttributeError):
                pass
        return
    try:
        handle = open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="" if bom else None)
    except OSError as exc:
        raise OutputError(f"无法写入输出文件 {path}：{exc.strerror or type(exc).__name__}") from None
    with handle:
        yield handle


def emit(results, args, registry, stdout=None, color: bool = False) -> None:
    """Write the results of a run as ``args`` asks.  ``registry`` may be a function returning it:
    only SARIF reads it (rule documentation, data versions), so other formats never load rules."""
    stdout = stdout if stdout is not None else sys.stdout
    check(args)
    output_file = getattr(args, "output_file", None)
    to_terminal = output_file is None and stdout.isatty()
    if output_file is not None and getattr(args, "color", "auto") != "always":
        color = False
    diagnostics = [d for result in results for d in result.diagnostics]

    if args.summary:
        from .. import summary

        rows = summary.build(results, getattr(args, "report_year", None))
        with _destination(output_file, stdout, bom=args.format == "csv") as stream:
            {"csv": summary.write_csv, "json": summary.write_json}.get(args.format, summary.write_text)(rows, stream)
        return

    if args.statistics:
        from . import statistics

        with _destination(output_file, stdout, bom=False) as stream:
            statistics.write(diagnostics, stream, "json" if args.format == "json" else "text")
        return

    fmt = resolve_format(args.format, to_terminal)
    if fmt == "sarif" and callable(registry):
        registry = registry()
    options = OutputOptions(
        format=fmt,
        color=color,
        rule_docs=rule_docs(registry) if fmt == "sarif" else {},
        results=list(results),
        version=__version__,
        data_versions=dict(getattr(registry, "data_versions", {}) or {}) if fmt == "sarif" else {},
    )
    with _destination(output_file, stdout, bom=False) as stream:
        writer(fmt)(diagnostics, stream, options)
