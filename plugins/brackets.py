"""Rule family module (being written)."""

from lawlint.hookspec import hookimpl


@hookimpl
def lawlint_rules():
    return []
