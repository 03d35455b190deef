"""A base for mutable value classes: equality, repr and ``replace`` from a list of fields.

``@dataclass`` writes and compiles each class's ``__init__``, ``__eq__`` and ``__repr__`` when its
module is imported: ~0.6 ms a class, ~1.2 ms a frozen one, which over lawlint's sixty-odd
classes was a quarter of a one-file run's start.  Classes here write their ``__init__`` by hand
(compiled once into the module's bytecode) and inherit the rest; immutable values are
``typing.NamedTuple``s instead.
"""

from __future__ import annotations


class Record:
    """Fields are named in ``_fields`` (in order); two records are equal when they are of the
    same class and their fields are equal.  Mutable, so unhashable, as a dataclass with eq."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def _values(self) -> tuple:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields if name[:1] != "_")
        return f"{type(self).__qualname__}({fields})"

    def replace(self, **changes):
        """A copy with some fields changed (``dataclasses.replace``)."""
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return type(self)(**values)
