"""Configuration files: ``[tool.lawlint]`` in pyproject.toml or a ``lawlint.toml``.

The nearest configuration above each linted file wins (``lawlint.toml`` before ``pyproject.toml``
in one folder); ``--config PATH`` names one file for every input; ``--isolated`` ignores them all.
Paths inside a configuration (profile files, dictionaries, plugin modules, per-file-ignores globs)
are relative to the folder of the file that names them.

A reviewer lints folders other people submitted, so a configuration found next to the inputs is
not trusted to run code: only the file named by ``--config`` and the project configuration of the
current working directory may load ``plugins``.  Errors are one Chinese line naming the key.
"""

from __future__ import annotations

import fnmatch
import os
from collections import namedtuple

from .diagnostics import Severity
from .selection import SelectionError, parse_prefixes

CONFIG_NAMES = ("lawlint.toml", "pyproject.toml")
_REPORT_YEAR_RANGE = (1949, 2100)


class ConfigError(Exception):
    """A configuration that cannot be used; the message is one Chinese line."""


# Config's fields and their defaults.
_CONFIG_FIELDS = {
    "path": None,  # the file's real path (a str); None: the built-in defaults
    "trusted": False,  # may load plugin modules
    "select": None,  # code prefixes (a tuple of str), or None
    "extend_select": (),
    "ignore": (),
    "per_file_ignores": (),  # (pattern, (code prefix, …)) pairs
    "severity": (),  # (code or prefix, Severity) pairs
    "profile": None,  # str or None
    "profile_files": (),
    "dictionaries": (),
    "plugins": (),
    "report_year": None,  # int or None
    "ignore_text": (),  # (code or prefix, (exact text, …)) pairs
    "keys": frozenset(),  # the keys the file actually set
}


class Config(namedtuple("_Config", _CONFIG_FIELDS, defaults=tuple(_CONFIG_FIELDS.values()))):
    """One configuration file's settings, validated, with its paths resolved."""

    __slots__ = ()

    @property
    def folder(self) -> str | None:
        return os.path.dirname(self.path) if self.path is not None else None

    def ignored_codes_for(self, file_path: str | os.PathLike | None) -> tuple[str, ...]:
        """Codes and prefixes that per-file-ignores switch off for one file."""
        if not self.per_file_ignores or file_path is None or self.folder is None:
            return ()
        candidates = _match_candidates(os.fspath(file_path), self.folder)
        out: list[str] = []
        for pattern, codes in self.per_file_ignores:
            # "**/x" also matches "x" at the top, as in .gitignore and ruff.
            patterns = (pattern, pattern[3:]) if pattern.startswith("**/") else (pattern,)
            if any(fnmatch.fnmatchcase(c, p) for c in candidates for p in patterns):
                out.extend(codes)
        return tuple(out)

    def codes_named(self) -> list[tuple[str, str]]:
        """(key, code or prefix) for every code the file names, to check against the registry."""
        out = [(key, code) for key, codes in (("select", self.select or ()), ("extend-select", self.extend_select),
                                              ("ignore", self.ignore)) for code in codes]
        out += [("per-file-ignores", code) for _, codes in self.per_file_ignores for code in codes]
        out += [("severity", code) for code, _ in self.severity]
        out += [("ignore-text", code) for code, _ in self.ignore_text]
        return out


DEFAULT = Config()


def _match_candidates(file_path: str, folder: str) -> list[str]:
    """A glob matches the path relative to the config folder, the path as given, or the name."""
    given = _as_posix(file_path)
    absolute = _as_posix(file_path if os.path.isabs(file_path) else os.path.realpath(file_path))
    out = [given, given.rpartition("/")[2], absolute]
    base = _as_posix(os.path.realpath(folder))
    if absolute == base:
        out.append(".")
    elif absolute.startswith(base.rstrip("/") + "/"):
        out.append(absolute[len(base.rstrip("/")) + 1:])
    return out


def _as_posix(path: str) -> str:
    """A path as pathlib writes it with forward slashes: no "." parts and no doubled or trailing
    separators ("./a//b/" is "a/b").  (os.path, not pathlib: importing pathlib costs every run
    ~5 ms.)"""
    path = path.replace(os.sep, "/")
    root = "/" if path.startswith("/") else ""
    return root + "/".join(part for part in path.split("/") if part not in ("", ".")) or "."


# ---------------------------------------------------------------------------------------------
# Reading and validating one file


