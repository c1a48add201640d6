"""Budget performance-indicator rows and the budget unit."""
from __future__ import annotations

from extractors.indicators import budget_unit, indicator_rows

TABLE = (
    "年度绩效指标\n"
    "一级指标\t\t二级指标\t\t三级指标\t\t目标值\n"
    "产出指标\t\t数量指标\t\t“告知承诺+容缺办理”办件量\t\t≥500 件\n"
    "\t\t质量指标\t\t业务流程优化率\t\t≥95%\n"
    "\t\t\t\t投诉处理完成率\t\t100%\n"
    "\t\t时效指标\t\t业务限时办结\t\t≤48 小时\n"
    "\t\t\t\t投诉处理及时性\t及时\n"
    "效益指标\t社会效益指标\t树立良好政府形象\t实现\n"
    "\t\t\t\t全市综合考核排名\t前十位\n"
)


def test_quantitative_rows_only():
    rows = indicator_rows(TABLE)
    assert [(r.name, r.value) for r in rows] == [
        ("“告知承诺+容缺办理”办件量", "≥500 件"),
        ("业务流程优化率", "≥95%"),
        ("投诉处理完成率", "100%"),
        ("业务限时办结", "≤48 小时"),
        ("全市综合考核排名", "前十位"),
    ]
    for row in rows:
        assert TABLE[row.start:row.end].startswith(row.name)
        assert TABLE[row.start:row.end].endswith(row.value)


def test_money_tables_without_an_indicator_header_yield_nothing():
    table = ("支出功能分类科目\t\t合计\t基本支出\t项目支出\n"
             "2080501\t行政单位离退休\t6.05\t6.05\t\n"
             "201\t一般公共服务支出\t513.72\t243.3\t270.42\n")
    assert indicator_rows(table) == []


def test_budget_unit(sample_texts):
    budgets = {k[:3]: t for k, t in sample_texts.items() if k[:3] in ("002", "004")}
    assert budget_unit(budgets["002"]) == "深圳市龙岗中心医院"
    assert budget_unit(budgets["004"]) == "九江市浔阳区政务服务管理局"


def test_stacked_pdf_cells_above_a_bounded_value():
    text = ("一级指标 二级指标 三级指标 指标值\n\n数量\n\n医疗服务收入（不含药\n品、耗材、检查、化验\n收入）占公立医疗医疗\n\n"
            "收入的比例\n\n≥28%\n\n质量 公立医院平均住院日 较上年提高\n\n服务对象满意度\n公立医疗门诊患者、住\n\n"
            "院患者满意度\n≥90%\n\n门诊满意度98.78%\n\n26.54%\n")
    rows = indicator_rows(text)
    assert [(r.name, r.value) for r in rows] == [
        ("医疗服务收入（不含药品、耗材、检查、化验收入）占公立医疗医疗收入的比例", "≥28%"),
        ("公立医疗门诊患者、住院患者满意度", "≥90%"),
    ]
    assert text[rows[1].start:rows[1].end] == "公立医疗门诊患者、住\n\n院患者满意度\n≥90%"


def test_target_column_before_actual_and_score_columns():
    text = ("一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t得分\n"
            "产出指标\t数量指标\t门诊诊疗人次\t≥120万人次\t131.5万人次\t10\n")
    (row,) = indicator_rows(text)
    assert (row.name, row.value) == ("门诊诊疗人次", "≥120万人次")


def test_stacked_rows_stop_at_any_category_cell_ending_in_zhibiao():
    from extractors.indicators import indicator_rows

    text = "一级指标\n二级指标\n三级指标\n指标值\n成本指标\n经济成本指标\n人员经费\n≤1.2亿元\n"
    assert [(r.name, r.value) for r in indicator_rows(text)] == [("人员经费", "≤1.2亿元")]


def test_bare_percentage_one_cell_a_line_under_a_rate_only():
    # blind set 2: a county CDC 项目支出绩效目标表 printed one cell a line
    text = ("一级指标\n二级指标\n三级指标\n指标值\n产出指标\n时效指标\n法定传染病报告及时率\n100%\n"
            "效益指标\n社会效益指标\n项目资金\n100%\n")
    assert [(r.name, r.value) for r in indicator_rows(text)] == [("法定传染病报告及时率", "100%")]
