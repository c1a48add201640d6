"""Administrative regions written in a text, as GB/T 2260 codes with their hierarchy.

The gazetteer is `ontology/data/gbt2260.tsv` (generated from cpca's table by
`ontology/data/make_gbt2260.py`). Rules, each backed by a data file in `extractors/data/`:

* full names (湖南省, 郴州市, 浔阳区) and province/prefecture short forms (湖南, 郴州, 凉山州)
  count anywhere, unless they sit inside an ordinary word (`region_false_contexts.txt`:
  幸福建设 is not 福建) or are followed by a street/school word (`region_short_blockers.txt`);
* county short forms (浔阳, 龙岗), two-character county names (和县, 新县) and generic names
  (城区, 朝阳区; `region_needs_parent.txt`) count only right after their written parent
  (深圳龙岗, 九江市浔阳区);
* a name shared by several regions is resolved by the parent written before it, else by the
  other regions of the document, else dropped; a province beats a prefecture of the same
  short name (吉林);
* nation-wide words (`region_national_cues.txt`: 全国, 我国, 国务院 …) and national bodies
  (`org_gazetteer.tsv` scope `national`) give `CN`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from extractors.doc_text import char_spans
from extractors.rule_data import ONTOLOGY_DATA, read_table, read_words
from extractors.surface_index import SurfaceIndex

CN = "CN"
CN_NAME = "中国"
SPAN_KEY = "hp_regions"
LEVEL_RANK = {"country": 0, "province": 1, "prefecture": 2, "county": 3}


@dataclass(frozen=True)
class RegionHit:
    """One written region: its code and the text as written at [start, end)."""

    code: str
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Region:
    """One row of the GB/T 2260 table."""

    code: str
    name: str
    level: str
    parent: str | None


@dataclass(frozen=True)
class _Surface:
    """A way of writing a region: which codes it may mean and how freely it counts."""

    codes: tuple[str, ...]
    parent_only: frozenset[str]  # codes meant only right after their written parent
    short: bool  # a short form (湖南), subject to the street/school blockers


@dataclass(frozen=True)
class RegionGazetteer:
    """Regions by code, and every surface form (full name, short form, national cue)."""

    regions: dict[str, Region]
    surfaces: dict[str, _Surface]
    index: SurfaceIndex
    false_contexts: re.Pattern[str] | None
    blockers: tuple[str, ...]


@registry.misc("hp.region_gazetteer.v1")
@lru_cache(maxsize=1)
def load_region_gazetteer() -> RegionGazetteer:
    """Read the GB/T 2260 table and the region rule files once.

    >>> load_region_gazetteer().regions["431000"].name
    '郴州市'
    """
    regions = {CN: Region(CN, CN_NAME, "country", None)}
    forms: dict[str, tuple[list[str], set[str], bool]] = {}
    needs_parent = set(read_words("region_needs_parent.txt"))
    ambiguous = set(read_words("region_ambiguous_shorts.txt"))

    def add(surface: str, code: str, parent_only: bool, short: bool) -> None:
        codes, only, was_short = forms.get(surface, ([], set(), True))
        codes.append(code)
        if parent_only:
            only.add(code)
        forms[surface] = (codes, only, was_short and short)

    for row in read_table(ONTOLOGY_DATA / "gbt2260.tsv"):
        code, name, level = row["code"], row["name"], row["level"]
        regions[code] = Region(code, name, level, row["parent"] or None)
        county = level == "county"
        add(name, code, county and (len(name) <= 2 or name in needs_parent), False)
        for short in filter(None, row["short_names"].split("|")):
            if short not in ambiguous:
                add(short, code, county, True)
    for cue in national_cues():
        forms.setdefault(cue, ([CN], set(), False))
    surfaces = {s: _Surface(tuple(dict.fromkeys(c)), frozenset(p), sh) for s, (c, p, sh) in forms.items()}
    false = read_words("region_false_contexts.txt")
    return RegionGazetteer(
        regions=regions,
        surfaces=surfaces,
        index=SurfaceIndex(surfaces),
        false_contexts=re.compile("|".join(map(re.escape, false))) if false else None,
        blockers=read_words("region_short_blockers.txt"),
    )


@lru_cache(maxsize=1)
def national_cues() -> tuple[str, ...]:
    """Words meaning the whole country: the cue list plus every national body's name.

    >>> "国家卫生健康委员会" in national_cues()
    True
    """
    cues = list(read_words("region_national_cues.txt"))
    for row in read_table("org_gazetteer.tsv"):
        if row["scope"] == "national":
            cues += [row["name"], "中华人民共和国" + row["name"]]
    for row in read_table("org_aliases.tsv"):
        if row["scope"] == "national":
            cues.append(row["alias"])
    return tuple(dict.fromkeys(cues))


def region_name(code: str) -> str:
    """The full name of a region code.

    >>> region_name("431000"), region_name("CN")
    ('郴州市', '中国')
    """
    return load_region_gazetteer().regions[code].name


def region_parent(code: str) -> str | None:
    """The nearest real parent: county -> prefecture -> province -> CN -> None.

    >>> region_parent("360403"), region_parent("360000"), region_parent("CN")
    ('360400', 'CN', None)
    """
    return load_region_gazetteer().regions[code].parent


def region_level(code: str) -> str:
    """'country', 'province', 'prefecture' or 'county'.

    >>> region_level("431000")
    'prefecture'
    """
    return load_region_gazetteer().regions[code].level


def region_ancestors(code: str) -> list[str]:
    """Every ancestor, nearest first, ending with CN (empty for CN itself).

    >>> region_ancestors("360403")
    ['360400', '360000', 'CN']
    """
    return list(_ancestors(code))


@lru_cache(maxsize=None)
def _ancestors(code: str) -> tuple[str, ...]:
    parent = region_parent(code)
    return () if parent is None else (parent, *_ancestors(parent))


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) lies inside one of the sorted, non-overlapping `spans`."""
    at = bisect_right(spans, (start, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= start and end <= spans[at][1]


def find_regions(text: str) -> list[RegionHit]:
    """Every administrative region written in `text`, in text order.

    Args:
        text: decoded document text.

    Returns:
        One hit per written mention; overlapping organization names give several
        (九江市浔阳区政务服务管理局 gives 九江市 and 浔阳区).

    >>> [(h.code, h.name) for h in find_regions("九江市浔阳区政务服务管理局")]
    [('360400', '九江市'), ('360403', '浔阳区')]
    """
    gaz = load_region_gazetteer()
    false_spans = [m.span() for m in gaz.false_contexts.finditer(text)] if gaz.false_contexts else []
    raw: list[tuple[int, int, str, tuple[str, ...], bool]] = []
    previous: tuple[int, tuple[str, ...]] = (-1, ())  # end and codes of the last kept hit
    for start, end, surface in gaz.index.scan(text):
        form = gaz.surfaces[surface]
        if _inside(false_spans, start, end):
            continue
        if form.short and any(text.startswith(b, end) for b in gaz.blockers):
            continue
        if surface.endswith("部") and text[end:end + 1] in ("门", "分"):
            continue  # 民政部门, 财政部分: a department word or "part", not the ministry
        codes = form.codes
        # CN is everyone's ancestor: 国务院会同 must not make 会同 the county 会同县.
        written_parents = tuple(c for c in previous[1] if c != CN) if previous[0] == start else ()
        under = tuple(c for c in codes if set(_ancestors(c)) & set(written_parents))
        free = under or tuple(c for c in codes if c not in form.parent_only)
        if free:
            raw.append((start, end, surface, free, False))
            previous = (end, free)
        elif len(surface) == 2 and not form.short and not _after_ideograph(text, start):
            # 沛县 standing apart (、沛县人民医院) counts if the document names its parent
            raw.append((start, end, surface, codes, True))
    return _resolve(raw, gaz)


def _after_ideograph(text: str, at: int) -> bool:
    """True when a CJK ideograph comes right before `at` (市|和县 reads as 市和 + 县)."""
    return at > 0 and "\u4e00" <= text[at - 1] <= "\u9fff"


def _resolve(raw: list[tuple[int, int, str, tuple[str, ...], bool]], gaz: RegionGazetteer) -> list[RegionHit]:
    """Pick one code per ambiguous hit: the highest level, then the document's context.

    Hits marked `needs_context` (两字县名 standing apart) count only when the document
    also names their parent region.
    """
    sure = {codes[0] for *_, codes, needs_context in raw if len(codes) == 1 and not needs_context}
    hits = []
    for start, end, surface, codes, needs_context in raw:
        if needs_context:
            codes = tuple(c for c in codes if gaz.regions[c].parent in sure)
        if len(codes) > 1:
            top = min(LEVEL_RANK[gaz.regions[c].level] for c in codes)
            codes = tuple(c for c in codes if LEVEL_RANK[gaz.regions[c].level] == top)
        if len(codes) > 1:
            codes = tuple(c for c in codes if set(_ancestors(c)) & sure)
        if len(codes) == 1:
            hits.append(RegionHit(codes[0], surface, start, end))
    return hits


def regions_in_name(name: str) -> list[str]:
    """Codes of the regions written in an organization name or title, in order.

    >>> regions_in_name("郴州市人民政府办公室")
    ['431000']
    """
    return list(dict.fromkeys(h.code for h in find_regions(name)))


def document_regions(text: str) -> list[str]:
    """Distinct region codes of a document, in order of first mention.

    >>> document_regions("湖南省郴州市")
    ['430000', '431000']
    """
    return list(dict.fromkeys(h.code for h in find_regions(text)))


def home_region(text: str, head_chars: int = 400) -> str | None:
    """The region a document speaks from: the most specific region of its opening lines.

    Relative names (市政府, 区财政局) are read against it. Among the regions written in
    the first `head_chars` characters, the most mentioned one wins (ties: the most
    specific), then a descendant mentioned at least half as often replaces it.

    >>> home_region("郴政办发〔2018〕18号\\n郴州市人民政府办公室\\n关于…的实施意见")
    '431000'
    """
    hits = [h for h in find_regions(text[:head_chars]) if h.code != CN]
    if not hits:
        return None
    counts: dict[str, int] = {}
    for hit in hits:
        counts[hit.code] = counts.get(hit.code, 0) + 1
    # Start from the most written region, then go down to a descendant written at least
    # half as often: 郴州市 under one 湖南省, 龙岗 under 深圳市, but not one hospital's
    # district in a provincial notice.
    best = max(counts, key=lambda c: (counts[c], LEVEL_RANK[region_level(c)]))
    while True:
        below = [c for c in counts if best in _ancestors(c) and 2 * counts[c] >= counts[best]]
        if not below:
            return best
        best = max(below, key=lambda c: (counts[c], LEVEL_RANK[region_level(c)]))


class RegionFinder:
    """spaCy component: writes every region mention to `doc.spans["hp_regions"]`.

    Span labels are GB/T 2260 codes (or `CN`); spans may overlap organization names.
    """

    def __init__(self, nlp: Language, name: str = "hp_regions", span_key: str = SPAN_KEY) -> None:
        self.name = name
        self.span_key = span_key

    def __call__(self, doc: Doc) -> Doc:
        hits = find_regions(doc.text)
        doc.spans[self.span_key] = char_spans(doc, ((h.start, h.end, h.code) for h in hits))
        return doc


@Language.factory("hp_regions", assigns=["doc.spans"], default_config={"span_key": SPAN_KEY})
def make_region_finder(nlp: Language, name: str, span_key: str) -> RegionFinder:
    """Wire the region finder into a pipeline: `nlp.add_pipe("hp_regions")`."""
    return RegionFinder(nlp, name=name, span_key=span_key)
