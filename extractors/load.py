"""Source files -> decoded text, or a `LoadError` that names the file and what was wrong.

Chinese government texts arrive as UTF-8 (with or without a BOM) or GB18030/GBK.
Short GB18030 text can also be valid UTF-8 (卮 encodes to bytes that read as ش in
UTF-8), so when both decodings succeed the one without stray non-Chinese scripts
wins. Newlines are normalised to `\\n`, as Python's text mode does, so that offsets
agree with `Path.read_text()`.
"""
from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

#: Suffixes read as text; `.html`/`.htm` are stripped of markup first.
TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})

# Characters expected in Chinese policy text: ASCII, CJK ideographs, CJK and
# full-width punctuation, general punctuation, enclosed numbers, box drawing.
_EXPECTED = re.compile(
    r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u2100-\u214f\u2150-\u218f\u2190-\u21ff"
    r"\u2200-\u22ff\u2460-\u24ff\u2500-\u257f\u25a0-\u25ff\u2600-\u26ff\u3000-\u303f"
    r"\u3040-\u30ff\u3100-\u312f\u3200-\u32ff\u3300-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: More than this share of control characters means the file is not text.
MAX_CONTROL_SHARE = 0.01


class LoadError(Exception):
    """A source that cannot be read as text, with the file and the reason.

    >>> str(LoadError("政策.txt", "empty file"))
    '政策.txt: empty file'
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


def _unexpected(text: str) -> int:
    """How many characters fall outside what Chinese policy text uses."""
    return len(text) - len(_EXPECTED.findall(text))


def decode(data: bytes, path: str | Path = "<bytes>") -> str:
    """Decode a source file's bytes: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030.

    Args:
        data: the file's bytes.
        path: named in the error message.

    Returns:
        The text with `\\r\\n` and `\\r` turned into `\\n`.

    Raises:
        LoadError: empty, binary (NUL or control bytes) or undecodable input.

    >>> decode("郴州市人民政府办公室".encode("gb18030"))
    '郴州市人民政府办公室'
    >>> decode(b"\\xef\\xbb\\xbf" + "关于印发".encode())
    '关于印发'
    """
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[len(codecs.BOM_UTF8):], "UTF-8", path)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "UTF-16", path)
    else:
        if b"\x00" in data:
            raise LoadError(path, "binary file (contains NUL bytes), not text")
        text = _guess(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise LoadError(path, "empty file (no text)")
    if len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise LoadError(path, "binary file (control characters), not text")
    return text


def _strict(data: bytes, encoding: str, path: str | Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LoadError(path, f"not valid {encoding} despite its byte-order mark "
                              f"(byte {exc.start})") from None


def _guess(data: bytes, path: str | Path) -> str:
    candidates = []
    for encoding in ("utf-8", "gb18030"):  # gb2312 and gbk are subsets of gb18030
        try:
            candidates.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise LoadError(path, "undecodable: neither UTF-8 nor GB18030/GBK text")
    # Stable: on a tie (pure ASCII, or both equally plausible) UTF-8 wins.
    return min(candidates, key=_unexpected)


class _TextExtractor(HTMLParser):
    """Collects visible text; block elements end a line; script/style are dropped."""

    BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                        "section", "article", "table", "title"})
    HIDDEN = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line.

    >>> html_to_text("<p>关于印发<b>实施方案</b>的通知</p><script>x()</script>")
    '关于印发实施方案的通知'
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def load_text(path: str | Path) -> str:
    """Read one source file as text (`.txt`, `.md`; `.html` stripped to its text).

    Args:
        path: the file.

    Returns:
        The decoded text; offsets of every extracted span index into it.

    Raises:
        LoadError: missing, unreadable, empty, binary or undecodable file.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("wb", suffix=".txt", delete=False) as f:
    ...     _ = f.write("各县市区人民政府".encode("gbk"))
    >>> load_text(f.name)
    '各县市区人民政府'
    >>> os.unlink(f.name)
    """
    path = Path(path)
    if not path.exists():
        raise LoadError(path, "no such file or directory")
    if path.is_dir():
        raise LoadError(path, "is a directory, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(path, f"cannot read: {exc.strerror or exc}") from None
    text = decode(data, path)
    if path.suffix.lower() in HTML_SUFFIXES:
        text = html_to_text(text)
        if not text.strip():
            raise LoadError(path, "empty file (no visible text in the HTML)")
    return text
