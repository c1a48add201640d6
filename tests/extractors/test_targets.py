"""Deadlines to ISO and quantitative targets as written."""
from __future__ import annotations

import pytest

from extractors.targets import deadline, sets_goal_year, target


@pytest.mark.parametrize("clause, iso", [
    ("到2020年，养老服务市场全面放开，养老服务和产品有效供给能力大幅提升。", "2020"),
    ("推进家庭医生签约服务高质量发展，城乡社区老年人健康管理率2024年年底前提高到63%", "2024"),
    ("持续优化家庭医生团队结构，到2025年底，在环城四区各打造1个金牌家庭医生团队。", "2025"),
    ("各地须于2023年8月31日前完成申报材料报送。", "2023-08-31"),
    ("请于2021年6月底前报送工作总结。", "2021-06"),
])
def test_deadline(clause, iso):
    assert deadline(clause) == iso


@pytest.mark.parametrize("clause", [
    "2022年进一步做好食品、公共场所从业人员体检和职业病健康检查工作。",
    "凡1998年9月以前建设使用，且未发生改、扩建的养老机构，不需办理消防设计审核。",
    "2008年9月1日前取得学位人员，以及军队院校毕业生，由用人单位进行学位审查。",
    "截至 2024 年 8 月 31 日，部门共有车辆 0 辆。",
])
def test_no_deadline(clause):
    assert deadline(clause) is None


@pytest.mark.parametrize("clause, written", [
    ("护理型床位占全市养老床位总数的比例不低于30%；", "不低于30%"),
    ("三级医院要预留30%以上的门诊专家号源和一定数量住院床位。", "30%以上"),
    ("市级建成1个500张床位的康养中心，县市区建设1个300张以上床位的健康养老中心；", "300张以上"),
    ("自受理设立申请后10个工作日内颁发养老机构设立许可证。", "10个工作日内"),
    ("“告知承诺+容缺办理”办件量\t\t≥500 件", "≥500 件"),
    ("城乡社区老年人健康管理率2024年年底前提高到63%", "提高到63%"),
    ("全市养老床位总数达到2.9万张；", "达到2.9万张"),
    ("上传的单页PDF大小应控制在5MB以内", "控制在5MB以内"),
])
def test_target(clause, written):
    assert target(clause) == written


def test_no_target_in_plain_duty():
    assert target("民政部门应按有关规定及时发布养老服务机构设置和规划布局调整等信息") is None


def test_goal_year_opens_a_goal_sentence():
    assert sets_goal_year("到2020年，全市健康养老服务业总规模达到300亿元，年均增长15%；")
    assert not sets_goal_year("护理型床位占全市养老床位总数的比例不低于30%。")


def test_a_year_opening_a_figure_to_reach_is_its_deadline():
    assert deadline("2020年城乡居民医保人均财政补助标准新增30元，达到每人每年不低于580元。") == "2020"
    assert deadline("2022年进一步做好食品、公共场所从业人员体检工作。") is None
