"""One ``lawlint check`` run: configuration per file, engines per distinct settings, suppression,
baseline and fixes.  The CLI asks this module; it never formats diagnostics itself.
"""

from __future__ import annotations

import argparse
import codecs
import os
import sys
from collections import namedtuple

from .config import Config, ConfigError, Resolver, describe
from .diagnostics import Diagnostic, Severity
from .atomic import write_atomically
from .inputs import InputError
from .layered import Layer, LayeredSelection
from .records import Record
from .rules import RuleContext
from .selection import SelectionError, parse_prefixes
from .suppression import suppress

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:  # the engine (and the parser) load only when a file is linted; baselines and
    # fixes only when asked for
    from collections.abc import Callable

    from .engine import Engine, FileResult
    from .fixes import RawText

NOT_FIXABLE_SUFFIXES = (".docx",)


class SettingsError(Exception):
    """Configuration or baseline that stops the run (exit 2); one Chinese line."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of this module, added to ``lawlint check``."""
    parser.add_argument("--config", metavar="PATH", default=None,
                        help="使用这个配置文件（lawlint.toml 或 pyproject.toml），不再逐级查找")
    parser.add_argument("--isolated", action="store_true", help="忽略所有配置文件")
    parser.add_argument("--fix", action="store_true", help="应用安全的自动修复并写回文件（.docx 不会被修改）")
    parser.add_argument("--unsafe-fixes", action="store_true", help="同时应用需要人工确认含义的修复")
    parser.add_argument("--diff", action="store_true", help="只打印修复的统一差异（UTF-8），不写文件")
    parser.add_argument("--baseline", metavar="FILE", default=None, help="忽略基线文件中已记录的诊断")
    parser.add_argument("--write-baseline", metavar="FILE", default=None, help="把当前全部诊断写入基线文件")
    parser.add_argument("--jobs", "-j", type=_positive_int, default=None, metavar="N",
                        help="并行检查的进程数（默认为 CPU 核数；1 表示在本进程内逐个检查）")
    parser.add_argument("--timeout", type=_positive_float, default=None, metavar="SECONDS",
                        help=f"并行检查时每个文件的时限（默认 {DEFAULT_TIMEOUT:g} 秒），超时的文件报告为 X002")
    parser.add_argument("--no-cache", action="store_true", help="不读也不写结果缓存")
    parser.add_argument("--cache-dir", metavar="DIR", default=None,
                        help="结果缓存目录（默认为当前目录下的 .lawlint_cache，或环境变量 LAWLINT_CACHE_DIR）")


DEFAULT_TIMEOUT = 60.0  # seconds per file under --jobs; a report takes milliseconds


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"应为正整数：{value}")
    return number


def _positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not number > 0 or number != number or number == float("inf"):
        raise argparse.ArgumentTypeError(f"应为正数（秒）：{value}")
    return number


_Line = namedtuple("_Line", "text")


class SlimDoc(Record):
    """What output still needs of a document after it is dropped: the text of the lines that its
    diagnostics start or end on (for byte columns of multi-line spans)."""

    __slots__ = ("texts",)

    def __init__(self, texts: dict[int, str] | None = None):
        self.texts = {} if texts is None else texts

    @property
    def lines(self) -> list[_Line]:
        last = max(self.texts, default=0)
        return [_Line(self.texts.get(number, "")) for number in range(1, last + 1)]


class LintedFile(Record):
    """One linted file as the run keeps it: no Document, only what output and --summary read."""

    __slots__ = ("path", "diagnostics", "doc", "summary_facts")

    def __init__(self, path: str, diagnostics: list[Diagnostic], doc: SlimDoc | None = None,
                 summary_facts: tuple[str, int | None] | None = None):
        self.path = path
        self.diagnostics = diagnostics
        self.doc = SlimDoc() if doc is None else doc
        self.summary_facts = summary_facts  # (issuer, report year found in the text)


