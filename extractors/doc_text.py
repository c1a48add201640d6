"""What the spaCy components share: a `Doc`'s text, computed once and kept in
`doc.user_data`, and the spans they write from character offsets."""
from __future__ import annotations

from collections.abc import Iterable

TEXT_KEY = "hp_text"


def document_text(doc) -> str:
    """`doc.text`, computed once per document and kept in `doc.user_data["hp_text"]`.

    spaCy rebuilds `Doc.text` from every token on each access (about 0.4 s for a
    300,000-character law), so components read the text through this function.

    >>> import spacy
    >>> document_text(spacy.blank("zh")("护士条例"))
    '护士条例'
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def char_spans(doc, hits: Iterable[tuple[int, int, str]]) -> list:
    """Spans of `doc` for (start, end, label) character offsets, widened to token boundaries.

    Offsets spaCy cannot place are left out.

    >>> import spacy
    >>> [(s.text, s.label_) for s in char_spans(spacy.blank("zh")("湖南省郴州市"), [(3, 6, "431000")])]
    [('郴州市', '431000')]
    """
    spans = []
    for start, end, label in hits:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans
