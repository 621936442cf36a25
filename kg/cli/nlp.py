"""``kg eval`` and ``kg train``: scores against gold files and CLUENER2020, and the statistical tagger's training."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kg.cli.base import app, fail, out
from kg.errors import KGError

CLUENER_DIR = Path("../shared/benchmarks/cluener2020")


@app.command("eval")
def eval_cli(
    gold_dir: Annotated[Path | None, typer.Argument(help="Folder of gold STEM.json files.")] = None,
    docs: Annotated[Path, typer.Option(help="Folder holding the documents the gold files name.")] = Path(
        "seeds"
    ),
    cluener: Annotated[
        bool, typer.Option("--cluener", help="Score NER on CLUENER2020 dev instead (government as Agency ...).")
    ] = False,
    cluener_file: Annotated[Path, typer.Option(help="The CLUENER2020 file --cluener scores.")] = CLUENER_DIR
    / "dev.json",
    statistical: Annotated[
        bool, typer.Option("--statistical", help="Also run the trained NER tagger (fills the rules' gaps; slower).")
    ] = False,
    split: Annotated[str | None, typer.Option(
        "--split", help="Score the annotation corpus (annotations/): train, dev, test or all (each in turn).")
    ] = None,
    save: Annotated[Path | None, typer.Option(
        "--save", help="With --split: write the predictions as DIR/<id>.json (gold schema).")] = None,
    rules_only: Annotated[bool, typer.Option(
        "--rules-only", help="Without the learned layers (the entity CRF and the relation model): the rules alone.")
    ] = False,
) -> None:
    """Score extraction against gold annotations: precision / recall / F1 per entity and relation type.

    Same matching as ../shared/tools/score.py; --cluener scores rules, tagger and both on CLUENER2020 dev
    (exact spans).

    Examples:

    ```
    kg eval ../shared/gold --docs seeds/
    kg eval --split all
    kg eval --cluener
    ```
    """
    if cluener:
        _eval_cluener(cluener_file)
        return
    from kg.evaluate import evaluate_folder, evaluate_split

    try:
        if split:
            by_split = evaluate_split(split, statistical=statistical, predictions_dir=save, learned=not rules_only)
            for name, scores in by_split.items():
                _print_scores(scores, f"{name} split: ")
            return
        if gold_dir is None:
            fail(typer.BadParameter("give a gold folder, --split or --cluener"))
        _print_scores(evaluate_folder(gold_dir, docs, statistical=statistical, learned=not rules_only))
    except KGError as exc:
        fail(exc)


def _print_scores(scores, title: str = "") -> None:
    from kg.evaluate import Scores

    for kind, table_data in (("entities", scores.entities), ("relations", scores.relations)):
        out.print(_score_table(title + kind, [*sorted(table_data.items()), ("ALL", Scores.total(table_data))]))
    out.print(title + "report metadata: " + ", ".join(f"{k} {c}/{n}" for k, (c, n) in scores.report.items()))


def _score_table(title: str, rows: list) -> Table:
    table = Table(title=title)
    for column in ("type", "tp", "fp", "fn", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for label, c in rows:
        table.add_row(label, str(c.tp), str(c.fp), str(c.fn), f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}")
    return table


def _eval_cluener(path: Path) -> None:
    from kg.evaluate import Scores
    from kg.nlp.cluener import evaluate_cluener, label_map

    try:
        results = evaluate_cluener(path)
    except (KGError, OSError) as exc:
        fail(exc)
    names = {v: k for k, v in label_map().items()}
    for system, counts in results.items():
        rows = [(f"{label} ({names.get(label, '?')})", c) for label, c in sorted(counts.items())]
        out.print(_score_table(f"CLUENER2020 {path.name}: {system}", [*rows, ("ALL", Scores.total(counts))]))


@app.command("train")
def train_cli(
    tagger: Annotated[bool, typer.Option(
        "--tagger", help="Train the opt-in BiLSTM-CRF tagger of --statistical instead (the options below).")] = False,
    authors_only: Annotated[bool, typer.Option(
        "--authors-only", help="Retrain only the author ranker, from the entity CRF already in the folder (a minute; "
        "after a change to the rules of report authors).")] = False,
    keep_relations: Annotated[bool, typer.Option(
        "--keep-relations", help="Train the entity CRF, the author ranker and the verifier; keep the folder's relation "
        "model (how the shipped layers were made since decisions §81: retrained, the relation model chose wrong "
        "subjects of issued).")] = False,
    max_docs: Annotated[int | None, typer.Option(
        help="Train the entity layer on the first N train records only (a quick trial).")] = None,
    iterations: Annotated[int | None, typer.Option(
        help="L-BFGS iterations of the entity layer's CRF (default: kg/resources/nlp/learned.yaml).")] = None,
    cluener_train: Annotated[Path, typer.Option(help="CLUENER2020 train file.")] = CLUENER_DIR / "train.json",
    silver: Annotated[
        list[Path] | None,
        typer.Option(help="Reports whose rule-layer entities become silver training data (repeatable)."),
    ] = None,
    no_silver: Annotated[bool, typer.Option("--no-silver", help="Train on CLUENER2020 alone.")] = False,
    epochs: Annotated[int, typer.Option(help="Passes over the training data.")] = 12,
    members: Annotated[int, typer.Option(help="Models trained from successive seeds, shipped as an ensemble.")] = 1,
    seed: Annotated[int, typer.Option(help="Random seed of the first member (initialisation, shuffling).")] = 0,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Where to write the weights (default: the shipped ones).")
    ] = None,
    word_vectors: Annotated[
        Path | None,
        typer.Option(help="Pretrained word vectors: synonyms-3.10.2.tar.gz from PyPI, or their extracted .npz."),
    ] = None,
    lac: Annotated[
        Path | None,
        typer.Option(help="Pretrained contextual encoder: LAC-2.1.2.tar.gz from PyPI, or its extracted lac.npz."),
    ] = None,
    tune_lac: Annotated[
        bool, typer.Option("--tune-lac", help="Train LAC's GRU layers with the tagger instead of keeping them.")
    ] = False,
) -> None:
    """Train the learned layers on the annotation corpus: the entity CRF, the author ranker, the entity verifier,
    the relation classifier.

    Trains on the finished records of annotations/'s train split, measures on its dev split and writes the
    weights the pipeline loads (kg/resources/nlp/entity_crf, author_model, entity_verifier and relation_model, or
    the same folders in OUT); hyperparameters in kg/resources/nlp/learned.yaml; 40 minutes to an hour on one core
    (the entity CRF, then four jackknifed CRFs whose entities the verifier and relation classifier learn from). Needs
    python-crfsuite and scikit-learn (`pip install 'govkg[train]'`); the pipeline itself runs them with numpy.

    With --tagger: the statistical NER of --statistical (a character BiLSTM-CRF) from CLUENER2020 train plus
    silver report sentences. Keeps each member's best epoch or weight average by held-out F1 (a slice of train,
    never dev). The shipped weights: --members 2 with the default silver (seeds/ and ../shared/corpus/), the
    word vectors of synonyms 3.10.2 (`pip download --no-deps synonyms==3.10.2`, then --word-vectors
    synonyms-3.10.2.tar.gz) and LAC 2.1.2 as a frozen contextual encoder (`pip download --no-deps
    --no-build-isolation LAC==2.1.2` with setuptools<81 and wheel installed, then --lac LAC-2.1.2.tar.gz; the
    shipped lac.npz serves as well), ~17 minutes per member on one core. Needs `pip install 'govkg[statistical]'`.

    With --keep-relations: every layer but the relation classifier, whose weights in the folder stay.

    With --authors-only: only the author ranker, from the folder's entity CRF (`kg train --authors-only` after a
    change to kg/resolve/report.py's rules; its features read the rules' choice).

    Examples, trials of a minute that leave the shipped weights alone:

    ```
    kg train --max-docs 2 --iterations 20 --out model/
    kg train --tagger --epochs 1 --silver seeds/ --out model/
    ```
    """
    if authors_only:
        _train_authors(out_dir)
        return
    if not tagger:
        _train_learned(max_docs, iterations, out_dir, not keep_relations)
        return
    from kg.nlp.train import train

    silver = silver if silver is not None else [p for p in (Path("seeds"), Path("../shared/corpus")) if p.is_dir()]
    if no_silver:
        silver = []
    try:
        result = train(
            cluener_train,
            silver,
            out=out_dir,
            epochs=epochs,
            members=members,
            seed=seed,
            word_vectors=word_vectors,
            context_encoder=lac,
            tune_context=tune_lac,
            log=out.print,
        )
    except (KGError, OSError) as exc:
        fail(exc)
    out.print(
        f"best epoch {result.best_epoch}/{result.epochs}: held-out F1 {result.heldout_f1}; "
        f"{result.train_sentences} CLUENER + {result.silver_sentences} silver sentences -> {result.path}"
    )


def _train_authors(out_dir: Path | None) -> None:
    from kg.learn import train_author_layer

    try:
        train_author_layer(out_dir, log=out.print)
    except (KGError, OSError, ImportError, ValueError) as exc:
        fail(exc)


def _train_learned(max_docs: int | None, iterations: int | None, out_dir: Path | None, relations: bool) -> None:
    from kg.learn import train_learned_layers

    try:
        train_learned_layers(out_dir, max_docs=max_docs, iterations=iterations, log=out.print, relations=relations)
    except (KGError, OSError, ImportError, ValueError) as exc:
        fail(exc)
