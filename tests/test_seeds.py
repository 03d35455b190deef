"""End to end on the five real seed reports: every family prints exactly its reviewed diagnostics.

The expected rows live in tests/seeds_expected/<FAMILY>.tsv (see the README there); each row was
checked by reading the seed line, so a new false positive or a lost true positive fails here.
"""

from collections import Counter
from pathlib import Path

import pytest

from conftest import SEEDS, make_engine

EXPECTED = Path(__file__).resolve().parent / "seeds_expected"
FAMILIES = sorted(p.stem for p in EXPECTED.glob("*.tsv"))


def _expected(family: str) -> Counter:
    rows = Counter()
    for raw in (EXPECTED / f"{family}.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if not raw.strip() or raw.startswith("#"):
            continue
        seed, line, code = raw.split("\t")[:3]
        rows[(seed, int(line), code)] += 1
    return rows


@pytest.fixture(scope="module")
def seed_diagnostics(registry):
    engine = make_engine(registry)
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        for diag in engine.lint_text(path.read_text(encoding="utf-8"), path=str(path)):
            out.append((path.name[:3], diag))
    return out


def test_every_seed_is_linted(seed_diagnostics):
    assert len(list(SEEDS.glob("*.txt"))) == 5


def test_no_internal_errors_on_seeds(seed_diagnostics):
    assert [d.message for _, d in seed_diagnostics if d.code.startswith("X")] == []


@pytest.mark.parametrize("family", FAMILIES)
def test_family_prints_exactly_its_reviewed_diagnostics(seed_diagnostics, family):
    actual = Counter((seed, d.line, d.code) for seed, d in seed_diagnostics if d.code.startswith(family))
    expected = _expected(family)
    unexpected = {k: actual[k] - expected[k] for k in actual if actual[k] > expected[k]}
    missing = {k: expected[k] - actual[k] for k in expected if expected[k] > actual[k]}
    messages = {(seed, d.line, d.code): d.message for seed, d in seed_diagnostics}
    assert not unexpected, "new diagnostics (false positives?): " + "; ".join(
        f"{k}: {messages[k]}" for k in sorted(unexpected))
    assert not missing, f"reviewed diagnostics no longer printed: {sorted(missing)}"
