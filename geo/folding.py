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


def spelling_key(key: str) -> str:
    """A folded key with the letters transliterations disagree on made one: "y" as "i", a
    doubled letter as one (Mykolaiv ~ Mykolayiv, Kharkiv ~ Kharkiiv). For comparing a name with
    a place's own name, not for lookup."""
    return _DOUBLED.sub(r"\1", key.replace("y", "i"))


def one_edit_keys(key: str) -> set[str]:
    """The keys one letter away from ``key`` (a letter dropped, added, changed, or two side by
    side swapped): where to look for a name the text misspells ("Zubik Potok", "Presovo")."""
    splits = [(key[:i], key[i:]) for i in range(len(key) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    out.discard(key)
    return {k for k in out if k.strip() == k and "  " not in k}
