"""Read the rule data files under `extractors/data/` (word lists and small tables).

Lists are one entry a line; `#` starts a comment; blank lines are ignored.
Tables are tab-separated with a fixed number of columns. Errors name the file
and the line, so a broken edit to a data file is found at once.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _lines(name: str) -> list[tuple[int, str]]:
    path = DATA / name
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise FileNotFoundError(f"rule file {path} is missing") from exc
    out = []
    for number, line in enumerate(raw.splitlines(), 1):
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            out.append((number, line))
    return out


@cache
def read_list(name: str) -> tuple[str, ...]:
    """The entries of a one-word-a-line file, in file order.

    Args:
        name: file name under `extractors/data/`.

    Returns:
        The stripped, non-empty, non-comment lines.

    >>> "推进" in read_list("imperative_verbs.txt")
    True
    """
    return tuple(line.strip() for _, line in _lines(name))


@cache
def read_table(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    """The rows of a tab-separated file, each with exactly `columns` cells.

    Args:
        name: file name under `extractors/data/`.
        columns: the number of cells every row must have.

    Returns:
        The rows as tuples of stripped cells.

    Raises:
        ValueError: a row has another number of cells (names the file and line).

    >>> ("应当", "obligation") in read_table("modality_cues.tsv", 2)
    True
    """
    rows = []
    for number, line in _lines(name):
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if len(cells) != columns:
            raise ValueError(f"{DATA / name}:{number}: expected {columns} tab-separated cells, "
                             f"got {len(cells)}: {line!r}")
        rows.append(cells)
    return tuple(rows)
