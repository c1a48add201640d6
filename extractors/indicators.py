"""Performance-indicator rows of budget tables (指标 | 目标值) as targets of the budget unit.

A row counts when it lies in a table that names its columns as 指标 (一级指标 …
指标值 / 目标值) and its last cell is a quantitative value (`≥500 件`, `100%`,
`≤48 小时`, `前十位`); the clause is the indicator name cell through the value.
Qualitative values (`及时`, `实现`, `较上年提高`) and plain amounts of money tables
(`39.07`) are not targets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.rule_data import read_words

# A value's unit: a percentage or per-mille sign, a rate per population (≤18/10万, ≤6‰), or a
# counting word (≥500 件, ≤48 小时).
_UNIT = r"(?:[%％‰]|/\s*\d*\s*[十百千万]+|[\u4e00-\u9fff]{1,3})"
_VALUE = re.compile(
    rf"(?:[≥≤<>=＞＜≧≦]\s*\d+(?:\.\d+)?\s*{_UNIT}?"
    r"|\d+(?:\.\d+)?\s*[%％‰]"
    r"|前[一二三四五六七八九十\d]{1,3}[位名])"
)
_HEADER = re.compile(r"指标")
_UNIT_NAME = re.compile(
    r"(?:部门名称|单位名称|预算单位|实施单位)[\s:：]*"
    r"([\u4e00-\u9fff（）()]{2,40}?(?:人民政府|委员会|管理局|医院|卫生院|中心|办公室|局|委|厅|院|站|所|校|办))(?=[\s\t]|$|部门编码)"
)
_TITLE_UNIT = re.compile(
    r"^\s*([\u4e00-\u9fff（）()]{4,40}?(?:人民政府|委员会|管理局|医院|卫生院|中心|办公室|局|委|厅|院|站|所|校|办))"
    r"\s*(?:\d{4}\s*年度?)?\s*(?:部门|单位)(?:整体支出)?(?:预算|决算|绩效)", re.MULTILINE)
# Cells are separated by tabs, or by pipes in Markdown tables of web pages (| 门急诊人次 | ≥45万人次 |).
_SEPARATOR = re.compile(r"[\t|｜]")
# How many lines after a 指标 header a row may still belong to its table.
_TABLE_REACH = 60
# PDF tables stack a cell's wrapped lines above its value: at most this many short lines.
_STACKED_LINES = 4
_WRAPPED_LINE = 20
_BOUND_VALUE = re.compile(rf"[≥≤<>=＞＜≧≦]\s*\d+(?:\.\d+)?\s*{_UNIT}?")
# A bare percentage stacked under a rate's name (法定传染病报告及时率 / 100%).
_RATE_VALUE = re.compile(r"\d+(?:\.\d+)?\s*[%％‰]")
_RATE_NAME = re.compile(r"(?:率|比例|占比|比重|满意度)$")


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator row: `text[start:end]` from the name cell to the value cell."""

    start: int
    end: int
    name: str
    value: str


def indicator_rows(text: str) -> list[IndicatorRow]:
    """Performance-indicator rows with a quantitative target value.

    Args:
        text: the document text.

    Returns:
        Rows in text order.

    >>> t = "一级指标\\t二级指标\\t三级指标\\t指标值\\n产出指标\\t数量指标\\t业务流程优化率\\t\\t≥95%\\n\\t\\t投诉处理及时性\\t及时\\n"
    >>> [(r.name, r.value) for r in indicator_rows(t)]
    [('业务流程优化率', '≥95%')]
    >>> [(r.name, r.value) for r in indicator_rows("| 一级指标 | 三级指标 | 指标值 |\\n| 产出指标 | 门急诊人次 | ≥45万人次 |\\n")]
    [('门急诊人次', '≥45万人次')]
    >>> [(r.name, r.value) for r in indicator_rows("三级指标\\t年度指标值\\n孕产妇死亡率\\t≤18/10万\\n婴儿死亡率\\t≤6‰\\n")]
    [('孕产妇死亡率', '≤18/10万'), ('婴儿死亡率', '≤6‰')]
    """
    rows = []
    since_header = None
    lines: list[tuple[int, str]] = []  # (offset, line) of the current table
    at = 0
    for line in text.split("\n"):
        line_start, at = at, at + len(line) + 1
        if _HEADER.search(line):
            since_header = 0
            lines = []
        elif since_header is not None:
            since_header += 1
        if since_header is None or since_header > _TABLE_REACH:
            continue
        if not _SEPARATOR.search(line):
            stacked = _stacked_row(lines, line_start, line)
            if stacked:
                rows.append(stacked)
            if line.strip():
                lines.append((line_start, line))
            continue
        lines.append((line_start, line))
        cells = [(m.start(), m.end()) for m in re.finditer(r"[^\t|｜]+", line) if m.group().strip()]
        if len(cells) < 2:
            continue
        # The target is the first value cell after a name (later cells: actual value, score).
        pair = next(((cells[i - 1], cells[i]) for i in range(1, len(cells))
                     if _VALUE.fullmatch(line[cells[i][0]:cells[i][1]].strip())), None)
        if pair is None:
            continue
        (n_start, n_end), (v_start, v_end) = pair
        name, value = line[n_start:n_end].strip(), line[v_start:v_end].strip()
        if not re.search(r"[\u4e00-\u9fff]", name) or name.endswith("指标"):
            continue
        lead = len(line[n_start:n_end]) - len(line[n_start:n_end].lstrip())
        rows.append(IndicatorRow(line_start + n_start + lead, line_start + v_start + len(line[v_start:v_end].rstrip()),
                                 name, value))
    return rows


