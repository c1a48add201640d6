"""Policy tables in reports: tab rows, space rows glued to content, one cell per line."""
from __future__ import annotations

from extractors.tables import find_table_rows

TAB_AND_SPACE_ROWS = """我国家庭医生行业部分相关政策情况

发布时间\t发布部门\t政策名称\t主要内容
2025年6月\t国家卫生健康委等部门\t关于做好2025年基本公共卫生服务工作的通知\t结合紧密型医联体建设和家庭医生签约服务，强化慢性病患者分级连续健康服务。

2024年8月 国家卫生健康委等部门 关于推进健康乡村建设的指导意见

推进普遍将中医药服务纳入家庭医生签约服务内容，加强中医药签约人员配置。2024年7月 国家中医药管理局、国家数据局 关于促进数字中医药发展的若干意见 鼓励中医医疗机构推动业务流程数字化转型。

资料来源：观研天下整理
"""

CELL_PER_LINE = """我国部分省市家庭医生行业相关政策（一）

省市

发布时间

政策名称

主要内容

上海市

2025年7月

上海市智慧健康驿站开展体重管理的方案

整合智慧健康驿站线上线下采集的体重管理自检自测自评数据。

2025年7月

上海市推进“儿科服务年”行动实施方案（2025-2027年）

支持紧密型城市医疗集团内医疗机构儿科医师参与家庭医生团队。

北京市

2025年3月

关于推动本市疾病预防控制事业高质量发展的实施意见

提高基层医疗卫生机构防病治病水平。

资料来源：观研天下整理
"""


def test_tab_rows_and_rows_glued_to_previous_content():
    rows = find_table_rows(TAB_AND_SPACE_ROWS)
    assert [(r.date, r.issuer.text, r.title.text) for r in rows] == [
        ("2025-06", "国家卫生健康委等部门", "关于做好2025年基本公共卫生服务工作的通知"),
        ("2024-08", "国家卫生健康委等部门", "关于推进健康乡村建设的指导意见"),
        ("2024-07", "国家中医药管理局、国家数据局", "关于促进数字中医药发展的若干意见"),
    ]
    assert all(r.region is None for r in rows)


def test_province_heading_gives_the_jurisdiction_of_its_rows():
    rows = find_table_rows(CELL_PER_LINE)
    assert [(r.region, r.date, r.issuer) for r in rows] == [
        ("310000", "2025-07", None), ("310000", "2025-07", None), ("110000", "2025-03", None)]
    title = rows[1].title
    assert CELL_PER_LINE[title.start:title.end] == "上海市推进“儿科服务年”行动实施方案（2025-2027年）"


def test_no_header_no_rows():
    assert find_table_rows("2025年6月 国家卫生健康委 关于做好2025年基本公共卫生服务工作的通知") == []


def test_markdown_pipe_table_with_titles_in_brackets():
    text = ("| 发布时间 | 发布部门 | 政策名称 | 主要内容 |\n|---|---|---|---|\n"
            "| 2024年7月 | 国家中医药管理局、国家数据局 | 《关于促进数字中医药发展的若干意见》 | 鼓励中医医疗机构推动业务流程数字化转型 |\n")
    (row,) = find_table_rows(text)
    assert (row.date, row.issuer.text, row.title.text) == (
        "2024-07", "国家中医药管理局、国家数据局", "关于促进数字中医药发展的若干意见")
    assert text[row.title.start:row.title.end] == row.title.text


def test_title_before_date_and_issuer_after_it():
    text = ("政策名称\t发布时间\t发布部门\t主要内容\n"
            "关于推进健康乡村建设的指导意见\t2024年8月\t国家卫生健康委等部门\t推进普遍将中医药服务纳入家庭医生签约服务内容。\n"
            "关于发展银发经济增进老年人福祉的意见\t2024年1月\t国务院办公厅\t扩大家庭医生签约服务覆盖面。\n"
            "资料来源：观研天下整理\n")
    rows = find_table_rows(text)
    assert [(r.title.text, r.date, r.issuer.text) for r in rows] == [
        ("关于推进健康乡村建设的指导意见", "2024-08", "国家卫生健康委等部门"),
        ("关于发展银发经济增进老年人福祉的意见", "2024-01", "国务院办公厅")]
