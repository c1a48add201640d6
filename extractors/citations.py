"""Citations: 《…》 titles and 发文字号 the text names as its basis, and what sits around them.

A title is cited when a cue word (`extractors/data/citation_cues.txt`: 根据, 按照,
依据, 落实, 贯彻, 参照 …) stands shortly before it in the same clause, possibly
with issuing bodies in between (`贯彻民政部、公安部《…》`). Titles listed after a
cited one (`《A》（号）、《B》`) share its cue. Around each title we also read the
document number in brackets after it (`》（湘政办发〔2017〕84号）`), the issuers and
date written before it (`2025年6月国家卫生健康委等部门等发布《…》`), and a local
basis: `根据《信访条例》…建立了《…信访制度》` makes the second cite the first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.dates import parse_date
from extractors.doc_numbers import DocNumberHit, find_doc_numbers
from extractors.rule_data import read_words

# PDF text wraps long titles: one line break inside 《…》 is part of the title, a blank line is not
_TITLE = re.compile(r"《(?P<title>(?:[^《》\n]|\n(?![ \t\u3000]*\n)){1,150})》")
_WRAP = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")
_MAX_CUE_GAP = 30
_CLAUSE_END = re.compile(r"[。；;！？!?\n]")
_SENTENCE_END = re.compile(r"[。；;！？!?]|\n\s*\n")  # PDF text wraps lines mid-sentence
_GAP_BREAK = re.compile(r"[。；;！？!?\n，,：:》]")
_LIST_JOIN = re.compile(r"^\s*(?:[（(][^（）()《》\n]{0,30}[）)])?\s*(?:[、，,和及与]|以及|或)?\s*(?:有关|相关)?\s*$")
_JOIN_ISSUER = re.compile(r"^\s*(?:[（(][^（）()《》\n]{0,30}[）)])?\s*(?:[、，,和及与]|以及)\s*"
                          r"(?P<org>[^\s、，,。；;《》的]{2,20})$")
_NUMBER_AFTER = re.compile(r"\s*[（(]\s*(?P<body>(?:[^（）()\n]|\n(?![ \t\u3000]*\n)){4,40}?)\s*[)）]")
_FILLER_BEFORE = re.compile(r"(?:等(?:部门|单位|部委)?|联合|于|近日|正式|先后|相继|陆续|又|再|还|也)*"
                            r"(?:发布|印发|出台|制定|颁布|公布|下发|修订)?(?:了|的)?\s*$")
_DATE_BEFORE = re.compile(r"((?:19|20)\d\d\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?)\s*[，,]?\s*$")
_ENACT = re.compile(r"(?:制定|建立|印发|出台|修订|起草|形成|完善)(?:了|并)?[^。；\n《》]{0,12}$")


@dataclass
class TitleMention:
    """One 《…》 with what the surrounding text says about it."""

    title: str
    start: int  # offsets of the title text, without 《》
    end: int
    cue: str | None = None  # the citation cue before it, if any
    number: DocNumberHit | None = None  # 发文字号 in brackets right after it
    before: str = ""  # the clause text between the cue (or clause start) and 《
    before_start: int = 0
    basis: list[int] = field(default_factory=list)  # indexes of titles this one is based on


@lru_cache(maxsize=1)
def _cues() -> tuple[str, ...]:
    return tuple(sorted(read_words("citation_cues.txt"), key=len, reverse=True))


def cue_before(text: str, start: int) -> tuple[str, int] | None:
    """The citation cue governing a title or number that starts at `start`.

    Returns:
        (cue, offset just after the cue), or None when no cue is within reach.

    >>> cue_before("贯彻民政部、公安部《社会福利机构消防安全管理十项规定》", 9)
    ('贯彻', 2)
    >>> cue_before("比如重庆市发布的《重庆市提振消费若干措施》", 8) is None
    True
    """
    low = max(0, start - _MAX_CUE_GAP - 6)
    window = text[low:start]
    breaks = [m.end() for m in _GAP_BREAK.finditer(window)]
    if breaks:
        window, low = window[breaks[-1]:], low + breaks[-1]
    best: tuple[str, int] | None = None
    for cue in _cues():
        at = window.rfind(cue)
        if at < 0:
            continue
        end = low + at + len(cue)
        if start - end > _MAX_CUE_GAP:
            continue
        if len(cue) == 1 and not _single_char_cue_ok(text, low + at, start):
            continue
        if best is None or end > best[1]:
            best = (cue, end)
    return best


def _single_char_cue_ok(text: str, at: int, start: int) -> bool:
    """按/据 alone count only right before 《 or a number (按《…》办理), not in 按时, 数据."""
    return start - (at + 1) <= 1


def _joined(gap: str) -> bool:
    """The text between two titles continues one list: `、`, `和`, `（号）和国家卫生健康委`."""
    if _LIST_JOIN.match(gap):
        return True
    match = _JOIN_ISSUER.match(gap)
    return bool(match) and match.group("org").endswith(read_words("title_issuer_suffixes.txt"))


_ITEM_MARKER = re.compile(r"[ \t\u3000]*(?:[-*•·]|\d{1,2}[.．、)）]|[（(]\d{1,2}[)）]|[①-⑳])?[ \t\u3000]*$")
_MAX_LISTED = 12  # titles listed one a line under a heading such as 编制依据


def _heading_cue(text: str, at: int) -> str | None:
    """A cue ending the heading above a title that opens its line (`立项依据` / `《…》`),
    possibly over other listed titles (`一、编制依据` / `1.《…》` / `2.《…》`).

    >>> _heading_cue("一、编制依据\\n1.《基本医疗卫生与健康促进法》\\n2.《“健康中国2030”规划纲要》", 26)
    '依据'
    """
    line_start = text.rfind("\n", 0, at) + 1
    if not _ITEM_MARKER.fullmatch(text[line_start:at]):
        return None
    for _ in range(_MAX_LISTED):
        previous_end = len(text[:line_start].rstrip())
        previous_start = text.rfind("\n", 0, previous_end) + 1
        previous = text[previous_start:previous_end].strip().rstrip("：: \t")
        cue = next((cue for cue in _cues() if len(cue) > 1 and previous.endswith(cue)), None)
        if cue:
            return cue
        title = re.match(r"(?:[-*•·]|\d{1,2}[.．、)）]|[（(]\d{1,2}[)）]|[①-⑳])?\s*《", previous)
        if not title or previous_start == 0:
            return None  # only other listed titles may stand between the heading and this one
        line_start = previous_start
    return None


def _number_after(text: str, end: int) -> DocNumberHit | None:
    match = _NUMBER_AFTER.match(text, end + 1, min(len(text), end + 60))
    if not match:
        return None
    hits = find_doc_numbers(match.group("body"), every_break=True)
    if not hits:
        return None
    hit = hits[0]
    offset = match.start("body")
    return DocNumberHit(hit.number, hit.year, offset + hit.start, offset + hit.end)


def find_title_mentions(text: str) -> list[TitleMention]:
    """Every 《…》 with its cue, bracketed number, leading context and local basis.

    >>> ms = find_title_mentions("根据《湖南省人民政府办公厅关于全面放开养老服务市场的实施意见》（湘政办发〔2017〕84号）精神")
    >>> ms[0].cue, ms[0].number.number
    ('根据', '湘政办发〔2017〕84号')
    """
    mentions: list[TitleMention] = []
    for match in _TITLE.finditer(text):
        start, end = match.start("title"), match.end("title")
        mention = TitleMention(_WRAP.sub("", match.group("title")), start, end)
        cue = cue_before(text, start - 1)
        previous = mentions[-1] if mentions else None
        if cue:
            mention.cue = cue[0]
            mention.before_start = cue[1]
        elif previous and previous.cue and _joined(text[previous.end + 1:start - 1]):
            mention.cue = previous.cue
            mention.before_start = start - 1
        elif heading := _heading_cue(text, start - 1):
            mention.cue = heading
            mention.before_start = start - 1
        else:
            clause_starts = [m.end() for m in _CLAUSE_END.finditer(text, max(0, start - 60), start - 1)]
            mention.before_start = clause_starts[-1] if clause_starts else max(0, start - 60)
        mention.before = text[mention.before_start:start - 1]
        mention.number = _number_after(text, end)
        mentions.append(mention)
    _link_local_basis(text, mentions)
    return mentions


def _link_local_basis(text: str, mentions: list[TitleMention]) -> None:
    """`根据《A》…建立了《B》` in one sentence: B is based on A."""
    for index, mention in enumerate(mentions):
        if mention.cue:
            continue
        between_start = None
        for earlier in range(index - 1, -1, -1):
            other = mentions[earlier]
            gap = text[other.end + 1:mention.start - 1]
            if _SENTENCE_END.search(gap):
                break
            if other.cue and _ENACT.search(gap) and between_start is None:
                mention.basis.append(earlier)
                between_start = other.end


def strip_fillers(before: str) -> str:
    """The text before 《 without trailing verbs and fillers (等部门等发布, 印发的).

    >>> strip_fillers("如2025年6月国家卫生健康委等部门等发布")
    '如2025年6月国家卫生健康委'
    >>> strip_fillers("（医保发〔2019〕47号），2020年10月又印发")
    '（医保发〔2019〕47号），2020年10月'
    """
    text = _FILLER_BEFORE.sub("", before).rstrip()
    return re.sub(r"等(?:部门|单位|部委)?$", "", text).rstrip(" ，,、")


def date_at_end(text: str) -> str | None:
    """ISO date written at the very end of `text` (`…如2025年6月` -> `2025-06`).

    >>> date_at_end("如2025年6月"), date_at_end("国家卫生健康委"), date_at_end("2019年8月，")
    ('2025-06', None, '2019-08')
    """
    match = _DATE_BEFORE.search(text)
    if not match:
        return None
    raw = re.sub(r"\s+", "", match.group(1))
    return parse_date(raw) or raw[:4]


def bare_number_citations(text: str, title_mentions: list[TitleMention]) -> list[tuple[DocNumberHit, str | None]]:
    """发文字号 not attached to a 《…》 title, each with its citation cue (or None).

    >>> [(h.number, cue) for h, cue in bare_number_citations("按照湘政办发〔2017〕84号文件要求", [])]
    [('湘政办发〔2017〕84号', '按照')]
    """
    attached = set()
    for mention in title_mentions:
        if mention.number:
            attached.add(mention.number.start)
    out = []
    for hit in find_doc_numbers(text):
        if hit.start in attached:
            continue
        cue = cue_before(text, hit.start)
        out.append((hit, cue[0] if cue else None))
    return out


_BARE_LAW = re.compile(
    r"(?P<cue>根据|依照|依据|按照|参照|遵照)(?P<name>(?:中华人民共和国)?[\u4e00-\u9fff]{1,16}?法典?)"
    r"(?=[的第和、，。；及有规或与关中（(]|$)")
_NOT_A_LAW_NAME = re.compile(
    r"^(本|该|此|其|前|下列|以下|上述|有关|相关|其他|国家有关|法律|适用|中国(?!人民))|[的和与及或对本]|依法|合法|执法|普法|法律|关于|规定|情形|修改|管辖|列入"
    r"|^(?!中华人民共和国).+(?:宪法|刑法)$")
_SHORT_LAWS = frozenset({"宪法", "刑法", "民法"})  # two-character names that are one law


def find_bare_law_names(text: str) -> list[tuple[str, str, int, int]]:
    """Laws named without 《》 right after a citation cue: 根据宪法, 依照行政许可法的规定.

    Returns:
        (cue, name, start, end) of each name.

    >>> [n for _, n, _, _ in find_bare_law_names("根据宪法，制定本法。依照本法第二条和以下方法，依照刑法有关规定追究刑事责任")]
    ['宪法', '刑法']
    """
    from extractors.policy_titles import document_type

    found = []
    for match in _BARE_LAW.finditer(text):
        name = match.group("name")
        if _NOT_A_LAW_NAME.search(name) or document_type(name) != "法":
            continue
        if len(name) <= 2 and name not in _SHORT_LAWS:
            continue
        if text.startswith("规", match.end()) and not text.startswith("规定", match.end()):
            continue  # …法规, not a law's name
        found.append((match.group("cue"), name, match.start("name"), match.end("name")))
    return found
