"""A curator's decisions (curation.csv beside the seeds) survive `kg build` twice, `--update` and `--jobs 2`, show
in the evidence query as curated, and are stated as PROV-O provenance; checked by SPARQL written here. A malformed
file is one line naming the file, the line and the problem, and leaves the built output as it was. `kg curate`
writes keys and suggests near names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pyoxigraph as ox
import pytest
from seed_store import SEEDS, seed_text
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.curation import read_curation
from kg.errors import ResourceError
from kg.export import export
from kg.property_graph import export_table
from kg.query import query

YIYANG = "000_305e9a0e456975a1"
ID = "https://w3id.org/govkg/id/"
# 益阳: 确保机构、人员、事项、授权、监察“五到位” — a reform the extraction names but no body implements
FIVE_QUOTE = "确保机构、人员、事项、授权、监察“五到位”"
CURATION = f"""# decisions of the test curator
action,subject,predicate,object,report,quote,curator,date,note
accept,益阳市行政审批服务局,implements,一件事一次办,,,张三,2026-12-06,read in the report
reject,Agency/益阳市行政审批服务局,implements,Reform/放管服,,,张三,,"a plan, not an achievement"
merge,Reform/办不成事,,Reform/高效办成一件事,,,张三,,
rename,Reform/一件事一次办,,一件事一次办改革,,,李四,,
accept,益阳市行政审批服务局,implements,五到位,{YIYANG},"{FIVE_QUOTE}",张三,,
"""
PREFIXES = """PREFIX gk: <https://w3id.org/govkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def _ask(store: Path, sparql: str) -> bool:
    handle = ox.Store.read_only(str(store))
    try:
        return bool(handle.query(PREFIXES + sparql, use_default_graph_as_union=True))
    finally:
        del handle


def _labels(store: Path, iri: str) -> set[str]:
    handle = ox.Store.read_only(str(store))
    rows = handle.query(PREFIXES + f"SELECT ?l WHERE {{ <{iri}> skos:prefLabel ?l }}", use_default_graph_as_union=True)
    return {row["l"].value for row in rows}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("curated-seeds")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    (folder / "curation.csv").write_text(CURATION, encoding="utf-8")
    return folder


def _check_curated(store: Path) -> None:
    """What the five decisions of CURATION say, read from the store with SPARQL written here."""
    bureau, reform = f"{ID}Agency/益阳市行政审批服务局", f"{ID}Reform/一件事一次办"
    # accept: the fact is attributed to 张三 and the evidence query names the decision
    assert _ask(store, f"""ASK {{ ?a rdf:subject <{bureau}> ; rdf:predicate gk:implements ; rdf:object <{reform}> ;
        prov:wasAttributedTo/rdfs:label "张三"@zh-Hans ; prov:wasInfluencedBy/rdfs:comment ?note }}""")
    rows = query(store, "evidence", {"s": "益阳市行政审批服务局", "p": "implements", "o": "一件事一次办改革"}).rows
    assert rows and all(row["curated"].value.startswith("accept ") for row in rows)
    assert "二是纵深推进“一件事一次办”改革工作。" in {row["sentence"].value for row in rows}
    # reject: the fact and its reified assertion are gone
    assert not _ask(store, f"ASK {{ <{bureau}> gk:implements <{ID}Reform/放管服> }}")
    assert not _ask(store, f"ASK {{ ?a rdf:subject <{bureau}> ; rdf:object <{ID}Reform/放管服> }}")
    # merge: 办不成事 is no node any more; its name is an alias of 高效办成一件事
    assert not _ask(store, f"ASK {{ <{ID}Reform/办不成事> ?p ?o }}")
    assert _ask(store, f'ASK {{ <{ID}Reform/高效办成一件事> skos:altLabel "办不成事"@zh-Hans }}')
    # rename: same IRI, one preferred name, the old one kept as an alias
    assert _labels(store, reform) == {"一件事一次办改革"}
    assert _ask(store, f'ASK {{ <{reform}> skos:altLabel "一件事一次办"@zh-Hans }}')
    # accept of a fact not extracted: added with the quote's offsets in the report's text
    start = seed_text(YIYANG).index(FIVE_QUOTE)
    rows = query(store, "evidence", {"s": "益阳市行政审批服务局", "p": "implements", "o": "五到位"}).rows
    assert [(int(r["evidence_start"].value), int(r["evidence_end"].value), r["rule"].value) for r in rows] == [
        (start, start + len(FIVE_QUOTE), "curation.accept")]
    assert seed_text(YIYANG)[int(rows[0]["start"].value):int(rows[0]["end"].value)] == rows[0]["sentence"].value


