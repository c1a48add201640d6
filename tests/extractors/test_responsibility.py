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
