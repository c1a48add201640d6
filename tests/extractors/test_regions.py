"""Region mentions: GB/T 2260 codes, hierarchy, short forms and the words that are not regions."""
from __future__ import annotations

import json

import pytest
import spacy

from extractors.regions import (
    document_regions,
    find_regions,
    home_region,
    region_ancestors,
    region_name,
    region_parent,
    regions_in_name,
)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("九江市浔阳区政务服务管理局 2025 年部门预算", ["360400", "360403"]),
        ("推动郴州市康养中心等医养结合机构建设", ["431000"]),
        ("根据《湖南省人民政府办公厅关于全面放开养老服务市场提升养老服务质量的实施意见》", ["430000"]),
        ("我院坚持以“深圳东部高水平医疗中心和深圳基层医疗集团改革样板”为愿景", ["440300"]),
        ("凉山州脱贫攻坚综合帮扶工作队员在系统勾选", ["513400"]),
        ("目前集团共有4家成员单位（龙岗中心医院、平湖人民医院、坪地人民医院、龙岗区骨科医院）", ["440307"]),
        ("北京市朝阳区人民政府", ["110000", "110105"]),
        ("广西提振消费专项行动实施方案", ["450000"]),
        ("加强与全国信用信息共享平台的信息交换和共享", ["CN"]),
        ("由中华人民共和国公安部统一制定式样", ["CN"]),
        ("吉林省卫生健康委员会", ["220000"]),
    ],
)
def test_regions_written_in_sentences(text: str, codes: list[str]) -> None:
    assert document_regions(text) == codes


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("各县市区人民政府，市政府各工作部门,中省驻郴各单位：", []),  # generic level words
        ("地级以上市和县级人民政府应当明确负责组织、协调", []),  # 市和县 is not the county 和县
        ("老城区和已建成居住（小）区无养老服务设施的", []),  # 老城区 of 洛阳 needs its parent
        ("在中心城区经营的，依法取得一百个以上中心城区巡游出租汽车车辆经营权", []),
        ("以县级人民政府统筹推进农村养老服务，华东地区", []),
        ("应当遵守法律、行政法规和国务院公安部门有关监督管理的规定", ["CN"]),  # not 公安县
        ("（三）中山路、公园路、镇明路等历史街区", []),  # a street, not 中山市
        ("支持被压迫民族和发展中国家争取和维护民族独立", []),
        ("推进幸福建设", []),  # 福建 inside an ordinary word
        ("其中财政部分按85%比例申报", []),  # 财政部 + 分 is "part", not the ministry
        ("相邻建筑原有日照时间的情况下", []),  # 日照 (日照市) as sunlight
        ("有关机关有重大理由认为领事邮袋", []),  # 大理 inside 重大理由
        ("镇游王村至孟津县朝阳镇崔沟村北", ["410322"]),  # 朝阳镇 is a town
        ("进一步了解船舶航行中卫生情况时", []),  # 中卫 inside 航行中卫生
        ("支持符合条件的互联网医院纳入医保定点管理。", []),  # 保定 inside 医保定点
    ],
)
def test_words_that_are_not_regions(text: str, codes: list[str]) -> None:
    assert document_regions(text) == codes


def test_hit_keeps_the_written_form_and_offsets() -> None:
    text = "深圳龙岗中心医院"
    hits = find_regions(text)
    assert [(h.code, h.name, text[h.start:h.end]) for h in hits] == [
        ("440300", "深圳", "深圳"), ("440307", "龙岗", "龙岗")]


def test_county_short_form_needs_its_written_parent() -> None:
    assert find_regions("龙岗中心医院") == []


def test_two_character_county_standing_apart_needs_its_parent_in_the_document() -> None:
    assert document_regions("徐州市卫生健康委员会：\n沛县人民医院、丰县人民医院") == ["320300", "320322", "320321"]
    assert document_regions("沛县人民医院") == []
    assert document_regions("徐州市地级以上市和县级人民政府") == ["320300"]


def test_duplicate_county_name_resolved_by_written_parent() -> None:
    assert regions_in_name("南京市鼓楼区卫生健康委员会") == ["320100", "320106"]
    assert regions_in_name("福州市鼓楼区人民政府") == ["350100", "350102"]


def test_duplicate_county_name_resolved_by_the_documents_other_regions() -> None:
    text = "福州市卫生健康委员会印发。鼓楼区人民政府负责落实。"
    assert document_regions(text) == ["350100", "350102"]


def test_duplicate_county_name_without_context_is_dropped() -> None:
    assert document_regions("鼓楼区人民政府负责落实。") == []


@pytest.mark.parametrize(
    ("code", "ancestors"),
    [("360403", ["360400", "360000", "CN"]), ("110105", ["110000", "CN"]), ("469002", ["460000", "CN"]),
     ("430000", ["CN"]), ("CN", [])],
)
def test_hierarchy(code: str, ancestors: list[str]) -> None:
    assert region_ancestors(code) == ancestors
    assert region_parent(code) == (ancestors[0] if ancestors else None)


def test_names() -> None:
    assert (region_name("431000"), region_name("CN"), region_name("513400")) == ("郴州市", "中国", "凉山彝族自治州")


def test_regions_in_name() -> None:
    assert regions_in_name("郴州市人民政府办公室") == ["431000"]
    assert regions_in_name("中共九江市浔阳区委员会") == ["360400", "360403"]


@pytest.mark.parametrize(
    ("doc_id", "home"),
    [("001_07941aeda37bff36", "431000"), ("002_ef9fea7081757388", "440307"), ("004_4013ed434cadcea2", "360403")],
)
def test_home_region_of_samples(sample_texts: dict[str, str], doc_id: str, home: str) -> None:
    assert home_region(sample_texts[doc_id]) == home


def test_home_region_ignores_a_district_named_once_in_a_provincial_text() -> None:
    text = ("广东省卫生健康委员会 广东省财政厅 广东省医疗保障局关于印发行动方案的通知\n粤卫函〔2023〕12号\n"
            "汕头市潮阳区人民医院参与。")
    assert home_region(text) == "440000"


def test_every_sample_region_is_found_and_nothing_else(samples_dir, sample_texts) -> None:
    for doc_id, text in sample_texts.items():
        gold = json.loads((samples_dir / f"{doc_id}.json").read_text(encoding="utf-8"))["regions"]
        assert sorted(document_regions(text)) == sorted(gold), doc_id


def test_spacy_component_writes_overlapping_spans() -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("hp_regions")
    doc = nlp("九江市浔阳区政务服务管理局")
    assert [(s.text, s.label_) for s in doc.spans["hp_regions"]] == [("九江市", "360400"), ("浔阳区", "360403")]
