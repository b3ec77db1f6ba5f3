"""Khmer names read by the UNGEGN romanization (the Geographic Department system, 1972; the one
names are spelt by: "ប៉ុល ពត" → "pol pot", "ហ៊ុន សែន" → "hun saen").

No maintained transliterator reads Khmer: ICU has no Khmer-Latin and gives "?", anyascii drops the
inherent vowel and the register signs ("ប៉ុល ពត" → "bol pt"). Khmer consonants belong to two series
(a- and o-series) that read the same vowel sign differently; ៉ moves a consonant to the a-series
(and makes ប "p"), ៊ to the o-series. A consonant without a vowel sign after an open syllable
closes it ("ពត": po + t). Long Pali clusters are read letter by letter (good enough for a typo
match; the table is simplified where the system has diacritics: â → a, ô → o).
"""

from __future__ import annotations

COENG, TO_A, TO_O = "\u17d2", "\u17c9", "\u17ca"

# consonant → (initial, final, series 1 = a / 2 = o)
_CONSONANTS: dict[str, tuple[str, str, int]] = {
    "ក": ("k", "k", 1), "ខ": ("kh", "k", 1), "គ": ("k", "k", 2), "ឃ": ("kh", "k", 2), "ង": ("ng", "ng", 2),
    "ច": ("ch", "ch", 1), "ឆ": ("chh", "ch", 1), "ជ": ("ch", "ch", 2), "ឈ": ("chh", "ch", 2),
    "ញ": ("nh", "nh", 2), "ដ": ("d", "t", 1), "ឋ": ("th", "t", 1), "ឌ": ("d", "t", 2), "ឍ": ("th", "t", 2),
    "ណ": ("n", "n", 1), "ត": ("t", "t", 1), "ថ": ("th", "t", 1), "ទ": ("t", "t", 2), "ធ": ("th", "t", 2),
    "ន": ("n", "n", 2), "ប": ("b", "p", 1), "ផ": ("ph", "p", 1), "ព": ("p", "p", 2), "ភ": ("ph", "p", 2),
    "ម": ("m", "m", 2), "យ": ("y", "y", 2), "រ": ("r", "", 2), "ល": ("l", "l", 2), "វ": ("v", "v", 2),
    "ស": ("s", "s", 1), "ហ": ("h", "h", 1), "ឡ": ("l", "l", 1), "អ": ("", "", 1),
}
# vowel sign(s) → (a-series reading, o-series reading)
_VOWELS: dict[str, tuple[str, str]] = {
    "": ("a", "o"), "ា": ("a", "ea"), "ិ": ("e", "i"), "ី": ("ei", "i"), "ឹ": ("oe", "ue"), "ឺ": ("eu", "eu"),
    "ុ": ("o", "u"), "ូ": ("o", "u"), "ួ": ("uo", "uo"), "ើ": ("aeu", "eu"), "ឿ": ("oea", "oea"),
    "ៀ": ("ie", "ie"), "េ": ("e", "e"), "ែ": ("ae", "ae"), "ៃ": ("ai", "ey"), "ោ": ("ao", "ou"),
    "ៅ": ("au", "ov"), "ំ": ("am", "um"), "ុំ": ("om", "um"), "ាំ": ("am", "oam"), "ះ": ("ah", "eah"),
    "ុះ": ("oh", "uh"), "េះ": ("eh", "eh"), "ោះ": ("aoh", "uoh"), "ាះ": ("ah", "eah"),
}
_INDEPENDENT = {"ឥ": "e", "ឦ": "ei", "ឧ": "o", "ឩ": "ou", "ឪ": "ov", "ឫ": "rue", "ឬ": "rue", "ឭ": "lue",
                "ឮ": "lue", "ឯ": "ae", "ឰ": "ai", "ឱ": "ao", "ឲ": "ao", "ឳ": "au"}


def _clusters(word: str) -> list[tuple[str, str, str]]:
    """(base consonant, subscript consonants, signs) for each written cluster of the word."""
    out: list[tuple[str, str, str]] = []
    i = 0
    while i < len(word):
        ch = word[i]
        if ch in _CONSONANTS or ch in _INDEPENDENT:
            subs, signs = "", ""
            i += 1
            while i < len(word) and word[i] not in _CONSONANTS and word[i] not in _INDEPENDENT:
                if word[i] == COENG and i + 1 < len(word):
                    subs += word[i + 1]
                    i += 2
                    continue
                signs += word[i]
                i += 1
            out.append((ch, subs, signs))
        else:
            i += 1
    return out


def romanize(word: str) -> str:
    """One Khmer word in Latin letters."""
    out: list[str] = []
    open_syllable = signed = False  # the syllable before has no final yet; it has a vowel sign
    for base, subs, signs in _clusters(word):
        if base in _INDEPENDENT:
            out.append(_INDEPENDENT[base])
            open_syllable, signed = True, True
            continue
        initial, final, series = _CONSONANTS[base]
        vowel = "".join(c for c in signs if "\u17b6" <= c <= "\u17c8")
        if open_syllable and not vowel and not subs:
            out.append(final)  # closes the syllable before: "ពត" po + t; "ចាន់" cha + n
            open_syllable = False
            continue
        if open_syllable and signed and subs:
            out.append(final)  # a Pali cluster: the base closes the syllable before ("វិជ្ជា" vich + chea)
            base, subs = subs[0], subs[1:]
            initial, final, series = _CONSONANTS.get(base, ("", "", series))
        if TO_A in signs:
            series, initial = 1, ("p" if base == "ប" else initial)
        elif TO_O in signs:
            series = 2
        onset = initial + "".join(_CONSONANTS.get(s, ("", "", 0))[0] for s in subs)
        reading = _VOWELS.get(vowel) or _VOWELS.get(vowel[:1]) or ("a", "o")
        out.append(onset + reading[series - 1])
        open_syllable, signed = vowel in _OPEN, bool(vowel)
    return "".join(out)


# Vowels a final consonant may follow (the others end the syllable: ំ, ះ, ៃ, ៅ...).
_OPEN = ("", "ា", "ិ", "ី", "ឹ", "ឺ", "ុ", "ូ", "ួ", "ើ", "ឿ", "ៀ", "េ", "ែ", "ោ")
