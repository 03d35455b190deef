"""W — wording: misused words, numbers (GB/T 15835-2011), fixed sequences, repeats, placeholders.

This module is the plugin; each check lives in its own module beside it with its data file:
wording_dictionary (W101, W102; wording_words.toml), wording_numbers (W201–W206),
wording_sequences (W301; wording_sequences.toml), wording_repeats (W401; wording_repeats.toml) and
wording_placeholders (W501; wording_placeholders.toml).  The data files are read once, on first
use, and each header comment explains its format.  Every rule must stay silent on correct
official prose, so each list entry carries the context in which it is wrong and its own examples
(tests/test_wording.py runs them).
"""

from __future__ import annotations

from lawlint.hookspec import hookimpl

from . import wording_dictionary, wording_numbers, wording_placeholders, wording_repeats, wording_sequences
from .datafile import data_version, read_data

_MODULES = (wording_dictionary, wording_numbers, wording_sequences, wording_repeats, wording_placeholders)
_DATA_FILES = (wording_dictionary.WORDS, wording_sequences.SEQUENCES, wording_repeats.REPEATS,
               wording_placeholders.PLACEHOLDERS)


@hookimpl
def lawlint_rules():
    return [rule for module in _MODULES for rule in module.RULES]


@hookimpl
def lawlint_data_versions():
    return {name.removesuffix(".toml"): data_version(read_data(name)) for name in _DATA_FILES}
