"""Third-party plugins' entry points, without importing importlib.metadata when there are none.

``importlib.metadata`` imports the ``email`` package and friends (~30 ms, a fifth of a start),
and nearly every run has no third-party plugin.  Distributions declare entry points in an
``entry_points.txt`` inside their ``.dist-info``/``.egg-info`` folder on ``sys.path``; when no such
file names the group, there is nothing to load.  Anything this scan cannot see for certain (a zip
or other non-folder path entry, a finder that supplies its own distributions) makes it answer
"maybe", and importlib.metadata decides.
"""

from __future__ import annotations

import os
import sys

GROUP = "lawlint"  # the entry-point group of third-party rule packages


def may_declare(group: str) -> bool:
    """False only when no distribution on sys.path can declare entry points in ``group``."""
    from importlib.machinery import PathFinder

    if any(hasattr(finder, "find_distributions") and finder is not PathFinder for finder in sys.meta_path):
        return True
    header = f"[{group}]"
    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except (FileNotFoundError, NotADirectoryError):
            if os.path.isfile(folder):
                return True  # a zip on sys.path may hold distributions
            continue
        except OSError:
            return True
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as handle:
                    if header in handle.read():
                        return True
            except (FileNotFoundError, NotADirectoryError):
                continue  # no entry points, or a single-file .egg-info (which holds none)
            except (OSError, UnicodeDecodeError):
                return True
    return False


def entry_points(group: str) -> list:
    """The entry points of ``group`` (importlib.metadata's objects), or [] when none is declared."""
    if not may_declare(group):
        return []
    from importlib.metadata import entry_points as all_entry_points

    return list(all_entry_points(group=group))
