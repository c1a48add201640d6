"""Readers for the rule data under `extractors/data/` and `ontology/data/`.

Every data file starts with one `#` comment line saying what it is and its version.
TXT files hold one entry per line; TSV files have a header row after the comment.
Readers are cached: the files are read once per process.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

EXTRACTORS_DATA = Path(__file__).parent / "data"
ONTOLOGY_DATA = Path(__file__).resolve().parent.parent / "ontology" / "data"


def _lines(path: Path) -> list[str]:
    """Non-blank, non-comment lines of a data file, stripped of trailing whitespace."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FileNotFoundError(f"{path}: cannot read rule data ({exc})") from exc
    return [line.rstrip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def read_words(path: Path) -> tuple[str, ...]:
    """The entries of a one-per-line TXT data file, in file order.

    >>> "全国" in read_words(EXTRACTORS_DATA / "region_national_cues.txt")
    True
    """
    return tuple(line.strip() for line in _lines(path))


@lru_cache(maxsize=None)
def read_table(path: Path) -> tuple[dict[str, str], ...]:
    """The rows of a TSV data file as dicts keyed by its header row.

    Raises:
        ValueError: a row has more cells than the header (the message names file and line).

    >>> read_table(ONTOLOGY_DATA / "gbt2260.tsv")[0]["level"]
    'province'
    """
    lines = _lines(path)
    if not lines:
        raise ValueError(f"{path}: no header row")
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=3):
        cells = line.split("\t")
        if len(cells) > len(header):
            raise ValueError(f"{path}:{number}: {len(cells)} cells, header has {len(header)}")
        rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return tuple(rows)


class SurfaceIndex:
    """Leftmost-longest matching of many fixed strings, indexed by their first two characters.

    One dict look-up per character of text keeps a 25k-character document to a few
    milliseconds even with thousands of names (a regex alternation is far slower).

    >>> list(SurfaceIndex(["郴州", "郴州市"]).scan("湖南省郴州市"))
    [(3, 6, '郴州市')]
    """

    def __init__(self, surfaces) -> None:
        by_prefix: dict[str, list[str]] = {}
        for surface in set(surfaces):
            if len(surface) >= 2:
                by_prefix.setdefault(surface[:2], []).append(surface)
        self.by_prefix = {k: sorted(v, key=len, reverse=True) for k, v in by_prefix.items()}
        # Jump (in C) to the next character that can start a surface.
        firsts = "".join(sorted({k[0] for k in self.by_prefix}))
        self._next_start = re.compile(f"[{re.escape(firsts)}]") if firsts else None

    def scan(self, text: str):
        """Yield (start, end, surface) for non-overlapping leftmost-longest matches."""
        if self._next_start is None:
            return
        i = 0
        search = self._next_start.search
        while (found := search(text, i)) is not None:
            i = found.start()
            for surface in self.by_prefix.get(text[i:i + 2], ()):
                if text.startswith(surface, i):
                    yield i, i + len(surface), surface
                    i += len(surface)
                    break
            else:
                i += 1
