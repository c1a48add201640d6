"""Deadlines (到2020年, 2024年年底前 -> ISO) and quantitative targets (不低于30%, ≥95%).

A year is a deadline only when the text makes it one: 到/至 before it, or 前/底/末
after it (`2022年进一步做好…` is a period, not a deadline). A target is a number with
a comparator (`不低于`, `≥`, `提高到`, from `data/target_comparators.txt`) or a bound
(`以上`, `以内`), else a percentage or a counted amount, as written.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.rule_data import alternation, read_words

_DEADLINE = re.compile(
    r"(?P<pre>到|至|截止到|截止)?\s*(?P<y>(?:19|20)\d{2})\s*年"
    r"(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?)?"
    r"\s*(?P<post>年底前|年底|年末|底前|底|末|前|以前|之前)?"
)
_CONDITION_BEFORE = re.compile(r"凡|对于?$")
_CONDITION_AFTER = re.compile(r"[^，,。；;]{0,12}?(?:的|人员|者)(?:[，,。；;]|$)")
_NUMBER = r"\d+(?:\.\d+)?(?:\s*[-—~～至到]\s*\d+(?:\.\d+)?)?"


def sets_goal_year(clause: str) -> bool:
    """Whether a clause opens with a goal year (到2020年，…) that the next sentences share.

    >>> sets_goal_year("到2020年，全市健康养老服务业总规模达到300亿元；")
    True
    """
    return bool(re.match(r"\s*(?:到|至)\s*(?:19|20)\d{2}\s*年", clause))


_GOAL_AFTER_YEAR = re.compile(r"达到|提高到|提升到|降低到|下降到|控制在|建成|覆盖|实现|完成|都要|均要|要|应当|必须")


def _opening_goal_year(clause: str, m: re.Match[str]) -> bool:
    """`2016年，试点城市覆盖率达到30%以上。`: a bare year opening the clause, set off by a
    comma, before a goal or a duty, is when it is due (`2022年进一步做好…` is not).

    >>> bool(_opening_goal_year("2015年，所有试点城市都要开展分级诊疗试点。", _DEADLINE.match("2015年")))
    True
    """
    if m.group("m") or clause[:m.start()].strip():
        return False
    rest = clause[m.end():]
    if _FIGURE_GOAL.search(rest) and not rest.startswith(("前", "底", "末", "以前")):
        return True  # 2020年城乡居民医保人均财政补助标准…达到每人每年不低于580元: that year's figure
    return rest.startswith(("，", ",")) and bool(_GOAL_AFTER_YEAR.search(rest))


# A figure a year's clause must reach: 达到每人每年不低于580元, 提高到79元.
_FIGURE_GOAL = re.compile(r"(?:达到|提高到|提高至|提升到|降低到|控制在)[^，,。；;]{0,8}?(?:不低于|不少于|不超过)?\s*\d")


def deadline(clause: str) -> str | None:
    """The ISO deadline a clause sets, with the precision it gives.

    Args:
        clause: the clause text.

    Returns:
        `2020`, `2024-06` or `2023-08-31`, or None when the clause sets no deadline.

    >>> deadline("城乡社区老年人健康管理率2024年年底前提高到63%")
    '2024'
    >>> deadline("到2020年，全市养老床位总数达到2.9万张；")
    '2020'
    >>> deadline("2022年进一步做好食品、公共场所从业人员体检工作。") is None
    True
    >>> deadline("2008年9月1日前取得学位人员，由用人单位进行学位审查。") is None
    True
    >>> deadline("2016年，3个试点城市签约服务人群覆盖率达到30%以上。")
    '2016'
    >>> deadline("2020年城乡居民医保人均财政补助标准新增30元，达到每人每年不低于580元。")
    '2020'
    """
    for m in _DEADLINE.finditer(clause):
        if not (m.group("pre") or m.group("post") or _opening_goal_year(clause, m)):
            continue
        if clause[max(0, m.start() - 2):m.start() + 2].lstrip().startswith(("截至", "截止")) or \
                (clause[max(0, m.start() - 2):m.start()].endswith(("截至", "截止")) and not m.group("post")):
            continue
        if _CONDITION_BEFORE.search(clause[max(0, m.start() - 3):m.start()]) or \
                _CONDITION_AFTER.match(clause, m.end()):
            continue  # 凡1998年9月以前建设使用的, 2008年9月1日前取得学位人员: a condition, not a deadline
        value = m.group("y")
        if m.group("m"):
            month = int(m.group("m"))
            if not 1 <= month <= 12:
                continue
            value += f"-{month:02d}"
            if m.group("d"):
                day = int(m.group("d"))
                if not 1 <= day <= 31:
                    continue
                value += f"-{day:02d}"
        return value
    return None


@lru_cache(maxsize=1)
def _target_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    units = alternation(read_words("target_units.txt"))
    bounds = alternation(read_words("target_bounds.txt"))
    comparators = alternation(read_words("target_comparators.txt"))
    bounded = re.compile(
        rf"(?:(?:{comparators})\s*(?:每[\u4e00-\u9fff]{{1,6}}?)?{_NUMBER}\s*(?:[\u4e00-\u9fffA-Za-z]{{0,6}}?(?:{units}))?"
        rf"(?:{bounds})?"
        rf"|{_NUMBER}\s*(?:{units})\s*(?:{bounds}))"
    )
    amount = re.compile(rf"{_NUMBER}\s*(?:{units})")
    return bounded, amount


def target(clause: str) -> str | None:
    """The quantitative target a clause sets, as written.

    Args:
        clause: the clause text.

    Returns:
        The first bounded figure (`不低于30%`, `≥500 件`, `10个工作日内`), else the first
        percentage or counted amount (`500张床位`), else None.

    >>> target("护理型床位占全市养老床位总数的比例不低于30%；")
    '不低于30%'
    >>> target("自受理设立申请后10个工作日内颁发养老机构设立许可证。")
    '10个工作日内'
    >>> target("业务流程优化率\\t\\t≥95%")
    '≥95%'
    """
    bounded, amount = _target_patterns()
    for m in bounded.finditer(clause):
        if not _in_date(clause, m):
            return m.group().strip()
    for m in amount.finditer(clause):
        if not _in_date(clause, m):
            return m.group().strip()
    return None


def _in_date(clause: str, m: re.Match[str]) -> bool:
    """`2023年12月31日前`: the day and month of a date are not amounts."""
    return bool(re.match(r"(?:19|20)\d{2}\s*年", clause[m.start():])
                or re.search(r"[年月]\s*$", clause[max(0, m.start() - 2):m.start()]))
