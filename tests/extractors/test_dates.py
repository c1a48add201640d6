"""Dates: ISO with precision, Chinese numerals, roles."""
from __future__ import annotations

import pytest

from extractors.dates import chinese_number, find_dates, parse_date


@pytest.mark.parametrize("written, iso", [
    ("2018年7月6日", "2018-07-06"),
    ("二〇一八年七月六日", "2018-07-06"),
    ("二〇二〇年十二月三十一日", "2020-12-31"),
    ("2025年6月", "2025-06"),
    ("2018-07-19", "2018-07-19"),
    ("2025 年", "2025"),
    ("2018年13月1日", None),
])
def test_parse_date(written, iso):
    assert parse_date(written) == iso


def test_roles_in_a_real_paragraph():
    text = ("（三）发展目标。到2020年，养老服务市场全面放开。"
            "城乡社区老年人健康管理率2024年年底前提高到63%。"
            "上海市推进“儿科服务年”行动实施方案（2025-2027年）")
    found = [(d.value, d.role) for d in find_dates(text)]
    assert found == [("2020", "deadline"), ("2024", "deadline"), ("2025", "period")]


def test_offsets_and_day_precision():
    text = "郴州市人民政府办公室\n\n2018年7月6日\n\n(此件主动公开)"
    date = find_dates(text)[0]
    assert text[date.start:date.end] == "2018年7月6日"
    assert date.precision == "day"


def test_chinese_number():
    assert chinese_number("二〇一八") == 2018
    assert chinese_number("十") == 10
    assert chinese_number("三十一") == 31
