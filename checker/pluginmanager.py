"""pluggy's plugin manager for lawlint's hooks, reading the deferred marks of ``lawlint.hookspec``.

Imported only when plugins are registered through pluggy (``lawlint.registry``): pluggy and what
it imports stay out of a run whose registration was recorded before.
"""

from __future__ import annotations

import inspect

import pluggy

from . import hookspec


class PluginManager(pluggy.PluginManager):
    """A pluggy PluginManager that turns a function's deferred mark into pluggy's own mark before
    pluggy looks for it, as pluggy documents for customising how hooks are picked up."""

    def parse_hookspec_opts(self, module_or_class, name):
        _apply_deferred_mark(module_or_class, name, hookspec.hookspec, pluggy.HookspecMarker(self.project_name))
        return super().parse_hookspec_opts(module_or_class, name)

    def parse_hookimpl_opts(self, plugin, name):
        _apply_deferred_mark(plugin, name, hookspec.hookimpl, pluggy.HookimplMarker(self.project_name))
        return super().parse_hookimpl_opts(plugin, name)


def _apply_deferred_mark(holder, name: str, deferred: hookspec.DeferredMarker, marker) -> None:
    try:
        found = inspect.getattr_static(holder, name)  # as pluggy looks: no property is run
    except AttributeError:
        return
    options = deferred.options(found)
    if options is not None:
        marker(getattr(found, "__func__", found), **options)


def new_manager() -> PluginManager:
    manager = PluginManager(hookspec.PROJECT_NAME)
    manager.add_hookspecs(hookspec)
    return manager
