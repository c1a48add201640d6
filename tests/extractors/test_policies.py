"""Policies of a document: self from the header, mentioned from 《》, numbers and tables, cites."""
from __future__ import annotations

from extractors.doc_kind import document_kind
from extractors.headers import read_header
from extractors.policies import PolicyContext, find_policies, policy_key
from extractors.regions import home_region
from extractors.schema import Policy

NOTICE = """川卫办发〔2023〕12号

四川省卫生健康委员会办公室
关于印发《四川省基层医疗卫生机构能力提升行动方案（2023-2025年）》的通知

各市（州）卫生健康委：

为贯彻落实《国务院办公厅关于推动公立医院高质量发展的意见》（国办发〔2021〕18号）精神，我委制定了《四川省基层医疗卫生机构能力提升行动方案（2023-2025年）》，现印发给你们，请认真组织实施。

四川省卫生健康委员会办公室

2023年3月8日
"""

HOSPITAL = ("群众信访办理情况：为了保持我院党政领导同职工群众的密切联系，保护信访人的合法权利，加强和规范我院信访工作，"
            "根据《信访条例》及相关文件精神，\n建立了《深圳市龙岗中心医院信访制度》，设立专门部门及工作人员处理信访投诉")


def _policies(text: str) -> list[Policy]:
    header = read_header(text)
    return find_policies(text, PolicyContext(document_kind(text, header), home_region(text), header))


def test_notice_issuing_a_plan_gives_two_self_policies_and_the_plan_cites_the_basis():
    policies = _policies(NOTICE)
    selves = [p for p in policies if p.role == "self"]
    assert [(p.title, p.doc_number) for p in selves] == [
        ("关于印发《四川省基层医疗卫生机构能力提升行动方案（2023-2025年）》的通知", "川卫办发〔2023〕12号"),
        ("四川省基层医疗卫生机构能力提升行动方案（2023-2025年）", None)]
    assert all(p.date == "2023-03-08" for p in selves)
    assert all([o.name for o in p.issuers] == ["四川省卫生健康委员会办公室"] for p in selves)
    assert selves[1].cites == ["国办发〔2021〕18号"]
    assert selves[0].regions == ["510000"]
    cited = next(p for p in policies if p.doc_number == "国办发〔2021〕18号")
    assert (cited.title, cited.role, cited.date) == ("关于推动公立医院高质量发展的意见", "mentioned", "2021")
    assert [o.name for o in cited.issuers] == ["国务院办公厅"] and cited.regions == ["CN"]


def test_mentioned_policy_based_on_another_in_the_same_sentence():
    policies = _policies(HOSPITAL)
    assert [(p.title, p.regions, p.cites) for p in policies] == [
        ("信访条例", ["CN"], []),
        ("深圳市龙岗中心医院信访制度", ["440307"], ["信访条例"])]
    assert policies[1].issuers[0].name.startswith("深圳市龙岗")


def test_issuer_and_date_written_before_a_title_in_a_report():
    text = ("为了进一步推动家庭医生行业的发展，我国陆续发布了多项政策，如2025年6月国家卫生健康委等部门等发布"
            "《关于做好2025年基本公共卫生服务工作的通知》结合紧密型医联体建设和家庭医生签约服务。")
    (policy,) = _policies(text)
    assert (policy.date, policy.regions, policy.role) == ("2025-06", ["CN"], "mentioned")
    assert [o.name for o in policy.issuers] == ["国家卫生健康委员会"]


def test_bare_number_gives_an_untitled_policy_with_issuer_year_and_region():
    (policy,) = _policies("按照湘政办发〔2017〕84号文件要求，做好养老服务工作。")
    assert (policy.title, policy.doc_number, policy.date) == (None, "湘政办发〔2017〕84号", "2017")
    assert [o.name for o in policy.issuers] == ["湖南省人民政府办公厅"]
    assert policy.regions == ["430000"]


def test_forms_are_not_policies():
    text = "报送申报材料时，须提供《评审表》、《综合（公示）信息表》、《工作量登记表》，并须参照《政治思想评分内容及参考分值》评分。"
    assert [p.title for p in _policies(text)] == ["政治思想评分内容及参考分值"]


def test_policy_key_prefers_the_number():
    assert policy_key(Policy(title="关于…的通知", doc_number="国办发〔2017〕52号")) == "#国办发〔2017〕52号"


def test_short_and_full_names_of_a_law_are_one_policy():
    text = ("第一条 为了加强军队药品监督管理，根据《中华人民共和国药品管理法》(以下简称药品管理法)的规定，制定本办法。"
            "第十条 违反《药品管理法》规定的，依法处理。")
    assert [p.title for p in _policies(text)] == ["中华人民共和国药品管理法"]


