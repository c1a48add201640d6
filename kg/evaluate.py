"""Score extractions against gold annotations, by the matching rules of ANNOTATION.md.

Text is NFKC-normalised with whitespace, 《》 and quotes removed; document numbers
have their brackets unified to 〔〕. Policies match by 发文字号 when both sides have
one, else by title (equal, or the longer ending with a shorter one of at least six
characters). Names match on the canonical name or any alias. Obligations match
when their spans overlap by at least half of the longer one. Every field is
scored by micro precision/recall/F1 over all documents, pairing items greedily
one-to-one in gold order, so the numbers agree with `../shared/eval/score.py`.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

FIELDS = ("policies", "policy.doc_number", "policy.issuers", "policy.date", "policy.regions",
          "policy.cites", "regions", "organizations", "obligations", "obligation.modality",
          "obligation.actor", "obligation.deadline")
POLICY_FACTS = ("doc_number", "issuers", "date", "regions", "cites")

_IGNORED = re.compile(r"[\s《》〈〉<>“”\"'‘’「」『』]")
_TRAILING_PUNCT = re.compile(r"[。，,.;；:：]+$")
_BRACKETS = str.maketrans({**{c: "〔" for c in "［[（(【〖"}, **{c: "〕" for c in "］]）)】〗"}})
MIN_TITLE_SUFFIX = 6  # a shorter title matches only as the tail of a longer one
MIN_SPAN_OVERLAP = 0.5


def normalise(text: object) -> str:
    """Comparable form of a title, name or clause.

    >>> normalise(" 《消防法》。")
    '消防法'
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    return _TRAILING_PUNCT.sub("", _IGNORED.sub("", text))


def normalise_number(text: object) -> str:
    """Comparable form of a 发文字号: brackets of any shape become 〔〕.

    >>> normalise_number("国办发[2017]52号")
    '国办发〔2017〕52号'
    """
    return normalise(text).translate(_BRACKETS)


@dataclass
class Count:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def as_dict(self) -> dict[str, float | int]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def pair_greedily(gold: list, pred: list, same: Callable[[Any, Any], bool]) -> list[tuple]:
    """Pairs each gold item with the first unused predicted item that `same` accepts."""
    free = list(range(len(pred)))
    pairs = []
    for g in gold:
        for slot, i in enumerate(free):
            if same(g, pred[i]):
                pairs.append((g, pred[i]))
                del free[slot]
                break
    return pairs


def count_pairs(count: Count, gold: list, pred: list, same: Callable[[Any, Any], bool]) -> list[tuple]:
    pairs = pair_greedily(gold, pred, same)
    count.add(tp=len(pairs), fp=len(pred) - len(pairs), fn=len(gold) - len(pairs))
    return pairs


def spellings(entry: object) -> set[str]:
    """All accepted spellings of an organization given as a name or `{name, aliases}`."""
    if isinstance(entry, dict):
        found = {normalise(entry.get("name"))} | {normalise(a) for a in entry.get("aliases") or []}
    else:
        found = {normalise(entry)}
    return found - {""}


def _overlaps(a: set[str], b: set[str]) -> bool:
    return bool(a & b)


def titles_match(a: str, b: str) -> bool:
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return a == b or (len(short) >= MIN_TITLE_SUFFIX and long_.endswith(short))


def same_policy(gold: dict, pred: dict) -> bool:
    g_num, p_num = normalise_number(gold.get("doc_number")), normalise_number(pred.get("doc_number"))
    if g_num and p_num:
        return g_num == p_num
    return titles_match(normalise(gold.get("title")), normalise(pred.get("title")))


def policy_keys(policy: dict) -> set[str]:
    """The keys a policy can be cited by: `#` + its 发文字号, and its title."""
    keys = {normalise(policy.get("title"))}
    if policy.get("doc_number"):
        keys.add("#" + normalise_number(policy["doc_number"]))
    return keys - {""}


def citation_keys(key: str, gold_policies: list[dict]) -> set[str]:
    """A cited key widened to every key of the gold policy it names."""
    keys = {normalise(key), "#" + normalise_number(key)} - {"", "#"}
    for policy in gold_policies:
        if keys & policy_keys(policy):
            keys |= policy_keys(policy)
    return keys


def policy_facts(policy: dict, field: str, gold_policies: list[dict]) -> list[set[str]]:
    value = policy.get(field)
    if field == "issuers":
        return [spellings(v) for v in value or []]
    if field == "regions":
        return [{str(v)} for v in value or []]
    if field == "cites":
        return [citation_keys(v, gold_policies) for v in value or []]
    if not value:
        return []
    return [{normalise_number(value)}] if field == "doc_number" else [{normalise(value)}]


