"""Hook specifications for lawlint plugins.

A plugin is a module or object with functions marked ``@hookimpl``.  Built-in rules are plugins
like any other; third-party packages declare an entry point in the group ``lawlint``::

    [project.entry-points.lawlint]
    my_rules = "my_package.rules"

The markers here take pluggy's arguments (``@hookimpl(tryfirst=True)`` …) but do not import
pluggy: importing it (and the ``inspect``, ``ast``, ``dis`` and ``typing`` modules it needs) costs a
one-file run ~10–25 ms, and a run whose registration was recorded before (``lawlint.registry``)
never calls pluggy.  The plugin manager turns these marks into pluggy's own when it registers a
plugin; functions marked with ``pluggy.HookimplMarker("lawlint")`` work as well.
"""

from __future__ import annotations

PROJECT_NAME = "lawlint"


class DeferredMarker:
    """A stand-in for pluggy's HookspecMarker or HookimplMarker (``kind`` "spec" or "impl"): it
    records the marker's options on the function under ``mark_attribute``, for the plugin manager
    to hand to the real marker."""

    def __init__(self, kind: str):
        self.kind = kind
        self.mark_attribute = f"_{PROJECT_NAME}_deferred_{kind}"

    def __call__(self, function=None, **options):
        def mark(func):
            setattr(func, self.mark_attribute, options)
            return func

        return mark if function is None else mark(function)

    def options(self, function) -> dict | None:
        """The options ``function`` (or a method's function) was marked with, or None."""
        options = getattr(getattr(function, "__func__", function), self.mark_attribute, None)
        return options if isinstance(options, dict) else None


hookspec = DeferredMarker("spec")
hookimpl = DeferredMarker("impl")


@hookspec
def lawlint_rules():
    """Return the rule classes this plugin provides.

    Each item is a subclass of :class:`lawlint.rules.Rule`.  The engine instantiates each rule
    once per run, registers it under its code, and refuses to start when two rules claim one
    code.

    :return: an iterable of Rule subclasses.
    """


@hookspec
def lawlint_data_versions():
    """Return a mapping ``{data set name: version}`` for the data files this plugin reads.

    ``lawlint --version`` prints them so that a CI result can be reproduced.

    :return: a dict of str to str.
    """
