"""Actors: written subjects, 由-agents, encouraged parties, notice roles."""
from __future__ import annotations

import pytest

from extractors.actors import agent, declaring_subject, header_role, written_actor
from extractors.modality import modality_of


@pytest.mark.parametrize("clause, actor", [
    ("民政部门应按有关规定及时发布养老服务机构设置和规划布局调整等信息", "民政部门"),
    ("各县市区要从农村集体经济、农村土地流转等收益中提取一定比例，用于解决本村老年人的养老问题。", "各县市区"),
    ("对养老机构审批过程中涉及的各有关部门，都要主动公开养老机构相关审批程序和审批时限。", "各有关部门"),
    ("在民政部门登记的非营利性养老机构，可以依法在其登记机关管辖范围内设立多个服务网点。", "非营利性养老机构"),
    ("市县两级政府要加大对养老服务业的投入，支持养老服务设施建设。", "市县两级政府"),
    ("鼓励中医医疗机构推动业务流程数字化转型。", "中医医疗机构"),
    ("鼓励和引导各类养老服务企业、机构、组织到孵化基地接受培养。", "各类养老服务企业、机构、组织"),
    ("引导二级以上医院专家加入家庭医生团队，促进以家庭为单位整体签约。", "二级以上医院专家"),
    ("鼓励符合条件的执业医师到养老机构内设的医疗卫生机构多点执业。", "执业医师"),
    ("学信网上无法查询其相应学历信息，由用人单位进行学历审查并由责任人在学历证书复印件上签字、单位签章。", "用人单位"),
    ("三级医院要预留30%以上的门诊专家号源和一定数量住院床位。", "三级医院"),
    ("沿黄河的各级人民政府应当加强对黄河河道管理工作的领导。", "各级人民政府"),
    ("在黄河河道管理工作中做出显著成绩的单位和个人，由县级以上人民政府或者黄河河道主管机关给予表彰和奖励。",
     "县级以上人民政府或者黄河河道主管机关"),
    ("军事方面的保密事项范围，由中央军事委员会规定。", "中央军事委员会"),
    # 爱国主义教育法: a long coordinated subject keeps its last conjunct
    (("县级以上地方文化和旅游、新闻出版、广播电视、电影、网信、文物等部门和其他有关部门应当在各自职责范围内，"
      "开展爱国主义教育工作。"), "其他有关部门"),
    ("请各地于2024年10月31日前将项目实施方案报送我委基层司。", "各地"),
    # 浙江省少数民族权益保障条例 / 杭州市计算机信息网络安全保护管理条例
    ("高等院校招收新生，应当按照国家有关规定，对少数民族考生给予适当照顾。", "高等院校"),
    ("财政、教育等部门在安排教育经费时，应当向民族地区倾斜。", "财政、教育等部门"),
    ("市公安局公共信息网络安全监察分局具体负责全市计算机信息网络安全保护管理工作。", "市公安局公共信息网络安全监察分局"),
    # blind set: 放射性药品管理办法, 上海市急救医疗服务条例, a county work plan
    ("研制单位在制订新药工艺路线的同时，必须研究该药的理化性能、纯度及检验方法。", "研制单位"),
    ("市民应当尊重和配合院前急救机构、院内急救机构开展的急救医疗服务活动。", "市民"),
    ("严禁医共体成员单位以任何形式截留、挪用医保基金。", "医共体成员单位"),
    ("严禁任何单位和个人随身携带放射性药品乘坐公共交通运输工具。", "任何单位和个人"),
    ("县医改办要每季度对重点任务进展情况进行调度，对工作推进不力的单位予以通报。", "县医改办"),
    # 护士条例, 最高人民法院医疗损害解释: the actor opens a condition it meets (X…的，应当…)
    ("护士在其执业注册有效期内变更执业地点的，应当向拟执业地省级卫生主管部门报告。", "护士"),
    ("护士执业，应当遵守法律、法规、规章和诊疗技术规范的规定。", "护士"),
    ("医疗机构主张不承担责任的，应当就抗辩事由承担举证证明责任。", "医疗机构"),
    # 药品进口管理办法: the actor finishes a step first (…后，应当…); a 检验所 bears duties
    ("本办法第十条规定情形的药品，口岸药品监督管理局审查全部资料无误后，应当向口岸药品检验所发出通知书。",
     "口岸药品监督管理局"),
    ("口岸药品检验所应当到规定的抽样地点抽取样品，进行质量检验。", "口岸药品检验所"),
    # blind set 2: a municipal opinion and a provincial 申报 notice (县、区 lists, 设区市, 专科, 带头人)
    ("各县、区要依托社区卫生服务中心、乡镇卫生院建设医养结合服务中心，2023年底前每个县、区至少建成1个。", "各县、区"),
    ("各县、区应于每年12月10日前将年度工作总结报送市卫生健康委。", "各县、区"),
    ("鼓励各设区市结合实际设立市级临床重点专科建设项目，形成省、市两级梯次发展格局。", "各设区市"),
    ("申报专科须具有独立的病区，编制床位不少于30张，近三年年均出院人数不少于1000人次。", "申报专科"),
    ("学科带头人应当具有正高级专业技术职称，年龄不超过55周岁。", "学科带头人"),
    # X的Y应…: when Y (figures, standards) bears nothing, X whose they are does
    ("申报专科的医疗服务质量指标应达到省级质控中心要求，三、四级手术占比不低于40%。", "申报专科"),
    # blind set 3: 疫苗管理法, 中医药条例, a 宜昌 opinion (defined terms, qualified agents, 责任主体)
    ("设区的市级、县级人民政府承担药品监督管理职责的部门（以下称药品监督管理部门）负责本行政区域疫苗监督管理工作。",
     "设区的市级、县级人民政府承担药品监督管理职责的部门"),
    ("疫苗临床试验应当由符合国务院药品监督管理部门和国务院卫生健康主管部门规定条件的三级医疗机构或者"
     "省级以上疾病预防控制机构实施或者组织实施。", "三级医疗机构或者省级以上疾病预防控制机构"),
    ("各县市区人民政府是县域医共体建设的责任主体，要把医共体建设纳入深化医改重点工作。", "各县市区人民政府"),
    ("疫苗上市许可持有人应当建立疫苗电子追溯系统，与全国疫苗电子追溯协同平台相衔接。", "疫苗上市许可持有人"),
    ("承担中医药专家学术经验和技术专长继承工作的指导老师应当具备下列条件：", "指导老师"),
    ("篡改经批准的中医医疗广告内容的，由原审批部门撤销广告批准文号，1年内不受理该中医医疗机构的广告审批申请。",
     "原审批部门"),
])
def test_written_actor(clause, actor):
    modality, at = modality_of(clause) or ("obligation", 0)  # 由…进行 clauses have no cue
    assert written_actor(clause, at, modality) == actor


