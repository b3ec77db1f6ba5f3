"""rigour's transliteration, without paying for its Python layers until a script needs them.

`rigour.text.translit.ascii_text` and `rigour.names.org_types` import `rigour.text`, which imports
normality (ICU, chardet, charset-normalizer) and rigour's language tables: about half the import
time of the screening engine, which `interdict screen "Pak Jin Hyok"` paid on every start though a
Latin name needs none of it. The same functions live in rigour's compiled core; these wrappers call
it directly and import the Python layer only for text the core leaves non-ASCII (Arabic, Han...),
so the results are rigour's own (tests/screening/test_translit.py compares them).
"""

from __future__ import annotations

from rigour._core import maybe_ascii
from rigour._core import replace_org_types_compare as _replace_org_types_compare

# rigour.text.normalize.Normalize.CASEFOLD and Cleanup.Noop: the defaults of
# rigour.names.org_types.replace_org_types_compare, as plain ints so the enum module stays unloaded.
CASEFOLD = 4
CLEANUP_NOOP = 0


def ascii_text(text: str) -> str:
    """`rigour.text.translit.ascii_text`: rigour's core for the scripts it admits (Latin, Cyrillic,
    Greek, Armenian, Georgian, Hangul), normality for the rest."""
    out = maybe_ascii(text)
    if out.isascii():
        return out
    from rigour.text.translit import ascii_text as full

    return full(out)


def replace_org_types_compare(text: str) -> str:
    """`rigour.names.org_types.replace_org_types_compare` with its defaults (case-folded compare form)."""
    return _replace_org_types_compare(text, CASEFOLD, CLEANUP_NOOP, False)
