"""Listed names inside free text (address lines, payment remittance text): sliding token windows.

A window of one to `MAX_WINDOW` consecutive tokens is scored against the records the candidate
index gives for it, and must cover the whole listed name well to count, so "JUPITER STREET 5"
finds a listed "JUPITER" through the window "jupiter". Free text is noisier than a name typed into
a screening box, so it meets a higher bar:

- address vocabulary ("road", "street", "tower": `data/address_words.txt`), numbers and single
  letters are not evidence of a name: a window must hold distinctive words, and a listed name
  made only of such words (the vessel "ROAD") is never reported from text;
- the window must cover the listed name (not one word of a longer name: "SANTOS" in text is not
  "SANTOS Ahmad");
- a one-word listed name ("JUPITER", "ORION LLC") must be rare on the lists, spelled as listed
  (exactly or by romanization, not by a typo), and stand alone: next to an address word or a number
  ("JUPITER STREET 5"), not inside a longer name ("EMMA SMITH" is not the vessel "EMMA");
- a weak alias must have two identifying words or more, all found exactly; a one-word person name
  is not reported from text at all ("KHAN STREET" is not "Sayed KHAN"), and an organisation's or
  vessel's words must come in its order ("FEES GOLDEN" is not "GOLDEN FISH").

Speed: each token's weight and candidate postings are computed once per text (the postings are
memoised on the index), windows are only opened on distinctive words, and a window with too
little distinctive weight is rejected before any candidate lookup or scoring.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from interdict.core.match import Candidate
from interdict.screening import tables
from interdict.screening.blocking import MEMO_LIMIT, block, query_weights, token_hits
from interdict.screening.context import adjustments
from interdict.screening.engine import ESTIMATE_MARGIN, Hit, hit_candidate, resolve_threshold
from interdict.screening.index import COMMON_TOKEN_WEIGHT, FLAG_PERSON, FLAG_WEAK, ScreeningIndex
from interdict.screening.normalize import Form, name_forms
from interdict.screening.scoring import NameComparison, compare
from interdict.screening.tokens import SIM_SKELETON, skeleton

MAX_WINDOW = 6
T = TypeVar("T")
MIN_WINDOW_WEIGHT = 0.3  # distinctive weight a window (and a match) needs: not "the", "street", "5"
ONE_WORD_MIN_WEIGHT = 0.5  # a one-word listed name found in text must be at least this rare
EXACT = 0.999
MIN_NAME_COVERAGE = 0.8  # the window must cover (nearly) the whole listed name, not one of its words


@dataclass(frozen=True, slots=True)
class _Text:
    """One form of the text with what each token is worth as evidence of a listed name."""

    form: Form
    weights: tuple[float, ...]
    distinctive: tuple[float, ...]  # the token's weight if it is a name-like word on the lists, else 0
    start_ok: tuple[bool, ...]  # a window may start here (a distinctive word)
    end_ok: tuple[bool, ...]  # a window may end here (a word the lists hold, or a number: "TABAN 1")


def _prepare(index: ScreeningIndex, form: Form) -> _Text:
    address = tables.address_words() | tables.honorifics()  # "MV JUPITER": "mv" is not a name
    weights = query_weights(index, form.tokens)
    distinctive: list[float] = []
    end_ok: list[bool] = []
    for t, w in zip(form.tokens, weights, strict=True):
        known = len(t) > 1 and token_hits(index, t).size > 0
        name_like = known and not t.isdigit() and t not in address
        distinctive.append(w if name_like else 0.0)
        end_ok.append(known)
    start_ok = tuple(d > COMMON_TOKEN_WEIGHT for d in distinctive)
    return _Text(form, weights, tuple(distinctive), start_ok, tuple(end_ok))


def _token_records(index: ScreeningIndex, token: str) -> frozenset[int]:
    """The records a token can match, as a set (memoised on the index beside its postings)."""
    key = "\x00records:" + token
    return _memo(index, key, lambda: frozenset(token_hits(index, token).records.tolist()))


def _edge_records(index: ScreeningIndex, tokens: tuple[str, ...]) -> list[frozenset[int]]:
    """Per position, the records its token can match alone or joined with a neighbour ("jin hyok")."""
    own = [_token_records(index, t) if len(t) > 1 else frozenset() for t in tokens]
    out = list(own)
    for i in range(len(tokens) - 1):
        if tokens[i].isascii() and tokens[i + 1].isascii():
            v = index.vocab.get(skeleton(tokens[i] + tokens[i + 1]))
            if v is not None:
                joined = frozenset(index.postings(v).tolist())
                out[i], out[i + 1] = out[i] | joined, out[i + 1] | joined
    return out


def _plain_record(index: ScreeningIndex, record: int) -> bool:
    """True when a listed name is made only of address words, numbers and letters ("ROAD")."""
    address = tables.address_words()
    return all(t in address or t.isdigit() or len(t) == 1 for t in index.rec_tokens[record])


def _core_tokens(index: ScreeningIndex, record: int) -> list[str]:
    """The words of a listed name that identify it: not legal forms, particles, numbers or letters."""
    legal, common = tables.legal_forms(), tables.common_tokens()
    return [t for t in index.rec_tokens[record]
            if t not in legal and t not in common and not t.isdigit() and len(t) > 1]


def _isolated(text: _Text, start: int, stop: int) -> bool:
    """True when the words around a window are not name-like ("JUPITER STREET", not "EMMA SMITH")."""
    before = text.distinctive[start - 1] if start > 0 else 0.0
    after = text.distinctive[stop] if stop < len(text.distinctive) else 0.0
    return max(before, after) < MIN_WINDOW_WEIGHT


def _in_order(cmp: NameComparison) -> bool:
    """True when the aligned words follow the listed name's word order."""
    pairs = sorted((m.query[0], m.name[0]) for m in cmp.matches)
    return all(a[1] < b[1] for a, b in itertools.pairwise(pairs))


