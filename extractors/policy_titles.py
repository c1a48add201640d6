"""《…》 titles: which name a policy, what type of document, and an issuer written in front.

ANNOTATION.md counts laws, regulations, notices, opinions, plans, measures,
standards and government meeting minutes as policies, and not reports, books,
journals, forms, certificates or classifications. A title is kept when it ends
like a normative document (`…的通知`, `…条例`, `…实施方案（2025-2027年）`); a title
with another ending is kept only when the text cites it as a basis (参照《政治思想
评分内容及参考分值》) and it does not look like a form or a report. The rule words
live in `extractors/data/title_*.txt`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.rule_data import read_rows, read_words

_TRAILING_PAREN = re.compile(r"[（(〔【][^（）()]{1,20}[）)〕】]$")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _kinds() -> list[tuple[str, str]]:
    return sorted(read_rows("title_kinds.txt", 2), key=lambda p: -len(p[0]))


@lru_cache(maxsize=1)
def _rejects() -> tuple[tuple[str, ...], tuple[str, ...]]:
    endings, contains = [], []
    for how, word in read_rows("title_reject.txt", 2):
        if how == "ending":
            endings.append(word)
        elif how == "contains":
            contains.append(word)
        else:
            raise ValueError(f"extractors/data/title_reject.txt: unknown rule {how!r} for {word!r}")
    return tuple(endings), tuple(contains)


@lru_cache(maxsize=1)
def _issuer_suffixes() -> tuple[str, ...]:
    return read_words("title_issuer_suffixes.txt")


def clean_title(title: str) -> str:
    """A title as written, without 《》 and surrounding or doubled whitespace.

    >>> clean_title(" 《区政府第 25 次常务会议纪要》 ")
    '区政府第 25 次常务会议纪要'
    """
    return title.strip().strip("《》").strip()


def core_title(title: str) -> str:
    """The title without trailing parentheticals such as （试行） or （2025-2027年）.

    >>> core_title("郴州市投资项目审批“一次办结”改革实施细则（试行）")
    '郴州市投资项目审批“一次办结”改革实施细则'
    """
    title = _SPACE.sub("", clean_title(title))
    while True:
        shorter = _TRAILING_PAREN.sub("", title)
        if shorter == title or not shorter:
            return title
        title = shorter


def document_type(title: str) -> str | None:
    """The type of normative document a title names (通知, 意见, 方案, 条例, 法 …), or None.

    >>> document_type("关于全面放开养老服务市场提升养老服务质量的实施意见"), document_type("评审表")
    ('意见', None)
    """
    core = core_title(title)
    for ending, kind in _kinds():
        if core.endswith(ending):
            if ending == "法" and re.search(r"(?<!预)(方|做|手|写|疗|技|算)法$", core):
                return None  # 方法, 做法, 算法 … are not laws, 预算法 is
            return kind
    return None


def is_rejected(title: str) -> bool:
    """True for forms, reports, certificates, journals and classifications.

    >>> is_rejected("新冠肺炎疫情防控一线医务人员工作证明（模板）"), is_rejected("信访条例")
    (True, False)
    """
    core, full = core_title(title), _SPACE.sub("", clean_title(title))
    endings, contains = _rejects()
    if any(core.endswith(e) or full.endswith(e) for e in endings):
        return True
    if document_type(title):
        return False
    return any(c in full for c in contains)


def is_policy_title(title: str, cited: bool = False) -> bool:
    """Whether a 《…》 title names a policy.

    Args:
        title: the text between 《 and 》.
        cited: the text names it as a basis (根据/按照/参照《…》), which admits
            titles without a normative ending.

    >>> is_policy_title("消防法"), is_policy_title("评审表", cited=True)
    (True, False)
    >>> is_policy_title("政治思想评分内容及参考分值", cited=True)
    True
    """
    core = core_title(title)
    if len(core) < 2 or len(core) > 120 or not re.search(r"[\u4e00-\u9fff]{2}", core):
        return False
    if is_rejected(title):
        return False
    return bool(document_type(title)) or cited


def split_issuer_prefix(title: str) -> tuple[str | None, str]:
    """Split an issuer written in front of 关于: (issuer text or None, title).

    Only a prefix that ends like an organization name is split off, so a title
    that merely starts with a place (上海市智慧健康驿站开展体重管理的方案) stays whole.

    >>> split_issuer_prefix("湖南省人民政府办公厅关于全面放开养老服务市场提升养老服务质量的实施意见")
    ('湖南省人民政府办公厅', '关于全面放开养老服务市场提升养老服务质量的实施意见')
    >>> split_issuer_prefix("关于推进健康乡村建设的指导意见")
    (None, '关于推进健康乡村建设的指导意见')
    >>> split_issuer_prefix("遵义市卫生健康局2023年工作要点"), split_issuer_prefix("郴州市2021年老龄工作要点")
    (('遵义市卫生健康局', '2023年工作要点'), (None, '郴州市2021年老龄工作要点'))
    """
    title = clean_title(title)
    at = title.find("关于")
    if at <= 1:
        year = _YEAR_AFTER_ISSUER.search(title)  # 遵义市卫生健康局|2023年工作要点: a body's yearly plan
        at = year.start() if year else -1
    if at <= 1:
        return None, title
    prefix = title[:at].strip()
    parts = [p for p in re.split(r"[、，,\s]+|和|与|及", prefix) if p]
    if parts and all(p.endswith(_issuer_suffixes()) for p in parts):
        return prefix, title[at:]
    return None, title


_YEAR_AFTER_ISSUER = re.compile(r"(?<=[\u4e00-\u9fff])(?:19|20)\d\d年")


_BARE_TYPES = ("规划", "纲要", "实施方案", "行动方案", "工作方案", "管理办法", "实施办法", "暂行办法",
               "实施细则", "条例", "若干措施", "实施意见", "指导意见")
_BARE_TITLE = re.compile(
    r"(?:(?<=[，。；：\n])|^)(?P<title>[\u4e00-\u9fff][^\s，。；：、《》（）()]{4,40}?(?:"
    + "|".join(_BARE_TYPES) + r"))(?=[要应将，。；、和与及等]|$)", re.M)
_BARE_VERBS = re.compile(r"的|印发|发布|出台|制定|颁布|编制|要求|按照|根据|纳入|结合|落实|完善|建立|符合|负责|各类|有关|相关")


def find_bare_titles(text: str) -> list[tuple[str, int, int]]:
    """Titles written without 《》 that open a clause with a place name (郴州市“十三五”…规划).

    Only a clause that starts with a province or city name and ends in a
    normative type is taken, without verbs that make it a description
    (编制, 纳入, 完善 …), so `将…纳入土地利用总体规划` is not a title.

    >>> find_bare_titles("做好顶层设计，郴州市“十三五”老龄事业发展和养老体系建设规划要与城乡规划相衔接。")
    [('郴州市“十三五”老龄事业发展和养老体系建设规划', 7, 30)]
    """
    from extractors.regions import find_regions

    found = []
    for match in _BARE_TITLE.finditer(text):
        title = match.group("title")
        if _BARE_VERBS.search(title) or title.count("“") != title.count("”"):
            continue
        regions = find_regions(title)
        if not regions or regions[0].start != 0 or regions[0].code == "CN" or regions[0].end > len(title) - 6:
            continue
        if not title[regions[0].end:][:1] or title[regions[0].end] in "人政委":
            continue  # 郑州市人民政府…, an issuer rather than a title
        found.append((title, match.start("title"), match.end("title")))
    return found
