"""Deontic modality of a clause: obligation, prohibition, permission or encouragement.

Explicit cues come from `data/modality_cues.tsv` (应当, 不得, 可以, 鼓励 …, with
negations and exemptions such as 不需要提供 / 不要求 read as permission, and
look-alike words such as 相应 / 主要 / 许可 that are not cues). A clause without
a cue that opens with an action verb (加快推进…, 完善…, 落实…), possibly after
adverbs (进一步, 积极) or an adverbial lead-in (围绕…，完善…), is a bare
imperative and reads as an obligation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.rule_data import alternation, read_rows, read_words

MODALITIES = ("obligation", "prohibition", "permission", "encouragement")
_PART = re.compile(r"[，,：:]")
# The opening verb lies in the first comma part or right after a lead-in part.
_IMPERATIVE_REACH = 120
_CONDITION = re.compile(r"^.*的[，,]")
_OPENING_CASE = re.compile(r"^[^，,。；;：:]+的[，,]")
_CASE_NEGATIONS = ("不能", "不宜", "不再", "不得")
_QUOTED = re.compile(r"“[^“”]{0,40}”|《[^《》]{0,60}》|「[^「」]{0,40}」")


@dataclass(frozen=True)
class Cue:
    """A modality cue found in a clause, with its offsets relative to the clause."""

    modality: str
    start: int
    end: int
    word: str


@lru_cache(maxsize=1)
def _cue_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = read_rows("modality_cues.tsv", 2)
    table = {}
    for word, modality in rows:
        if modality not in MODALITIES + ("none",):
            raise ValueError(f"modality_cues.tsv: unknown modality {modality!r} for {word!r}")
        table[word] = modality
    return re.compile(alternation(table)), table


@lru_cache(maxsize=1)
def _imperative_pattern() -> re.Pattern[str]:
    adverbs = alternation(read_words("imperative_adverbs.txt"))
    verbs = alternation(read_words("imperative_verbs.txt"))
    # 将/把 must not be the future tense or a measure (将于, 将会, 把关).
    return re.compile(rf"(?:(?:{adverbs})\s*)*(?:{verbs})(?![了过着于会关])")


@lru_cache(maxsize=1)
def _lead_in_pattern() -> re.Pattern[str]:
    words = alternation(read_words("lead_in_markers.txt"))
    return re.compile(rf"(?:{words})")


def _quoted_spans(clause: str) -> list[tuple[int, int]]:
    """Spans inside “…” and 《…》: words quoted or titled there direct nobody (“可办所有事”)."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(clause)]


def cues(clause: str) -> list[Cue]:
    """Every explicit modality cue in a clause, left to right.

    Args:
        clause: the clause text.

    Returns:
        Cues with offsets into `clause`; look-alike words (相应, 主要) are skipped.

    >>> [c.word for c in cues("申请人能够提供产权证明的，不需提供竣工验收合格证明，相应材料可在线预览。")]
    ['不需', '可']
    >>> [c.word for c in cues("负责中医药管理的部门撤销批准文号后，应当通知广告监督管理机关。")]
    ['应当']
    >>> [c.word for c in cues("食品小作坊禁止生产加工的食品目录应当适时调整。")]
    ['应当']
    """
    pattern, table = _cue_pattern()
    quoted = _quoted_spans(clause)
    out = []
    for m in pattern.finditer(clause):
        modality = table[m.group()]
        if _NAMED_BY_DUTY.match(clause, m.start()) or _named_by_ban().match(clause, m.start()):
            continue
        if modality != "none" and not any(s <= m.start() < e for s, e in quoted):
            out.append(Cue(modality, m.start(), m.end(), m.group()))
    return out


@lru_cache(maxsize=1)
def _named_by_ban() -> re.Pattern[str]:
    """`禁止生产加工的食品目录…应当…调整`: a thing named by the ban on it, not a ban.

    >>> bool(_named_by_ban().match("禁止生产加工的食品")), bool(_named_by_ban().match("禁止任何形式的家庭暴力"))
    (True, False)
    """
    verbs = alternation(read_words("ban_attributive_verbs.txt"))
    return re.compile(rf"(?:禁止|严禁)(?:{verbs})+的")


# 负责中医药管理的部门撤销…后，应当…: a body named by its remit, not the cue 负责
_NAMED_BY_DUTY = re.compile(r"负责[^，,。；;：:的]{1,15}的(?:部门|机构|机关)")


