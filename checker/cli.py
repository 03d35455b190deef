"""The ``lawlint`` command: arguments and exit codes only.

Exit status: 0 no warning or error, 1 some, 2 a usage, configuration or input error (2 wins).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date


EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("check", "rules")


class UsageError(Exception):
    pass


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, given the terminal's width.  argparse asks shutil for it, and
    does so on every add_argument; importing shutil (and the compression modules it loads) costs
    a one-file run ~4 ms, for a help text it never shows."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        if width is None:
            width = _terminal_columns() - 2  # as argparse leaves a margin
        super().__init__(prog, indent_increment, max_help_position, width)


def _terminal_columns() -> int:
    """The columns shutil.get_terminal_size() reports: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message):  # one line, exit 2, never a traceback
        raise UsageError(message)


def _check_parser() -> argparse.ArgumentParser:
    from .output import names

    parser = _Parser(prog="lawlint", description="法治政府建设年度报告检查工具")
    parser.add_argument("paths", nargs="*",
                        help="文件（.txt、.md、.docx）、目录（递归查找这三种文件）、通配符或 - 表示标准输入")
    parser.add_argument("--stdin-filename", default=None,
                        help="标准输入在输出中显示的文件名；扩展名决定读法（如 .md、.docx）")
    parser.add_argument("--format", default="text", choices=names(),
                        help="输出格式：text（终端上为 full，否则 concise）、full、concise、grouped、json、"
                             "json-lines、sarif、github、gitlab、rdjson、junit；csv 只用于 --summary")
    parser.add_argument("--select", action="append", default=None, help="只启用这些规则代码或前缀（逗号分隔）")
    parser.add_argument("--extend-select", action="append", default=None, help="在默认选择之外追加的规则")
    parser.add_argument("--ignore", action="append", default=None, help="忽略这些规则代码或前缀")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="彩色输出")
    parser.add_argument("--exit-zero", action="store_true", help="有诊断时也以 0 退出")
    parser.add_argument("--today", type=_iso_date, default=None, help="把这一天当作今天（YYYY-MM-DD），用于日期规则")
    parser.add_argument("--report-year", type=int, default=None, help="指定报告年度，不从标题推断")
    from .output.about import VersionAction
    from .output.emit import add_arguments as add_output_arguments

    parser.add_argument("--version", action=VersionAction, load_registry=_load_registry)
    add_output_arguments(parser)  # --output-file, --statistics, --summary
    from .session import add_arguments

    add_arguments(parser)  # --config, --isolated, --fix, --diff, --baseline …
    return parser


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{value}") from None


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _error(message: str) -> None:
    sys.stderr.write(f"lawlint: {message}\n")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "rules":
            return _cmd_rules(argv[1:])
        if argv and argv[0] == "rule":
            from .output.about import cmd_rule

            return cmd_rule(argv[1:], _Parser, _load_registry, UsageError)
        if argv and argv[0] == "config":
            from .session import cmd_config

            return cmd_config(argv[1:], _Parser)
        if argv and argv[0] == "check":
            argv = argv[1:]
        return _cmd_check(argv)
    except UsageError as exc:
        _error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error("已中断")
        return 130


def _load_registry(local_modules=()):
    from .registry import DuplicateCodeError, PluginError, load_registry

    try:
        registry = load_registry(local_modules=list(local_modules))
    except (DuplicateCodeError, PluginError) as exc:
        raise UsageError(str(exc)) from None
    for warning in registry.warnings:
        _error(warning)
    return registry


def _cmd_rules(argv: list[str]) -> int:
    parser = _Parser(prog="lawlint rules", description="列出全部规则")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    registry = _load_registry()
    rules = registry.sorted_rules()
    if args.format == "json":
        import json

        data = [
            {"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary,
             "norm": r.norm, "fixable": r.fixable, "plugin": registry.plugin_of[r.code]}
            for r in rules
        ]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_CLEAN
    for rule in rules:
        sys.stdout.write(f"{rule.code}  {rule.name:<36} {rule.severity.value:<8} {rule.summary}\n")
    return EXIT_CLEAN


