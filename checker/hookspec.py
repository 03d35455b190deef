"""Hook specifications for lawlint plugins.

A plugin is a module or object with functions marked ``@hookimpl``.  Built-in rules are plugins
like any other; third-party packages declare an entry point in the group ``lawlint``::

    [project.entry-points.lawlint]
    my_rules = "my_package.rules"
"""

from __future__ import annotations

import pluggy

PROJECT_NAME = "lawlint"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


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