def imperative_start(clause: str) -> tuple[int, int] | None:
    """Where the bare imperative (adverbs + verb) is, if the clause opens with one.

    The verb may follow adverbs (进一步, 积极) and, in a later comma part, adverbial
    lead-ins (围绕…，以…为主要平台，同时，) or conditions (对不落实…的，依法追究…).

    Args:
        clause: the clause text.

    Returns:
        `(start, end)` of adverbs plus verb in `clause`, or None.

    >>> imperative_start("以基层医疗卫生机构为主要平台，完善家庭医生签约服务模式。")
    (15, 17)
    >>> imperative_start("我院以公立医院改革为契机，积极推进医院集团建设。") is None
    True
    >>> imperative_start("发展改革、财政等部门按照各自职责，共同做好相关工作。") is None
    True
    """
    pattern = _imperative_pattern()
    squeezed, where = _squeeze(clause[:_IMPERATIVE_REACH])
    m = pattern.match(squeezed)
    if m and squeezed.startswith(read_words("actor_verb_named_bodies.txt")):
        return None  # 发展改革、财政等部门…: a body whose name opens like a verb is the subject
    if m:
        return where[m.start()], where[m.end() - 1] + 1
    # Skip up to three opening parts that are lead-ins (围绕…，) or conditions (…的，).
    at = 0
    for _ in range(3):
        part = _PART.search(squeezed, at)
        if not part or part.end() >= len(squeezed):
            return None
        opening = squeezed[at:part.start()]
        if not (_lead_in_pattern().match(opening) or opening.endswith("的")):
            return None
        at = part.end()
        m = pattern.match(squeezed, at)
        if m:
            return where[m.start()], where[m.end() - 1] + 1
    return None


def _squeeze(clause: str) -> tuple[str, list[int]]:
    """The clause without whitespace (`进\\n\\n一步落实` from a page break) and each kept offset."""
    where = [i for i, ch in enumerate(clause) if not ch.isspace()]
    return "".join(clause[i] for i in where), where


def modality_of(clause: str, bare_imperatives: bool = True) -> tuple[str, int] | None:
    """The modality of a clause and where its deciding cue starts.

    The first explicit cue decides, unless the clause opens with a bare imperative
    before it, which makes it an obligation (落实…，有条件的地方可… is an obligation);
    a cue inside the opening words decides their modality (积极探索… is encouragement).

    Args:
        clause: the clause text.
        bare_imperatives: whether a bare imperative alone makes a directive
            (off for budget tables, where 巩固现有项目 describes, not directs).

    Returns:
        `(modality, offset)` or None when the clause directs nobody.

    >>> modality_of("任何部门和个人不得以任何理由加以限制。")
    ('prohibition', 7)
    >>> modality_of("卫生高级职称申报时，不要求申报人员提交学历证书原件。")
    ('permission', 10)
    >>> modality_of("加快建立以市场形成价格为主的养老机构服务收费管理机制。")
    ('obligation', 0)
    """
    found = cues(clause)
    after_case = found[1] if len(found) > 1 and _CONDITION.match(clause[:found[1].start]) else None
    opening_case = _OPENING_CASE.match(clause)  # 不能或者不宜向患者说明的，|应当…: the whole first part
    if not after_case and opening_case and len(found) > 1:
        after_case = next((c for c in found if c.start >= opening_case.end()), None)
    if (not after_case and opening_case and found and all(c.start < opening_case.end() for c in found)
            and all(c.word in _CASE_NEGATIONS for c in found)):
        found = []  # 双方不能达成协议的，由…裁决: a negation inside the case, no cue of the clause
    if after_case:
        # 对…有禁止或者限制规定的，市场举办者应当遵守 / 不能或者不宜向患者说明的，应当…:
        # the cues in the condition are not the clause's.
        cut = _CONDITION.match(clause[:after_case.start]).end()
        if found[0].start < cut <= after_case.start:
            found = [c for c in found if c.start >= cut]
    if found and found[0].word == "有权":
        duty = next((c for c in found[1:] if c.modality == "obligation" and clause[c.start - 1:c.start] == "并"), None)
        if duty:  # 消费者有权自主选购非处方药，并须按…使用: a right that comes with a duty
            found = [c for c in found if c.start >= duty.start]
    opening = imperative_start(clause) if bare_imperatives else None
    first_part_end = _PART.search(clause).start() if _PART.search(clause) else len(clause)
    # A bare imperative decides unless a duty or ban cue sits in its own comma part
    # (监督抽测不得收取费用 is a prohibition; 建立…、支持建设… stays an obligation).
    strong = found and found[0].modality in ("obligation", "prohibition") and found[0].start < first_part_end
    if opening is not None and (not found or found[0].start < opening[1]
                                or (opening[0] <= found[0].start and not strong)):
        start, end = opening
        for cue in found:
            if start <= cue.start < end:
                return cue.modality, cue.start
        return "obligation", start
    if found:
        return found[0].modality, found[0].start
    return None