def test_place_that_issued_a_title_without_issuer_is_its_jurisdiction():
    text = "比如重庆市发布的《重庆市提振消费若干措施》、北京市发布的《关于加强“老老人”服务保障的若干措施》。"
    assert [(p.title, p.regions) for p in _policies(text)] == [
        ("重庆市提振消费若干措施", ["500000"]), ("关于加强“老老人”服务保障的若干措施", ["110000"])]


FORWARD = """湘卫基层发〔2024〕7号

湖南省卫生健康委员会
关于转发国家卫生健康委关于做好2024年基本公共卫生服务工作的通知的通知

各市州卫生健康委：

现将国家卫生健康委《关于做好2024年基本公共卫生服务工作的通知》（国卫基层发〔2024〕32号）转发给你们，请结合实际认真贯彻落实。

湖南省卫生健康委员会
2024年9月20日
"""


def test_forwarded_document_is_mentioned_and_cited_by_its_number():
    own, forwarded = _policies(FORWARD)
    assert (own.role, own.doc_number, own.cites) == ("self", "湘卫基层发〔2024〕7号", ["国卫基层发〔2024〕32号"])
    assert (forwarded.role, forwarded.title, forwarded.doc_number) == (
        "mentioned", "关于做好2024年基本公共卫生服务工作的通知", "国卫基层发〔2024〕32号")
    assert [o.name for o in forwarded.issuers] == ["国家卫生健康委员会"] and forwarded.regions == ["CN"]


def test_amendment_decision_takes_the_jurisdiction_of_the_amended_law():
    text = "2013年6月29日 第十二届全国人民代表大会常务委员会第三次会议《关于修改<中华人民共和国文物保护法>等十二部法律的决定》修正"
    decision, amended = _policies(text)
    assert (decision.title, decision.regions) == ("关于修改<中华人民共和国文物保护法>等十二部法律的决定", ["CN"])
    assert (amended.title, amended.regions) == ("中华人民共和国文物保护法", ["CN"])


MUYING = """# 中华人民共和国母婴保健法

1994年10月27日 第八届全国人民代表大会常务委员会第十次会议通过

2009年8月27日 第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正

2017年11月4日 第十二届全国人民代表大会常务委员会第三十次会议《关于修改<中华人民共和国会计法>等十一部法律的决定》第二次修正

<!-- INFO END -->

第一条 为了保障母亲和婴儿健康，提高出生人口素质，根据宪法，制定本法。
"""


def test_law_dated_by_its_first_passing_with_amendments_and_bare_law_names():
    by_title = {p.title: p for p in _policies(MUYING)}
    own = by_title["中华人民共和国母婴保健法"]
    assert (own.role, own.date, [o.name for o in own.issuers], own.cites) == (
        "self", "1994-10-27", ["全国人民代表大会常务委员会"], ["宪法"])
    amendment = by_title["关于修改<中华人民共和国会计法>等十一部法律的决定"]
    assert (amendment.date, [o.name for o in amendment.issuers], amendment.regions) == (
        "2017-11-04", ["全国人民代表大会常务委员会"], ["CN"])
    assert by_title["关于修改部分法律的决定"].date == "2009-08-27"
    assert by_title["中华人民共和国会计法"].role == "mentioned"
    assert by_title["宪法"].regions == ["CN"]


def test_attachment_of_an_opinion_is_issued_with_it():
    from extractors.pipeline import extract_text

    text = ("国务院办公厅关于推进分级诊疗制度建设的指导意见\n国办发〔2015〕70号\n"
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
            "为贯彻落实《全国医疗卫生服务体系规划纲要（2015—2020年）》（国办发〔2015〕14号），现提出如下意见。\n"
            "附件：分级诊疗试点工作考核评价标准\n\n国务院办公厅\n2015年9月8日\n\n附件\n\n分级诊疗试点工作考核评价标准\n")
    selves = {p.title: p for p in extract_text(text, "d", "d").policies if p.role == "self"}
    attached = selves["分级诊疗试点工作考核评价标准"]
    assert (attached.date, [o.name for o in attached.issuers], attached.cites) == ("2015-09-08", ["国务院办公厅"], [])
    assert selves["关于推进分级诊疗制度建设的指导意见"].cites == ["国办发〔2015〕14号"]


