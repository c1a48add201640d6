"""The text of a spaCy `Doc`, computed once: components share it through `doc.user_data`."""
from __future__ import annotations

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
