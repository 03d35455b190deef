"""Load rule plugins with pluggy and index their rules by code.

Built-in plugins are the modules listed in ``lawlint.plugins.BUILTIN``; third-party plugins come
from the entry-point group ``lawlint``.  Each third-party plugin is loaded in isolation: one that
fails to import or to return its rules is reported and skipped.  Two rules claiming one code
stop the start (a DuplicateCodeError).
"""

from __future__ import annotations

import importlib
import pluggy

from . import hookspec
from .entrypoints import GROUP as ENTRY_POINT_GROUP
from .entrypoints import entry_points
from .records import Record
from .rules import Rule, validate_rule_class



class DuplicateCodeError(Exception):
    pass


class PluginError(Exception):
    pass


class Registry(Record):
    __slots__ = ("rules", "plugin_of", "warnings", "_data_versions", "version_hooks")
    _fields = ("rules", "plugin_of", "warnings", "data_versions")

    def __init__(self, rules: dict[str, type[Rule]] | None = None, plugin_of: dict[str, str] | None = None,
                 warnings: list[str] | None = None, data_versions: dict[str, str] | None = None):
        self.rules = {} if rules is None else rules  # code → rule class
        self.plugin_of = {} if plugin_of is None else plugin_of  # code → plugin name
        self.warnings = [] if warnings is None else warnings  # broken third-party plugins
        self._data_versions = data_versions
        self.version_hooks: list = []  # (plugin name, its lawlint_data_versions), asked on first use

    @property
    def data_versions(self) -> dict[str, str]:
        """{data set: version} of every plugin.  The plugins are asked on first use: reading and
        hashing the data files costs ~10 ms that a linting run with built-in rules never needs
        (only --version, SARIF and the cache key of third-party plugins read it)."""
        if self._data_versions is None:
            versions: dict[str, str] = {}
            for plugin_name, hook in self.version_hooks:
                try:
                    versions.update(hook() or {})
                except Exception as exc:
                    self.warnings.append(f"插件 {plugin_name} 数据版本读取失败：{exc}")
            self._data_versions = versions
        return self._data_versions

    def add(self, rule: type[Rule], plugin: str) -> None:
        problems = validate_rule_class(rule)
        if problems:
            raise PluginError(f"插件 {plugin} 的规则无效：" + "；".join(problems))
        if rule.code in self.rules:
            raise DuplicateCodeError(
                f"规则代码 {rule.code} 被两个规则同时声明：{self.plugin_of[rule.code]} 与 {plugin}"
            )
        self.rules[rule.code] = rule
        self.plugin_of[rule.code] = plugin

    def sorted_rules(self) -> list[type[Rule]]:
        return [self.rules[code] for code in sorted(self.rules)]


def _builtin_modules() -> list[str]:
    from lawlint import plugins

    return list(plugins.BUILTIN)


class _Hooks:
    """A built-in plugin module's hook functions alone, as pluggy registers them.  pluggy examines
    every name ``dir()`` gives of what it registers (with inspect.getattr_static: a module's ~650
    attributes, or the ~25 dunders of a plain object), which cost every linting run several
    milliseconds for the two hooks each module has; this object lists its hooks and nothing else."""

    def __init__(self, module):
        for name in vars(hookspec):
            if name.startswith("lawlint_") and hasattr(module, name):
                setattr(self, name, getattr(module, name))

    def __dir__(self):
        return list(vars(self))


def _new_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspec.PROJECT_NAME)
    pm.add_hookspecs(hookspec)
    return pm


def load_registry(*, local_modules: list[str] = (), use_entry_points: bool = True) -> Registry:
    """Build the rule registry.  ``local_modules`` are a repository's own rule modules."""
    pm = _new_manager()
    registry = Registry()
    trusted: set[str] = set()

    builtin = _builtin_modules()
    for modname in builtin:
        pm.register(_Hooks(importlib.import_module(modname)), name=modname)
        trusted.add(modname)

    for modname in local_modules:
        try:
            pm.register(importlib.import_module(modname), name=modname)
        except Exception as exc:  # a local module is the user's own: report precisely
            raise PluginError(f"无法加载本地规则模块 {modname}：{type(exc).__name__}: {exc}") from exc
        trusted.add(modname)

    if use_entry_points:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            name = f"{ep.name} ({ep.value})"
            try:
                pm.register(ep.load(), name=name)
            except Exception as exc:
                registry.warnings.append(f"插件 {name} 加载失败，已跳过：{type(exc).__name__}: {exc}")

    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(f"插件钩子无效：{exc}") from exc

    for impl in pm.hook.lawlint_rules.get_hookimpls():
        try:
            rules = list(impl.function() or ())
            for rule in rules:
                problems = validate_rule_class(rule)
                if problems:
                    raise PluginError("；".join(problems))
        except Exception as exc:
            if impl.plugin_name in trusted:
                raise
            registry.warnings.append(f"插件 {impl.plugin_name} 提供规则失败，已跳过：{exc}")
            continue
        for rule in rules:
            registry.add(rule, impl.plugin_name)

    registry.version_hooks = [(impl.plugin_name, impl.function)
                              for impl in pm.hook.lawlint_data_versions.get_hookimpls()]
    if any(plugin_name not in builtin for plugin_name, _ in registry.version_hooks):
        registry.data_versions  # noqa: B018 — asked now, so a plugin's failure is reported with the others
    return registry
