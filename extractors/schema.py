"""Plain values that leave the extraction stage: the eval format of ANNOTATION.md plus spans.

Everything here is a frozen-free dataclass of strings, ints and lists, so that
`kg.build` never needs spaCy and a `DocumentExtraction` can be written as the
prediction format (`to_eval()`) or read back from it (`from_eval()`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Modality = Literal["obligation", "prohibition", "permission", "encouragement"]
Role = Literal["self", "mentioned"]
DocumentKind = Literal["policy", "report", "budget", "notice", "other"]
DateRole = Literal["issued", "deadline", "period", "other"]


@dataclass
class Mention:
    """A character span [start, end) in the decoded source text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")


@dataclass
class Organization:
    """An organization under its canonical name (`国家卫生健康委员会`) with other spellings."""

    name: str
    aliases: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)  # GB/T 2260 codes written in the name
    mentions: list[Mention] = field(default_factory=list)

    def to_eval(self) -> dict[str, Any]:
        return {"name": self.name, "aliases": list(self.aliases)}


@dataclass
class Policy:
    """A normative document the text is (`role="self"`) or names (`"mentioned"`)."""

    title: str | None
    doc_number: str | None = None
    issuers: list[Organization] = field(default_factory=list)
    date: str | None = None  # ISO with its precision: 2025, 2025-06, 2025-06-30
    regions: list[str] = field(default_factory=list)  # jurisdiction, GB/T 2260 or "CN"
    role: Role = "mentioned"
    cites: list[str] = field(default_factory=list)  # keys: doc_number, else title
    kind: str | None = None  # 通知, 意见, 方案, 办法, 条例, 法, …
    mentions: list[Mention] = field(default_factory=list)

    @property
    def key(self) -> str:
        """How other policies cite this one: its 发文字号 when known, else its title."""
        return self.doc_number or self.title or ""

    def to_eval(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "doc_number": self.doc_number,
            "issuers": [o.to_eval() for o in self.issuers],
            "date": self.date,
            "regions": list(self.regions),
            "role": self.role,
            "cites": list(self.cites),
        }


@dataclass
class RegionMention:
    """A written administrative region as its GB/T 2260 code (or `CN`)."""

    code: str
    name: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class DateMention:
    """A date normalised to ISO with the precision the text gives."""

    value: str  # 2025 | 2025-06 | 2025-06-30
    role: DateRole
    start: int
    end: int

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]


@dataclass
class Obligation:
    """One directive clause: who must / must not / may / is encouraged to do what."""

    text: str
    modality: Modality
    start: int
    end: int
    actor: str | None = None  # canonical organization name or role word (申报人员)
    deadline: str | None = None  # ISO, any precision
    target: str | None = None  # as written: 不低于30%, ≥95%, 500张床位
    policy: str | None = None  # key of the imposing policy, when known

    def to_eval(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "modality": self.modality,
            "actor": self.actor,
            "deadline": self.deadline,
            "target": self.target,
            "start": self.start,
            "end": self.end,
        }


@dataclass
class DocumentExtraction:
    """Everything extracted from one source document."""

    doc_id: str
    source: str
    text: str
    kind: DocumentKind = "other"
    policies: list[Policy] = field(default_factory=list)
    regions: list[RegionMention] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)

    def to_eval(self) -> dict[str, Any]:
        """The prediction format of ANNOTATION.md (one JSON object per document)."""
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "kind": self.kind,
            "policies": [p.to_eval() for p in self.policies],
            "regions": [r.code for r in self.regions],
            "organizations": [o.to_eval() for o in self.organizations],
            "obligations": [o.to_eval() for o in self.obligations],
        }

    @classmethod
    def from_eval(cls, data: dict[str, Any], text: str) -> DocumentExtraction:
        """Read the eval format (a gold JSON or a prediction) back, finding spans in `text`.

        Spans absent from the eval format are the occurrences of each title,
        发文字号, name and clause in `text`; region names come from
        `extractors.regions` when it is installed.

        >>> doc = DocumentExtraction.from_eval(
        ...     {"doc_id": "d", "obligations": [{"text": "民政部门应加强监管。",
        ...      "modality": "obligation"}]}, "一、民政部门应加强监管。")
        >>> doc.obligations[0].start, doc.obligations[0].end
        (2, 12)
        """
        return _document_from_eval(cls, data, text)


def _find_all(text: str, needle: str | None, limit: int = 20) -> list[Mention]:
    """Non-overlapping occurrences of `needle` in `text` (at most `limit`)."""
    found: list[Mention] = []
    if not needle:
        return found
    start = text.find(needle)
    while start >= 0 and len(found) < limit:
        found.append(Mention(start, start + len(needle)))
        start = text.find(needle, start + len(needle))
    return found


def _organization_from_eval(entry: dict[str, Any] | str, text: str) -> Organization:
    if isinstance(entry, str):
        entry = {"name": entry, "aliases": []}
    names = [entry["name"], *entry.get("aliases", [])]
    mentions = sorted((m for n in dict.fromkeys(names) for m in _find_all(text, n)),
                      key=lambda m: (m.start, m.end))
    return Organization(name=entry["name"], aliases=list(entry.get("aliases", [])),
                        regions=list(entry.get("regions", [])), mentions=mentions)


def _document_from_eval(cls: type[DocumentExtraction], data: dict[str, Any],
                        text: str) -> DocumentExtraction:
    """Read the eval format back; spans are found by searching `text` for each value."""
    try:
        from extractors.regions import region_name as gazetteer_name
    except ImportError:  # without the gazetteer, codes alone still build
        gazetteer_name = None

    def region_name(code: str) -> str | None:
        try:
            return gazetteer_name(code) if gazetteer_name else None
        except KeyError:
            return None
    policies = []
    for p in data.get("policies", []):
        mentions = _find_all(text, p.get("doc_number")) + _find_all(text, p.get("title"))
        policies.append(Policy(
            title=p.get("title"), doc_number=p.get("doc_number"),
            issuers=[_organization_from_eval(o, text) for o in p.get("issuers", [])],
            date=p.get("date"), regions=list(p.get("regions", [])),
            role=p.get("role", "mentioned"), cites=list(p.get("cites", [])),
            kind=p.get("kind"), mentions=sorted(mentions, key=lambda m: (m.start, m.end))))
    regions = []
    for code in data.get("regions", []):
        name = region_name(code) or ""
        regions.append(RegionMention(code=code, name=name, mentions=_find_all(text, name)))
    obligations, cursor = [], 0
    for o in data.get("obligations", []):
        start = o.get("start")
        if start is None:  # gold gives only the text: take the next occurrence
            start = text.find(o["text"], cursor)
            if start < 0:
                start = text.find(o["text"])
            if start < 0:
                continue
        end = o.get("end", start + len(o["text"]))
        cursor = end
        obligations.append(Obligation(
            text=o["text"], modality=o["modality"], start=start, end=end,
            actor=o.get("actor"), deadline=o.get("deadline"), target=o.get("target"),
            policy=o.get("policy")))
    return cls(doc_id=data["doc_id"], source=data.get("source", data["doc_id"]), text=text,
               kind=data.get("kind", "other"), policies=policies, regions=regions,
               organizations=[_organization_from_eval(o, text)
                              for o in data.get("organizations", [])],
               obligations=obligations)

