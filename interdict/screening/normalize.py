"""Text normalisation: from a name as written to the token forms the index and scorer compare.

Every name yields up to two forms: the Latin form (NFKC, casefold, invisible characters and
diacritics removed, any script transliterated, tokens mapped through the variant tables) and,
for names written in another script, the original-script form, compared only with the list's own
original-script names. CJK text has no reliable word breaks, so its original form has one token
per character.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from anyascii import anyascii
from rigour._core import text_scripts

from interdict.screening import abugida, arabic, hangul, hebrew, legal_families, matres, name_words, tables
from interdict.screening.camel import split_camel
from interdict.screening.joined import AFFIX_MIN, fix_legal, korean_word, split_joined, split_legal_affix
from interdict.screening.name_words import drop_honorifics, drop_vessel_words, join_phrases
from interdict.screening.numbers import read_numbers
from interdict.screening.partial import cut_at_line, ended_at_line
from interdict.screening.table_typos import read_countries_fixed, variant_typo
from interdict.screening.translit import ascii_text, replace_org_types_compare

LATIN = "latin"
HAN_NAME_MAX = 4
ORIGINAL = "original"
HANGUL_RULE = "hangul romanized"
MAX_ORG_TEXT = 300  # longer text is not one name: no legal-form rewriting
EDGE_NAME_MAX = 10  # a name of more words is text (`screen_text`): no edge legal-form reading

# Zero-width characters, bidi controls, soft hyphen, BOM are Unicode category Cf and are dropped;
# the zero-width space alone separates words, so it becomes a space first.
_APOSTROPHES = re.compile(r"['’‘`ʼʻ´]")
_DOTTED = re.compile(r"(?<![\w.])(?:[a-z]\.)+[a-z]\b\.?")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")
# A digit between letters, in a word of letters with at most two such digits ("ig0r", "sech1n",
# "i9or"): a letter typed as the digit that looks like it. Names do not hold digits there; "b2b",
# "taban1", "3m" keep theirs (2 is no letter; a digit at an end numbers a ship or a firm).
_LEET_WORD = re.compile(r"\b[a-z]+(?:[013457890][a-z]+){1,2}\b")
_LEET = str.maketrans("013457890", "oieastbgo")
# Ship prefixes as written at the head of a name: "M/V", "M/T", "M.V.", "M.T.", "MV", "MT" (rigour's
# object-name prefixes; the spaced "M T" is left alone: it is more often two initials).
_VESSEL_PREFIX = re.compile(r"^\s*(?:m\s*/\s*[vt]\.?|m\.[vt]\.?|mv|mt)\s+(?=\w)")
_SLASH = re.compile(r"\s*/\s*")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# Scripts written with vowel signs and viramas around their letters (Devanagari, Bengali... Thai,
# Myanmar, Khmer): the marks are part of the word, neither word breaks (Python's \w holds no marks)
# nor diacritics to strip; `abugida` reads the words.
_NON_WORD = re.compile(rf"[^\w{abugida.WORD_CLASS}]+|_")
_CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF))


@dataclass(frozen=True, slots=True)
class Form:
    """One comparable form of a name: its tokens and how they were obtained."""

    tokens: tuple[str, ...]
    script: str  # LATIN or ORIGINAL
    rule: str  # "as written", "transliterated", "hangul romanized", "original script"
    variants: tuple[tuple[str, str], ...] = ()  # (word as written, canonical form) where a table applied
    # A title and one word ("President Erdoğan", "Mr Smith"): the word is the name the person is
    # addressed by, the family name (`scoring._addressed`).
    addressed: bool = False
    cut: bool = False  # the name fills a payment message's name line: its last word may be cut short
    # The name filled the line (`cut`, or `partial.ended_at_line`): listed words after it may be missing.
    line: bool = False
    kept: bool = False  # read with the titles and ship words the reading drops (`name_words.may_drop`)
    # Read with a word at its head or end as the legal form rigour's table makes it (`_edge_reading`):
    # compared with organisations' names only, never a person's.
    organisation: bool = False

    @property
    def text(self) -> str:
        """The tokens joined by spaces (what explanations show)."""
        return " ".join(self.tokens)


def clean(text: str) -> str:
    """NFKC, drop invisible characters (zero-width, bidi marks), casefold, fold apostrophes."""
    if text.isascii():  # ASCII has no invisible characters and is already NFKC
        return _APOSTROPHES.sub("", text.casefold())
    text = unicodedata.normalize("NFKC", text).replace("\u200b", " ")
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return _APOSTROPHES.sub("", text.casefold())


def strip_diacritics(text: str) -> str:
    """Remove combining marks from Latin (and other alphabetic) text, keeping Hangul syllables whole."""
    if text.isascii():
        return text
    out: list[str] = []
    for ch in text:
        # Hangul syllables and kana decompose into a letter and a mark that is part of the sound
        # (バ is ハ + voicing mark: "ba", not "ha"): kept whole for the transliterator.
        if ch.isascii() or hangul.is_hangul_syllable(ch) or 0x3040 <= ord(ch) <= 0x30FF or _abugida(ch):
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


def _abugida(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in abugida.WORD_RANGES)


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


def is_latin_text(text: str) -> bool:
    """True when the text holds no letters of a script other than Latin."""
    return text_scripts(text) <= {"Latin"}


@lru_cache(maxsize=65536)
def canonical_tokens(word: str, split: bool = True) -> tuple[str, ...]:
    """Map one lower-case ASCII word through the variant and legal-form tables (and, if `split`,
    read two romanized Korean syllables written together as two words)."""
    if word in tables.variants():
        return tables.variants()[word]
    legal = tables.legal_forms().get(word) or tables.org_abbreviations().get(word)
    if legal:
        return (legal,)
    for prefix in ("abdul", "abdel", "abdur", "abdal"):
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            rest = word[len(prefix):]
            return ("abd", "al", rest[1:] if prefix == "abdur" and rest.startswith("r") else rest)
    return variant_typo(word) or (split_joined(word) if split else None) or (word,)


# Dotted abbreviations of countries, which two letters would leave as initials ("u s").
_DOTTED_COUNTRIES = {"us": "usa", "uk": "united kingdom"}


def _undot(match: re.Match[str]) -> str:
    letters = match.group(0).replace(".", "")
    if letters in _DOTTED_COUNTRIES and match.group(0).count(".") >= 2:  # "u.s.", not "u.s"
        return " " + _DOTTED_COUNTRIES[letters] + " "
    if len(letters) >= 3 or letters in tables.legal_forms():
        return " " + letters + " "
    return match.group(0)


def _is_han_name(chunk: str) -> bool:
    """A run of one to four Han characters: a Chinese family or given name (longer runs are orgs)."""
    return 1 <= len(chunk) <= HAN_NAME_MAX and all(0x3400 <= ord(c) <= 0x9FFF for c in chunk)


def _han_name_words(chunk: str, *, alone: bool) -> list[str]:
    """Pinyin of a Chinese name part, its syllables joined as the lists write given names.

    "王 东明" gives ["wang", "dongming"], as the lists write "WANG Dongming"; a whole name written
    without a space ("王东明") is read as a one-character family name and the given name.
    """
    syllables = [ascii_text(c).lower() for c in chunk]
    if alone and len(chunk) >= 2:
        return [syllables[0], "".join(syllables[1:])]
    return ["".join(syllables)]


_VOWELLED_RULES = (arabic.ARABIC_RULE, hebrew.HEBREW_RULE)


def _vowelled(chunk: str) -> tuple[list[str], str] | None:
    """An Arabic or Hebrew name word read with its vowels from the tables, and the rule; or None."""
    if (latin := arabic.vowelled(chunk)) is not None:
        return latin, arabic.ARABIC_RULE
    if hebrew.has_hebrew(chunk) and (latin := hebrew.vowelled(chunk)) is not None:
        return latin, hebrew.HEBREW_RULE
    return None


def _latin_words(text: str, vowels: bool = True) -> tuple[list[str], str]:
    """Split cleaned text into Latin words, transliterating other scripts (Arabic name words with
    their vowels from the table, unless `vowels` is False); returns (words, rule)."""
    words: list[str] = []
    rule = "as written"
    text = _DOTTED.sub(_undot, text)  # "l.l.c." → "llc", "s.a." → "sa"; "j.m." stays two initials
    # The one symbol names use as a word ("3%ers" is "Three Percenters"); elsewhere it split words.
    text = text.replace("%", "percent")
    text = _LEET_WORD.sub(lambda m: m.group(0).translate(_LEET), text)
    text = _LETTER_DIGIT.sub(" ", text)  # "taban1" → "taban 1", as lists number vessels and firms
    chunks = [c for c in _NON_WORD.split(text) if c]
    for chunk in chunks:
        if chunk.isascii():  # most words: nothing to transliterate, already split
            words.append(chunk)
            continue
        if hangul.contains_hangul(chunk):
            words.extend(hangul.romanize_word(chunk))
            rule = HANGUL_RULE
            continue
        if _is_han_name(chunk):
            words.extend(_han_name_words(chunk, alone=len(chunks) == 1))
            rule = "transliterated"
            continue
        if vowels and (reading := _vowelled(chunk)) is not None:
            words.extend(reading[0])
            rule = reading[1]
            continue
        if (read := abugida.read(chunk)) is not None:
            words.extend(read)
            rule = "transliterated"
            continue
        if not chunk.isascii():
            translit = ascii_text(chunk).lower()
            if "?" in translit:  # a script rigour cannot read (Lao, Tibetan): anyascii's tables can
                translit = anyascii(chunk).lower()
            if translit != chunk and rule not in _VOWELLED_RULES:
                rule = "transliterated"
            chunk = translit
        words.extend(w for w in _NON_WORD.split(chunk) if w)
    return words, rule


def _syllable_name(words: list[str]) -> bool:
    """True for a name made only of Chinese or Korean syllables ("pao yu yi"): its short words are
    syllables of a person's name, not legal forms ("pao" is not the Russian ПАО here)."""
    if len(words) < 2 or not any(len(w) <= 3 and w in tables.legal_forms() for w in words):
        return False
    return all(w in tables.pinyin_syllables() or w in hangul.syllable_spellings() for w in words)