def score_policies(gold: list[dict], pred: list[dict], counts: dict[str, Count]) -> None:
    pairs = count_pairs(counts["policies"], gold, pred, same_policy)
    paired_gold = {id(g) for g, _ in pairs}
    paired_pred = {id(p) for _, p in pairs}
    for field in POLICY_FACTS:
        count = counts["policy." + field]
        for g, p in pairs:
            count_pairs(count, policy_facts(g, field, gold), policy_facts(p, field, gold), _overlaps)
        count.add(fn=sum(len(policy_facts(g, field, gold)) for g in gold if id(g) not in paired_gold))
        count.add(fp=sum(len(policy_facts(p, field, gold)) for p in pred if id(p) not in paired_pred))


def clause_spans(items: list[dict], text: str) -> list[tuple[int, int] | None]:
    """Each obligation's span: its own offsets, else where its text next occurs."""
    next_from: dict[str, int] = {}
    spans: list[tuple[int, int] | None] = []
    for item in items:
        start, end = item.get("start"), item.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
            spans.append((start, end))
            continue
        clause = item.get("text") or ""
        at = text.find(clause, next_from.get(clause, 0)) if clause else -1
        if at < 0 and clause:
            at = text.find(clause)
        if at < 0:
            spans.append(None)
            continue
        next_from[clause] = at + 1
        spans.append((at, at + len(clause)))
    return spans


