"""Dates written in Chinese policy text, normalised to ISO with the precision given.

`2018年7月6日`, `2018-07-19`, `2018.7.6`, `二〇一八年七月六日` give a day
(`2018-07-06`); `2025年6月` a month (`2025-06`); `2017年` / `2023年度` a year.
A role is read from the words just before the date: 到/截至/前 make a deadline,
a range (`2025-2027年`) a period, and the caller marks issue dates (headers,
signatures, table rows) itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extractors.doc_text import char_spans, document_text
from extractors.rule_data import read_words

SPAN_KEY = "hp_dates"

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_YEAR = "〇○零Ｏ一二三四五六七八九"
_CN_SMALL = "一二三四五六七八九十"
_S = r"[ \t\u3000]*"
_DATE = re.compile(
    rf"(?P<y>(?:19|20)\d\d){_S}年{_S}(?P<m>\d{{1,2}}){_S}月(?:{_S}(?P<d>\d{{1,2}}){_S}[日号])?"
    rf"|(?P<iy>(?:19|20)\d\d)(?P<sep>[-./])(?P<im>\d{{1,2}})(?P=sep)(?P<id>\d{{1,2}})(?!\d)"
    rf"|(?P<cy>[{_CN_YEAR}]{{4}})年(?P<cm>[{_CN_SMALL}]{{1,2}})月(?:(?P<cd>[{_CN_SMALL}]{{1,3}})日)?"
    rf"|(?P<range>(?:19|20)\d\d)\s*[-—–~至到]\s*(?:19|20)\d\d{_S}年"
    rf"|(?<![\d.])(?P<yy>(?:19|20)\d\d){_S}年(?!\d)"
)


@dataclass(frozen=True)
class DateHit:
    """A date in the text: ISO value (`2018`, `2018-07`, `2018-07-06`), role and span."""

    value: str
    role: str
    start: int
    end: int

    @property
    def precision(self) -> str:
        """`year`, `month` or `day`."""
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]


def chinese_number(text: str) -> int:
    """Value of a small Chinese numeral (1-31) or a digit-by-digit year.

    >>> chinese_number("二〇一八"), chinese_number("十二"), chinese_number("二十六")
    (2018, 12, 26)
    """
    if "十" not in text:
        value = 0
        for char in text:
            value = value * 10 + _CN_DIGIT[char]
        return value
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    if not 1900 <= year <= 2100:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


@lru_cache(maxsize=1)
def _deadline_cues() -> tuple[str, ...]:
    return read_words("date_deadline_cues.txt")


def _role(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 4):start]
    after = text[end:end + 4]
    if any(before.endswith(cue) for cue in _deadline_cues()) or re.match(r"(年底|底|末)?(前|之前|以前)", after):
        return "deadline"
    return "other"


def parse_date(text: str) -> str | None:
    """ISO form of one written date, or None.

    >>> parse_date("二〇一八年七月六日"), parse_date("2025年6月"), parse_date("2018-07-19")
    ('2018-07-06', '2025-06', '2018-07-19')
    """
    match = _DATE.fullmatch(text.strip())
    return _value(match) if match else None


def _value(match: re.Match[str]) -> str | None:
    g = match.groupdict()
    if g["y"]:
        return _iso(int(g["y"]), int(g["m"]), int(g["d"]) if g["d"] else None)
    if g["iy"]:
        return _iso(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["cy"]:
        return _iso(chinese_number(g["cy"]), chinese_number(g["cm"]),
                    chinese_number(g["cd"]) if g["cd"] else None)
    if g["range"]:
        return _iso(int(g["range"]))
    return _iso(int(g["yy"]))


def find_dates(text: str) -> list[DateHit]:
    """Every date in `text` with its ISO value and a role (deadline, period or other).

    >>> [(d.value, d.role) for d in find_dates("到2020年，养老床位达到2.9万张；2018年7月6日印发")]
    [('2020', 'deadline'), ('2018-07-06', 'other')]
    """
    hits = []
    for match in _DATE.finditer(text):
        value = _value(match)
        if value is None:
            continue
        role = "period" if match.group("range") else _role(text, match.start(), match.end())
        hits.append(DateHit(value, role, match.start(), match.end()))
    return hits


class DateRecognizer:
    """Marks dates in `doc.spans["hp_dates"]` (label: ISO value); the hits with their
    roles go to `doc.user_data["hp_dates"]`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        hits = find_dates(document_text(doc))
        doc.user_data[SPAN_KEY] = hits
        doc.spans[SPAN_KEY] = char_spans(doc, ((h.start, h.end, h.value) for h in hits))
        return doc


@Language.factory("hp_dates", assigns=["doc.spans"])
def make_date_recognizer(nlp: Language, name: str) -> DateRecognizer:
    """Factory of the `hp_dates` component."""
    return DateRecognizer(nlp, name)
