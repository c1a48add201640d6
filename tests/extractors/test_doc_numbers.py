"""发文字号 shapes, bracket normalisation, year and prefix trimming on real sentences."""
from __future__ import annotations

import pytest
import spacy

from extractors.doc_numbers import find_doc_numbers, normalise, prefix_of, year_of
from extractors.issuers import issuers_of_doc_number


@pytest.mark.parametrize("text, numbers", [
    ("根据《湖南省人民政府办公厅关于全面放开养老服务市场提升养老服务质量的实施意见》（湘政办发〔2017〕84号）精神",
     ["湘政办发〔2017〕84号"]),
    ("放宽外资准入。根据商务部《外商投资企业设立及变更备案管理暂行办法》（商务部令2016年第3号），鼓励境外投资者",
     ["商务部令2016年第3号"]),
    ("符合《国务院应对新型冠状病毒感染肺炎疫情联防联控机制关于聚焦一线贯彻落实保护关心爱护医务人员措施的通知》"
     "（国发明电〔2020〕10号）关于新冠肺炎疫情防控一线医务人员范围的规定。", ["国发明电〔2020〕10号"]),
    ("2008年1月31日 中华人民共和国国务院令第517号公布", ["中华人民共和国国务院令第517号"]),
    ("按照国办发[2017]52号文件要求", ["国办发〔2017〕52号"]),
    ("市人民政府京政发〔1985〕167号", ["京政发〔1985〕167号"]),
    ("宜昌市人民政府办公室关于推进紧密型县域医疗卫生共同体建设的实施意见\n\n宜府办发〔2021〕15号", ["宜府办发〔2021〕15号"]),
    ("湘公网安备：43100202000023号 备案/许可证编号：湘ICP备13003667号", []),
    ("第（2025）3号", []),
])
def test_finds_numbers_in_real_sentences(text, numbers):
    assert [h.number for h in find_doc_numbers(text)] == numbers


def test_offsets_point_at_the_written_number():
    text = "贯彻民政部、公安部《社会福利机构消防安全管理十项规定》（民函〔2015〕280号），严格落实消防安全主体责任"
    hit = find_doc_numbers(text)[0]
    assert text[hit.start:hit.end] == "民函〔2015〕280号"
    assert hit.year == "2015"


def test_normalise_year_and_prefix():
    assert normalise("郴政办发（2018） 18号") == "郴政办发〔2018〕18号"
    assert year_of("郴财社[2018]2号") == "2018"
    assert year_of("中华人民共和国国务院令第735号") is None
    assert prefix_of("国发明电〔2020〕10号") == "国发明电"


def test_component_writes_spans():
    from extractors.doc_numbers import make_doc_number_recognizer  # noqa: F401 (registers)

    nlp = spacy.blank("zh")
    nlp.add_pipe("hp_doc_numbers")
    doc = nlp("文号：郴政办发〔2018〕18号")
    assert [s.text for s in doc.spans["hp_doc_numbers"]] == ["郴政办发〔2018〕18号"]


def test_decree_number_after_its_joint_issuers():
    (hit,) = find_doc_numbers("2003年8月18日 食品药品监管局、海关总署第4号令公布")
    assert hit.number == "食品药品监管局、海关总署第4号令"
    assert issuers_of_doc_number(hit.number) == ["国家食品药品监督管理局", "海关总署"]
