"""Fold place names to one lookup key: case, diacritics, scripts and spelling variants.

Priština, Prishtina and Приштина fold to the same key, so do Mitrovicë and Mitrovica
(the Albanian definite ending). The key is for lookup only; names shown to users keep
their spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Serbian/Macedonian/Russian Cyrillic to a Latin close to the Balkan spelling, so that
# Cyrillic names meet their Latin forms (Митровица -> Mitrovica, not "Mitrovitsa").
_CYRILLIC = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "е": "e", "ё": "e",
        "ж": "z", "з": "z", "и": "i", "й": "j", "ј": "j", "к": "k", "л": "l", "љ": "lj",
        "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "ћ": "c", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "џ": "dz", "ш": "s",
        "щ": "sc", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja", "ѓ": "g",
        "ќ": "k", "ѕ": "dz", "і": "i", "ї": "i", "є": "e", "ґ": "g",
    }
)
# Latin digraphs that spell one Slavic/Albanian sound: Prishtina ~ Priština.
_DIGRAPHS = (("sh", "s"), ("ch", "c"), ("zh", "z"), ("dj", "d"), ("dh", "d"), ("xh", "x"))
_NON_WORD = re.compile(r"[^a-z0-9]+")
_ARTICLE = re.compile(r"^(?:the )+")  # "The The Hague" too: one pass leaves none
_ALBANIAN_E = re.compile(r"(?<=\w\w\w)ë\b")


@lru_cache(maxsize=262144)
def fold(name: str) -> str:
    """The lookup key of a name: lower-case ASCII words separated by one space."""
    text = unicodedata.normalize("NFKC", name).lower().translate(_CYRILLIC)
    # Albanian definite endings: Prishtinë/Prishtina, Mitrovicë/Mitrovica.
    text = _ALBANIAN_E.sub("a", text)
    text = anyascii(text).lower()
    text = text.replace("'", "").replace("\u2019", "").replace(".", "")
    text = _NON_WORD.sub(" ", text).strip()
    text = _ARTICLE.sub("", text)
    # One pass can make a new digraph ("chh" -> "ch", "djj" -> "dj"): collapse until none is left, so that a key
    # folds to itself (the gazetteer's keys are folded names, and so are the names looked up in it).
    while True:
        collapsed = text
        for digraph, single in _DIGRAPHS:
            collapsed = collapsed.replace(digraph, single)
        if collapsed == text:
            return text
        text = collapsed


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def spelling_key(key: str) -> str:
    """A folded key with the letters transliterations disagree on made one: "y" as "i", a
    doubled letter as one (Mykolaiv ~ Mykolayiv, Kharkiv ~ Kharkiiv). For comparing a name with
    a place's own name, not for lookup."""
    return _DOUBLED.sub(r"\1", key.replace("y", "i"))


# The Arabic article and its assimilated forms, as names write it before a hyphen or a space ("Al-Daein",
# "Ras el-Ain", "Ar Raqqah", "Deir ez-Zor", "Ash Shaddadi"): "al", "el", or its vowel and the sun letter
# it takes before one. ``_FOLDED_ARTICLES``: the same in folded keys (fold() makes "ash" "as").
SUN_LETTERS = "ldnrstz"
ARABIC_ARTICLES = frozenset({"al", "el", "ash", "ath", "adh"}
                            | {vowel + letter for vowel in "ae" for letter in SUN_LETTERS})
_FOLDED_ARTICLES = frozenset(fold(article) for article in ARABIC_ARTICLES)
# Letters and pairs of letters that transliterations write one sound with, on a folded key (fold()
# has made sh s, ch c, zh z, dj d, dh d): Kharkiv ~ Karkiv, Qamishli ~ Kamishli, Tskhinvali's ts
# ~ Cyrillic ц's c, Dzhankoi ~ Jankoi, Kouroussa ~ Kurussa, "w" as a vowel's glide or a "v".
_TRANSLITERATION_PAIRS = (("kh", "k"), ("gh", "g"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("q", "k"),
                          ("tz", "c"), ("ts", "c"), ("dz", "j"), ("ou", "u"), ("oo", "u"), ("ee", "i"))
_GLIDE_W = re.compile(r"w(?![aeiouy])")  # "Zawr" ~ "Zaur": a vowel's glide
_SILENT_H = re.compile(r"(?<=[aeiouy])h(?![aeiouy])")  # "Hudaydah" ~ "Hudayda", "Ahvaz" ~ "Avaz"


@lru_cache(maxsize=65536)
def transliteration_key(key: str) -> str:
    """A folded key with what transliterations of one name disagree on made one, for finding a
    name the gazetteer spells otherwise: the Arabic article and the spaces between words dropped,
    the pairs of ``_TRANSLITERATION_PAIRS``, a silent "h", and ``spelling_key``'s "y" and doubled
    letters ("Tarhouna" ~ "Tarhuna", "Gharian" ~ "Gharyan", "Mayadeen" ~ "Al Mayadin", "Zuwara" ~
    "Zuwarah", "Beletweyne" ~ "Belet Weyne"). Not for lookup (names are found by ``fold``): the gazetteer keeps
    these keys apart, for names in a firm place context it does not hold."""
    text = without_article(key).replace(" ", "")
    text = _GLIDE_W.sub("u", text)
    for pair, single in _TRANSLITERATION_PAIRS:
        text = text.replace(pair, single)
    text = _SILENT_H.sub("", text.replace("w", "v"))
    return spelling_key(text)


def without_article(key: str) -> str:
    """A folded key without the words that are the Arabic article ("al qamisli": "qamisli"), unless
    it is all there is."""
    words = key.split()
    return " ".join(w for w in words if w not in _FOLDED_ARTICLES) or key


def edit_distance(a: str, b: str) -> int:
    """The letters dropped, added or changed that make ``a`` into ``b`` (Levenshtein's distance)."""
    if len(a) < len(b):
        a, b = b, a
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


def one_edit_keys(key: str) -> set[str]:
    """The keys one letter away from ``key`` (a letter dropped, added, changed, or two side by
    side swapped): where to look for a name the text misspells ("Zubik Potok", "Presovo")."""
    splits = [(key[:i], key[i:]) for i in range(len(key) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    spaced = key.strip() == key and "  " not in key
    if spaced:  # a letter put in or for another leaves a key's spaces as they were: only these need the test
        out = {k for k in out if k.strip() == k and "  " not in k}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    out.discard(key)
    return out if spaced else {k for k in out if k.strip() == k and "  " not in k}
