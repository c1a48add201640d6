"""Identity keys: the same policy, organization or region written differently meets once."""
from __future__ import annotations

import pytest

from kg import resolve


@pytest.mark.parametrize("written,key", [
    ("郴政办发〔2018〕18号", "郴政办发〔2018〕18号"),
    ("郴政办发[2018]18号", "郴政办发〔2018〕18号"),
    ("郴政办发（2018）18号", "郴政办发〔2018〕18号"),
    ("郴政办发［2018］18号", "郴政办发〔2018〕18号"),
    (" 国发明电〔2020〕10号。", "国发明电〔2020〕10号"),
])
def test_doc_numbers_normalise_brackets_and_space(written: str, key: str) -> None:
    assert resolve.policy_identity(written, "任意标题") == key


def test_title_is_the_key_without_a_number() -> None:
    a = resolve.policy_identity(None, "《关于全面放开养老服务市场提升养老服务质量的实施意见》")
    b = resolve.policy_identity(None, "关于全面放开养老服务市场\n提升养老服务质量的实施意见")
    assert a == b == "title:关于全面放开养老服务市场提升养老服务质量的实施意见"


@pytest.mark.parametrize("key,number", [
    ("湘政办发〔2017〕84号", True), ("商务部令2016年第3号", True), ("民函〔2015〕280号", True),
    ("郴财社[2018]2号", True), ("消防法", False),
    ("关于做好2025年基本公共卫生服务工作的通知", False)])
def test_citation_keys_are_numbers_or_titles(key: str, number: bool) -> None:
    assert resolve.is_doc_number(key) is number
    assert resolve.citation_identity(key).startswith("title:") is not number


def test_organization_aliases_meet_on_the_canonical_name() -> None:
    assert resolve.organization_identity("国家卫健委") == \
        resolve.organization_identity("国家卫生健康委员会") == "国家卫生健康委员会"


def test_organization_name_is_normalised() -> None:
    assert resolve.organization_identity(" 郴州市人民政府办公室\n") == "郴州市人民政府办公室"


@pytest.mark.parametrize("code,chain", [
    ("360403", ["360403", "360400", "360000", "CN"]),   # 九江市浔阳区
    ("431000", ["431000", "430000", "CN"]),             # 郴州市
    ("440000", ["440000", "CN"]),
    ("CN", ["CN"]),
])
def test_regions_climb_to_the_nation(code: str, chain: list[str]) -> None:
    assert resolve.region_ancestry(code) == chain


def test_unknown_code_falls_back_to_its_digits() -> None:
    assert resolve.region_ancestry("999901") == ["999901", "999900", "990000", "CN"]
