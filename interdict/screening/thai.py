"""Thai names read by the Royal Thai General System of Transcription (RTGS, Royal Institute 1999),
the system Thai names are spelt by in Latin ("ประยุทธ์" → "prayut", "สมชาย" → "somchai").

No maintained transliterator reads Thai as it is spoken: ICU's Thai-Latin is ISO 11940, letter for
letter ("ทักษิณ" → "thạks̄ʹiṇ"), and anyascii leaves out the vowels Thai does not write
("สมชาย" → "smchay"). Thai writes some vowels before their consonant and none in many closed
syllables; a consonant sounds differently as an initial and as a final. This reads syllable by
syllable: leading vowel, initial (with its cluster), vowel signs, final; an unwritten vowel is o
in a closed syllable and a in an open one; a letter under the thanthakhat (์) is silent, as is a
ห or อ leading a sonorant.
"""

from __future__ import annotations

import re

_INITIAL = dict(zip(
    "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ",
    ["k", "kh", "kh", "kh", "kh", "kh", "ng", "ch", "ch", "ch", "s", "ch", "y", "d", "t", "th", "th", "th",
     "n", "d", "t", "th", "th", "th", "n", "b", "p", "ph", "f", "ph", "f", "ph", "m", "y", "r", "l", "w",
     "s", "s", "s", "h", "l", "", "h"], strict=True))
_FINAL = {**{c: "k" for c in "กขฃคฅฆ"}, **{c: "t" for c in "จฉชซฌดตถทธฎฏฐฑฒศษส"},
          **{c: "p" for c in "บปพฟภ"}, **{c: "n" for c in "ญณนรลฬ"}, "ม": "m", "ง": "ng", "ย": "i", "ว": "o"}
_LEADING = "เแโใไ"
_AFTER = {"ะ": "a", "ั": "a", "า": "a", "ำ": "am", "ิ": "i", "ี": "i", "ึ": "ue", "ื": "ue", "ุ": "u", "ู": "u",
          "ๅ": "", "็": ""}
_LEAD_VOWEL = {"เ": "e", "แ": "ae", "โ": "o", "ใ": "ai", "ไ": "ai"}
# (leading vowel, signs after) → vowel, for the vowels written around their consonant
_AROUND = {("เ", "า"): "ao", ("เ", "ีย"): "ia", ("เ", "ือ"): "uea", ("เ", "อ"): "oe", ("เ", "ิ"): "oe",
           ("เ", "ะ"): "e", ("แ", "ะ"): "ae", ("โ", "ะ"): "o", ("เ", "าะ"): "o", ("", "ัว"): "ua",
           ("", "ัวะ"): "ua"}
_TONES = "\u0e48\u0e49\u0e4a\u0e4b"
# รร (ro han) is the vowel a, with the final n when nothing follows: "สุวรรณ" suwan, "กรร" kan.
_RO_HAN_SYLLABLE = re.compile("รร(?=[ก-ฮ][ะ-ู])")  # "บรรหาร" ban-han
_RO_HAN = re.compile("รร(?=[ก-ฮ])")
_RO_HAN_END = re.compile("รร")
_SILENT = "\u0e4c"
_CLUSTER_SECOND = "รลว"
_CLUSTER_FIRST = "กขคปผพตฟบด"
_SONORANT = "งญนมยรลว"


def _consonant(ch: str) -> bool:
    return ch in _INITIAL


def romanize(word: str) -> str:
    """One Thai word in RTGS Latin letters (lower case)."""
    # ฤ, a vowel letter, is ri in names ("กฤษณ์" krit).
    chars = _drop_silent(word).replace("ฤ", "ริ")
    chars = _RO_HAN_END.sub("ัน", _RO_HAN.sub("ั", _RO_HAN_SYLLABLE.sub("ัน", chars)))
    out: list[str] = []
    i, closed = 0, False
    while i < len(chars):
        lead = ""
        if chars[i] in _LEADING:
            lead, i = chars[i], i + 1
        if i >= len(chars) or not _consonant(chars[i]):
            out.append(_LEAD_VOWEL.get(lead, "") + _AFTER.get(chars[i], "") if i < len(chars) else "")
            i += 1
            continue
        onset, i = _onset(chars, i, lead)
        signs = ""
        while i < len(chars) and (chars[i] in _AFTER or chars[i] in _TONES
                                  or (lead and chars[i] == "อ" and not _has_vowel_after(chars, i))):
            signs += chars[i] if chars[i] not in _TONES else ""
            i += 1
        if not lead and not signs and closed and (i == len(chars) or chars[i] in _LEADING):
            continue  # a lone letter after a closed syllable, before a vowel or the end: unsounded
        if signs.startswith("ั") and i + 1 < len(chars) and chars[i] == "ว" and not _has_vowel_after(chars, i):
            signs, i = "ัว", i + 1  # -ัว- "ua"
        elif not lead and not signs and i + 1 < len(chars) and chars[i] == "ว" and _consonant(chars[i + 1]) \
                and not _has_vowel_after(chars, i + 1):
            signs, i = "ัว", i + 1  # ว between two consonants is the vowel ua: "ชวน" chuan
        final = ""
        # A consonant closes the syllable unless it has its own vowel, or (after a vowel that needs
        # no final) it and the word's last letter make a syllable of their own: "คุณานนต์" khu-na-non.
        last_two = i + 2 == len(chars) and _consonant(chars[-1]) and "ั" not in signs
        if i < len(chars) and _consonant(chars[i]) and not _has_vowel_after(chars, i) and not last_two \
                and not signs.endswith(("ะ", "ำ")) and lead not in ("ใ", "ไ"):
            final, i = _FINAL.get(chars[i], ""), i + 1
        written = _LEAD_VOWEL.get(lead, "") + "".join(_AFTER.get(c, "") for c in signs)
        vowel = _AROUND.get((lead, signs)) or written
        if not vowel:
            vowel = "o" if final else "a"
        if vowel == "o" and final == "o":
            vowel, final = "", "o"
        out.append(onset + vowel + final)
        closed = bool(final)
    return "".join(out)


def _drop_silent(word: str) -> str:
    """The word without letters under the thanthakhat (with a vowel sign between, as in "ดิ์")."""
    out = list(word)
    for i, ch in enumerate(word):
        if ch == _SILENT:
            j = i - 1
            while j >= 0 and not _consonant(out[j]):
                j -= 1
            if j >= 0:
                out[j:i + 1] = [""] * (i + 1 - j)
    return "".join(out)


def _onset(chars: str, i: int, lead: str) -> tuple[str, int]:
    first = chars[i]
    nxt = chars[i + 1] if i + 1 < len(chars) else ""
    starts = bool(lead) or _has_vowel_after(chars, i + 1)  # the second letter has the vowel
    if nxt and ((first == "ห" and nxt in _SONORANT) or (first == "อ" and nxt == "ย")) and starts:
        return _INITIAL[nxt], i + 2  # ห, อ leading a sonorant: only its tone
    if nxt and nxt in _CLUSTER_SECOND and first in _CLUSTER_FIRST + "ศสทซ" and starts:
        if first in "ศสทซ" and nxt == "ร":
            return "s", i + 2  # ศร, สร, ทร, ซร read s
        return _INITIAL[first] + _INITIAL[nxt], i + 2
    return _INITIAL[first], i + 1


def _has_vowel_after(chars: str, i: int) -> bool:
    """True when the consonant at `i` carries a vowel sign (so it starts a syllable)."""
    j = i + 1
    while j < len(chars) and chars[j] in _TONES:
        j += 1
    return j < len(chars) and chars[j] in _AFTER
