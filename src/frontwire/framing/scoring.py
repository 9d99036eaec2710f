"""The SemEval-2020 Task 11 metrics.

Span identification (SI): for predicted spans S and gold spans T of the same
article (each set with overlaps merged, as the official scorer does),
C(s, t) = |s ∩ t| / |h| with h = s for precision and h = t for recall;
precision = sum C / |S|, recall = sum C / |T|, both summed over all articles
before dividing.  Technique classification (TC): given the gold spans,
micro-F1 over technique labels; a span carrying k gold labels is answered
with the model's top k labels, so precision == recall == micro-F1.
"""

from __future__ import annotations

from collections import Counter

from .corpus import merge_spans


def span_prf(pred_by_article: dict, gold_by_article: dict) -> dict:
    prec_num = rec_num = 0.0
    n_pred = n_gold = 0
    for art_id in set(pred_by_article) | set(gold_by_article):
        pred = merge_spans(pred_by_article.get(art_id, []))
        gold = merge_spans(gold_by_article.get(art_id, []))
        n_pred += len(pred)
        n_gold += len(gold)
        for s0, s1 in pred:
            for t0, t1 in gold:
                inter = min(s1, t1) - max(s0, t0)
                if inter > 0:
                    prec_num += inter / (s1 - s0)
                    rec_num += inter / (t1 - t0)
    p = prec_num / n_pred if n_pred else 0.0
    r = rec_num / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "predicted": n_pred, "gold": n_gold}


def technique_micro_f1(gold_labels: list[list[str]], ranked_predictions: list[list[str]]) -> dict:
    """gold_labels[i]: the labels of one distinct gold span; ranked_predictions[i]: labels, best first."""
    correct = total = 0
    per_label_gold: Counter = Counter()
    per_label_correct: Counter = Counter()
    for gold, ranked in zip(gold_labels, ranked_predictions):
        answer = Counter(ranked[: len(gold)])
        want = Counter(gold)
        hit = answer & want
        correct += sum(hit.values())
        total += len(gold)
        per_label_gold.update(want)
        per_label_correct.update(hit)
    return {
        "micro_f1": correct / total if total else 0.0,
        "spans": total,
        "per_label_recall": {k: per_label_correct[k] / v for k, v in per_label_gold.most_common()},
    }