@pytest.mark.parametrize("clause", [
    "设立营利性养老机构，应按“先照后证”的简化程序执行。",
    "撰写报告、制定方案数量，将相应报告或方案原件制作成PDF文件上传。",
    "政府运营养老床位数不超过50%；",
    "鼓励整合改造企业厂房、商业设施、存量商品房等用于养老服务。",
    "加快建立以市场形成价格为主的养老机构服务收费管理机制。",
    "严禁使用人工智能等自动生成处方。",
    "除满足周边居民的医疗需求外，需争取服务和满足全区大病和重病患者。",
    "医疗卫生机构有下列情形之一的，依照有关法律、行政法规的规定给予处罚；",
])
def test_no_actor_when_none_is_written(clause):
    modality, at = modality_of(clause) or ("obligation", 0)  # goal and notice steps have no cue
    assert written_actor(clause, at, modality) is None


def test_a_long_department_list_declares_a_duty():
    clause = "发展改革、财政、规划资源、公安、消防、建设、经济信息化、交通等部门按照各自职责，共同做好急救医疗服务的相关工作。"
    assert modality_of(clause) is None  # 发展改革 opens a body name, not an imperative
    assert declaring_subject(clause).endswith("交通等部门")


def test_agent_of_a_later_step_is_not_the_actor():
    assert agent("将门诊信息系统统计结果截图，由信息系统管理部门签字盖章后制作成PDF文件上传。") is None
    assert agent("社会办医疗卫生机构人员由其工作地人事（职改）部门进行学历审查。").endswith("人事（职改）部门")


def test_header_role_of_a_notice(sample_texts):
    notice = next(t for k, t in sample_texts.items() if k.startswith("003"))
    assert header_role(notice) == "申报人员"
    assert header_role("郴州市人民政府办公室关于全面放开养老服务市场提升养老服务质量的实施意见") is None


def test_role_nouns_bear_a_cued_duty_but_make_no_statement_a_duty():
    from extractors.actors import declaring_subject, written_actor

    assert written_actor("护士应当尊重、关心、爱护患者，保护患者的隐私。", 2, "obligation") == "护士"
    assert written_actor("育龄夫妻应当根据医师的医学意见采取相应的措施。", 4, "obligation") == "育龄夫妻"
    assert declaring_subject("护士执业注册有效期为5年。") is None