def org_types(text: str) -> str:
    """Legal forms written out, in any language and script, shortened by rigour's maintained
    org-type table ("aktiengesellschaft" → "ag", "societatea cu raspundere limitata" → "srl",
    "публичное акционерное общество" → "pao"); our table then maps the short forms to one token."""
    return replace_org_types_compare(text) if len(text) <= MAX_ORG_TEXT else text


def _name_words(cleaned: str, vowels: bool = True, split: bool = True,
                keep: bool = False) -> tuple[list[str], str, bool]:
    """The words of a cleaned name after legal forms, numbers, titles and ship words are read
    (and, if `split`, legal-form words glued to a name split off: "turiracompany"; if `keep`, the
    titles and ship words kept), the rule, and whether the name was a title and one word."""
    words, rule = _latin_words(strip_diacritics(cleaned), vowels)
    fixed = fix_legal(words)
    words = _org_types_words([part for w in fixed for part in split_legal_affix(w)] if split else fixed)
    words = read_numbers(words) if keep else drop_vessel_words(read_numbers(words))
    named = words if keep else drop_honorifics(words)
    addressed = len(named) == 1 < len(words)
    words = join_phrases(read_countries_fixed(named), tables.legal_form_phrases())
    rule = f"{rule}, {name_words.KEPT_RULE}" if keep else rule
    return join_phrases(words, tables.org_acronym_phrases()), rule, addressed