def _cmd_check(argv: list[str]) -> int:
    from . import collector

    # Set before the imports and set-up below: with the default thresholds the collector ran ~10
    # times over their freshly made, long-lived objects before the first report (~4 ms), to no end.
    collector.for_linting()
    from .inputs import InputError, iter_targets
    from .rules import RuleContext
    from .selection import Selection, SelectionError, parse_prefixes

    args = _check_parser().parse_args(argv)
    if not args.paths:
        raise UsageError("请指定要检查的文件或目录（用 - 表示标准输入）")
    from .output.emit import OutputError, emit
    from .output.emit import check as check_output_arguments

    try:
        check_output_arguments(args)
    except OutputError as exc:
        raise UsageError(str(exc)) from None
    try:  # a malformed code stops the run before any file is read
        Selection(
            select=parse_prefixes(args.select) or ("ALL",),
            ignore=parse_prefixes(args.ignore),
            extend_select=parse_prefixes(args.extend_select),
        )
    except SelectionError as exc:
        raise UsageError(str(exc)) from None

    context = RuleContext(today=args.today or date.today(), report_year=args.report_year)
    # Configuration files, per-file engines, suppression, baseline and fixes live in session.
    from .session import Session, SettingsError

    try:
        session = Session(args=args, context=context, load_registry=_load_registry, notice=_error)
    except SettingsError as exc:
        raise UsageError(str(exc)) from None

    # Workers (--jobs), the time limit and the cache live in parallel and session; a result keeps
    # only what output needs, so memory stays flat over thousands of reports.
    from contextlib import ExitStack

    from .output.emit import _destination
    from .parallel import check_targets
    from .streaming import StreamedOutput, streamed_format

    color = _use_color(args.color)
    to_terminal = args.output_file is None and sys.stdout.isatty()
    streamed_as = streamed_format(args, to_terminal)
    results = []
    had_input_error = fails = False
    targets = iter_targets(args.paths, stdin_filename=args.stdin_filename)
    with ExitStack() as stack:
        streamed = None
        if streamed_as is not None:  # written file by file: nothing is kept per file
            try:
                destination = stack.enter_context(_destination(args.output_file, sys.stdout, bom=False))
            except OutputError as exc:
                raise UsageError(str(exc)) from None
            streamed = StreamedOutput(streamed_as, destination,
                                      color and (args.output_file is None or args.color == "always"))
        try:
            for outcome in check_targets(session, args, targets, _error):
                if isinstance(outcome, InputError):
                    had_input_error = True
                    _error(f"{outcome.path}: {outcome.message}")
                    continue
                fails = fails or any(d.severity.fails for d in outcome.diagnostics)
                if streamed is not None:
                    streamed.write(outcome.diagnostics)
                else:
                    results.append(outcome)
            if streamed is not None:
                streamed.close()
        except RuntimeError as exc:
            raise UsageError(str(exc)) from None
    try:
        finished = session.finish(results, had_input_error, sys.stdout)  # --write-baseline, --diff
    except SettingsError as exc:
        raise UsageError(str(exc)) from None
    if finished is not None:
        return finished

    if streamed_as is None:
        stream = session.diagnostic_stream(sys.stdout, sys.stderr)  # stderr when stdout is fixed stdin
        try:  # formats, --statistics, --summary and --output-file live in output.emit
            emit(results, args, lambda: session.registry, stdout=stream, color=color)
        except OutputError as exc:
            raise UsageError(str(exc)) from None
    session.after_output(sys.stdout)  # fixed stdin text, "已修复 N 处"

    if had_input_error:
        return EXIT_ERROR
    if not args.exit_zero and fails:
        return EXIT_FINDINGS
    return EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
