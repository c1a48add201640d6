"""Responsibility notes of work plans: who leads a task and by when.

Chinese implementation plans follow a task with a note such as
`（牵头单位：市卫生健康委；配合单位：市财政局；完成时限：2024年12月底前）`, inline
or on the next line. The lead unit (first name after a label of
`data/actor_note_labels.txt`) bears the task; the time limit (label of
`data/deadline_note_labels.txt`) is its deadline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.rule_data import alternation, read_rows, read_words
from extractors.targets import deadline


@dataclass(frozen=True)
class Note:
    """A responsibility note `text[start:end]` with its lead unit and deadline."""

    start: int
    end: int
    lead: str | None
    deadline: str | None
    inline: bool  # follows its task on the same line; else it is a line of its own
    covers: tuple[int, int] | None = None  # the task cell of a table row it belongs to


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    leads = alternation(read_words("actor_note_labels.txt"))
    limits = alternation(read_words("deadline_note_labels.txt"))
    lead = re.compile(rf"(?:{leads})\s*[:：]\s*([^；;，,。\n]{{2,60}})")
    limit = re.compile(rf"(?:{limits})\s*[:：]\s*([^；;。）)\n]{{2,30}})")
    line_start = re.compile(rf"\s*(?:{leads}|{limits})\s*[:：]")
    return lead, limit, line_start


def _first_unit(listed: str) -> str | None:
    """`各县（市、区）人民政府、市财政局）` -> 各县（市、区）人民政府: the first of a 、 list."""
    depth, out = 0, []
    for ch in listed.strip():
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            if depth == 0:
                break
            depth -= 1
        elif ch == "、" and depth == 0:
            break
        out.append(ch)
    unit = "".join(out).strip()
    return unit if len(unit) >= 2 else None


_UNLABELLED = re.compile(
    r"^[（(](?P<lead>[^（）()，,；;：:]{2,60}?)(?:按职责分工|分别)?(?:负责|牵头(?:负责)?)"
    r"(?:[，,；;]\s*[^（）()]{2,80}?(?:配合|参与|协助|协同|指导|督导|按职责分工负责))?[)）]$")
_BODY_END = re.compile(r"(?:委|局|厅|办|部门|政府|中心|院|会|室|处|科|部|署|行|团)$")


def unlabelled_lead(chunk: str) -> str | None:
    """The lead body of a bracketed note without labels: `（省卫生计生委负责）`,
    `（省卫生计生委牵头，省财政厅、省编办配合）`; every listed name must end like a body.
    Bodies that are all 负责 share the task and are all its actor; of a 牵头 note, the first
    leads. A region pair (各县、区人民政府) is one name.

    >>> unlabelled_lead("（省卫生计生委、省发展改革委负责）"), unlabelled_lead("（省卫生计生委牵头，省编办、省财政厅配合）")
    ('省卫生计生委、省发展改革委', '省卫生计生委')
    >>> unlabelled_lead("（由患者本人负责）") is None, unlabelled_lead("（市卫健委、市医保局按职责分工负责）")
    (True, '市卫健委、市医保局')
    >>> unlabelled_lead("（各县、区人民政府负责）")
    '各县、区人民政府'
    >>> unlabelled_lead("（各县市区人民政府负责，市卫生健康委指导）")
    '各县市区人民政府'
    """
    match = _UNLABELLED.match(chunk)
    if not match:
        return None
    names: list[str] = []
    for piece in match.group("lead").split("、"):
        if names and not _BODY_END.search(names[-1].strip()) and len(names[-1].strip()) <= 3:
            names[-1] += "、" + piece  # 各县、区人民政府: the region pair names one body
        else:
            names.append(piece)
    if not all(_BODY_END.search(n.strip()) and len(n.strip()) >= 3 for n in names):
        return None
    if "牵头" not in chunk[match.end("lead"):]:
        return match.group("lead").strip()
    return _first_unit(match.group("lead"))


def notes(text: str) -> list[Note]:
    """Every responsibility note with a lead unit or a time limit.

    A note is the bracketed group holding the labels, or the line holding them.

    Args:
        text: the document text.

    Returns:
        Notes in text order.

    >>> t = "加强人才队伍建设。（牵头单位：市卫生健康委；配合单位：市财政局；完成时限：2024年12月底前）"
    >>> [(n.lead, n.deadline) for n in notes(t)]
    [('市卫生健康委', '2024-12')]
    >>> [n.lead for n in notes("落实乡村医生待遇。\\n责任单位：各县（市、区）人民政府、市卫生健康委\\n")]
    ['各县（市、区）人民政府']
    >>> [n.lead for n in notes("开展家庭医生签约服务。（省卫生计生委负责）")]
    ['省卫生计生委']
    """
    lead_pattern, limit_pattern, label_line = _patterns()
    found: list[Note] = []
    at = 0
    for line in text.split("\n"):
        line_start, at = at, at + len(line) + 1
        spans = [(m.start(), m.end()) for m in re.finditer(r"[（(][^（()）]{4,200}[)）]", line)]
        if not spans and label_line.match(line):
            spans = [(0, len(line))]
        for start, end in spans:
            chunk = line[start:end]
            lead, limit = lead_pattern.search(chunk), limit_pattern.search(chunk)
            if not lead and not limit:
                bodies = unlabelled_lead(chunk)
                if bodies:
                    found.append(Note(line_start + start, line_start + end, bodies, None,
                                      bool(line[:start].strip())))
                continue
            when = None
            if limit:
                value = limit.group(1)
                when = deadline(value if re.search(r"前|底|末", value) else value + "前")
            found.append(Note(line_start + start, line_start + end, _first_unit(lead.group(1)) if lead else None,
                              when, bool(line[:start].strip())))
    return found


_CELL = re.compile(r"[^\t|｜\n]+")


def _cells(text: str) -> list[tuple[int, int, str]]:
    """Non-blank table cells in reading order: split at line breaks, tabs and pipes."""
    out = []
    for match in _CELL.finditer(text):
        value = match.group().strip(" \u3000\r")
        if value and not set(value) <= set("-:：— "):
            at = match.start() + match.group().index(value)
            out.append((at, at + len(value), value))
    return out


def table_notes(text: str) -> list[Note]:
    """Lead unit and time limit of each row of a task table (序号 | 重点任务 | 牵头单位 | 完成时限).

    Rows reach us one cell a line or tab/pipe separated; the header names the columns
    (`data/task_table_columns.tsv`). A row's note covers its task cell.

    Args:
        text: the document text.

    Returns:
        One note per row with a lead unit or a time limit, `covers` set to the task cell.

    >>> t = "序号\\n重点任务\\n牵头单位\\n完成时限\\n1\\n推进医共体建设。\\n市卫生健康委基层科\\n2021年12月底\\n"
    >>> [(n.lead, n.deadline, t[n.covers[0]:n.covers[1]]) for n in table_notes(t)]
    [('市卫生健康委基层科', '2021-12', '推进医共体建设。')]
    >>> t = "序号\\n重点任务\\n牵头单位\\n完成时限\\n1\\n落实补助。\\n市卫生健康委、\\n市财政局\\n2021年6月底\\n2\\n培养乡村医生。\\n市卫生健康委\\n2021年9月底\\n"
    >>> [(n.lead, n.deadline) for n in table_notes(t)]
    [('市卫生健康委', '2021-06'), ('市卫生健康委', '2021-09')]
    """
    columns = dict(read_rows("task_table_columns.tsv", 2))
    cells = _cells(text)
    found: list[Note] = []
    i = 0
    while i < len(cells):
        header = []
        while i + len(header) < len(cells) and cells[i + len(header)][2] in columns:
            header.append(columns[cells[i + len(header)][2]])
        if "task" not in header or not ({"lead", "deadline"} & set(header)) or len(header) < 3:
            i += max(1, len(header))
            continue
        i += len(header)
        rows = _numbered_rows(cells, i, header) if header == _NUMBERED else _fixed_rows(cells, i, header)
        found.extend(_row_note(row) for row in rows)
    return found


_NUMBERED = ["index", "task", "lead", "deadline"]
_UNIT_CELL = re.compile(r"(?:委|局|厅|办|政府|部门|单位|中心|院|科|处|室|会|组)[、，,]?$")
_TIME_CELL = re.compile(r"(?:19|20)\d\d|月|底|前|长期|持续|常态")


def _row_note(row: dict[str, tuple[int, int, str]]) -> Note:
    task = row["task"]
    lead = _first_unit(row["lead"][2]) if "lead" in row else None
    when = None
    if "deadline" in row:
        value = row["deadline"][2]
        when = deadline(value if re.search(r"前|底|末", value) else value + "前")
    parts = [row[c] for c in ("lead", "deadline") if c in row] or [task]
    return Note(min(p[0] for p in parts), max(p[1] for p in parts), lead, when, False, covers=(task[0], task[1]))


def _fixed_rows(cells: list[tuple[int, int, str]], i: int, header: list[str]) -> list[dict]:
    """Rows of exactly one cell a column, read until a row's number cell is not a number."""
    rows, width = [], len(header)
    while i + width <= len(cells):
        row = dict(zip(header, cells[i:i + width], strict=True))
        if "index" in row and not re.fullmatch(r"[0-9一二三四五六七八九十]{1,3}[.、]?", row["index"][2]):
            break
        rows.append(row)
        i += width
    return rows


