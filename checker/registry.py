"""Load rule plugins with pluggy and index their rules by code.

Built-in plugins are the modules listed in ``lawlint.plugins.BUILTIN``; third-party plugins come
from the entry-point group ``lawlint``.  Each third-party plugin is loaded in isolation: one that
fails to import or to return its rules is reported and skipped.  Two rules claiming one code
stop the start (a DuplicateCodeError).

When only the built-in plugins are there, what pluggy registered is recorded with the other
builds (``lawlint.buildcache``: in the cache folder, and shipped with an installed lawlint), as
the names of the rule classes and version hooks in registration order.  A later run with the same
lawlint files imports the plugins and takes those names from them, without importing pluggy.
"""

from __future__ import annotations

import importlib
import sys

from . import buildcache, hookspec
from .entrypoints import GROUP as ENTRY_POINT_GROUP
from .entrypoints import entry_points, may_declare
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


def load_registry(*, local_modules: list[str] = (), use_entry_points: bool = True) -> Registry:
    """Build the rule registry.  ``local_modules`` are a repository's own rule modules."""
    builtin = _builtin_modules()
    if not local_modules and not (use_entry_points and may_declare(ENTRY_POINT_GROUP)):
        return _builtin_registry(builtin)
    return _register(builtin, local_modules, use_entry_points)


def _builtin_registry(builtin: list[str]) -> Registry:
    """The registry of the built-in plugins alone, from the recorded registration when there is
    one for these files.  The record's key covers lawlint's own files only, so plugins from
    elsewhere (a test's) are always registered afresh."""
    if all(modname.startswith(_OWN_PACKAGE) for modname in builtin):
        registered: list[Registry] = []

        def register_and_record():
            registered.append(_register(builtin, (), use_entry_points=False))
            return _record(registered[0])

        record = buildcache.plain_build("registration", "\n".join(builtin).encode(), register_and_record)
        found = registered[0] if registered else _replayed(record, builtin)
        if found is not None:
            return found
    return _register(builtin, (), use_entry_points=False)


_OWN_PACKAGE = __name__.rpartition(".")[0] + "."


def _record(registry: Registry) -> dict | None:
    """The registration as plain data: (code, module, qualified name, plugin) of each rule and
    (plugin, module, qualified name) of each version hook, or None when one cannot be found by
    its name (a class made inside a function)."""
    named = [*registry.rules.values(), *(function for _, function in registry.version_hooks)]
    if registry.warnings or any(_by_name(obj.__module__, obj.__qualname__) is not obj for obj in named):
        return None
    return {
        "rules": [(code, rule.__module__, rule.__qualname__, registry.plugin_of[code])
                  for code, rule in registry.rules.items()],
        "version_hooks": [(plugin, function.__module__, function.__qualname__)
                          for plugin, function in registry.version_hooks],
    }


def _replayed(record: dict | None, builtin: list[str]) -> Registry | None:
    """The registry a record describes, its plugins imported in registration order."""
    if record is None:
        return None
    for modname in builtin:
        importlib.import_module(modname)
    registry = Registry()
    for code, module, qualname, plugin in record["rules"]:
        rule = _by_name(module, qualname)
        if rule is None:
            return None
        registry.rules[code] = rule
        registry.plugin_of[code] = plugin
    registry.version_hooks = [(plugin, _by_name(module, qualname))
                              for plugin, module, qualname in record["version_hooks"]]
    if any(function is None for _, function in registry.version_hooks):
        return None
    return registry


def _by_name(module: str, qualname: str):
    found = sys.modules.get(module)
    for name in qualname.split("."):
        found = getattr(found, name, None)
    return found


def _register(builtin: list[str], local_modules, use_entry_points: bool) -> Registry:
    """Register the plugins with pluggy and collect their rules."""
    import pluggy

    from .pluginmanager import new_manager

    pm = new_manager()
    registry = Registry()
    trusted: set[str] = set()

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
