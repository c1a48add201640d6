"""`kg eval`: ANNOTATION.md's matching rules, and agreement with ../shared/eval/score.py."""
from __future__ import annotations

import copy
import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from kg.evaluate import (
    evaluate,
    normalise,
    normalise_number,
    read_predictions,
    same_policy,
    titles_match,
    unmet_minimums,
)

SCORE_PY = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "score.py"


def gold_documents(samples_dir: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(samples_dir.glob("*.json"))}


@pytest.mark.parametrize("raw, expected", [
    ("《中华人民共和国消防法》", "中华人民共和国消防法"),
    ("关于做好2025年基本公共卫生服务工作的通知。", "关于做好2025年基本公共卫生服务工作的通知"),
    ("“健康积分” 兑换", "健康积分兑换"),
    ("ＡＢＣ１２３", "ABC123"),  # NFKC folds full-width forms
    (None, ""),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("raw", ["国办发[2017]52号", "国办发（2017）52号", "国办发【2017】52号", "国办发〔2017〕52号"])
def test_document_number_brackets_are_unified(raw):
    assert normalise_number(raw) == "国办发〔2017〕52号"


def test_policies_match_by_number_before_title():
    a = {"title": "关于全面放开养老服务市场提升养老服务质量的实施意见", "doc_number": "郴政办发〔2018〕18号"}
    b = {"title": "关于全面放开养老服务市场提升养老服务质量的实施意见", "doc_number": "湘政办发〔2017〕84号"}
    assert not same_policy(a, b)  # same title, different numbers: two policies
    assert same_policy(a, {"title": None, "doc_number": "郴政办发(2018)18号"})


def test_title_suffix_needs_six_characters():
    assert titles_match("湖南省人民政府办公厅关于全面放开养老服务市场的实施意见", "关于全面放开养老服务市场的实施意见")
    assert not titles_match("中华人民共和国消防法", "消防法")  # 3 characters: too short to trust


def test_perfect_prediction_scores_one(samples_dir):
    result = evaluate(samples_dir, gold_documents(samples_dir))
    for field, scores in result["fields"].items():
        assert scores["f1"] == 1.0, field
    assert result["missing_documents"] == []


def test_missing_document_counts_every_gold_item_as_missed(samples_dir):
    preds = gold_documents(samples_dir)
    dropped = preds.pop("001_07941aeda37bff36")
    result = evaluate(samples_dir, preds)
    assert result["missing_documents"] == ["001_07941aeda37bff36"]
    assert result["fields"]["obligations"]["fn"] == len(dropped["obligations"])
    assert result["fields"]["obligations"]["fp"] == 0


def test_unknown_minimum_field_is_an_error(samples_dir):
    result = evaluate(samples_dir, gold_documents(samples_dir))
    assert unmet_minimums(result, ["policies=1.0"]) == []
    with pytest.raises(ValueError, match="unknown field"):
        unmet_minimums(result, ["polices=0.5"])


def perturbed(gold: dict[str, dict], seed: int) -> dict[str, dict]:
    """Gold predictions with items dropped, duplicated, renamed and re-spanned at random."""
    rng = random.Random(seed)
    out = copy.deepcopy(gold)
    for doc in out.values():
        for key in ("policies", "organizations", "regions", "obligations"):
            items = [x for x in doc.get(key, []) if rng.random() > 0.2]
            items += [copy.deepcopy(x) for x in doc.get(key, []) if rng.random() < 0.1]
            rng.shuffle(items)
            doc[key] = items
        for policy in doc["policies"]:
            if rng.random() < 0.2:
                policy["doc_number"] = None
            if rng.random() < 0.2 and policy.get("title"):
                policy["title"] = policy["title"][rng.randrange(len(policy["title"])):]
            policy["cites"] = [c for c in policy.get("cites", []) if rng.random() > 0.3]
        for clause in doc["obligations"]:
            text = clause["text"]
            cut = rng.randrange(len(text) // 2 + 1)
            clause["text"] = text[cut:] if rng.random() < 0.5 else text[: len(text) - cut]
            clause["modality"] = rng.choice(["obligation", "prohibition", "permission", clause["modality"]])
            clause["actor"] = rng.choice([None, "部门", clause.get("actor")])
    return out


@pytest.mark.skipif(not SCORE_PY.exists(), reason="../shared/eval/score.py is not beside this clone")
@pytest.mark.parametrize("seed", range(5))
def test_agrees_with_reference_scorer(samples_dir, tmp_path, seed):
    spec = importlib.util.spec_from_file_location("reference_score", SCORE_PY)
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    preds = perturbed(gold_documents(samples_dir), seed)
    assert evaluate(samples_dir, preds) == reference.score(samples_dir, preds)


def test_cli_reads_prediction_file_and_enforces_minimums(samples_dir, tmp_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in gold_documents(samples_dir).values()),
                    encoding="utf-8")
    assert read_predictions(pred).keys() == gold_documents(samples_dir).keys()
    run = subprocess.run([sys.executable, "-m", "kg.cli", "eval", str(samples_dir), str(pred),
                          "--min", "policies=1.0", "--markdown"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "| policies | 1.000 | 1.000 | 1.000 |" in run.stdout
    (tmp_path / "empty.jsonl").write_text('{"doc_id": "000_a53f517f94095998"}', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "kg.cli", "eval", str(samples_dir),
                          str(tmp_path / "empty.jsonl"), "--min", "regions=0.5"],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert "below minimum: regions F1 0.000 < 0.5" in run.stdout