def load_config(path: str | os.PathLike, trusted: bool) -> Config:
    """Read one configuration file (lawlint.toml or pyproject.toml); ConfigError when unusable."""
    path = os.path.realpath(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise ConfigError(f"配置文件不存在：{path}") from None
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件 {path}：{exc.strerror or type(exc).__name__}") from None
    try:
        raw = parsed_toml(data)
    except ValueError as exc:  # tomllib.TOMLDecodeError, or bytes that are not UTF-8
        raise ConfigError(f"配置文件 {path} 不是有效的 TOML：{exc}") from None
    table = _lawlint_table(raw, path)
    if table is None:
        table = {}
    return _validate(table, path, trusted)


def _lawlint_table(raw: dict, path: str) -> dict | None:
    tool = raw.get("tool")
    nested = tool.get("lawlint") if isinstance(tool, dict) else None
    if os.path.basename(path) == "pyproject.toml":
        return nested if isinstance(nested, dict) else None
    if nested is not None and set(raw) == {"tool"} and isinstance(nested, dict):
        return nested  # a lawlint.toml written like a pyproject section
    return raw


def _validate(table: dict, path: str, trusted: bool) -> Config:
    folder = os.path.dirname(path)
    values: dict = {}
    for key, value in table.items():
        parser = _KEYS.get(key)
        if parser is None:
            raise ConfigError(f"配置文件 {path}：未知的设置项“{key}”")
        values[key.replace("-", "_")] = parser(value, key, path, folder)
    return Config(path=path, trusted=trusted, keys=frozenset(table), **values)


def _bad(path: str, key: str, expected: str) -> ConfigError:
    return ConfigError(f"配置文件 {path}：设置项“{key}”的值无效，应为{expected}")


def _codes(value, key, path, folder=None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _bad(path, key, "规则代码或前缀的列表，如 [\"H\", \"W101\"]")
    try:
        return parse_prefixes(value)
    except SelectionError as exc:
        raise ConfigError(f"配置文件 {path}：设置项“{key}”中{exc}") from None


def _one_code(code: str, key: str, path: str) -> str:
    try:
        parsed = parse_prefixes([code])
    except SelectionError as exc:
        raise ConfigError(f"配置文件 {path}：设置项“{key}”中{exc}") from None
    if len(parsed) != 1:
        raise _bad(path, key, "以规则代码或前缀为键的表")
    return parsed[0]


def _per_file_ignores(value, key, path, folder):
    if not isinstance(value, dict):
        raise _bad(path, key, "“文件通配符 = [规则代码]”的表")
    return tuple((pattern, _codes(codes, f"{key}.{pattern}", path)) for pattern, codes in value.items())


def _severity(value, key, path, folder):
    if not isinstance(value, dict):
        raise _bad(path, key, "“规则代码 = \"error\"|\"warning\"|\"info\"”的表")
    out = []
    for code, level in value.items():
        try:
            severity = Severity(level)
        except (ValueError, TypeError):
            raise _bad(path, f"{key}.{code}", "\"error\"、\"warning\" 或 \"info\"") from None
        out.append((_one_code(code, key, path), severity))
    return tuple(out)


def _string(value, key, path, folder):
    if not isinstance(value, str) or not value.strip():
        raise _bad(path, key, "非空字符串")
    return value.strip()


def _files(value, key, path, folder) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _bad(path, key, "文件路径的列表")
    out = []
    for item in value:
        resolved = os.path.realpath(os.path.join(folder, item))
        if not os.path.isfile(resolved):
            raise ConfigError(f"配置文件 {path}：设置项“{key}”中的文件不存在：{item}")
        out.append(resolved)
    return tuple(out)


def _plugins(value, key, path, folder):
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.replace(".", "").replace("_", "").isalnum()
                                              for v in value):
        raise _bad(path, key, "Python 模块名的列表，如 [\"local_rules\"]")
    return tuple(value)


def _report_year(value, key, path, folder):
    low, high = _REPORT_YEAR_RANGE
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _bad(path, key, f"{low} 到 {high} 之间的年份整数")
    return value


def _ignore_text(value, key, path, folder):
    if not isinstance(value, dict):
        raise _bad(path, key, "“规则代码 = [\"原文\"]”的表")
    out = []
    for code, texts in value.items():
        if isinstance(texts, str):
            texts = [texts]
        if not isinstance(texts, list) or not all(isinstance(t, str) and t for t in texts):
            raise _bad(path, f"{key}.{code}", "非空字符串的列表")
        out.append((_one_code(code, key, path), tuple(texts)))
    return tuple(out)


_KEYS = {
    "select": _codes,
    "extend-select": _codes,
    "ignore": _codes,
    "per-file-ignores": _per_file_ignores,
    "severity": _severity,
    "profile": _string,
    "profile-files": _files,
    "dictionaries": _files,
    "plugins": _plugins,
    "report-year": _report_year,
    "ignore-text": _ignore_text,
}
KNOWN_KEYS = tuple(_KEYS)


# ---------------------------------------------------------------------------------------------
# Finding the configuration of a file


def _config_in(folder: str) -> str | None:
    for name in CONFIG_NAMES:
        candidate = os.path.join(folder, name)
        if not os.path.isfile(candidate):
            continue
        if name == "pyproject.toml" and not _has_lawlint_section(candidate):
            continue
        return candidate
    return None


def _has_lawlint_section(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return False
    if b"lawlint" not in data:
        return False  # no tool.lawlint table can be written without the word: nothing to parse
    try:
        raw = parsed_toml(data)
    except ValueError:
        # An unrelated broken pyproject is not ours to judge unless it names lawlint.
        return "[tool.lawlint" in data.decode("utf-8", errors="replace")
    tool = raw.get("tool")
    return isinstance(tool, dict) and "lawlint" in tool


def parsed_toml(data: bytes) -> dict:
    """The tables of a TOML file's bytes; ValueError when they are not TOML (or not UTF-8).

    The parse is kept with the other builds (lawlint.buildcache), keyed by the bytes: a run in
    a repository with a configuration file would otherwise import tomllib (pure Python, with
    typing) and parse the file every time, ~10 ms."""
    from .buildcache import plain_build

    def parse() -> dict:
        import tomllib

        return tomllib.loads(data.decode("utf-8"))

    return plain_build("config-toml", data, parse)


class Resolver:
    """Which configuration applies to each file, read once per file and folder."""

    def __init__(self, *, config_path: str | os.PathLike | None = None, isolated: bool = False,
                 cwd: str | os.PathLike | None = None):
        self.isolated = isolated
        self._cwd = os.path.realpath(cwd or os.getcwd())
        self._by_folder: dict[str, str | None] = {}
        self._loaded: dict[str, Config] = {}
        self.fixed: Config | None = None
        if isolated:
            self.fixed = DEFAULT
        elif config_path is not None:
            self.fixed = self._load(os.path.realpath(config_path), trusted=True)
        project = None if isolated or config_path is not None else self.nearest(self._cwd)
        self.project_path: str | None = project

    def _load(self, path: str, trusted: bool) -> Config:
        if path not in self._loaded:
            self._loaded[path] = load_config(path, trusted)
        return self._loaded[path]

    def nearest(self, folder: str | os.PathLike) -> str | None:
        """The nearest configuration file at or above a folder."""
        walked = []
        found = None
        for candidate in _folder_and_parents(os.path.realpath(folder)):
            if candidate in self._by_folder:
                found = self._by_folder[candidate]
                break
            walked.append(candidate)
            found = _config_in(candidate)
            if found is not None:
                break
        for candidate in walked:
            self._by_folder[candidate] = found
        return found

    @property
    def project(self) -> Config:
        """The configuration of the current working directory (trusted to load plugins)."""
        if self.fixed is not None:
            return self.fixed
        if self.project_path is None:
            return DEFAULT
        return self._load(self.project_path, trusted=True)

    def for_file(self, file_path: str | os.PathLike | None) -> Config:
        """The configuration for one input (standard input uses the working directory's)."""
        if self.fixed is not None:
            return self.fixed
        folder = self._cwd if file_path is None else os.path.dirname(os.path.realpath(file_path))
        found = self.nearest(folder)
        if found is None:
            return DEFAULT
        return self._load(found, trusted=found == self.project_path)


def _folder_and_parents(folder: str):
    while True:
        yield folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return
        folder = parent


def describe(config: Config, file_path: str | None, how: str) -> str:
    """The effective settings for one file, each with where it came from, as plain text."""
    source = str(config.path) if config.path else "默认"

    def origin(key: str) -> str:
        return source if key in config.keys else "默认"

    def codes(values) -> str:
        return "[" + ", ".join(f'"{v}"' for v in values) + "]"

    rows = [
        ("select", codes(config.select or ("ALL",))),
        ("extend-select", codes(config.extend_select)),
        ("ignore", codes(config.ignore)),
        ("per-file-ignores", "{" + ", ".join(f'"{p}" = {codes(c)}' for p, c in config.per_file_ignores) + "}"),
        ("severity", "{" + ", ".join(f'{c} = "{s.value}"' for c, s in config.severity) + "}"),
        ("profile", f'"{config.profile}"' if config.profile else "（未设置）"),
        ("profile-files", codes(config.profile_files)),
        ("dictionaries", codes(config.dictionaries)),
        ("plugins", codes(config.plugins) + ("" if config.trusted or not config.plugins else "（不受信任，不会加载）")),
        ("report-year", str(config.report_year) if config.report_year else "（从报告推断）"),
        ("ignore-text", "{" + ", ".join(f"{c} = {codes(t)}" for c, t in config.ignore_text) + "}"),
    ]
    lines = [f"文件：{file_path or '（当前目录）'}", f"配置文件：{source}（{how}）"]
    width = max(len(key) for key, _ in rows)
    for key, value in rows:
        lines.append(f"{key:<{width}} = {value}    # {origin(key)}")
    ignored = config.ignored_codes_for(file_path)
    if ignored:
        lines.append(f"本文件因 per-file-ignores 忽略：{codes(ignored)}")
    return "\n".join(lines) + "\n"
