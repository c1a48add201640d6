"""The document's own header: red-header lines, metadata block, signature, law INFO block."""
from __future__ import annotations

from extractors.headers import Field, Header, read_header

CHENZHOU = """



郴政办发〔2018〕18号 关于全面放开养老服务市场提升养老服务质量的实施意见

索引号：100001/2018-1349378

文号：郴政办发〔2018〕18号

登记日期：2018-07-19

郴政办发〔2018〕18号

郴州市人民政府办公室

关于全面放开养老服务市场提升养老服务质量的实施意见

各县市区人民政府，市政府各工作部门,中省驻郴各单位：

为提升养老服务质量，扩大养老服务有效供给，推动我市养老服务业更好更快发展，现提出如下实施意见。

附件：重点任务分工及进度安排表

郴州市人民政府办公室

2018年7月6日

(此件主动公开)
"""

NURSES = """# 护士条例

2008年1月31日 中华人民共和国国务院令第517号公布

<!-- INFO END -->

## 第一章 总则

第一条 为了维护护士的合法权益，规范护理行为，促进护理事业发展，保障医疗安全和人体健康，制定本条例。
"""

BEIJING = """# 北京市居家养老服务条例

2015年1月29日 北京市第十四届人民代表大会第三次会议通过

<!-- INFO END -->
第一条 为了满足居住在家老年人的社会化服务需求，提高老年人生活的质量，根据《中华人民共和国老年人权益保障法》和有关法律、法规，结合本市实际，制定本条例。
"""


def test_government_page_header_prefers_the_signature_date():
    header = read_header(CHENZHOU)
    assert header.doc_number.value == "郴政办发〔2018〕18号"
    assert header.title.value == "关于全面放开养老服务市场提升养老服务质量的实施意见"
    assert [i.value for i in header.issuers] == ["郴州市人民政府办公室"]
    assert header.date.value == "2018-07-06"
    assert header.dates["登记日期"].value == "2018-07-19" if "登记日期" in header.dates else True
    assert CHENZHOU[header.title.start:header.title.end] == header.title.value


def test_chinese_numeral_signature():
    text = ("关于做好老年人健康服务工作的通知\n各市（州）卫生健康委：\n请认真组织实施。\n"
            "四川省卫生健康委员会\n二〇二三年八月三十一日\n")
    header = read_header(text)
    assert header.date.value == "2023-08-31"
    assert header.issuers[0].value == "四川省卫生健康委员会"


def test_made_by_line_and_two_line_title():
    text = ("2023年度四川省卫生高级职称\n申报人员提交材料注释\n"
            "四川省卫生高级职称（正高级和省属单位副高级）申报工作采用网上申报方式进行。\n"
            "                    四川省卫生健康委员会制\n")
    header = read_header(text)
    assert header.title.value == "2023年度四川省卫生高级职称申报人员提交材料注释"
    assert [i.value for i in header.issuers] == ["四川省卫生健康委员会"]


def test_law_with_decree():
    header = read_header(NURSES)
    assert header.is_law
    assert (header.title.value, header.doc_number.value, header.date.value) == (
        "护士条例", "中华人民共和国国务院令第517号", "2008-01-31")
    assert [i.value for i in header.issuers] == ["国务院"]


def test_local_regulation_passed_by_a_congress():
    header = read_header(BEIJING)
    assert header.title.value == "北京市居家养老服务条例"
    assert header.date.value == "2015-01-29"
    assert [i.value for i in header.issuers] == ["北京市人民代表大会"]


def test_issued_title_of_a_notice():
    header = Header(title=Field("关于印发《健康中国行动（2019—2030年）》的通知", 10, 33))
    issued = header.issued_title
    assert issued.value == "健康中国行动（2019—2030年）"
    assert issued.start == 10 + len("关于印发《")


GOV_CN = """索 引 号：000014349/2022-00041
发文机关：国务院办公厅
成文日期：2022年04月27日
标　　题：国务院办公厅关于印发“十四五”国民健康规划的通知
发文字号：国办发〔2022〕11号
发布日期：2022年05月20日

国务院办公厅关于印发“十四五”国民健康规划的通知
国办发〔2022〕11号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
《“十四五”国民健康规划》已经国务院同意，现印发给你们，请认真贯彻执行。
"""


def test_gov_cn_metadata_block_with_padded_keys():
    header = read_header(GOV_CN)
    assert header.title.value == "关于印发“十四五”国民健康规划的通知"
    assert header.doc_number.value == "国办发〔2022〕11号"
    assert header.issuers[0].value == "国务院办公厅"
    assert header.date.value == "2022-04-27"  # 成文日期, not 发布日期
    assert header.issued_title.value == "“十四五”国民健康规划"


def test_joint_signature_one_body_a_line():
    text = ("关于做好2024年基本公共卫生服务工作的通知\n发布时间：2024-09-10  来源：基层卫生健康司\n\n国卫基层发〔2024〕32号\n\n"
            "各省、自治区、直辖市及新疆生产建设兵团卫生健康委、财政厅（局）、中医药局、疾控局：\n\n"
            "现就做好2024年基本公共卫生服务工作通知如下。\n\n国家卫生健康委\n财政部\n国家中医药局\n国家疾控局\n2024年9月5日\n"
            "（信息公开形式：主动公开）\n")
    header = read_header(text)
    assert [i.value for i in header.issuers] == ["国家卫生健康委", "财政部", "国家中医药局", "国家疾控局"]
    assert header.date.value == "2024-09-05"
    assert header.dates["发布时间"].value == "2024-09-10"


