"""Responsibility notes of work plans give tasks their lead unit and time limit."""
from __future__ import annotations

from extractors.obligations import ObligationContext, find_obligations
from extractors.responsibility import notes

PLAN = (
    "二、重点任务\n"
    "（一）加强人才队伍建设。加大基层卫生人才培养力度，落实乡村医生待遇。"
    "（牵头单位：市卫生健康委；配合单位：市财政局、市人社局；完成时限：2024年12月底前）\n"
    "（二）提升服务能力。推进县域医共体建设，支持有条件的乡镇卫生院建设县域医疗次中心。\n"
    "责任单位：各县（市、区）人民政府、市卫生健康委\n"
    "完成时限：长期坚持\n"
)


def test_notes_inline_and_on_their_own_line():
    found = notes(PLAN)
    assert [(n.lead, n.deadline, n.inline) for n in found] == [
        ("市卫生健康委", "2024-12", True),
        ("各县（市、区）人民政府", None, False),
        (None, None, False),
    ]


def test_tasks_take_the_note_that_follows_them():
    first, second = find_obligations(PLAN, ObligationContext(kind="policy"))
    assert (first.text, first.actor, first.deadline) == (
        "加大基层卫生人才培养力度，落实乡村医生待遇。", "市卫生健康委", "2024-12")
    assert second.text == "推进县域医共体建设，支持有条件的乡镇卫生院建设县域医疗次中心。"
    assert second.actor.endswith("县（市、区）人民政府")  # canonical_name may drop the distributive 各
    assert second.deadline is None


def test_a_written_actor_is_kept():
    text = "各地要加大基层卫生人才培养力度。（牵头单位：省卫生健康委）"
    (o,) = find_obligations(text, ObligationContext(kind="policy"))
    assert o.actor == "各地"


def test_unlabelled_notes_name_the_lead_body():
    plan = ("（二）提升县级医院综合能力。实施县级医院能力提升工程。（省卫生计生委、省发展改革委负责）\n"
            "（三）加快全科医生培养。严禁对基层医务人员设置不合理条件。（省卫生计生委牵头，省编办、省财政厅配合）\n")
    found = find_obligations(plan, ObligationContext(kind="policy"))
    assert [(o.text, o.actor) for o in found] == [
        ("实施县级医院能力提升工程。", "省卫生计生委、省发展改革委"),  # all 负责: all bear it
        ("严禁对基层医务人员设置不合理条件。", "省卫生计生委")]


def test_unlabelled_note_of_a_region_pair_is_one_body_not_a_directive():
    plan = ("（二）推进社区和居家医养结合服务。鼓励家庭医生团队为居家老年人提供上门医疗服务。（各县、区人民政府负责）\n"
            "（三）支持社会力量。对社会力量举办的医养结合机构，按规定落实税费优惠等扶持政策。（市卫生健康委、市民政局按职责分工负责）\n")
    found = find_obligations(plan, ObligationContext(kind="policy"))
    assert [(o.text, o.actor) for o in found] == [
        ("鼓励家庭医生团队为居家老年人提供上门医疗服务。", "家庭医生团队"),
        ("对社会力量举办的医养结合机构，按规定落实税费优惠等扶持政策。", "市卫生健康委、市民政局")]


def test_task_table_one_cell_a_line():
    table = ("序号\n重点任务\n牵头单位\n完成时限\n\n1\n做实家庭医生签约服务，重点人群签约服务覆盖率达到75%以上。\n"
             "各县（市、区）卫生健康委\n2021年12月底\n\n2\n实施村卫生室标准化建设，完成200所村卫生室提质改造。\n"
             "市卫生健康委基层卫生健康科\n2021年10月底\n")
    found = find_obligations(table, ObligationContext(kind="policy"))
    assert [(o.actor, o.deadline) for o in found] == [
        ("各县（市、区）卫生健康委", "2021-12"), ("市卫生健康委基层卫生健康科", "2021-10")]


def test_a_note_naming_a_guiding_body_is_no_directive():
    plan = ("（一）完善医共体组织架构。医共体牵头医院要成立理事会，实行理事会领导下的院长负责制。"
            "（各县市区人民政府负责，市卫生健康委指导）\n")
    found = find_obligations(plan, ObligationContext(kind="policy"))
    assert [(o.text, o.actor) for o in found] == [
        ("医共体牵头医院要成立理事会，实行理事会领导下的院长负责制。", "医共体牵头医院")]
