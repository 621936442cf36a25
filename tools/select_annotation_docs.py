"""Draw the documents of the in-domain annotation corpus and their split, once, before any tuning.

The draw is stratified by kind of document (what the Hebei index's column and title say it is) and seeded, so
it can be re-run and checked; its output, annotations/splits.tsv, is committed and never re-drawn. The locked
test split comes only from ../shared/corpus/hebei, the one source no rule of this project was written against;
the documents earlier sessions read (../shared/corpus 01-08, seeds 002 and 003) go to train and dev.

    python tools/select_annotation_docs.py ../shared > annotations/splits.tsv

The first draw (46 documents, 14 of them the locked test) was extended six times for training and three times for dev:
an extension takes the next documents of the same ordered pools, so the earlier rows are unchanged.
"""

from __future__ import annotations

import csv
import hashlib
import random
import sys
from pathlib import Path

SEED = 20261206
MIN_CHARS, MAX_CHARS = 800, 9000
# kind -> (test, dev, train) counts drawn from Hebei
QUOTA = {
    "rule": (3, 1, 3),               # 政府规章 of the provincial government
    "notice": (3, 1, 4),             # provincial or department normative documents, notices, opinions
    "plan": (2, 1, 3),               # 规划, 计划, 行动方案
    "explanation": (2, 1, 2),        # 政策解读
    "annual_report": (2, 1, 2),      # 政府信息公开年报
    "national": (1, 1, 1),           # national documents re-published by a department
    "sector": (1, 0, 1),             # 教育领域信息公开: sector news and notices of the education department
}
# Later draws for training only (2026-12-06, after the first corpus; the second when 4-fold cross-validation showed
# the entity layer still gaining with every document; the third on 2026-12-06's second sitting, the learning curve
# still rising at 143 training documents): the next documents of each kind's ordered pool, so the
# first draw and the locked test stay exactly as they were.
TRAIN_EXTENSIONS = [
    {"rule": 6, "notice": 8, "plan": 8, "explanation": 6, "annual_report": 5, "national": 4, "sector": 3},
    {"rule": 12, "notice": 22, "plan": 14, "explanation": 12, "annual_report": 4, "national": 10, "sector": 6},
    {"rule": 8, "notice": 20, "plan": 12, "explanation": 10, "annual_report": 0, "national": 8, "sector": 6},
]
# A dev extension (2026-12-07, tenth sitting): nine dev documents give a noisy score, and out-of-fold figures on
# train read high because the rules were written reading train documents. The next documents of the pools of the
# locked test's commonest kinds, scored only, never read to write a rule.
DEV_EXTENSIONS = [
    {"rule": 2, "notice": 2, "plan": 1, "explanation": 1},
    {"rule": 1, "notice": 1, "plan": 1, "explanation": 1, "national": 1, "sector": 1},
]
# A fourth training draw (2026-12-07, fourteenth sitting), taken after the dev extensions' documents so that every
# earlier row, the new dev documents included, stays as it was: the kinds of the locked test and of the hidden sets
# the issue names (a provincial department's documents and plans).
LATER_TRAIN_EXTENSIONS = [
    {"rule": 3, "notice": 5, "plan": 5, "explanation": 3, "national": 2, "sector": 2},
]
# A third dev extension (2026-12-07, fourteenth sitting), after the fourth training draw: three retrains in a row were
# level or better on dev and worse on the 14 locked-test documents (decisions §81); more documents no rule was written
# on, scored only, make the deciding set large enough to tell a lucky incumbent from a real loss.
LATER_DEV_EXTENSIONS = [
    {"rule": 4, "notice": 5, "plan": 4, "explanation": 3, "national": 2, "sector": 2},
]
# A fifth training draw (2026-12-08, sixteenth sitting), after the third dev extension so every earlier row stays:
# settings chosen on train records the rules were written on favour trusting the rules (decisions §82); records no
# rule was written on, weighted up in training, give the learned layers the rules' real accuracy on unseen text.
FIFTH_TRAIN_DRAW = {"rule": 4, "notice": 6, "plan": 5, "explanation": 3, "national": 2, "sector": 1}
# A sixth, the same sitting, after the fifth: more records no rule was written on, for the same reason.
SIXTH_TRAIN_DRAW = {"rule": 3, "notice": 6, "plan": 5, "explanation": 3, "national": 2, "sector": 2}
# earlier sessions read these to write rules: never test
READ_BEFORE = {
    "corpus/01_shenzhen_longhua_fazhi_2019.txt": ("train", "rule_of_law_report"),
    "corpus/02_shenzhen_guangming_fazhi_2021.txt": ("dev", "rule_of_law_report"),
    "corpus/03_guowuyuan_xingzheng_zhifa_sanxiang_2018.txt": ("train", "national"),
    "corpus/04_guowuyuan_dudu_dianxing_jingyan_2018.txt": ("dev", "national"),
    "corpus/05_guangdong_gwr_2014.txt": ("train", "work_report"),
    "corpus/06_beijing_gwr_2026.txt": ("train", "work_report"),
    "corpus/07_jilin_gwr_2026.txt": ("dev", "work_report"),
    "corpus/08_shaanxi_gwr_2026.txt": ("train", "work_report"),
    "seeds/002_51acc513f15262cb.txt": ("train", "rule_of_law_report"),
    "seeds/003_800e7386b3b145c4.txt": ("train", "rule_of_law_report"),
}
NATIONAL_ISSUERS = ("国务院", "人力资源社会保障部", "教育部", "科技部", "工业和信息化部")
PLAN_WORDS = ("规划", "计划", "行动方案", "实施方案", "工作方案", "工作要点")


