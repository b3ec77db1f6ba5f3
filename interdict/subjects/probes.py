"""The pre-filter of a delta re-screen: which subjects could match a delta entry at all.

Screening finds a listed record only through the vocabulary keys a query token reaches (its
romanisation skeleton, a nickname's, a key one edit away, the key of its letter pairs read as the
letter they print like, a Pinyin syllable with another sibilant of its series), the key of two
adjacent tokens joined, or an exact identifier, for every form of the name, including its reading
with letter-like digits as letters (`engine.query_forms`). So each subject token gets *probes* (its
skeleton, nicknames, look-alike key, sibilant alternates, one-letter deletions of its skeleton and
of itself; a joined pair its skeleton; an identifier its key), and each delta entry *signatures*
(its records' keys and their one-letter deletions, its identifier keys;
`subjects.reach.delta_signatures`). A subject whose probes meet no signature cannot
match the delta and is not screened.

The test is a superset of what `screening.blocking.related_keys` reaches (it ignores the length
rules that narrow it), so it drops no subject screening would have matched; screening then decides.
A name that fills an MT line and ends inside a word is blocked on the start of its last word
(`blocking._prefix_hits`: any listed word it begins; `blocking._written_hits`: any listed token
one of whose written spellings it begins), which no probe covers: such a subject is screened
against any delta, as one with an initial. A name of 34 characters read as a line cut at a word's
end (`partial.ended_at_line`) is blocked on its own tokens only, lower: its probes cover it.
Probes depend on normalisation and the tables, so they carry `screening.loader.engine_fingerprint`
and are rebuilt when it changes. Pure functions, no storage.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from interdict.screening import sounds, tables
from interdict.screening.addresses import screened_as_address
from interdict.screening.engine import MAX_QUERY_TOKENS, query_forms
from interdict.screening.identifiers import identifier_key, recognise
from interdict.screening.index import DELETE_MIN_LENGTH, stable_hash
from interdict.screening.normalize import Form
from interdict.screening.tokens import deletions, look_alike, skeleton
from interdict.subjects.model import Subject

# Bump when what `subject_tokens`, `token_probes` or `form_parts` make changes: stored probes are
# then rebuilt. 4: parts by token id (`subjects.parts`), address-like subjects marked. 5: the
# digits-as-letters forms, look-alike keys, names cut at an MT line always screened. 6: the form that
# keeps the titles and ship words a reading dropped (`normalize._forms`). 7: a Pinyin syllable's
# sibilant alternates (`sounds.sibilant_alternates`), which blocking now reaches.
PROBES_VERSION = 7
MAX_TYPO_LENGTH = 40  # as blocking: longer "tokens" are not names and have no typo neighbourhood
_ID = "\x00id:"  # identifier keys live in their own namespace of probes
_PAIR = " "  # a joined pair's "token" holds a space, which no single token does
_FORM = "\x00form:"  # the name's only form, in order (no probes: read back by the pre-filter)
_INITIALS = "\x00initials"  # a subject with an initial: screened against any delta (see below)
# A subject screening also reads as a street address (`screen_address`, which no name key finds):
# screened against any delta, as one with an initial.
ALWAYS = "\x00always"
MARKERS = (_INITIALS, ALWAYS)
# What a stored token is to its subject (`form_parts`): a token of its only name form at a
# position, the joined pair starting at a position, or anything else (identifier keys, markers,
# the form itself, the tokens of a subject with several forms).
PART_TOKEN, PART_PAIR, PART_OTHER = 0, 1, 2


def probes_fingerprint() -> str:
    """What the stored probes depend on: the screening engine's fingerprint and this module's version."""
    from interdict.screening.loader import engine_fingerprint

    return f"{engine_fingerprint()}/probes-{PROBES_VERSION}"


def subject_tokens(subject: Subject) -> set[str]:
    """The tokens of every form of the subject's name, its joined pairs (`a b`), and its
    identifier keys (prefixed `\\x00id:`)."""
    out: set[str] = set()
    forms = query_forms(subject.name)
    for form in forms:
        out.update(form.tokens)
        out.update(f"{a}{_PAIR}{b}" for a, b in itertools.pairwise(form.tokens)
                   if a.isascii() and b.isascii())
        if any(len(t) == 1 for t in form.tokens):
            out.add(_INITIALS)
        if form.cut:
            out.add(ALWAYS)
    only = _single(forms)
    if only is not None:
        out.add(_FORM + " ".join(only))
    keys = [k for k, _ in recognise(subject.name)]
    keys += [k for i in subject.identifiers if (k := identifier_key(i))]
    out.update(_ID + k for k in keys)
    if screened_as_address(subject.kind, subject.name):
        out.add(ALWAYS)
    return out


def form_parts(tokens: Iterable[str]) -> list[tuple[str, int, int]]:
    """A subject's stored tokens as (token, position, part): its only form's tokens at their
    positions (repeats included: blocking counts each), its joined pairs at their first token's
    position, everything else as PART_OTHER at -1."""
    tokens = set(tokens)
    form = next((t for t in tokens if t.startswith(_FORM)), None)
    if form is None:
        return [(t, -1, PART_OTHER) for t in sorted(tokens)]
    words = form[len(_FORM):].split(" ")
    out = [(w, n, PART_TOKEN) for n, w in enumerate(words)]
    out += [(f"{a}{_PAIR}{b}", n, PART_PAIR) for n, (a, b) in enumerate(itertools.pairwise(words))
            if a.isascii() and b.isascii()]
    placed = {t for t, _, _ in out}
    return out + [(t, -1, PART_OTHER) for t in sorted(tokens - placed)]


def _single(forms: list[Form]) -> tuple[str, ...] | None:
    """The tokens of a name's only form, in order, when it has one form of at most
    MAX_QUERY_TOKENS tokens and no initial (else None: the subject-side pruning does not apply)."""
    if len(forms) != 1 or len(forms[0].tokens) > MAX_QUERY_TOKENS:
        return None
    tokens = forms[0].tokens
    return None if any(len(t) == 1 for t in tokens) else tokens


def token_probes(token: str) -> set[int]:
    """The probe hashes of one subject token (see the module docstring)."""
    if token.startswith(_FORM):
        return set()
    if token.startswith(_ID) or token in MARKERS:
        return {stable_hash(token)}
    if _PAIR in token:
        a, b = token.split(_PAIR, 1)
        return {stable_hash(skeleton(a + b))}
    key = skeleton(token)
    found = {key, *tables.nicknames().get(key, ()), skeleton(look_alike(token)),
             *map(skeleton, sounds.sibilant_alternates(token))}
    if key.isascii() and 3 <= len(key) <= MAX_TYPO_LENGTH:
        found.update(deletions(key))
        found.update(skeleton(d) for d in deletions(token))
    return {stable_hash(k) for k in found}


def _key_signatures(key: str) -> Iterator[str]:
    yield key
    if key.isascii() and len(key) >= DELETE_MIN_LENGTH:
        yield from deletions(key)
