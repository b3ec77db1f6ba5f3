"""Screening a query against the index: identifiers first, then names, then context and allow-list."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from interdict.core.entity import EntityKind, IdentifierType
from interdict.core.match import Adjustment, Candidate, Explanation, Query, SpellingVariant
from interdict.screening.addresses import screen_address, screened_as_address
from interdict.screening.allowlist import AllowEntry, AllowList
from interdict.screening.blocking import block, query_weights
from interdict.screening.context import adjustments, kind_allowed
from interdict.screening.identifiers import identifier_key, recognise
from interdict.screening.index import FLAG_KEPT, FLAG_ORIGINAL, FLAG_PERSON, FLAG_WEAK, ScreeningIndex
from interdict.screening.normalize import HANGUL_RULE, LATIN, Form, latin_form, name_forms
from interdict.screening.ocr import lookalike_reading
from interdict.screening.owners import vessels_by_owner
from interdict.screening.scoring import NameComparison, compare, explain
from interdict.screening.threshold import DEFAULT_THRESHOLD

CONTEXT_HEADROOM = 0.08  # the most context can add: names this far below the threshold may pass
ESTIMATE_MARGIN = 0.04  # blocking estimates are optimistic up to about this much
CUT_HEADROOM = 0.25  # how far below the floor a name cut at the end of an MT line may be estimated
MAX_QUERY_TOKENS = 24  # a longer "name" is screened on its first tokens
OWNER_LIMIT = 20  # owners a vessel query may name (each brings in all its vessels)


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A candidate the allow-list removed from the results, with the entry that removed it."""

    candidate: Candidate
    entry: AllowEntry


@dataclass(frozen=True, slots=True)
class ScreenResult:
    """Candidates (best first), allow-listed suppressions, and how much of the index was touched."""

    candidates: list[Candidate]
    suppressed: list[Suppressed] = field(default_factory=list)
    scored: int = 0  # records compared precisely
    touched: int = 0  # postings walked during candidate generation


@dataclass(slots=True)
class Hit:
    """The best name match of one entity so far: score, record, query form and comparison."""

    score: float
    record: int
    form: Form
    weights: tuple[float, ...]
    cmp: NameComparison
    adjust: list[Adjustment]
    extra: dict[str, Any]  # Explanation fields a search adds (text: the window), by field name


def resolve_threshold(threshold: float | None) -> float:
    """The threshold to use: the caller's, else the calibrated default."""
    return DEFAULT_THRESHOLD if threshold is None else threshold


def identifier_candidates(index: ScreeningIndex, keys: list[tuple[str, IdentifierType]],
                          query_form: str) -> dict[int, Candidate]:
    """Entities holding any of the exact identifier keys, each as a score-1.0 candidate."""
    out: dict[int, Candidate] = {}
    for key, id_type in keys:
        for e_no in index.identifiers.get(key, ()):
            entity = index.entities[e_no]
            listed = next((i.value for i in entity.identifiers if identifier_key(i) == key), key)
            expl = Explanation(
                method="identifier", identifier_type=id_type.value, key=key, listed_value=listed, score=1.0,
                why=f"{id_type.value} {query_form!r} equals listed {listed!r} after normalisation")
            out[e_no] = _candidate(index, e_no, listed, query_form, 1.0, expl)
    return out


def _candidate(index: ScreeningIndex, e_no: int, matched: str, query_form: str, score: float,
               explanation: Explanation) -> Candidate:
    entity = index.entities[e_no]
    return Candidate(list=entity.list, list_id=entity.list_id, subject_id=index.subject_of(e_no),
                     name=entity.primary_name, matched_name=matched, query_form=query_form,
                     score=score, kind=entity.kind.value, programs=entity.programs,
                     explanation=explanation)


