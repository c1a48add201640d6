"""Policies of a document: the text itself (`self`) and every policy it names (`mentioned`).

Sources, each with offsets: the document header (`extractors.headers`), 《…》
titles that name normative documents (`extractors.policy_titles`) with the number,
issuers and date written around them (`extractors.citations`), bare 发文字号, and
rows of policy tables in reports (`extractors.tables`). Issuers are resolved by
`extractors.issuers`; a policy's regions are its issuers' jurisdiction, else the
number's, else a place that starts the title, else `CN` for laws (消防法).

`cites` of the self policy are the keys (发文字号, else title) of the policies the
text names after a citation cue. A notice `关于印发X的通知` gives X as a second self
policy, with the notice's issuers and date, and X carries the cites.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from extractors import issuers as issuer_rules
from extractors.citations import (
    TitleMention,
    bare_number_citations,
    cue_before,
    date_at_end,
    find_bare_law_names,
    find_title_mentions,
    strip_fillers,
)
from extractors.doc_numbers import normalise, year_of
from extractors.doc_text import char_spans, document_text
from extractors.headers import Header, read_header
from extractors.organizations import find_organizations
from extractors.policy_titles import (
    clean_title,
    core_title,
    document_type,
    find_bare_titles,
    is_policy_title,
    split_issuer_prefix,
)
from extractors.regions import CN, find_regions
from extractors.rule_data import read_words
from extractors.schema import Mention, Organization, Policy
from extractors.tables import find_table_rows

SPAN_KEY = "hp_policies"
_NATIONAL_TITLE = re.compile(r"^(中华人民共和国|中国|国家|全国)")
# a named national programme early in a title that is not 关于… (“健康中国2030”规划纲要,
# 中国防治慢性病中长期规划); 关于贯彻落实国家…的意见 may be a province's
_NATIONAL_NAMED = re.compile(r"^(?!关于).*?(?:中国|全国)")
# types whose title without a place or issuer is national (消防法, 信访条例, 互联网信息服务管理办法)
_NATIONAL_TYPES = {"法", "条例", "办法", "规定", "细则"}
_INNER_TITLE = re.compile(r"[〈<](?P<title>[^〈〉<>]{2,60})[〉>]")
_PRC = "中华人民共和国"
_KEY_NOISE = re.compile(r"[\s《》〈〉<>“”\"'‘’「」『』]")
# 《…》（国办发〔2015〕70号，以下简称《指导意见》）: a short name, not another policy
_ALIAS_BEFORE = re.compile(r"(?:以下|下文|下)?简称\s*$|以下称\s*$")
_CHAIN_JOIN = re.compile(r"^[、，,和及与\s]*$")


@dataclass
class PolicyContext:
    """What the rest of the document says that policies need."""

    kind: str = "other"
    home_region: str | None = None
    header: Header = field(default_factory=Header)


def policy_key(policy: Policy) -> str:
    """Normalised identity of a policy inside one document (number, else title).

    >>> policy_key(Policy(title="《消防法》")), policy_key(Policy(title=None, doc_number="国办发[2017]52号"))
    ('消防法', '#国办发〔2017〕52号')
    """
    if policy.doc_number:
        return "#" + normalise(policy.doc_number)
    return _KEY_NOISE.sub("", unicodedata.normalize("NFKC", policy.title or ""))


def _resolve_all(names: list[str], home: str | None) -> list[Organization]:
    out: list[Organization] = []
    for name in names:
        org = issuer_rules.resolve_issuer(name, home)
        if org.name and all(o.name != org.name for o in out):
            out.append(org)
    return out


def _issuers_from_text(text: str, home: str | None) -> list[Organization]:
    """Resolve issuers written as one string (`国家卫生健康委、财政部`, `国家卫生健康委等部门`)."""
    text = re.sub(r"等(?:部门|单位|部委)?$", "", text.strip())
    return _resolve_all(_split(text, home), home) if text else []


def _split(text: str, home: str | None = None) -> list[str]:
    """Issuer names in a written list, as written (so the written form stays an alias of the
    canonical name: 临泉县人民政府办公室 for 阜阳市临泉县人民政府办公室); a single name the
    lexicon does not know stays whole.

    >>> _split("国家卫生健康委、财政部等部门")
    ['国家卫生健康委', '财政部']
    """
    names = list(dict.fromkeys(h.surface for h in find_organizations(text, home)))
    if names:
        return names
    return [text] if text and not re.search(r"[、，,和及与\s]", text) else []


def _org_chain_at_end(text: str, home: str | None) -> tuple[list[str], int]:
    """Organization names written at the very end of `text` (民政部、公安部), and where they start."""
    hits = find_organizations(text, home)
    chain: list[str] = []
    end = len(text)
    for hit in reversed(hits):
        if not _CHAIN_JOIN.match(text[hit.end:end]):
            break
        chain.insert(0, hit.surface)
        end = hit.start
    return chain, end


def _title_start_issuer(title: str, home: str | None) -> list[str]:
    """An organization that starts a title (深圳市龙岗中心医院信访制度, 区政府第25次常务会议纪要).

    The rest of the title must still name the same type of document, so 北京市行政问责办法
    does not yield an office 北京市行政问责办.
    """
    suffixes = read_words("title_issuer_suffixes.txt")
    kind = document_type(title)
    for hit in find_organizations(title, home):
        rest = title[hit.end:]
        if (hit.start == 0 and hit.surface.endswith(suffixes) and document_type(rest) == kind
                and len(core_title(rest)) > 2):
            return [hit.surface]
        break
    match = re.match(r"^([市区县省]政府)", title)
    return [match.group(1)] if match and home else []


def _jurisdiction(orgs: list[Organization], number: str | None, title: str | None,
                  table_region: str | None = None) -> list[str]:
    """A policy's regions: group heading, issuers, number, title's leading place, CN for laws."""
    if table_region:
        return [table_region]
    codes: list[str] = []
    for org in orgs:
        codes.extend(issuer_rules.jurisdiction_of(org.name))
    if not codes and number:
        codes.extend(issuer_rules.jurisdiction_of_doc_number(number))
    inner = re.search(r"[〈<]([^〈〉<>]{2,60})[〉>]", title or "")
    if not codes and inner and re.match(r"关于(?:修改|修订|废止)", title):
        codes = _jurisdiction([], None, inner.group(1))  # 关于修改〈X〉的决定: X's jurisdiction
    if not codes and title:
        hits = find_regions(title)
        if hits and hits[0].start == 0:
            codes.append(hits[0].code)
        elif (_NATIONAL_TITLE.match(title) or document_type(title) in _NATIONAL_TYPES
              or _NATIONAL_NAMED.search(title[:14])):
            codes.append(CN)
    return list(dict.fromkeys(codes))


def _date_from_number(number: str | None) -> str | None:
    return year_of(number) if number else None


def _self_policies(text: str, context: PolicyContext) -> list[Policy]:
    header, home = context.header, context.home_region
    if context.kind not in ("policy", "notice") or not (header.title or header.doc_number):
        return []
    number = header.doc_number.value if header.doc_number else None
    orgs = _resolve_all([n for f in header.issuers for n in _split(f.value, home)], home)
    if not orgs and number:
        orgs = _resolve_all(issuer_rules.issuers_of_doc_number(number), home)
    title = header.title.value if header.title else None
    date = header.date.value if header.date else _date_from_number(number)
    if date is None and title:
        year = re.search(r"((?:19|20)\d\d)\s*年", title)
        date = year.group(1) if year else None
    regions = _jurisdiction(orgs, number, title) or ([home] if home else [])
    mentions = [Mention(f.start, f.end) for f in (header.title, header.doc_number) if f]
    notice = Policy(title=title, doc_number=number, issuers=orgs, date=date, regions=regions,
                    role="self", kind=document_type(title) if title else None, mentions=mentions)
    out = [notice]
    issued = header.issued_title
    if issued and header.forwards:
        # the forwarded document is another body's: mentioned, and the notice cites it
        prefix, inner = split_issuer_prefix(issued.value)
        inner_orgs = _issuers_from_text(prefix, home) if prefix else []
        forwarded = Policy(title=inner, issuers=inner_orgs, regions=_jurisdiction(inner_orgs, None, inner),
                           role="mentioned", kind=document_type(inner),
                           mentions=[Mention(issued.end - len(inner), issued.end)])
        notice.cites.append(forwarded.key)
        out.append(forwarded)
    elif issued:
        out.append(Policy(title=issued.value, issuers=list(orgs), date=date, regions=list(regions),
                          role="self", kind=document_type(issued.value),
                          mentions=[Mention(issued.start, issued.end)]))
    if not header.forwards:  # attachments first: the last self policy is the one that cites
        for title, start, end in reversed(attachment_titles(text, header.body_start)):
            out.insert(0, Policy(title=title, issuers=list(orgs), date=date, regions=list(regions),
                              role="self", kind=document_type(title), mentions=[Mention(start, end)]))
    return out


_ATTACHMENT = re.compile(r"^[ \t\u3000]*附件\s*\d{0,2}\s*[：:]\s*(?:\d{1,2}\s*[.．、]\s*)?(?P<title>[^\n]{4,80}?)[ \t\u3000]*$",
                         re.M)


def attachment_titles(text: str, start: int = 0) -> list[tuple[str, int, int]]:
    """Normative documents a policy issues as its attachments (附件：分级诊疗试点工作考核评价标准).

    They are issued with the text, by the same body on the same day; forms and tables
    (附件：重点任务分工及进度安排表) and lists of targets are not policies.

    >>> [t for t, _, _ in attachment_titles("正文。\\n附件：分级诊疗试点工作考核评价标准\\n\\n国务院办公厅\\n")]
    ['分级诊疗试点工作考核评价标准']
    >>> attachment_titles("附件：重点任务分工及进度安排表\\n附件2：2020年项目工作任务目标\\n")
    []
    """
    found = []
    for match in _ATTACHMENT.finditer(text, start):
        title = match.group("title").strip("《》 ")
        if document_type(title) and is_policy_title(title):
            at = text.index(title, match.start("title"))
            found.append((title, at, at + len(title)))
    return found


_DATE_AT_END = re.compile(r"(?:于|在)?\s*(?:19|20)\d\d\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*$")
_SAME_YEAR = re.compile(r"同年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?\s*[，,]?\s*$")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


def same_year_date(text: str, end: int) -> str | None:
    """A date written 同年7月 right before `end`, in the year last written before it.

    >>> t = "2018年4月，国务院办公厅印发《意见》。同年7月，国家卫生健康委发布"
    >>> same_year_date(t, t.index("国家"))
    '2018-07'
    """
    m = _SAME_YEAR.search(text, max(0, end - 12), end)
    if not m or m.end() != end:
        return None
    years = _YEAR.findall(text, max(0, m.start() - 400), m.start())
    if not years:
        return None
    day = f"-{int(m.group(2)):02d}" if m.group(2) else ""
    return f"{years[-1]}-{int(m.group(1)):02d}{day}"


def _mentioned_from_title(text: str, mention: TitleMention, home: str | None) -> Policy | None:
    if not is_policy_title(mention.title, cited=bool(mention.cue)):
        return None
    prefix, title = split_issuer_prefix(mention.title)
    number = mention.number.number if mention.number else None
    orgs: list[Organization] = _issuers_from_text(prefix, home) if prefix else []
    date = None
    before = strip_fillers(mention.before)
    if not orgs:
        chain, chain_start = _org_chain_at_end(before, home)
        if not chain and date_at_end(before):  # 国家医疗保障局于2019年8月发布《…》
            date = date_at_end(before)
            chain, chain_start = _org_chain_at_end(_DATE_AT_END.sub("", before), home)
        orgs = _resolve_all(chain, home)
        if chain:
            date = date or date_at_end(before[:chain_start]) or same_year_date(text, mention.before_start
                                                                               + chain_start)
    if not orgs:
        orgs = _resolve_all(_title_start_issuer(title, home), home)
    if not orgs and number:
        orgs = _resolve_all(issuer_rules.issuers_of_doc_number(number), home)
    date = date or _date_from_number(number)
    regions = _jurisdiction(orgs, number, title)
    if not regions:  # 北京市发布的《关于…》: the place that issued it
        places = find_regions(before[-12:])
        if places and places[-1].end == len(before[-12:]):
            regions = [places[-1].code]
    spans = [Mention(mention.end - len(title), mention.end)]  # the title without its issuer prefix
    if mention.number:
        spans.append(Mention(mention.number.start, mention.number.end))
    return Policy(title=clean_title(title), doc_number=number, issuers=orgs, date=date,
                  regions=regions, role="mentioned",
                  kind=document_type(title), mentions=spans)


def _date_from_law_event(policy: Policy, mention: TitleMention, header: Header, home: str | None) -> None:
    """A decision named in a law's dated event (2009年8月27日 …会议《关于修改部分法律的决定》修正)
    was made that day by that body."""
    for date, body in header.events:
        if date.start <= mention.start < date.end:
            policy.date = policy.date or date.value
            if body and not policy.issuers:
                policy.issuers = _resolve_all([body], home)
                policy.regions = _jurisdiction(policy.issuers, policy.doc_number, policy.title)
            return


def _merge(policies: list[Policy]) -> list[Policy]:
    """One policy per key; later mentions fill what earlier ones lacked."""
    merged: dict[str, Policy] = {}
    for policy in policies:
        key = policy_key(policy)
        if not key:
            continue
        if key not in merged and policy.doc_number and policy.title:
            # a numbered mention of a title seen before without its number
            title_key = policy_key(Policy(title=policy.title))
            earlier = merged.get(title_key)
            if earlier is not None and not earlier.doc_number and earlier.role == policy.role:
                merged[key] = merged.pop(title_key)
        if key not in merged and not policy.doc_number:
            # a titled mention may repeat a numbered one (same title, number given once)
            same = [p for p in merged.values() if p.doc_number and p.title
                    and policy_key(Policy(title=p.title)) == key and p.role == policy.role]
            if len(same) == 1:
                key = policy_key(same[0])
        if key not in merged:
            merged[key] = policy
            continue
        kept = merged[key]
        kept.title = kept.title or policy.title
        kept.doc_number = kept.doc_number or policy.doc_number
        for org in policy.issuers:
            if all(o.name != org.name for o in kept.issuers):
                kept.issuers.append(org)
        if policy.date and (not kept.date or (len(policy.date) > len(kept.date)
                                              and policy.date.startswith(kept.date))):
            kept.date = policy.date
        if not kept.regions:
            kept.regions = list(policy.regions)
        kept.cites.extend(c for c in policy.cites if c not in kept.cites)
        if policy.role == "self":
            kept.role = "self"
        kept.mentions.extend(policy.mentions)
    numbered = {p.title: p.doc_number for p in merged.values() if p.doc_number and p.title}
    for policy in merged.values():  # a cite by title of a policy whose number is now known
        policy.cites = list(dict.fromkeys(numbered.get(c, c) for c in policy.cites))
    return _merge_short_law_names(list(merged.values()))


def _merge_short_law_names(policies: list[Policy]) -> list[Policy]:
    """《药品管理法》 and 《中华人民共和国药品管理法》 in one text are one law."""
    full = {p.title[len(_PRC):]: p for p in policies
            if p.title and not p.doc_number and p.title.startswith(_PRC)}
    out = []
    for policy in policies:
        longer = full.get(policy.title or "") if not policy.doc_number else None
        if longer is None or longer is policy:
            out.append(policy)
            continue
        longer.mentions.extend(policy.mentions)
        longer.cites.extend(c for c in policy.cites if c not in longer.cites)
        if policy.role == "self":
            longer.role = "self"
    for policy in out:  # cites written with the short name point at the full one
        policy.cites = list(dict.fromkeys(_PRC + c if c in full else c for c in policy.cites))
    return out


_TITLES_LISTED = re.compile(r"^》\s*(?:[、和及与]|以及)?\s*《$")


def _share_with_listed(policy: Policy, previous: Policy, gap: str) -> None:
    """Titles listed together (发布《A》《B》和《C》) share the issuers and date written before the
    first, when they have none of their own.

    >>> a = Policy(title="互联网诊疗管理办法（试行）", date="2018-07", regions=["CN"])
    >>> b = Policy(title="互联网医院管理办法（试行）")
    >>> _share_with_listed(b, a, "》《"); (b.date, b.regions)
    ('2018-07', ['CN'])
    """
    if not _TITLES_LISTED.match(gap) or policy.issuers or policy.date or policy.doc_number:
        return
    policy.issuers, policy.date = list(previous.issuers), previous.date
    policy.regions = policy.regions or list(previous.regions)


def _number_from_abbreviation(policy: Policy, mention, home: str | None) -> None:
    """A 发文字号 written after a later short name (此次《意见》（国办发〔2021〕18号）) is the
    abbreviated policy's, with the year and issuer it implies when the first mention gave none."""
    if policy.doc_number or not mention.number:
        return
    number = mention.number.number
    policy.doc_number = number
    policy.date = policy.date or _date_from_number(number)
    if not policy.issuers:
        policy.issuers = _resolve_all(issuer_rules.issuers_of_doc_number(number), home)
        policy.regions = policy.regions or _jurisdiction(policy.issuers, number, policy.title)


