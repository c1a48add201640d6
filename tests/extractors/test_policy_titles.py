"""《…》 title filter, document type and issuer prefix, on titles from the samples and laws."""
from __future__ import annotations

import pytest

from extractors.policy_titles import core_title, document_type, is_policy_title, split_issuer_prefix


@pytest.mark.parametrize("title", [
    "关于做好2025年基本公共卫生服务工作的通知",
    "郴州市投资项目审批“一次办结”改革实施细则（试行）",
    "社会福利机构消防安全管理十项规定",
    "消防法",
    "信访条例",
    "深圳市龙岗中心医院信访制度",
    "区政府第 25 次常务会议纪要",
    "四川省卫生高级职称评价标准",
    "云南省推进第三轮爱国卫生“7个专项行动”促进健康县城高质量发展实施方案（2025—2027年）",
    "中华人民共和国老年人权益保障法",
])
def test_keeps_normative_documents(title):
    assert is_policy_title(title)


@pytest.mark.parametrize("title", [
    "中国家庭医生行业现状深度分析与发展前景预测报告（2025-2032年）",
    "评审表",
    "综合（公示）信息表",
    "进修合格证书",
    "新冠肺炎疫情防控一线医务人员工作证明（模板）",
    "疾病和有关健康问题的国际统计分类（第十次修订本）",
    "国际疾病分类手术码",
    "中文核心期刊要目总览",
    "财政拨款“三公”经费支出表",
    "中医诊断方法",
    "进口药品口岸检验通知书",  # a form sent to a laboratory, not a 通知
])
def test_drops_reports_forms_and_classifications_even_when_cited(title):
    assert not is_policy_title(title, cited=True)


def test_cited_title_without_normative_ending_is_kept_only_when_cited():
    assert not is_policy_title("政治思想评分内容及参考分值")
    assert is_policy_title("政治思想评分内容及参考分值", cited=True)


def test_document_type_and_core():
    assert document_type("关于优化基层医疗卫生机构布局建设的指导意见") == "意见"
    assert document_type("外商投资企业设立及变更备案管理暂行办法") == "办法"
    assert core_title("上海市推进“儿科服务年”行动实施方案（2025-2027年）") == "上海市推进“儿科服务年”行动实施方案"


@pytest.mark.parametrize("title, issuer, rest", [
    ("湖南省人民政府办公厅关于全面放开养老服务市场提升养老服务质量的实施意见",
     "湖南省人民政府办公厅", "关于全面放开养老服务市场提升养老服务质量的实施意见"),
    ("国务院应对新型冠状病毒感染肺炎疫情联防联控机制关于聚焦一线贯彻落实保护关心爱护医务人员措施的通知",
     "国务院应对新型冠状病毒感染肺炎疫情联防联控机制", "关于聚焦一线贯彻落实保护关心爱护医务人员措施的通知"),
    ("上海市智慧健康驿站开展体重管理的方案", None, "上海市智慧健康驿站开展体重管理的方案"),
    ("全国人民代表大会常务委员会关于修改《中华人民共和国药品管理法》的决定",
     "全国人民代表大会常务委员会", "关于修改《中华人民共和国药品管理法》的决定"),
])
def test_split_issuer_prefix(title, issuer, rest):
    assert split_issuer_prefix(title) == (issuer, rest)


def test_bare_titles_open_a_clause_with_a_place():
    from extractors.policy_titles import find_bare_titles

    text = ("(十三) 加强统筹规划。做好养老服务的顶层设计，郴州市“十三五”老龄事业发展和养老体系建设规划要与城乡规划、"
            "土地利用总体规划、城镇化规划、区域规划等相衔接。将各类养老服务设施建设用地纳入土地利用总体规划和年度计划。")
    assert [t for t, _, _ in find_bare_titles(text)] == ["郴州市“十三五”老龄事业发展和养老体系建设规划"]
    # 浙江省水资源条例: a description, not a title
    assert find_bare_titles("舟山本岛的综合规划应当统筹考虑。") == []


def test_a_bodys_yearly_plan_loses_its_issuer_prefix_but_a_place_stays():
    assert split_issuer_prefix("湄潭县卫生健康局2023年卫生健康工作要点") == ("湄潭县卫生健康局", "2023年卫生健康工作要点")
    assert split_issuer_prefix("赣州市2021年基层卫生健康重点工作任务清单") == (None, "赣州市2021年基层卫生健康重点工作任务清单")
