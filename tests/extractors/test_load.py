"""extractors.load: UTF-8 (BOM or not), GB18030/GBK, and a clear error for bad input."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from extractors.load import LoadError, decode, html_to_text, load_text

# From kg/samples/001 (郴州) and a law in the corpus (第X条 style).
SENTENCES = [
    "郴州市人民政府办公室关于全面放开养老服务市场提升养老服务质量的实施意见",
    "郴政办发〔2018〕18号",
    "第一条　为了规范医疗机构临床用血的管理，保障临床用血安全和医疗质量，制定本办法。",
    "各县市区人民政府，市直有关单位：\n到2020年，护理型床位占比不低于30%。",
    "卮",  # one character whose GB18030 bytes are also valid UTF-8 (ش)
    "卫生",
]


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_round_trip(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)) == text


def test_gb2312_is_read_as_gb18030() -> None:
    assert decode("养老服务质量".encode("gb2312")) == "养老服务质量"


def test_gb18030_only_characters() -> None:
    text = "𠀀字与€符号"  # four-byte GB18030 sequences
    assert decode(text.encode("gb18030")) == text


def test_bom_is_stripped_and_newlines_normalised() -> None:
    assert decode(codecs.BOM_UTF8 + "第一条\r\n第二条\r第三条".encode()) == "第一条\n第二条\n第三条"


def test_short_ambiguous_bytes_prefer_chinese() -> None:
    data = "卮".encode("gb18030")
    assert data.decode("utf-8") == "ش"  # the trap: valid UTF-8 as well
    assert decode(data) == "卮"


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"  \n\t \r\n", "empty"),
    (codecs.BOM_UTF8, "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (bytes(range(1, 32)) * 20, "binary"),
    (b"\x80\x81\xff" * 10, "undecodable"),
    (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "UTF-8"),
])
def test_bad_bytes_raise_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(LoadError) as err:
        decode(data, "政策.txt")
    assert str(err.value).startswith("政策.txt: ") and reason in str(err.value)


def test_load_text_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "gbk.txt").write_bytes(SENTENCES[3].encode("gbk"))
    assert load_text(tmp_path / "gbk.txt") == SENTENCES[3]
    for name, data in [("empty.txt", b""), ("image.md", b"\x00\x01\x02")]:
        (tmp_path / name).write_bytes(data)
        with pytest.raises(LoadError) as err:
            load_text(tmp_path / name)
        assert err.value.path == tmp_path / name and name in str(err.value)
    with pytest.raises(LoadError, match="no such file"):
        load_text(tmp_path / "missing.txt")
    with pytest.raises(LoadError, match="directory"):
        load_text(tmp_path)


def test_html_is_reduced_to_its_visible_text(tmp_path: Path) -> None:
    page = ("<html><head><title>通知</title><style>p{}</style><script>var a='x';</script></head>"
            "<body><p>第一条　为了规范医疗机构临床用血的管理，</p><div>制定本办法。&nbsp;</div>"
            "</body></html>")
    (tmp_path / "page.html").write_bytes(page.encode("gb18030"))
    assert load_text(tmp_path / "page.html") == \
        "通知\n第一条　为了规范医疗机构临床用血的管理，\n制定本办法。"
    assert html_to_text("<p>　</p>") == ""
