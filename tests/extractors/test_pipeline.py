"""The spaCy pipeline and `extract_text` on the bundled samples and a law."""
from __future__ import annotations

import doctest
import importlib
import time

import pytest

from extractors.pipeline import COMPONENTS, build_pipeline, extract_text

# 护士条例 (行政法规/护士条例) with 第三十条 of 突发公共卫生事件应急条例 appended for a citation.
LAW = """# 护士条例

2008年1月31日 中华人民共和国国务院令第517号公布

<!-- INFO END -->

## 第一章 总则

第一条 为了维护护士的合法权益，规范护理行为，促进护理事业发展，保障医疗安全和人体健康，制定本条例。

第二十一条 医疗卫生机构不得允许下列人员在本机构从事诊疗技术规范规定的护理活动。

第三十条 国务院卫生行政主管部门对新发现的突发传染病，根据危害程度、流行强度，依照《中华人民共和国传染病防治法》的规定及时宣布为法定传染病。
"""


def test_pipeline_components_in_order():
    nlp = build_pipeline()
    assert tuple(nlp.pipe_names) == COMPONENTS
    doc = nlp("根据《湖南省人民政府办公厅关于全面放开养老服务市场提升养老服务质量的实施意见》（湘政办发〔2017〕84号）精神")
    assert [s.text for s in doc.spans["hp_doc_numbers"]] == ["湘政办发〔2017〕84号"]
    assert "关于全面放开养老服务市场提升养老服务质量的实施意见" in [s.text for s in doc.spans["hp_policies"]]


def test_chenzhou_policy(sample_texts):
    text = sample_texts["001_07941aeda37bff36"]
    ex = extract_text(text, "001_07941aeda37bff36", "001.txt")
    assert ex.kind == "policy"
    own = ex.policies[0]
    assert (own.role, own.doc_number, own.date, own.regions) == ("self", "郴政办发〔2018〕18号", "2018-07-06", ["431000"])
    assert [o.name for o in own.issuers] == ["郴州市人民政府办公室"]
    assert set(own.cites) == {"湘政办发〔2017〕84号", "商务部令2016年第3号", "郴服改发〔2017〕59号",
                              "郴政办函〔2018〕86号", "消防法", "郴财社〔2018〕2号", "民函〔2015〕280号"}
    for policy in ex.policies:
        for mention in policy.mentions:
            written = text[mention.start:mention.end]
            assert written in (policy.title, policy.doc_number) or policy.title.endswith(written)
    issued = [d for d in ex.dates if d.role == "issued"]
    assert [text[d.start:d.end] for d in issued] == ["2018年7月6日"]
    assert ex.obligations and ex.organizations and ex.regions


def test_report_and_budget_have_no_self_policy(sample_texts):
    report = extract_text(sample_texts["000_a53f517f94095998"], "000", "000.txt")
    budget = extract_text(sample_texts["004_4013ed434cadcea2"], "004", "004.txt")
    assert (report.kind, budget.kind) == ("report", "budget")
    assert not [p for p in report.policies + budget.policies if p.role == "self"]
    by_title = {p.title: p for p in report.policies}
    assert by_title["进一步完善全区医疗卫生服务体系实施方案"].regions == ["640000"]


def test_law_is_its_own_policy():
    ex = extract_text(LAW, "护士条例", "护士条例.md")
    own = ex.policies[0]
    assert (own.title, own.doc_number, own.date, own.regions, own.role) == (
        "护士条例", "中华人民共和国国务院令第517号", "2008-01-31", ["CN"], "self")
    assert [o.name for o in own.issuers] == ["国务院"]
    assert own.cites == ["中华人民共和国传染病防治法"]


def test_five_samples_extract_quickly(sample_texts):
    extract_text("预热", "warm", "warm")
    started = time.perf_counter()
    for doc_id, text in sample_texts.items():
        extract_text(text, doc_id, doc_id)
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize("module", [
    "extractors.doc_numbers", "extractors.dates", "extractors.policy_titles", "extractors.headers",
    "extractors.citations", "extractors.tables", "extractors.doc_kind", "extractors.policies",
    "extractors.collect", "extractors.pipeline", "extractors.rule_data", "extractors.surface_index"])
def test_docstring_examples_run(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0


def test_document_kinds_agree_with_the_gold_files(samples_dir, sample_texts):
    import json

    for doc_id, text in sample_texts.items():
        gold = json.loads((samples_dir / f"{doc_id}.json").read_text(encoding="utf-8"))
        assert extract_text(text, doc_id, doc_id).kind == gold["kind"], doc_id


def _wrapped_at(width: int, *paragraphs: str) -> str:
    """Text as PDF extraction gives an official document: every line broken at `width`."""
    lines = []
    for paragraph in paragraphs:
        lines += [paragraph[i:i + width] for i in range(0, len(paragraph), width)]
    return "\n".join(lines) + "\n"


def test_pdf_text_wrapped_at_28_characters():
    from extractors.pipeline import extract_text

    header = ("浙江省卫生健康委员会文件\n\n浙卫发〔2022〕15 号\n\n浙江省卫生健康委员会关于进一步加强基层医疗卫\n"
              "生机构药品配备使用管理工作的通知\n\n各市、县（市、区）卫生健康局（委）：\n\n")
    body = _wrapped_at(
        28,
        "为贯彻落实《国家卫生健康委办公厅关于进一步加强基层医疗卫生机构药品配备使用管理工作的通知》"
        "（国卫办药政发〔2021〕18号）要求，进一步规范基层医疗卫生机构药品配备使用，现就有关事项通知如下。",
        "一、各地要建立健全基层医疗卫生机构药品配备使用管理制度，推动县域内用药目录统一，加强上下级医疗机构用药衔接，保障群众用药需求。",
        "二、基层医疗卫生机构应当优先配备使用国家基本药物，到2023年底，基本药物配备品种数量占比原则上不低于60%，使用金额占比不低于50%。",
        "三、各级卫生健康行政部门不得以任何形式限制基层医疗卫生机构配备使用慢性病用药，不得将药占比作为考核指标。",
        "四、县级卫生健康行政部门要加强对辖区内基层医疗卫生机构药品配备使用情况的监测，每季度通报一次监测结果。")
    ex = extract_text(header + body + "\n－ 2 －\n\n浙江省卫生健康委员会\n2022 年 4 月 8 日\n", "d", "d")
    own, cited = ex.policies
    assert (own.doc_number, own.date, own.cites) == ("浙卫发〔2022〕15号", "2022-04-08", ["国卫办药政发〔2021〕18号"])
    assert cited.title == "关于进一步加强基层医疗卫生机构药品配备使用管理工作的通知"
    assert [(o.actor, o.deadline) for o in ex.obligations] == [
        ("各地", None), ("基层医疗卫生机构", "2023"), ("各级卫生健康行政部门", None), ("县级卫生健康行政部门", None)]
    assert all(o.text.endswith("。") for o in ex.obligations)