def test_curation_survives_two_builds_and_shows_as_curated(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([inputs], out)
    _check_curated(out / "store")
    build([inputs], out)  # the second build starts from the reports again: the decisions are applied again
    _check_curated(out / "store")
    # the edge table names the decision behind each curated fact, and only there
    export_table(out / "store", "csv", tmp_path / "tables")
    edges = pd.read_csv(tmp_path / "tables" / "edges.csv", keep_default_na=False)
    accepted = (edges.source == f"{ID}Agency/益阳市行政审批服务局") & (edges.target == f"{ID}Reform/一件事一次办")
    assert set(edges[accepted].curated) == {"accept 益阳市行政审批服务局 implements 一件事一次办 (张三)"}
    # facts of the entity merged into
    merged = edges.curated == "merge Reform/办不成事 into Reform/高效办成一件事 (张三)"
    assert merged.any() and set(edges[merged].target) == {f"{ID}Reform/高效办成一件事"}
    assert set(edges[~accepted & ~merged & (edges.rule != "curation.accept")].curated) == {""}
    # the decisions are provenance: each an activity associated with its curator
    assert _ask(out / "store", """ASK { ?d a prov:Activity ; prov:wasAssociatedWith ?c ; rdfs:label ?l .
        ?c a prov:Agent ; rdfs:label "李四"@zh-Hans . FILTER(STRSTARTS(?l, "rename")) }""")


def test_curation_update_and_jobs_give_the_full_build(inputs: Path, tmp_path: Path) -> None:
    updated, full = tmp_path / "updated", tmp_path / "full"
    build([inputs], updated)  # with inputs/curation.csv
    edited = tmp_path / "edited.csv"
    edited.write_text(CURATION.replace("merge,Reform/办不成事,,Reform/高效办成一件事,,,张三,,\n", "")
                      + "reject,Reform/9210,,,,,王五,,not a reform\n", encoding="utf-8")
    summary = build([inputs], updated, update=True, jobs=2, curation=edited)
    # the undone merge touched 新余 (办不成事) and the new rejection 监利 (9210): only those two are re-extracted
    assert (summary.documents, summary.unchanged) == (2, 3)
    assert _ask(updated / "store", f"ASK {{ <{ID}Reform/办不成事> skos:prefLabel ?l }}")
    assert not _ask(updated / "store", f"ASK {{ <{ID}Reform/9210> ?p ?o }}")
    build([inputs], full, curation=edited)
    export(updated / "store", "nquads", tmp_path / "updated.nq")
    export(full / "store", "nquads", tmp_path / "full.nq")
    assert sorted((tmp_path / "updated.nq").read_text().splitlines()) == sorted(
        (tmp_path / "full.nq").read_text().splitlines())


def test_curation_malformed_file_names_the_line_and_keeps_the_output(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([inputs], out)
    before = (out / "manifest.json").read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(CURATION + "approve,益阳市行政审批服务局,implements,放管服,,,张三,,\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"bad\.csv:8: unknown action 'approve'"):
        build([inputs], out, curation=bad)
    result = CliRunner().invoke(app, ["build", str(inputs), "--out", str(out), "--curation", str(bad)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"error: {bad}:8: unknown action 'approve'; one of accept, reject, "
                                                  "merge, rename"]
    assert (out / "manifest.json").read_bytes() == before and (out / "store" / "CURRENT").is_file()
    bad.write_text("action,subject,predicate,object,curator\nreject,益阳市行政审批服务局,implements,,张三\n")
    with pytest.raises(ResourceError, match=r":2: reject takes a subject alone"):
        read_curation(bad)


def test_curation_kg_curate_writes_keys_and_suggests_near_names(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([SEEDS], out)
    target = tmp_path / "curation.csv"
    common = ["--store", str(out / "store"), "--curation", str(target), "--curator", "张三"]
    runner = CliRunner()
    result = runner.invoke(app, ["curate", "merge", "办不成事", "高效办成一件事", *common])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["curate", "reject", "益阳市行政审批服务局", "implements", "一网通", *common])
    assert result.exit_code == 1 and "near names: 一网通办" in result.output
    result = runner.invoke(app, ["curate", "reject", "益阳市行政审批服务局", "implements", "五到位", *common])
    assert result.exit_code == 1 and "no fact" in result.output  # never extracted: nothing to reject
    result = runner.invoke(app, ["curate", "accept", "益阳市行政审批服务局", "implements", "五到位", *common])
    assert result.exit_code == 1 and "--quote" in result.output
    result = runner.invoke(app, ["curate", "accept", "益阳市行政审批服务局", "implements", "五到位", *common,
                                 "--report", YIYANG, "--quote", FIVE_QUOTE])
    assert result.exit_code == 0, result.output
    decisions = read_curation(target)
    assert [(d.action, d.subject, d.object, d.curator) for d in decisions] == [
        ("merge", "Reform/办不成事", "Reform/高效办成一件事", "张三"),
        ("accept", "Agency/益阳市行政审批服务局", "Reform/五到位@000_305e9a0e456975a1", "张三")]
