"""Directives (obligation / prohibition / permission / encouragement) with actor, deadline, target.

`find_obligations(text, context)` is the plain function; the `hp_obligations` spaCy
component runs it on `doc.text` and writes `doc.spans["hp_obligations"]` (label =
modality) plus the full `Obligation` values in `doc.user_data["hp_obligations"]`.

The work is split by concern: `clauses` (segmentation with offsets), `modality`
(cues and bare imperatives), `actors`, `targets` (deadlines and targets),
`indicators` (budget performance rows) and `responsibility` (牵头单位/完成时限 notes
of work plans). This module decides which clauses are directives in which kind of
document, and what a lead-in passes to its list items (到2020年，…具体目标如下： gives
its deadline, 禁止下列行为： its ban, X应当履行下列职责： its actor):
- budget documents: performance-indicator rows, clauses with an explicit cue, and
  bare imperatives only in the unit's duty section (部门主要职责); the unit bears them;
- notices to applicants: the role named in the header (申报人员) bears unowned
  directives, and 将…上传 / …提交 clauses count;
- everywhere: headings, tables of contents, scoring rules, contact lines, blank forms
  and descriptions of past work yield none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extractors.actors import (
    agent,
    declaring_subject,
    disposing_subject,
    duty_holder,
    header_role,
    resolve_actor,
    written_actor,
)
from extractors.clauses import Clause, after_marker, paragraphs, segment
from extractors.doc_text import char_spans, document_text
from extractors.indicators import budget_unit, indicator_rows, plan_indicator_rows
from extractors.modality import cues, modality_of, split_at_modality_change
from extractors.responsibility import Note, notes, table_notes
from extractors.rule_data import read_words
from extractors.schema import Obligation
from extractors.targets import deadline, sets_goal_year, target

SPANS_KEY = "hp_obligations"
CONTEXT_KEY = "hp_obligation_context"  # doc.user_data key a pipeline may set
_MIN_CLAUSE = 4
_HEADING_MAX = 30
_LABEL_MAX = 12
_RUN_IN_MAX = 15  # `降低准入门槛。民政部门应…`: a short first sentence is a run-in heading
# `（一）明确各级各类医疗机构诊疗服务功能定位。城市三级医院…`: a numbered one may be longer
_MARKED_RUN_IN_MAX = 22
_PERSON_ROLE = ("者", "人员", "人")
# Kinds whose present-tense statements with an organization subject are duties
# (各级人民政府领导母婴保健工作。); reports and budgets describe instead.
_DECLARING_KINDS = ("policy", "notice", "other")
_DUTY_HEADING = re.compile(r"职责|职能")
_ARTICLE = re.compile(r"\s*第[一二三四五六七八九十百千零〇\d]{1,6}条")
_LIST_ITEM = re.compile(r"\s*(?:[-•·●▪◆■□*]|\d{1,3}[、．)）]|[（(](?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）]|[①-⑳])")
# Cues that a heading never carries: a short sentence holding one is a rule (禁止伪造、变造人民币。).
_STRONG_CUE = re.compile(r"应当|应|不得|必须|须|禁止|严禁|可以|不准")
# A notice hands the document over and asks its addressees to act: 现印发给你们，请认真贯彻执行。
_ISSUED_TO_YOU = re.compile(
    r"[，,](?P<request>现(?:将[^，,。；;]{0,80}?)?(?:予以?)?(?:印发|转发|下发|发布|发)(?:给你们)?[，,]请)")
# The guiding-ideology section states principles; its sentences direct nobody.
_GUIDING_HEADING = re.compile(r"^(?:指导思想|总体思路)[。：:]?$")
_LINE_BREAK = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")
_FIRST_PERSON = frozenset({"我委", "我局", "我厅", "我部", "我办", "我院", "我中心", "我单位"})
_LEAD_IN_END = re.compile(r"(?:[：:]|如下[。：:]?)\s*$")


@dataclass
class ObligationContext:
    """What the rest of the document tells about its clauses."""

    issuer: str | None = None  # canonical name of the issuing body (budget docs: the unit itself)
    home_region: str | None = None  # GB/T 2260 code of the document's jurisdiction
    kind: str = "other"  # policy | report | budget | notice | other
    policy: str | None = None  # key of the self policy (doc_number or title)
    addressee: str | None = None  # the bodies the notice is sent to (各县市区人民政府，…)
    body_start: int = 0  # end of the header (title, 发文字号, addressee): no directives before it


@lru_cache(maxsize=1)
def _not_directive() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in read_words("not_directive_patterns.txt")))


@lru_cache(maxsize=1)
def _notice_action() -> re.Pattern[str]:
    words = "|".join(map(re.escape, read_words("notice_actions.txt")))
    return re.compile(rf"(?:{words})[。；;]?$")


def _is_heading(text: str, clause: Clause) -> bool:
    """A title, outline heading or table-of-contents line: short, unterminated, not a lead-in."""
    if clause.terminated or not (clause.first and clause.last) or _STRONG_CUE.search(text):
        return False
    if _LEAD_IN_END.search(text):
        return len(text) <= _LABEL_MAX  # a form label (统一登记号：), not a lead-in sentence
    return len(text) <= _HEADING_MAX


def _starts_article(text: str, clause: Clause) -> bool:
    """`第四条 各级人民政府领导母婴保健工作。`: a law article, however short, is no heading."""
    line_start = text.rfind("\n", 0, clause.start) + 1
    return bool(_ARTICLE.match(text, line_start, clause.start))


def _is_run_in_heading(text: str, clause: Clause) -> bool:
    """`降低准入门槛。` opening a paragraph that goes on, or `（六）优化审批手续。` alone: a heading."""
    limit = _MARKED_RUN_IN_MAX if clause.marked and not clause.last else _RUN_IN_MAX
    return (clause.first and text.rstrip().endswith(("。", ".")) and len(text) <= limit
            and (not clause.last or clause.marked) and not _STRONG_CUE.search(text))


def _implicit_duty(chunk: str, clause: Clause, kind: str, own_deadline: str | None, goal: str | None,
                   inherited: dict[int, str], carried: tuple[int, str] | None,
                   role: str | None, leads: dict[int, _LeadIn]) -> tuple[str, int] | None:
    """A directive without a modal cue: a dated goal, a goal-list item, an assigned agent,
    an actor disposing of something (X将…交由…), a notice step."""
    if own_deadline or (goal and (clause.paragraph in inherited or carried)):
        return "obligation", 0
    if clause.paragraph in inherited:
        return "obligation", 0
    if kind == "policy" and goal and is_goal_statement(chunk):
        return "obligation", 0
    if kind != "report":
        at = agent(chunk)
        if at:
            return "obligation", chunk.find(at)
    subject = disposing_subject(chunk)
    if not subject and kind in _DECLARING_KINDS and clause.paragraph not in leads:
        subject = declaring_subject(chunk)
    if subject:
        return "obligation", len(subject)
    if role and _notice_action().search(chunk):
        return "obligation", 0
    if kind in _DECLARING_KINDS and duty_holder(chunk):  # X的主要职责是： opens the list of X's duties
        return "obligation", 0
    if kind in _DECLARING_KINDS and _APPLIES_RULES.search(chunk):
        return "obligation", 0
    return None


# A bounded target (不低于60%, 达到90%以上, 控制在14/10万以下, 达到100%) and a statement of fact.
_GOAL_STATEMENT = re.compile(
    r"不低于|不少于|不超过|不高于|至少\s*\d|[≥≤]|(?:提高到|提高至|提升到|提升至|降低到|降至)\s*\d|(?:达到|提高到|提高至|提升到|提升至|控制在|保持在?|稳定在)"
    r"[^，,。；;]{0,8}?(?:\d[\d.,]*\s*(?:%|‰|/10万|万?人次|名|个|张|元)?\s*(?:以上|以下|以内|左右)|100%)")
_EACH_BODY = re.compile(r"每(?:个|家|所)[^\s，,。；;的]{1,8}?(?:机构|单位|医院|卫生院|中心)")


def _each_body(clause: str) -> str | None:
    """The body a distributive limit binds: each one bears it.

    >>> _each_body("每个医疗机构申报数量原则上不超过3个。"), _each_body("每个县至少建成1个医共体。")
    ('每个医疗机构', None)
    """
    each = _EACH_BODY.match(clause)
    return each.group() if each else None


_STATED_FACT = re.compile(r"已|目前|现有|近年来|截至|截止|了")


def is_goal_statement(clause: str) -> bool:
    """A plan's goal stated without a modal cue: a bounded figure is what someone must reach.

    >>> is_goal_statement("65岁以上老年人健康管理率达到65%以上。"), is_goal_statement("孕产妇死亡率控制在14/10万以下。")
    (True, True)
    >>> is_goal_statement("全市孕产妇死亡率为8.6/10万。"), is_goal_statement("签约率已达到75%以上。")
    (False, False)
    """
    return bool(_GOAL_STATEMENT.search(clause)) and not _STATED_FACT.search(clause)


# 中药的…监督管理依照《中华人民共和国药品管理法》执行。: a law sends a matter to other rules
# (参照…执行 is left out as not_directive_patterns.txt says).
_APPLIES_RULES = re.compile(r"(?:依照|按照|依据)[^。；;，,]{2,60}?执行[。；;]?$")


# An account's report of what a document requires (《意见》要求，…): the rest is the requirement.
_DOCUMENT_SAYS = re.compile(r"《[^《》\n]{1,40}》(?:还|并|进一步)?(?:要求|提出|明确|强调)[，,：:]\s*")
# An enumerated point of an account: 一是…, 二是…
_ENUMERATED = re.compile(r"^[一二三四五六七八九十]是")
# A report's account of an issuing, before what the document requires.
_TOLD_ISSUED = re.compile(r"(?:印发|发布|出台|颁布|下发)了?《[^》\n]{2,80}》(?:[（(][^（）()\n]{2,40}[）)])?[，,]")
# A sentence that only gives the time limit of the task before it.
_DONE_BY = re.compile(r"^\s*(?:于|在)?(?:19|20)\d\d\s*年(?:\s*\d{1,2}\s*月)?(?:底|末|上旬|中旬|下旬)?(?:前|以前|之前)?"
                      r"(?:全面|全部)?(?:完成|到位|落实到位)[。；;]?\s*$")
# 报送…有关资料一式两份： lists documents like 报送下列资料：
_COPIES = re.compile(r"[，,]?一式[一二两三四五六七八九十\d]+份$")
# …，禁止实施下列行为： / 严禁下列行为：: whatever cue opens the lead, its items are bans
_BANNED_ACTS = re.compile(r"(?:禁止|严禁|不得)(?:实施|有|从事)?(?:下列|以下)[^，,。；;：:]{0,15}(?:行为|活动)[：:]\s*$")
# 下列情形的进口药品，必须…： / 有下列情形之一的，…： : the items name cases the rule covers
_CONDITION_LIST = re.compile(r"下列(?:情形|情况)")


@dataclass(frozen=True)
class _LeadIn:
    """What a lead-in (到2020年，…具体目标如下： / 禁止下列行为：) passes to its list items."""

    deadline: str | None
    modality: str | None  # 禁止下列行为： -> each item is a ban; None for a document list
    actor: str | None  # 湿地保护管理机构应当履行下列职责： -> its items' actor


def _lead_ins(text: str) -> dict[int, _LeadIn]:
    """Paragraph index of each list item -> what the lead-in paragraph above it passes on."""
    out: dict[int, _LeadIn] = {}
    current = None
    for number, (start, end) in enumerate(paragraphs(text)):
        chunk = text[after_marker(text, start, end):end]
        if _LEAD_IN_END.search(chunk):
            decided = modality_of(chunk, bare_imperatives=False) or (("obligation", 0) if duty_holder(chunk) else None)
            documents = _COPIES.sub("", chunk.rstrip("：: \t")).endswith(read_words("document_list_nouns.txt"))
            conditions = bool(_CONDITION_LIST.search(chunk))  # its items are cases, not duties
            passed = decided[0] if decided and not documents and not conditions else None
            if passed and _BANNED_ACTS.search(chunk):
                passed = "prohibition"  # …应当严格依照…，禁止实施下列行为： its items are bans
            actor = ((written_actor(chunk, decided[1], decided[0]) or duty_holder(chunk))
                     if decided and not conditions else None)
            current = _LeadIn(deadline(chunk), passed, actor)
        elif _LIST_ITEM.match(text, start, end):
            if current:
                out[number] = current
        else:
            current = None
    return out


def find_obligations(text: str, context: ObligationContext | None = None) -> list[Obligation]:
    """Every directive clause of a document, with modality, actor, deadline and target.

    Args:
        text: the decoded document text.
        context: what the document header tells (issuer, kind, region, own policy key).

    Returns:
        Obligations in text order; `text[o.start:o.end] == o.text`.

    >>> [(o.modality, o.actor) for o in find_obligations("民政部门应按有关规定及时发布信息。严禁利用养老机构的房屋开展无关活动。")]
    [('obligation', '民政部门'), ('prohibition', None)]
    """
    context = context or ObligationContext()
    kind = context.kind
    unit = (context.issuer or budget_unit(text)) if kind == "budget" else context.issuer
    # A notice to applicants (申报人员提交材料注释) directs its addressee; the kind may be
    # read as `other` when the header names no issuer, so the title decides.
    role = header_role(text) if kind in ("notice", "other", "policy") else None
    default_actor = unit if kind == "budget" else role
    found: list[Obligation] = []

    rows = indicator_rows(text)
    row_actor = unit or (budget_unit(text) if rows else None)
    for row in rows:
        found.append(Obligation(text=text[row.start:row.end], modality="obligation", start=row.start,
                                end=row.end, actor=_resolve(row_actor, context), target=row.value,
                                policy=context.policy))
    # a plan's main-indicator table sets targets; a report's statistics table of the same shape does not
    for plan_row in plan_indicator_rows(text) if kind == "policy" else []:
        if any(r.start < plan_row.end and plan_row.start < r.end for r in rows):
            continue
        found.append(Obligation(text=text[plan_row.start:plan_row.end], modality="obligation",
                                start=plan_row.start, end=plan_row.end, actor=_resolve(context.issuer, context),
                                deadline=plan_row.year, target=plan_row.value, policy=context.policy))
    assigned = notes(text) + table_notes(text)
    taken = [(o.start, o.end) for o in found] + [(n.start, n.end) for n in assigned]
    in_paragraph: list[int] = []  # paragraph index of each clause-made obligation

    leads = _lead_ins(text)
    inherited = {number: lead.deadline for number, lead in leads.items() if lead.deadline}
    in_duties = False
    guiding: set[int] = set()  # paragraphs under a 指导思想 heading
    summarised: set[int] = set()  # paragraphs of an account's enumerated points (一是…，二是…)
    carried: tuple[int, str] | None = None  # (paragraph, deadline) set by 到2020年，…
    last_clause: Clause | None = None  # the clause a bare time limit (2023年4月底前完成。) closes
    for clause in segment(text):
        issued = _ISSUED_TO_YOU.search(text, clause.start, clause.end)
        if issued:  # 《X》已经省政府同意，现印发给你们，请…: the request is the directive
            clause = replace(clause, start=issued.start("request"))
        says = _DOCUMENT_SAYS.match(text, clause.start, clause.end)
        if says and says.end() < clause.end:  # 《意见》要求，合理制定…: what the document requires
            clause = replace(clause, start=says.end())
        told = _TOLD_ISSUED.search(text, clause.start, clause.end) if kind == "report" else None
        if told and modality_of(text[told.end():clause.end], bare_imperatives=False):
            # 2022年2月，X印发《…》（…），要求…: a report tells who issued what; the content directs
            clause = replace(clause, start=told.end())
        elif told:
            continue  # X印发《…》，将…上升为国家战略 / 提出到2025年…: the report sums the document up
        whole = text[clause.start:clause.end]
        if clause.end <= context.body_start:
            continue  # title, 发文字号 and addressee lines
        if text[clause.start - 1:clause.start] == "#" or text[clause.start:clause.start + 1] == "#":
            continue  # a Markdown heading (# 第一章 总则, # 最高人民法院关于…的解释)
        if clause.paragraph in guiding:
            continue
        if _is_heading(whole, clause):
            in_duties = bool(_DUTY_HEADING.search(whole))
            if _GUIDING_HEADING.match(whole):
                guiding.add(clause.paragraph + 1)
            continue
        if (kind != "report" and clause.paragraph not in leads and not _starts_article(text, clause)
                and _is_run_in_heading(whole, clause)):
            if _GUIDING_HEADING.match(whole):
                guiding.add(clause.paragraph)  # （一）指导思想。深入贯彻…: ideology, not directives
            continue
        if len(whole) < _MIN_CLAUSE or _not_directive().search(whole):
            continue
        if any(s < clause.end and clause.start < e for s, e in taken):
            continue
        if _DONE_BY.match(whole) and last_clause and last_clause.paragraph == clause.paragraph:
            # 调整…管理委员会。2023年4月底前完成。: the time limit closes the task before it
            due = deadline(_LINE_BREAK.sub("", whole))
            if found and in_paragraph and in_paragraph[-1] == clause.paragraph and found[-1].start == last_clause.start:
                found[-1].end, found[-1].text = clause.end, text[found[-1].start:clause.end]
                found[-1].deadline = found[-1].deadline or due
            else:
                found.append(Obligation(text=text[last_clause.start:clause.end], modality="obligation",
                                        start=last_clause.start, end=clause.end, deadline=due,
                                        policy=context.policy))
                in_paragraph.append(clause.paragraph)
            continue
        last_clause = clause
        bare = kind != "budget" or in_duties
        for p_start, p_end in split_at_modality_change(whole, any_change=kind == "report"):
            start, end = clause.start + p_start, clause.start + p_end
            chunk = text[start:end]
            flat = _LINE_BREAK.sub("", chunk)  # 到20\n23年底: a PDF line break inside a figure
            own_deadline = deadline(flat)
            if own_deadline and sets_goal_year(flat):
                carried = (clause.paragraph, own_deadline)
            elif carried and carried[0] != clause.paragraph:
                carried = None
            goal = target(flat)
            # 《意见》明确了六方面重点任务。一是构建…新体系。: an account's enumeration names areas, not steps
            summary = kind in ("report", "other") and (_ENUMERATED.match(flat) or clause.paragraph in summarised)
            if summary:
                summarised.add(clause.paragraph)  # 一是构建…新体系。以省域为单元，建设…: the point's gloss too
            decided = modality_of(flat, bare_imperatives=bare and not summary)
            if decided is None and not summary:
                decided = _implicit_duty(flat, clause, kind, own_deadline, goal, inherited, carried, role, leads)
            if (decided is None and kind == "policy" and found and in_paragraph
                    and in_paragraph[-1] == clause.paragraph and not text[found[-1].end:start].strip()
                    and _OBJECT_STEP.match(flat)):
                decided = ("obligation", 0)  # …应当给予补助；|对…作出贡献的人员，给予表彰和奖励；: its next step
            lead = leads.get(clause.paragraph)
            if lead and lead.modality and clause.marked and (decided is None or decided[0] == "obligation"):
                decided = (lead.modality, decided[1] if decided else 0)  # an item of 禁止下列行为： / 下列职责：
            if decided is None:
                continue
            modality, cue_at = decided
            if kind == "report" and flat.startswith("负责", cue_at):
                continue  # 国家药品监督管理局负责中药注册管理: a report describes who regulates
            actor = (written_actor(flat, cue_at, modality) or _actor_before_cue(flat, cue_at) or duty_holder(flat)
                     or (lead.actor if lead else None) or _each_body(flat))
            if actor and actor.startswith(tuple(_FIRST_PERSON)) and (context.issuer or unit):
                actor = context.issuer or unit  # 我委将…, 我委将组织…: the issuing body speaks of itself
            if not actor and flat.startswith("请", cue_at) and context.addressee:
                actor = context.addressee  # 请…: the notice asks the bodies it is sent to
            if role and default_actor == role and (not actor or actor.endswith(_PERSON_ROLE)):
                actor = default_actor
            if context.issuer in _COURTS and _COURT_DECISION.search(flat, cue_at):
                actor = "人民法院"  # a judicial interpretation's 应予支持 / 不予采信 / 可以准许 is the court's
            if not actor and kind == "policy" and in_paragraph and in_paragraph[-1] == clause.paragraph:
                actor = _continued_actor(flat, found[-1])
            found.append(Obligation(
                text=chunk, modality=modality, start=start, end=end,
                actor=_resolve(actor or default_actor, context),
                deadline=own_deadline or inherited.get(clause.paragraph) or (carried[1] if carried and goal else None),
                target=goal, policy=context.policy))
            in_paragraph.append(clause.paragraph)
    if assigned:
        _apply_notes(found[len(taken) - len(assigned):], in_paragraph, assigned, paragraphs(text), context)
    found.sort(key=lambda o: (o.start, o.end))
    return found


# Decisions a court makes on a claim; in a judicial interpretation the 人民法院 makes them.
_COURTS = ("最高人民法院",)
_COURT_DECISION = re.compile(r"(?:应予|不予|可予|予以)(?:支持|受理|准许|采信)|(?:可以|应当)准许")


# Openings of a clause that goes on with the subject of the clause before it
# (…才可以拨打；|不得有虚假呼叫; …发出调度指令。|必要时，可以指导; |同时向…发出通知书).
_CONTINUATION = re.compile(r"^(?:(?:对[^，,。；;：:]{2,30}[，,])?要(?!求|点|素)|不得|严禁|禁止|应当|应|必须|须|可以|可|必要时|同时|并|还应当|也可以|另行)")


_MODAL_VERBS = ("应当", "应", "必须", "须", "不得", "可以")


def _actor_before_cue(clause: str, decided_at: int) -> str | None:
    """When a bare imperative opened the clause, the actor written before its explicit cue.

    >>> _actor_before_cue("提交的鉴定材料不符合要求的，人民法院应当通知当事人补充材料。", 0)
    '人民法院'
    """
    explicit = [c for c in cues(clause) if c.start > decided_at and c.word in _MODAL_VERBS]
    return written_actor(clause, explicit[0].start, explicit[0].modality) if decided_at == 0 and explicit else None


def _continued_actor(clause: str, previous: Obligation) -> str | None:
    """The actor a subjectless clause takes over from the directive before it in its paragraph.

    >>> before = Obligation(text="", modality="permission", start=0, end=0, actor="院前急救人员")
    >>> _continued_actor("必要时，可以对急救呼叫人员进行现场应急救护的指导。", before)
    '院前急救人员'
    >>> _continued_actor("救护车应当专车专用。", before) is None
    True
    >>> fined = Obligation(text="由卫生主管部门责令改正；", modality="obligation", start=0, end=0, actor="卫生主管部门")
    >>> _continued_actor("情节严重的，暂停其执业活动；", fined), _continued_actor("逾期提出申请的，还应当…", before)
    ('卫生主管部门', None)
    >>> _continued_actor("对符合条件的，核发登记证；", fined)
    '卫生主管部门'
    """
    further = _FURTHER_CASE.match(clause) and _PENALTY.search(previous.text) and "刑事" not in clause
    if previous.actor and (_CONTINUATION.match(clause) or further or _OBJECT_STEP.match(clause)):
        return previous.actor
    return None


# A step on whom a directive's body acts next, with no subject (对符合条件的，核发登记证； /
# 对因参与应急处理工作致病的人员，按照国家有关规定，给予相应的补助和抚恤。): the same body acts.
_OBJECT_STEP = re.compile(r"^对[^，,。；;：:]{1,40}的(?:人员|单位|个人|[^，,。；;：:]{1,8}部分)?[，,]?(?:[^，,。；;：:]{1,20}[，,])?"
                          r"(?:给予|核发|发给|颁发|不予|予以|准予|办理)")


# A further case after a penalty (…责令限期改正；情节严重的，… / 逾期不改正的，…): the same authority
# acts, except that criminal liability (…依法追究刑事责任) is no authority's step.
_FURTHER_CASE = re.compile(r"^[^，,。；;：:]{2,20}的[，,]")
_PENALTY = re.compile(r"罚款|处罚|责令|吊销|警告|撤销|取消|处分|没收|取缔")


def _apply_notes(found: list[Obligation], in_paragraph: list[int], assigned: list[Note],
                 spans: list[tuple[int, int]], context: ObligationContext) -> None:
    """Give tasks the lead unit and time limit of the responsibility note that follows them.

    An inline note covers the directives before it in its paragraph; a note on a line of
    its own covers the paragraph just before it. A written actor or deadline is kept.
    """
    def paragraph_of(offset: int) -> int:
        return next((i for i, (s, e) in enumerate(spans) if s <= offset < e), -1)

    for o, number in zip(found, in_paragraph):
        note = None
        for n in assigned:
            if n.covers is not None:  # a task table row: its note covers the task cell
                if n.covers[0] <= o.start and o.end <= n.covers[1]:
                    note = n
                    break
                continue
            where = paragraph_of(n.start)
            if (n.inline and where == number and n.start >= o.end) or (not n.inline and where == number + 1):
                note = n
                break
        if note is None:
            continue
        if note.lead and (o.actor is None or not _BEARER_CUE.search(o.text)):
            o.actor = _resolve(note.lead, context)  # a goal's topic (签约率达到75%) bears nothing
        if o.deadline is None and note.deadline:
            o.deadline = note.deadline


# Cues that make the body written in a task the one who bears it (县医保局要…, 各乡镇卫生院负责…).
_BEARER_CUE = re.compile(r"要|应|须|不得|严禁|禁止|负责|可以|可|鼓励|支持|将")


def _resolve(actor: str | None, context: ObligationContext) -> str | None:
    return resolve_actor(actor, context.home_region) if actor else None


class ObligationFinder:
    """spaCy component: directive clauses as `doc.spans["hp_obligations"]`, label = modality."""

    def __init__(self, nlp: Language, name: str = "hp_obligations", spans_key: str = SPANS_KEY) -> None:
        self.name = name
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        context = doc.user_data.get(CONTEXT_KEY)
        if not isinstance(context, ObligationContext):
            context = None
        obligations = find_obligations(document_text(doc), context)
        doc.spans[self.spans_key] = char_spans(doc, ((o.start, o.end, o.modality) for o in obligations))
        doc.user_data[self.spans_key] = obligations
        return doc


@Language.factory("hp_obligations", default_config={"spans_key": SPANS_KEY},
                  assigns=["doc.spans"])
def make_obligation_finder(nlp: Language, name: str, spans_key: str) -> ObligationFinder:
    """Build the `hp_obligations` component (reads `doc.user_data["hp_obligation_context"]`)."""
    return ObligationFinder(nlp, name, spans_key)
