"""Burmese names read as they are written in Latin: one word per syllable ("မင်းအောင်လှိုင်" →
"min aung hlaing").

Burmese writes a name's syllables without spaces, and Latin spells each as a word, by the
conventional spelling of names (the one the lists use: Min Aung Hlaing, Aung San Suu Kyi, Than
Shwe, Kyaw Myint; the rhymes of the Myanmar Language Commission's transcription, with the onsets
hs, ht, th, ky, ch, hl, sh as names are written). No maintained transliterator does this: ICU's
CLDR Myanmar-Latin (my-my_Latn) glues the syllables and spells rhymes letter by letter
("mainnaaunglhaine"); anyascii drops them ("mn'eanlhiun"). Tones are not written.
"""

from __future__ import annotations

ASAT, STACK, CREAKY, VISARGA = "\u103a", "\u1039", "\u1037", "\u1038"
MEDIAL_Y, MEDIAL_R, MEDIAL_W, MEDIAL_H = "\u103b", "\u103c", "\u103d", "\u103e"

_ONSETS = dict(zip(
    "ကခဂဃငစဆဇဈညဋဌဍဎဏတထဒဓနပဖဗဘမယရလဝသဟဠအဿ",
    ["k", "kh", "g", "g", "ng", "s", "s", "z", "z", "ny", "t", "ht", "d", "d", "n", "t", "ht", "d", "d",
     "n", "p", "ph", "b", "b", "m", "y", "y", "l", "w", "th", "h", "l", "", "th"], strict=True))
# Independent vowels: a syllable of their own, with no onset.
_VOWEL_LETTERS = {"\u1023": "i", "\u1024": "i", "\u1025": "u", "\u1026": "u", "\u1027": "ay", "\u1029": "aw",
                  "\u102a": "aw"}
_WITH_Y = {"k": "ky", "kh": "ch", "g": "gy", "ng": "ny", "p": "py", "ph": "phy", "b": "by", "m": "my",
           "l": "ly"}
_WITH_H = {"l": "hl", "m": "hm", "n": "hn", "ny": "hny", "ng": "hng", "w": "hw", "y": "sh", "ly": "sh"}
# Final consonants (with asat) by the sound class they close the syllable with.
_FINALS = {"က": "k", "ဂ": "k", "င": "ng", "စ": "s", "ည": "ny", "ဉ": "ny", "တ": "t", "ဋ": "t", "ဒ": "t",
           "ထ": "t", "န": "n", "ဏ": "n", "ပ": "p", "ဗ": "p", "မ": "n", "ယ": "y", "လ": "n"}
# (vowel signs, final class) → rhyme. Vowel signs as stored: ေ before ာ, ိ before ု.
_RHYMES = {
    ("", ""): "a", ("ာ", ""): "a", ("ါ", ""): "a", ("ိ", ""): "i", ("ီ", ""): "i", ("ု", ""): "u", ("ူ", ""): "u",
    ("ေ", ""): "ay", ("ဲ", ""): "e", ("ော", ""): "aw", ("ေါ", ""): "aw", ("ို", ""): "o",
    ("", "k"): "et", ("", "ng"): "in", ("", "s"): "it", ("", "ny"): "i", ("", "t"): "at", ("", "n"): "an",
    ("", "p"): "at", ("", "y"): "e", ("ိ", "t"): "eik", ("ိ", "n"): "ein", ("ိ", "p"): "eik",
    ("ု", "t"): "ok", ("ု", "n"): "on", ("ု", "p"): "ok", ("ော", "k"): "auk", ("ော", "ng"): "aung",
    ("ေါ", "k"): "auk", ("ေါ", "ng"): "aung", ("ို", "k"): "aik", ("ို", "ng"): "aing",
}


def _final_at(word: str, i: int) -> bool:
    """True when the consonant at `i` closes a syllable (asat after it, or a stacked consonant)."""
    j = i + 1
    while j < len(word) and word[j] in (CREAKY, VISARGA):
        j += 1
    return j < len(word) and word[j] in (ASAT, STACK)


def _split(word: str) -> list[str]:
    """The written syllables of a word: each starts at a consonant or vowel letter not closing one."""
    out: list[str] = []
    for i, ch in enumerate(word):
        starts = (ch in _ONSETS and not _final_at(word, i)) or ch in _VOWEL_LETTERS
        if starts and (not out or not out[-1].endswith(STACK)):
            out.append(ch)
        elif out:
            out[-1] += ch
        elif ch in _ONSETS:
            out.append(ch)
    # A stacked consonant ("န္ဒ") closes one syllable and starts the next.
    fixed: list[str] = []
    for syl in out:
        if STACK in syl:
            head, _, tail = syl.partition(STACK)
            fixed.extend([head + ASAT, tail] if tail else [head + ASAT])
        else:
            fixed.append(syl)
    return fixed


def _syllable(syl: str, first: bool) -> str:
    head = syl[0]
    if head in _VOWEL_LETTERS:
        # ဦး first is the title U ("U Thant"); later it is the name Oo ("Aung Oo").
        return "oo" if head == "\u1026" and not first else _VOWEL_LETTERS[head]
    onset = _ONSETS[head]
    rest = syl[1:]
    final = ""
    for i, ch in enumerate(rest):
        if ch in _FINALS and _final_at(rest, i):
            final = _FINALS[ch]
            rest = rest[:i] + rest[i + 1:]
            break
    if "\u1036" in rest:  # anusvara: a nasal final
        final = final or "n"
    w = MEDIAL_W in rest
    if MEDIAL_Y in rest or MEDIAL_R in rest:
        onset = _WITH_Y.get(onset, onset + "y")
    if MEDIAL_H in rest:
        onset = _WITH_H.get(onset, "h" + onset)
    vowels = "".join(c for c in rest if "\u102b" <= c <= "\u1032")
    if w and not vowels and final in ("n", "t", "p"):
        rhyme = {"n": "un", "t": "ut", "p": "ut"}[final]
    else:
        rhyme = _RHYMES.get((vowels, final)) or _RHYMES.get((vowels, "")) or "a"
        if w:
            onset += "w"
            rhyme = "e" if rhyme == "ay" else rhyme
    if CREAKY in rest and final in ("n", "ng") and rhyme.endswith("n"):
        rhyme += "t"  # မြင့် "myint", သန့် "thant": names write the creaky nasal with a t
    if not onset and rhyme == "ay":
        rhyme = "aye"
    return onset + rhyme


def syllables(word: str) -> list[str]:
    """The Latin words of a Burmese word, one per syllable."""
    return [_syllable(s, i == 0) for i, s in enumerate(_split(word))]