def _stacked_row(lines: list[tuple[int, str]], line_start: int, line: str) -> IndicatorRow | None:
    """A bounded value alone on its line under the wrapped lines of its indicator name.

    `公立医疗门诊患者、住\\n\\n院患者满意度\\n≥90%`: the name runs back to the
    category cell (服务对象满意度) above it. A bare percentage counts under a rate's name
    (`法定传染病报告及时率\\n100%`), never under an amount.

    >>> _stacked_row([(0, "时效指标"), (5, "法定传染病报告及时率")], 16, "100%").name
    '法定传染病报告及时率'
    >>> _stacked_row([(0, "项目资金"), (5, "143.67万元")], 16, "100%") is None
    True
    """
    value = line.strip()
    rate = bool(_RATE_VALUE.fullmatch(value)) and bool(lines) and bool(_RATE_NAME.search(lines[-1][1].strip()))
    if not _BOUND_VALUE.fullmatch(value) and not rate:
        return None
    categories = set(read_words("indicator_categories.txt"))
    name_lines: list[tuple[int, str]] = []
    for offset, previous in reversed(lines):
        cell = previous.strip()
        if cell in categories or cell.endswith("指标") or len(cell) > _WRAPPED_LINE or _VALUE.search(cell) or _SEPARATOR.search(previous):
            break
        name_lines.insert(0, (offset, previous))
        if len(name_lines) == _STACKED_LINES:
            break
    if not name_lines:
        return None
    first_offset, first = name_lines[0]
    start = first_offset + len(first) - len(first.lstrip())
    end = line_start + len(line.rstrip())
    name = "".join(cell.strip() for _, cell in name_lines)
    return IndicatorRow(start, end, name, value)


def budget_unit(text: str) -> str | None:
    """The unit a budget document belongs to, from its 部门名称 cell or its title.

    Args:
        text: the document text.

    Returns:
        The unit's name as written, or None.

    >>> budget_unit("部门名称 深圳市龙岗中心医院 部门编码 022006")
    '深圳市龙岗中心医院'
    >>> budget_unit("\\n九江市浔阳区政务服务管理局 2025 年部门预算\\n")
    '九江市浔阳区政务服务管理局'
    """
    m = _UNIT_NAME.search(text) or _TITLE_UNIT.search(text[:2000])
    return m.group(1) if m else None


_YEAR_COLUMN = re.compile(r"((?:19|20)\d\d)\s*年?(?:底|末)?\s*(?:目标值?|预期值?|值)?")
_PLAN_VALUE = re.compile(r"[≥≤<>＞＜≧≦]?\s*\d+(?:\.\d+)?\s*(?:[%％‰]|[\u4e00-\u9fff/]{1,6})?")


@dataclass(frozen=True)
class PlanIndicatorRow:
    """A row of a plan's main-indicator table: `text[start:end]` from the name to the target."""

    start: int
    end: int
    name: str
    value: str
    year: str


def plan_indicator_rows(text: str) -> list[PlanIndicatorRow]:
    """Rows of a plan's indicator table (主要指标 | 2020年 | 2025年 | 指标性质): the value in the
    last year column is the target for that year.

    Args:
        text: the document text.

    Returns:
        Rows in text order; tables whose cells are separated by tabs or pipes.

    >>> t = "主要指标\\t2020年\\t2025年\\t指标性质\\n人均预期寿命（岁）\\t77.6\\t78.6\\t预期性\\n\\n正文。"
    >>> [(r.name, r.value, r.year) for r in plan_indicator_rows(t)]
    [('人均预期寿命（岁）', '78.6', '2025')]
    """
    rows: list[PlanIndicatorRow] = []
    header: tuple[int, int, int, str] | None = None  # (cell count, name column, year column, year)
    at = 0
    for line in text.split("\n"):
        line_start, at = at, at + len(line) + 1
        cells = [(m.start(), m.end()) for m in re.finditer(r"[^\t|｜]+", line) if m.group().strip()]
        values = [line[a:b].strip() for a, b in cells]
        if not _SEPARATOR.search(line) or len(cells) < 3:
            if header and not line.strip():
                continue
            header = None
            continue
        years = [(i, m.group(1)) for i, v in enumerate(values) if (m := _YEAR_COLUMN.fullmatch(v))]
        names = [i for i, v in enumerate(values) if "指标" in v and years and i < years[0][0]]
        if years and names:
            header = (len(cells), names[-1], years[-1][0], years[-1][1])
            continue
        if header is None or len(cells) != header[0]:
            continue
        _, name_at, year_at, year = header
        name, value = values[name_at], values[year_at]
        if not re.search(r"[\u4e00-\u9fff]", name) or not _PLAN_VALUE.fullmatch(value.replace(" ", "")):
            continue
        (n_start, _), (_, v_end) = cells[name_at], cells[year_at]
        lead = len(line[n_start:]) - len(line[n_start:].lstrip())
        trail = len(line[:v_end]) - len(line[:v_end].rstrip())
        rows.append(PlanIndicatorRow(line_start + n_start + lead, line_start + v_end - trail, name, value, year))
    return rows
