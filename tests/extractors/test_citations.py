"""Citation cues, numbers after titles, issuers/dates before them, and local bases."""
from __future__ import annotations

from extractors.citations import (
    bare_number_citations,
    cue_before,
    date_at_end,
    find_bare_law_names,
    find_title_mentions,
    strip_fillers,
)

ARTICLE_5 = ("放宽外资准入。根据商务部《外商投资企业设立及变更备案管理暂行办法》（商务部令2016年第3号），"
             "鼓励境外投资者设立营利性和非营利性养老机构。")
APPROVAL = ("市本级权限审批的政府投资项目实现“一次办结”，按《郴州市投资项目审批“一次办结”改革实施细则（试行）》"
            "（郴服改发〔2017〕59号）办理；市本级权限审批的社会投资项目按《郴州市社会投资建设项目审批流程再造"
            "实施办法（试行）》（郴政办函〔2018〕86号）办理。")
HOSPITAL = ("群众信访办理情况：为了保持我院党政领导同职工群众的密切联系，保护信访人的合法权利，加强和规范我院信访工作，"
            "根据《信访条例》及相关文件精神，\n建立了《深圳市龙岗中心医院信访制度》，设立专门部门及工作人员处理信访投诉")
BUDGET = "2) 立项依据\n\n《区政府第 25 次常务会议纪要》、《区政府第 29 次常务会议议题》\n\n3) 实施主体"
REPORT = ("我国各省市也积极响应国家政策规划,对各省市家庭医生行业的发展做出了具体规划,支持当地家庭医生行业稳定发展，"
          "比如重庆市发布的《重庆市提振消费若干措施》、海南省发布的《海南省提振和扩大消费三年行动方案》。")


def test_cue_issuer_and_number_around_a_title():
    mention = find_title_mentions(ARTICLE_5)[0]
    assert (mention.cue, mention.before, mention.number.number) == ("根据", "商务部", "商务部令2016年第3号")
    assert ARTICLE_5[mention.start:mention.end] == "外商投资企业设立及变更备案管理暂行办法"


def test_single_character_cue_right_before_the_title():
    mentions = find_title_mentions(APPROVAL)
    assert [(m.cue, m.number.number) for m in mentions] == [("按", "郴服改发〔2017〕59号"),
                                                            ("按", "郴政办函〔2018〕86号")]


def test_no_cue_for_plain_mentions():
    assert [m.cue for m in find_title_mentions(REPORT)] == [None, None]
    assert cue_before("数据按时报送《统计表》", 6) is None


def test_heading_cue_and_list_continuation():
    assert [m.cue for m in find_title_mentions(BUDGET)] == ["立项依据", "立项依据"]


def test_local_basis_across_a_wrapped_line():
    mentions = find_title_mentions(HOSPITAL)
    assert mentions[0].cue == "根据"
    assert mentions[1].cue is None and mentions[1].basis == [0]


def test_fillers_and_dates_before_a_title():
    before = strip_fillers("如2025年6月国家卫生健康委等部门等发布")
    assert before == "如2025年6月国家卫生健康委"
    assert date_at_end("如2025年6月") == "2025-06"


def test_bare_numbers_skip_those_attached_to_titles():
    text = ARTICLE_5 + "按照湘政办发〔2017〕84号文件要求执行。"
    found = [(h.number, cue) for h, cue in bare_number_citations(text, find_title_mentions(text))]
    assert found == [("湘政办发〔2017〕84号", "按照")]


def test_list_continues_over_an_issuer_between_titles():
    text = ("为深入贯彻落实《浙江省人民政府办公厅关于推进县域医共体高质量发展的实施意见》（浙政办发〔2023〕18号）"
            "和国家卫生健康委《关于印发基层卫生健康便民惠民服务举措的通知》（国卫基层发〔2023〕9号）要求")
    assert [m.cue for m in find_title_mentions(text)] == ["贯彻落实", "贯彻落实"]


def test_a_new_clause_does_not_continue_the_list():
    text = "根据《中华人民共和国老年人权益保障法》，结合本市实际，制定《北京市居家养老服务条例》"
    assert [m.cue for m in find_title_mentions(text)] == ["根据", None]


def test_bare_law_names_after_a_cue():
    # 母婴保健法 第一条 and 第三十六条, 护士条例 第二十二条
    text = ("第一条 为了保障母亲和婴儿健康，提高出生人口素质，根据宪法，制定本法。"
            "致人死亡、残疾、丧失或者基本丧失劳动能力的，依照刑法有关规定追究刑事责任。"
            "原注册部门应当依照行政许可法的规定注销其执业注册。依照本法第二条，按照以下方法，依照法律法规处理。")
    assert [(cue, name) for cue, name, _, _ in find_bare_law_names(text)] == [
        ("根据", "宪法"), ("依照", "刑法"), ("依照", "行政许可法")]


def test_titles_listed_under_a_basis_heading_are_cited():
    from extractors.citations import find_title_mentions

    text = ("一、编制依据\n\n1.《中华人民共和国基本医疗卫生与健康促进法》\n2.《“健康中国2030”规划纲要》\n"
            "3.《国务院关于实施健康中国行动的意见》（国发〔2019〕13号）\n\n二、工作目标\n\n《某某方案》另行制定。\n")
    assert [m.cue for m in find_title_mentions(text)] == ["依据", "依据", "依据", None]