def name_hits(index: ScreeningIndex, form: Form, query: Query, threshold: float,
              extra: dict[str, Any] | None = None,
              whole: tuple[str, ...] | None = None) -> tuple[dict[int, Hit], int, int]:
    """Best hit per entity for one query form; also (records scored, postings touched).

    `whole` is the form's full token list when `form` was cut to MAX_QUERY_TOKENS: a long listed
    name typed in full still finds itself exactly."""
    weights = query_weights(index, form.tokens, person=query.kind == EntityKind.PERSON)
    floor = threshold - (CONTEXT_HEADROOM if query.dob or query.country else 0.0)
    # A cut line's last word and the listed words beyond it escape the blocking estimate (it sees
    # neither the start of a word nor the line's end): such a name is blocked with headroom.
    blocked = block(index, form.tokens, weights, floor - (CUT_HEADROOM if form.line else 0.0), cut=form.cut)
    best: dict[int, Hit] = {}
    exact = index.exact.get(whole or form.tokens, ())
    if not exact and not len(blocked.records):
        return best, 0, blocked.touched  # most customer names: nothing reaches scoring
    headroom = threshold - floor + ESTIMATE_MARGIN + (CUT_HEADROOM if form.line else 0.0)
    records = [*exact, *blocked.records.tolist()]
    estimates = [1.0] * len(exact) + blocked.estimates.tolist()
    rows = index.rows()
    # An entity is read (decoded, for a cached index) only when the kind filter or a context
    # adjustment needs it: most records scored fall below the floor.
    contextual = bool(query.dob or query.country)
    kept = FLAG_KEPT if form.kept else 0  # two readings that kept titles: their own forms meet
    for r, estimate in zip(records, estimates, strict=True):
        e_no = rows.entity[r]
        seen = best.get(e_no)
        if (seen is not None and seen.score >= estimate + headroom) or rows.flags[r] & kept:
            continue  # another name of this entity already scored at least what this one could
        if form.organisation and rows.flags[r] & FLAG_PERSON:
            continue  # a word read as a legal form is a name in a person's name ("Sa'd", "Yu")
        entity = index.entities[e_no] if query.kind is not None else None
        if entity is not None and not kind_allowed(query.kind, entity):
            continue
        flags = rows.flags[r]
        q_form, q_weights = form, weights
        if whole and len(whole) > len(form.tokens) and index.rec_tokens[r] == whole:
            q_form, q_weights = replace(form, tokens=whole), index.rec_weights[r]
        cmp = compare(q_form.tokens, q_weights, index.rec_tokens[r], index.rec_weights[r],
                      person=bool(flags & FLAG_PERSON), addressed=q_form.addressed, cut=q_form.cut,
                      line=q_form.line)
        if cmp.score < floor:
            continue
        weak = bool(flags & FLAG_WEAK)
        adjust = adjustments(entity or index.entities[e_no], query.dob, query.country, weak) \
            if weak or contextual else []
        score = min(1.0, max(0.0, cmp.score + sum(a.delta for a in adjust)))
        if seen is None or score > seen.score:
            best[e_no] = Hit(score, r, q_form, q_weights, cmp, adjust, extra or {})
    return best, len(records), blocked.touched


def spelling_variants(form: Form, listed: str) -> list[SpellingVariant]:
    """Where the variant tables rewrote a query or list word ("park" → "pak"), for the explanation."""
    out = [SpellingVariant("query", w, c) for w, c in form.variants]
    listed_form = latin_form(listed) if form.script == LATIN else None
    if listed_form is not None:
        out += [SpellingVariant("list", w, c) for w, c in listed_form.variants]
    return out


def hit_candidate(index: ScreeningIndex, e_no: int, hit: Hit, scored: int) -> Candidate:
    """Turn a name hit into a Candidate with its full explanation."""
    r = hit.record
    entity = index.entities[e_no]
    name = entity.names[int(index.rec_name[r])]
    alignment = explain(hit.cmp, hit.form.tokens, hit.weights, index.rec_tokens[r], index.rec_weights[r])
    spellings = spelling_variants(hit.form, name.full)
    fields: dict[str, Any] = dict(
        method="name", query_form=hit.form.text, query_rule=hit.form.rule, matched_name=name.full,
        name_form=" ".join(index.rec_tokens[r]), name_type=name.type.value, name_quality=name.quality.value,
        script="original" if index.rec_flags[r] & FLAG_ORIGINAL else "latin",
        spelling_variants=tuple(spellings) if spellings else None, adjustments=tuple(hit.adjust),
        score=round(hit.score, 4), records_scored=scored)
    fields.update(hit.extra)  # a text search says "text" and names its window
    expl = replace(alignment, **fields)
    return _candidate(index, e_no, name.full, hit.form.text, hit.score, expl)