def _org_types_words(words: list[str]) -> list[str]:
    """`org_types` on the Latin words (after transliteration and legal typo fixing, so that a
    name and its transliteration read alike), unless the name holds initials ("A. S. Puchkov":
    "a s" is not the Norwegian AS; our own table reads spaced legal letters)."""
    if not words or sum(len(w) == 1 for w in words) > 1:
        return words
    text = " ".join(words)
    short = org_types(text)
    return words if short == text else _latin_words(short)[0]


def _pinyin_word(word: str) -> bool:
    """True for a word of Pinyin syllables (one, or two written together: "fangwei")."""
    syllables = tables.pinyin_syllables()
    return word in syllables or any(word[:i] in syllables and word[i:] in syllables
                                    for i in range(1, len(word)))


def _korean_name(words: list[str]) -> bool:
    """True when every word could be a romanized Korean syllable (or two): only then are the Korean
    surname spellings one name (Li/Yi/Lee → ri, Yu → ryu). In "PAO Yu Yi" (Chinese: "pao" is no
    Korean syllable) "Yi" and "Li" are two different names."""
    return all(korean_word(w) for w in words if len(w) > 1)  # initials: "Park J. H." is Korean too


@lru_cache(maxsize=65536)
def latin_form(text: str, vowels: bool = True, korean: bool = True, split: bool = True,
               keep: bool = False) -> Form | None:
    """The Latin form of a name (None when nothing comparable is left); `vowels=False` keeps the
    letter-by-letter skeleton of Arabic words, `korean=False` the Korean surname spellings as written,
    `split=False` the words a split would cut whole (Korean syllables: "jinping", "chevon"; a glued
    legal-form word: "handelsgesellschaft")."""
    if not text.isupper() and not text.islower():
        text = split_camel(text)  # "FridrichBuchenberg", "SiemensAG"
    words, rule, addressed = _name_words(_VESSEL_PREFIX.sub("", clean(text)), vowels, split, keep)
    tokens: list[str] = []
    variants: list[tuple[str, str]] = []
    syllable_name = _syllable_name(words)
    korean = korean and _korean_name(words)
    for word in words:
        as_written = (syllable_name and word in tables.legal_forms()) or \
            (not korean and word in tables.korean_variants())
        canon: tuple[str, ...] = (word,) if as_written else canonical_tokens(word, split)
        tokens.extend(canon)
        if canon != (word,):
            variants.append((word, " ".join(canon)))
    if not tokens:
        return None
    return Form(tuple(tokens), LATIN, rule, tuple(variants), addressed and len(tokens) == 1, kept=keep)


