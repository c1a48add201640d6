"""Modality: explicit cues, negations and exemptions, bare imperatives, look-alike words."""
from __future__ import annotations

import pytest

from extractors.modality import cues, modality_of, split_at_modality_change


@pytest.mark.parametrize("clause, modality", [
    # blind set 3 and the held-out laws: penalties of a 法律责任 chapter, 可追溯, 被吊销
    ("违反本条例规定，造成重大中医药资源流失，构成犯罪的，依法追究刑事责任；", "obligation"),
    ("情节严重的，对提供经营性互联网药品信息服务的网站处以1万元以上3万元以下罚款；", "obligation"),
    ("护士被吊销执业证书的，自执业证书被吊销之日起2年内不得申请执业注册。", "prohibition"),
    # 001 郴政办发〔2018〕18号
    ("民政部门应按有关规定及时发布养老服务机构设置和规划布局调整等信息", "obligation"),
    # blind set 2: a penalty after a condition and 一经查实
    ("对弄虚作假的，一经查实，取消其3年内申报资格。", "obligation"),
    ("其设立的营利性养老机构享受同等优惠政策，任何部门和个人不得以任何理由加以限制。", "prohibition"),
    ("在民政部门登记的非营利性养老机构，可以依法在其登记机关管辖范围内设立多个不具备法人资格的服务网点。", "permission"),
    ("鼓励境外投资者设立营利性和非营利性养老机构、医养结合服务机构。", "encouragement"),
    ("严禁利用养老机构的房屋、场地、设施开展与养老服务无关的活动。", "prohibition"),
    ("凡符合已经批复的控制性详细规划的区域，不再对区域内具体养老投资项目进行交通影响评估审查。", "prohibition"),
    ("申请人设立养老机构许可时，能够提供服务设施产权证明的，不需提供建设单位的竣工验收合格证明。", "permission"),
    ("加快建立以市场形成价格为主的养老机构服务收费管理机制。", "obligation"),
    ("探索建立全市社会养老孵化基地，为全市社会力量参与养老服务业提供标准化建设。", "encouragement"),
    ("进一步降低准入门槛，营造公平环境，积极引导社会资本进入养老服务业。", "obligation"),
    ("全面落实政府购买养老服务的政策措施，有条件的地方可通过运营补贴等方式，支持社会力量举办养老机构。", "obligation"),
    # 003 申报人员提交材料注释
    ("卫生高级职称申报时，不要求申报人员提交学历证书原件（含扫描件）和复印件。", "permission"),
    ("上传的单页PDF大小应控制在5MB以内，单个项目的总大小不应超过40MB（病历除外）。", "obligation"),
    ("将在“中国高等教育学生信息网”查验生成的学历验证报告制作成PDF文件上传评审管理系统。", "obligation"),
    # 000 report: a lead-in before the verb
    ("以基层医疗卫生机构为主要平台，完善以全科医生为主体的家庭医生签约服务模式。", "obligation"),
    # laws
    ("监督抽测不得收取费用。", "prohibition"),
    # 准予: the authority grants, a duty of the authority (护士条例, 药品进口管理办法)
    ("收到申请的卫生主管部门对具备本条例规定条件的，准予延续，延续执业注册有效期为5年。", "obligation"),
    ("检验符合标准规定的，准予进口备案，由口岸药品监督管理局发出《进口药品通关单》；", "obligation"),
    ("新建市场对出售场内商位有禁止或者限制规定的，市场举办者应当遵守该规定。", "obligation"),
    ("县级以上人民政府应当将保密工作纳入本级国民经济和社会发展规划。", "obligation"),
    # unseen 医师法: the cues of an opening case (不能或者不宜…的，) are not the clause's
    ("不能或者不宜向患者说明的，应当向患者的近亲属说明，并取得其明确同意。", "obligation"),
    # blind set 5: a right that comes with a duty (有权…，并须…) is the duty; a right alone stays one
    ("消费者有权自主选购非处方药，并须按非处方药标签和说明书所示内容使用。", "obligation"),
    ("任何单位和个人有权对违反本法的行为进行检举和控告。", "permission"),
    ("各设区市应当建立健全基金运行风险预警机制，对基金累计结存可支付月数低于6个月的，要及时制定应对方案。", "obligation"),
])
def test_modality(clause, modality):
    assert modality_of(clause)[0] == modality


@pytest.mark.parametrize("clause", [
    "我院以公立医院改革为契机，积极推进医院集团和临床医学院建设。",
    "家庭医生意为对服务对象实行全面的、连续的、有效的个性化医疗保健服务的新型医生。",
    "统计部门对应的工作量相应增加，主要反映医院的需求。",
    "为全面落实优化营商环境，满足“只进一扇门、可办所有事”的政务服务要求。",
    # a negation inside an opening case is no cue (the agent after it makes the clause a duty)
    "双方不能达成协议的，由国务院药品监督管理部门裁决。",
])
def test_not_a_directive(clause):
    assert modality_of(clause) is None


def test_look_alike_words_are_not_cues():
    assert cues("相应的主要需求和行政许可可能对应调整") == []


@pytest.mark.parametrize("clause, words", [
    ("食品小作坊禁止生产加工的食品目录及明细应当根据食品安全监督抽检结果适时调整。", ["应当"]),
    ("但《中华人民共和国婚姻法》规定禁止结婚的除外。", []),
    ("国家禁止任何形式的家庭暴力。", ["禁止"]),
    ("严禁利用养老机构的房屋、场地、设施开展与养老服务无关的活动。", ["严禁"]),
    # unseen 职业病防治法: 要求 as a noun before 时
    ("发现工作场所职业病危害因素不符合国家职业卫生标准和卫生要求时，用人单位应当立即采取相应治理措施。", ["应当"]),
])
def test_a_thing_named_by_the_ban_on_it_is_no_ban(clause, words):
    assert [c.word for c in cues(clause)] == words


def test_budget_prose_needs_an_explicit_cue():
    text = "巩固现有项目，扩大服务覆盖面，适当提高服务补助水平。"
    assert modality_of(text) == ("obligation", 0)
    assert modality_of(text, bare_imperatives=False) is None


def test_sentence_split_where_a_prohibition_starts():
    clause = ("建立多部门、跨地区的联合奖惩机制，对诚实守信者实行优先办理等激励政策，"
              "凡进入失信黑名单的企业和个人均不得申请从事养老服务行业，"
              "凡已开办养老服务机构的单位和个人，列入失信黑名单的由相关部门依法责令其退出养老服务机构。")
    pieces = [clause[s:e] for s, e in split_at_modality_change(clause)]
    assert pieces[0].endswith("激励政策")
    assert pieces[1].startswith("凡进入失信黑名单的企业和个人均不得申请从事养老服务行业")
    assert pieces[2].endswith("由相关部门依法责令其退出养老服务机构。")
    assert len(pieces) == 3


def test_encouragement_keeps_what_it_encourages():
    clause = "鼓励中医医疗机构推动业务流程数字化转型，打造数字中医药服务模式，推进中医诊疗服务全流程数据采集。"
    assert split_at_modality_change(clause) == [(0, len(clause))]


def test_traceable_is_no_permission():
    assert cues("整合疫苗生产、流通和预防接种全过程追溯信息，实现疫苗可追溯、可核查。") == []


def test_disposable_income_is_no_permission():
    assert cues("大病保险起付线降低并统一至上一年度居民人均可支配收入的50%。") == []
