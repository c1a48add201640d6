"""The shapes set, scored as `kg eval` scores it: floors that may only go up.

`tests/data/shapes` holds six government health documents of shapes that neither
the development set (`kg/samples`) nor the held-out laws (`tests/data/heldout`)
contain, reconstructed from memory of real documents and annotated by
../shared/eval/ANNOTATION.md before the extractors were run on them:

- `gov_fenji`: a State Council General Office guidance opinion (国办发〔2015〕70号)
  with 到2017年/到2020年 goals, departmental duties and a normative attachment;
- `nhc_gaishan`: a national commission notice issuing a plan (关于印发X的通知,
  国卫办医函), with 附件, contact lines, signature, 抄送 and the plan itself;
- `henan_fenji`: a provincial 实施方案 issued by a 印发 notice signed with a
  Chinese-numeral date, citing national documents with half-width brackets and
  ending each task with a responsibility note (省卫生计生委牵头，…配合);
- `ganzhou_tasks`: a city commission notice with a task table one cell a line
  (序号 / 重点任务 / 牵头单位 / 完成时限);
- `tongshan_budget`: a county hospital budget with a pipe-table performance form;
- `gd_web_gonggong`: a provincial web page with a two-column metadata block,
  【字体：大 中 小】 chrome and a joint signature on one line.

The floors are the scores reached when the rules for these shapes were written,
rounded down to two decimals. Raise a floor whenever a change lifts a score; never
lower one, and never edit the gold to match the extractors.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate import FIELDS, evaluate, extract_gold_texts

SHAPES = Path(__file__).resolve().parent / "data" / "shapes"

FLOORS = {
    "policies": 1.0,
    "policy.doc_number": 1.0,
    "policy.issuers": 0.95,
    "policy.date": 1.0,
    "policy.regions": 1.0,
    "policy.cites": 1.0,
    "regions": 0.96,
    "organizations": 0.88,
    "obligations": 0.99,
    "obligation.modality": 1.0,
    "obligation.actor": 0.94,
    "obligation.deadline": 1.0,
}


@pytest.fixture(scope="module")
def shape_scores():
    predictions = extract_gold_texts(SHAPES)
    assert sorted(predictions) == sorted(p.stem for p in SHAPES.glob("*.json"))
    return evaluate(SHAPES, predictions)["fields"]


def test_every_field_has_a_floor():
    assert set(FLOORS) == set(FIELDS)


def test_gold_clauses_are_substrings_of_their_texts():
    for gold in sorted(SHAPES.glob("*.json")):
        text = gold.with_suffix(".txt").read_text(encoding="utf-8")
        for item in json.loads(gold.read_text(encoding="utf-8"))["obligations"]:
            assert item["text"] in text, (gold.name, item["text"])


@pytest.mark.parametrize("field", FIELDS)
def test_shape_f1_meets_floor(shape_scores, field):
    score = shape_scores[field]
    if FLOORS[field] > 0:
        assert score["f1"] > 0, f"{field}: nothing right on the shapes set"
    assert score["f1"] >= FLOORS[field], f"{field}: {score}"
