"""Clause segmentation with exact character offsets into the original text.

A clause is the smallest span that can read as one requirement: a sentence ending
in 。；！？, a list item, or one cell of a table row. Lines broken in the middle of a
sentence (PDF page breaks: `进\\n\\n一步落实`) are joined again; leading list and
article markers (`- `, `（一）`, `1、`, `第十条 `) are left out of the span.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from extractors.modality import cues

# Sentence ends kept inside the clause.
_TERMINAL = re.compile(r"[。；;！？!?]+")
# A line that ends like this closes its paragraph.
_CLOSED_LINE = re.compile(r"[。；;！？!?：:）)」”\"]\s*$")
# Leading list, outline and article markers (repeatable: `- （一）`).
_MARKER = re.compile(
    r"(?:\s+|[-•·●▪◆■□*]\s*|[（(][一二三四五六七八九十\d]{1,3}[)）]\s*|[一二三四五六七八九十]{1,3}[、.．]\s*"
    r"|\d{1,3}(?:[、．]|\.(?!\d)|[)）])\s*|[①-⑳]\s*"
    r"|第[一二三四五六七八九十百千零〇\d]{1,6}[条章节款项编部分]\s*"
    r"|(?<![\u4e00-\u9fff])[问答][:：]\s*)"  # the labels of an interview (问：… 答：…), not 访问：
)
_LIST_START = re.compile(r"\s*(?:[-•·●▪◆■□*]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]"
                         r"|\d{1,3}[、．)）]|[①-⑳]|第[一二三四五六七八九十百千零〇\d]{1,6}[条章节])")
# Table cells: tabs, pipes of Markdown tables, or a run of spaces between two CJK characters (`2025年4月 国家卫生健康委`).
_CELL_GAP = re.compile(r"\t+|[ \u3000]*[|｜][ \u3000|｜]*|(?<=[\u4e00-\u9fff》）)])[ \u3000]+(?=[\u4e00-\u9fff《（(“])")
# Lines at least this long are running text; a shorter unterminated line is a heading.
_PARAGRAPH_LINE = 30
# A short terminated line (`应手续等。`) under a wrapped line of a narrow PDF column ends its sentence.
_WRAPPED_LINE = 15
_TAIL_LINE = 10


@dataclass(frozen=True)
class Clause:
    """A candidate clause `text[start:end]` and what its layout says about it."""

    start: int
    end: int
    paragraph: int  # index of the (joined) paragraph it lies in
    marked: bool  # began with a list, outline or article marker
    terminated: bool  # ended with 。；！？
    cell: bool  # one cell of a tab- or space-separated table row
    first: bool  # the first sentence of its paragraph
    last: bool  # the last sentence of its paragraph


def _lines(text: str) -> list[tuple[int, int]]:
    out, at = [], 0
    for line in text.split("\n"):
        out.append((at, at + len(line)))
        at += len(line) + 1
    return out


# Page numbers of PDF text (－ 2 －, — 3 —, - 4 -) are no lines of the document.
_PAGE_NUMBER = re.compile(r"^\s*[-－—–]\s*\d{1,3}\s*[-－—–]\s*$")
# PDF text of official documents breaks every full line at the same width (28 characters
# in 公文 layout); a line that long and unclosed runs on whatever the threshold above.
_MIN_WRAP_WIDTH = 18
_MIN_WRAPPED_LINES = 4


def _wrap_width(text: str, spans: list[tuple[int, int]]) -> int:
    """The width at which a PDF's lines were broken: the commonest length of the unclosed
    lines (18 characters or more, no list marker) that another line follows at once, when
    at least four lines and a third of them share it; else no width (a huge number).

    >>> t = "一二三四五六七八九十一二三四五六七八九十\\n" * 4 + "完。"
    >>> _wrap_width(t, [(0, 20), (21, 41), (42, 62), (63, 83), (84, 86)])
    19
    """
    lengths: dict[int, int] = {}
    for (s, e), (s_next, _) in pairwise(spans):
        line = text[s:e].strip()
        adjacent = not text[e:s_next].strip("\r\n \t\u3000") and text.count("\n", e, s_next) == 1
        if (len(line) >= _MIN_WRAP_WIDTH and adjacent and not _CLOSED_LINE.search(line)
                and not _LIST_START.match(line)):
            lengths[len(line)] = lengths.get(len(line), 0) + 1
    if not lengths:
        return 10 ** 6
    width, count = max(lengths.items(), key=lambda kv: (kv[1], kv[0]))
    if count < _MIN_WRAPPED_LINES or count * 3 < sum(lengths.values()):
        return 10 ** 6
    return width - 1  # a line with one half-width character is a little shorter


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs: lines, re-joined where a sentence runs over a line break.

    Args:
        text: the decoded document text.

    Returns:
        `[start, end)` spans in text order, without empty lines.

    >>> t = "（一）总体要求\\n\\n加快推进养老服务业供给侧结构性改革，提升服务质量，让广大老年群体享受优质养老服务，进\\n\\n一步落实政策。"
    >>> [t[s:e] for s, e in paragraphs(t)][1][-10:]
    '进\\n\\n一步落实政策。'
    """
    spans = [(s, e) for s, e in _lines(text) if text[s:e].strip() and not _PAGE_NUMBER.match(text[s:e])]
    full_line = min(_PARAGRAPH_LINE, _wrap_width(text, spans))
    out: list[list[int]] = []
    for s, e in spans:
        line = text[s:e]
        if out:
            prev = text[out[-1][0]:out[-1][1]]
            unclosed = (not _CLOSED_LINE.search(prev) and not _CELL_GAP.search(prev)
                        and not _CELL_GAP.search(line) and not _LIST_START.match(line))
            tail = len(line.strip()) <= _TAIL_LINE and bool(_TERMINAL.search(line.rstrip()[-1:]))
            last_line = prev[prev.rfind("\n") + 1:].strip()
            continues = line.lstrip()[:1] in set("。，；、）)") or (unclosed and (
                len(prev.strip()) >= _PARAGRAPH_LINE or (len(prev.strip()) >= _WRAPPED_LINE and tail)
                or len(last_line) >= full_line or prev.rstrip()[-1:] in set("，、（(“《")))
            if continues:
                out[-1][1] = e
                continue
        out.append([s, e])
    return [(s, e) for s, e in out]


