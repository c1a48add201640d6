"""Document kind: policy, report, budget, notice or other.

The kind decides whether the text is itself a policy (`self` policies are made
only for `policy` and `notice`). Budgets and reports announce themselves in their
opening lines (`部门预算`, `研究报告`, data file `kind_cues.tsv`); a document with
its own 发文字号, a law header, a normative title (…的实施意见) or a signing body is
a policy; a text issued by a body without a normative title (申报材料注释, 须知) is
a notice.
"""
from __future__ import annotations

from extractors.headers import Header
from extractors.policy_titles import document_type
from extractors.rule_data import read_rows

_OPENING = 300  # title lines and the first paragraph


def document_kind(text: str, header: Header) -> str:
    """Classify a document from its opening and its header.

    Args:
        text: the decoded document.
        header: `extractors.headers.read_header(text)`.

    Returns:
        One of `policy`, `report`, `budget`, `notice`, `other`.

    >>> from extractors.headers import read_header
    >>> t = "九江市浔阳区政务服务管理局 2025 年部门预算\\n目 录\\n"
    >>> document_kind(t, read_header(t))
    'budget'
    >>> t = "湖北省卫生健康事业发展“十四五”规划\\n\\n一、发展目标\\n到2025年，全省卫生健康体系更加完善。\\n"
    >>> document_kind(t, read_header(t))
    'policy'
    """
    if header.is_law:
        title = header.title.value if header.title else ""
        return "policy" if header.doc_number or (title and document_type(title)) else "other"
    if header.doc_number:  # a 发文字号 of its own: even 关于报送年度报告的通知 is a policy
        return "policy"
    opening = text[:_OPENING]
    cues = read_rows("kind_cues.tsv", 2)
    for kind in ("budget", "report"):
        if any(cue in opening for k, cue in cues if k == kind):
            return kind
    title = header.title.value if header.title else ""
    title_type = document_type(title) if title else None
    if title_type in ("通知", "公告", "通告") and not header.issued_title:
        return "notice" if header.issuers else "other"
    if title_type:
        # a text that opens with a normative title is that document (a plan posted on its
        # own, without signature); a typed title further down needs an issuer or a date
        opens_with_title = bool(header.title) and not text[:header.title.start].strip()
        return "policy" if header.issuers or header.date or opens_with_title else "other"
    if header.issuers and any(cue in title for k, cue in cues if k == "notice"):
        return "notice"
    if header.issuers and title:
        return "notice"
    return "other"