def hebei_kind(source: str, title: str) -> str:
    """The kind of a Hebei document from its index row: the column it was published under, then its title."""
    if "政府信息公开年报" in source and ("年报" in title or "年度报告" in title):
        return "annual_report"
    if "政策解读" in source or "解读" in title:
        return "explanation"
    if "政府规章" in source or "法律法规" in source:
        return "rule"
    if "教育领域信息公开" in source:
        return "sector"
    if any(w in title for w in PLAN_WORDS) or "规划" in source or "计划" in source:
        return "plan"
    if "国家政策文件" in source or title.startswith(NATIONAL_ISSUERS):
        return "national"
    return "notice"


def main(shared: Path) -> None:
    rng = random.Random(SEED)
    rows = list(csv.DictReader((shared / "corpus/hebei/index.tsv").open(encoding="utf-8"), delimiter="\t"))
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        path = shared / "corpus/hebei" / row["file"]
        size = len(path.read_text(encoding="utf-8"))
        if MIN_CHARS <= size <= MAX_CHARS:
            department = row["source"].split("-")[0]
            kind = hebei_kind(row["source"], row["title"])
            by_kind.setdefault(kind, []).append(("corpus/hebei/" + row["file"], department))
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["id", "split", "kind", "source", "chars", "sha256"])
    chosen: list[tuple[str, str, str]] = []
    for kind, (n_test, n_dev, n_train) in QUOTA.items():
        pool = sorted(by_kind[kind])
        rng.shuffle(pool)
        # one document per department first, so every kind spans the departments it has
        seen: dict[str, int] = {}
        rank = []
        for item in pool:
            rank.append(seen.get(item[1], 0))
            seen[item[1]] = rank[-1] + 1
        pool = [item for _, item in sorted(zip(rank, pool, strict=True), key=lambda pair: pair[0])]
        extra = sum(extension[kind] for extension in TRAIN_EXTENSIONS)
        more_dev = sum(extension.get(kind, 0) for extension in DEV_EXTENSIONS)
        later = sum(extension.get(kind, 0) for extension in LATER_TRAIN_EXTENSIONS)
        later_dev = sum(extension.get(kind, 0) for extension in LATER_DEV_EXTENSIONS)
        fifth = FIFTH_TRAIN_DRAW.get(kind, 0)
        sixth = SIXTH_TRAIN_DRAW.get(kind, 0)
        labels = (["test"] * n_test + ["dev"] * n_dev + ["train"] * (n_train + extra) + ["dev"] * more_dev
                  + ["train"] * later + ["dev"] * later_dev + ["train"] * (fifth + sixth))
        picks = [p for p, _ in pool[: len(labels)]]
        chosen += [(p, split, kind) for p, split in zip(picks, labels, strict=True)]
    chosen += [(p, split, kind) for p, (split, kind) in READ_BEFORE.items()]
    for rel, split, kind in sorted(chosen, key=lambda c: ({"test": 0, "dev": 1, "train": 2}[c[1]], c[2], c[0])):
        data = (shared / rel).read_bytes()
        out.writerow([Path(rel).stem, split, kind, rel, len(data.decode("utf-8")), hashlib.sha256(data).hexdigest()])


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared"))
