"""Slips of the keyboard the token similarity refuses in short words, given partial credit:
a stray letter glued before a name particle ("Bashar xal-Assad")."""

from __future__ import annotations

from interdict.screening import tables
from interdict.screening.tokens import SIM_INITIAL


def stray_letter(a: str, b: str) -> tuple[float, str]:
    """A particle with a stray letter glued before it ("xal" ~ "al": "Bashar xal-Assad"), a slip
    the token similarity refuses in a word this short; partial credit, as for a first-letter slip.
    Not a letter after it ("ali" is a name), nor a word that is a particle or common word itself
    ("bint", "del")."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    particles = tables.name_particles()
    if short not in particles or not long_[0].isalpha() or long_ in particles \
            or long_ in tables.common_tokens():
        return 0.0, ""
    rest = long_[1:]  # the particle as written: "zel" is "el", which reads "al"; not the sun-letter
    if rest != short and not (rest == "el" and short == "al"):  # "an", "ul" ("han", "gul" are names)
        return 0.0, ""
    return SIM_INITIAL, "typo:stray-letter"