def _meets_text_bar(index: ScreeningIndex, record: int, cmp: NameComparison, text: _Text,
                    start: int, stop: int) -> bool:
    """The higher bar of free text: distinctive evidence, strict one-word names and weak aliases."""
    matched = sum(text.distinctive[start + i] for m in cmp.matches for i in m.query)
    if matched < MIN_WINDOW_WEIGHT or cmp.coverage_name < MIN_NAME_COVERAGE \
            or _plain_record(index, record):
        return False
    core = _core_tokens(index, record)
    if index.rec_flags[record] & FLAG_WEAK:
        return len(core) >= 2 and cmp.coverage_name >= EXACT and all(m.rule == "exact" for m in cmp.matches)
    person = bool(index.rec_flags[record] & FLAG_PERSON)
    if not person and not _in_order(cmp):
        return False  # "FEES GOLDEN" is not "GOLDEN FISH": organisations are written in their order
    if len(core) <= 1:  # "JUPITER", "ORION LLC": one word decides, so it must be rare, exact, alone
        if person:
            return False  # a surname in a street name ("KHAN STREET") is not the listed person
        matched_q = {i for m in cmp.matches for i in m.query}
        if any(text.distinctive[start + i] > 0 for i in range(stop - start) if i not in matched_q):
            return False  # "SUNRISE TRADING" is a longer name than the vessel "SUNRISE"
        rare = all(w >= ONE_WORD_MIN_WEIGHT for t, w in zip(index.rec_tokens[record],
                                                            index.rec_weights[record], strict=True)
                   if t in core)
        spelled = all(m.similarity >= SIM_SKELETON and not m.rule.startswith("typo") for m in cmp.matches)
        return rare and spelled and _isolated(text, start, stop)
    return True


def _memo(index: ScreeningIndex, key: str, make: Callable[[], T]) -> T:
    """A value memoised on the index (texts repeat their words and windows: "HARBOUR", "ORION")."""
    found: T | None = index.memo.get(key)
    if found is None:
        if len(index.memo) > MEMO_LIMIT:
            index.memo.clear()
        found = index.memo[key] = make()
    return found


def _window_matches(index: ScreeningIndex, tokens: tuple[str, ...], weights: tuple[float, ...],
                    thr: float) -> tuple[tuple[int, NameComparison], ...]:
    """The records one window's words match at `thr` or above, before the text bar (memoised)."""
    def make() -> tuple[tuple[int, NameComparison], ...]:
        blocked = block(index, tokens, weights, thr, MIN_NAME_COVERAGE - ESTIMATE_MARGIN)
        out = []
        for r in blocked.records.tolist():
            cmp = compare(tokens, weights, index.rec_tokens[r], index.rec_weights[r],
                          person=bool(index.rec_flags[r] & FLAG_PERSON))
            if cmp.score >= thr and cmp.coverage_name >= MIN_NAME_COVERAGE:
                out.append((r, cmp))
        return tuple(out)

    return _memo(index, f"\x01window:{thr}:{' '.join(tokens)}", make)


def _window_hits(index: ScreeningIndex, text: _Text, start: int, stop: int, thr: float,
                 best: dict[int, Hit]) -> int:
    """Keep the best hit per entity of one window in `best`; returns how many records matched."""
    tokens = text.form.tokens[start:stop]
    weights = text.weights[start:stop]
    matches = _window_matches(index, tokens, weights, thr)
    for r, cmp in matches:
        if text.form.organisation and index.rec_flags[r] & FLAG_PERSON:
            continue  # a word read as a legal form (`normalize._edge_reading`) is a person's name word
        if not _meets_text_bar(index, r, cmp, text, start, stop):
            continue
        e_no = int(index.rec_entity[r])
        adjust = adjustments(index.entities[e_no], None, None, bool(index.rec_flags[r] & FLAG_WEAK))
        score = min(1.0, max(0.0, cmp.score + sum(a.delta for a in adjust)))
        if score >= thr and (e_no not in best or score > best[e_no].score):
            window = Form(tokens, text.form.script, text.form.rule,
                          tuple(v for v in text.form.variants if set(v[1].split()) <= set(tokens)))
            extra = {"method": "text", "window": window.text, "window_start": start,
                     "window_size": stop - start, "text_form": text.form.text}
            best[e_no] = Hit(score, r, window, weights, cmp, adjust, extra)
    return len(matches)


def screen_text(index: ScreeningIndex, text: str, *, threshold: float | None = None) -> list[Candidate]:
    """Listed names found inside free text; the explanation names the window that matched."""
    thr = resolve_threshold(threshold)
    best: dict[int, Hit] = {}
    scored = 0
    for form in name_forms(text):
        prepared = _prepare(index, form)
        edges = _edge_records(index, form.tokens)
        n = len(form.tokens)
        for start in range(n):
            if not prepared.start_ok[start]:
                continue  # a listed name inside text starts with a distinctive word
            weight = 0.0
            for stop in range(start + 1, min(n, start + MAX_WINDOW) + 1):
                weight += prepared.distinctive[stop - 1]
                # A window scores best when a listed name holds both its first and last words (a
                # shorter window covers the same name better otherwise): skip the others unscored.
                if prepared.end_ok[stop - 1] and weight >= MIN_WINDOW_WEIGHT and \
                        (stop - start == 1 or not edges[start].isdisjoint(edges[stop - 1])):
                    scored += _window_hits(index, prepared, start, stop, thr, best)
    found = [hit_candidate(index, e_no, hit, scored) for e_no, hit in best.items()]
    return sorted(found, key=lambda c: (-c.score, c.list, c.list_id))
