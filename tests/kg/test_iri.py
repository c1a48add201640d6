"""IRIs follow docs/graph.md and depend only on their identity keys."""
from __future__ import annotations

import re

import pytest

from kg import iri

SHA = "07941aeda37bff36" + "0" * 48
BASE = "https://w3id.org/healthkg"


def test_graph_and_document_are_named_after_the_bytes_hash() -> None:
    assert iri.graph_iri(SHA, BASE) == f"{BASE}/graph/doc/{SHA}"
    assert iri.document_iri(SHA, BASE) == f"{BASE}/id/document/{SHA}"


@pytest.mark.parametrize("mint,kind", [
    (iri.policy_iri, "policy"), (iri.organization_iri, "org"), (iri.doctype_iri, "doctype")])
def test_named_things_get_sixteen_hex_digits(mint, kind) -> None:
    value = mint("郴州市人民政府办公室", base=BASE)
    assert re.fullmatch(rf"{BASE}/id/{kind}/[0-9a-f]{{16}}", value)
    assert value == mint("郴州市人民政府办公室", base=BASE)
    assert value != mint("湖南省人民政府办公厅", base=BASE)


def test_region_iri_is_its_code() -> None:
    assert iri.region_iri("360403", BASE) == f"{BASE}/id/region/360403"
    assert iri.region_iri("CN", BASE) == f"{BASE}/id/region/CN"


def test_directive_and_annotation_carry_the_span() -> None:
    assert iri.directive_iri(SHA, 120, 136, BASE) == f"{BASE}/id/directive/07941aeda37bff36-120-136"
    a = iri.annotation_iri(SHA, 120, 136, iri.region_iri("431000", BASE), BASE)
    b = iri.annotation_iri(SHA, 120, 136, iri.region_iri("430000", BASE), BASE)
    assert a.startswith(f"{BASE}/id/annotation/07941aeda37bff36-120-136-") and a != b


def test_base_comes_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("HEALTHKG_BASE", "http://example.org/kg/")
    assert iri.region_iri("CN") == "http://example.org/kg/id/region/CN"
