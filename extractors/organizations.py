"""Organization names in running text, each under its canonical name.

Four finders, each driven by data files in `extractors/data/`:

* named bodies (`org_gazetteer.tsv`, with `org_aliases.tsv` and 中华人民共和国X forms):
  国家卫健委 -> 国家卫生健康委员会, plus their sub-units (教育部留学服务中心);
* a written region followed by a body and an ending (`org_suffixes.txt`): 郴州市民政局,
  九江市浔阳区政务服务管理局, 深圳市龙岗中心医院集团, 中共九江市浔阳区委员会;
* a relative level word read against the document's home region: 市政府办 in a 郴州
  document -> 郴州市人民政府办公室, 区委 in a 浔阳区 document -> 中共九江市浔阳区委员会;
* department words built on a government function (`org_functions.txt`): 民政部门,
  卫生健康行政部门, 司法机关, and level-generic bodies (`org_generic_levels.txt`):
  各县市区人民政府, 县（市、区）卫生健康局. A local level before a department word is
  only its written form (县级以上人民政府民政部门 -> 民政部门); a national or provincial
  one makes a body of its own (`org_department_levels.tsv`: 国务院卫生行政部门,
  省卫生健康行政部门 -> 浙江省卫生健康行政部门 in a 浙江 document);
* the governments of a level (`org_government_levels.txt`): 县级以上人民政府, 各级人民政府,
  乡（镇）人民政府;
* bodies known by their kind (`org_bodies.tsv`): 红十字会, 村（居）民委员会, 人民法院, and
  zone committees (`org_zone_kinds.txt`): 泰山景区管理委员会;
* every item of a list closed by 等部门 (发展改革、财政、行政审批服务等部门), each X部门.

Short bodies are expanded by `org_body_abbreviations.tsv` (发改委 -> 发展和改革委员会).
A name right before 等部门 is kept; 等部门 itself is not an organization.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from extractors.doc_text import char_spans
from extractors.regions import (
    CN,
    RegionHit,
    find_regions,
    region_ancestors,
    region_level,
    region_name,
    region_parent,
)
from extractors.rule_data import EXTRACTORS_DATA, read_table, read_words
from extractors.rule_data import alternation as alt
from extractors.schema import Mention, Organization
from extractors.surface_index import SurfaceIndex

SPAN_KEY = "hp_organizations"
NATIONAL_PREFIX = "中华人民共和国"
# Characters that never occur inside an organization name: they end the body.
_BODY = r"[^\s\d\W的与及或等、，。；：！？“”‘’《》〔〕（）()\[\]【】关有各其所将在对向由把被为是从到]"
# Endings that may extend a name already ending in one (深圳市龙岗中心医院|集团).
_UNIT_CONTINUATIONS = ("中心医院", "医院", "集团", "办公室", "分院", "分局", "中心")
# Endings of institutions, whose canonical name is the name as written (no expansion).
_INSTITUTION = re.compile(r"(?:医院|卫生院|院|中心|集团|学院|大学|学校|协会|学会|联合会|基金会|研究所|总会)$")
# A hospital named by a place or a university, standing after a separator (、平湖人民医院).
_HOSPITAL = re.compile(r"(?<=[、（(，,：:\s。；])([\u4e00-\u9fff]{2,4}(?:人民医院|中心医院|中医院|骨科医院)"
                       r"|[\u4e00-\u9fff]{2,6}大学(?:附属)?[\u4e00-\u9fff]{0,6}?医院)")
_SESSION = re.compile(r"^第?[一二三四五六七八九十百]+届")
# After a named body, words saying the text means other bodies under it (国务院|其他有关部门).
_QUALIFIED = re.compile(r"(?:其他|其|所属|各|有关|相关)*(?:部门|部委|组成部门|直属机构)")
# A list of department stems closed by 等部门: 发展改革、财政、民政|等部门.
_LIST_END = re.compile(r"等(?:有关|相关|其他)?(行政主管部门|主管部门|行政部门|部门)")
# Endings of an item that is itself a body, not a department stem (残疾人联合会, 泰山景区管理委员会).
_BODY_ITEM = re.compile(r"(?:会|局|委|厅|办|院|所|中心|机关|机构|组织|单位|企业|团体|站|队|处|署|部)$")
_LIST_CONNECTORS = "、和与及"
# A division of a body: 基层卫生健康|科, 基层卫生健康|处.
_SUB_UNIT = re.compile(rf"{_BODY}{{2,8}}?[处科]")
# A department named by its duty: 负责药品监督管理的部门, 承担药品监督管理职责的部门.
_DUTY = re.compile(rf"(负责|承担)({_BODY}{{2,12}}?)(职责)?的部门")
# Particles after which a noun phrase starts (各级人民政府的|计划、财政等部门), unlike 有|权听取.
_NOUN_OPENERS = "的由将在对向为从到经"
# Relative level words and which ancestor of the home region each one means.
MUNICIPALITIES = ("11", "12", "31", "50")  # 北京, 天津, 上海, 重庆: provinces that are cities
_RELATIVE = {"省": "province", "市": "prefecture", "州": "prefecture", "区": "county", "县": "county"}


@dataclass(frozen=True)
class OrgHit:
    """One organization mention: canonical `name`, `surface` as written at [start, end)."""

    name: str
    surface: str
    start: int
    end: int


@dataclass(frozen=True)
class OrgLexicon:
    """Everything the organization finders read from data files."""

    canonical: dict[str, str]  # any known spelling of a named body -> canonical name
    national: frozenset[str]  # canonical names of national bodies
    named: SurfaceIndex
    suffix_re: re.Pattern[str]  # a body + ending after a written region
    bare_suffixes: tuple[str, ...]  # endings that may follow a region directly
    abbreviations: dict[str, tuple[str, str]]  # short body -> (province form, local form)
    functions: tuple[str, ...]
    function_re: re.Pattern[str]
    function_levels: tuple[str, ...]
    unit_re: re.Pattern[str]
    abbreviation_re: re.Pattern[str]
    function_word_re: re.Pattern[str]
    generic_re: re.Pattern[str]
    relative_re: re.Pattern[str]
    relative_blockers: frozenset[str]
    false_endings: tuple[str, ...]
    body_stopwords: re.Pattern[str]
    bodies: frozenset[str]  # bodies known by kind (人民法院, 红十字会) and their short forms
    title_followers: tuple[str, ...]
    zone_re: re.Pattern[str]
    government_re: re.Pattern[str]
    department_levels: dict[str, tuple[str, bool]]  # level -> (national|province, read against home)
    department_re: re.Pattern[str]  # a level + any stem + a department ending
    function_endings: tuple[str, ...]
    list_item_stopwords: frozenset[str]


@registry.misc("hp.org_lexicon.v1")
@lru_cache(maxsize=1)
def load_org_lexicon() -> OrgLexicon:
    """Read the organization rule files once.

    >>> load_org_lexicon().canonical["国家卫健委"]
    '国家卫生健康委员会'
    """
    canonical: dict[str, str] = {}
    national = set()
    for row in read_table("org_gazetteer.tsv"):
        canonical[row["name"]] = row["name"]
        if row["scope"] == "national":
            national.add(row["name"])
    kinds = [row["name"] for row in read_table("org_bodies.tsv")]
    for name in kinds:
        canonical.setdefault(name, name)
    for row in read_table("org_aliases.tsv"):
        if row["canonical"] not in canonical:
            raise ValueError(f"{EXTRACTORS_DATA / 'org_aliases.tsv'}: {row['canonical']!r} "
                             f"(alias {row['alias']!r}) is not in org_gazetteer.tsv or org_bodies.tsv")
        canonical[row["alias"]] = row["canonical"]
    for name in national:
        canonical.setdefault(NATIONAL_PREFIX + name, name)
    bodies = frozenset(a for a, c in canonical.items() if c in kinds)
    suffixes = read_words("org_suffixes.txt")
    endings = [s.rstrip("*") for s in suffixes] + kinds
    bare = tuple(s.rstrip("*") for s in suffixes if s.endswith("*")) + tuple(kinds)
    abbreviations = {r["short"]: (r["province"], r["local"])
                     for r in read_table("org_body_abbreviations.tsv")}
    functions = read_words("org_functions.txt")
    function_endings = read_words("org_function_endings.txt")
    levels = read_words("org_generic_levels.txt")
    governments = read_words("org_government_levels.txt")
    department_levels = {r["level"]: (r["scope"], r["relative"] == "yes")
                         for r in read_table("org_department_levels.tsv")}
    local_levels = {*(lv + g for lv in (*levels, *governments, "各级", "各", "") for g in ("人民政府", "")),
                    *read_words("org_function_levels.txt")}
    written_levels = sorted({lv for lv in local_levels | set(department_levels) if len(lv) >= 2 and lv != "各级"},
                            key=len, reverse=True)
    unit_endings = ["委员会", "局", "厅", "委", "办公室", "中心"]
    return OrgLexicon(
        canonical=canonical,
        national=frozenset(national),
        named=SurfaceIndex(canonical),
        suffix_re=re.compile(rf"{_BODY}{{0,12}}?(?:{alt(endings)})(?:{_BODY}{{0,3}}?(?:{alt(_UNIT_CONTINUATIONS)}))*"),
        bare_suffixes=bare,
        abbreviations=abbreviations,
        functions=functions,
        function_re=re.compile(rf"((?:{alt(functions)})(?:[、和与及](?:{alt(functions)}))*)"
                               rf"((?:（[^（）]{{1,6}}）|\([^()]{{1,6}}\))?(?:{alt(function_endings)}))"),
        function_levels=tuple(sorted(local_levels | set(department_levels), key=len, reverse=True)),
        unit_re=re.compile(rf"(?:办公厅|办公室|{_BODY}{{1,8}}?(?:中心|研究院|研究所|办公厅|司|局))"),
        abbreviation_re=re.compile(alt(abbreviations)),
        function_word_re=re.compile(alt(functions)),
        generic_re=re.compile(
            rf"(各)?({alt(levels)})((?:{alt(functions)})?(?:{alt(unit_endings + list(bare) + list(abbreviations))}))"),
        relative_re=re.compile(rf"[省市州区县](?:{alt(_relative_bodies(abbreviations, bare, functions, unit_endings))})"),
        relative_blockers=frozenset(read_words("org_relative_blockers.txt")),
        false_endings=read_words("org_false_endings.txt"),
        body_stopwords=re.compile(alt(read_words("org_body_stopwords.txt"))),
        bodies=bodies,
        title_followers=read_words("org_title_followers.txt"),
        zone_re=re.compile(rf"({_BODY}{{2,8}}?)({alt(read_words('org_zone_kinds.txt'))})"
                           rf"(管理委员会|管委会|{_BODY}{{2,6}}?局)"),
        government_re=re.compile(rf"(各)?({alt(governments)})人民政府"),
        department_levels=department_levels,
        department_re=re.compile(rf"({alt(written_levels)})({_BODY}{{2,10}}?)"
                                 rf"({alt((*(e for e in function_endings if not e.endswith('管理部门')), '管理机构'))})"),
        function_endings=function_endings,
        list_item_stopwords=frozenset(read_words("org_list_item_stopwords.txt")),
    )


def _relative_bodies(abbreviations, bare, functions, endings) -> list[str]:
    """Bodies a relative name may have: 政府办, 人民政府, 民政局, 卫生健康委 … (not 民服务中心)."""
    return [*abbreviations, *bare, *(f + e for f in functions for e in endings)]


def region_prefix(code: str) -> str:
    """How a region is written before its bodies: counties carry their prefecture.

    >>> region_prefix("360403"), region_prefix("431000")
    ('九江市浔阳区', '郴州市')
    """
    if code == CN:
        return ""
    parent = region_parent(code)
    if region_level(code) == "county" and parent and region_level(parent) == "prefecture":
        return region_name(parent) + region_name(code)
    return region_name(code)


def expand_body(body: str, code: str) -> str:
    """A local body in full, read at the level of its region.

    >>> expand_body("政府办", "430000"), expand_body("政府办", "431000"), expand_body("发改委", "431000")
    ('人民政府办公厅', '人民政府办公室', '发展和改革委员会')
    """
    forms = load_org_lexicon().abbreviations.get(body)
    if forms is None:
        return body
    if code and code[:2] in MUNICIPALITIES and not forms[1].endswith("办公室"):
        return forms[1]  # 上海市财政局, but 上海市人民政府办公厅
    return forms[0] if region_level(code) == "province" else forms[1]


def local_name(code: str, body: str) -> str:
    """Canonical name of a body of a region: 郴州市 + 发改委 -> 郴州市发展和改革委员会.

    >>> local_name("360403", "委"), local_name("431000", "市政府"), local_name("341221", "委办")
    ('中共九江市浔阳区委员会', '郴州市人民政府', '中共阜阳市临泉县委办公室')
    """
    body = re.sub(r"^[省市州区县](?=政府|人民政府|人大|委$|委员会$)", "", body)
    if body in ("委", "委员会"):
        return f"中共{region_prefix(code)}委员会"
    if body.startswith("委") and body in load_org_lexicon().abbreviations:
        return f"中共{region_prefix(code)}{expand_body(body, code)}"  # 县委办 -> 中共…县委办公室
    return region_prefix(code) + expand_body(body, code)


def _home_at(home_region: str | None, level: str) -> str | None:
    """The home region or its ancestor at a level (市 in a county document = its prefecture).

    A municipality (北京市, 重庆市) is its own 市.
    """
    if not home_region or home_region == CN:
        return None
    chain = [home_region, *region_ancestors(home_region)]
    for code in chain:
        if code != CN and region_level(code) == level:
            return code
    if level == "prefecture":
        return next((c for c in chain if c[:2] in MUNICIPALITIES and region_level(c) == "province"), None)
    return None


def _named_hits(text: str, lex: OrgLexicon) -> list[OrgHit]:
    """Gazetteer bodies and their aliases, with sub-units (教育部留学服务中心)."""
    hits = []
    for start, end, surface in lex.named.scan(text):
        if surface.endswith("部") and text[end:end + 1] in ("门", "分"):
            continue
        if _QUALIFIED.match(text, end):
            continue  # 国务院其他有关部门: the departments, not the State Council
        if surface in lex.bodies and (_in_title(text, start)
                                      or any(text.startswith(w, end) for w in lex.title_followers)):
            continue  # 《中华人民共和国红十字会法》, 村民委员会选举办法: a law, not a body
        name = lex.canonical[surface]
        unit = None if surface in lex.bodies else lex.unit_re.match(text, end)  # 人民法院|申请司法鉴定
        if (unit and not unit.group().startswith("和") and not re.search("国家|国务院|中国", unit.group())
                and not lex.body_stopwords.search(unit.group()) and not _false_ending(text, unit.end(), lex)):
            hits.append(OrgHit(name + unit.group(), surface + unit.group(), start, unit.end()))
        hits.append(OrgHit(name, surface, start, end))
    return hits


def _in_title(text: str, at: int) -> bool:
    """True when `at` is inside a 《title》 (红十字会 in 《中华人民共和国红十字会法》)."""
    opened = text.rfind("《", max(0, at - 60), at)
    return opened >= 0 and text.rfind("》", opened, at) < 0


def _false_ending(text: str, end: int, lex: OrgLexicon) -> bool:
    """True when the name that ends at `end` is cut out of a longer word (…管理办|法)."""
    return any(text[end - k:end] == word[:k] and text.startswith(word[k:], end)
               for word in lex.false_endings for k in range(1, len(word)))


def _with_sub_unit(text: str, hit: OrgHit, lex: OrgLexicon) -> OrgHit:
    """A government body with the division written right after it (市卫生健康委|基层卫生健康科).

    Only divisions (处, 科) of bodies that have them (委, 局, 厅, 办): 市财政局|社会保障科, not
    市场监督管理局|依法处罚 (a stop word) nor 医院|科室 (no government body).
    """
    if not re.search(r"(?:委员会|委|局|厅|办公室|办)$", hit.name):
        return hit
    unit = _SUB_UNIT.match(text, hit.end)
    if (not unit or lex.body_stopwords.search(unit.group()) or _false_ending(text, unit.end(), lex)
            or text[unit.end():unit.end() + 1] in ("室", "长", "员")):
        return hit
    return OrgHit(hit.name + unit.group(), hit.surface + unit.group(), hit.start, unit.end())


def _chains(regions: list[RegionHit]) -> list[tuple[int, int, str, bool]]:
    """Adjacent region hits merged: 九江市浔阳区 -> (start, end, most specific code, short).

    `short` tells that the chain starts with a short form (深圳东部…), which real names
    rarely do: such chains take only government bodies (深圳卫健委), not descriptions.
    """
    chains: list[tuple[int, int, str, bool]] = []
    for hit in regions:
        if hit.code == CN:
            continue
        if chains and chains[-1][1] == hit.start:
            chains[-1] = (chains[-1][0], hit.end, hit.code, chains[-1][3])
        else:
            chains.append((hit.start, hit.end, hit.code, hit.name != region_name(hit.code)))
    return chains


def _regional_hits(text: str, lex: OrgLexicon, regions: list[RegionHit]) -> list[OrgHit]:
    """A written region + body + ending: 郴州市民政局, 中共深圳市委员会, 深圳市委."""
    hits = []
    starts = [h.start for h in regions]
    for start, end, code, short in _chains(regions):
        party = text[max(0, start - 2):start] == "中共"
        body = _regional_body(text, end, lex)
        if not body or lex.body_stopwords.search(body):
            continue
        if bisect_left(starts, end + len(body)) > bisect_right(starts, end):
            continue  # another region inside the body: two names run together
        if _false_ending(text, end + len(body), lex):
            continue
        if short and body not in lex.abbreviations and body not in lex.bare_suffixes:
            continue
        surface_start, surface_end = (start - 2 if party else start), end + len(body)
        surface = text[surface_start:surface_end]
        body = _SESSION.sub("", body)  # 第十二届人民代表大会常务委员会: one body across sessions
        name = surface if _INSTITUTION.search(body) else local_name(code, body)
        hits.append(_with_sub_unit(text, OrgHit(name, surface, surface_start, surface_end), lex))
    return hits


def _regional_body(text: str, at: int, lex: OrgLexicon) -> str:
    """The body of an organization name that starts at `at`, right after its region."""
    abbreviation = lex.abbreviation_re.match(text, at)
    if abbreviation and not text.startswith("部", abbreviation.end()):
        short = abbreviation.group()
        rest = lex.suffix_re.match(text, at)
        return rest.group() if rest and len(rest.group()) > len(short) else short
    match = lex.suffix_re.match(text, at)
    if not match:
        return ""
    body = match.group()
    if body in ("中心", "局", "办", "厅", "署", "集团", "医院"):
        return ""  # an ending alone (郴州市|中心城区) is not a name
    return body


def _relative_hits(text: str, lex: OrgLexicon, home_region: str | None,
                   regions: list[RegionHit] = ()) -> list[OrgHit]:
    """市政府办, 区委, 市民政局 read against the home region."""
    hits = []
    if not home_region:
        return hits
    region_ends = {h.end for h in regions}
    for match in lex.relative_re.finditer(text):
        start = match.start()
        before = text[start - 1] if start > 0 else ""
        if start + 1 in region_ends:
            continue  # 山东省|村民委员会: the 省 ends a written region
        if text.startswith("市场", start):
            continue  # 市场监督管理局 is a body name, not 市 + 场…
        code = _home_at(home_region, _RELATIVE[text[start]])
        body = match.group()[1:]
        if code is not None and before not in lex.relative_blockers:
            hits.append(_with_sub_unit(text, OrgHit(local_name(code, body), match.group(), start, match.end()), lex))
        elif (code is None and text[start] != "省" and not body.startswith("委")
              and (not before or not "\u4e00" <= before <= "\u9fff" or before in "各、和及与由经")):
            # 区人民政府, 各市卫生健康委 in a text from above that level: the body of each such region
            hits.append(OrgHit(text[start] + expand_body(body, home_region), match.group(), start, match.end()))
    return hits


def _function_hits(text: str, lex: OrgLexicon, home_region: str | None = None,
                   regions: list[RegionHit] = ()) -> list[OrgHit]:
    """Department words: 民政部门, 县级以上人民政府民政部门 (-> 民政部门), 国土资源、规划部门.

    A national or provincial level makes its own body: 国务院卫生行政部门, 省财政部门
    (-> 浙江省财政部门 in a 浙江 document), and so does a written region (杭州市民政部门).
    """
    hits = []
    region_at = {chain_end: code for _, chain_end, code, _ in _chains(list(regions))}
    for match in lex.function_re.finditer(text):
        words, ending = match.group(1), match.group(2)
        start = match.start()
        # the level words before it (县级以上人民政府|民政部门) belong to the written form
        level = next(lv for lv in lex.function_levels if len(lv) <= start and text.startswith(lv, start - len(lv)))
        if not level and _inside_word(text, start):
            continue
        owner = _owner(text, start - len(level), level, lex, home_region, region_at)
        parts = list(lex.function_word_re.finditer(words))
        if len(parts) == 1:
            surface_start = start - len(level) if level else _region_start(text, start, owner, regions)
            hits.append(OrgHit(owner + words + ending, text[surface_start:match.end()], surface_start, match.end()))
            continue
        for part in parts:  # 国土资源、规划部门 -> 国土资源部门 and 规划部门
            at = start + part.start()
            own = _shared_ending(part.group(), ending)
            hits.append(OrgHit(owner + part.group() + own, part.group() + own, at, at + len(part.group())))
    for match in lex.department_re.finditer(text):  # a level + a stem not in org_functions.txt
        level, stem, ending = match.groups()
        if not _department_stem(stem, lex) or lex.function_word_re.fullmatch(stem) or stem[0] in _RELATIVE:
            continue
        owner = _owner(text, match.start(), level, lex, home_region, region_at)
        hits.append(OrgHit(owner + stem + ending, match.group(), match.start(), match.end()))
    return hits


def _shared_ending(function: str, ending: str) -> str:
    """The ending a list item takes from the last item: 药品监督管理、卫生|行政部门 gives the
    first item 部门 (a …管理 function is no 行政 department of its own).

    >>> _shared_ending("药品监督管理", "行政部门"), _shared_ending("卫生", "行政部门")
    ('部门', '行政部门')
    """
    if function.endswith("管理") and ending.startswith("行政"):
        return ending[2:]
    return ending


def _owner(text: str, at: int, level: str, lex: OrgLexicon, home_region: str | None,
           region_at: dict[int, str]) -> str:
    """Whose department a department word written at `at` after `level` is.

    "" for a local level (县级以上人民政府|民政部门 is any county's 民政部门); the level as
    written for a national or provincial one (国务院, 省、自治区、直辖市人民政府); a region's
    name when one is written (杭州市|民政部门) or implied (省|财政部门 in a 浙江 document).
    """
    if level in lex.department_levels:
        relative = lex.department_levels[level][1]
        if not relative:
            return level
        written = region_at.get(at + level.index("省") + 1)
        if written and region_level(written) == "province":
            return region_prefix(written) + level[level.index("省") + 1:]
        if level == "省" and at > 0 and (text[at - 1] in lex.relative_blockers or text[at - 1] in _LIST_CONNECTORS):
            return ""
        province = _home_at(home_region, "province")
        return region_prefix(province) + level[level.index("省") + 1:] if province else level
    if level:
        return ""
    if at in region_at:
        return region_prefix(region_at[at])
    if at > 0 and text[at - 1] in _RELATIVE and text[at - 1] != "省":
        before = text[at - 2] if at > 1 else ""
        # 省、市|民政部门 lists levels; 市卫生健康行政部门、市|交通部门 lists departments
        levels_listed = before in _LIST_CONNECTORS and at > 2 and text[at - 3] in "省市州区县级"
        if before and (before in lex.relative_blockers or levels_listed or at in region_at):
            return ""
        code = _home_at(home_region, _RELATIVE[text[at - 1]])
        if code:
            return region_prefix(code)
        # 区|卫生健康行政部门 in a text from above that level: each such region's department
        return text[at - 1] if home_region and home_region != CN else ""
    return ""


def _region_start(text: str, start: int, owner: str, regions: list[RegionHit]) -> int:
    """Where the written form of a department word owned by a region begins (杭州市|民政部门, 市|民政部门)."""
    if not owner:
        return start
    for hit in regions:
        if hit.end == start:
            return min((h.start for h in regions if h.end <= start and h.start >= start - len(owner)), default=hit.start)
    return start - 1 if start > 0 and text[start - 1] in _RELATIVE else start


def _department_stem(stem: str, lex: OrgLexicon) -> bool:
    """True when `stem` may name a government function (网信, 信息产业), not a role or a verb."""
    return (2 <= len(stem) <= 10 and not lex.body_stopwords.search(stem) and "政府" not in stem
            and not stem.startswith(("级", "以上"))
            and not any(stem.startswith(w) or stem.endswith(w) for w in lex.list_item_stopwords)
            and not _BODY_ITEM.search(stem))


def _first_item(at: int, item: str, trusted: bool, bounded: bool, lex: OrgLexicon) -> tuple[int, str]:
    """What of the first item of a 等部门 list is a department stem.

    A known function as it is; any stem of up to eight characters after a lead-in or a level
    (会同|文化广电旅游体育); else the known function ending it (各级|卫生, 需要|公安), else a
    short stem right after a punctuation mark; else nothing (有权听取|劳动保障).
    """
    if re.fullmatch(f"(?:{lex.function_word_re.pattern})+", item) or (trusted and len(item) <= 8):
        return at, item  # 教育体育, 文化广播电视新闻出版: functions run together
    for k in range(1, len(item) - 1):
        if lex.function_word_re.fullmatch(item[k:]):
            return at + k, item[k:]
    return (at, item) if bounded and len(item) <= 4 else (at, "")


def _list_hits(text: str, lex: OrgLexicon, home_region: str | None = None,
               regions: list[RegionHit] = ()) -> list[OrgHit]:
    """Every stem of a list closed by 等部门: 发展改革、交通运输、行政审批服务等部门 -> 发展改革部门 …

    Items that are bodies themselves (残疾人联合会, 公安机关) are left to the other finders;
    the first item is cut after its lead-in (应当会同|规划自然资源) and its level (市|发展改革).
    """
    hits = []
    region_at = {chain_end: code for _, chain_end, code, _ in _chains(list(regions))}
    for match in _LIST_END.finditer(text):
        ending = match.group(1)
        items: list[tuple[int, str]] = []
        pos = match.start()
        while True:
            at = pos
            while at > 0 and re.match(_BODY, text[at - 1]) and pos - at < 20:
                at -= 1
            items.insert(0, (at, text[at:pos]))
            if at > 0 and text[at - 1] == "、":
                pos = at - 1
                continue
            break
        if len(items) < 2:
            continue
        owner = ""
        first_at, first = items[0]
        before = text[first_at - 1] if first_at else ""
        bounded = not ("\u4e00" <= before <= "\u9fff") or before in _NOUN_OPENERS
        cut = max((m.end() for m in lex.body_stopwords.finditer(first)), default=0)
        if not lex.function_word_re.fullmatch(first[cut:]):  # 城市管理部门和|广播电视
            cut = max([cut, *(m.end() for m in re.finditer("部门|机关|和|以及|并", first))])
        first_at, first = first_at + cut, first[cut:]
        level = next((lv for lv in lex.function_levels if lv and first.startswith(lv)), "")
        if level:
            owner = _owner(text, first_at, level, lex, home_region, region_at)
            first_at, first = first_at + len(level), first[len(level):]
        elif first[:1] in "市县区州" and (lex.function_word_re.fullmatch(first[1:])
                                         or (cut and not first.startswith(("市政", "市容", "市场")))):
            first_at, first = first_at + 1, first[1:]  # 市|发展改革: the level of the whole list
        items[0] = _first_item(first_at, first, bool(cut or level), bounded, lex)
        joined = re.compile(rf"(?:{lex.function_word_re.pattern})(?:[和与及](?:{lex.function_word_re.pattern}))*")
        for at, item in items:
            if item and item[0] in _RELATIVE and joined.fullmatch(item[1:]):
                at, item = at + 1, item[1:]  # 市发展改革 -> 发展改革
            if joined.fullmatch(item) and not lex.function_word_re.fullmatch(item):
                parts = [(at + m.start(), m.group()) for m in lex.function_word_re.finditer(item)]  # 卫生健康和教育
            elif lex.function_word_re.fullmatch(item) or _department_stem(item, lex):
                parts = [(at, item)]
            else:
                continue
            for part_at, part in parts:
                if not any(b in part for b in lex.bodies):
                    hits.append(OrgHit(owner + part + ending, part + ending, part_at, part_at + len(part)))
    return hits


def _inside_word(text: str, at: int) -> bool:
    """True when a function word at `at` continues a longer word (信息系统管理部门)."""
    return at > 0 and "\u4e00" <= text[at - 1] <= "\u9fff" and text[at - 1] not in _function_preceders()


@lru_cache(maxsize=1)
def _function_preceders() -> frozenset[str]:
    """Characters after which a department word starts (`org_function_preceders.txt`)."""
    return frozenset(read_words("org_function_preceders.txt"))


def _generic_hits(text: str, lex: OrgLexicon) -> list[OrgHit]:
    """Bodies of every region of a level: 各县市区人民政府 (-> 县市区人民政府), 市（州）卫生健康委."""
    hits = []
    for match in lex.generic_re.finditer(text):
        level, body = match.group(2), match.group(3)
        if body.endswith("部门") or not body or body in lex.functions:
            continue  # 县级以上人民政府财政、审计等部门: a function, not a body
        hits.append(OrgHit(level + body, match.group(), match.start(), match.end()))
    return hits


def _duty_hits(text: str, lex: OrgLexicon, home_region: str | None = None) -> list[OrgHit]:
    """Departments named by their duty: 县级以上地方人民政府负责药品监督管理的部门 -> 负责药品监督管理的部门.

    The duty must be a government function (药品监督管理, 卫生健康): 负责审核的部门 is no name.
    """
    hits = []
    for match in _DUTY.finditer(text):
        duty = match.group(2)
        if not lex.function_word_re.search(duty) or lex.body_stopwords.search(duty):
            continue
        start = match.start()
        level = next(lv for lv in lex.function_levels if len(lv) <= start and text.startswith(lv, start - len(lv)))
        owner = _owner(text, start - len(level), level, lex, home_region, {})
        hits.append(OrgHit(owner + match.group(), text[start - len(level):match.end()], start - len(level), match.end()))
    return hits


def _government_hits(text: str, lex: OrgLexicon) -> list[OrgHit]:
    """The governments of a level: 县级以上人民政府, 各级人民政府, 乡（镇）人民政府, 省、自治区、直辖市人民政府;
    written short after 各 or standing alone (各省级政府, 各级政府), not inside an account term (市县级政府).

    >>> [(h.name, h.surface) for h in _government_hits("各省级政府要制定方案。不包括市县级政府当年安排的支出", load_org_lexicon())]
    [('省级人民政府', '各省级政府')]
    """
    return ([OrgHit(m.group(2) + "人民政府", m.group(), m.start(), m.end()) for m in lex.government_re.finditer(text)]
            + [OrgHit(next(g for g in m.groups() if g) + "人民政府", m.group(), m.start(), m.end())
               for m in _SHORT_GOVERNMENT.finditer(text)])


_SHORT_GOVERNMENT = re.compile(r"各(省级|市级|县级)政府|(各级)政府|(?<![\u4e00-\u9fff])(省级|市级|县级|乡级)政府")


def _zone_hits(text: str, lex: OrgLexicon) -> list[OrgHit]:
    """Management committees and bureaus of named zones: 泰山景区管理委员会, 蓉江新区社会事业局."""
    hits = []
    for match in lex.zone_re.finditer(text):
        start = match.start() + max((m.end() for m in lex.body_stopwords.finditer(match.group(1))), default=0)
        if match.end(1) - start < 2:
            continue
        hits.append(OrgHit(text[start:match.end()], text[start:match.end()], start, match.end()))
    return hits


def _hospital_hits(text: str) -> list[OrgHit]:
    """Hospitals named by place alone (平湖人民医院), after a list separator or bracket; a level
    word before the kind is a relative name after a verb (。完善|县人民医院), left to `_relative_hits`.

    >>> [h.name for h in _hospital_hits("、平湖人民医院。完善县人民医院")]
    ['平湖人民医院']
    """
    return [OrgHit(m.group(1), m.group(1), m.start(1), m.end(1)) for m in _HOSPITAL.finditer(text)
            if not re.search(r"[省市州县区](?:人民医院|中心医院|中医院|骨科医院)$", m.group(1))]


# National societies and associations: 中华中医药学会, 中国中药协会, 中国医师协会.
_SOCIETY = re.compile(r"(?:中华|中国)(?:(?!的)[\u4e00-\u9fff]){2,8}?(?:学会|协会|基金会)")
# The compiler of a report's source line: 资料来源：中国政府网，华经产业研究院整理.
_COMPILER = re.compile(r"(?:资料|数据)?来源[：:][^\n]*?(?:^|[：:，,、\s])([\u4e00-\u9fff]{2,10}?)整理")


def _society_hits(text: str) -> list[OrgHit]:
    """National societies (中华X学会, 中国X协会) and the compiler a source line names (X整理).

    >>> t = "行业自律组织为中华中医药学会和中国中药协会。\\n资料来源：中国政府网，华经产业研究院整理"
    >>> [h.name for h in _society_hits(t)]
    ['中华中医药学会', '中国中药协会', '华经产业研究院']
    >>> [h.name for h in _society_hits("资料来源：各省人民政府网站整理。中国内地的非公募基金会")]
    []
    """
    hits = [OrgHit(m.group(), m.group(), m.start(), m.end()) for m in _SOCIETY.finditer(text)
            if not _in_title(text, m.start())]
    for m in _COMPILER.finditer(text):
        name = m.group(1)
        if not name.endswith(("网", "网站", "公开资料", "资料", "数据")):
            hits.append(OrgHit(name, name, m.start(1), m.end(1)))
    return sorted(hits, key=lambda h: h.start)


# A body the text names by a short term of its own: …所在地药品监督管理部门（以下称口岸药品监督管理局）.
_DEFINED_BODY = re.compile(r"[（(]以下(?:简称|统称|称)为?[“\"]?([\u4e00-\u9fff]{2,14}?(?:局|厅|委员会|办公室|检验所|研究所|中心))"
                           r"[”\"]?[)）]")


def _defined_hits(text: str) -> list[OrgHit]:
    """Every mention of a body the text defines by a short term (以下称口岸药品检验所).

    A term ending like a class of institutions (以下统称院前急救机构) is no body of its own.

    >>> t = "药品检验机构（以下称口岸药品检验所）对药品实施检验。口岸药品检验所应当抽样。"
    >>> [(h.name, h.start) for h in _defined_hits(t)]
    [('口岸药品检验所', 10), ('口岸药品检验所', 26)]
    """
    names = {m.group(1) for m in _DEFINED_BODY.finditer(text)}
    return [OrgHit(name, name, m.start(), m.end()) for name in sorted(names)
            for m in re.finditer(re.escape(name), text)]


def _division_hits(text: str, lex: OrgLexicon, home_body: str | None, home_region: str | None) -> list[OrgHit]:
    """Divisions of the issuing body named bare in responsibility notes, as the body's divisions.

    >>> [(h.name, h.surface) for h in _division_hits("责任单位：医政医管股、县人民医院\\n", load_org_lexicon(), "湄潭县卫生健康局", None)]
    [('遵义市湄潭县卫生健康局医政医管股', '医政医管股')]
    """
    if not home_body:
        return []
    owner = next((h.name for h in find_organizations(home_body, home_region) if h.surface == home_body), home_body)
    hits = []
    for note in _division_note().finditer(text):
        at = note.start(1)
        for item in re.split(r"([、，,])", note.group(1)):
            name = item.strip()
            if _DIVISION.fullmatch(name) and not lex.body_stopwords.search(name):
                start = at + item.index(name)
                hits.append(OrgHit(owner + name, name, start, start + len(name)))
            at += len(item)
    return hits


# A division of a bureau or commission written alone: 医政医管股, 基层卫生健康科, 办公室 (not 县医院 or 各乡镇).
_DIVISION = re.compile(rf"(?![省市州县区各])(?:{_BODY}{{2,8}}?[股科处]|办公室)")


@lru_cache(maxsize=1)
def _division_note() -> re.Pattern[str]:
    labels = "|".join(re.escape(w) for w in sorted(read_words("actor_note_labels.txt"), key=len, reverse=True))
    return re.compile(rf"(?:{labels})\s*[:：]\s*([^\n；;）)：:]{{2,120}})")


def find_organizations(text: str, home_region: str | None = None, home_body: str | None = None) -> list[OrgHit]:
    """Every organization written in `text`, under its canonical name, in text order.

    Args:
        text: decoded document text.
        home_region: GB/T 2260 code the document speaks from (`regions.home_region`),
            used to expand relative names (市民政局); without it they are skipped.
        home_body: the issuing body as written; divisions named bare in responsibility
            notes (责任单位：医政医管股) are its divisions.

    Returns:
        Non-overlapping hits; a longer name wins over one inside it.

    >>> [h.name for h in find_organizations("国家卫生健康委、财政部、国家中医药局等部门")]
    ['国家卫生健康委员会', '财政部', '国家中医药管理局']
    """
    lex = load_org_lexicon()
    regions = find_regions(text)
    candidates = (_named_hits(text, lex) + _regional_hits(text, lex, regions)
                  + _generic_hits(text, lex) + _relative_hits(text, lex, home_region, regions)
                  + _function_hits(text, lex, home_region, regions) + _government_hits(text, lex)
                  + _duty_hits(text, lex, home_region)
                  + _list_hits(text, lex, home_region, regions) + _zone_hits(text, lex) + _hospital_hits(text)
                  + _defined_hits(text) + _society_hits(text) + _division_hits(text, lex, home_body, home_region))
    return _with_national_branches(_longest_first(candidates), lex)


def _with_national_branches(hits: list[OrgHit], lex: OrgLexicon) -> list[OrgHit]:
    """A national body written right before 各 + its local offices names those offices as one body.

    >>> [h.name for h in find_organizations("国家税务总局各设区市税务局：")]
    ['国家税务总局各设区市税务局']
    """
    out: list[OrgHit] = []
    for hit in hits:
        before = out[-1] if out else None
        if (before and before.end == hit.start and before.name in lex.national and hit.surface.startswith("各")
                and hit.surface.endswith(before.name[-1])):
            out[-1] = OrgHit(before.surface + hit.surface, before.surface + hit.surface, before.start, hit.end)
            continue
        out.append(hit)
    return out


def _longest_first(hits: list[OrgHit]) -> list[OrgHit]:
    """Drop hits overlapping a longer one; return the rest in text order."""
    kept: list[OrgHit] = []
    occupied = bytearray(max((h.end for h in hits), default=0))
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if any(occupied[hit.start:hit.end]):
            continue
        kept.append(hit)
        occupied[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
    return sorted(kept, key=lambda h: h.start)


def collect_organizations(hits: list[OrgHit]) -> list[Organization]:
    """One `Organization` per canonical name, with every written form as an alias.

    A name that ends another one (龙岗中心医院 in 深圳市龙岗中心医院) joins it, and the
    spellings of one local department (卫生健康部门, 卫生健康行政部门) are one body.

    >>> [(o.name, o.aliases) for o in collect_organizations(find_organizations("国家卫健委和国家卫生健康委员会"))]
    [('国家卫生健康委员会', ['国家卫健委'])]
    """
    by_name: dict[str, Organization] = {}
    for hit in hits:
        org = by_name.setdefault(hit.name, Organization(name=hit.name))
        # an item of a department list is written without its ending (公安|、交通运输部门): no alias
        cut_item = hit.name.endswith(_DEPARTMENT_ENDINGS) and not hit.surface.endswith(_DEPARTMENT_ENDINGS)
        if hit.surface != hit.name and hit.surface not in org.aliases and not cut_item:
            org.aliases.append(hit.surface)
        org.mentions.append(Mention(hit.start, hit.end))
    national = load_org_lexicon().national
    names = sorted(by_name, key=len, reverse=True)
    for short in sorted(by_name, key=len):
        longer = next((n for n in names if len(n) > len(short) + 1 and n.endswith(short)
                       and not n.endswith(("部门", "人民政府")) and n not in national and n in by_name), None)
        if longer is None or short not in by_name:
            continue
        _merge(by_name, short, longer)
    by_stem: dict[str, list[str]] = {}
    for name in by_name:
        stem = re.sub(r"（[^（）]*）|\([^()]*\)", "", _DEPARTMENT_VARIANT.sub("", name))  # 发展改革（价格）
        if stem != name and load_org_lexicon().function_word_re.fullmatch(stem):
            by_stem.setdefault(stem, []).append(name)
    by_level: dict[str, list[str]] = {}
    for name in by_name:  # 县（市、区）人民政府 and 县（市）人民政府: the county-level governments
        if _COUNTY_LEVEL.match(name):
            by_level.setdefault(re.sub(r"[（(][^）)]*[）)]", "", name), []).append(name)
    for variants in by_level.values():
        lead = max(variants, key=lambda n: len(by_name[n].mentions))
        for other in variants:
            if other != lead:
                _merge(by_name, other, lead)
    for stem, variants in by_stem.items():  # 卫生健康部门 and 卫生健康行政部门: the most written one leads
        lead = max(variants, key=lambda n: len(by_name[n].mentions))
        for other in variants:
            if other != lead:
                _merge(by_name, other, lead)
        by_stem[stem] = [lead]
    for stem, (bare,) in by_stem.items():
        # a text that names only the provincial department (省、自治区、直辖市X部门) means it by the bare word
        if any(_DEPARTMENT_VARIANT.sub("", a) != stem for a in by_name[bare].aliases):
            continue  # written with a local level too (县级以上人民政府X部门)
        provincial = [n for n in by_name if n.startswith(_PROVINCES) and _DEPARTMENT_VARIANT.sub("", n).endswith(stem)]
        if len(provincial) == 1:
            _merge(by_name, bare, provincial[0])
    for org in by_name.values():
        org.regions = list(dict.fromkeys(h.code for h in find_regions(org.name)))
        org.mentions.sort(key=lambda m: m.start)
    return sorted(by_name.values(), key=lambda o: o.mentions[0].start)


_DEPARTMENT_ENDINGS = ("部门", "机关", "机构")
_PROVINCES = "省、自治区、直辖市"  # the provincial level of a national text
_COUNTY_LEVEL = re.compile(r"^[县区][（(][^）)]*[）)]人民政府$")
# The endings that spell one local department several ways (卫生健康|部门, 卫生健康|行政部门).
_DEPARTMENT_VARIANT = re.compile(r"(?:行政主管部门|主管部门|行政部门|部门)$")


def _merge(by_name: dict[str, Organization], name: str, into: str) -> None:
    """Move the organization `name` into `into`, its names becoming aliases."""
    target, org = by_name[into], by_name.pop(name)
    for alias in [org.name, *org.aliases]:
        if alias not in target.aliases and alias != target.name:
            target.aliases.append(alias)
    target.mentions.extend(org.mentions)


class OrganizationFinder:
    """spaCy component: organization mentions in `doc.spans["hp_organizations"]`.

    Span labels are canonical names. The home region comes from `doc.user_data["home_region"]`
    when the pipeline set it, else from the document's opening lines.
    """

    def __init__(self, nlp: Language, name: str = "hp_organizations", span_key: str = SPAN_KEY) -> None:
        self.name = name
        self.span_key = span_key

    def __call__(self, doc: Doc) -> Doc:
        from extractors.regions import home_region

        home = doc.user_data.get("home_region") or home_region(doc.text)
        header = doc.user_data.get("hp_header")
        issuers = getattr(header, "issuers", None)
        hits = find_organizations(doc.text, home, issuers[0].value if len(issuers or ()) == 1 else None)
        doc.spans[self.span_key] = char_spans(doc, ((h.start, h.end, h.name) for h in hits))
        return doc


@Language.factory("hp_organizations", assigns=["doc.spans"], default_config={"span_key": SPAN_KEY})
def make_organization_finder(nlp: Language, name: str, span_key: str) -> OrganizationFinder:
    """Wire the organization finder into a pipeline: `nlp.add_pipe("hp_organizations")`."""
    return OrganizationFinder(nlp, name=name, span_key=span_key)
