"""Place names to OCHA COD provinces and districts (names and P-codes).

Spellings come from ``data/reference/gazetteer/``: the COD tables (English names and
alternative names), the COD / Natural Earth / UCDP variant files, and the project's
``afg_name_variants_news.csv`` (spellings seen in news; its rows win over the others).
``afg_name_stoplist.csv`` lists bare spellings that are common words; they still match with
"district" / "province" after them.

Two levels of folding:

* ``fold``: case, accents, apostrophes, hyphens and punctuation ("Pul-e-Khumri" ==
  "pul e khumri"). Every spelling the files list matches after this folding.
* ``translit_key``: also the usual transliteration differences (e/i/y, o/u, a word-final
  "h", doubled letters, spaces): "Helmand" == "Hilmand", "Herat" == "Hirat", "Qala" ==
  "Qalah", "Kondoz" == "Kunduz". Used only for keys of 5 letters or more, so that short names
  ("Nili") do not swallow other words ("Nelly").

No fuzzy matching (rapidfuzz): near spellings are often different places (Kushk and
Kushk-e-Kuhna, Khost and Khost Wa Fereng), so a guess would be wrong exactly
where it matters; unknown spellings go to ``afg_name_variants_news.csv`` instead.

A name that is a province wins over a district of the same spelling (except where the news
file says otherwise: a bare "Kabul" is the city). "<capital> City" ("Herat City", "Farah
City", "Kunduz City") is the provincial-centre district. A district name found in two
provinces ("Baharak") is ambiguous unless a province is given.

``find_in_text`` runs one compiled regex built as a trie of all spellings (so it costs about
the same whatever the number of names), longest match first.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from casualties.paths import GAZETTEER


@dataclass(frozen=True)
class Place:
    province: str | None
    province_pcode: str | None
    district: str | None = None
    district_pcode: str | None = None
    ambiguous: bool = False
    candidates: tuple[Place, ...] = ()


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place


_JUNK_VARIANT = re.compile(r"[?:\d]|^(?:eastern|southern|western|northern) province$", re.I)
_SEPARATORS = "-\u2010\u2011\u2012\u2013'\u2019`.,"


def fold(text: str) -> str:
    """Lower case, no accents, apostrophes dropped, other punctuation to single spaces."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['\u2019`]", "", text)
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _word_key(word: str) -> str:
    word = word.translate(str.maketrans("eyo", "iiu"))
    word = re.sub(r"(.)\1+", r"\1", word)
    if len(word) > 2 and word.endswith("h") and word[-2] in "aiu":
        word = word[:-1]
    return word


def translit_key(text: str) -> str:
    """``fold`` plus transliteration folding, spaces removed ("Hilmand" -> "hilmand")."""
    return "".join(_word_key(w) for w in fold(text).split())


def _unit_pattern(char: str, final: bool) -> str:
    body = {"i": "[eiy]+", "u": "[ou]+"}.get(char, re.escape(char) + "+")
    return body + ("h?" if final and char in "aiu" else "")


_SEP_PATTERN = rf"[\s{re.escape(_SEPARATORS)}]+"


def _units(spelling: str) -> tuple:
    units: list = []
    for index, word in enumerate(fold(spelling).split()):
        if index:
            units.append(None)  # a separator
        key = _word_key(word)
        units += [(c, i == len(key) - 1) for i, c in enumerate(key)]
    return tuple(units)


