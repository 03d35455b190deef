"""Rule selection in layers: the configuration file first, then the command line on top.

Within a layer the most specific prefix wins (as in ``Selection``); a layer with its own
``select`` starts again from scratch, a layer without one only adjusts what the layers below
decided (``extend-select`` switches on, ``ignore`` switches off).  So the command line beats the
configuration, as in ruff.
"""

from __future__ import annotations

from collections import namedtuple

from .selection import Selection, longest_match


class Layer(namedtuple("_Layer", "select extend_select ignore", defaults=(None, (), ()))):
    """Code prefixes (tuples of str); ``select`` None keeps what the layers below chose."""

    __slots__ = ()

    def decide(self, code: str, below: bool) -> bool:
        if self.select is not None:
            return Selection(select=self.select, ignore=self.ignore,
                             extend_select=self.extend_select).enabled(code)
        chosen = longest_match(code, self.extend_select)
        dropped = longest_match(code, self.ignore)
        if chosen < 0 and dropped < 0:
            return below
        return chosen > dropped


class LayeredSelection(namedtuple("_LayeredSelection", "layers", defaults=((),))):
    """Duck-types ``Selection.enabled`` for the engine; every rule is on before the first layer.
    ``layers``: a tuple of Layers, the lowest first."""

    __slots__ = ()

    def enabled(self, code: str) -> bool:
        state = True
        for layer in self.layers:
            state = layer.decide(code, state)
        return state
