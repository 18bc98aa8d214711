"""Display names: the common English form of a place's name.

GeoNames and geoBoundaries name many places in a local form ("Komuna e Leposaviqit",
"Municipality of Zveçan", "Mitrovicë"). For display, administrative prefixes are cut, and
the team's table (``geo/tables/display_names.tsv``) maps local forms to the English ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from geo import config
from geo.folding import fold

_ADMIN_AFFIXES = re.compile(
    r"^(Municipality of|District of|Region of|Province of|County of|Komuna e|Opština|Opstina|"
    r"Grad|City of)\s+|\s+(Municipality|District|Opština|Okrug|Region|Province)$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    rows = config.read_table(config.project_table("display_names.tsv"), 2, "name<TAB>English name")
    return {fold(local): english for _, (local, english) in rows}


# "Komuna e Leposaviqit": Albanian puts the town's name in the genitive after "Komuna e".
_ALBANIAN_GENITIVE = ((r"ës$", "ë"), (r"(?<=[^aeiouë])it$", ""), (r"(?<=[^aeiouë])ut$", ""), (r"es$", "e"))


# Names in Latin or Cyrillic script (with dashes: North Ossetia–Alania): others fold to
# transliterations that only add noise.
_USEFUL_SCRIPT = re.compile(r"^[\sA-Za-z0-9_'’.,()\-\u2013\u2014\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF]+$")
_CODE_LIKE = re.compile(r"^[A-Z]{1,3}$|\d|http")


def useful_alias(name: str) -> bool:
    """Whether another name of a place is worth a key: not a code, a number or a URL, and
    in a script that folds to something English text could hold."""
    return 1 < len(name) <= 80 and not _CODE_LIKE.search(name) and bool(_USEFUL_SCRIPT.match(name))


def strip_admin_affixes(name: str) -> str:
    name = name.strip()
    stripped = _ADMIN_AFFIXES.sub("", name).strip()
    if name.lower().startswith("komuna e ") and stripped:
        for pattern, repl in _ALBANIAN_GENITIVE:
            if re.search(pattern, stripped):
                stripped = re.sub(pattern, repl, stripped)
                break
    return stripped or name


def display_name(name: str) -> str:
    """The name to show: affixes cut, then the team's English form where it has one."""
    base = strip_admin_affixes(name)
    return _table().get(fold(base), base)


@lru_cache(maxsize=1)
def _name_forms() -> tuple[tuple[frozenset[str], frozenset[str], re.Pattern, tuple[str, ...]], ...]:
    path = config.project_table("name_forms.tsv")
    rules = []
    for lineno, (countries, kinds, name, forms) in config.read_table(path, 4, "countries<TAB>kinds<TAB>name<TAB>forms"):
        try:
            pattern = re.compile(name)
        except re.error as exc:
            from geo.errors import DataError

            raise DataError(f"{path}:{lineno}: not a regular expression ({exc})") from None
        rules.append((frozenset(countries.split()), frozenset(kinds.split()), pattern, tuple(forms.split("|"))))
    return tuple(rules)


def regional_forms(names: Iterable[str], country_code: str, feature_class: str, feature_code: str = "") -> list[str]:
    """Other forms of a place's names that the languages of its region make by rule (the team's
    ``name_forms.tsv``): Albanian definite endings and Albanian forms of Serbian names
    (Bujanovac is also Bujanoc and Bujanoci, Prizren Prizreni), lakes by the English kind
    word (Liqeni i Gazivodës is Lake Gazivoda). Made from the names GeoNames gives, never
    written down for a place."""
    names = list(names)
    found = [n for n in names if _USEFUL_SCRIPT.match(n)]
    seen = set(found)
    for countries, kinds, pattern, forms in _name_forms():
        if country_code not in countries or not ({feature_class, feature_code} & kinds):
            continue
        for name in list(found):
            m = pattern.fullmatch(name)
            if m is None:
                continue
            for form in forms:
                made = m.expand(form).strip()
                if made and made not in seen:
                    seen.add(made)
                    found.append(made)
    return [n for n in found if n not in names]


def english_key_names(name: str) -> list[str]:
    """Extra names to index a place under: its display form and its bare form."""
    return list(dict.fromkeys([strip_admin_affixes(name), display_name(name)]))