def slim(result: FileResult, diagnostics: list[Diagnostic] | None = None) -> LintedFile:
    from .summary import issuer_of
    from .reportyear import report_year

    diagnostics = result.diagnostics if diagnostics is None else diagnostics
    doc = result.doc
    texts = {}
    for diag in diagnostics:
        for number in (diag.line, diag.end_line):
            if 0 < number <= len(doc.lines):
                texts[number] = doc.lines[number - 1].text
    try:
        facts = (issuer_of(doc), report_year(doc).year)
    except Exception:  # the summary row must not cost the file its diagnostics
        facts = ("", None)
    return LintedFile(path=result.path, diagnostics=diagnostics, doc=SlimDoc(texts), summary_facts=facts)


def for_summary(linted: LintedFile) -> LintedFile:
    """What a --summary row reads of a file (severity, family, missing part per diagnostic), with
    messages, lines and fixes dropped so that thousands of reports fit in little memory."""
    from .summary import MISSING_PART_KEY

    kept = []
    for diag in linted.diagnostics:
        part = (diag.extra.get("data") or {}).get(MISSING_PART_KEY)
        kept.append(Diagnostic(path=diag.path, code=diag.code, rule="", severity=diag.severity, message="",
                               line=diag.line, column=diag.column, end_line=diag.end_line,
                               end_column=diag.end_column,
                               extra={"data": {MISSING_PART_KEY: part}} if part else {}))
    return LintedFile(path=linted.path, diagnostics=kept, summary_facts=linted.summary_facts)


def has_applicable_fix(diagnostics: list[Diagnostic], unsafe: bool) -> bool:
    from .diagnostics import Applicability

    return any(d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE) for d in diagnostics)


def _cli_layer(args) -> Layer:
    try:
        select = parse_prefixes(getattr(args, "select", None))
        return Layer(select=select or None, extend_select=parse_prefixes(getattr(args, "extend_select", None)),
                     ignore=parse_prefixes(getattr(args, "ignore", None)))
    except SelectionError as exc:
        raise SettingsError(str(exc)) from None


def _file_path(source) -> str | None:
    """The input's path for configuration and per-file settings (None for standard input)."""
    return None if source.path == "-" else source.path


def _to_stderr(message: str) -> None:
    sys.stderr.write(f"lawlint: {message}\n")


class Prepared(namedtuple("_Prepared", "target source key config engine")):
    """A target read and ready to lint (Session.prepare): the target, its inputs.Source, the key
    its result goes under in the cache (or None), its Config and the engine.Engine to lint it."""

    __slots__ = ()


