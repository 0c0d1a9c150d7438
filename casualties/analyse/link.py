"""Link claims into incidents (blocked, vectorised) and set each claim's scope.

Rules in docs/analysis.md ("Scope", "Linking claims into incidents"). Candidate pairs come
only from blocks (province; event word x victim x outcome; sentence), each sorted by the
start of the claims' event interval and scanned with a sliding window: never all pairs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import yaml
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from casualties.analyse.lexicon import (
    event_words,
    figure_clause,
    figure_offset,
    has_period_cue,
    period_cues_near_figure,
    word_bits,
)
from casualties.analyse.table import NO_DAY, day_numbers, iso_dates, require_columns
from casualties.corrections.links import LinkPlan, link_status, relabel
from casualties.corrections.status import add_marks
from casualties.errors import CasualtiesError
from casualties.gazetteer import gazetteer
from casualties.paths import REFERENCE

LINKING_PATH = REFERENCE / "analyse" / "linking.yaml"
#: date sources of the claims that tell of their article's own event (docs/claims.md)
FRAMED_SOURCES = ("lead", "article", "publication")
#: place sources of a place a claim's sentence does not name (docs/claims.md)
INHERITED_PLACES = ("paragraph", "earlier_paragraph", "dateline", "lead", "article")


@dataclass(frozen=True)
class LinkRules:
    """The parameters of linking (data/reference/analyse/linking.yaml)."""

    aggregate_min_span_days: int  # a longer period is an aggregate, not one incident
    report_lag_days: int  # an undated claim's event: at most this long before publication
    date_tolerance_days: int  # event intervals at most this far apart can be one incident
    precise_max_days: int  # a precise event date names at most this many days
    running_max_days: int  # a district's running toll of at most this many days: one event
    same_toll_min: int  # an exact toll this large, told the same day in one province: one event


@cache
def link_rules() -> LinkRules:
    try:
        with open(LINKING_PATH, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle)
        return LinkRules(**{f: int(raw[f]) for f in LinkRules.__dataclass_fields__})
    except (OSError, KeyError, TypeError, ValueError, yaml.YAMLError) as error:
        raise CasualtiesError(f"{LINKING_PATH}: cannot read the linking rules: {error}") from error


LINK_INPUT_COLUMNS = (
    "doc_id",
    "claim_id",
    "published",
    "quote",
    "char_start",
    "claimant",
    "victim",
    "outcome",
    "province",
    "province_pcode",
    "district",
    "district_pcode",
    "date_text",
    "date_start",
    "date_end",
    "figure_text",
    "low",
    "high",
)

#: columns linking adds, at the end
LINK_OUTPUT_COLUMNS = ("incident_id", "scope", "event_words")


def _codes(*columns: pd.Series) -> np.ndarray:
    """Integer codes of (combined) text columns; -1 where the first column is empty."""
    frame = pd.concat([c.fillna("").astype(str).reset_index(drop=True) for c in columns], axis=1)
    codes = frame.groupby(list(frame.columns), sort=True).ngroup().to_numpy(dtype=np.int64).copy()
    codes[(frame.iloc[:, 0] == "").to_numpy()] = -1
    return codes


def claim_scope(clean: pd.DataFrame) -> pd.Series:
    """``aggregate`` for period totals, else ``incident`` (docs/analysis.md, "Scope").

    A period total: a period longer than a week, a period phrase as the claim's
    ``date_text``, or one in the clause of the quote that holds its figure ("2,400 killed
    since the U.S. ousted the Taliban"); without a ``date_text``, also a period phrase
    opening the quote, or a figure that follows a period total's in the same sentence.
    """
    rules = link_rules()
    start, end = day_numbers(clean["date_start"]), day_numbers(clean["date_end"])
    dated = (start != NO_DAY) & (end != NO_DAY)
    span = np.where(dated, end - start, 0)
    clause, opening = period_cues_near_figure(clean["quote"], clean["figure_text"])
    running, running_opening = period_cues_near_figure(
        clean["quote"], clean["figure_text"], running=True
    )
    # "so far six people have been killed" of a dated event is its running toll
    short = dated & (span < rules.precise_max_days)
    # "82 Taliban killed since Sunday" in one district: the running toll of a days-long event
    district = clean["district"].fillna("").astype(str).to_numpy() != ""
    short |= dated & district & (span <= rules.running_max_days)
    clause = clause | (running & ~short)
    opening = opening | running_opening
    period_text = has_period_cue(clean["date_text"])
    running_text = has_period_cue(clean["date_text"], running=True) & ~period_text
    aggregate = (
        (span > rules.aggregate_min_span_days) | period_text | (running_text & ~short) | clause
    )
    undated = (clean["date_text"].fillna("").astype(str) == "").to_numpy()
    aggregate |= undated & opening
    if undated.any():
        aggregate |= undated & _follows_an_aggregate(clean, aggregate)
    return pd.Series(np.where(aggregate, "aggregate", "incident"), index=clean.index, dtype=str)


def _follows_an_aggregate(clean: pd.DataFrame, aggregate: np.ndarray) -> np.ndarray:
    """Claims whose figure comes after a period total's in the same sentence: "3,804 killed
    (in 2018), including 927 children, and another 7,189 wounded" is one period's figures."""
    quotes = clean["quote"].fillna("").astype(str).tolist()
    figures = clean["figure_text"].fillna("").astype(str).tolist()
    frame = pd.DataFrame(
        {
            "sentence": _codes(clean["doc_id"], clean["char_start"].astype(str)),
            "offset": [figure_offset(q, f) for q, f in zip(quotes, figures, strict=True)],
            "aggregate": aggregate,
        }
    ).sort_values(["sentence", "offset"], kind="stable")
    seen = frame.groupby("sentence")["aggregate"].cummax().astype(bool)
    return seen.reindex(range(len(clean))).to_numpy() & (frame["offset"].sort_index() >= 0)


def _window_pairs(
    key: np.ndarray, start: np.ndarray, end: np.ndarray, tolerance: int
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i, j) with equal key and start[j] within end[i] + tolerance (sliding window).

    Rows sorted by (key, start): once row i + k is past i's window, so is every later row,
    so each step keeps only the rows still inside their window. Work ~ number of pairs.
    """
    order = np.lexsort((start, key))
    k_sorted, s_sorted, e_sorted = key[order], start[order], end[order]
    n = len(order)
    active = np.arange(n - 1)
    left, right = [], []
    step = 1
    while active.size:
        j = active + step
        inside = j < n
        active, j = active[inside], j[inside]
        ok = (k_sorted[active] == k_sorted[j]) & (s_sorted[j] <= e_sorted[active] + tolerance)
        active, j = active[ok], j[ok]
        left.append(order[active])
        right.append(order[j])
        step += 1
    if not left:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(left), np.concatenate(right)


class _Claims:
    """The arrays the pair rules need, one entry per incident-scope claim."""

    def __init__(self, df: pd.DataFrame, words: pd.Series):
        rules = self.rules = link_rules()
        self.start = day_numbers(df["date_start"])
        end = day_numbers(df["date_end"])
        published = day_numbers(df["published"])
        self.dated = self.start != NO_DAY
        self.end = np.where(self.dated & (end != NO_DAY), np.maximum(end, self.start), self.start)
        undated = ~self.dated & (published != NO_DAY)
        self.start = np.where(undated, published - rules.report_lag_days, self.start)
        self.end = np.where(undated, published, self.end)
        self.known = self.dated | undated
        #: an explicit event date of a few days ("Thursday", not "in the past week")
        self.precise = self.dated & (self.end - self.start < rules.precise_max_days)
        self.low = df["low"].to_numpy(dtype=np.float64)
        self.high = df["high"].to_numpy(dtype=np.float64)
        province = df["province_pcode"].fillna("").astype(str)
        province = province.where(province != "", df["province"].fillna("").astype(str))
        district = df["district_pcode"].fillna("").astype(str)
        district = district.where(district != "", df["district"].fillna("").astype(str))
        self.province = _codes(province)
        self.district = _codes(district)
        # a provincial centre (Kabul, Kandahar, Jalalabad) that a claim inherits from an
        # earlier sentence is often where officials speak, the wounded are brought or the
        # dateline was filed: as such a district it tells nothing apart
        capital = df["district_pcode"].fillna("").astype(str).isin(gazetteer().capital_districts)
        source = df["place_source"] if "place_source" in df else pd.Series("", index=df.index)
        capital &= source.astype(str).isin(INHERITED_PLACES)
        #: the district as a bar to linking: such an inherited centre bars nothing
        self.district_bar = self.district.copy()
        self.district_bar[capital.to_numpy()] = -1
        #: a district's running toll over several days ("82 killed since Sunday"): the days
        #: it covers can be one event's
        running = has_period_cue(df["date_text"], running=True).copy()
        running |= period_cues_near_figure(df["quote"], df["figure_text"], running=True)[0]
        self.spread = (
            running
            & self.dated
            & ~self.precise
            & (self.district_bar >= 0)
            & (self.end - self.start <= rules.running_max_days)
        )
        self.doc = _codes(df["doc_id"])
        #: told as another event than its article's lead (docs/claims.md, date_source)
        source = df["date_source"] if "date_source" in df else pd.Series("", index=df.index)
        self.background = (source.astype(str) == "background").to_numpy()
        #: dated by its article's lead, or by nothing: the article's own event
        self.framed = source.astype(str).isin(FRAMED_SOURCES).to_numpy()
        self.sentence = _codes(df["doc_id"], df["char_start"])
        self.sentence[pd.to_numeric(df["char_start"], errors="coerce").isna().to_numpy()] = -1
        self.victim_outcome = _codes(df["victim"], df["outcome"])
        self.outcome = _codes(df["outcome"])
        self.unspecified = (df["victim"].astype(str) == "unspecified").to_numpy()
        self.kinds, self.sites = word_bits(words)

    def linked(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Which candidate pairs are compatible and have evidence (docs/analysis.md)."""
        gap = np.maximum(self.start[j] - self.end[i], self.start[i] - self.end[j])
        pi, pj, di, dj = self.province[i], self.province[j], self.district[i], self.district[j]
        bi, bj = self.district_bar[i], self.district_bar[j]
        ki, kj, si, sj = self.kinds[i], self.kinds[j], self.sites[i], self.sites[j]
        compatible = (
            self.known[i]
            & self.known[j]
            & (gap <= self.rules.date_tolerance_days)
            & ((pi < 0) | (pj < 0) | (pi == pj))
            & ((bi < 0) | (bj < 0) | (bi == bj))
            & ((si == 0) | (sj == 0) | ((si & sj) != 0))
            & ~((self.doc[i] == self.doc[j]) & (self.background[i] != self.background[j]))
        )
        same_province = (pi >= 0) & (pi == pj)
        same_district = (di >= 0) & (di == dj)
        same_vo = self.victim_outcome[i] == self.victim_outcome[j]
        precise = self.precise[i] & self.precise[j]
        figures_agree = self.figures_agree(i, j)
        shared_word = ((ki & kj) | (si & sj)) != 0
        kinds_conflict = (ki != 0) & (kj != 0) & ((ki & kj) == 0)
        background = self.background[i] | self.background[j]
        evidence = (
            (
                shared_word
                & same_province
                & (same_vo | ((si & sj) != 0) | same_district)
                & (precise | figures_agree | ~background)
            )
            | (shared_word & same_vo & figures_agree)
            | ((self.doc[i] == self.doc[j]) & same_province & precise)
            | ((self.doc[i] == self.doc[j]) & self.framed[i] & self.framed[j])
            | (same_province & same_vo & ~kinds_conflict & figures_agree)
            | (same_district & same_vo & ~kinds_conflict & precise)
            | (same_district & ~kinds_conflict & self.covers(i, j))
            | (same_province & ~kinds_conflict & self.same_toll(i, j))
        )
        return compatible & evidence

    def same_toll(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """The same exact toll of one outcome, told the same day, as "people" in one report and
        as a group in another ("16 people were killed and 119 wounded" and "At least 16
        civilians were killed and 119 were wounded")."""
        return (
            self.precise[i]
            & self.precise[j]
            & (self.start[i] == self.start[j])
            & (self.outcome[i] == self.outcome[j])
            & (self.unspecified[i] | self.unspecified[j])
            & (self.low[i] == self.low[j])
            & (self.low[i] >= self.rules.same_toll_min)
        )

    def covers(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """One claim is a running toll whose days hold the other's ("82 killed since Sunday"
        and "22 killed on Tuesday" in one district)."""
        inside_i = (self.start[i] <= self.start[j]) & (self.end[j] <= self.end[i])
        inside_j = (self.start[j] <= self.start[i]) & (self.end[i] <= self.end[j])
        return (self.spread[i] & self.dated[j] & inside_i) | (
            self.spread[j] & self.dated[i] & inside_j
        )

    def strength(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """How much a linked pair has in common: pairs are merged strongest first, so that
        a report with little to tell it apart joins the incident it shares most with."""
        ki, kj, si, sj = self.kinds[i], self.kinds[j], self.sites[i], self.sites[j]
        same_doc = self.doc[i] == self.doc[j]
        return (
            np.bitwise_count((ki & kj).astype(np.uint64)).astype(np.int64)
            + 2 * np.bitwise_count((si & sj).astype(np.uint64)).astype(np.int64)
            + 2 * ((self.district[i] >= 0) & (self.district[i] == self.district[j]))
            + (same_doc & self.framed[i] & self.framed[j])
            + same_doc
            + (self.precise[i] & self.precise[j] & (self.start[i] == self.start[j]))
            + ((self.victim_outcome[i] == self.victim_outcome[j]) & self.figures_agree(i, j))
        )

    def figures_agree(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """The two claims' ranges overlap."""
        return (self.low[i] <= self.high[j]) & (self.low[j] <= self.high[i])


#: candidate pairs checked at once (bounds the temporary arrays of the pair rules)
PAIR_CHUNK = 500_000


def _keep_linked(c: _Claims, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keep = np.concatenate(
        [
            c.linked(i[k : k + PAIR_CHUNK], j[k : k + PAIR_CHUNK])
            for k in range(0, len(i), PAIR_CHUNK)
        ]
        or [np.empty(0, dtype=bool)]
    )
    return i[keep], j[keep]


def _candidate_pairs(c: _Claims) -> tuple[np.ndarray, np.ndarray]:
    """Linked pairs found in the province blocks and the (event word, victim, outcome)
    blocks; each block's candidates are checked at once, only linked pairs are kept."""
    placed = np.flatnonzero((c.province >= 0) & c.known)
    tolerance = c.rules.date_tolerance_days
    i, j = _window_pairs(c.province[placed], c.start[placed], c.end[placed], tolerance)
    i, j = _keep_linked(c, placed[i], placed[j])
    lefts, rights = [i], [j]
    bits = c.kinds | c.sites
    for bit in range(63):
        rows = np.flatnonzero(((bits >> bit) & 1).astype(bool) & c.known)
        if rows.size < 2:
            continue
        i, j = _window_pairs(c.victim_outcome[rows], c.start[rows], c.end[rows], tolerance)
        i, j = _keep_linked(c, rows[i], rows[j])
        lefts.append(i)
        rights.append(j)
    return np.concatenate(lefts), np.concatenate(rights)


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    graph = coo_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def _sentence_pairs(c: _Claims) -> tuple[np.ndarray, np.ndarray]:
    """Consecutive claims of one sentence (enough to connect the whole sentence), the
    sentence's own event apart from another it tells of ("Friday's bombing came three days
    after a car bomb killed 12": the 12 is background) or placed elsewhere ("the strike in
    Deh Yak killed 13 and the raid in Andar killed eight")."""
    order = np.lexsort((c.district, c.background, c.sentence))
    a, b = order[:-1], order[1:]
    same = (c.sentence[b] == c.sentence[a]) & (c.sentence[b] >= 0)
    same &= c.background[b] == c.background[a]
    same &= (c.district[a] < 0) | (c.district[b] < 0) | (c.district[a] == c.district[b])
    return a[same], b[same]


def _or_by_label(labels: np.ndarray, bits: np.ndarray, n: int) -> list[int]:
    """The bitwise OR of ``bits`` per label 0..n-1 (vectorised: a Python reduce per group
    costs seconds on 100,000 claims)."""
    out = np.zeros(n, dtype=np.int64)
    if len(labels):
        order = np.argsort(labels, kind="stable")
        sorted_labels = labels[order]
        starts = np.flatnonzero(np.r_[True, sorted_labels[1:] != sorted_labels[:-1]])
        out[sorted_labels[starts]] = np.bitwise_or.reduceat(bits[order].astype(np.int64), starts)
    return out.tolist()


def resolve_links(c: _Claims, claim_ids: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Incident labels from candidate pairs (i, j).

    Claims of one sentence are merged first. Then the linked pairs are merged greedily,
    closest dates first, unless the merged incident would name two provinces or two
    districts, its precise event dates would span more than the date tolerance, or its
    members' event intervals (precise or the week before publication) would no longer
    share a day within that tolerance: this stops chains (A~B~C) from growing into one long
    incident, and a claim without a place or date from bridging two places or two days.
    Ties are broken by claim_id: row order is free.
    """
    tolerance = c.rules.date_tolerance_days
    keep = c.linked(i, j)
    i, j = i[keep], j[keep]
    si, sj = _sentence_pairs(c)
    labels = _components(len(claim_ids), si, sj)
    rank, _ = pd.factorize(pd.Series(claim_ids), sort=True)
    gap = np.maximum(np.maximum(c.start[j] - c.end[i], c.start[i] - c.end[j]), 0)
    order = np.lexsort(
        (np.maximum(rank[i], rank[j]), np.minimum(rank[i], rank[j]), gap, -c.strength(i, j))
    )
    n_components = labels.max() + 1 if len(labels) else 0
    big, small = np.iinfo(np.int64).max, np.iinfo(np.int64).min
    members = pd.DataFrame(
        {"label": labels, "province": c.province, "district": c.district_bar, "sites": c.sites}
    )
    members["lo"] = np.where(c.precise, c.start, big)
    members["hi"] = np.where(c.precise, c.end, small)
    members["cover_lo"] = np.where(c.spread, c.start, big)
    members["cover_hi"] = np.where(c.spread, c.end, small)
    members["latest_start"] = np.where(c.known, c.start, small)
    members["earliest_end"] = np.where(c.known, c.end, big)
    state = members.groupby("label").agg(
        province=("province", "max"), district=("district", "max"), lo=("lo", "min"),
        hi=("hi", "max"), latest_start=("latest_start", "max"),
        earliest_end=("earliest_end", "min"), cover_lo=("cover_lo", "min"),
        cover_hi=("cover_hi", "max"),
    ).reindex(range(n_components))  # fmt: skip
    sites = _or_by_label(members["label"].to_numpy(), members["sites"].to_numpy(), n_components)
    province, district = state["province"].tolist(), state["district"].tolist()
    lo, hi = state["lo"].tolist(), state["hi"].tolist()
    latest, earliest = state["latest_start"].tolist(), state["earliest_end"].tolist()
    cover_lo, cover_hi = state["cover_lo"].tolist(), state["cover_hi"].tolist()
    parent = list(range(n_components))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in zip(labels[i[order]].tolist(), labels[j[order]].tolist(), strict=True):
        a, b = find(a), find(b)
        if a == b:
            continue
        pa, pb, da, db = province[a], province[b], district[a], district[b]
        if (pa >= 0 and pb >= 0 and pa != pb) or (da >= 0 and db >= 0 and da != db):
            continue
        low, high = min(lo[a], lo[b]), max(hi[a], hi[b])
        # a running toll of the incident's district covers days beyond the tolerance (and
        # the sites of a days-long offensive: its checkpoints, its bazaar)
        c_lo, c_hi = min(cover_lo[a], cover_lo[b]), max(cover_hi[a], cover_hi[b])
        covered = c_lo - tolerance <= low and high <= c_hi + tolerance
        if sites[a] and sites[b] and not sites[a] & sites[b] and not covered:
            continue  # a bombing at a wrestling club and one at a checkpoint
        if high - low > tolerance and not covered:
            continue
        start, end = max(latest[a], latest[b]), min(earliest[a], earliest[b])
        if start - end > tolerance and not covered:
            continue
        parent[b] = a
        province[a], district[a], lo[a], hi[a] = max(pa, pb), max(da, db), low, high
        latest[a], earliest[a] = start, end
        cover_lo[a], cover_hi[a] = c_lo, c_hi
        sites[a] |= sites[b]
    roots = np.array([find(k) for k in range(n_components)], dtype=np.int64)
    return roots[labels] if n_components else labels


def _incident_labels(df: pd.DataFrame, words: pd.Series) -> np.ndarray:
    c = _Claims(df, words)
    i, j = _candidate_pairs(c)
    return resolve_links(c, df["claim_id"].astype(str).to_numpy(), i, j)


def _aggregate_labels(df: pd.DataFrame) -> np.ndarray:
    """Aggregates group only with the same victim, outcome, province and known period;
    an aggregate whose period is unknown is a group of its own."""
    key = df[["victim", "outcome", "province", "date_start", "date_end"]].fillna("").astype(str)
    unknown = key["date_start"] == ""
    key.loc[unknown, "date_start"] = "?" + df.loc[unknown, "claim_id"].astype(str)
    return key.groupby(list(key.columns), sort=True).ngroup().to_numpy()


def event_period(claims: pd.DataFrame, key: str) -> pd.DataFrame:
    """``date_start``/``date_end`` per ``key`` value: from the members with a precise event
    date (at most two days) if any, else from all dated members, else the earliest
    publication date; "" when nothing is known. (Integer days: fast groupby.)"""
    start = day_numbers(claims["date_start"])
    end = day_numbers(claims["date_end"])
    end = np.where(end == NO_DAY, start, np.maximum(end, start))
    dated = start != NO_DAY
    frame = pd.DataFrame(
        {
            "key": claims[key].to_numpy(),
            "start": start,
            "end": end,
            "rank": np.where(~dated, 2, np.where(end - start <= 1, 0, 1)),
            "published": day_numbers(claims["published"]),
        }
    )
    best_rank = frame.groupby("key")["rank"].transform("min")
    chosen = frame[(frame["rank"] == best_rank) & (frame["rank"] < 2)]
    period = chosen.groupby("key").agg(date_start=("start", "min"), date_end=("end", "max"))
    published = frame[frame["published"] != NO_DAY].groupby("key")["published"].min()
    keys = pd.Index(pd.unique(frame["key"]), name="key").sort_values()
    period = period.reindex(keys)
    undated = period["date_start"].isna()
    period.loc[undated, "date_start"] = published.reindex(keys)[undated]
    period.loc[undated, "date_end"] = published.reindex(keys)[undated]
    return pd.DataFrame(
        {"date_start": iso_dates(period["date_start"]), "date_end": iso_dates(period["date_end"])},
        index=keys,
    )


def _number(df: pd.DataFrame, labels: np.ndarray, prefix: str) -> np.ndarray:
    """Ids that stay when articles are added: ``INC-20190905-3f9a2c1b``, the event's first
    day (``undated`` when none is known) and a hash of the incident's smallest claim_id.

    Sorted, they follow the event dates; an incident keeps its id unless a new claim joins
    it with a smaller claim_id or moves its first day, so adding an article renumbers
    nothing else (and the pages of the incidents it does not touch are kept).
    """
    frame = df[["date_start", "date_end", "published"]].copy()
    frame["label"] = labels
    first = event_period(frame, "label")
    days = first["date_start"].str.replace("-", "", regex=False).replace("", "undated")
    smallest = df["claim_id"].astype(str).groupby(labels).min().reindex(first.index)
    digests = [hashlib.sha1(claim.encode()).hexdigest()[:8] for claim in smallest]
    ids = pd.Series([f"{prefix}-{d}-{h}" for d, h in zip(days, digests, strict=True)],
                    index=first.index)  # fmt: skip
    # two incidents of one day whose claims' hashes collide: the later claim_id gets "-2"
    colliding = ids.duplicated(keep=False)
    if colliding.any():
        seen: dict[str, int] = {}
        for label in smallest[colliding].sort_values(kind="stable").index:
            n = seen[ids[label]] = seen.get(ids[label], 0) + 1
            if n > 1:
                ids[label] = f"{ids[label]}-{n}"
    return ids.loc[labels].to_numpy()


def link_incidents(clean: pd.DataFrame, links: LinkPlan | None = None) -> pd.DataFrame:
    """The clean claims plus ``incident_id``, ``scope`` and ``event_words`` (same row order).

    ``links``: analysts' merge and split decisions (``casualties.corrections.plan_links``),
    applied to the incidents before they are numbered; the claims they name are marked
    (``corrected_fields``) and the decisions' statuses are in ``result.attrs["decisions"]``.
    """
    require_columns(clean, LINK_INPUT_COLUMNS, "clean claims")
    out = clean.copy()
    out["event_words"] = event_words(clean["quote"])
    scope = claim_scope(clean)
    ids = np.empty(len(clean), dtype=object)
    incident = (scope == "incident").to_numpy()
    labels = np.zeros(len(clean), dtype=np.int64)
    if incident.any():
        part = clean[incident].reset_index(drop=True)
        words = out.loc[incident, "event_words"].reset_index(drop=True)
        labels[incident] = _incident_labels(part, words)
    if (~incident).any():
        part = clean[~incident].reset_index(drop=True)
        labels[~incident] = _aggregate_labels(part) + (labels.max() + 1 if incident.any() else 0)
    if links:
        labels, marks, applied = relabel(labels, clean["claim_id"], scope, links)
        add_marks(out, marks)
        out.attrs["decisions"] = link_status(links, applied)
    for mask, prefix in ((incident, "INC"), (~incident, "AGG")):
        if mask.any():
            ids[mask] = _number(clean[mask].reset_index(drop=True), labels[mask], prefix)
    out["incident_id"] = pd.Series(ids, index=clean.index, dtype=str)
    out["scope"] = scope
    figure_clause.cache_clear()  # shared by the scope and pair rules of this run only
    columns = [c for c in clean.columns if c not in LINK_OUTPUT_COLUMNS]
    return out[columns + list(LINK_OUTPUT_COLUMNS)]
