"""Cross-document identity: which written forms name the same policy, organization, region.

A policy is its normalised 发文字号, else its normalised title; an organization is
its canonical name (the alias table in `extractors.issuers` maps 国家卫健委 to
国家卫生健康委员会); a region is its GB/T 2260 code. `kg.iri` turns these keys
into IRIs. Normalisation follows the matching rules of ANNOTATION.md.
"""
from __future__ import annotations

import re
import unicodedata

from extractors import regions
from extractors.issuers import canonical_name

_QUOTES = re.compile(r"[\s《》〈〉<>“”\"'‘’「」『』]")
_TRAILING = re.compile(r"[。，,.;；:：]+$")
_OPEN = str.maketrans({c: "〔" for c in "［[（(【〖"})
_CLOSE = str.maketrans({c: "〕" for c in "］]）)】〗"})
# 湘政办发〔2017〕84号, 国发明电〔2020〕10号, 商务部令2016年第3号, 财社[2018]2号
_DOC_NUMBER = re.compile(r"(〔\d{4}〕\d+号|令\s*(\d{4}年)?第?\d+号|\d{4}年第\d+号)$")

#: The nation's region code.
NATION = "CN"


def normalise_text(text: str | None) -> str:
    """NFKC, without whitespace, quotes or book-title marks, without trailing punctuation.

    >>> normalise_text(" 《关于全面放开养老服务市场\\n提升养老服务质量的实施意见》。")
    '关于全面放开养老服务市场提升养老服务质量的实施意见'
    """
    if not text:
        return ""
    return _TRAILING.sub("", _QUOTES.sub("", unicodedata.normalize("NFKC", text)))


def normalise_doc_number(number: str | None) -> str:
    """A 发文字号 with its year brackets unified to 〔〕.

    >>> normalise_doc_number("湘政办发[2017]84号")
    '湘政办发〔2017〕84号'
    >>> normalise_doc_number("郴政办发（2018）18号")
    '郴政办发〔2018〕18号'
    """
    return normalise_text(number).translate(_OPEN).translate(_CLOSE)


def is_doc_number(key: str) -> bool:
    """Whether a citation key is a 发文字号 rather than a title.

    >>> is_doc_number("民函〔2015〕280号"), is_doc_number("商务部令2016年第3号")
    (True, True)
    >>> is_doc_number("消防法")
    False
    """
    return bool(_DOC_NUMBER.search(normalise_doc_number(key)))


def policy_identity(doc_number: str | None, title: str | None) -> str | None:
    """The identity key of a policy: normalised 发文字号, else `title:` + normalised title.

    >>> policy_identity("郴政办发〔2018〕18号", "关于…的实施意见")
    '郴政办发〔2018〕18号'
    >>> policy_identity(None, "《中华人民共和国消防法》")
    'title:中华人民共和国消防法'
    >>> policy_identity(None, None) is None
    True
    """
    number = normalise_doc_number(doc_number)
    if number:
        return number
    title = normalise_text(title)
    return f"title:{title}" if title else None


def citation_identity(key: str) -> str | None:
    """The identity a citation key (`Policy.cites`: 发文字号, else title) refers to.

    >>> citation_identity("湘政办发〔2017〕84号")
    '湘政办发〔2017〕84号'
    >>> citation_identity("消防法")
    'title:消防法'
    """
    return policy_identity(key, None) if is_doc_number(key) else policy_identity(None, key)


def canonical_organization(name: str) -> str:
    """The canonical name of an organization as written in the alias table (full-width
    brackets kept), for labels.

    >>> canonical_organization(" 国家卫健委 ")
    '国家卫生健康委员会'
    """
    written = name.strip()
    return canonical_name(written) or written


def organization_identity(name: str) -> str:
    """The identity key of an organization: its canonical name, normalised.

    >>> organization_identity("国家卫生健康委") == organization_identity("国家卫生健康委员会")
    True
    """
    return normalise_text(canonical_organization(name))


def _structural_parent(code: str) -> str | None:
    """GB/T 2260 by digits: county -> prefecture -> province -> CN."""
    if code == NATION or not re.fullmatch(r"\d{6}", code):
        return None
    if code.endswith("0000"):
        return NATION
    if code.endswith("00"):
        return code[:2] + "0000"
    return code[:4] + "00"


def region_parent(code: str) -> str | None:
    """The region directly above `code` (`None` for CN), from the GB/T 2260 gazetteer, else
    from the code's digits (a new or retired code the gazetteer lacks).

    >>> region_parent("431000")
    '430000'
    >>> region_parent("430000")
    'CN'
    """
    if code == NATION:
        return None
    try:
        return regions.region_parent(code)
    except KeyError:
        return _structural_parent(code)


def region_name(code: str) -> str | None:
    """The region's name (`郴州市`) when the gazetteer knows it.

    >>> region_name("CN"), region_name("431000")
    ('中国', '郴州市')
    """
    if code == NATION:
        return "中国"
    try:
        return regions.region_name(code)
    except KeyError:
        return None


def region_ancestry(code: str) -> list[str]:
    """`code` and every region above it, up to CN.

    >>> region_ancestry("431000")
    ['431000', '430000', 'CN']
    """
    chain = [code]
    while (parent := region_parent(chain[-1])) and parent not in chain:
        chain.append(parent)
    return chain