class Session:
    def __init__(self, args: argparse.Namespace, context: RuleContext, load_registry: Callable,
                 notice: Callable[[str], None] = _to_stderr):
        self.args = args
        self.context = context  # the command line's context; configuration fills what it leaves unset
        self.load_registry = load_registry  # load_registry(local_modules) -> Registry
        self.notice = notice
        self.fixed = 0  # fixes applied (--fix) or that would be applied (--diff)
        self.diffs: list[str] = []
        self.stdin_output: bytes | None = None
        self._engines: dict = {}
        self._noticed: set = set()
        self._settings_keys: dict = {}
        self._cache = None
        self._registry = None
        args = self.args
        if getattr(args, "isolated", False) and getattr(args, "config", None):
            raise SettingsError("--isolated 与 --config 不能同时使用")
        if getattr(args, "diff", False) and getattr(args, "fix", False):
            raise SettingsError("--diff 与 --fix 不能同时使用（--diff 只显示修复，不写文件）")
        self.cli_layer = _cli_layer(args)
        self._keep_builds()  # first: the configuration files' parse is one of the builds
        try:
            self.resolver = Resolver(config_path=getattr(args, "config", None),
                                     isolated=getattr(args, "isolated", False))
            project = self.resolver.project
        except ConfigError as exc:
            raise SettingsError(str(exc)) from None
        modules: tuple[str, ...] = ()
        if project.plugins and project.trusted and project.folder is not None:
            # Local rule modules are looked up beside the configuration that names them.
            folder = str(project.folder)
            if folder not in sys.path:
                sys.path.insert(0, folder)
            modules = project.plugins
        self.local_modules = modules
        # Built-in rules only (the usual case): their code and data are stamped by the cache key,
        # so a run answered from the cache never imports a rule.  Local modules and third-party
        # plugins enter the key through the registry, which is then loaded first.
        from .entrypoints import GROUP, may_declare

        self.builtin_only = not modules and not may_declare(GROUP)
        if not self.builtin_only:
            self._registry = self.load_registry(list(modules))
        self.baseline = None
        # Rewriting a baseline records everything there is, not only what the old one lacked.
        if getattr(args, "baseline", None) and not getattr(args, "write_baseline", None):
            from .baseline import Baseline, BaselineError

            try:
                self.baseline = Baseline.load(args.baseline)
            except BaselineError as exc:
                raise SettingsError(str(exc)) from None

    def _cache_folder(self) -> str | None:
        """Where results and builds are kept: --cache-dir, LAWLINT_CACHE_DIR or the default; None
        with --no-cache."""
        if getattr(self.args, "no_cache", False):
            return None
        from .cache import default_dir

        return getattr(self.args, "cache_dir", None) or default_dir()

    def _keep_builds(self) -> None:
        """Parsed data and compiled patterns go beside the result cache (nowhere with --no-cache);
        the builds an installed package ships are read first either way."""
        from . import buildcache

        folder = self._cache_folder()
        if folder is None:
            buildcache.configure(None, prebuilt=buildcache.PREBUILT)
            return
        from .cache import package_fingerprint, prepare_folder

        buildcache.configure(os.path.join(folder, "builds"), prepare=lambda: prepare_folder(folder),
                             stamp=package_fingerprint, prebuilt=buildcache.PREBUILT)

    @property
    def registry(self):
        """The rule registry, loaded at the first file the cache cannot answer."""
        if self._registry is None:
            self._registry = self.load_registry(list(self.local_modules))
        return self._registry

    # -- settings per file ------------------------------------------------------------------

    @property
    def fixing(self) -> bool:
        return bool(getattr(self.args, "fix", False) or getattr(self.args, "diff", False))

    def config_for(self, path: str | None) -> Config:
        try:
            config = self.resolver.for_file(path)
        except ConfigError as exc:
            raise SettingsError(str(exc)) from None
        if config.path is not None and config.path not in self._noticed:
            self._noticed.add(config.path)
            if config.plugins and not config.trusted:
                self.notice(f"提示：{config.path} 位于被检查的目录中，其中的 plugins 设置未加载"
                            "（只加载 --config 指定的或当前目录项目配置中的本地规则模块）")
            unknown = sorted({f"{key} 中的 {code}" for key, code in config.codes_named()
                              if code != "ALL" and not any(c.startswith(code) for c in self.registry.rules)})
            if unknown:
                self.notice(f"提示：{config.path}：{'、'.join(unknown)} 不对应任何已加载的规则")
        return config

    def engine_for(self, config: Config) -> Engine:
        key = (config.select, config.extend_select, config.ignore, config.severity, config.profile,
               config.profile_files, config.dictionaries, config.report_year)
        engine = self._engines.get(key)
        if engine is None:
            from .engine import Engine

            engine = Engine(
                registry=self.registry,
                selection=LayeredSelection((Layer(config.select, config.extend_select, config.ignore),
                                            self.cli_layer)),
                context=self._context(config),
                severity_overrides=self._severities(config),
            )
            self._engines[key] = engine
        return engine

    def _context(self, config: Config) -> RuleContext:
        options = {}
        if config.profile:
            options["profile"] = config.profile
        if config.profile_files:
            options["profile_files"] = list(config.profile_files)
        if config.dictionaries:
            options["dictionaries"] = list(config.dictionaries)
        options.update(self.context.options)  # the command line beats the configuration
        report_year = self.context.report_year if self.context.report_year is not None else config.report_year
        return self.context.replace(report_year=report_year, options=options)

    def _severities(self, config: Config) -> dict[str, Severity]:
        """Per-code severities; a prefix applies to every code it covers, the longest one winning."""
        out: dict[str, Severity] = {}
        for code in self.registry.rules:
            best = -1
            for prefix, severity in config.severity:
                length = 0 if prefix == "ALL" else len(prefix)
                if (prefix == "ALL" or code.startswith(prefix)) and length > best:
                    best, out[code] = length, severity
        return out

    # -- the result cache -------------------------------------------------------------------

    @property
    def cache(self):
        """The on-disk cache of this run, or None (--no-cache)."""
        folder = self._cache_folder()
        if folder is None:
            return None
        if self._cache is None:
            from . import cache

            cli = {"layer": self.cli_layer, "context": self.context, "baseline": None}
            self._cache = cache.Cache(folder,
                                      cache.context_key(registry=None if self.builtin_only else self.registry,
                                                        cli_settings=cli,
                                                        extra_modules=self.local_modules))
        return self._cache

    def _settings_key(self, config: Config) -> str:
        key = self._settings_keys.get(config)
        if key is None:
            from .cache import settings_key

            key = self._settings_keys[config] = settings_key(config)
        return key

    def lookup(self, target) -> tuple[LintedFile | None, str | None, bytes | None]:
        """(the cached result to use, or None; the key to store a fresh result under, or None;
        the file's bytes when they were read for the key, so that they are not read twice)."""
        cache = self.cache if target.path is not None else None
        if cache is None or (self.fixing and target.display.lower().endswith(NOT_FIXABLE_SUFFIXES)):
            return None, None, None  # lint() tells the user that a .docx is reported, not fixed
        try:
            _refuse_oversized_text(target)
        except InputError:
            return None, None, None  # check() reports it; never read it to hash it
        data = _bytes_for_cache(target)
        try:
            config = self.config_for(target.display) if data is not None else None
        except SettingsError:
            config = None  # lint() reports the broken configuration
        if config is None:
            return None, None, data
        key = cache.key(self._settings_key(config), target.display, data)
        hit = cache.get(key)
        if not isinstance(hit, LintedFile):
            return None, key, data
        if self.baseline is not None:
            hit.diagnostics = self.baseline.filter(hit.diagnostics)
        if self.fixing and has_applicable_fix(hit.diagnostics, getattr(self.args, "unsafe_fixes", False)):
            return None, None, data  # --fix rewrites this file: lint it afresh, cache it next time
        return hit, key, data

    def check(self, target) -> LintedFile:
        """Read, lint (or fix) one target and keep only what output needs; InputError when the
        target cannot be read.  Unchanged files come from the cache."""
        prepared = self.prepare(target)
        if isinstance(prepared, LintedFile):
            return prepared
        if self.fixing:
            return slim(self.fix(prepared))
        return self.lint_prepared(prepared)

    def prepare(self, target) -> "LintedFile | Prepared":
        """What check() does before linting: the cached result, or the read input with the
        settings and engine that will lint it.  InputError when the target cannot be read."""
        from .inputs import read_target

        _refuse_oversized_text(target)
        hit, key, data = self.lookup(target)
        if hit is not None:
            return hit
        source = read_target(target, data)
        _refuse_long_text(source)
        try:
            config = self.config_for(_file_path(source))
        except SettingsError as exc:  # a broken configuration beside this input: skip the input
            raise InputError(source.path, f"未检查：{exc}") from None
        return Prepared(target, source, key, config, self.engine_for(config))

    def lint_prepared(self, prepared: "Prepared") -> LintedFile:
        """Lint one prepared input alone (without fixes) and finish it."""
        source = prepared.source
        return self.finish_file(prepared, prepared.engine.lint_file(source.text, path=source.path, meta=source.meta))

    def finish_file(self, prepared: "Prepared", result: FileResult) -> LintedFile:
        """What check() does after linting (without fixes): suppressions, the cache, the baseline."""
        result.diagnostics = suppress(result.diagnostics, result.doc.text, prepared.config,
                                      _file_path(prepared.source))
        if prepared.key is None:
            if self.baseline is not None:
                result.diagnostics = self.baseline.filter(result.diagnostics)
            return slim(result)
        linted = slim(result)
        self.cache.put(prepared.key, linted)  # before the baseline, which may change between runs
        if self.baseline is not None:
            linted.diagnostics = self.baseline.filter(linted.diagnostics)
        return linted

    # -- one input --------------------------------------------------------------------------

    def fix(self, prepared: "Prepared") -> FileResult:
        """Lint and fix (--fix) or show the fixes of (--diff) one read input, linting again after
        each round of fixes; InputError when it cannot be fixed."""
        from .fixes import FixError, fix_text, unified_diff

        target, source, config, engine = prepared.target, prepared.source, prepared.config, prepared.engine

        def run(text: str) -> tuple[list[Diagnostic], FileResult]:
            text, meta = (source.text, source.meta) if text is None else _as_read(text, source.meta)
            result = engine.lint_file(text, path=source.path, meta=meta)
            kept = suppress(result.diagnostics, result.doc.text, config, _file_path(source))
            if self.baseline is not None:
                kept = self.baseline.filter(kept)
            result.diagnostics = kept
            return kept, result

        if _not_fixable(source):
            self.notice(f"{source.path}: .docx 文件不会被修改，只报告问题")
            return run(None)[1]
        try:
            raw = self._raw_text(target, source)
        except OSError as exc:
            raise InputError(source.path, f"无法重新读取文件以修复（{exc.strerror or type(exc).__name__}）") from None
        except FixError as exc:
            raise InputError(source.path, str(exc)) from None
        outcome = fix_text(raw.text, run, unsafe=getattr(self.args, "unsafe_fixes", False))
        self.fixed += outcome.applied
        if getattr(self.args, "diff", False):
            self.diffs.append(unified_diff(source.path, raw.text, outcome.text))
            return outcome.result
        try:
            data = raw.encode(outcome.text)
            if target.path is None:
                self.stdin_output = (self.stdin_output or b"") + data
            elif outcome.text != raw.text:
                write_atomically(target.path, data)
        except FixError as exc:
            raise InputError(source.path, str(exc)) from None
        except OSError as exc:
            raise InputError(source.path, f"无法写回修复（{exc.strerror or type(exc).__name__}）") from None
        return outcome.result

    @staticmethod
    def _raw_text(target, source) -> RawText:
        from .fixes import FixError, RawText

        if target.path is not None:
            with open(target.path, "rb") as file:
                return RawText.decode(file.read(), source.meta.get("encoding"))
        # Standard input cannot be read twice: rebuild its bytes from what the input layer kept.
        encoding = (source.meta.get("encoding") or "utf-8").replace("_", "-").lower()
        text = source.text
        normalised = "\r" in source.meta.get("newline", "") and "\r" not in text
        if source.meta.get("kind") == "markdown" or normalised:
            raise FixError("标准输入的原文已被规范化，无法按原样修复；请直接对文件使用 --fix")
        if source.meta.get("bom"):
            bom, codec = _STDIN_BOMS.get(encoding, (codecs.BOM_UTF8, "utf-8"))
            return RawText(text, codec, bom)
        return RawText(text, "utf-8" if encoding == "utf-8-sig" else encoding)

    # -- after every input ------------------------------------------------------------------

    def finish(self, results: list[FileResult], had_input_error: bool, stdout) -> int | None:
        """Handle --write-baseline and --diff; an exit status when they replace the normal output."""
        if getattr(self.args, "write_baseline", None):
            from .baseline import Baseline, BaselineError

            diagnostics = [d for r in results for d in r.diagnostics]
            baseline = Baseline.from_diagnostics(self.args.write_baseline, diagnostics)
            try:
                baseline.write()
            except BaselineError as exc:
                raise SettingsError(str(exc)) from None
            self.notice(f"已写入基线文件 {self.args.write_baseline}：{len(baseline)} 条诊断")
            return 2 if had_input_error else 0
        if getattr(self.args, "diff", False):
            buffer = getattr(stdout, "buffer", None)
            text = "".join(self.diffs)
            if buffer is not None:
                stdout.flush()
                buffer.write(text.encode("utf-8"))
                buffer.flush()
            else:
                stdout.write(text)
            self.notice(f"可修复 {self.fixed} 处（--diff 未写入任何文件）")
            if had_input_error:
                return 2
            return 1 if text else 0
        return None

    def diagnostic_stream(self, stdout, stderr):
        """Where diagnostics go: stderr when stdout carries the fixed standard input."""
        return stderr if getattr(self.args, "fix", False) and self._reads_stdin() else stdout

    def _reads_stdin(self) -> bool:
        return "-" in (getattr(self.args, "paths", None) or [])

    def after_output(self, stdout) -> None:
        if not getattr(self.args, "fix", False):
            return
        if self.stdin_output is not None:
            stdout.flush()
            stdout.buffer.write(self.stdin_output)
            stdout.buffer.flush()
        self.notice(f"已修复 {self.fixed} 处")


