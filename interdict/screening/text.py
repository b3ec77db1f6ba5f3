"""Listed names inside free text (address lines, payment remittance text): sliding token windows.

A window of one to `MAX_WINDOW` consecutive tokens is screened like a name query; a window must
cover the whole listed name well to count, so "JUPITER STREET 5" finds a listed "JUPITER" through
the window "jupiter" while the name query "Jupiter Street" does not reach the threshold.
"""

from __future__ import annotations

from interdict.core.match import Candidate, Query
from interdict.screening.blocking import query_weights, token_hits
from interdict.screening.engine import hit_candidate, name_hits, resolve_threshold
from interdict.screening.index import ScreeningIndex
from interdict.screening.normalize import Form, name_forms

MAX_WINDOW = 6
MIN_WINDOW_WEIGHT = 0.3  # windows made only of common words ("the", "street") are not screened


def _found_weight(index: ScreeningIndex, tokens: tuple[str, ...]) -> list[float]:
    """Each token's weight if some listed name holds it (or a near spelling of it), else 0."""
    weights = query_weights(index, tokens)
    return [w if len(t) > 1 and token_hits(index, t).size else 0.0
            for t, w in zip(tokens, weights, strict=True)]


def windows(form: Form, size: int) -> list[tuple[int, Form]]:
    """The windows of `size` tokens of a form, with their start positions."""
    return [(i, Form(form.tokens[i:i + size], form.script, form.rule))
            for i in range(len(form.tokens) - size + 1)]


def screen_text(index: ScreeningIndex, text: str, *, threshold: float | None = None) -> list[Candidate]:
    """Listed names found inside free text; the explanation names the window that matched."""
    thr = resolve_threshold(threshold)
    query = Query(name=text)
    best: dict[int, Candidate] = {}
    for form in name_forms(text):
        longest = min(MAX_WINDOW, len(form.tokens))
        found = _found_weight(index, form.tokens)
        for size in range(1, longest + 1):
            for start, window in windows(form, size):
                if sum(found[start:start + size]) < MIN_WINDOW_WEIGHT:
                    continue  # nothing listed can be in a window of unknown or common words
                extra = {"method": "text", "window": window.text, "window_start": start,
                         "window_size": size, "text_form": form.text}
                hits, scored, _ = name_hits(index, window, query, thr, extra)
                for e_no, hit in hits.items():
                    if hit.score >= thr and (e_no not in best or hit.score > best[e_no].score):
                        best[e_no] = hit_candidate(index, e_no, hit, scored)
    return sorted(best.values(), key=lambda c: (-c.score, c.list, c.list_id))
