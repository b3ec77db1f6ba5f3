"""Tibetan names read by THL Simplified Phonetic Transcription (Germano and Tournadre, 2003), the
spelling Tibetan names take in Latin ("བསྟན་འཛིན་རྒྱ་མཚོ" → "tendzin gyatso").

No maintained transliterator reads Tibetan: ICU has no Tibetan-Latin, anyascii spells letters
("ཏཱ་ལའི་བླ་མ" → "t-l'i-bl-m"), and Wylie transliteration ("bstan 'dzin") writes the silent
letters names leave out. A syllable is read from its root letter: prefixes and superscripts are
silent, subscripts change the root (bya → j, bla → l, gra → dr), the final d, n, l, s turn a, o,
u into e, ö, ü (written e, o, u), d and s are silent, and the others are read as k, ng, n, p,
m, r, l. Tibetan marks syllables, not words:
a personal name's words are two syllables each, so syllables are joined in pairs ("ta le la ma"
→ "tale lama"), a last odd one standing alone.
"""

from __future__ import annotations

TSHEG = "\u0f0b"
_ROOT = dict(zip("ཀཁགངཅཆཇཉཏཐདནཔཕབམཙཚཛཝཞཟའཡརལཤསཧཨཊཋཌཎཥ",
                 ["k", "kh", "g", "ng", "ch", "ch", "j", "ny", "t", "t", "d", "n", "p", "p", "b", "m", "ts",
                  "ts", "dz", "w", "zh", "z", "", "y", "r", "l", "sh", "s", "h", "", "t", "t", "d", "n",
                  "sh"],
                 strict=True))
_WITH_Y = {"ཀ": "ky", "ཁ": "khy", "ག": "gy", "པ": "ch", "ཕ": "ch", "བ": "j", "མ": "ny"}
_WITH_R = {"ཀ": "tr", "ཁ": "tr", "ག": "dr", "ཏ": "tr", "ཐ": "tr", "ད": "dr", "པ": "tr", "ཕ": "tr", "བ": "dr",
           "མ": "m", "ས": "s", "ཧ": "hr"}
_WITH_L = {"ཟ": "d"}  # ཟླ is da; the other l-subscripts read l
_VOWELS = {"\u0f72": "i", "\u0f74": "u", "\u0f7a": "e", "\u0f7c": "o", "\u0f80": "i"}
_SUFFIX = {"ག": "k", "ང": "ng", "ན": "n", "ཎ": "n", "བ": "p", "མ": "m", "ར": "r", "ད": "", "ལ": "l", "ས": "",
           "འ": ""}
_UMLAUT = {"a": "e", "o": "o", "u": "u", "e": "e", "i": "i"}  # ä, ö, ü written plain
_PREFIXES = "གདབམའ"


def _stacks(syllable: str) -> list[tuple[str, str, str]]:
    """(letter, subjoined letters as their normal forms, vowel) of each stack of a syllable."""
    out: list[tuple[str, str, str]] = []
    for ch in syllable:
        code = ord(ch)
        if 0x0F40 <= code <= 0x0F6C:
            out.append((ch, "", ""))
        elif 0x0F90 <= code <= 0x0FBC and out:
            letter, subs, vowel = out[-1]
            out[-1] = (letter, subs + chr(code - 0x50), vowel)
        elif ch in _VOWELS and out:
            letter, subs, vowel = out[-1]
            out[-1] = (letter, subs, _VOWELS[ch])
    return out


def _syllable(syllable: str) -> str:
    stacks = _stacks(syllable)
    if not stacks:
        return ""
    at = next((i for i, s in enumerate(stacks) if s[2]), None)
    if at is None:  # no vowel sign: the root is the first stack, or the second after a prefix
        plain = len(stacks) >= 3 and stacks[0][0] in _PREFIXES and not stacks[0][1] \
            and not (len(stacks) == 3 and stacks[2][0] == "ས" and stacks[1][0] in _SUFFIX)
        at = 1 if plain or (len(stacks) == 2 and stacks[1][1] and stacks[0][0] in _PREFIXES) else 0
    a_chung = stacks[at][0] == "འ" and at > 0 and stacks[at][2] != ""
    if a_chung:  # ལའི: the vowel written on a-chung after the root reads e, ö, ü ("le")
        at -= 1
    prefix = stacks[at - 1][0] if at > 0 else ""
    letter, subs, vowel = stacks[at]
    if letter in "རལས" and subs:  # a superscript: silent, the root is below it
        letter, subs = subs[0], subs[1:]
    onset = _ROOT.get(letter, "")
    if subs[:1] == "ཡ":
        onset = _WITH_Y.get(letter, onset + "y")
    elif subs[:1] == "ར":
        onset = _WITH_R.get(letter, onset + "r")
    elif subs[:1] == "ལ":
        onset = _WITH_L.get(letter, "l")
    elif letter == "ཧ" and stacks[at][0] == "ལ":
        onset = "lh"  # ལྷ
    if prefix == "ད" and letter == "བ" and not subs:
        onset = "w"  # དབ: "dbang" is wang
    vowel = vowel or "a"
    if a_chung:
        vowel, stacks = _UMLAUT[{"i": "a", "u": "u", "o": "o"}.get(stacks[at + 1][2], "a")], stacks[:at + 2]
        return onset + vowel
    finals = [s[0] for s in stacks[at + 1:]]
    if finals[:1] == ["འ"] and len(finals) > 1:
        finals = finals[1:]  # འི, འུ: the vowel after a-chung, as in ལའི
    coda = ""
    if finals:
        final = finals[0]
        coda = _SUFFIX.get(final, "")
        if final in "དནལས":
            vowel = _UMLAUT[vowel]
    return onset + vowel + coda


def romanize(text: str) -> list[str]:
    """The Latin words of a Tibetan name: its syllables read and joined two by two."""
    syllables = [s for s in (_syllable(part) for part in text.split(TSHEG)) if s]
    return ["".join(syllables[i:i + 2]) for i in range(0, len(syllables), 2)]
