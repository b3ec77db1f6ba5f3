"""Names and words written in the Brahmic and South-East Asian scripts against their Latin spellings.

    .venv/bin/python benchmarks/script_pairs.py [--per-script 400] [--mirror /work/.mirror] [--show 5]

Reads public sets from fetched snapshots of their GitHub repositories (nothing is copied into this
repository; `fetch github:<owner>/<name>` brings them to `--mirror`):

- Bengali, Gujarati, Gurmukhi, Kannada, Malayalam, Sinhala, Tamil, Telugu: Google's Dakshina v1.0
  romanization lexicons, test split (native word, a native speaker's romanization, count): words,
  not only names. mathml42/dakshina-seq2seq-transliteration,
  `dakshina_dataset_v1.0/<lang>/lexicons/<lang>.translit.sampled.test.tsv`; CC BY-SA 4.0.
- Bengali, Gurmukhi, Gujarati, Oriya (names): CMU's Indian names corpus (Alok Parlikar, 2011: 8,700
  Indian first names in Devanagari with their usual Latin spelling), each name converted from
  Devanagari to the script by ICU's InterIndic transliterator (real names, spelt as Hindi spells
  them). Sanjay-George/isl_translator_server, `resources/data/indian_names/names.tsv`; CC BY 3.0.
- Thai: 3,806 Thai given names with the romanizations people write (RTGS and others).
  nozomiyamada/thai_romanization, `data/name_romanization.csv`; no licence file: read, never copied.
- Khmer: given name + surname with their usual Latin spellings ("ដារា អ៊ូច" ~ "Dara Ouch").
  sovanken/kname, `assets/khmer_names.json`; MIT.
- Myanmar: Burmese personal names and their Latin spellings (from L16H7/Myanmar_Names), in the
  Zawgyi encoding (read with ICU's Zawgyi-my). alvations/myth, `Myanmar/myanmar-names.tsv`;
  CC BY-SA 4.0.

Per script, a fixed sample (seeded) of distinct native entries: each is screened as the query
against its own Latin spelling (a *true* pair) and against the Latin spelling of the next entry in
the sample (a *false* pair: a different name or word in the same script). Printed per script: the
match rate on true pairs and the false-match rate at the default threshold, and the mean score.
No rule was tuned on these sets (the tests use other names).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interdict.core.entity import EntityKind
from interdict.core.match import Query
from interdict.screening.pairwise import pair_entity
from interdict.screening.scorers import DEFAULT_SCORER, get_scorer

DAKSHINA = "mathml42+dakshina-seq2seq-transliteration"
DAKSHINA_LANGS = {"Bengali": "bn", "Gujarati": "gu", "Gurmukhi": "pa", "Kannada": "kn",
                  "Malayalam": "ml", "Sinhala": "si", "Tamil": "ta", "Telugu": "te"}
SEED = 20261207


@dataclass
class Pairs:
    script: str
    source: str
    entries: list[tuple[str, str]]  # (native, latin)


def _git_show(mirror: Path, repo: str, path: str) -> str:
    git_dir = mirror / repo / "repo"
    if not git_dir.exists():
        raise FileNotFoundError(f"{git_dir}: fetch github:{repo.replace('+', '/')} first")
    out = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"],
                         check=True, capture_output=True)
    return out.stdout.decode("utf-8")


def dakshina(mirror: Path, script: str) -> Pairs:
    """Each native word with its most attested romanization."""
    lang = DAKSHINA_LANGS[script]
    path = f"dakshina_dataset_v1.0/{lang}/lexicons/{lang}.translit.sampled.test.tsv"
    best: dict[str, tuple[int, str]] = {}
    for line in _git_show(mirror, DAKSHINA, path).splitlines():
        native, latin, count = line.split("\t")
        if int(count) > best.get(native, (0, ""))[0]:
            best[native] = (int(count), latin)
    return Pairs(script, f"Dakshina {lang}", [(n, lat) for n, (_, lat) in best.items()])


def cmu_names(mirror: Path, script: str) -> Pairs:
    import icu  # type: ignore[import-untyped]  # ICU's Devanagari-<script> (InterIndic)

    convert = icu.Transliterator.createInstance(f"Devanagari-{script}")
    text = _git_show(mirror, "Sanjay-George+isl_translator_server", "resources/data/indian_names/names.tsv")
    seen: dict[str, str] = {}
    for line in text.splitlines()[1:]:
        if "\t" in line and not line.startswith("#"):
            latin, hindi = line.split("\t")[:2]
            seen.setdefault(convert.transliterate(hindi.strip()), latin.strip())
    return Pairs(f"{script} (names)", "CMU Indian names via ICU", list(seen.items()))


def thai(mirror: Path) -> Pairs:
    text = _git_show(mirror, "nozomiyamada+thai_romanization", "data/name_romanization.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    entries = [(r["name"], r["romanize1"]) for r in rows if r["romanize1"]]
    return Pairs("Thai", "thai_romanization names", entries)


def khmer(mirror: Path) -> Pairs:
    rows = json.loads(_git_show(mirror, "sovanken+kname", "assets/khmer_names.json"))
    seen: dict[str, str] = {}
    for r in rows:
        native = f"{r['givenName']} {r['surname']}"
        seen.setdefault(native, f"{r['romanizedGiven']} {r['romanizedSurname']}")
    return Pairs("Khmer", "kname", list(seen.items()))


def myanmar(mirror: Path) -> Pairs:
    import icu  # type: ignore[import-untyped]  # only here: Zawgyi, the legacy Burmese encoding the set is written in, to Unicode

    zawgyi = icu.Transliterator.createInstance("Zawgyi-my")
    seen: dict[str, str] = {}
    for line in _git_show(mirror, "alvations+myth", "Myanmar/myanmar-names.tsv").splitlines()[1:]:
        burmese, latin, _ = line.split("\t")
        native = zawgyi.transliterate(burmese.split("၊")[0].strip())
        seen.setdefault(native, latin.strip())
    return Pairs("Myanmar", "myth Myanmar names", list(seen.items()))


def load_all(mirror: Path) -> list[Pairs]:
    readers: list[Callable[[], Pairs]] = [lambda s=s: dakshina(mirror, s) for s in DAKSHINA_LANGS]
    readers += [lambda s=s: cmu_names(mirror, s) for s in ("Bengali", "Gurmukhi", "Gujarati", "Oriya")]
    readers += [lambda: thai(mirror), lambda: khmer(mirror), lambda: myanmar(mirror)]
    out: list[Pairs] = []
    for read in readers:
        try:
            out.append(read())
        except (FileNotFoundError, subprocess.CalledProcessError) as exc:
            print(f"skipped: {exc}", file=sys.stderr)
    return out


def sample(pairs: Pairs, n: int) -> list[tuple[str, str]]:
    rng = random.Random(f"{SEED}-{pairs.script}")
    entries = sorted(pairs.entries)
    rng.shuffle(entries)
    # Different entries with the same Latin spelling would make a "false" pair a true one.
    out: list[tuple[str, str]] = []
    spellings: set[str] = set()
    for native, latin in entries:
        if latin.casefold() not in spellings:
            out.append((native, latin))
            spellings.add(latin.casefold())
        if len(out) == n:
            break
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Brahmic and SE Asian scripts against Latin spellings.")
    parser.add_argument("--per-script", type=int, default=400)
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--show", type=int, default=0, help="print this many misses per script")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    scorer = get_scorer(DEFAULT_SCORER)
    thr = scorer.THRESHOLD

    def score(native: str, latin: str) -> float:
        return scorer.score(Query(native, EntityKind.PERSON), pair_entity([latin], EntityKind.PERSON)).score

    start = time.perf_counter()
    rows: list[dict[str, object]] = []
    print(f"threshold {thr:.2f}; {args.per_script} entries per script\n")
    print("| script | source | n | true pairs matched | mean true score | false pairs matched |")
    print("|---|---|---:|---:|---:|---:|")
    for pairs in load_all(args.mirror):
        chosen = sample(pairs, args.per_script)
        true = [score(n, lat) for n, lat in chosen]
        false = [score(n, chosen[(i + 1) % len(chosen)][1]) for i, (n, _) in enumerate(chosen)]
        hit = sum(s >= thr for s in true) / len(true)
        fp = sum(s >= thr for s in false) / len(false)
        mean = sum(true) / len(true)
        rows.append({"script": pairs.script, "n": len(chosen), "match": hit, "false_match": fp, "mean": mean})
        print(f"| {pairs.script} | {pairs.source} | {len(chosen)} | {hit:.1%} | {mean:.2f} | {fp:.1%} |")
        misses = [(n, lat, s) for (n, lat), s in zip(chosen, true, strict=True) if s < thr]
        for n, lat, s in misses[:args.show]:
            print(f"    miss {s:.2f}  {n}  ~  {lat}")
    print(f"\n{time.perf_counter() - start:.1f} s", file=sys.stderr)
    if args.json:
        print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
