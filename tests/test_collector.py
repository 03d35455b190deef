"""The collector settings of a linting process apply only where a run asked for them."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import gc
from lawlint import collector
{before}
collector.keep_loaded()
print(gc.get_threshold()[0], gc.get_freeze_count() > 0)
"""


def _probe(before: str) -> str:
    return subprocess.run([sys.executable, "-c", PROBE.format(before=before)], capture_output=True,
                          text=True, check=True).stdout.split()


def test_a_program_that_embeds_lawlint_keeps_its_collector_as_it_is():
    threshold, frozen = _probe("")
    assert threshold == "700" and frozen == "False"


def test_a_linting_process_collects_young_objects_less_often_and_freezes_what_it_loaded():
    threshold, frozen = _probe("collector.for_linting()")
    assert int(threshold) > 700 and frozen == "True"
