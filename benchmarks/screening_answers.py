"""The screening engine's answers on a fixed query set, to prove a speed change changes none.

Run: `.venv/bin/python benchmarks/screening_answers.py --out BEFORE.jsonl` on the code before a
change, then `... --out AFTER.jsonl --compare BEFORE.jsonl` after it (exit 1 on any difference).
Reads the UN and OFAC SDN lists of the shared data. Queries: 2,500 generated customer names
(`engine_speed.names`, distinct mix), 2,000 variants of listed names (a letter dropped, swapped
or changed, a word dropped, words shuffled) with kinds, birth dates and countries drawn at random,
every fourth again at threshold 0.6 with limit 25, 400 free texts through `screen_text`, and
3,000 names through `screen_many(workers=2)`. Each line holds every candidate's JSON with its
unrounded score; scores compare to 1e-9, everything else exactly.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine_speed import names, texts

from interdict.core import config
from interdict.core.entity import EntityKind
from interdict.core.match import Candidate, Query
from interdict.lists.formats import ofac_advanced, un
from interdict.screening import ScreeningIndex, build_index, screen, screen_many, screen_text

KINDS = (None, None, None, EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.VESSEL)


def variant(rng: random.Random, name: str) -> str:
    """A listed name as a user might type it."""
    r, words = rng.random(), name.split()
    if r < 0.25 and len(name) > 5:
        at = rng.randrange(1, len(name) - 1)
        return name[:at] + name[at + 1:]
    if r < 0.45 and len(name) > 5:
        at = rng.randrange(1, len(name) - 2)
        return name[:at] + name[at + 1] + name[at] + name[at + 2:]
    if r < 0.6 and len(words) > 2:
        del words[rng.randrange(len(words))]
        return " ".join(words)
    if r < 0.75 and len(words) > 1:
        rng.shuffle(words)
        return " ".join(words)
    return name


def queries(index: ScreeningIndex) -> list[Query]:
    rng = random.Random(11)
    listed = [e.primary_name for e in index.entities]
    out = names(random.Random(3), 2500, listed, True)
    for _ in range(2000):
        entity = rng.choice(index.entities)
        dob = rng.choice([None, None, "1970", "1965-03-02", *entity.birth_dates[:1]])
        country = rng.choice([None, None, "kp", "Iran", *entity.nationalities[:1]])
        out.append(Query(variant(rng, rng.choice(entity.names).full), kind=rng.choice(KINDS), dob=dob,
                         country=country))
    return out


def as_json(found: list[Candidate]) -> list[dict[str, Any]]:
    return [{**c.to_dict(), "raw_score": c.score} for c in found]


def answers(index: ScreeningIndex) -> Iterator[dict[str, Any]]:
    qs = queries(index)
    for i, q in enumerate(qs):
        yield {"screen": i, "candidates": as_json(screen(index, q))}
    for i, q in enumerate(qs[::4]):
        yield {"screen_0.6": i, "candidates": as_json(screen(index, q, threshold=0.6, limit=25))}
    for i, text in enumerate(texts(random.Random(5), 400)):
        yield {"text": i, "candidates": as_json(screen_text(index, text))}
    for i, found in enumerate(screen_many(index, qs[:3000], workers=2)):
        yield {"batch": i, "candidates": as_json(found)}


def same(a: Any, b: Any) -> bool:
    """Equal JSON values, floats to 1e-9."""
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, int | float) and isinstance(b, int | float) and abs(a - b) <= 1e-9
    return bool(a == b)


def main() -> None:
    parser = argparse.ArgumentParser(description="screening answers on a fixed query set")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path, help="a file written by this script before a change")
    args = parser.parse_args()
    data = config.shared_data_dir()
    if data is None:
        sys.exit("../shared/data is not present")
    lists = data / "lists"
    sdn = lists / "ofac" / "sdn_advanced_2025-11" / "sdn_advanced.xml.bz2"
    index = build_index([*un.parse(lists / "un" / "consolidated.xml").entities,
                         *ofac_advanced.parse(sdn).entities])
    with args.out.open("w", encoding="utf-8") as fh:
        for row in answers(index):
            fh.write(json.dumps(row) + "\n")
    if args.compare:
        before = args.compare.read_text(encoding="utf-8").splitlines()
        after = args.out.read_text(encoding="utf-8").splitlines()
        differ = [i for i, (a, b) in enumerate(zip(before, after, strict=False))
                  if not same(json.loads(a), json.loads(b))]
        print(f"{len(after)} answers, {len(differ)} differ, {abs(len(after) - len(before))} missing")
        for i in differ[:5]:
            print(f"line {i + 1}:\n  before {before[i][:800]}\n  after  {after[i][:800]}")
        sys.exit(1 if differ or len(after) != len(before) else 0)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