def _inside_title(text: str, start: int, at: int) -> bool:
    """`at` lies inside a 《…》 opened after `start`: joint issuers spaced apart in a cited
    title (《国家卫生健康委 国家医保局 国家中医药局关于…的通知》) are no table cells.

    >>> t = "为落实《国家卫生健康委 国家医保局关于…的通知》精神"
    >>> _inside_title(t, 0, t.index(" ")), _inside_title("2025年4月 国家卫生健康委", 0, 7)
    (True, False)
    """
    return text.count("《", start, at) > text.count("》", start, at)


def after_marker(text: str, start: int = 0, end: int | None = None) -> int:
    """Where a span's text begins once its list, outline or article markers are left out.

    Args:
        text: the document text.
        start: start of the span.
        end: end of the span (default: end of text).

    Returns:
        The offset of the first character after the markers.

    >>> after_marker("第十六条 湿地保护管理机构应当履行下列职责：")
    5
    """
    return _strip(text, start, len(text) if end is None else end)[0]


def _strip(text: str, start: int, end: int) -> tuple[int, int, bool]:
    marked = False
    while start < end:
        m = _MARKER.match(text, start, end)
        if not m or m.end() == start:
            break
        marked = marked or bool(m.group().strip())
        start = m.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, marked


# `临床病案内容应包括：病案首页；出院记录；…。` is one requirement listing short items.
_ENUM_ITEM = 25


def _merge_enumerations(text: str, sentences: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Join short cue-less items that follow `…：item；` into the sentence that lists them."""
    out: list[tuple[int, int, bool]] = []
    open_list = False
    for start, end, terminated in sentences:
        chunk = text[start:end]
        if (open_list and out and len(chunk.strip()) <= _ENUM_ITEM and not cues(chunk)):
            out[-1] = (out[-1][0], end, terminated)
            open_list = chunk.rstrip().endswith(("；", ";"))
            continue
        out.append((start, end, terminated))
        open_list = ("：" in chunk or ":" in chunk) and chunk.rstrip().endswith(("；", ";"))
    return out


def segment(text: str) -> list[Clause]:
    """Cut a document into candidate clauses with offsets into `text`.

    Args:
        text: the decoded document text.

    Returns:
        Clauses in text order; `text[c.start:c.end]` is the clause without its list marker.

    >>> t = "（四）降低准入门槛。民政部门应及时发布信息；在民政部门登记的非营利性养老机构，可以依法设立服务网点。"
    >>> [t[c.start:c.end] for c in segment(t)]
    ['降低准入门槛。', '民政部门应及时发布信息；', '在民政部门登记的非营利性养老机构，可以依法设立服务网点。']
    """
    clauses: list[Clause] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        sentences = []
        at = p_start
        for m in _TERMINAL.finditer(text, p_start, p_end):
            sentences.append((at, m.end(), True))
            at = m.end()
        if at < p_end and text[at:p_end].strip():
            sentences.append((at, p_end, False))
        sentences = _merge_enumerations(text, sentences)
        for i, (s_start, s_end, terminated) in enumerate(sentences):
            s_start, _, sentence_marked = _strip(text, s_start, s_end)
            gaps = [g for g in _CELL_GAP.finditer(text, s_start, s_end)
                    if not _inside_title(text, s_start, g.start())]
            cells, at = [], s_start
            for g in gaps:
                cells.append((at, g.start()))
                at = g.end()
            cells.append((at, s_end))
            for c_start, c_end in cells:
                start, end, marked = _strip(text, c_start, c_end)
                if end <= start:
                    continue
                clauses.append(Clause(start, end, number, marked or (sentence_marked and c_start == s_start),
                                      terminated and c_end == s_end, bool(gaps), i == 0, i == len(sentences) - 1))
    return clauses
