"""The GB/T 2260 table: generated from cpca, consistent hierarchy, no placeholder rows."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extractors.rule_data import ONTOLOGY_DATA, read_table

TABLE = ONTOLOGY_DATA / "gbt2260.tsv"


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, str]]:
    return {r["code"]: r for r in read_table(TABLE)}


def test_every_parent_exists_and_is_one_level_up(rows) -> None:
    rank = {"province": 1, "prefecture": 2, "county": 3}
    for code, row in rows.items():
        assert len(code) == 6 and code.isdigit(), code
        if row["level"] == "province":
            assert row["parent"] == "CN", code
        else:
            parent = rows[row["parent"]]
            assert rank[parent["level"]] < rank[row["level"]], code
            assert code.startswith(row["parent"][:2]), code


def test_placeholders_are_gone(rows) -> None:
    assert not {"市辖区", "县", "省直辖县级行政区划"} & {r["name"] for r in rows.values()}
    assert rows["110105"]["parent"] == "110000"  # 北京市朝阳区 hangs under 北京市, not 110100


@pytest.mark.parametrize(
    ("code", "name", "short"),
    [("430000", "湖南省", "湖南"), ("450000", "广西壮族自治区", "广西"), ("431000", "郴州市", "郴州"),
     ("513400", "凉山彝族自治州", "凉山州|凉山"), ("360403", "浔阳区", "浔阳")],
)
def test_names_and_short_forms(rows, code: str, name: str, short: str) -> None:
    assert (rows[code]["name"], rows[code]["short_names"]) == (name, short)


def test_table_is_what_the_script_generates() -> None:
    pytest.importorskip("cpca")
    script = Path(ONTOLOGY_DATA) / "make_gbt2260.py"
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True).stdout
    assert out == TABLE.read_text(encoding="utf-8")
