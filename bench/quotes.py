"""Quote and claim extraction against frontwire's own synthetic gold set.

    .venv/bin/python bench/quotes.py [--gold bench/data/quotes_gold.jsonl] [--errors]

Matching: a predicted quote matches a gold quote when their content spans
overlap; pairs are taken one-to-one, largest overlap first. Printed:
- detection precision / recall / F1, all kinds together (kind ignored), and per
  kind (direct with direct, reported with reported);
- kind accuracy and mean character Jaccard of the spans of matched pairs;
- speaker accuracy on matched pairs: the predicted speaker equals the gold one
  or contains it / is contained in it as whole words, after lower-casing and
  dropping a leading "the" (so "army spokesman Guillaume Ndjike" counts for
  "Guillaume Ndjike").
The gold set is synthetic (written by frontwire, see its meta line), so these
figures say how the rules do on wire-style English we wrote, not on the field.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from frontwire.model import Article
from frontwire.pipeline import Pipeline

GOLD = Path(__file__).resolve().parent / "data" / "quotes_gold.jsonl"
COMPONENTS = ["entities", "dates", "quotes"]


def load_gold(path: Path) -> tuple[dict, list[dict]]:
    meta, items = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if "meta" in record:
            meta = record["meta"]
        else:
            items.append(record)
    return meta, items


def _norm(name: str | None) -> str:
    name = re.sub(r"[^\w\s'-]", " ", (name or "").lower().replace("’", "'"))
    name = re.sub(r"\s+", " ", name).strip()
    return re.sub(r"^the ", "", name)


def speaker_matches(predicted: str | None, gold: str | None) -> bool:
    p, g = _norm(predicted), _norm(gold)
    if not p or not g:
        return p == g
    return p == g or f" {g} " in f" {p} " or f" {p} " in f" {g} "


def match(predicted: list[dict], gold: list[dict]) -> list[tuple[int, int, int]]:
    """One-to-one (pred index, gold index, overlap) pairs, largest overlap first."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            overlap = min(p["end"], g["end"]) - max(p["start"], g["start"])
            if overlap > 0:
                pairs.append((overlap, i, j))
    used_p, used_g, out = set(), set(), []
    for overlap, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j, overlap))
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="print misses, false alarms and wrong speakers")
    args = parser.parse_args(argv)

    meta, items = load_gold(args.gold)
    pipeline = Pipeline(components=COMPONENTS, strict=True)
    print(f"gold: {args.gold.name}: {meta.get('note', '')[:70]}...")
    splits = sorted({item.get("split", "main") for item in items}, key=lambda s: (s != "main", s))
    for split in splits:
        chosen = [item for item in items if item.get("split", "main") == split]
        print(f"\n== split {split}: {(meta.get('splits') or {}).get(split, '')}")
        score(pipeline, chosen, args.errors)
    return 0


def evaluate(pipeline: Pipeline, items: list[dict], errors: bool = False) -> dict:
    """Counts and figures on ``items``; with ``errors`` prints misses, false alarms and wrong speakers."""
    totals = {k: {"tp": 0, "pred": 0, "gold": 0} for k in ("all", "direct", "reported")}
    speaker_ok = speaker_n = kind_ok = 0
    speaker_by_kind = {"direct": [0, 0], "reported": [0, 0]}
    jaccards = []
    started = time.perf_counter()
    for item in items:
        article = Article(text=item["text"], published=item.get("published"))
        article.set_paragraphs()
        pipeline(article)
        predicted = [q.model_dump() for q in article.quotes]
        for q in predicted:
            assert article.text[q["start"]:q["end"]] == q["text"], q
        gold = item["quotes"]
        pairs = match(predicted, gold)
        totals["all"]["tp"] += len(pairs)
        totals["all"]["pred"] += len(predicted)
        totals["all"]["gold"] += len(gold)
        for kind in ("direct", "reported"):
            kp = [q for q in predicted if q["kind"] == kind]
            kg = [q for q in gold if q["kind"] == kind]
            totals[kind]["tp"] += len(match(kp, kg))
            totals[kind]["pred"] += len(kp)
            totals[kind]["gold"] += len(kg)
        for i, j, overlap in pairs:
            p, g = predicted[i], gold[j]
            union = max(p["end"], g["end"]) - min(p["start"], g["start"])
            jaccards.append(overlap / union)
            kind_ok += p["kind"] == g["kind"]
            ok = speaker_matches(p["speaker"], g["speaker"])
            speaker_ok += ok
            speaker_n += 1
            speaker_by_kind[g["kind"]][0] += ok
            speaker_by_kind[g["kind"]][1] += 1
            if errors and not ok:
                print(f"  SPEAKER {item['id']}: {p['speaker']!r} for {g['speaker']!r} | {g['text'][:60]!r}")
        if errors:
            matched_p = {i for i, _, _ in pairs}
            matched_g = {j for _, j, _ in pairs}
            for j, g in enumerate(gold):
                if j not in matched_g:
                    print(f"  MISS {item['id']} [{g['kind']}] {g['speaker']!r}: {g['text'][:80]!r}")
            for i, p in enumerate(predicted):
                if i not in matched_p:
                    print(f"  FALSE {item['id']} [{p['kind']}] {p['speaker']!r} ({p['cue']}): {p['text'][:80]!r}")
    elapsed = time.perf_counter() - started
    figures = {f"{kind}_{name}": value for kind, t in totals.items()
               for name, value in zip(("precision", "recall", "f1"), prf(t["tp"], t["pred"], t["gold"]))}
    figures.update(kind_accuracy=kind_ok / max(1, speaker_n),
                   span_jaccard=sum(jaccards) / max(1, len(jaccards)),
                   speaker_accuracy=speaker_ok / max(1, speaker_n), passages=len(items))
    return {"figures": figures, "totals": totals, "speaker_ok": speaker_ok, "speaker_n": speaker_n,
            "speaker_by_kind": speaker_by_kind, "seconds": elapsed}


def score(pipeline: Pipeline, items: list[dict], errors: bool) -> None:
    result = evaluate(pipeline, items, errors)
    figures, totals, elapsed = result["figures"], result["totals"], result["seconds"]
    speaker_ok, speaker_n = result["speaker_ok"], result["speaker_n"]
    print(f"{len(items)} passages, {totals['all']['gold']} quotes "
          f"({totals['direct']['gold']} direct, {totals['reported']['gold']} reported)")
    print(f"{'':10} {'P':>6} {'R':>6} {'F1':>6}   tp/pred/gold")
    for kind in ("all", "direct", "reported"):
        t = totals[kind]
        p, r, f = (figures[f"{kind}_{name}"] for name in ("precision", "recall", "f1"))
        print(f"{kind:10} {p:6.3f} {r:6.3f} {f:6.3f}   {t['tp']}/{t['pred']}/{t['gold']}")
    print(f"kind accuracy on matched: {figures['kind_accuracy']:.3f}")
    print(f"span Jaccard on matched (mean): {figures['span_jaccard']:.3f}")
    print(f"speaker accuracy on matched: {figures['speaker_accuracy']:.3f} ({speaker_ok}/{speaker_n}); "
          + ", ".join(f"{k} {ok / max(1, n):.3f} ({ok}/{n})" for k, (ok, n) in result["speaker_by_kind"].items()))
    print(f"time: {elapsed:.1f}s for {len(items)} passages (entities, dates, quotes; spaCy parse included)")


if __name__ == "__main__":
    sys.exit(main())
