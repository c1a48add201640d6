"""Policy tables in reports: rows of date | issuer | title | content.

Market reports list policies in tables that reach us as text in three layouts:
one row per line with tabs (`2025年6月\t国家卫生健康委等部门\t关于…的通知\t…`), one
row per line with spaces, sometimes glued to the previous row's content
(`…人员配置。2024年7月 国家中医药管理局 关于…若干意见 …`), and one cell per line
with blank lines between. A region column (`省市`) is printed once per group:
that province heads the following rows and is their jurisdiction.

The header row (`发布时间 发布部门 政策名称 主要内容`) gives the column order;
rows start at a date cell; the table ends at `资料来源` or the next header.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.dates import parse_date
from extractors.rule_data import read_rows

_CELL = re.compile(r"[^\t\n ]+(?: [^\t\n ]+)*")
_ROW_GLUE = re.compile(r"(?<=[。；;！!])\s*(?=(?:19|20)\d\d\s*年\s*\d{1,2}\s*月)")
_DATE_CELL = re.compile(r"(?:19|20)\d\d\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|(?:19|20)\d\d[-./]\d{1,2}(?:[-./]\d{1,2})?")
_TABLE_END = re.compile(r"资料来源|数据来源|来源[：:]|\n\s*\n\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章节])")
_MAX_TABLE = 12000
_MAX_TITLE = 100


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TableRow:
    """One policy row: date (ISO), issuer and title as written, and the group's region."""

    date: str | None
    date_span: tuple[int, int] | None
    issuer: Cell | None
    title: Cell
    region: str | None  # GB/T 2260 code of the group heading (省市 column), if any


def _columns() -> dict[str, str]:
    return {word: column for word, column in read_rows("title_table_columns.tsv", 2)}


def _header_pattern() -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, _columns()), key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=[\s|｜]))(?:{words})(?:[\s|｜]+(?:{words})){{2,}}(?=[\s|｜]|$)")


def _cells(text: str, start: int, end: int) -> list[Cell]:
    """Cells of a table body: split at tabs and line breaks, at spaces, and between glued rows."""
    cells = []
    for match in re.finditer(r"[^\t\n|｜]+", text[start:end]):
        piece_start = start + match.start()
        piece = match.group()
        bounds = [0] + [m.start() for m in _ROW_GLUE.finditer(piece)] + [len(piece)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            for sub in re.finditer(r"\S+", piece[a:b]):
                if set(sub.group()) <= set("-:：—"):
                    continue  # the |---|---| rule under a Markdown header
                cells.append(Cell(sub.group(), piece_start + a + sub.start(), piece_start + a + sub.end()))
    return cells


def _cell_date(text: str) -> str | None:
    """ISO value of a date cell: `2025年6月`, `2025.06`, `2024-12-30`, `2023年`.

    >>> _cell_date("2025.06"), _cell_date("2023年")
    ('2025-06', '2023')
    """
    text = re.sub(r"\s+", "", text)
    value = parse_date(text)
    if value:
        return value
    match = re.fullmatch(r"((?:19|20)\d\d)[-./](\d{1,2})", text)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(1)}-{int(match.group(2)):02d}"
    return text[:4]


def _region_code(cell: str) -> str | None:
    """Code of a cell that is nothing but a region name (上海市, 广西壮族自治区)."""
    if len(cell) > 12:
        return None
    from extractors.regions import find_regions

    hits = find_regions(cell)
    if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(cell):
        return hits[0].code
    return None


def find_table_rows(text: str) -> list[TableRow]:
    """Policy rows of every table in a report.

    Args:
        text: the decoded document.

    Returns:
        Rows in text order, each with the title cell's offsets.

    >>> rows = find_table_rows("发布时间\\t发布部门\\t政策名称\\t主要内容\\n"
    ...                        "2024年1月\\t国务院办公厅\\t关于发展银发经济增进老年人福祉的意见\\t鼓励…\\n资料来源：整理")
    >>> rows[0].date, rows[0].issuer.text, rows[0].title.text
    ('2024-01', '国务院办公厅', '关于发展银发经济增进老年人福祉的意见')
    """
    columns = _columns()
    rows: list[TableRow] = []
    for header in _header_pattern().finditer(text):
        order = [columns[word] for word in re.split(r"[\s|｜]+", header.group()) if word]
        if "title" not in order or "date" not in order:
            continue
        body_start = header.end()
        end_match = _TABLE_END.search(text, body_start, body_start + _MAX_TABLE)
        body_end = end_match.start() if end_match else min(len(text), body_start + _MAX_TABLE)
        rows.extend(_parse_rows(_cells(text, body_start, body_end), order))
    return rows


def _looks_like_title(cell: Cell) -> bool:
    return 4 <= len(cell.text) <= _MAX_TITLE and not re.search(r"[。；]$", cell.text)


def _parse_rows(cells: list[Cell], order: list[str]) -> list[TableRow]:
    """Walk the cells: a date cell starts a row; title and issuer cells are read in
    column order, before the date (from the cells just seen) or after it."""
    at = order.index("date")
    before_date = [c for c in order[:at] if c in ("issuer", "title")]
    after_date = [c for c in order[at + 1:] if c in ("issuer", "title")]
    rows: list[TableRow] = []
    region: str | None = None
    current: dict[str, Cell | None] | None = None
    pending: list[str] = []
    seen: list[Cell] = []  # cells since the last date cell, region headings left out

    def finish() -> None:
        title = current.get("title") if current else None
        if current is None or title is None:
            return
        if title.text.startswith("《") and title.text.endswith("》"):
            title = Cell(title.text[1:-1], title.start + 1, title.end - 1)
        date = current["date"]
        rows.append(TableRow(_cell_date(date.text), (date.start, date.end), current.get("issuer"),
                             title, current.get("region_code")))

    for cell in cells:
        if _DATE_CELL.fullmatch(cell.text):
            finish()
            current = {"date": cell, "title": None, "issuer": None, "region_code": region}
            if before_date and len(seen) >= len(before_date):
                for column, value in zip(before_date, seen[-len(before_date):], strict=True):
                    current[column] = value
            pending, seen = list(after_date), []
            continue
        if pending and current is not None:
            column = pending.pop(0)
            current[column] = cell if column == "issuer" or _looks_like_title(cell) else None
            continue
        if "region" in order:
            code = _region_code(cell.text)
            if code:
                region = code
                if current is not None and before_date:
                    current = None  # the heading belongs to the rows that follow
                continue
        seen.append(cell)
    finish()
    return rows