_STDIN_BOMS = {
    "utf-8": (codecs.BOM_UTF8, "utf-8"), "utf-8-sig": (codecs.BOM_UTF8, "utf-8"),
    "utf-16": (codecs.BOM_UTF16_LE, "utf-16-le"), "utf-16-le": (codecs.BOM_UTF16_LE, "utf-16-le"),
    "utf-16-be": (codecs.BOM_UTF16_BE, "utf-16-be"), "utf-32": (codecs.BOM_UTF32_LE, "utf-32-le"),
    "utf-32-le": (codecs.BOM_UTF32_LE, "utf-32-le"), "utf-32-be": (codecs.BOM_UTF32_BE, "utf-32-be"),
}


# A report is 10,000 to 100,000 characters; two million is a pile of reports or not a report, and
# would take the rules many seconds (a time-limited worker would give up on it anyway).
MAX_TEXT_CHARS = 2_000_000
_BYTES_PER_CHAR = 4  # UTF-32, the widest encoding read: a larger text file cannot fit the limit


def _too_long(display: str, what: str) -> InputError:
    return InputError(display, f"文本过长（{what}），超过 {MAX_TEXT_CHARS // 10_000} 万字的上限，未检查；"
                               "请确认这是一份报告而不是多份报告的合集")


def _refuse_oversized_text(target) -> None:
    """Refuse a text file that cannot be within the limit before reading it (not a .docx, whose
    size is mostly pictures)."""
    if target.path is None or target.display.lower().endswith(".docx"):
        return
    try:
        size = os.stat(target.path).st_size
    except OSError:
        return  # the input layer reports it
    if size > MAX_TEXT_CHARS * _BYTES_PER_CHAR:
        raise _too_long(target.display, f"{size / 1024 / 1024:.0f} MB")


