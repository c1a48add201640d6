"""Issuer identity: canonical names, joint lists, and what a 发文字号 says about its issuer."""
from __future__ import annotations

import pytest

from extractors.issuers import (
    canonical_name,
    issuers_of_doc_number,
    jurisdiction_of,
    jurisdiction_of_doc_number,
    resolve_issuer,
    split_issuers,
)


@pytest.mark.parametrize(
    ("number", "issuers", "jurisdiction"),
    [
        ("郴政办发〔2018〕18号", ["郴州市人民政府办公室"], ["431000"]),
        ("郴政办函〔2018〕86号", ["郴州市人民政府办公室"], ["431000"]),
        ("湘政办发〔2017〕84号", ["湖南省人民政府办公厅"], ["430000"]),
        ("国办发[2017]52号", ["国务院办公厅"], ["CN"]),
        ("国发明电〔2020〕10号", ["国务院"], ["CN"]),
        ("商务部令2016年第3号", ["商务部"], ["CN"]),
        ("中华人民共和国国务院令第735号", ["国务院"], ["CN"]),
        ("民函〔2015〕280号", ["民政部"], ["CN"]),
        ("国卫基层发〔2019〕5号", ["国家卫生健康委员会"], ["CN"]),
        ("人社部发〔2020〕3号", ["人力资源和社会保障部"], ["CN"]),
        ("郴财社〔2018〕2号", ["郴州市财政局"], ["431000"]),
        ("粤卫函〔2019〕12号", ["广东省卫生健康委员会"], ["440000"]),
        ("浔府办发〔2024〕3号", ["九江市浔阳区人民政府办公室"], ["360403"]),
        # a municipality has bureaus (局) like a city, and a 办公厅 like a province
        ("沪财社〔2020〕3号", ["上海市财政局"], ["310000"]),
        ("京政办发〔2019〕1号", ["北京市人民政府办公厅"], ["110000"]),
        # the region is known, the body code is not: no issuer guessed, jurisdiction kept
        ("郴服改发〔2017〕59号", [], ["431000"]),
        ("某某发〔2019〕1号", [], []),
    ],
)
def test_doc_number_shapes(number: str, issuers: list[str], jurisdiction: list[str]) -> None:
    assert issuers_of_doc_number(number) == issuers
    assert jurisdiction_of_doc_number(number) == jurisdiction


@pytest.mark.parametrize(
    ("written", "home", "canonical"),
    [
        ("国家卫健委", None, "国家卫生健康委员会"),
        ("国家卫生健康委", None, "国家卫生健康委员会"),
        ("国家中医药局", None, "国家中医药管理局"),
        ("人社部", None, "人力资源和社会保障部"),
        ("中华人民共和国商务部", None, "商务部"),
        ("市政府办", "431000", "郴州市人民政府办公室"),
        ("市民政局", "431000", "郴州市民政局"),
        ("区政府", "360403", "九江市浔阳区人民政府"),
        ("浔阳区人民政府", None, "九江市浔阳区人民政府"),
        ("四川省卫健委", None, "四川省卫生健康委员会"),
        ("某某科技有限公司", None, "某某科技有限公司"),
    ],
)
def test_canonical_names(written: str, home: str | None, canonical: str) -> None:
    assert canonical_name(written, home) == canonical


def test_resolve_issuer_keeps_every_spelling() -> None:
    org = resolve_issuer("国家卫健委")
    assert org.name == "国家卫生健康委员会"
    assert {"国家卫健委", "国家卫生健康委"} <= set(org.aliases)
    assert org.regions == ["CN"]
    local = resolve_issuer("市政府办", "431000")
    assert (local.name, local.aliases, local.regions) == ("郴州市人民政府办公室", ["市政府办"], ["431000"])


def test_split_joint_issuers() -> None:
    assert split_issuers("国家卫生健康委、财政部、国家中医药局等部门") == [
        "国家卫生健康委员会", "财政部", "国家中医药管理局"]
    assert split_issuers("民政部、公安部") == ["民政部", "公安部"]


@pytest.mark.parametrize(
    ("name", "jurisdiction"),
    [
        ("国务院办公厅", ["CN"]),
        ("国家卫生健康委员会", ["CN"]),
        ("商务部", ["CN"]),
        ("中华人民共和国公安部", ["CN"]),
        ("郴州市人民政府办公室", ["431000"]),
        ("中共九江市浔阳区委员会", ["360403"]),
        ("湖南省人民政府办公厅", ["430000"]),
        ("民政部门", []),
    ],
)
def test_jurisdiction_of_organizations(name: str, jurisdiction: list[str]) -> None:
    assert jurisdiction_of(name) == jurisdiction