def test_own_title_repeated_in_the_text_is_the_text_itself():
    from extractors.pipeline import extract_text

    text = ("湖北省卫生健康事业发展“十四五”规划\n\n鄂政办发〔2021〕51号\n\n各市、州、县人民政府，省政府各部门：\n\n"
            "《湖北省卫生健康事业发展“十四五”规划》已经省人民政府同意，现印发给你们，请认真组织实施。\n\n"
            "湖北省人民政府办公厅\n2021年10月22日\n")
    policies = extract_text(text, "d", "d").policies
    assert [(p.role, p.doc_number) for p in policies] == [("self", "鄂政办发〔2021〕51号")]


def test_short_name_after_yixia_jiancheng_is_the_same_policy():
    text = ("近日，国务院办公厅印发了《关于推进分级诊疗制度建设的指导意见》（国办发〔2015〕70号，以下简称《指导意见》）。"
            "各地要按照《指导意见》要求推进分级诊疗。")
    policies = find_policies(text, PolicyContext())
    assert [(p.title, p.doc_number) for p in policies] == [("关于推进分级诊疗制度建设的指导意见", "国办发〔2015〕70号")]


def test_plan_posted_without_signature_is_its_own_policy():
    from extractors.pipeline import extract_text

    text = ("湖北省卫生健康事业发展“十四五”规划\n\n一、发展目标\n\n到2025年，全省卫生健康体系更加完善。\n\n"
            "根据《“健康中国2030”规划纲要》，各地要加强疾病预防控制体系建设。\n")
    ex = extract_text(text, "d", "d")
    assert ex.kind == "policy"
    assert [(p.role, p.title, p.regions) for p in ex.policies] == [
        ("self", "湖北省卫生健康事业发展“十四五”规划", ["420000"]),
        ("mentioned", "“健康中国2030”规划纲要", ["CN"])]


def test_date_set_off_by_a_comma_before_the_issuer():
    text = "2019年8月，国家医疗保障局印发《关于完善“互联网+”医疗服务价格和医保支付政策的指导意见》（医保发〔2019〕47号）。"
    (policy,) = find_policies(text, PolicyContext(kind="report"))
    assert (policy.date, [o.name for o in policy.issuers]) == ("2019-08", ["国家医疗保障局"])


# The blind set (tests/data/blind): a research report telling when and by whom policies came out.
def test_report_prose_dates_same_year_and_listed_titles():
    text = ("2018年4月，国务院办公厅印发《关于促进“互联网+医疗健康”发展的意见》（国办发〔2018〕26号）。"
            "同年7月，国家卫生健康委员会与国家中医药管理局联合发布《互联网诊疗管理办法（试行）》"
            "《互联网医院管理办法（试行）》和《远程医疗服务管理规范（试行）》。"
            "国家医疗保障局于2019年8月发布《关于完善“互联网+”医疗服务价格和医保支付政策的指导意见》（医保发〔2019〕47号），"
            "2020年10月又印发《关于积极推进“互联网+”医疗服务医保支付工作的指导意见》（医保发〔2020〕45号）。")
    found = {p.title: (p.date, [o.name for o in p.issuers]) for p in find_policies(text, PolicyContext(kind="report"))}
    both = ["国家卫生健康委员会", "国家中医药管理局"]
    assert found["互联网诊疗管理办法（试行）"] == ("2018-07", both)
    assert found["互联网医院管理办法（试行）"] == ("2018-07", both)
    assert found["远程医疗服务管理规范（试行）"] == ("2018-07", both)
    assert found["关于完善“互联网+”医疗服务价格和医保支付政策的指导意见"] == ("2019-08", ["国家医疗保障局"])
    assert found["关于积极推进“互联网+”医疗服务医保支付工作的指导意见"][0] == "2020-10"


def test_a_performance_self_assessment_report_is_a_budget_document_and_no_policy():
    text = ("南宁市卫生健康委员会2021年度部门整体支出绩效自评报告\n\n"
            "根据《南宁市财政局关于开展2021年度部门整体支出绩效自评工作的通知》（南财绩〔2022〕6号）要求，"
            "我委对2021年度部门整体支出情况开展了绩效自评。\n")
    assert document_kind(text, read_header(text)) == "budget"
    assert [p.role for p in _policies(text)] == ["mentioned"]


def test_a_number_after_a_later_short_name_belongs_to_the_abbreviated_policy():
    text = ("新华社北京6月4日电 经国务院同意，国务院办公厅日前印发《关于推动公立医院高质量发展的意见》（以下简称《意见》）。\n"
            "此次《意见》（国办发〔2021〕18号）是在上述文件基础上作出的系统部署。\n")
    found = [(p.title, p.doc_number, p.date) for p in _policies(text)]
    assert found == [("关于推动公立医院高质量发展的意见", "国办发〔2021〕18号", "2021")]