def _refuse_long_text(source) -> None:
    if len(source.text) > MAX_TEXT_CHARS:
        raise _too_long(source.path, f"约 {len(source.text) // 10_000} 万字")


def _bytes_for_cache(target) -> bytes | None:
    """The file's bytes for the cache key; None leaves reading (and its errors) to the input layer."""
    from .inputs import MAX_BYTES

    try:
        if os.stat(target.path).st_size > MAX_BYTES:
            return None
        with open(target.path, "rb") as file:
            return file.read()
    except (OSError, ValueError):
        return None


def _as_read(raw: str, meta: dict) -> tuple[str, dict]:
    """Text and meta as the input layer would give them for this (fixed) original text."""
    from . import inputs

    meta = dict(meta)
    if hasattr(inputs, "line_endings"):
        meta.update(inputs.line_endings(raw))
    if meta.get("kind") == "markdown" and hasattr(inputs, "mask_markdown"):
        raw, meta["masked"] = inputs.mask_markdown(raw)
    return raw, meta


def _not_fixable(source) -> bool:
    return source.meta.get("kind") == "docx" or source.path.lower().endswith(NOT_FIXABLE_SUFFIXES)


# ---------------------------------------------------------------------------------------------
# lawlint config [PATH]


def cmd_config(argv: list[str], parser_class) -> int:
    parser = parser_class(prog="lawlint config", description="显示某个文件实际使用的配置及其来源")
    parser.add_argument("path", nargs="?", default=None, help="要查看的报告文件或目录（默认当前目录）")
    parser.add_argument("--config", metavar="PATH", default=None)
    parser.add_argument("--isolated", action="store_true")
    args = parser.parse_args(argv)
    if args.isolated and args.config:
        parser.error("--isolated 与 --config 不能同时使用")
    try:
        resolver = Resolver(config_path=args.config, isolated=args.isolated)
        if args.path is None:
            config, shown = resolver.project, None
        else:
            from pathlib import Path  # (the config subcommand alone)

            path = Path(args.path)
            probe = path / "_" if path.is_dir() else path
            config, shown = resolver.for_file(probe), args.path
    except ConfigError as exc:
        parser.error(str(exc))
    if args.isolated:
        how = "--isolated：不读取任何配置文件"
    elif args.config:
        how = "由 --config 指定"
    elif config.path is None:
        how = "未找到配置文件，使用默认设置"
    elif config.trusted:
        how = "当前目录的项目配置，可加载 plugins"
    else:
        how = "离文件最近的配置文件；其中的 plugins 不会加载"
    sys.stdout.write(describe(config, shown, how))
    return 0
