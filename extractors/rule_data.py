"""Read the rule data files under `extractors/data/` and `ontology/data/`.

Every file opens with `#` comment lines saying what it holds (and often its version).
A line whose first non-blank character is `#` is a comment; blank lines are ignored;
`#` elsewhere in a line is data (regular expressions may hold one). Three shapes:

- word lists (`.txt`): one entry a line -> `read_words`;
- pair tables (`.tsv`/`.txt`, no header): a fixed number of tab-separated cells -> `read_rows`;
- headed tables (`.tsv`): a header row after the comment -> dicts by column, `read_table`.

A name is a file under `extractors/data/`; pass a full path for other files
(`ONTOLOGY_DATA / "gbt2260.tsv"`). Errors name the file and the line, so a broken
edit to a data file is found at once. Readers are cached: each file is read once per process.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

EXTRACTORS_DATA = Path(__file__).resolve().parent / "data"
ONTOLOGY_DATA = Path(__file__).resolve().parent.parent / "ontology" / "data"


def _lines(name: str | Path) -> tuple[Path, list[tuple[int, str]]]:
    """The file's path and its (line number, text) pairs that are neither blank nor comments,
    stripped of trailing whitespace."""
    path = EXTRACTORS_DATA / name  # an absolute `name` replaces the directory
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FileNotFoundError(f"{path}: cannot read rule data ({exc})") from exc
    lines = [(number, line.rstrip()) for number, line in enumerate(raw.splitlines(), 1)]
    return path, [(n, line) for n, line in lines if line.strip() and not line.lstrip().startswith("#")]


@cache
def read_words(name: str | Path) -> tuple[str, ...]:
    """The entries of a one-per-line file, in file order.

    Args:
        name: file name under `extractors/data/`, or a full path.

    Returns:
        The stripped, non-empty, non-comment lines.

    >>> "推进" in read_words("imperative_verbs.txt"), "全国" in read_words("region_national_cues.txt")
    (True, True)
    """
    return tuple(line.strip() for _, line in _lines(name)[1])


@cache
def read_rows(name: str | Path, columns: int) -> tuple[tuple[str, ...], ...]:
    """The rows of a tab-separated file without a header, each with exactly `columns` cells.

    Args:
        name: file name under `extractors/data/`, or a full path.
        columns: the number of cells every row must have.

    Returns:
        The rows as tuples of stripped cells.

    Raises:
        ValueError: a row has another number of cells (names the file and line).

    >>> ("应当", "obligation") in read_rows("modality_cues.tsv", 2)
    True
    """
    path, lines = _lines(name)
    rows = []
    for number, line in lines:
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if len(cells) != columns:
            raise ValueError(f"{path}:{number}: expected {columns} tab-separated cells, "
                             f"got {len(cells)}: {line!r}")
        rows.append(cells)
    return tuple(rows)


@cache
def read_table(name: str | Path) -> tuple[dict[str, str], ...]:
    """The rows of a tab-separated file as dicts keyed by its header row (the first
    line that is not a comment). Short rows are padded with empty cells.

    Args:
        name: file name under `extractors/data/`, or a full path.

    Returns:
        One dict per row, in file order.

    Raises:
        ValueError: the file has no header, or a row has more cells than the header
            (names the file and line).

    >>> read_table(ONTOLOGY_DATA / "gbt2260.tsv")[0]["level"]
    'province'
    """
    path, lines = _lines(name)
    if not lines:
        raise ValueError(f"{path}: no header row")
    header = lines[0][1].split("\t")
    rows = []
    for number, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > len(header):
            raise ValueError(f"{path}:{number}: {len(cells)} cells, header has {len(header)}")
        rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return tuple(rows)


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of literal `words`, longest first, so that the
    longest word at a position wins (the order of words of one length is kept).

    >>> import re
    >>> re.match(alternation(["卫生", "卫生健康"]), "卫生健康委").group()
    '卫生健康'
    """
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
