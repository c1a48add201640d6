"""The document's own header: title, 发文字号, issuer and date of the text itself.

Government pages print the same facts several times: a metadata block
(`文号：郴政办发〔2018〕18号`, `成文日期：…`), the red-header lines (number, issuing
body, title, addressee `各县市区人民政府，…：`) and the signature at the end (issuing
body, then `2018年7月6日` or `二〇一八年七月六日`, or `四川省卫生健康委员会制`).
Laws from the LawRefBook corpus instead start with `# 标题` and dated events
(`2003年4月7日 中华人民共和国国务院令第374号公布`) closed by `<!-- INFO END -->`.

`read_header` gathers all of them with offsets; `extractors.policies` decides
which to trust (signature date over registration date, and so on).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.dates import parse_date
from extractors.doc_numbers import find_doc_numbers
from extractors.policy_titles import document_type, split_issuer_prefix
from extractors.rule_data import read_words

INFO_END = "<!-- INFO END -->"
_HEAD_LINES = 40
_LINE = re.compile(r"[^\n]*")
_TERMINAL = re.compile(r"[。；！？!?;]$")
_META_KEYS = ("文号", "发文字号", "发文机关", "发布机构", "发布机关", "成文日期", "发文日期", "签署日期",
              "发布日期", "印发日期", "公布日期", "标题", "名称", "文件名称", "索引号", "登记日期", "发布时间")
# gov.cn pads keys with spaces to align them: 索 引 号, 标　　题
_META = re.compile(
    r"^[ \t\u3000]*(?P<key>" + "|".join("[ \u3000]*".join(k) for k in _META_KEYS) + r")[ \u3000]*[：:]"
    r"[ \t\u3000]*(?P<value>[^\n]*?)[ \t\u3000]*$", re.M)
_ADDRESSEE = re.compile(r"^[^。\n]{2,150}[：:]\s*$")
_SPACES = " \t\u3000"
_DATE_TEXT = (r"(?:(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d\d-\d{1,2}-\d{1,2}"
              r"|[〇○零Ｏ一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)")
# The signing bodies (one a line, or several on a line set apart by spaces), then the date on
# the next lines or after spaces on the same line (国家卫生健康委办公厅 2019年5月18日).
_SIGNATURE = re.compile(
    rf"^[{_SPACES}]*(?P<org>[\u4e00-\u9fff（）()、 \u3000]{{3,60}}?)"
    rf"(?:[{_SPACES}]*\n(?:[{_SPACES}]*\n){{0,3}}[{_SPACES}]*|[ \u3000]+)"
    rf"(?P<date>{_DATE_TEXT})[{_SPACES}]*$", re.M)
_MADE_BY = re.compile(rf"^[{_SPACES}]*(?P<org>[\u4e00-\u9fff]{{3,40}})制[{_SPACES}]*$", re.M)
_LAW_EVENT_BODY = re.compile(
    r"^(?P<place>[^第\s]*?)(?:第?[一二三四五六七八九十百]+届)?(?P<body>[^第届\s]*?)"
    r"(?:第[一二三四五六七八九十百\d]+次|公告|令|发布|公布|通过)")
_ENUMERATED = re.compile(r"^(《|附件|[-*•]|\d+[)）.、]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)")
_NOTICE_OF = re.compile(r"关于(?:联合)?(?:印发|转发|发布|颁布|公布)(?P<inner>.+?)的(?:通知|通告|公告)$")


# A second key on the same line (索 引 号：…　　主题分类：…): gov.cn prints metadata in two columns.
_NEXT_KEY = re.compile(
    r"[ \t\u3000]{2,}(?:" + "|".join("[ \u3000]*".join(k) for k in _META_KEYS) + r")[ \u3000]*[：:]")


def _metadata_pairs(text: str, end: int):
    """(line match, (key, value, value offset)) for each key：value of the metadata block,
    two-column lines giving two pairs.

    >>> t = "发文机关：国务院办公厅　　成文日期：2015年09月08日\\n"
    >>> [pair for _, pair in _metadata_pairs(t, len(t))]
    [('发文机关', '国务院办公厅', 5), ('成文日期', '2015年09月08日', 18)]
    """
    for match in _META.finditer(text, 0, end):
        key, value, at = re.sub(r"[ \u3000]", "", match.group("key")), match.group("value"), match.start("value")
        while True:
            second = _NEXT_KEY.search(value)
            if not second:
                break
            yield match, (key, value[:second.start()].strip(_SPACES), at)
            label = value[second.start():second.end()]
            key = re.sub(r"[ \t\u3000：:]", "", label)
            at, value = at + second.end(), value[second.end():]
            lead = len(value) - len(value.lstrip(_SPACES))
            at, value = at + lead, value.strip(_SPACES)
        yield match, (key, value, at)


@dataclass
class Field:
    """One header fact as written, with its span."""

    value: str
    start: int
    end: int


@dataclass
class Header:
    """What the document says about itself; every part may be missing."""

    title: Field | None = None
    doc_number: Field | None = None
    issuers: list[Field] = field(default_factory=list)  # names as written
    date: Field | None = None  # ISO value
    dates: dict[str, Field] = field(default_factory=dict)  # source -> date (signature, 成文日期 …)
    is_law: bool = False
    body_start: int = 0  # where the header ends
    addressee: Field | None = None  # 各县市区人民政府，市政府各工作部门： (the bodies a notice directs)
    # decree numbers issued together with `doc_number` (国家教育委员会令第10号、卫生部令第1号发布)
    joint_numbers: list[Field] = field(default_factory=list)
    # a law's dated events: (ISO date spanning the whole line, acting body or None)
    events: list[tuple[Field, str | None]] = field(default_factory=list)

    @property
    def forwards(self) -> bool:
        """The title forwards another body's document (关于转发…的通知) rather than issuing one.

        >>> Header(title=Field("关于转发国家卫生健康委关于加强老年健康工作的通知的通知", 0, 27)).forwards
        True
        """
        return bool(self.title and re.match(r"关于(?:联合)?转发", self.title.value))

    @property
    def issued_title(self) -> Field | None:
        """X in a title `关于印发X的通知` (the document the notice issues), else None.

        >>> Header(title=Field("关于印发健康中国行动方案的通知", 0, 15)).issued_title.value
        '健康中国行动方案'
        """
        if not self.title:
            return None
        match = _NOTICE_OF.search(self.title.value)
        if not match:
            return None
        inner = match.group("inner").strip()
        offset = match.start("inner")
        if inner.startswith("《") and inner.endswith("》"):
            inner, offset = inner[1:-1], offset + 1
        if len(inner) < 4:
            return None
        return Field(inner, self.title.start + offset, self.title.start + offset + len(inner))


_ADDRESSEE_ENDS = re.compile(r"(?:人民政府|政府|委员会|管委会|委|局|厅|办|办事处|部门|单位|机构|院|中心|部)(?:[（(][^（）()]{1,6}[)）])?$")


def is_addressee(line: str) -> bool:
    """A salutation line naming the bodies a notice is sent to, each item ending like a body.

    >>> is_addressee("各县市区人民政府，市政府各工作部门,中省驻郴各单位：")
    True
    >>> is_addressee("各地级以上市卫生健康局（委）、财政局，各地级以上市中医药主管部门："), is_addressee("统一登记号：")
    (True, False)
    >>> is_addressee("所属机构：")
    False
    >>> is_addressee("各乡镇人民政府、街道办事处，县政府各部门、各直属机构：")
    True
    >>> is_addressee("各县市区人民政府，宜昌高新区管委会，市政府各部门：")
    True
    """
    items = [i for i in re.split(r"[，,；;]", line.strip().rstrip("：:")) if i.strip()]
    if len(items) == 1 and any(word in items[0] for word in read_words("header_page_labels.txt")):
        return False  # 所属机构：, 公开责任部门： in a page's metadata block
    return bool(items) and all(_ADDRESSEE_ENDS.search(i.strip()) for i in items)


def _org_like(name: str) -> bool:
    """A line that reads as an organization name (ends like one, no sentence in it)."""
    name = name.strip()
    if not 3 <= len(name) <= 60 or re.search(r"[，。；：:,]", name):
        return False
    return any(name.endswith(s) for s in read_words("title_issuer_suffixes.txt"))


def _lines(text: str, start: int, end: int) -> list[Field]:
    """Non-blank lines in text[start:end], stripped, with spans."""
    out = []
    for match in _LINE.finditer(text, start, end):
        raw = match.group()
        stripped = raw.strip(_SPACES + "\r")
        if stripped:
            at = match.start() + raw.index(stripped)
            out.append(Field(stripped, at, at + len(stripped)))
    return out


def _clean_heading(line: str) -> str:
    line = re.sub(r"<!--.*?-->", "", line)
    return line.lstrip("#").strip()


def _law_header(text: str, info_end: int) -> Header:
    header = Header(is_law=True, body_start=info_end + len(INFO_END))
    lines = _lines(text, 0, info_end)
    for line in lines:
        if line.value.startswith("#") and not line.value.startswith("##"):
            title = _clean_heading(line.value)
            if title and title not in {"某条法律的标题"}:
                at = text.index(title, line.start)
                header.title = Field(title, at, at + len(title))
                break
    events: list[tuple[Field, str]] = []
    for line in lines:
        match = re.match(rf"^\s*({_DATE_TEXT})\s*(.*)$", line.value)
        if not match:
            continue
        value = parse_date(match.group(1).replace(" ", ""))
        if value and "施行" not in match.group(2):
            events.append((Field(value, line.start, line.start + match.end(1)), match.group(2)))
            header.events.append((Field(value, line.start, line.end), _event_body(match.group(2))))
    # the issue date: publication (公布), else the first passing; a later 批准 or
    # amendment (修正, 修订) does not re-date the law
    chosen = next((e for e in events if ("公布" in e[1] or "发布" in e[1]) and "批准" not in e[1]), None)
    if chosen is None and events:
        passed = [e for e in events if "批准" not in e[1]] or events
        chosen = min(passed, key=lambda e: e[0].value)
    if chosen:
        header.date = chosen[0]
        header.dates["law"] = chosen[0]
    hits = find_doc_numbers(text[:info_end])
    if hits:
        header.doc_number = Field(hits[0].number, hits[0].start, hits[0].end)
    for before, hit in zip(hits, hits[1:]):
        if text[before.end:hit.start] not in ("、", "，", "和"):
            break
        header.joint_numbers.append(Field(hit.number, hit.start, hit.end))
    if header.title:
        prefix, rest = split_issuer_prefix(header.title.value)
        if prefix:
            header.issuers.append(Field(prefix, header.title.start, header.title.start + len(prefix)))
            header.title = Field(rest, header.title.end - len(rest), header.title.end)
    if not header.issuers and header.doc_number:
        for number in [header.doc_number, *header.joint_numbers]:
            body = re.sub(r"^中华人民共和国", "", re.sub(r"令.*$", "", number.value))
            at = text.find(body, number.start)
            if body and at >= 0:
                header.issuers.append(Field(body, at, at + len(body)))
    if not header.issuers and chosen:
        name = _event_body(chosen[1])
        if name:  # written with a session number inside (泰安市第十七届人民代表大会…): span the line
            line_end = text.find("\n", chosen[0].start)
            at = text.find(name, chosen[0].start, line_end)
            span = (at, at + len(name)) if at >= 0 else (chosen[0].end, line_end)
            header.issuers.append(Field(name, *span))
    return header


def _event_body(event: str) -> str | None:
    """The body acting in a law's dated event, without the session number.

    >>> _event_body("第八届全国人民代表大会常务委员会第十次会议通过")
    '全国人民代表大会常务委员会'
    >>> _event_body("泰安市第十七届人民代表大会常务委员会第三十七次会议通过")
    '泰安市人民代表大会常务委员会'
    """
    match = _LAW_EVENT_BODY.match(event.strip())
    if not match:
        return None
    return (match.group("place") + match.group("body")) or None


def _signature(text: str, start: int) -> tuple[list[Field], Field] | None:
    """The first `issuing bodies / date` block after the header, as (issuers, ISO date).

    Joint documents sign with one body a line (国家卫生健康委 / 财政部 / … / date).
    """
    for match in _SIGNATURE.finditer(text, start):
        org = match.group("org").strip()
        if not _org_like(org):
            continue
        value = parse_date(re.sub(r"\s+", "", match.group("date")))
        if not value:
            continue
        org_at = match.start("org") + match.group("org").index(org)
        orgs = [Field(org, org_at, org_at + len(org))]
        for line in reversed(_lines(text, max(start, org_at - 200), org_at)[-6:]):
            if not _org_like(line.value) or text[line.end:orgs[0].start].count("\n") > 2:
                break
            orgs.insert(0, line)
        return orgs, Field(value, match.start("date"), match.end("date"))
    return None


def read_header(text: str) -> Header:
    """Collect the document's title, 发文字号, issuers and issue date with offsets.

    Args:
        text: the decoded document.

    Returns:
        A `Header`; fields the text does not give stay empty.

    >>> h = read_header("郴政办发〔2018〕18号\\n郴州市人民政府办公室\\n关于全面放开养老服务市场的实施意见\\n"
    ...                 "各县市区人民政府：\\n正文。\\n郴州市人民政府办公室\\n2018年7月6日\\n")
    >>> h.doc_number.value, h.title.value, h.issuers[0].value, h.date.value
    ('郴政办发〔2018〕18号', '关于全面放开养老服务市场的实施意见', '郴州市人民政府办公室', '2018-07-06')
    """
    info_end = text.find(INFO_END)
    if info_end >= 0:
        return _law_header(text, info_end)
    header = Header()
    head_lines = _lines(text, 0, len(text))[:_HEAD_LINES]
    metadata_spans = []
    for match, (key, value, at) in _metadata_pairs(text, head_lines[-1].end if head_lines else 0):
        metadata_spans.append((match.start(), match.end()))
        if not value:
            continue
        if key in ("文号", "发文字号"):
            hits = find_doc_numbers(value)
            if hits and header.doc_number is None:
                header.doc_number = Field(hits[0].number, at + hits[0].start, at + hits[0].end)
        elif key in ("发文机关", "发布机构", "发布机关") and _org_like(value):
            header.issuers.append(Field(value, at, at + len(value)))
        elif key in ("标题", "名称", "文件名称") and header.title is None:
            issuer, title = split_issuer_prefix(value)
            header.title = Field(title, at + len(value) - len(title), at + len(value))
            if issuer:
                header.issuers.append(Field(issuer, at, at + len(issuer)))
        else:
            date = parse_date(value.split()[0]) if value.split() else None
            if date:
                header.dates[key] = Field(date, at, at + len(value))

    def in_metadata(line: Field) -> bool:
        return any(s <= line.start < e for s, e in metadata_spans)

    header_issuer: Field | None = None
    opening: Field | None = None  # a title's first line (…关于…的) still waiting for its type
    body_start = 0
    for index, line in enumerate(head_lines):
        if in_metadata(line):
            continue
        value = line.value
        if _ADDRESSEE.match(value) and (header.title or header.doc_number) and index > 0:
            body_start = line.end
            break
        if len(value) > 100 or _TERMINAL.search(value):
            if header.title or header.doc_number:
                body_start = line.start
                break
            continue
        numbers = find_doc_numbers(value)
        if numbers and numbers[0].start == 0:
            hit = numbers[0]
            if header.doc_number is None:
                header.doc_number = Field(hit.number, line.start + hit.start, line.start + hit.end)
            rest = value[hit.end:].strip(_SPACES)
            if rest and document_type(rest) and header.title is None:
                issuer, title = split_issuer_prefix(rest)
                at = line.start + value.index(rest, hit.end)
                header.title = Field(title, at + len(rest) - len(title), at + len(rest))
                if issuer:
                    header_issuer = Field(issuer, at, at + len(issuer))
            continue
        if document_type(value) and not _ENUMERATED.match(value) and not re.search(r"[：:>»|]", value):
            start = line.start
            if opening is not None and index > 0 and head_lines[index - 1].end == opening.end:
                value, start = opening.value + value, opening.start  # 关于…的 / 实施意见 on two or more lines
            issuer, title = split_issuer_prefix(value)
            if header.title is None or header.title.value == title:
                at = line.end - len(title) if start == line.start else start + value.index(title)
                header.title = Field(title, at, line.end)
            if issuer:
                header_issuer = Field(issuer, start, start + len(issuer))
            continue
        if _opens_title(value):
            opening = line
            continue
        if (opening is not None and head_lines[index - 1].end == opening.end and len(value) <= 40
                and not re.search(r"[，,。：:；;>»|]", value) and not _org_like(value)):
            # 关于印发 / 2019年深入落实…服务 / 行动计划重点工作方案的通知: a title wrapped over lines
            opening = Field(opening.value + value, opening.start, line.end)
            continue
        if _org_like(value) and header_issuer is None:
            header_issuer = Field(value, line.start, line.end)
    header.body_start = body_start
    header.addressee = _addressee(head_lines, header)
    if header_issuer and not any(i.value == header_issuer.value for i in header.issuers):
        header.issuers.insert(0, header_issuer)
    signature = _signature(text, body_start)
    if signature:
        orgs, date = signature
        header.dates["signature"] = date
        if not header.issuers or len(orgs) > len(header.issuers):
            header.issuers = orgs
    if not header.issuers:
        made = next((m for m in _MADE_BY.finditer(text, body_start) if _org_like(m.group("org"))), None)
        if made:
            header.issuers.append(Field(made.group("org"), made.start("org"), made.end("org")))
    for key in ("signature", "成文日期", "签署日期", "发文日期", "印发日期", "发布日期", "公布日期", "发布时间"):
        if key in header.dates:
            header.date = header.dates[key]
            break
    if header.title is None:
        header.title = _leading_title(text)
    return header


def _opens_title(line: str) -> bool:
    """The first line of a title wrapped over lines: 关于… after nothing or after issuer names.

    >>> _opens_title("国家卫生健康委办公厅 国家中医药管理局办公室关于印发医疗机构"), _opens_title("为贯彻落实关于…的精神，")
    (True, False)
    """
    at = line.find("关于")
    if at < 0 or re.search(r"[：:>»|，,。；;]", line) or _org_like(line):
        return False
    return at < 12 or split_issuer_prefix(line)[0] is not None


def _addressee(head_lines: list[Field], header: Header) -> Field | None:
    """The salutation after the title or 发文字号 (`各县市区人民政府，市政府各工作部门：`)."""
    after = max((f.end for f in (header.title, header.doc_number) if f), default=None)
    if after is None:
        return None
    for line in head_lines:
        if line.start >= after and _ADDRESSEE.match(line.value) and is_addressee(line.value):
            return Field(line.value.rstrip("：: \t"), line.start, line.end)
        if line.start >= after and (len(line.value) > 100 or _TERMINAL.search(line.value)):
            return None
    return None


def _leading_title(text: str) -> Field | None:
    """The opening line(s) as a title when no line ends like a normative document.

    `2023年度四川省卫生高级职称` + `申报人员提交材料注释` on two lines is one title;
    a line ending in 。 or longer than 40 characters is body text.
    """
    parts: list[Field] = []
    for line in _lines(text, 0, min(len(text), 400)):
        value = line.value
        if len(value) > 40 or _TERMINAL.search(value) or re.search(r"[，：:,|<>]", value):
            break
        if find_doc_numbers(value) or value.startswith(("#", "-", "*")):
            break
        parts.append(line)
        if len(parts) == 2:
            break
    if not parts:
        return None
    title = "".join(p.value for p in parts)
    if len(title) < 6:
        return None
    return Field(title, parts[0].start, parts[-1].end)
