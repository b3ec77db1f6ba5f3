"""Precise comparison of one query form with one listed name form, with its explanation.

Tokens are aligned greedily, best similarity first, each token used once; two adjacent tokens
may align with one ("Jin Hyok" ~ "Jinhyok"). The score combines how much of the query's weight
and how much of the name's weight is covered (weights are token rarity, so "Kim" or "Trading"
count less than "Hyok"), and is damped when only common tokens matched.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA

from interdict.core.match import Coverage, Explanation, Leftover, TokenPair
from interdict.screening import left_out, legal_families, matres, org_kinds, scope, sounds, tables, wade_giles
from interdict.screening.lineage import given_and_patronymic_only, lineage_crossed
from interdict.screening.partial import addressed_score, beyond_line, cut_reading, cut_word
from interdict.screening.slips import stray_letter
from interdict.screening.tokens import SIM_INITIAL, SIM_SKELETON, similarity, skeleton

QUERY_EXPONENT = 0.6
# A person's list name may carry middle names a query leaves out; an organisation's every
# distinctive word counts ("Korea Development Bank" is not "Korea United Development Bank").
NAME_EXPONENT_PERSON = 0.4
NAME_EXPONENT_OTHER = 0.9
MIN_EVIDENCE = 0.6  # matched rarity below this (e.g. "Kim" alone) scales the score down
JOIN_MIN_SIMILARITY = 0.85
PARTIAL_MAX = 0.9  # first and last names of a longer name, both rare: a possible match, not a sure one
PARTIAL_EVIDENCE = 1.4  # query weight (rarity) two words need to reach PARTIAL_MAX: two rare names
LINEAGE_CROSSED = 0.7  # a father's name read as the given name: another person, unless much else agrees
# A person's name with a word on each side left unmatched (or any name with legal forms of different
# families left unmatched on each side, `legal_families`) ("... AL-MOSULI" vs "... AL-TIKRITI",
# "Ivanevich" vs "Viktorovich"): a different name in the same place, most often a relative.
CONFLICT = 0.9
CONFLICT_MIN_WEIGHT = 0.3  # unmatched weight on each side that makes a conflict (not a particle)
SPLIT_MIN_SIMILARITY = SIM_SKELETON  # joined/split tokens must agree exactly or by romanization, not by typo
MAX_SPLIT = 4  # a word may be written in up to four pieces ("Plat Ono Vich" for "Platonovich")
# A one-letter slip on the first letter ("Cates" ~ "Gates", "Bessi" ~ "Messi"): the token similarity
# refuses it in short words (where "Ming"/"Jing" are different names), so it gets partial credit here,
# only in words this long, and counted as FIRST_LETTER_EDITS edits (a weaker signal than a slip inside
# the word). The token's rarity weighs it like any other pair: a slip in a rare surname carries the
# name, a slip in "Bill" does not.
FIRST_LETTER_MIN_LENGTH = 5
FIRST_LETTER_EDITS = 2
# Initials written together ("JC Juncker" for "Jean-Claude Juncker"): a word of two or three
# consonants (no vowel, so no syllable such as "Li" or "Al" can be read as initials) stands for as
# many consecutive words of the other name that start with its letters.
INITIALS_MAX = 3
_VOWELS = frozenset("aeiouy")


class TokenMatch(NamedTuple):
    """One aligned pair: query token(s) ~ name token(s). (A named tuple: the scorer makes one per
    similar pair of every candidate, and a frozen dataclass costs several times more to build.)"""

    query: tuple[int, ...]
    name: tuple[int, ...]
    similarity: float
    rule: str


class NameComparison(NamedTuple):
    """The outcome of comparing one query form with one name form."""

    score: float
    matches: tuple[TokenMatch, ...]
    coverage_query: float
    coverage_name: float
    evidence: float


@lru_cache(maxsize=64)
def _identity(length: int) -> tuple[TokenMatch, ...]:
    return tuple(TokenMatch((i,), (i,), 1.0, "exact") for i in range(length))


def _covered(chosen: list[TokenMatch], qw: tuple[float, ...], nw: tuple[float, ...]) -> tuple[float, float]:
    """Matched query and name weight, each pair's similarity times its tokens' weight (summed in
    the order of `chosen`; a pair spans one or more tokens a side)."""
    got_q = got_n = 0.0
    for m in chosen:
        mq, mn, sim = m[0], m[1], m[2]
        got_q += sim * (qw[mq[0]] if len(mq) == 1 else sum(qw[i] for i in mq))
        got_n += sim * (nw[mn[0]] if len(mn) == 1 else sum(nw[j] for j in mn))
    return got_q, got_n


def _exact(q: tuple[str, ...], n: tuple[str, ...]) -> list[TokenMatch]:
    """Identical tokens, paired left to right (most pairs: spellings are canonical by now)."""
    free: dict[str, list[int]] = {}
    for j, b in enumerate(n):
        free.setdefault(b, []).append(j)
    out = []
    for i, a in enumerate(q):
        slots = free.get(a)
        if slots:
            out.append(TokenMatch((i,), (slots.pop(0),), 1.0, "exact"))
    return out


def _fuzzy(q: tuple[str, ...], n: tuple[str, ...], left_q: list[int],
           left_n: list[int]) -> list[tuple[float, int, TokenMatch]]:
    """Similar-token pairs, then joined/split pairs, among the tokens without an exact partner."""
    pairs: list[tuple[float, int, TokenMatch]] = []
    good_q: set[int] = set()
    good_n: set[int] = set()
    for i in left_q:
        for j in left_n:
            s, rule = _similar(q[i], n[j])
            if s > 0.0:
                pairs.append((s, 2, TokenMatch((i,), (j,), s, rule)))
                # A letter for a word is no partner that rules out a join: "j p" ~ "jp", not "j" ~ "jp";
                # nor is a typo ("seaenergy" ~ "energy" must not hide "sea energy" spelled whole).
                if s >= JOIN_MIN_SIMILARITY and rule != "initial" and not rule.startswith("typo"):
                    good_q.add(i)
                    good_n.add(j)
    # Joined / split tokens only where neither token found a good partner of its own.
    for side_a, side_b, free_a, free_b, good, flip in ((q, n, left_q, left_n, good_q, False),
                                                       (n, q, left_n, left_q, good_n, True)):
        open_a = set(free_a) - good
        for i in free_a:
            for width in range(2, MAX_SPLIT + 1):
                span = tuple(range(i, i + width))
                if not open_a.issuperset(span):
                    break
                joined = "".join(side_a[k] for k in span)
                # Initials written together are not the particle they spell ("A. L." is no "al").
                if joined.isascii() and not (width == len(joined) and joined in tables.name_particles()):
                    pairs += _joined_pairs(joined, span, side_a, side_b, free_b, flip)
    marks = 0
    for i in left_q:
        marks |= _marks(q[i])
    for j in left_n:
        marks |= _marks(n[j])
    if marks & _INITIALS:  # nearly every comparison has neither
        pairs += _initials(q, n, left_q, left_n)
    if marks & _PINYIN_PAIR:
        pairs += _syllables(q, n, left_q, left_n)
    pairs.sort(key=lambda p: (p[0], p[1]), reverse=True)
    return pairs


def _joined_pairs(joined: str, span: tuple[int, ...], side_a: tuple[str, ...], side_b: tuple[str, ...],
                  free_b: list[int], flip: bool) -> list[tuple[float, int, TokenMatch]]:
    """Words of `span` written together that spell one word of the other name."""
    out: list[tuple[float, int, TokenMatch]] = []
    key = skeleton(joined)
    for j in free_b:
        # Only an exact or skeleton match reaches SPLIT_MIN_SIMILARITY (a typo scores below
        # SIM_SKELETON): test the cached skeletons before the full similarity.
        if skeleton(side_b[j]) == key:
            s, rule = similarity(joined, side_b[j])
        elif _glued_variants(side_b[j], tuple(side_a[k] for k in span)):
            s, rule = SIM_SKELETON, "variant"
        else:
            continue
        if s >= SPLIT_MIN_SIMILARITY:
            match = TokenMatch((j,), span, s, "joined:" + rule) if flip else \
                TokenMatch(span, (j,), s, "split:" + rule)
            out.append((s, 3, match))
    return out


def _glued_variants(word: str, parts: tuple[str, ...]) -> bool:
    """True when `word` is two words glued together that the variant table reads as the canonical
    `parts`, either written in another spelling of its family ("ahmedjan" ~ "ahmad jan",
    "salehmahmoud" ~ "salih mahmud") or read as two ("azizabdul" ~ "aziz abd al"): the table reads
    whole words, so inside a glued word the spelling stays as written and the skeletons differ."""
    first, last = parts[0], parts[-1]
    if (word[0] != first[0] and word[-1] != last[-1]) or len(word) < sum(map(len, parts)) - 4:
        return False  # nearly every pair: a variant keeps the first or the last letter of the two
    table = tables.variants()
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        if table.get(head, (head,)) + table.get(tail, (tail,)) == parts:
            return True
    return False


@lru_cache(maxsize=65536)
def _as_initials(word: str) -> bool:
    """True for a word that can only be initials: two or three consonants ("jc", "gw")."""
    return 2 <= len(word) <= INITIALS_MAX and word.isascii() and word.isalpha() and _VOWELS.isdisjoint(word)


def _initials(q: tuple[str, ...], n: tuple[str, ...], left_q: list[int],
              left_n: list[int]) -> list[tuple[float, int, TokenMatch]]:
    """Initials written as one word on either side ("jc") ~ the words they stand for ("jean claude")."""
    out: list[tuple[float, int, TokenMatch]] = []
    for side_a, side_b, free_a, free_b, flip in ((q, n, left_q, left_n, False), (n, q, left_n, left_q, True)):
        words = [i for i in free_a if _as_initials(side_a[i])]
        if not words:
            continue  # nearly every comparison: no initials written together
        free = set(free_b)
        for i in words:
            word = side_a[i]
            for j in free_b:
                span = tuple(range(j, j + len(word)))
                if all(k in free and len(side_b[k]) > 1 and side_b[k][0] == c
                       for k, c in zip(span, word, strict=True)):
                    match = TokenMatch(span, (i,), SIM_INITIAL, "initials") if flip else \
                        TokenMatch((i,), span, SIM_INITIAL, "initials")
                    out.append((SIM_INITIAL, 1, match))
    return out


_INITIALS, _PINYIN_PAIR = 1, 2


@lru_cache(maxsize=131072)
def _marks(word: str) -> int:
    """Which of the rarer alignments a word may take part in (so most comparisons skip them)."""
    return (_INITIALS if _as_initials(word) else 0) | (_PINYIN_PAIR if _pinyin_halves(word) else 0)


@lru_cache(maxsize=262144)
def _similar(a: str, b: str) -> tuple[float, str]:
    """The token similarity, else what it does not know: Wade-Giles for Pinyin ("hsi" ~ "xi"), Baltic
    endings and Pinyin sibilants (`sounds`), then a slip on the first letter (one cache for all: this
    runs for every pair of unmatched words). A marked Arabic-script token compares by consonants."""
    if a[0] == matres.MARK or b[0] == matres.MARK:  # an Arabic-script word read by its consonants
        return matres.similar(a, b)
    found = similarity(a, b)
    if found[0] > 0.0:
        return found
    if wade_giles.same_syllable(a, b):
        return SIM_SKELETON, "wade-giles"
    found = sounds.alike(a, b)  # Baltic case endings, Pinyin sibilants
    if found[0] > 0.0:
        return found
    if abs(len(a) - len(b)) == 1 and (found := stray_letter(a, b))[0] > 0.0:
        return found
    return _first_letter_typo(a, b)


@lru_cache(maxsize=65536)
def _pinyin_halves(word: str) -> tuple[tuple[str, str], ...]:
    """The ways a word splits into two Pinyin syllables ("zedong" → ("ze", "dong"))."""
    if not word.isascii():
        return ()
    known = tables.pinyin_syllables()
    return tuple((word[:k], word[k:]) for k in range(1, len(word)) if word[:k] in known and word[k:] in known)


def _syllables(q: tuple[str, ...], n: tuple[str, ...], left_q: list[int],
               left_n: list[int]) -> list[tuple[float, int, TokenMatch]]:
    """A Pinyin given name written as one word ("zedong") ~ its syllables in Wade-Giles ("tse tung")."""
    out: list[tuple[float, int, TokenMatch]] = []
    for side_a, side_b, free_a, free_b, flip in ((q, n, left_q, left_n, False), (n, q, left_n, left_q, True)):
        split = [(j, halves) for j in free_b if (halves := _pinyin_halves(side_b[j]))]
        if not split:
            continue  # nearly every comparison: no word of two Pinyin syllables
        free = set(free_a)
        for j, halves in split:
            for first, second in halves:
                for i in free_a:
                    if i + 1 in free and (side_a[i], side_a[i + 1]) != (first, second) \
                            and _syllable_alike(side_a[i], first) and _syllable_alike(side_a[i + 1], second):
                        match = TokenMatch((j,), (i, i + 1), SIM_SKELETON, "split:wade-giles") if flip else \
                            TokenMatch((i, i + 1), (j,), SIM_SKELETON, "split:wade-giles")
                        out.append((SIM_SKELETON, 3, match))
    return out


def _syllable_alike(a: str, b: str) -> bool:
    return a == b or skeleton(a) == skeleton(b) or wade_giles.same_syllable(a, b)


@lru_cache(maxsize=65536)
def _first_letter_typo(a: str, b: str) -> tuple[float, str]:
    """Partial credit for two words of FIRST_LETTER_MIN_LENGTH letters or more that differ by one
    edit at their first letter ("cates" ~ "gates"); (0, "") otherwise."""
    if min(len(a), len(b)) < FIRST_LETTER_MIN_LENGTH or a[0] == b[0] or not (a + b).isalpha() \
            or not (a + b).isascii() or OSA.distance(a, b, score_cutoff=1) != 1:
        return 0.0, ""
    return max(0.0, SIM_SKELETON - 0.35 * FIRST_LETTER_EDITS / max(len(a), len(b))), "typo:first-letter"


def compare(q: tuple[str, ...], qw: tuple[float, ...], n: tuple[str, ...], nw: tuple[float, ...], *,
            person: bool = True, addressed: bool = False, cut: bool = False,
            line: bool = False) -> NameComparison:
    """Compare a query form (tokens, weights) with a name form (tokens, weights); `addressed`: the
    query was a title and this one word (`Form.addressed`); `cut`: its last word may be cut short;
    `line` (or `cut`): it filled an MT name line, so listed words after its last may be missing."""
    if q == n:  # the whole listed name as listed: certain, however common its words
        return NameComparison(1.0, _identity(len(q)), 1.0, 1.0, 1.0)
    chosen = _exact(q, n)
    used_q = {m.query[0] for m in chosen}
    used_n = {m.name[0] for m in chosen}
    left_q = [i for i in range(len(q)) if i not in used_q]
    left_n = [j for j in range(len(n)) if j not in used_n]
    if left_q and left_n:
        for _, _, m in _fuzzy(q, n, left_q, left_n):
            if used_q.isdisjoint(m.query) and used_n.isdisjoint(m.name):
                used_q.update(m.query)
                used_n.update(m.name)
                chosen.append(m)
    if cut:
        free_q, free_n = set(range(len(q))) - used_q, [j for j in left_n if j not in used_n]
        if (pair := cut_word(q, n, free_q, free_n)) is not None:
            read: tuple[tuple[int, ...], int] | None = ((pair[0],), pair[1])
        elif (read := cut_reading(q, n, free_q, free_n)) is not None:  # a word the tables rewrote
            # The cut word stands for the listed word: it weighs no more ("limit" of the light "llc").
            qw = tuple(min(w, nw[read[1]]) if i in read[0] else w for i, w in enumerate(qw))
        if read is not None:
            used_q.update(read[0])
            used_n.add(read[1])
            chosen.append(TokenMatch(read[0], (read[1],), SIM_INITIAL, "cut"))
    total_q, total_n = sum(qw) or 1.0, sum(nw) or 1.0
    if (cut or line) and chosen:
        total_n = max(total_n - beyond_line(q, nw, chosen), 1e-9)
    if chosen:  # a regional arm named by its brand alone ("Faberlic" ~ "Faberlic Europe")
        total_q = max(total_q - scope.optional_weight(q, qw, used_q, n, used_n, person=person)
                      - org_kinds.optional_weight(q, qw, used_q, n, used_n, person=person), 1e-9)
        total_n = max(total_n - scope.optional_weight(n, nw, used_n, q, used_q, person=person)
                      - org_kinds.optional_weight(n, nw, used_n, q, used_q, person=person), 1e-9)
    got_q, got_n = _covered(chosen, qw, nw)
    cov_q, cov_n = min(1.0, got_q / total_q), min(1.0, got_n / total_n)
    evidence = min(1.0, max(got_q, got_n) / MIN_EVIDENCE)
    name_exponent = NAME_EXPONENT_PERSON if person else NAME_EXPONENT_OTHER
    score = (cov_q ** QUERY_EXPONENT) * (cov_n ** name_exponent) * evidence
    if person and cov_q >= 1.0 - 1e-9 and len(n) > len(q):
        part = addressed_score if addressed else _partial_name
        score = max(score, part(n, chosen, got_q))
    elif not person and len(n) > len(q) > 1 and score < left_out.DROP_MAX:  # a name with words left out
        score = max(score, left_out.left_out_score(q, qw, n, nw, chosen, cov_n))
    if (person and _conflicting(qw, nw, chosen)) or \
            (left_q and left_n and _legal_forms_differ(q, n, used_q, used_n)):
        score *= CONFLICT
    if person and (lineage_crossed(q, n, chosen) or given_and_patronymic_only(q, n, chosen)):
        score *= LINEAGE_CROSSED
    return NameComparison(score, tuple(chosen), cov_q, cov_n, evidence)


def _conflicting(qw: tuple[float, ...], nw: tuple[float, ...], chosen: list[TokenMatch]) -> bool:
    """True when both names keep CONFLICT_MIN_WEIGHT of words unmatched: each says something
    the other contradicts, where a name missing words (a middle name left out) contradicts nothing."""
    matched_q = {i for m in chosen for i in m.query}
    matched_n = {j for m in chosen for j in m.name}
    left_q = sum(w for i, w in enumerate(qw) if i not in matched_q)
    left_n = sum(w for j, w in enumerate(nw) if j not in matched_n)
    return left_q >= CONFLICT_MIN_WEIGHT and left_n >= CONFLICT_MIN_WEIGHT


def _legal_forms_differ(q: tuple[str, ...], n: tuple[str, ...], matched_q: set[int],
                        matched_n: set[int]) -> bool:
    """True when each name keeps a legal form unmatched and the two are of different families
    ("Deutsche Bank AG" / "Deutsche Bank GmbH": a joint-stock company and a limited one)."""
    forms = legal_families.canonical_forms()
    if not (any(t in forms for t in q) and any(t in forms for t in n)):
        return False  # most names: no legal form on one side (families() not even built)
    known = legal_families.families()
    if not (any(t in known for t in q) and any(t in known for t in n)):
        return False  # no legal form with a family on one side
    left_q = [t for i, t in enumerate(q) if i not in matched_q]
    left_n = [t for j, t in enumerate(n) if j not in matched_n]
    return any(legal_families.contradict(a, b) for a in left_q for b in left_n)


def _partial_name(n: tuple[str, ...], chosen: list[TokenMatch], got_q: float) -> float:
    """The score of a query that is the first (or second: the given name a person goes by, "Boris
    Johnson" for "Alexander Boris de Pfeffel Johnson") and last names of a longer listed name
    ("Abdul Shah" for a five-word name), resting on how rare those words are (PARTIAL_EVIDENCE of
    query weight for full confidence); 0 when the query is not such a pair."""
    matched_n = sorted(j for m in chosen for j in m.name)
    if len(chosen) < 2 or matched_n[0] > 1 or matched_n[-1] != len(n) - 1:
        return 0.0
    if sorted(m.query[0] for m in chosen) != [m.query[0] for m in sorted(chosen, key=lambda m: m.name[0])]:
        return 0.0  # not in the listed order
    similarity = min(m.similarity for m in chosen)
    return PARTIAL_MAX * similarity * min(1.0, got_q / PARTIAL_EVIDENCE)


def explain(cmp: NameComparison, q: tuple[str, ...], qw: tuple[float, ...], n: tuple[str, ...],
            nw: tuple[float, ...]) -> Explanation:
    """The reviewer-facing account of a comparison: each aligned token pair and what it weighed."""
    matched_q = {i for m in cmp.matches for i in m.query}
    matched_n = {j for m in cmp.matches for j in m.name}
    return Explanation(
        tokens=tuple(
            TokenPair(
                query=" ".join(q[i] for i in m.query),
                name=" ".join(n[j] for j in m.name),
                similarity=round(m.similarity, 3),
                rule=m.rule,
                weight=round(sum(qw[i] for i in m.query), 3),
            )
            for m in sorted(cmp.matches, key=lambda m: m.query)
        ),
        unmatched_query=tuple(Leftover(q[i], round(qw[i], 3)) for i in range(len(q)) if i not in matched_q),
        unmatched_name=tuple(Leftover(n[j], round(nw[j], 3)) for j in range(len(n)) if j not in matched_n),
        coverage=Coverage(round(cmp.coverage_query, 3), round(cmp.coverage_name, 3)),
        evidence=round(cmp.evidence, 3),
        name_similarity=round(cmp.score, 4),
    )