def overlap_ratio(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
    if a is None or b is None:
        return 0.0
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    return overlap / max(a[1] - a[0], b[1] - b[0]) if overlap > 0 else 0.0


def pair_clauses(gold_spans: list, pred_spans: list) -> list[tuple[int, int]]:
    """Each gold clause takes the unused predicted clause it overlaps most (at least half)."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold_spans):
        ratios = [(overlap_ratio(g, p), pi) for pi, p in enumerate(pred_spans) if pi not in used]
        best, best_i = max(ratios, key=lambda r: (r[0], -r[1]), default=(0.0, -1))
        if best >= MIN_SPAN_OVERLAP:
            used.add(best_i)
            pairs.append((gi, best_i))
    return pairs


def attribute_agreement(gold: object, pred: object, loose: bool = False) -> dict[str, int]:
    """One attribute of a matched clause: right, wrong (a fp and a fn), missing or extra."""
    if isinstance(pred, dict):
        pred = pred.get("name")
    g, p = normalise(gold), normalise(pred)
    if not g and not p:
        return {}
    if g and p and (g == p or (loose and (g in p or p in g))):
        return {"tp": 1}
    return {"fp": int(bool(p)), "fn": int(bool(g))}


def score_obligations(gold: list[dict], pred: list[dict], text: str,
                      counts: dict[str, Count]) -> None:
    pairs = pair_clauses(clause_spans(gold, text), clause_spans(pred, text))
    counts["obligations"].add(tp=len(pairs), fp=len(pred) - len(pairs), fn=len(gold) - len(pairs))
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        counts["obligation.modality"].add(**attribute_agreement(g.get("modality"), p.get("modality")))
        counts["obligation.actor"].add(**attribute_agreement(g.get("actor"), p.get("actor"), loose=True))
        counts["obligation.deadline"].add(**attribute_agreement(g.get("deadline"), p.get("deadline")))


def region_code(region: object) -> str:
    return str(region.get("code") if isinstance(region, dict) else region)


def score_document(gold: dict, pred: dict, text: str, counts: dict[str, Count]) -> None:
    score_policies(gold.get("policies") or [], pred.get("policies") or [], counts)
    count_pairs(counts["regions"], [{region_code(r)} for r in gold.get("regions") or []],
                [{region_code(r)} for r in pred.get("regions") or []], _overlaps)
    count_pairs(counts["organizations"], [spellings(o) for o in gold.get("organizations") or []],
                [spellings(o) for o in pred.get("organizations") or []], _overlaps)
    score_obligations(gold.get("obligations") or [], pred.get("obligations") or [], text, counts)


def evaluate(gold_dir: Path, predictions: dict[str, dict]) -> dict[str, Any]:
    """Scores per field over every `<doc_id>.json` in `gold_dir`.

    Args:
        gold_dir: folder of `<doc_id>.txt` and `<doc_id>.json` gold files.
        predictions: doc_id -> prediction in the ANNOTATION.md format.

    Returns:
        `{"fields": {field: {precision, recall, f1, tp, fp, fn}}, "missing_documents": [...]}`.

    Raises:
        FileNotFoundError: when a gold file has no text beside it.
    """
    counts = {field: Count() for field in FIELDS}
    missing = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = gold_file.with_suffix(".txt").read_text(encoding="utf-8")
        if gold_file.stem not in predictions:
            missing.append(gold_file.stem)
        score_document(gold, predictions.get(gold_file.stem, {}), text, counts)
    return {"fields": {f: counts[f].as_dict() for f in FIELDS}, "missing_documents": missing}


def read_predictions(path: Path) -> dict[str, dict]:
    """Predictions from a JSON list, `{"documents": [...]}`, JSON lines or a folder of JSON files."""
    if path.is_dir():
        docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(path.glob("*.json"))]
    else:
        raw = path.read_text(encoding="utf-8").strip()
        try:
            data = json.loads(raw)
            docs = data.get("documents", [data]) if isinstance(data, dict) else data
        except json.JSONDecodeError:
            docs = [json.loads(line) for line in raw.splitlines() if line.strip()]
    return {Path(str(d.get("doc_id") or d.get("source") or "")).stem: d for d in docs}


def extract_gold_texts(gold_dir: Path) -> dict[str, dict]:
    """Predictions made now by the project's own extraction of the gold texts."""
    from extractors.schema import DocumentExtraction
    from kg.ingest import extract_paths

    found = {}
    for item in extract_paths([gold_dir]):
        if isinstance(item, DocumentExtraction):
            found[item.doc_id] = item.to_eval()
    return found


def as_table(result: dict[str, Any], markdown: bool = False) -> str:
    rows = [(f, s) for f, s in result["fields"].items()]
    if markdown:
        lines = ["| field | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
        lines += [f"| {f} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
                  f"{s['tp']} | {s['fp']} | {s['fn']} |" for f, s in rows]
    else:
        lines = [f"{'field':22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        lines += [f"{f:22} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                  f"{s['tp']:5d} {s['fp']:5d} {s['fn']:5d}" for f, s in rows]
    if result["missing_documents"]:
        lines.append("no prediction for: " + ", ".join(result["missing_documents"]))
    return "\n".join(lines) + "\n"


def unmet_minimums(result: dict[str, Any], minimums: Iterable[str]) -> list[str]:
    """`FIELD=F1` specs that the result does not reach, as messages.

    Raises:
        ValueError: for a spec that is not `FIELD=number` with a known field.
    """
    unmet = []
    for spec in minimums:
        field, _, value = spec.partition("=")
        if field not in FIELDS:
            raise ValueError(f"--min {spec!r}: unknown field {field!r} (one of {', '.join(FIELDS)})")
        f1 = result["fields"][field]["f1"]
        if f1 < float(value):
            unmet.append(f"{field} F1 {f1:.3f} < {value}")
    return unmet


SCORES_BEGIN, SCORES_END = "<!-- dev-scores: made by `kg eval kg/samples --into docs/extraction.md` -->", "<!-- /dev-scores -->"


def write_scores_into(document: Path, table: str) -> None:
    """Replace the score block of a Markdown document (between the two markers) with `table`.

    Raises:
        ValueError: when the document lacks the markers.
    """
    text = document.read_text(encoding="utf-8")
    head, begin, rest = text.partition(SCORES_BEGIN)
    _, end, tail = rest.partition(SCORES_END)
    if not begin or not end:
        raise ValueError(f"{document}: no {SCORES_BEGIN} ... {SCORES_END} block to fill")
    document.write_text(f"{head}{SCORES_BEGIN}\n{table}{SCORES_END}{tail}", encoding="utf-8")


def evaluate_cli(gold_dir: Path, predictions: Path | None, *, json_out: Path | None,
                 markdown: bool, minimums: list[str], out: TextIO, into: Path | None = None) -> int:
    """`kg eval`: print the score table; exit 1 when a minimum is not met, 2 on bad input."""
    if not gold_dir.is_dir() or not any(gold_dir.glob("*.json")):
        print(f"kg eval: error: {gold_dir} holds no gold <doc_id>.json files", file=out)
        return 2
    preds = read_predictions(predictions) if predictions else extract_gold_texts(gold_dir)
    result = evaluate(gold_dir, preds)
    out.write(as_table(result, markdown))
    if into:
        write_scores_into(into, as_table(result, markdown=True))
    if json_out:
        json_out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    try:
        unmet = unmet_minimums(result, minimums)
    except ValueError as err:
        print(f"kg eval: error: {err}", file=out)
        return 2
    for line in unmet:
        out.write(f"below minimum: {line}\n")
    return 1 if unmet else 0
