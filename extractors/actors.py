"""Who bears a directive: the written subject, the 由-agent, the encouraged party.

The actor is the noun phrase before the modal cue when it ends like an organization
or a role (民政部门应…, 各县市区人民政府要…, 申请人…不需提供), the agent after 由
(由用人单位进行学历审查), or the party after 鼓励/支持/引导 (鼓励境外投资者设立…).
Phrase endings come from `data/actor_suffixes.txt`. Organization names are resolved
through `extractors.issuers.canonical_name` when that module is present.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.rule_data import alternation, read_rows, read_words

_PART = re.compile(r"[，,：:；;]")
_AGENT = re.compile(r"(?<![理自经缘事])由(?![于此])")
_ENCOURAGE = re.compile(r"(?:鼓励|支持|引导|倡导)(?:[和并、])?(?:支持|引导|鼓励)?")
_LEADING = re.compile(r"^(?:直至由|并由|凡是|凡|对于|对|由|其中|另外|此外|同时|其(?![他它]))")
_MAX_ACTOR = 25
_WHEN = re.compile(r"在[^在，,]*?(?:时|中|后|前|期间|过程中)$")
# How a subject does its part, written between it and the verb: 各部门|按照各自职责，共同做好…
_MANNER = re.compile(r"(?:按照|依照|根据|依据|在)(?:各自|其|本部门)?(?:的)?(?:职责|职能)(?:范围内|分工)?$")
# A step the actor finishes before the duty: …审查全部资料无误后 / …到达现场后 / …接到通知时
_AFTER_STEP = re.compile(r"(?:后|之后|以后|时)$")
# A ban naming who it binds right after its cue: 严禁|医共体成员单位以任何形式截留…
_BAN = re.compile(r"(?:严禁|禁止)")
# Words that open an adverbial, never the actor after a ban (严禁在职称晋升中设置…).
_ADVERBIAL_START = re.compile(r"^(?:在|对|向|以|从|为|将|把|通过|利用|使用|用)")


@lru_cache(maxsize=1)
def _suffixes() -> tuple[str, ...]:
    return tuple(sorted(read_words("actor_suffixes.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _fillers() -> re.Pattern[str]:
    words = alternation(read_words("actor_fillers.txt"))
    return re.compile(rf"(?:{words})+$")


@lru_cache(maxsize=1)
def _not_actor_start() -> re.Pattern[str]:
    # A phrase that opens with an action verb or a preposition is a predicate, not a subject.
    words = set(read_words("imperative_verbs.txt")) | set(read_words("lead_in_markers.txt"))
    words |= set(read_words("not_actor_starts.txt"))
    alternatives = alternation(words)
    bodies = "|".join(map(re.escape, read_words("actor_verb_named_bodies.txt")))
    return re.compile(rf"(?!{bodies})(?:{alternatives})")


def _ends_as_actor(phrase: str) -> bool:
    if phrase.endswith(("或者", "或")):
        return False  # …堆放医疗废物或者|将…: 或者 ends like 者 but closes no actor
    return (phrase.endswith(_suffixes() + read_words("actor_role_nouns.txt"))
            or phrase in read_words("actor_roles.txt") or bool(_each(phrase) == phrase))


@lru_cache(maxsize=1)
def _suffix_breaks() -> dict[str, str]:
    return {suffix: following for suffix, following in read_rows("actor_suffix_breaks.tsv", 2)}


def _ends_with_suffix(head: str, suffixes: tuple[str, ...], following: str = "") -> bool:
    # 或者 ends like 者, and 委托 / 方案 start like 委 / 方: none closes an actor phrase.
    if not head.endswith(suffixes) or head.endswith(("或者", "或")):
        return False
    breaks = _suffix_breaks().get(head[-1], "")
    return not (following[:1] and following[0] in breaks)


# A national body named after 国家 (国家|药品监督管理局, 国家|卫生健康委员会)
_NATIONAL_NAME = re.compile(r"([\u4e00-\u9fff]{1,10}?)(?:总局|管理局|委员会|局|署)")
# A preposition after an actor opens its predicate (基层医疗卫生机构|为患者提供…), no longer name
_PREPOSITION = re.compile(r"[为对向将把被在与给]|以(?![上下外内])")
# A department written right after its government (省级以上人民政府卫生健康主管部门)
_GOVERNMENT_DEPARTMENT = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:行政主管部门|主管部门|行政部门|管理部门|委员会)")
# Verbs by which a government steers a department (会同/指定/责成…卫生行政部门): no department name
_STEERS = re.compile(r"会同|指定|责成|委托|授权|要求|商|由|和|与|及|或")
# What a government's departments are called after its name (县级以上地方人民政府有关部门)
_RELATED = re.compile(r"(?:其他)?(?:有关|相关)(?:部门|单位|机构)")


def _shortest_actor(window: str) -> str | None:
    """The shortest prefix of `window` that ends like an actor (`中医医疗机构推动…` -> 中医医疗机构).

    A coordination continues the phrase (`各类养老服务企业、机构、组织到…` -> the three), and
    a government's departments are its own body (`县级以上地方人民政府有关部门，…` -> all of it).

    >>> _shortest_actor("县级以上地方人民政府有关部门，在各自的职责范围内做好…")
    '县级以上地方人民政府有关部门'
    >>> _shortest_actor("省级以上人民政府卫生健康主管部门组织实施。")
    '省级以上人民政府卫生健康主管部门'
    >>> _shortest_actor("国家药品监督管理局统一样式"), _shortest_actor("国家对边远贫困地区给予扶持")
    ('国家药品监督管理局', '国家')
    >>> _shortest_actor("基层医疗卫生机构为患者提供转诊服务。"), _shortest_actor("基层医疗卫生机构以政府举办为主。")
    ('基层医疗卫生机构', '基层医疗卫生机构')
    >>> _shortest_actor("县级以上人民政府会同卫生行政部门制定…")
    '县级以上人民政府'
    """
    suffixes = _suffixes()
    found = None
    limit = min(len(window), _MAX_ACTOR)
    end = 2
    while end <= limit:
        head = window[:end]
        if _PART.search(head):
            break
        if _ends_with_suffix(head, suffixes, window[end:]):
            # 委 -> 委员会: take the longer ending when it follows at once.
            longer = next((e for e in range(min(limit, end + 3), end, -1)
                           if _ends_with_suffix(window[:e], suffixes, window[e:])
                           and not _PART.search(window[:e]) and not _PREPOSITION.search(window[end:e])), None)
            end = longer or end
            department = _GOVERNMENT_DEPARTMENT.match(window, end) if head.endswith("政府") else None
            if department and not _not_actor_start().match(department.group(1)) \
                    and not _STEERS.match(department.group(1)):
                end = department.end()  # 省级以上人民政府|卫生健康主管部门: the government's department
            named = _NATIONAL_NAME.match(window, end) if head == "国家" else None
            if named and not _not_actor_start().match(named.group(1)) and not _PREPOSITION.search(named.group(1)):
                end = named.end()  # 由国家|药品监督管理局统一样式: the national body, not the state
            related = _RELATED.match(window, end) if window[:end].endswith(("政府", "国务院")) else None
            end = related.end() if related and related.end() <= limit + 6 else end  # …人民政府|有关部门
            found = window[:end]
            if not (end < len(window) and window[end] in "和、及与或"):
                break
        end += 1
    return found


_EACH = re.compile(r"各(?:级|地|有关\w{0,4}?(?:部门|单位)|设区(?:的)?市"
                   r"|[^，,的]{0,4}?(?:县市区|县区|区县|市州|市县|市区|县市|县、区|市、县|县、市|区、县))")


def _each(phrase: str) -> str | None:
    """`各县市区养老服务机构…` -> 各县市区: a distributive subject names the local governments.

    >>> _each("各县、区要依托社区卫生服务中心…"), _each("各设区市结合实际设立…")
    ('各县、区', '各设区市')
    """
    m = _EACH.match(phrase)
    return m.group() if m else None


def _role_at_start(clause: str) -> str | None:
    """A role noun opening the clause (`护士执业，应当…` -> 护士), longest first."""
    return next((r for r in sorted(read_words("actor_role_nouns.txt"), key=len, reverse=True)
                 if clause.startswith(r)), None)


# A part opening with a preposition names an object or a circumstance, never the actor.
_OBJECT_FIRST = re.compile(r"^(?:对于|对|针对|向|为)(?!外)")


def _start_actor(clause: str, before_cue: bool = False) -> str | None:
    """An actor written at the very start, before a comma or an adverb and verb.

    Before an explicit cue (`高等院校招收新生，应当…`) an actor followed by its own
    predicate counts too.
    """
    if re.search(r"\d", clause[:_MAX_ACTOR]):
        clause = clause[:re.search(r"\d", clause).start()]
    head = (_shortest_actor(clause) or _role_at_start(clause)) if before_cue else None
    if head and "在" in head[2:]:
        head = None  # 职工在同一或者不同用人单位|工作期间…: a circumstance inside, no actor phrase
    if head and not _not_actor_start().match(head):
        rest = clause[len(head):]
        first_part = _PART.split(rest, 1)[0]
        # 高等院校招收新生，应当… : an actor and its predicate; 政府运营的养老机构 is a noun phrase;
        # 护士在其执业注册有效期内变更执业地点的，应当… : a condition the actor meets (…的，) is no 的-phrase.
        # 受试者为无民事行为能力人的，应当取得其监护人的同意: a copula describes the case, not its actor
        condition = (first_part.endswith("的") and rest[len(first_part):len(first_part) + 1] in ("，", ",")
                     and "下列" not in first_part and not re.match(r"(?:为|是|系)", rest))
        # 单位、个人发现正在发生的…行为，有权… : the actor opens what it meets, no 的-phrase
        noun_phrase = "的" in (first_part[:-1] if condition else first_part) and not _CASE_VERB.match(rest)
        if rest[:1] not in "的、和与及或等" and not noun_phrase and first_part and not first_part.endswith("等"):
            return head
    m = re.match(r"([^，,：:；;]{2,25}?)(?:[，,]|依法|积极|将|按时|负责|统一)", clause)
    if not m:
        return None
    phrase = m.group(1)
    if _OBJECT_FIRST.match(phrase) and not phrase.rsplit("的", 1)[-1].startswith("各"):
        return None  # 对符合规定的上转患者，可以…: the object (…涉及的各有关部门，都要… is the actor)
    if _de_at(phrase) >= 0:
        tail = phrase[_de_at(phrase) + 1:]
        phrase = tail if len(tail) >= 2 else phrase
    if _ends_as_actor(phrase) and not _not_actor_start().match(phrase):
        return phrase
    return None


_LISTED_BODIES = re.compile(r"[^，,。；;：:的]{2,12}(?:、[^，,。；;：:的]{1,12}){2,}等(?:有关|相关)?(?:部门|单位)")
_COPULA = re.compile(r"(?:是|系|属于|指|包括|享有|可|应|须|不得)")
# A 的 this close after the head marks a noun phrase (政府运营的养老机构), not a predicate.
_NOUN_PHRASE_DE = 4
_EXTENSION = 10


# 国务院有关部门，在各自的职责范围内做好…: how the subject does its part, set off by a comma
_MANNER_AFTER_COMMA = re.compile(r"[，,](?:在|按照|依照)各自(?:的)?职责(?:范围内|分工)?[，,]?")


_NATIONAL_BODY_END = re.compile(r"(?:委员会|委|局|署|部门|办公室|中心)$")


def declaring_subject(clause: str) -> str | None:
    """The actor of a declarative duty: `各级人民政府领导母婴保健工作。` (laws state duties so).

    Args:
        clause: the clause text.

    Returns:
        The actor opening the clause when a predicate follows it, else None.

    >>> declaring_subject("国务院卫生行政部门主管全国母婴保健工作。")
    '国务院卫生行政部门'
    >>> declaring_subject("国家卫生健康委将会同有关部门加强对各地的指导。")
    '国家卫生健康委'
    >>> declaring_subject("政府运营的养老机构，实行政府定价。") is None
    True
    >>> declaring_subject("国务院卫生行政主管部门和其他有关部门，在各自的职责范围内做好突发事件应急处理的有关工作。")
    '国务院卫生行政主管部门和其他有关部门'
    >>> declaring_subject("发展改革、财政、规划资源、公安、消防、建设、经济信息化、交通等部门按照各自职责，共同做好相关工作。")
    '发展改革、财政、规划资源、公安、消防、建设、经济信息化、交通等部门'
    """
    listed = _LISTED_BODIES.match(clause)  # a list of department stems longer than one name may be
    head = listed.group() if listed else _shortest_actor(clause)
    if not head or _not_actor_start().match(head) or "在" in head[2:]:
        return None  # 职工在同一用人单位|连续工作期间…: a circumstance, no subject
    more = _shortest_actor(clause[len(head):])
    if head.startswith("各") and more and len(more) <= _EXTENSION:
        head += more  # 各级 + 人民政府
    elif head == "国家" and more and clause.startswith(more, len(head)) and _NATIONAL_BODY_END.search(more):
        head += more  # 国家 + 卫生健康委将会同…: a national body, not the state declaring
    rest = clause[len(head):]
    manner = _MANNER_AFTER_COMMA.match(rest)
    if manner:  # 国务院卫生行政主管部门和其他有关部门，在各自的职责范围内做好…
        rest = rest[manner.end():]
    first_part = _PART.split(rest, 1)[0]
    if (len(first_part.strip("。；;：: ")) < 2 or rest[:1] in "的、和与及或等，,（(" or _COPULA.match(rest)
            or "的" in first_part[:_NOUN_PHRASE_DE] or first_part.endswith("等")):
        return None
    return head


def disposing_subject(clause: str) -> str | None:
    """An actor opening a 将/把 sentence: `医共体内上级医院将不低于40%的专家号源…交由家庭医生管理`.

    Args:
        clause: the clause text.

    Returns:
        The actor as written, or None.

    >>> disposing_subject("医共体内上级医院将不低于40%的专家号源交由家庭医生管理支配。")
    '医共体内上级医院'
    >>> disposing_subject("系统将自动匹配进修学习信息。") is None
    True
    """
    head = _shortest_actor(clause)
    if head and not _not_actor_start().match(head) and re.match(r"(?:将|把)(?![于会要])", clause[len(head):]):
        return head
    return None


# A qualifier before the agent (由符合…条件的 / 由具有…资质的): the agent is the noun after it.
_QUALIFIED = re.compile(r"(?:符合|具有|具备|取得)[^，,。；;：:的]{1,40}的")


def agent(clause: str, cue_at: int | None = None) -> str | None:
    """The agent after 由 that carries out the clause's main predicate.

    由 counts before the modal cue, or in the last comma part when nothing there
    happens "after" (由信息系统管理部门签字盖章后制作成PDF文件上传 is the applicant's step).

    Args:
        clause: the clause text.
        cue_at: offset of the modal cue, if any.

    Returns:
        The agent as written, or None.

    >>> agent("学信网上无法查询其相应学历信息，由用人单位进行学历审查并由责任人签字。")
    '用人单位'
    >>> agent("将门诊信息系统统计结果截图，由信息系统管理部门签字盖章后制作成PDF文件上传。") is None
    True
    >>> agent("疫苗临床试验应当由符合国务院药品监督管理部门规定条件的三级医疗机构实施。", 6)
    '三级医疗机构'
    >>> agent("爱国卫生运动委员会在同级人民政府领导下，由有关部门组成，实行目标管理。") is None
    True
    >>> agent("篡改经批准的中医医疗广告内容的，由原审批部门撤销广告批准文号，1年内不受理该中医医疗机构的广告审批申请。")
    '原审批部门'
    """
    last_part = max((m.end() for m in _PART.finditer(clause.rstrip("。；;，,"))), default=0)
    for m in _AGENT.finditer(clause):
        window = clause[m.end():]
        qualified = _QUALIFIED.match(window)  # 由符合…规定条件的三级医疗机构实施: the body after 的
        at = m.end() + (qualified.end() if qualified else 0)
        remit = _REMIT_BODY.match(clause, at)  # 由县级以上人民政府负责药品监督管理的部门…论处
        found = remit.group() if remit else _shortest_actor(clause[at:at + _MAX_ACTOR + 2])
        if not found or _not_actor_start().match(found) or clause.startswith("组成", at + len(found)):
            continue  # 由有关部门组成: its members, not who acts
        found = _LEADING.sub("", found) or found
        before_cue = cue_at is not None and m.start() < cue_at
        rest = clause[at + len(found):]
        rest = rest[:(_PART.search(rest).start() if _PART.search(rest) else len(rest))]
        # 篡改…内容的，由原审批部门撤销…，1年内不受理…: a penalty's agent follows the case it meets
        after_case = clause.endswith(("的，", "的,"), 0, m.start())
        if before_cue or after_case or (m.start() >= last_part and "后" not in rest):
            return found
    return None


# 县级以上地方人民政府负责药品监督管理的部门: a department named by its remit (its 负责 is no cue)
_REMIT_BODY = re.compile(r"(?:设区的|[^，,。；;：:的]){0,20}?负责[^，,。；;：:的]{1,15}的(?:部门|机构|机关)")


# What an actor does or fails to do in the case it meets (医师发现…的，应当… / 医疗机构未…的，应当…).
_CASE_VERB = re.compile(r"(?:发现|怀疑|未|违反|拒绝|擅自|不能|无法)")


_LIST_MAX = 80
# Departments named by their functions, listed and closed by 等(有关)部门
_FUNCTION_LIST = re.compile(r"^[^，,。；;：:的]{2,20}(?:、[^，,。；;：:的]{1,12})+等(?:有关|相关)?(?:部门|单位)$")


def _body_list(phrase: str) -> str | None:
    """Three or more bodies or roles, each ending like one, as written (a trailing 等 dropped).

    >>> _body_list("工会、共产主义青年团、妇女联合会、残疾人联合会、居民委员会、村民委员会等")
    '工会、共产主义青年团、妇女联合会、残疾人联合会、居民委员会、村民委员会'
    >>> _body_list("县级以上地方文化和旅游、新闻出版、广播电视等部门和其他有关部门") is None
    True
    """
    core = phrase[:-1] if phrase.endswith("等") else phrase
    items = core.split("、")
    if len(items) < 3 or len(core) > _LIST_MAX:
        return None
    if all(len(i) >= 2 and _ends_as_actor(i) and not _not_actor_start().match(i) for i in items):
        return core
    return None


_RELATIVE_MAX = 30


def _relative_clause_actor(phrase: str) -> bool:
    """True when `phrase` is a bearer named with a verb clause before 的 (经营…的零售企业).

    >>> _relative_clause_actor("零售乙类非处方药的商业企业"), _relative_clause_actor("在民政部门登记的非营利性养老机构")
    (True, False)
    >>> _relative_clause_actor("沿黄河的各级人民政府")
    False
    """
    at = _de_at(phrase)
    owner, head = phrase[:at], phrase[at + 1:]
    return (len(phrase) <= _RELATIVE_MAX and len(owner) >= 2 and _ends_as_actor(head)
            and not _ADVERBIAL_START.match(owner) and not _OBJECT_FIRST.match(owner) and not owner.startswith("除")
            and not _not_actor_start().match(head) and not head.startswith("各"))


def _de_at(phrase: str) -> int:
    """Where the last 的 that opens a head noun sits, -1 if none; 设区的市 is one level.

    >>> _de_at("设区的市级人民政府"), _de_at("接到报告的卫生行政主管部门")
    (-1, 4)
    """
    return max((m.start() for m in re.finditer(r"(?<!设区)的", phrase)), default=-1)


def _subject(pre: str) -> str | None:
    parts = [p for p in _PART.split(pre)]
    for part in reversed(parts[-2:]):
        # 研制单位在制订新药工艺路线的同时 -> 研制单位 (before 同时 goes as a filler)
        phrase = _fillers().sub("", _MANNER.sub("", _WHEN.sub("", part.strip())))
        if not phrase:
            continue  # a circumstance alone (在进行临床试验前，应当…): the subject is further back
        if _OBJECT_FIRST.match(phrase):
            return None  # 对符合规定的转诊住院患者可以…: whom it is done to, not who does it
        phrase = _LEADING.sub("", phrase)
        phrase = _WHEN.sub("", phrase)  # 财政、教育等部门在安排教育经费时 -> 财政、教育等部门
        by = _AGENT.search(phrase)
        if by and _ends_as_actor(phrase[by.end():]) and not _not_actor_start().match(phrase[by.end():]):
            phrase = phrase[by.end():]  # 本办法由国家药品监督管理局|负责解释: the agent, not the topic
        inside = _PREDICATE_INSIDE.search(phrase)
        if inside and inside.start() >= 2 and _ends_as_actor(phrase[:inside.start()]) \
                and not _not_actor_start().match(phrase) and _shortest_actor(phrase) == phrase[:inside.start()]:
            return phrase[:inside.start()]  # 省…卫生行政部门依照…的规定制定…，应当…: the body before 依照
        head = _shortest_actor(phrase)
        if head and phrase.startswith("对", len(head)) and not _not_actor_start().match(head):
            return head  # 国务院有关部门对…的护士，应当…: the subject before its 对-object
        if (head and phrase.endswith("的") and not _not_actor_start().match(head)
                and _CASE_VERB.match(phrase, len(head))):
            return head  # 经产前检查，医师发现或者怀疑胎儿异常的，应当…: the actor opens the case it meets
        remit = _REMIT_BODY.match(phrase)
        if remit and (remit.end() == len(phrase) or _AFTER_STEP.search(phrase)):
            return remit.group()  # 县级以上地方人民政府负责中医药管理的部门: a body named by its remit
        if _de_at(phrase) >= 0 and _relative_clause_actor(phrase):
            return phrase  # 零售乙类非处方药的商业企业必须…: the bearer as its relative clause names it
        if _de_at(phrase) >= 0:
            owner, phrase = phrase[:_de_at(phrase)], phrase[_de_at(phrase) + 1:]
            if not _ends_as_actor(phrase) and 2 <= len(owner) <= _MAX_ACTOR and "的" not in owner \
                    and _ends_as_actor(owner) and not _not_actor_start().match(owner) \
                    and not _ADVERBIAL_START.match(owner) and not owner.startswith("除"):
                phrase = owner  # 申报专科的医疗服务质量指标应… -> 申报专科: whose figures they are
        if phrase.startswith("各") and not _ends_as_actor(phrase):
            phrase = _each(phrase) or _shortest_actor(phrase) or ""
        if not _ends_as_actor(phrase) and _AFTER_STEP.search(phrase):
            # 口岸药品监督管理局审查全部资料无误后，应当…: the actor before a step it finishes first
            head = _shortest_actor(phrase)
            if head and not _not_actor_start().match(head) and phrase[len(head):len(head) + 1] not in "的、和与及或等":
                return head
        listed = _body_list(phrase) if len(phrase) > _MAX_ACTOR else None
        if listed:
            return listed  # 县级以上人民政府有关部门、司法机关、…、企业事业单位，应当…: every body listed
        if len(phrase) <= _LIST_MAX and _FUNCTION_LIST.search(phrase):
            return phrase  # 县级以上地方人民政府教育、人力资源社会保障、中医药等有关部门: one list of departments
        if len(phrase) > _MAX_ACTOR and _ends_as_actor(phrase):
            # 县级以上地方文化和旅游、新闻出版…等部门和其他有关部门: keep the last conjunct.
            phrase = re.split(r"[、和及与]", phrase)[-1]
        if 2 <= len(phrase) <= _MAX_ACTOR and _ends_as_actor(phrase) and not _not_actor_start().match(phrase):
            return phrase
        return None
    return None


# 设区的市级、县级人民政府承担…职责的部门（以下称药品监督管理部门）负责…
_DEFINED_TERM = re.compile(r"^([^，,。；;：:]{2,40}?)[（(]以下(?:简)?称[“\"]?([^（）()“”\"]{2,15})[”\"]?[)）]")
# 各县市区人民政府是县域医共体建设的责任主体，要…
_RESPONSIBLE_BODY = re.compile(r"^([^，,。；;：:]{2,25}?)(?:是|为)[^，,。；;]{0,30}?(?:责任主体|第一责任人)[，,]")


def defined_subject(pre: str) -> str | None:
    """A subject the text names and defines, or calls the responsible party, before the cue.

    Args:
        pre: the clause up to its modal cue.

    Returns:
        The subject as written before its definition (（以下称X）, X a body), or the body
        declared responsible, or None.

    >>> defined_subject("设区的市级、县级人民政府承担药品监督管理职责的部门（以下称药品监督管理部门）")
    '设区的市级、县级人民政府承担药品监督管理职责的部门'
    >>> defined_subject("各县市区人民政府是县域医共体建设的责任主体，")
    '各县市区人民政府'
    >>> defined_subject("本法所称疫苗（以下简称疫苗）") is None
    True
    """
    m = _DEFINED_TERM.match(pre)
    if m and _ends_as_actor(m.group(2)) and _ends_as_actor(m.group(1)):
        return m.group(1)
    m = _RESPONSIBLE_BODY.match(pre)
    if m and _ends_as_actor(m.group(1)) and not _not_actor_start().match(m.group(1)):
        return m.group(1)
    return None


# A goal year opening a clause: 2021年， / 到2025年， / 2022年底前，
_LEADING_TIME = re.compile(r"^(?:到|至|在)?(?:19|20)\d\d\s*年(?:底|末)?(?:前|以前)?[，,]")
_DUTY_LEAD = re.compile(r"^([^，,。；;：:]{2,30}?)的(?:主要|具体)?(?:职责|任务)(?:是|为|包括|如下)[：:]")


def duty_holder(clause: str) -> str | None:
    """The body a duty list belongs to: `县级以上爱国卫生运动委员会的主要职责是：` -> that committee.

    >>> duty_holder("县级以上爱国卫生运动委员会的主要职责是：")
    '县级以上爱国卫生运动委员会'
    >>> duty_holder("本条例的主要任务是：") is None
    True
    >>> duty_holder("血站是依法设立的采集、提供医疗临床用血，不以营利为目的的公益性组织，履行下列职责：")
    '血站'
    >>> duty_holder("各级疾病预防控制机构在传染病预防控制中履行下列职责：")
    '各级疾病预防控制机构'
    >>> duty_holder("省中医行政主管部门管理全省中医工作。主要职责是：")
    '省中医行政主管部门'
    """
    m = _DUTY_LEAD.match(clause) or _DUTY_AFTER_DEFINITION.match(clause)
    if m and _ends_as_actor(m.group(1)) and not _not_actor_start().match(m.group(1)):
        return m.group(1)
    if _DUTY_AFTER_STATEMENT.match(clause):  # 省中医行政主管部门管理全省中医工作。主要职责是：
        head = _shortest_actor(clause)
        return head if head and not _not_actor_start().match(head) else None
    return None


# X…，其主要职责是： / X管理…。主要职责是：
_DUTY_AFTER_STATEMENT = re.compile(r"^[^：:]{2,80}?[，,。]其?(?:主要|具体)?职责(?:是|为|包括|如下)[：:]\s*$")


# 血站是依法设立的…公益性组织，履行下列职责：
_DUTY_AFTER_DEFINITION = re.compile(r"^([^，,。；;：:]{2,25}?)(?:(?:是|为)[^：:；;。]{0,80}?[，,]并?|在[^，,：:；;。]{1,30}?中)?"
                                    r"履行(?:下列|以下|如下)职责[：:]")


# A predicate word inside a would-be actor (具体收费标准按照国家, 献血工作坚持政府): no actor.
_PREDICATE_INSIDE = re.compile(r"按照|依照|依据|根据|坚持|实行|依法")


def written_actor(clause: str, cue_at: int, modality: str) -> str | None:
    """The actor written in a clause (see `_written_actor`), never a phrase holding a predicate.

    >>> written_actor("具体收费标准按照国家有关规定执行。", 0, "obligation") is None
    True
    >>> written_actor("国务院有关部门对在护理工作中做出杰出贡献的护士，应当授予荣誉称号。", 24, "obligation")
    '国务院有关部门'
    """
    found = _written_actor(clause, cue_at, modality)
    inside = _PREDICATE_INSIDE.search(found) if found else None
    if inside:  # 省…部门根据申请人 -> 省…部门; 具体收费标准按照国家 -> none
        head = found[:inside.start()]
        return head if len(head) >= 2 and _ends_as_actor(head) else None
    return found


# A penalty with no authority written (依法给予处分 / 依法追究刑事责任) after the case it meets (…的，)
_PENALTY_CUE = re.compile(r"依法(?:给予|追究|予以|承担)")
_CASE_END = re.compile(r"的[，,]")


def _written_actor(clause: str, cue_at: int, modality: str) -> str | None:
    """The actor written in a clause, given where its modality cue starts.

    Args:
        clause: the clause text.
        cue_at: offset of the deciding cue in `clause`.
        modality: the clause's modality (encouragement looks after the cue).

    Returns:
        The actor as written, or None.

    >>> written_actor("民政部门应按有关规定及时发布信息", 4, "obligation")
    '民政部门'
    >>> written_actor("鼓励中医医疗机构推动业务流程数字化转型", 0, "encouragement")
    '中医医疗机构'
    >>> written_actor("学信网上无法查询其相应学历信息，由用人单位进行学历审查", 0, "obligation")
    '用人单位'
    >>> written_actor("加害人实施家庭暴力，构成违反治安管理行为的，依法给予治安管理处罚；", 22, "obligation") is None
    True
    """
    if modality == "encouragement":
        m = _ENCOURAGE.match(clause, cue_at)
        if m:
            window = clause[m.end():m.end() + _MAX_ACTOR + 2]
            window = re.sub(r"^符合条件的|^有条件的", "", window)
            found = _each(window) or _shortest_actor(window)
            if found and not _not_actor_start().match(found):
                return found
    if _PENALTY_CUE.match(clause, cue_at) and _CASE_END.search(clause[:cue_at]):
        return agent(clause, cue_at)  # 加害人实施家庭暴力，构成…的，依法给予处罚: the offender bears nothing
    if modality == "prohibition" and _BAN.match(clause, cue_at):
        banned = banned_party(clause[cue_at:])
        if banned:
            return banned
    defined = defined_subject(clause[:cue_at]) if cue_at > 0 else None
    if defined:
        return defined
    timed = _LEADING_TIME.match(clause) if cue_at == 0 else None
    if timed and _each(clause[timed.end():]):
        return _each(clause[timed.end():])  # 2021年，各县市区至少建成1个…: the goal's distributive subject
    asked = 2 if clause.startswith("要求", cue_at) and cue_at == 0 else 1 if clause.startswith("请") else 0
    if asked:  # 请各地于…前报送 / 要求省级卫生健康主管部门建立…: the addressee follows the request
        addressee = _each(clause[asked:]) or _shortest_actor(clause[asked:asked + _MAX_ACTOR])
        if addressee and not _not_actor_start().match(addressee):
            return addressee
    subject = _subject(clause[:cue_at]) if cue_at > 0 else None
    if subject:
        return subject
    found = agent(clause, cue_at) or (_start_actor(clause[:cue_at], before_cue=True) if cue_at > 0
                                       else _start_actor(clause))
    if found:
        return found
    for role in read_words("actor_roles.txt"):
        if clause.startswith(role) and _ends_with_suffix(role, (role,), clause[len(role):]):
            return role  # not 申请人|身安全保护令
    return None


def banned_party(clause: str) -> str | None:
    """Who a ban opening with 严禁/禁止 binds, when written right after the cue.

    Args:
        clause: the clause from its 严禁/禁止 on.

    Returns:
        The actor as written, or None when a verb or an adverbial follows the cue.

    >>> banned_party("严禁医共体成员单位以任何形式截留、挪用医保基金。")
    '医共体成员单位'
    >>> banned_party("严禁任何单位和个人随身携带放射性药品乘坐公共交通运输工具。")
    '任何单位和个人'
    >>> banned_party("严禁使用人工智能等自动生成处方。") is None
    True
    >>> banned_party("严禁在职称晋升中对基层医务人员设置不合理条件。") is None
    True
    """
    m = _BAN.match(clause)
    if not m:
        return None
    window = clause[m.end():m.end() + _MAX_ACTOR + 2]
    if _ADVERBIAL_START.match(window) or _not_actor_start().match(window):
        return None
    found = _each(window) or _shortest_actor(window)
    if not found or found == window.rstrip("。；;"):
        return None
    return found


def header_role(text: str, lines: int = 3) -> str | None:
    """The role a notice addresses, when its title lines name one (申报人员提交材料注释).

    Args:
        text: the document text.
        lines: how many leading non-empty lines count as the title.

    Returns:
        The first role word of `data/actor_roles.txt` found in the title lines, or None.

    >>> header_role("2023年度四川省卫生高级职称\\n申报人员提交材料注释\\n")
    '申报人员'
    """
    head = "".join([line for line in text.splitlines() if line.strip()][:lines])
    for role in read_words("actor_roles.txt"):
        if role in head:
            return role
    return None


@lru_cache(maxsize=4096)
def resolve_actor(name: str, home_region: str | None = None) -> str:
    """The canonical organization name for a written actor; role words stay as written.

    Args:
        name: the actor as written.
        home_region: GB/T 2260 code of the document's jurisdiction, if known.

    Returns:
        `extractors.issuers.canonical_name(name, home_region)` when available, else `name`.

    A canonical name that no longer contains the written one (省卫生计生委 ->
    河南省卫生和计划生育委员会) would hide who the text names, so the written form is
    kept then; a relative name grows its region (市民政局 -> 郴州市民政局).

    >>> resolve_actor("申报人员")
    '申报人员'
    """
    try:
        from extractors.issuers import canonical_name
    except ImportError:
        return name
    try:
        canonical = canonical_name(name, home_region) or name
    except (KeyError, ValueError):
        return name
    return canonical if _compact(name) in _compact(canonical) else name


def _compact(name: str) -> str:
    return re.sub(r"\s+", "", name)