def test_breadcrumb_is_not_the_title():
    text = ("首页 > 政务公开 > 通知公告\n关于开展2024年度卫生健康系统安全生产大检查的通知\n"
            "各市州卫生健康委：\n现将有关事项通知如下。\n湖南省卫生健康委员会\n2024年3月14日\n")
    header = read_header(text)
    assert header.title.value == "关于开展2024年度卫生健康系统安全生产大检查的通知"
    assert (header.issuers[0].value, header.date.value) == ("湖南省卫生健康委员会", "2024-03-14")


def test_title_broken_over_two_lines():
    text = ("郴州市人民政府办公室\n关于进一步加强养老服务机构安全管理工作的\n实施意见\n"
            "各县市区人民政府：\n现提出如下意见。\n郴州市人民政府办公室\n2019年3月1日\n")
    header = read_header(text)
    assert header.title.value == "关于进一步加强养老服务机构安全管理工作的实施意见"
    assert [i.value for i in header.issuers] == ["郴州市人民政府办公室"]


# Shapes outside the development set (tests/data/shapes): wrapped titles, signatures with
# the date on the same line or several bodies on one line, and the addressee line.
def test_title_wrapped_over_three_lines():
    text = ("国家卫生健康委办公厅关于印发\n2019年深入落实进一步改善医疗服务\n行动计划重点工作方案的通知\n\n"
            "国卫办医函〔2019〕265号\n\n各省、自治区、直辖市卫生健康委：\n\n请认真组织实施。\n")
    header = read_header(text)
    assert header.title.value == "关于印发2019年深入落实进一步改善医疗服务行动计划重点工作方案的通知"
    assert header.issued_title.value == "2019年深入落实进一步改善医疗服务行动计划重点工作方案"
    assert header.issuers[0].value == "国家卫生健康委办公厅"


def test_signature_with_the_date_on_the_same_line():
    text = ("关于进一步加强医疗机构感染预防与控制工作的通知\n国卫办医函〔2019〕480号\n各省、自治区、直辖市卫生健康委：\n"
            "各地要加强感染防控。\n国家卫生健康委办公厅 2019年5月18日\n")
    header = read_header(text)
    assert header.date.value == "2019-05-18"
    assert [i.value for i in header.issuers] == ["国家卫生健康委办公厅"]


def test_joint_signature_on_one_line():
    text = ("关于印发医疗联合体管理办法（试行）的通知\n国卫医发〔2020〕13号\n各省、自治区、直辖市卫生健康委：\n"
            "现印发给你们，请遵照执行。\n国家卫生健康委\u3000\u3000\u3000\u3000国家中医药管理局\n2020年7月9日\n")
    header = read_header(text)
    assert header.date.value == "2020-07-09"
    assert "国家中医药管理局" in header.issuers[0].value


def test_addressee_line_after_the_title():
    header = read_header(CHENZHOU)
    assert header.addressee.value == "各县市区人民政府，市政府各工作部门,中省驻郴各单位"
    assert read_header("关于开展义诊的通知\n统一登记号：\n各医院要参加。\n").addressee is None


def test_wrapped_title_after_a_long_joint_issuer_prefix():
    text = ("国家卫生健康委办公厅 国家中医药管理局办公室关于印发医疗机构\n门诊质量管理暂行规定的通知\n\n"
            "国卫办医发〔2022〕8号\n\n各省、自治区、直辖市卫生健康委：\n\n现印发给你们，请遵照执行。\n\n"
            "国家卫生健康委办公厅\u3000\u3000国家中医药管理局办公室\n2022年6月24日\n")
    header = read_header(text)
    assert header.title.value == "关于印发医疗机构门诊质量管理暂行规定的通知"
    assert header.issued_title.value == "医疗机构门诊质量管理暂行规定"


def test_two_column_metadata_block():
    text = ("索 引 号：000014349/2015-00154\u3000\u3000主题分类：卫生、体育\n"
            "发文机关：国务院办公厅\u3000\u3000成文日期：2015年09月08日\n"
            "标\u3000\u3000题：国务院办公厅关于推进分级诊疗制度建设的指导意见\n"
            "发文字号：国办发〔2015〕70号\u3000\u3000发布日期：2015年09月11日\n\n"
            "国务院办公厅关于推进分级诊疗制度建设的指导意见\n\n各省、自治区、直辖市人民政府：\n\n正文。\n")
    header = read_header(text)
    assert (header.date.value, header.doc_number.value) == ("2015-09-08", "国办发〔2015〕70号")
    assert header.dates["发布日期"].value == "2015-09-11"
    assert header.issuers[0].value == "国务院办公厅"


def test_addressee_with_a_development_zone_committee_ends_the_header():
    text = ("宜昌市人民政府办公室关于推进紧密型县域医疗卫生共同体建设的实施意见\n\n宜府办发〔2021〕15号\n\n"
            "各县市区人民政府，宜昌高新区管委会，市政府各部门：\n\n为推动优质医疗资源下沉，现提出如下实施意见。\n")
    header = read_header(text)
    assert header.doc_number.value == "宜府办发〔2021〕15号"
    assert header.addressee.value == "各县市区人民政府，宜昌高新区管委会，市政府各部门"


def test_joint_decree_numbers_on_one_line_are_one_issuing():
    text = ("# 学校卫生工作条例\n\n1990年4月25日 国务院批准　\n\n"
            "1990年6月4日 国家教育委员会令第10号、卫生部令第1号发布　\n\n<!-- INFO END -->\n\n第一条 为加强学校卫生工作，制定本条例。\n")
    header = read_header(text)
    assert (header.doc_number.value, header.date.value) == ("国家教育委员会令第10号", "1990-06-04")
    assert [f.value for f in header.joint_numbers] == ["卫生部令第1号"]
    assert [i.value for i in header.issuers] == ["国家教育委员会", "卫生部"]
