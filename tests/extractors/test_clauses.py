"""Clause segmentation: offsets into the original text, markers left out, broken lines joined."""
from __future__ import annotations

import pytest

from extractors.clauses import paragraphs, segment


def texts(text: str) -> list[str]:
    return [text[c.start:c.end] for c in segment(text)]


def test_offsets_are_exact_on_every_sample(sample_texts):
    for text in sample_texts.values():
        for clause in segment(text):
            assert 0 <= clause.start < clause.end <= len(text)
            assert text[clause.start:clause.end] == text[clause.start:clause.end].strip()


def test_sentences_split_on_full_stop_and_semicolon():
    text = ("降低准入门槛。民政部门应按有关规定及时发布养老服务机构设置和规划布局调整等信息；"
            "在民政部门登记的非营利性养老机构，可以依法在其登记机关管辖范围内设立多个不具备法人资格的服务网点。")
    assert texts(text) == [
        "降低准入门槛。",
        "民政部门应按有关规定及时发布养老服务机构设置和规划布局调整等信息；",
        "在民政部门登记的非营利性养老机构，可以依法在其登记机关管辖范围内设立多个不具备法人资格的服务网点。",
    ]


@pytest.mark.parametrize("line, expected", [
    ("- 全市养老床位总数达到2.9万张；", "全市养老床位总数达到2.9万张；"),
    ("（八）完成区委、区政府交办的其他任务。", "完成区委、区政府交办的其他任务。"),
    ("(一) 贯彻执行国家和省、市有关行政审批的法律法规。", "贯彻执行国家和省、市有关行政审批的法律法规。"),
    ("第十二条 任何单位和个人不得擅自调整经批准的古树名木保护专项规划。", "任何单位和个人不得擅自调整经批准的古树名木保护专项规划。"),
    ("1、保障人民基本医疗。", "保障人民基本医疗。"),
])
def test_list_and_article_markers_are_left_out(line, expected):
    (clause,) = segment(line)
    assert line[clause.start:clause.end] == expected
    assert clause.marked


def test_page_break_inside_a_sentence_is_joined():
    text = ("对不落实养老服务政策，或者在养老机构运营和服务中有违反法律法规行为的，依法依规追究相关人员的责任，进\n\n"
            "一步落实我市医疗卫生与养老服务相结合的有关政策。")
    assert len(paragraphs(text)) == 1
    assert texts(text)[-1].endswith("进\n\n一步落实我市医疗卫生与养老服务相结合的有关政策。")


def test_heading_line_is_not_joined_to_the_next_paragraph():
    text = "（四）进一步放宽准入条件\n\n降低准入门槛。民政部门应及时发布信息。"
    assert texts(text)[0] == "进一步放宽准入条件"


def test_table_row_cells_are_separate_clauses():
    row = ("2024年4月 国家卫生健康委等部门 关于优化基层医疗卫生机构布局建设的指导意见 "
           "推进家庭医生签约服务，运用远程医疗和人工智能辅助诊断等技术，为居民提供全方位全生命周期的健康服务。")
    cells = texts(row)
    assert cells[-1].startswith("推进家庭医生签约服务")
    assert cells[0] == "2024年4月"
    tabbed = "业务流程优化率\t\t≥95%"
    assert texts(tabbed) == ["业务流程优化率", "≥95%"]


def test_enumeration_after_a_colon_stays_one_requirement():
    text = ("临床病案内容应包括：病案首页；出院记录（或死亡记录）；入院记录（或住院记录）；首次病程记录；"
            "异常体温单、长期医嘱单；与诊断及鉴别诊断有关的主要检查报告单。一份病案制作成1个PDF文件上传。")
    assert texts(text) == [text[:text.index("。") + 1], "一份病案制作成1个PDF文件上传。"]


def test_semicolon_rules_are_not_merged():
    text = "黄河滩区不得建设新的村镇和厂矿；因特殊情况必须建设的，须经省黄河河道主管机关同意。"
    assert len(texts(text)) == 2


def test_spaced_joint_issuers_inside_a_cited_title_are_no_cells():
    text = ("为贯彻落实《国家卫生健康委 国家医保局 国家中医药局关于推进紧密型县域医疗卫生共同体建设的通知》"
            "（国卫基层函〔2019〕121号）精神，现提出如下实施意见。")
    assert texts(text) == [text]


def test_interview_labels_are_markers_but_not_inside_a_word():
    text = "问：下一步如何推动《意见》落地见效？\n\n答：国家卫生健康委将会同有关部门加强指导。\n详细请访问：网站"
    starts = [text[c.start:c.start + 4] for c in segment(text)]
    assert "国家卫生" in starts and "答：国家" not in starts