@lru_cache(maxsize=65536)
def original_form(text: str) -> Form | None:
    """The original-script form of a non-Latin name (None for Latin names)."""
    if text.isascii():  # most queries: ASCII holds no letters of another script
        return None
    cleaned = clean(text)
    if is_latin_text(cleaned):
        return None
    tokens: list[str] = []
    for chunk in _NON_WORD.split(cleaned):
        if not chunk:
            continue
        if any(_is_cjk(c) for c in chunk):
            chars = [c for c in chunk if c.isalnum()]
            if chars and 2 <= len(chars) <= 4:  # a Korean name: 이/리, 유/류, 임/림 are one surname
                chars[0] = hangul.SURNAMES.get(chars[0], chars[0])
            tokens.extend(chars)
        else:
            tokens.append(chunk)
    return Form(tuple(tokens), ORIGINAL, "original script") if tokens else None


def _unfolded_reading(text: str) -> Form | None:
    """A name the Korean surname spellings rewrote, as written, if it may as well not be Korean:
    it reads as Pinyin ("Li Yu"), or it has one word besides initials ("L. S. Lee" may be the
    listed "Lee Lap Shun", whose other words are not Korean)."""
    plain = latin_form(text, korean=False)
    if plain is None:
        return None
    words = sum(len(w) > 1 for w in plain.tokens)
    return plain if words < 2 or all(_pinyin_word(w) for w in plain.tokens) else None


def name_forms(text: str) -> list[Form]:
    """All comparable forms of a name: Latin first (for Arabic and Hebrew script the vowelled reading, then
    the consonant skeleton, which lists also write; for a name that may be Korean, then its words
    as written, as a Chinese "Li Yu" is not the Korean "Ri Ryu"; where a word was read as two Korean
    syllables, then the word whole), then the original script if any. A derived reading is added
    beside the name as written, never instead of it: "Chevon" read as Korean "che von" must still
    meet "Chevron" as a typo."""
    forms = _forms(text, consonants=True)
    cut = cut_at_line(text)
    if not cut and not ended_at_line(text):
        return forms
    return [replace(f, cut=cut, line=True) if f.script == LATIN else f for f in forms]