def _hangul_speaks_for_hangul(index: ScreeningIndex,
                              per_form: list[tuple[Form, dict[int, Hit], int]]) -> None:
    """A Hangul query against an entry with a Hangul name: the romanized hit stands only where the
    Hangul comparison agrees, since romanization merges distinct syllables (정 and 종 are "jong")."""
    latin = next((h for f, h, _ in per_form if f.script == LATIN and f.rule == HANGUL_RULE), None)
    original = next((h for f, h, _ in per_form if f.script != LATIN), None)
    if latin is None or original is None:
        return
    for e_no in [e for e in latin if e in index.hangul_entities]:
        if e_no not in original or original[e_no].score < latin[e_no].score:
            del latin[e_no]


def screen_detailed(index: ScreeningIndex, query: Query, *, threshold: float | None = None,
                    limit: int = 10, allow: AllowList | None = None) -> ScreenResult:
    """Screen one query; returns candidates ≥ threshold (best first) and allow-list suppressions."""
    thr = resolve_threshold(threshold)
    keys = recognise(query.name)
    keys += [(k, i.type) for i in query.identifiers if (k := identifier_key(i))]
    found = identifier_candidates(index, keys, query.name.strip())
    if screened_as_address(query.kind, query.name):
        guessed = query.kind is None
        for e_no, cand in screen_address(index, query.name, thr, whole_street=guessed).items():
            if e_no not in found or cand.score > found[e_no].score:
                found[e_no] = cand
    scored = touched = 0
    per_form: list[tuple[Form, dict[int, Hit], int]] = []
    for form in query_forms(query.name) if query.kind != EntityKind.ADDRESS else ():
        if form.organisation and query.kind == EntityKind.PERSON:
            continue  # a person's name has no legal form
        whole = form.tokens
        if len(form.tokens) > MAX_QUERY_TOKENS:  # not a name: screen_text is the tool for long text
            form = replace(form, tokens=form.tokens[:MAX_QUERY_TOKENS])
        hits, n_scored, n_touched = name_hits(index, form, query, thr, whole=whole)
        scored, touched = scored + n_scored, touched + n_touched
        per_form.append((form, hits, n_scored))
    _hangul_speaks_for_hangul(index, per_form)
    for _, hits, n_scored in per_form:
        for e_no, hit in hits.items():
            if hit.score >= thr and (e_no not in found or hit.score > found[e_no].score):
                found[e_no] = hit_candidate(index, e_no, hit, n_scored)
    if query.kind == EntityKind.VESSEL:
        for e_no, cand in vessels_by_owner(index, query, thr, _owner_screen).items():
            if e_no not in found or cand.score > found[e_no].score:
                found[e_no] = cand
    ranked = sorted(found.values(), key=lambda c: (-c.score, c.list, c.list_id))
    kept: list[Candidate] = []
    suppressed: list[Suppressed] = []
    for cand in ranked:
        entry = allow.lookup(query.name, f"{cand.list}:{cand.list_id}") if allow else None
        if entry is not None:
            suppressed.append(Suppressed(cand, entry))
        elif len(kept) < limit:
            kept.append(cand)
    return ScreenResult(kept, suppressed, scored, touched)


def query_forms(name: str) -> list[Form]:
    """The query's forms, then those of its reading with letter-like digits as letters (`ocr`)."""
    forms = name_forms(name)
    if (read := lookalike_reading(name)) is not None:
        seen = {f.tokens for f in forms}
        forms += [replace(f, rule=f"{f.rule}, digits as letters") for f in name_forms(read)
                  if f.tokens not in seen]
    return forms


def _owner_screen(index: ScreeningIndex, query: Query, threshold: float) -> list[Candidate]:
    return screen_detailed(index, query, threshold=threshold, limit=OWNER_LIMIT).candidates


def screen(index: ScreeningIndex, query: Query, *, threshold: float | None = None, limit: int = 10,
           allow: AllowList | None = None) -> list[Candidate]:
    """Screen one query (a name or pasted identifier, with optional context); best first."""
    return screen_detailed(index, query, threshold=threshold, limit=limit, allow=allow).candidates


def screen_identifier(index: ScreeningIndex, value: str,
                      type: IdentifierType | None = None) -> list[Candidate]:
    """Entities holding this identifier, exact after per-type normalisation (any type if None)."""
    found = identifier_candidates(index, recognise(value, type), value.strip())
    return sorted(found.values(), key=lambda c: (c.list, c.list_id))
