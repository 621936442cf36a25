"""Who builds or runs a platform (gk:operates, kg/relations/operation.py): by its name, by a trigger verb in its
clause, else by the place it is named for; on real sentences and on the graph of seeds + ../shared/corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_store import built_corpus, needs_corpus, select

from kg.goldjson import to_gold_schema
from kg.validate import validate
from tests.report_text import extract_text

# Real sentences: seed 000 (益阳市行政审批服务局), seed 001 (新余市行政审批局), ../shared/corpus/03 (防城港).
BUREAU_REPORT = (
    "益阳市行政审批服务局2021年法治政府建设工作报告\n"
    "五是大力开展正反典型宣传活动。利用局门户网站、微信公众号、电子显示屏、宣传栏等形式，大力弘扬遵纪守法的正气。\n"
    "以新型智慧城市建设为底座，于9月30日上线“益办事”APP，为广大市民提供便捷服务。\n"
    "一是健全完善监督反映渠道。充分依托省政务服务平台“好差评”系统、12345政务服务热线、政务大厅窗口受理投诉。\n"
    "要求局各科室工作人员参加中国庭审公开网线上旁听庭审。\n"
)


def _operators(tmp_path: Path, text: str) -> set[tuple[str, str]]:
    """By the default pipeline: the character tagger finds 局门户网站, which the rules alone leave out."""
    extraction = extract_text(tmp_path, text, learned=True)
    names = {e.key: e.name for e in extraction.entities}
    return {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "operates"}


def test_platform_named_after_its_body_or_launched_by_the_author(tmp_path: Path) -> None:
    operates = _operators(tmp_path, BUREAU_REPORT)
    assert ("益阳市行政审批服务局", "益阳市行政审批服务局门户网站") in operates  # 局门户网站: the author's own
    assert ("益阳市行政审批服务局", "益办事APP") in operates  # 上线“益办事”APP


def test_a_province_platform_is_the_provinces_not_the_city_bureaus(tmp_path: Path) -> None:
    """依托省政务服务平台: the city bureau relies on it; the province's government runs it. 中国庭审公开网 is a national
    site a city bureau does not run: no operator."""
    operates = _operators(tmp_path, BUREAU_REPORT)
    platform = next(p for _, p in operates if p.endswith("省政务服务平台"))
    assert ("湖南省人民政府", platform) in operates
    assert ("益阳市行政审批服务局", platform) not in operates
    assert not {o for o in operates if o[1] == "中国庭审公开网"}


def test_operates_stays_out_of_the_gold_schema(tmp_path: Path) -> None:
    extraction = extract_text(tmp_path, BUREAU_REPORT)
    assert any(r.predicate == "operates" for r in extraction.relations)
    predicates = {r["p"] for r in to_gold_schema(extraction)["relations"]}
    assert "operates" not in predicates


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_corpus(tmp_path_factory)


@needs_corpus
def test_most_platforms_of_the_corpus_graph_have_an_operator(corpus_graph: Path) -> None:
    """Before gk:operates all 92 Platform nodes of this graph were orphans; now most have an operator."""
    [row] = select(corpus_graph, """
        SELECT (COUNT(DISTINCT ?p) AS ?all) (COUNT(DISTINCT ?run) AS ?operated) WHERE {
          { ?p a gk:Platform } UNION { ?run a gk:Platform . ?body gk:operates ?run }
        }""")
    assert int(row["operated"]) >= 0.6 * int(row["all"]) > 0


@needs_corpus
def test_operators_in_the_corpus_graph_with_their_provenance(corpus_graph: Path) -> None:
    rows = select(corpus_graph, """
        SELECT ?body ?platform ?rule ?report WHERE {
          ?assertion rdf:predicate gk:operates ; rdf:subject ?b ; rdf:object ?p ; prov:wasDerivedFrom ?report ;
                     gk:hasEvidence/gk:extractionRule/<http://www.w3.org/2000/01/rdf-schema#label> ?rule .
          GRAPH ?g { ?b skos:prefLabel ?body } GRAPH ?h { ?p skos:prefLabel ?platform }
        }""")
    found = {(r["body"], r["platform"], r["rule"], r["report"].rsplit("/", 1)[-1]) for r in rows}
    assert ("益阳市行政审批服务局", "益办事APP", "operates.trigger:上线", "000_305e9a0e456975a1") in found
    assert ("陕西省人民政府", "一张网公共资源交易平台", "operates.trigger:建成", "08_shaanxi_gwr_2026") in found
    assert ("江西省人民政府", "江西省政务服务平台", "operates.name-place", "001_c41a6bf51d27d1a9") in found
    assert ("防城港市人民政府", "防城港市人民政府门户网站", "operates.name", "003_800e7386b3b145c4") in found
    assert not {f for f in found if f[1] == "江西省政务服务平台" and f[0] == "新余市行政审批局"}


@needs_corpus
def test_the_corpus_graph_keeps_the_shapes(corpus_graph: Path) -> None:
    """operates edges, the speakers' posts and their evidence all conform (a speaker's evidence once ran into the
    header line above it)."""
    report = validate(corpus_graph / "store", jobs=1)
    assert report.conforms, [p.message for p in report.problems][:5]