def _forms(text: str, consonants: bool) -> list[Form]:
    """`name_forms`; with `consonants`, an Arabic-script name's consonant reading too (`matres`: a
    query's reading, which a listed name's forms never hold)."""
    latin = latin_form(text)
    unvowelled = not text.isascii() and (arabic.has_arabic(text) or hebrew.has_hebrew(text))
    bare = latin_form(text, vowels=False) if unvowelled else None
    if latin is not None and any(w in tables.korean_variants() for w, _ in latin.variants):
        bare = _unfolded_reading(text)
    whole = latin_form(text, split=False) if latin is not None and _split_read(latin, text) else None
    forms: list[Form] = []
    # Titles and ship words kept too: "National Iranian Tanker" ~ "National Iranian Tanker Co".
    kept = latin_form(text, keep=True) if latin is not None and name_words.may_drop(_chunks(text)) else None
    for form in (latin, bare, whole, kept, _edge_reading(latin)):
        if form is not None and all(form.tokens != f.tokens for f in forms):
            forms.append(form)
    if consonants and unvowelled and arabic.has_arabic(text) \
            and (marks := matres.reading(_chunks(text))) is not None:
        forms.append(Form(marks, LATIN, matres.RULE))  # "frnandw" as its consonants: "~frnt"
    original = original_form(text)
    return [*forms, original] if original is not None else forms


def _edge_reading(form: Form | None) -> Form | None:
    """The Latin form with its last (else first) word read as the legal form rigour's table makes
    it ("garantex ou" → "garantex llc", "airfix aviation oy" → "airfix aviation llc"), beside the
    name as written; or None. Only there, as legal forms are written, and only for an organisation:
    in "Ashes Oy Gold" "oy" is a word, in "Al-Faqih Sa'd" or "Li Cheng Yu" a name (rigour reads
    "sad", "yu" as legal forms too), and a name of Chinese or Korean syllables is left alone."""
    if form is None or not 2 <= len(form.tokens) <= EDGE_NAME_MAX or form.organisation:
        return None
    tokens, variants = form.tokens, form.variants
    for at, rewritten in ((len(tokens) - 1, variants[-1:]), (0, variants[:1])):
        word = tokens[at]
        if rewritten and rewritten[0][1] == word:  # as written: Norwegian "AS" the table read as "al"
            word = rewritten[0][0]
        # Beside a legal-form word the word ends a longer form already read ("Ltd Şti", "Anonim
        # Şirketi", "GmbH & Co KG"): not a second one.
        nearby = tokens[at - 1] if at else tokens[1]
        own = word in tables.legal_forms() or not word.isalpha() or nearby in tables.legal_forms() \
            or nearby in tables.legal_words()
        generic = None if own else legal_families.edge_form(word)
        if generic is None:
            continue
        if all(w in tables.pinyin_syllables() or w in hangul.syllable_spellings() for w in tokens):
            return None
        kept = tuple(v for v in variants if not (rewritten and v is rewritten[0] and v[1] == tokens[at]))
        read = (*tokens[:at], generic, *tokens[at + 1:])
        return replace(form, tokens=read, variants=(*kept, (word, generic)), organisation=True)
    return None


def _chunks(text: str) -> list[str]:
    return [c for c in _NON_WORD.split(strip_diacritics(clean(text))) if c]


def _split_read(form: Form, text: str) -> bool:
    """True when a word of the name was read as two Korean syllables (its reading holds a space and
    the variant table did not give it: "chevon" → "che von", not "abdulla" → "abd al la") or had a
    legal-form word split off ("handelsgesellschaft" → "handels gesellschaft")."""
    if any(" " in canon and split_joined(word) is not None for word, canon in form.variants):
        return True
    return any(len(w) >= AFFIX_MIN and len(split_legal_affix(w)) > 1
               for w in _NON_WORD.split(clean(text)) if w.isascii())


def listed_name_forms(text: str) -> list[Form]:
    """Forms of a listed name: as `name_forms`, plus the name without its bracketed parts.

    Lists append acronyms and notes in brackets ("FOREIGN TRADE BANK (FTB)"); a query rarely does.
    Names joined by a slash ("AL-QA'IDA/ISLAMIC ARMY") are also read one by one; "M/V" is no such
    pair (each side needs three letters).
    """
    forms = _forms(text, consonants=False)
    bare = _BRACKETED.sub(" ", text)
    if bare != text and bare.strip():
        forms += [f for f in _forms(bare, consonants=False) if f not in forms]
    parts = _SLASH.split(bare)
    if len(parts) > 1 and all(sum(c.isalpha() for c in p) >= 3 for p in parts):
        for part in parts:
            forms += [f for f in _forms(part, consonants=False) if f not in forms]
    return forms


def query_key(text: str) -> str:
    """An order-insensitive normalised key of a query name (used by allow-list entries)."""
    form = latin_form(text)
    return " ".join(sorted(form.tokens)) if form else clean(text).strip()
