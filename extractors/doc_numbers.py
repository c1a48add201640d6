"""发文字号 (document numbers): find them, normalise their brackets, read their year.

Three shapes cover the government documents we see:

* bracketed year: `郴政办发〔2018〕18号`, `国办发[2017]52号`, `国发明电（2020）10号`;
* decree with year: `商务部令2016年第3号`;
* numbered decree: `中华人民共和国国务院令第735号`, `国家卫生健康委员会令第1号`.

The issuer abbreviation in front of the bracket has no fixed length, so the regex
only anchors on the bracket-year-number core and the prefix is grown leftwards
over CJK characters, stopping at characters that never occur in an abbreviation
but end the cue words before it (根据, 按照, 落实, 的, 和 …).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extractors.doc_text import char_spans, document_text

SPAN_KEY = "hp_doc_numbers"

_OPEN = "〔［[（(【〖"
_CLOSE = "〕］]）)】〗"
_CORE = re.compile(
    rf"[{re.escape(_OPEN)}]\s*((?:19|20)\d\d)\s*[{re.escape(_CLOSE)}]\s*(?:第\s*)?(\d{{1,5}})\s*号")
_DECREE_YEAR = re.compile(r"令\s*((?:19|20)\d\d)\s*年\s*第\s*(\d{1,5})\s*号")
_DECREE = re.compile(r"令\s*(?:\(|（)?第\s*([0-9一二三四五六七八九十百零〇]{1,6})\s*号")
# The decree number written after its issuer: 公安部第69号令, 食品药品监管局、海关总署第4号令.
_DECREE_AFTER = re.compile(r"第\s*([0-9一二三四五六七八九十百零〇]{1,6})\s*号令")
# Characters that end cue words or joiners and never sit inside an issuer abbreviation.
_STOP = frozenset("第的和与及或据照见实彻即是为在以将了按依由对等印转称知件附同请经此该其从向于至并年月日原作出布过订")
# Bracketed numbers abbreviate the issuer (京政发), so full names end the prefix; 府 ends one
# only after 政 (…人民政府〔2018〕), since 宜府办发 / 赣府发 abbreviate a city's 人民政府.
_STOP_CORE = frozenset(_STOP | set("会"))
_FULL_NAME_END = ("政府",)
_STOP_DECREE = frozenset(_STOP)
_PRC = "中华人民共和国"  # contains 和, a stop character
_MAX_PREFIX = 10  # 国卫办医函, 湘政办发, 国发明电 …
_MAX_DECREE_PREFIX = 20  # 中华人民共和国国家卫生健康委员会令


@dataclass(frozen=True)
class DocNumberHit:
    """One 发文字号 in a text: its normalised form, its year and its span."""

    number: str
    year: str | None
    start: int
    end: int


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


_WRAPPED_MIN = 24  # a line this long, unclosed, was broken by the page width


def _wrapped_line_before(text: str, newline: int) -> bool:
    """The line ending at `newline` is a full PDF line broken mid-sentence (not a title line).

    >>> _wrapped_line_before("为贯彻落实《关于进一步加强基层医疗卫生机构药品配备使用管理工作的通知》（国卫办\\n药政发", 39)
    True
    """
    line = text[text.rfind("\n", 0, newline) + 1:newline].strip()
    return len(line) >= _WRAPPED_MIN and not re.search(r"[。；：:！？]$", line) and _is_cjk(line[-1])


def _prefix_start(text: str, end: int, limit: int, stop: frozenset[str]) -> int:
    """Leftmost start of the issuer abbreviation (at most `limit` chars) ending at `end`."""
    start = end
    while start > 0 and end - start < limit:
        char = text[start - 1]
        if not _is_cjk(char) or char in stop:
            break
        if stop is _STOP_CORE and text.endswith(_FULL_NAME_END, 0, start):
            break
        start -= 1
    if text.startswith(_PRC[-1], start) and text.endswith(_PRC[:-1], 0, start):
        start -= len(_PRC) - 1
    return start


def _joint_decree_start(text: str, start: int) -> int:
    """A joint decree's issuers run back over 、 (国家食品药品监督管理局、海关总署令第4号).

    >>> t = "食品药品监管局、海关总署第4号令"
    >>> _joint_decree_start(t, t.index("海关"))
    0
    """
    while start > 1 and text[start - 1] == "、":
        before = _prefix_start(text, start - 1, _MAX_DECREE_PREFIX, _STOP_DECREE)
        if start - 1 - before < 2:
            break
        start = before
    return start


def normalise(number: str) -> str:
    """Canonical spelling of a 发文字号: no spaces, brackets as 〔〕.

    >>> normalise("国办发[2017] 52号")
    '国办发〔2017〕52号'
    """
    number = re.sub(r"\s+", "", number)
    return number.translate(str.maketrans({c: "〔" for c in _OPEN} | {c: "〕" for c in _CLOSE}))


def year_of(number: str) -> str | None:
    """The year a 发文字号 carries, if any.

    >>> year_of("湘政办发〔2017〕84号"), year_of("商务部令2016年第3号"), year_of("国务院令第735号")
    ('2017', '2016', None)
    """
    match = re.search(r"〔((?:19|20)\d\d)〕|令((?:19|20)\d\d)年", normalise(number))
    return (match.group(1) or match.group(2)) if match else None


def prefix_of(number: str) -> str:
    """The issuer abbreviation before the year: `郴政办发〔2018〕18号` -> `郴政办发`.

    >>> prefix_of("郴政办发〔2018〕18号"), prefix_of("商务部令2016年第3号")
    ('郴政办发', '商务部令')
    """
    number = normalise(number)
    match = re.match(r"(.*?)(?:〔|\d{4}年|第)", number)
    return match.group(1) if match else number


def _unwrapped(text: str, every_break: bool = False) -> tuple[str, list[int]]:
    """`text` without the line breaks of wrapped PDF lines, and each kept character's offset.

    Args:
        text: any decoded text.
        every_break: drop every single line break (inside brackets a break is always a wrap).
    """
    keep = []
    for i, char in enumerate(text):
        if char == "\n" and (every_break or _wrapped_line_before(text, i)) \
                and not text[i + 1:i + 2].isspace() and i + 1 < len(text):
            continue
        keep.append(i)
    return "".join(text[i] for i in keep), keep


def find_doc_numbers(text: str, every_break: bool = False) -> list[DocNumberHit]:
    """Every 发文字号 in `text`, in reading order, without overlaps.

    Args:
        text: any decoded text.

    Returns:
        Hits with the normalised number, its year (or None) and character offsets.

    >>> [h.number for h in find_doc_numbers("根据《意见》（湘政办发[2017]84号）和国务院令第735号")]
    ['湘政办发〔2017〕84号', '国务院令第735号']
    >>> [h.number for h in find_doc_numbers("宜府办发〔2021〕15号，郴州市人民政府〔2018〕3号")]
    ['宜府办发〔2021〕15号']
    >>> [h.number for h in find_doc_numbers("2003年8月18日 食品药品监管局、海关总署第4号令公布")]
    ['食品药品监管局、海关总署第4号令']
    >>> find_doc_numbers("（国卫办药政发〔202\\n1〕18号）", every_break=True)[0].number
    '国卫办药政发〔2021〕18号'
    """
    joined, where = _unwrapped(text, every_break)
    if len(joined) == len(text):
        return _find_doc_numbers(text)
    return [DocNumberHit(h.number, h.year, where[h.start], where[h.end - 1] + 1)
            for h in _find_doc_numbers(joined)]


def _find_doc_numbers(text: str) -> list[DocNumberHit]:
    hits: list[DocNumberHit] = []
    for pattern, year_group in ((_CORE, 1), (_DECREE_YEAR, 1), (_DECREE, None), (_DECREE_AFTER, None)):
        for match in pattern.finditer(text):
            if pattern is _CORE:
                start = _prefix_start(text, match.start(), _MAX_PREFIX, _STOP_CORE)
            else:
                start = _joint_decree_start(text, _prefix_start(text, match.start(), _MAX_DECREE_PREFIX,
                                                                _STOP_DECREE))
            if match.start() - start < (2 if pattern is _CORE else 1) and text[start] in "发令":
                continue  # "〔2018〕18号", "发〔1987〕32号" or "令第3号" name no issuer
            if start == match.start():
                continue
            number = normalise(text[start:match.end()])
            year = match.group(year_group) if year_group else None
            hits.append(DocNumberHit(number, year, start, match.end()))
    hits.sort(key=lambda h: (h.start, -h.end))
    kept: list[DocNumberHit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


class DocNumberRecognizer:
    """Marks 发文字号 as spans in `doc.spans["hp_doc_numbers"]` (label `DOC_NUMBER`)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        hits = find_doc_numbers(document_text(doc))
        doc.spans[SPAN_KEY] = char_spans(doc, ((h.start, h.end, "DOC_NUMBER") for h in hits))
        return doc


@Language.factory("hp_doc_numbers", assigns=["doc.spans"])
def make_doc_number_recognizer(nlp: Language, name: str) -> DocNumberRecognizer:
    """Factory of the `hp_doc_numbers` component."""
    return DocNumberRecognizer(nlp, name)