def _trie_regex(spellings) -> str:
    trie: dict = {}
    for spelling in spellings:
        node = trie
        for unit in _units(spelling):
            node = node.setdefault(unit, {})
        node[""] = {}

    def emit(node: dict) -> str:
        terminal = "" in node
        branches = [
            (_SEP_PATTERN if unit is None else _unit_pattern(*unit)) + emit(child)
            for unit, child in sorted(node.items(), key=lambda kv: str(kv[0]))
            if unit != ""
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if terminal else body

    return emit(trie)


def _read(name: str) -> list[dict]:
    with open(GAZETTEER / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _clean_variant(variant: str) -> str:
    variant = re.sub(r"\(.*?\)", "", variant)
    variant = re.sub(r"^(?:wilayat|velayat)-e\s+|,\s*wilayat-e$", "", variant.strip(), flags=re.I)
    return re.sub(r"\s+(?:district|province)$", "", variant.strip(), flags=re.I).strip()


class Gazetteer:
    """All spellings of the 34 provinces and 399 districts, loaded once (see ``gazetteer()``)."""

    def __init__(self) -> None:
        province_rows = _read("afg_adm1_cod.csv")
        provinces = {r["ADM1_PCODE"]: r["ADM1_EN"] for r in province_rows}
        districts = {
            r["ADM2_PCODE"]: (r["ADM2_EN"], r["ADM1_PCODE"]) for r in _read("afg_adm2_cod.csv")
        }
        self._provinces, self._districts = provinces, districts
        self._regions = {r["ADM1_PCODE"]: r["REG_EN"] for r in province_rows}
        stop = {fold(r["spelling"]) for r in _read("afg_name_stoplist.csv")}
        # spelling -> set of pcodes, by priority tier (lower tier wins)
        tiers: list[dict[str, set[str]]] = [{}, {}, {}]

        def add(tier: int, spelling: str, pcode: str, suffix: str | None) -> None:
            if _JUNK_VARIANT.search(spelling.strip()):
                return
            raw, spelling = spelling, _clean_variant(spelling)
            if not spelling:
                return
            forms = [f"{spelling} {suffix}"] if suffix else []
            if fold(spelling) not in stop:
                forms.append(spelling)
            if fold(raw) != fold(spelling):  # "Wilayat-e Kabul", "Baharak district (Takhar)"
                forms.append(raw)
            for form in forms:
                tiers[tier].setdefault(fold(form), set()).add(pcode)

        for row in _read("afg_name_variants_news.csv"):
            add(0, row["variant"], row["adm2_pcode"] or row["adm1_pcode"], None)
        for pcode, name in provinces.items():
            add(1, name, pcode, "province")
        district_spellings = {
            translit_key(_clean_variant(r["variant"])) for r in _read("afg_adm2_name_variants.csv")
        }
        adm1_rows = _read("afg_adm1_name_variants.csv")
        official_keys = {translit_key(name): pcode for pcode, name in provinces.items()}
        for row in adm1_rows:
            if not row["source"].startswith("naturalearth"):
                official_keys.setdefault(
                    translit_key(_clean_variant(row["variant"])), row["adm1_pcode"]
                )
        for row in adm1_rows:
            # Natural Earth lists some cities as province names (Mazar-i-Sharif, Charikar) and
            # some names on the wrong polygon (Daykundi on Uruzgan): its spellings give way to
            # districts and to the COD / UCDP spellings of another province.
            key = translit_key(_clean_variant(row["variant"]))
            official = official_keys.get(key) == row["adm1_pcode"]
            if row["source"].startswith("naturalearth") and not official:
                if key in district_spellings or key in official_keys:
                    continue
            add(1, row["variant"], row["adm1_pcode"], "province")
        for row in _read("afg_adm2_name_variants.csv"):
            add(2, row["variant"], row["adm2_pcode"], "district")
        for row in _read("afg_adm2_cod.csv"):
            for alt in (row["ADM2_EN"], row["ADM2ALT1EN"], row["ADM2ALT2EN"]):
                if alt and alt != "Centre":
                    add(2, alt, row["ADM2_PCODE"], "district")
        capitals = self._capitals(_read("afg_adm2_cod.csv"))
        self._capital_of = capitals
        self._capital_districts = frozenset(capitals.values())
        for pcode, district_pcode in capitals.items():
            names = [provinces[pcode], districts[district_pcode][0]]
            names += [s for s, codes in tiers[1].items() if codes == {pcode}]
            for name in names:
                tiers[0].setdefault(fold(f"{_clean_variant(name)} city"), set()).add(district_pcode)

        self._by_fold: dict[str, frozenset[str]] = {}
        for tier in tiers:
            for spelling, codes in tier.items():
                self._by_fold.setdefault(spelling, frozenset(codes))
        self._by_key: dict[str, frozenset[str]] = {}
        for spelling, codes in self._by_fold.items():
            key = translit_key(spelling)
            if len(key) >= 5:
                self._by_key[key] = self._by_key.get(key, frozenset()) | codes
        # Matched against lower-cased text (compiling without IGNORECASE takes half the time).
        self._regex = r"(?<!\w)(?:" + _trie_regex(self._by_fold) + r")(?!\w)"
        self._pattern = re.compile(self._regex)
        self._cache: dict[str, Place | None] = {}

    @staticmethod
    def _capitals(rows: list[dict]) -> dict[str, str]:
        """Province P-code -> its provincial-centre district (COD alt name "Centre", else the
        district named like the province, as Kabul)."""
        capitals = {
            r["ADM1_PCODE"]: r["ADM2_PCODE"]
            for r in rows
            if "Centre" in (r["ADM2ALT1EN"], r["ADM2ALT2EN"])
        }
        for r in rows:
            if r["ADM1_PCODE"] not in capitals and r["ADM2_EN"] == r["ADM1_EN"]:
                capitals[r["ADM1_PCODE"]] = r["ADM2_PCODE"]
        return capitals

    def _place(self, pcode: str) -> Place:
        if len(pcode) == 4:
            return Place(self._provinces[pcode], pcode)
        district, province_pcode = self._districts[pcode]
        return Place(self._provinces[province_pcode], province_pcode, district, pcode)

    def _resolve(self, codes: frozenset[str], province_pcode: str | None) -> Place:
        places = sorted((self._place(c) for c in codes), key=lambda p: p.district_pcode or "")
        if province_pcode:
            inside = [p for p in places if p.province_pcode == province_pcode]
            places = inside or places
        if len(places) == 1:
            return places[0]
        provinces = {p.province_pcode for p in places}
        districts = {p.district for p in places}
        if len(provinces) == 1:  # two districts of one province: the province is known
            first = places[0]
            return Place(first.province, first.province_pcode, candidates=tuple(places))
        district = districts.pop() if len(districts) == 1 else None
        return Place(None, None, district, None, ambiguous=True, candidates=tuple(places))

    def _codes(self, name: str) -> frozenset[str] | None:
        folded = fold(name)
        codes = self._by_fold.get(folded)
        if codes is None:
            key = translit_key(folded)
            codes = self._by_key.get(key) if len(key) >= 5 else None
        return codes

    @property
    def provinces(self) -> dict[str, str]:
        """Province P-code -> COD name (34)."""
        return dict(self._provinces)

    @property
    def districts(self) -> dict[str, tuple[str, str]]:
        """District P-code -> (COD name, province P-code) (399)."""
        return dict(self._districts)

    def region(self, province_pcode: str) -> str:
        """The COD region of a province ("North Eastern" for AF09 Baghlan), "" if unknown."""
        return self._regions.get(province_pcode, "")

    def capital_of(self, province_pcode: str) -> Place | None:
        """The provincial-centre district of a province (AF11 -> Ghazni district), or None."""
        district = self._capital_of.get(province_pcode)
        return self._place(district) if district else None

    @property
    def capital_districts(self) -> frozenset[str]:
        """P-codes of the provincial-centre districts (Kabul, Kandahar, Jalalabad, ...)."""
        return frozenset(self._capital_districts)

    def by_pcode(self, pcode: str) -> Place | None:
        """The province (AF01) or district (AF0101) with this P-code, or None."""
        pcode = str(pcode).strip().upper()
        if pcode in self._provinces or pcode in self._districts:
            return self._place(pcode)
        return None

    def province_pcode(self, province: str | None) -> str | None:
        """A province name (any spelling) or P-code to its P-code; None when unknown."""
        if not province:
            return None
        if province.upper() in self._provinces:
            return province.upper()
        codes = self._codes(f"{province} province")
        provinces = {c for c in codes or () if len(c) == 4}
        return provinces.pop() if len(provinces) == 1 else None

    def lookup(self, name: str, province: str | None = None) -> Place | None:
        """A place name to its Place, or None. ``province`` (name or P-code) resolves a district
        name found in two provinces; without it such a name comes back ``ambiguous``."""
        cache_key = f"{name}\x00{province or ''}"
        if cache_key in self._cache:
            return self._cache[cache_key]
        codes = self._codes(name)
        place = None if codes is None else self._resolve(codes, self.province_pcode(province))
        if len(self._cache) < 100_000:
            self._cache[cache_key] = place
        return place

    def find_in_text(self, text: str) -> list[PlaceMention]:
        """Every province / district spelling in ``text``, longest match first. A bare name in
        lower case is taken only when it is a province ("southern helmand" in a title); an
        ambiguous district is resolved by a province named elsewhere in the same text."""
        mentions = []
        lowered = text.lower()
        if len(lowered) == len(text):
            matches = self._pattern.finditer(lowered)
        else:  # a few characters change length in lower case ("İ"): keep offsets exact
            matches = re.compile(self._regex, re.IGNORECASE).finditer(text)
        for match in matches:
            surface = text[match.start() : match.end()]
            codes = self._codes(surface)
            if codes is None:
                continue
            lower_ok = any(len(c) == 4 for c in codes) or re.search(
                r"\s(?:district|province|city)$", surface, re.I
            )
            if not surface[0].isupper() and not lower_ok:
                continue
            mentions.append(
                PlaceMention(match.start(), match.end(), surface, self._resolve(codes, None))
            )
        named = {m.place.province_pcode for m in mentions if m.place.province_pcode}
        resolved = []
        for mention in mentions:
            place = mention.place
            if place.ambiguous:
                inside = [c for c in place.candidates if c.province_pcode in named]
                if len(inside) == 1:
                    place = inside[0]
            resolved.append(PlaceMention(mention.start, mention.end, mention.text, place))
        return resolved


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    return Gazetteer()
