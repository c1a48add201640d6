"""Every evaluation set, scored as `kg eval` scores it, against floors that may only go up.

`tests/data/score_floors.json` holds, per set, the F1 floor of each field: the score
reached when the floor was last raised, rounded down (dev floors are all above the issue
targets). Raise a floor whenever a change lifts a score; never lower one, and never edit
a gold file to match the extractors. The sets and how they were made are described in
docs/extraction.md: the development set (`kg/samples`, also the demo corpus), held-out
laws, common document shapes, and blind sets annotated before the system ever ran on them.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from kg.evaluate import FIELDS, SCORES_BEGIN, SCORES_END, as_table, evaluate, extract_gold_texts

ROOT = Path(__file__).resolve().parent.parent
FLOORS: dict[str, dict[str, float]] = json.loads(
    (ROOT / "tests" / "data" / "score_floors.json").read_text(encoding="utf-8"))


@cache
def scores(gold_set: str) -> dict:
    folder = ROOT / gold_set
    predictions = extract_gold_texts(folder)
    assert sorted(predictions) == sorted(p.stem for p in folder.glob("*.json"))
    return evaluate(folder, predictions)["fields"]


@pytest.mark.parametrize("gold_set", FLOORS)
def test_every_field_has_a_floor(gold_set):
    assert set(FLOORS[gold_set]) == set(FIELDS)


@pytest.mark.parametrize("gold_set", FLOORS)
def test_gold_clauses_are_substrings_of_their_texts(gold_set):
    for gold in sorted((ROOT / gold_set).glob("*.json")):
        text = gold.with_suffix(".txt").read_text(encoding="utf-8")
        for item in json.loads(gold.read_text(encoding="utf-8"))["obligations"]:
            assert item["text"] in text, (gold.name, item["text"])
            if "start" in item:
                assert text[item["start"]:item["end"]] == item["text"], (gold.name, item["text"])


@pytest.mark.parametrize("gold_set, field", [(s, f) for s in FLOORS for f in FIELDS])
def test_f1_meets_floor(gold_set, field):
    score = scores(gold_set)[field]
    if FLOORS[gold_set][field] > 0:
        assert score["f1"] > 0, f"{gold_set} {field}: nothing right"
    assert score["f1"] >= FLOORS[gold_set][field], f"{gold_set} {field}: {score}"


def test_extraction_doc_shows_current_dev_scores():
    """docs/extraction.md's table is the output of `kg eval kg/samples --into docs/extraction.md`."""
    doc = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    block = doc.split(SCORES_BEGIN, 1)[1].split(SCORES_END, 1)[0].strip()
    current = as_table({"fields": scores("kg/samples"), "missing_documents": []}, markdown=True)
    assert block == current.strip(), "run: kg eval kg/samples --into docs/extraction.md"
