"""A base for mutable value classes: equality, repr and ``replace`` from a list of fields.

``@dataclass`` writes and compiles each class's ``__init__``, ``__eq__`` and ``__repr__`` when its
module is imported: ~0.6 ms a class, ~1.2 ms a frozen one, which over lawlint's sixty-odd
classes was a quarter of a one-file run's start.  Classes here write their ``__init__`` by hand
(compiled once into the module's bytecode) and inherit the rest; immutable values are named
tuples instead.
"""

from __future__ import annotations

from reprlib import recursive_repr


class Record:
    """Fields are named in ``_fields`` (in order; by default the class's ``__slots__``); two
    records are equal when they are of the same class and their fields are equal.  Mutable, so
    unhashable, as a dataclass with eq.  Each class writes its own ``__init__`` (the fastest way
    to make the hundreds of objects of a report)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()  # what equality and the repr compare and show
    _no_repr: tuple[str, ...] = ()  # fields left out of the repr

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._fields = cls.__dict__.get("_fields", cls.__dict__.get("__slots__", cls._fields))

    def _values(self) -> tuple:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        # Tuples, as a dataclass compares: an item compares equal to itself without __eq__, so a
        # section's parent (shared by its siblings) does not send the comparison up the tree.
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]

    @recursive_repr()
    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields if name not in self._no_repr)
        return f"{type(self).__qualname__}({fields})"

    def replace(self, **changes):
        """A copy with some fields changed (``dataclasses.replace``)."""
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return type(self)(**values)
