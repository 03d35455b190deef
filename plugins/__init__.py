"""Built-in rule plugins, one module (or package) per family.

The engine registers every module listed in BUILTIN as a pluggy plugin; it knows no rule by name.
"""

BUILTIN = [
    "lawlint.plugins.headings",
]