_COMMA = re.compile(r"[，,]")
_BUT = re.compile(r"[，,](?=但(?!是|书|凡))")
_OPEN, _CLOSE = "（(“《「", "）)”》」"
# How far into a comma part an explicit cue may sit and still head it (a short subject before it).
_HEAD_REACH = 20


def _part_head(part: str) -> tuple[str, bool] | None:
    """The modality a comma part opens with, and whether a bare imperative decides it."""
    opening = imperative_start(part[:_HEAD_REACH + 8]) if not _lead_in_pattern().match(part) else None
    found = [c for c in cues(part[:_HEAD_REACH + 4]) if c.start <= _HEAD_REACH]
    if opening is not None and opening[0] == 0:
        for cue in found:
            if cue.start < opening[1]:
                return cue.modality, False
        if not found or found[0].start >= opening[1]:
            return "obligation", True
    if found:
        before = part[:found[0].start]
        if not imperative_start(before):
            return found[0].modality, False
    return None


def _opens_with_cue(part: str) -> bool:
    """A comma part that starts with its cue (`不得超范围开展诊疗服务`) has no subject of its
    own: it goes on with the directive before it (要严格落实功能定位，不得超范围…)."""
    found = cues(part)
    return bool(found) and found[0].start == len(part) - len(part.lstrip())


def split_at_modality_change(clause: str, any_change: bool = False) -> list[tuple[int, int]]:
    """Cut a sentence at the commas where its modality changes.

    `…实行绿色通道支持激励政策，凡进入失信黑名单的企业和个人均不得申请…` is an obligation
    followed by a prohibition: two directives. Only a prohibition cue starts a new piece:
    what follows 鼓励… is what is encouraged, and annotators keep `落实…，支持…` and
    `由…责令改正，可以处罚款` as one directive.

    Args:
        clause: the clause text.
        any_change: cut at every explicit change of modality (policy digests in
            reports pack several directives into one sentence: 实施…，支持各级医疗机构…).

    Returns:
        `(start, end)` offsets of the pieces in `clause`, trailing commas left out.

    >>> c = "建立跨地区的联合奖惩机制，凡进入失信黑名单的企业和个人均不得申请从事养老服务行业。"
    >>> [c[s:e] for s, e in split_at_modality_change(c)]
    ['建立跨地区的联合奖惩机制', '凡进入失信黑名单的企业和个人均不得申请从事养老服务行业。']
    >>> len(split_at_modality_change("各级医疗机构要严格落实功能定位，不得超范围开展诊疗服务。"))
    1
    >>> c = "含有短半衰期核素的药品，可以边检验边出厂，但发现质量不符合标准时，生产企业应当立即停止生产。"
    >>> [c[s:e] for s, e in split_at_modality_change(c)]
    ['含有短半衰期核素的药品，可以边检验边出厂', '但发现质量不符合标准时，生产企业应当立即停止生产。']
    """
    turn = _BUT.search(clause)
    if turn:  # …可以…，但…应当…: a permission and the duty that limits it
        left, right = modality_of(clause[:turn.start()]), modality_of(clause[turn.end():])
        if left and right and left[0] != right[0]:
            tail = split_at_modality_change(clause[turn.end():], any_change)
            return (split_at_modality_change(clause[:turn.start()], any_change)
                    + [(turn.end() + a, turn.end() + b) for a, b in tail])
    if not any_change and not any(c.modality == "prohibition" for c in cues(clause)):
        return [(0, len(clause.rstrip("，,")))]
    commas, depth = [], 0
    for i, ch in enumerate(clause):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and _COMMA.match(ch):
            commas.append(i)
    bounds = [0] + [i + 1 for i in commas] + [len(clause)]
    parts = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1) if bounds[i] < bounds[i + 1]]
    pieces: list[list[int]] = []
    current: tuple[str, bool] | None = None
    for start, end in parts:
        head = _part_head(clause[start:end])
        if pieces and head and current and head[0] != current[0] and not head[1] \
                and (any_change or "prohibition" in (head[0], current[0])) \
                and (any_change or not _opens_with_cue(clause[start:end])):
            pieces.append([start, end])
            current = head
            continue
        if not pieces:
            pieces.append([start, end])
        else:
            pieces[-1][1] = end
        current = current or head
    out = []
    for start, end in pieces:
        while end > start and clause[end - 1] in "，,":
            end -= 1
        out.append((start, end))
    return out
