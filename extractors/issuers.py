"""Canonical identity of issuing organizations, and issuers implied by 发文字号.

Used by the policy, obligation and graph stages: every organization name goes through
`canonical_name`/`resolve_issuer`, so 国家卫健委 and 国家卫生健康委员会 become one node.
A 发文字号 names its issuer in its prefix: explicit codes (国办发, 国卫X发, 商务部令) come
from `data/agency_codes.tsv`; local ones are a region abbreviation (`region_abbreviations.tsv`:
湘 湖南省, 郴 郴州市) plus a body code (`org_body_codes.tsv`: 政办 人民政府办公室).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.util import registry

from extractors.organizations import (
    MUNICIPALITIES,
    find_organizations,
    load_org_lexicon,
    region_prefix,
)
from extractors.regions import CN, LEVEL_RANK, region_level, regions_in_name
from extractors.rule_data import read_table
from extractors.schema import Organization

# The prefix of a 发文字号 ends at its year bracket, its year or its number.
_PREFIX = re.compile(r"^\s*(.*?)\s*(?:[〔\[［(（【]|\d|第)")
# Document-type letters closing the prefix: 郴政办|发, 国发|明电, 商务部|令.
_DOC_TYPE = re.compile(r"(?:发明电|明电|发|函|电|令|字|通知|通|复|规)$")
_NATIONAL_NAME = re.compile(r"^(?:国务院|国家|全国|中共中央|中央|中华人民共和国|最高人民)")
_MAX_OFFICE_CODE = 3  # 国卫|基层|发, 财|社|: the office code after a body code


@dataclass(frozen=True)
class DocNumberCodes:
    """The three 发文字号 tables."""

    agencies: dict[str, tuple[str, str, bool]]  # code -> (issuer, jurisdiction, office code may follow)
    regions: dict[str, str]  # one-character abbreviation -> GB/T 2260 code
    bodies: dict[str, tuple[str, str]]  # body code -> (province body, local body)


@registry.misc("hp.doc_number_codes.v1")
@lru_cache(maxsize=1)
def load_doc_number_codes() -> DocNumberCodes:
    """Read agency_codes.tsv, region_abbreviations.tsv and org_body_codes.tsv once.

    >>> load_doc_number_codes().regions["湘"]
    '430000'
    """
    return DocNumberCodes(
        agencies={r["code"]: (r["issuer"], r["jurisdiction"], r["internal"] == "yes")
                  for r in read_table("agency_codes.tsv")},
        regions={r["abbreviation"]: r["code"] for r in read_table("region_abbreviations.tsv")},
        bodies={r["code"]: (r["province"], r["local"]) for r in read_table("org_body_codes.tsv")},
    )


def _prefix(number: str) -> str:
    """郴政办发〔2018〕18号 -> 郴政办 (the issuer part, document type dropped)."""
    match = _PREFIX.match(number)
    prefix = match.group(1) if match else number.strip()
    return _DOC_TYPE.sub("", prefix)


def _parse(number: str) -> tuple[list[str], list[str]]:
    """(issuers, jurisdiction) of a 发文字号; both empty when the prefix is unknown."""
    codes = load_doc_number_codes()
    prefix = _prefix(number)
    if not prefix:
        return [], []
    lex = load_org_lexicon()
    if prefix in lex.canonical:  # 商务部令, 海关总署令
        name = lex.canonical[prefix]
        return [name], jurisdiction_of(name)
    joint = prefix.split("、")
    if len(joint) > 1 and all(part in lex.canonical for part in joint):  # 食品药品监管局、海关总署第4号令
        names = [lex.canonical[part] for part in joint]
        return names, jurisdiction_of(names[0])
    for size in range(len(prefix), 0, -1):
        agency = codes.agencies.get(prefix[:size])
        if agency and (size == len(prefix) or (agency[2] and len(prefix) - size <= _MAX_OFFICE_CODE)):
            return [agency[0]], [agency[1]]
    region = codes.regions.get(prefix[0])
    if region is None:
        return [], []
    rest = prefix[1:]
    for size in range(len(rest), 0, -1):
        body = codes.bodies.get(rest[:size])
        if body and len(rest) - size <= _MAX_OFFICE_CODE:
            full = _body_at_level(body, region)
            return [region_prefix(region) + full], [region]
    return [], [region]


def _body_at_level(body: tuple[str, str], region: str) -> str:
    """The (province, local) form of a body code for a region: municipalities take local
    bureaus (沪财 -> 上海市财政局) but a province's 办公厅 (京政办 -> 北京市人民政府办公厅)."""
    province, local = body
    if region[:2] in MUNICIPALITIES and not local.endswith("办公室"):
        return local
    return province if region_level(region) == "province" else local


