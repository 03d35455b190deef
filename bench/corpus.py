"""Make a corpus of perturbed reports from the seeds, so that no two texts are identical.

Each copy shuffles the paragraphs inside each section, changes the numbers in the body and
shifts every year by the same offset (so the report stays consistent with itself).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2})(?![0-9])")
_NUMBER = re.compile(r"(?<![0-9.])([1-9][0-9]{0,3})(?![0-9年])")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def perturb(text: str, rng: random.Random) -> str:
    offset = rng.randint(-3, 3)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + offset), text)
    text = _NUMBER.sub(lambda m: str(max(1, int(m.group(1)) + rng.randint(-9, 9))), text)
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if _HEADING.match(line):
            blocks.append([line])
        else:
            blocks[-1].append(line)
    out: list[str] = []
    for block in blocks:
        head, body = (block[:1], block[1:]) if block and _HEADING.match(block[0]) else ([], block)
        if len(body) > 2 and head:
            rng.shuffle(body)
        out.extend(head + body)
    return "\n".join(out)


def make_corpus(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    seeds = seed_texts()
    return [perturb(seeds[i % len(seeds)], rng) for i in range(count)]


def write_corpus(folder: Path, count: int, seed: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(make_corpus(count, seed)):
        path = folder / f"r{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