def find_policies(text: str, context: PolicyContext) -> list[Policy]:
    """Self and mentioned policies of one document, merged by key, with cites.

    Args:
        text: the decoded document.
        context: its kind, home region and header.

    Returns:
        Self policies first, then mentioned ones in order of first mention.

    >>> t = "根据商务部《外商投资企业设立及变更备案管理暂行办法》（商务部令2016年第3号），鼓励境外投资者设立养老机构。"
    >>> [(p.title, p.doc_number, p.date) for p in find_policies(t, PolicyContext())]
    [('外商投资企业设立及变更备案管理暂行办法', '商务部令2016年第3号', '2016')]
    """
    home = context.home_region
    made = _self_policies(text, context)
    selves = [p for p in made if p.role == "self"]
    # a 《…》 mention of the text's own title (the plan a 印发 notice prints) is the text itself
    self_keys = {policy_key(p) for p in selves} | {policy_key(Policy(title=p.title)) for p in selves if p.title}
    self_number = context.header.doc_number.value if context.header.doc_number else None
    self_numbers = {self_number} | {f.value for f in context.header.joint_numbers}
    mentions = find_title_mentions(text)
    mentioned: list[Policy] = []
    by_mention: dict[int, Policy] = {}
    cited: list[Policy] = []
    aliases: dict[str, Policy | None] = {}  # 以下简称《指导意见》 -> the policy named just before
    last: Policy | None = None
    for index, mention in enumerate(mentions):
        short = policy_key(Policy(title=clean_title(mention.title)))
        if _ALIAS_BEFORE.search(text, max(0, mention.start - 9), mention.start - 1):
            aliases[short] = last
            continue
        if short in aliases:  # a later 《指导意见》 is the policy it abbreviates
            if aliases[short] is not None:
                by_mention[index] = aliases[short]
                _number_from_abbreviation(aliases[short], mention, home)
                if mention.cue:
                    cited.append(aliases[short])
            continue
        policy = _mentioned_from_title(text, mention, home)
        last = None
        if policy is None or (policy.doc_number and policy.doc_number in self_numbers):
            continue
        _date_from_law_event(policy, mention, context.header, home)
        if index and index - 1 in by_mention:
            _share_with_listed(policy, by_mention[index - 1], text[mentions[index - 1].end:mention.start])
        if not policy.doc_number and policy_key(policy) in self_keys:
            continue
        by_mention[index] = last = policy
        mentioned.append(policy)
        if mention.cue:
            cited.append(policy)
        for inner in _INNER_TITLE.finditer(mention.title):  # 关于修改〈X〉的决定 names X too
            if is_policy_title(inner.group("title")):
                title = inner.group("title")
                at = mention.start + inner.start("title")
                mentioned.append(Policy(title=title, regions=_jurisdiction([], None, title),
                                        role="mentioned", kind=document_type(title),
                                        mentions=[Mention(at, at + len(title))]))
    for index, mention in enumerate(mentions):
        if index in by_mention:
            for basis in mention.basis:
                if basis in by_mention:
                    by_mention[index].cites.append(by_mention[basis].key)
    for hit, cue in bare_number_citations(text, mentions):
        if hit.number in self_numbers:
            continue
        orgs = _resolve_all(issuer_rules.issuers_of_doc_number(hit.number), home)
        policy = Policy(title=None, doc_number=hit.number, issuers=orgs, date=hit.year,
                        regions=_jurisdiction(orgs, hit.number, None), role="mentioned",
                        mentions=[Mention(hit.start, hit.end)])
        mentioned.append(policy)
        if cue:
            cited.append(policy)
    for _cue, name, start, end in find_bare_law_names(text):
        policy = Policy(title=name, regions=_jurisdiction([], None, name), role="mentioned",
                        kind="法", mentions=[Mention(start, end)])
        mentioned.append(policy)
        cited.append(policy)
    for title, start, end in find_bare_titles(text):
        policy = Policy(title=title, regions=_jurisdiction([], None, title), role="mentioned",
                        kind=document_type(title), mentions=[Mention(start, end)])
        mentioned.append(policy)
        if cue_before(text, start):
            cited.append(policy)
    for row in find_table_rows(text):
        prefix, title = split_issuer_prefix(row.title.text)
        written = row.issuer.text if row.issuer else prefix
        orgs = _issuers_from_text(written, home) if written else []
        mentioned.append(Policy(title=title, issuers=orgs, date=row.date,
                                regions=_jurisdiction(orgs, None, title, row.region),
                                role="mentioned", kind=document_type(title),
                                mentions=[Mention(row.title.start, row.title.end)]))
    # the text's own title written again (a bare first line, a table row) names the text itself
    mentioned = [p for p in mentioned if p.doc_number or policy_key(p) not in self_keys]
    cited = [p for p in cited if p.doc_number or policy_key(p) not in self_keys]
    if selves:
        citing = selves[-1]
        for policy in cited:
            if policy.key and policy.key not in citing.cites and policy_key(policy) not in self_keys:
                citing.cites.append(policy.key)
    return _merge(made + mentioned)


class PolicyRecognizer:
    """Marks policy titles and numbers in `doc.spans["hp_policies"]`; the policies
    themselves (plain values) go to `doc.user_data["hp_policies"]`.

    Reads `doc.user_data["hp_kind"]`, `["home_region"]` and `["hp_header"]` when an
    earlier step set them, else computes them.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        from extractors.doc_kind import document_kind
        from extractors.regions import home_region

        text = document_text(doc)
        header = doc.user_data.get("hp_header") or read_header(text)
        kind = doc.user_data.get("hp_kind") or document_kind(text, header)
        home = doc.user_data.get("home_region") or home_region(text)
        policies = find_policies(text, PolicyContext(kind, home, header))
        doc.spans[SPAN_KEY] = char_spans(doc, ((m.start, m.end, p.role.upper())
                                               for p in policies for m in p.mentions))
        doc.user_data["hp_policies"] = policies
        doc.user_data["hp_kind"] = kind
        doc.user_data["hp_header"] = header
        return doc


@Language.factory("hp_policies", assigns=["doc.spans"])
def make_policy_recognizer(nlp: Language, name: str) -> PolicyRecognizer:
    """Factory of the `hp_policies` component."""
    return PolicyRecognizer(nlp, name)