def _numbered_rows(cells: list[tuple[int, int, str]], i: int, header: list[str]) -> list[dict]:
    """Rows of a 序号 | 任务 | 牵头单位 | 时限 table cut at the row numbers 1, 2, 3 …, so a cell
    wrapped over two lines (市卫生健康委、 / 市财政局) does not shift the columns."""
    rows = []
    number = 1
    while i < len(cells) and re.fullmatch(rf"{number}[.、]?", cells[i][2]):
        end = next((j for j in range(i + 1, min(len(cells), i + 4 * len(header)))
                    if re.fullmatch(rf"{number + 1}[.、]?", cells[j][2])), None)
        body = cells[i + 1:end if end is not None else i + len(header)]
        if len(body) < 3:
            break
        when = body[-1] if _TIME_CELL.search(body[-1][2]) and len(body[-1][2]) <= 20 else None
        rest = body[:-1] if when else body
        units: list[tuple[int, int, str]] = []
        while len(rest) > 1 and _UNIT_CELL.search(rest[-1][2]) and len(rest[-1][2]) <= 40:
            units.insert(0, rest.pop())
        if not units:
            break
        task = (rest[0][0], rest[-1][1], "".join(c[2] for c in rest))
        lead = (units[0][0], units[-1][1], "".join(c[2] for c in units))
        row = {"task": task, "lead": lead}
        if when:
            row["deadline"] = when
        rows.append(row)
        if end is None:
            break
        i, number = end, number + 1
    return rows
