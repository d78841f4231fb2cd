"""Theme suggestion quality and speed, against plain TF-IDF + k-means in the same run.

Data: the sample workshop's 50 ideas (7 themes) and 2,000 real Danish municipal agenda titles
hand-coded into 20 topics (../shared/data/clustering, CAPCAS). For each: ARI and NMI of
`kit.ideas.suggest_themes` with the true number of themes and with its own choice, and of the
baseline (character 3–5-gram TF-IDF + k-means, as the data's README describes). Then the time
to suggest themes for 2,000 notes, against the baseline's time (the floor).

Folding near-identical notes (the board shows them once, ×N) at 1,000 notes: the old way
(every pair compared, `tests/reference.py`) is the floor; then the new fold from cold and
what one more note costs once the board has folded the others (CPU seconds). The notes are
700 CAPCAS titles and 300 sample notes with small changes (so some are alike).

Usage: python bench/ideas.py [--folding-only]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))  # the old folding, kept as the reference

import pandas as pd  # noqa: E402
from _results import save  # noqa: E402
from reference import old_near_identical  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score  # noqa: E402

from kit import ideas  # noqa: E402
from kit.core import text as _text  # noqa: E402
from kit.steps.ideas import alike  # noqa: E402

CAPCAS = HERE.parent.parent / "shared" / "data" / "clustering" / "da_capcas_local_agendas_2000.csv"
SAMPLE = HERE.parent / "sample-data" / "workshop" / "ideas.csv"


def baseline(texts: list[str], k: int) -> list[int]:
    x = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).fit_transform(texts)
    return list(KMeans(k, n_init=10, random_state=0).fit_predict(x))


def scores(truth, labels) -> dict:
    return {"ari": round(adjusted_rand_score(truth, labels), 3),
            "nmi": round(normalized_mutual_info_score(truth, labels), 3),
            "themes": len(set(labels))}


def timed(fn):
    _text._profile.cache_clear()
    _text.stem.cache_clear()
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def folding_notes(n: int = 1000, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    sample = list(pd.read_csv(SAMPLE)["text"])
    titles: list[str] = []
    if CAPCAS.exists():
        with CAPCAS.open(encoding="utf-8") as f:
            titles = [r["text"] for r in csv.DictReader(f)][:int(n * 0.7)]
    out = titles + [rng.choice(sample) + rng.choice(["", "!", " nu", " også", " tak"])
                    for _ in range(n - len(titles))]
    rng.shuffle(out)
    return out


def folding(n: int = 1000, new_notes: int = 7) -> dict:
    texts = folding_notes(n)
    cpu = time.process_time
    _text._profile.cache_clear()
    t0 = cpu()
    old = old_near_identical(texts)
    floor = cpu() - t0
    alike._foldings.clear()
    _text._profile.cache_clear()
    t0 = cpu()
    new = alike.near_identical(texts)
    fresh = cpu() - t0
    per_note, same = [], new == old
    rng = random.Random(2)
    for k in range(new_notes):
        texts = [*texts, rng.choice(texts)[:40] + f" {k}" if k % 2 else f"Tolk til lægen, {k}"]
        t0 = cpu()
        alike.near_identical(texts)
        per_note.append(cpu() - t0)
    same = same and alike.near_identical(texts) == old_near_identical(texts)
    return {"notes": n, "groups": len(old), "old_fold_cpu_s": round(floor, 3),
            "new_fold_cold_cpu_s": round(fresh, 3),
            "new_note_cpu_s": round(statistics.median(per_note), 4),
            "ratio_new_note_vs_old": round(statistics.median(per_note) / floor, 4),
            "same_groups_as_old": same}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folding-only", action="store_true")
    a = ap.parse_args()
    result = {}
    result["folding_1000"] = folding()
    print("folding_1000", json.dumps(result["folding_1000"]), flush=True)
    if a.folding_only:
        save("ideas_folding", result["folding_1000"])
        return
    sample = pd.read_csv(SAMPLE)
    data = {"sample": (list(sample["text"]), list(sample["theme_id"]))}
    if CAPCAS.exists():
        with CAPCAS.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        data["capcas"] = ([r["text"] for r in rows], [r["cap_major"] for r in rows])
    for name, (texts, truth) in data.items():
        k = len(set(truth))
        result[name] = {
            "texts": len(texts), "true_themes": k,
            "baseline_tfidf_kmeans": scores(truth, baseline(texts, k)),
            "kit_true_k": scores(truth, ideas.suggest_themes(texts, k)),
            "kit_auto_k": scores(truth, ideas.suggest_themes(texts)),
            "kit_true_k_without_prior": scores(truth, ideas.suggest_themes(texts, k,
                                                                           prior_weight=0)),
        }
        print(name, json.dumps(result[name]), flush=True)
    if "capcas" in data:
        texts = data["capcas"][0]
        _, floor = timed(lambda: baseline(texts, 20))
        _, fixed = timed(lambda: ideas.suggest_themes(texts, 20))
        _, auto = timed(lambda: ideas.suggest_themes(texts))
        _, names = timed(lambda: ideas.label_themes(texts, ideas.suggest_themes(texts, 20)))
        result["time_2000"] = {"baseline_s": round(floor, 2), "kit_k20_s": round(fixed, 2),
                               "kit_auto_s": round(auto, 2), "kit_suggest_and_label_s":
                               round(names, 2), "ratio_k20_vs_baseline": round(fixed / floor, 2)}
        print("time_2000", json.dumps(result["time_2000"]), flush=True)
    save("ideas", result)
    save("ideas_folding", result["folding_1000"])


if __name__ == "__main__":
    main()