def issuers_of_doc_number(number: str) -> list[str]:
    """Canonical issuers implied by a 发文字号's prefix; [] when unknown (never a guess).

    >>> issuers_of_doc_number("湘政办发〔2017〕84号"), issuers_of_doc_number("国办发[2017]52号")
    (['湖南省人民政府办公厅'], ['国务院办公厅'])
    >>> issuers_of_doc_number("食品药品监管局、海关总署第4号令")
    ['国家食品药品监督管理局', '海关总署']
    """
    return _parse(number)[0]


def jurisdiction_of_doc_number(number: str) -> list[str]:
    """Jurisdiction (GB/T 2260 codes or CN) of the issuer named by a 发文字号.

    The region abbreviation alone is enough: 郴服改发〔2017〕59号 gives 431000 even though
    the body code 服改 is not known.

    >>> jurisdiction_of_doc_number("湘政办发〔2017〕84号"), jurisdiction_of_doc_number("国办发〔2017〕52号")
    (['430000'], ['CN'])
    """
    return _parse(number)[1]


def canonical_name(name: str, home_region: str | None = None) -> str:
    """The canonical spelling of an organization name.

    Args:
        name: the name as written (国家卫健委, 市政府办, 中华人民共和国商务部).
        home_region: region the text speaks from, for relative names (市民政局).

    >>> canonical_name("国家卫健委"), canonical_name("市政府办", "431000")
    ('国家卫生健康委员会', '郴州市人民政府办公室')
    """
    name = re.sub(r"\s+", "", name)
    lex = load_org_lexicon()
    if name in lex.canonical:
        return lex.canonical[name]
    hits = find_organizations(name, home_region)
    if len(hits) == 1 and hits[0].end - hits[0].start == len(name):
        return hits[0].name
    return name


def known_aliases(canonical: str) -> list[str]:
    """Other spellings of a named body from the alias table.

    >>> known_aliases("国家中医药管理局")
    ['国家中医药局']
    """
    lex = load_org_lexicon()
    return [a for a, c in lex.canonical.items()
            if c == canonical and a != canonical and not a.startswith("中华人民共和国")]


def resolve_issuer(name: str, home_region: str | None = None) -> Organization:
    """An `Organization` for a written issuer: canonical name, aliases, regions in the name.

    >>> org = resolve_issuer("国家卫健委")
    >>> org.name, "国家卫健委" in org.aliases, org.regions
    ('国家卫生健康委员会', True, ['CN'])
    """
    written = re.sub(r"\s+", "", name)
    canonical = canonical_name(written, home_region)
    aliases = known_aliases(canonical)
    if written != canonical and written not in aliases:
        aliases.insert(0, written)
    regions = jurisdiction_of(canonical) if canonical in load_org_lexicon().national else regions_in_name(canonical)
    return Organization(name=canonical, aliases=aliases, regions=regions)


def split_issuers(text: str, home_region: str | None = None) -> list[str]:
    """Canonical names of the issuers in a joint list; 等部门 adds nothing.

    >>> split_issuers("国家卫生健康委、财政部、国家中医药局等部门")
    ['国家卫生健康委员会', '财政部', '国家中医药管理局']
    """
    return list(dict.fromkeys(h.name for h in find_organizations(text, home_region)))


def jurisdiction_of(org_name: str) -> list[str]:
    """Where an organization's power runs: ['CN'] for national bodies, else its most specific region.

    >>> jurisdiction_of("国务院办公厅"), jurisdiction_of("郴州市人民政府办公室"), jurisdiction_of("民政部门")
    (['CN'], ['431000'], [])
    """
    lex = load_org_lexicon()
    name = lex.canonical.get(org_name, org_name)
    regions = [c for c in regions_in_name(name) if c != CN]
    if name in lex.national or (not regions and (_NATIONAL_NAME.match(name) or re.search(r"[^门]部$|总署$", name))):
        return [CN]
    if not regions:
        return []
    return [max(regions, key=lambda c: LEVEL_RANK[region_level(c)])]
