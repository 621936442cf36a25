"""`kg validate`: the seeds' graph satisfies ontology/shapes.ttl, and deliberately broken graphs fail with the
broken rule and the offending node named."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.namespace import RDF, RDFS, SH, SKOS
from seed_store import built_seeds
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import ResourceError
from kg.namespace import ELI, GK, OA, ORG, PROV, SPDX
from kg.query import compact
from kg.rdf import Minter
from kg.validate import read_graph, validate_graph

BUREAU = rdflib.URIRef("https://w3id.org/govkg/id/Agency/益阳市行政审批服务局")
CONSTITUTION = rdflib.URIRef("https://w3id.org/govkg/id/Law/中华人民共和国宪法")
SCHEMA = rdflib.Namespace("https://schema.org/")
ROOT = Path(__file__).resolve().parents[1]
FANGCHENGGANG = "003_800e7386b3b145c4"  # seed 003, 防城港市大数据和行政审批局 2021


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return built_seeds(tmp_path_factory)


def test_semantic_validate_passes_on_the_seeds(out: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "--store", str(out / "store")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("valid:") and "0 violation(s)" in result.stdout


def test_semantic_validate_fails_naming_each_violation(out: Path, tmp_path: Path) -> None:
    broken = report_graph(out, YIYANG)  # one report: a third of the time of the whole seeds graph
    broken.remove((BUREAU, SKOS.prefLabel, None))  # no preferred label
    broken.add((CONSTITUTION, RDF.type, GK.Agency))  # two entity classes
    mention = next(broken.subjects(RDF.type, GK.Mention))
    broken.set((mention, GK.confidence, rdflib.Literal("1.5", datatype=rdflib.XSD.decimal)))
    assertion = next(broken.subjects(RDF.predicate, GK.implements))
    subject, object_ = broken.value(assertion, RDF.subject), broken.value(assertion, RDF.object)
    for other in list(broken.subjects(RDF.object, object_)):  # the relation triple loses every reification
        if broken.value(other, RDF.subject) == subject:
            broken.remove((other, None, None))
    path = tmp_path / "broken.ttl"
    broken.serialize(path, format="turtle")

    result = CliRunner().invoke(app, ["validate", "--data", str(path)])
    assert result.exit_code == 1
    report = result.output
    assert report.startswith("NOT valid")
    assert "an entity needs exactly one preferred label" in report and "agency:益阳市行政审批服务局" in report
    assert "exactly one entity class" in report and "law:中华人民共和国宪法" in report
    assert "confidence is one decimal between 0 and 1" in report and "= 1.5" in report
    assert "has no gk:Assertion saying which report states it" in report


def test_semantic_validate_relation_range_and_offsets(out: Path) -> None:
    broken = report_graph(out, YIYANG)
    broken.add((BUREAU, GK.implements, CONSTITUTION))  # a law is not a reform
    mention = next(broken.subjects(RDF.type, GK.Mention))
    start = int(broken.value(mention, GK.start))
    broken.set((mention, GK.end, rdflib.Literal(start)))  # empty span
    report = validate_graph(broken)
    assert not report.conforms
    messages = {problem.message.split(" / ")[0] for problem in report.violations()}
    assert "what a body implements is a reform (gk:Reform)" in messages
    assert any(message.startswith("a mention or evidence has one start offset") for message in messages)
    (wrong,) = [p for p in report.violations() if p.message.startswith("what a body implements")]
    assert (wrong.focus, wrong.value) == ("agency:益阳市行政审批服务局", "law:中华人民共和国宪法")


def report_graph(out: Path, doc_id: str) -> rdflib.Graph:
    """One report's graph alone, as the build stored it: validating one report is a third of the time."""
    store = ox.Store.read_only(str(out / "store"))
    quads = store.quads_for_pattern(None, None, None, ox.NamedNode(Minter().graph(doc_id)))
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def test_semantic_validate_metrics_are_numbers_with_units_and_evidence(out: Path) -> None:
    """The metrics extracted from seed 003 (目前,我市市縣兩級精品套餐1114套,申請材料減少了1200項以上) conform;
    a value that is not a number and a metric without evidence do not."""
    graph = report_graph(out, FANGCHENGGANG)
    assert validate_graph(graph).conforms
    by_phrase = {str(graph.value(m, RDFS.label)): m for m in graph.subjects(RDF.type, GK.Metric)}
    packages = next(m for phrase, m in by_phrase.items() if phrase.endswith("精品套餐1114套"))
    materials = next(m for phrase, m in by_phrase.items() if phrase.endswith("申請材料減少了1200項以上"))
    assert graph.value(packages, SCHEMA.unitText) == rdflib.Literal("套")
    graph.set((packages, SCHEMA.value, rdflib.Literal("1114套")))
    graph.remove((materials, GK.hasEvidence, None))
    report = validate_graph(graph)
    (number,) = [p for p in report.violations() if p.message.startswith("a metric has exactly one value")]
    assert (number.value, number.focus) == ("1114套", compact(ox.NamedNode(str(packages))))
    (unanchored,) = [p for p in report.violations() if p.message.startswith("a metric needs evidence")]
    assert unanchored.focus == compact(ox.NamedNode(str(materials)))
    assert any(p.message.startswith("evidence belongs to exactly one fact") for p in report.violations())


def test_semantic_validate_unreadable_input_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"bad\.ttl: cannot parse"):
        read_graph(bad)
    result = CliRunner().invoke(app, ["validate", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2 and "no store here" in " ".join(result.output.split())


# One breakage per shape of ontology/shapes.ttl, all in one graph (one validation run): the shape's name, what
# is broken, and the start of the message the shape must report. A shape removed or loosened loses its line.
_EX = rdflib.Namespace("https://example.org/broken/")
YIYANG = "000_305e9a0e456975a1"  # seed 000, 益阳市行政审批服务局 2021
XINYU = "001_c41a6bf51d27d1a9"  # seed 001, 新余市行政审批局 2024
REFORM = rdflib.URIRef("https://w3id.org/govkg/id/Reform/一件事一次办")
CITY = rdflib.URIRef("https://w3id.org/govkg/id/Place/益阳市")
SHAPE_BREAKAGES = {
    "EntityShape": "an entity needs exactly one preferred label",
    "LabelShape": "an alternative label is a language-tagged, non-empty string",
    "PlaceShape": "a division code is one NBS code",
    "LegalRankShape": "only a legal resource (eli:LegalResource) has a legal rank",
    "PersonShape": "a person holds posts (org:Post)",
    "PostShape": "a post needs exactly one title",
    "ImplementsShape": "what a body implements is a reform",
    "IssuedShape": "what a body issues is a document or a law",
    "CitesShape": "what is cited is a law or a document",
    "PromotesShape": "what a body studies or publicises is a law",
    "LocatedInShape": "a body is located in a place",
    "EmploysShape": "whom a body employs is a person",
    "OperatesShape": "what a body operates is a platform",
    "SubOrganizationShape": "only an organisation is a sub-organisation",
    "RelationProvenanceShape": "relation ",  # ... has no gk:Assertion saying which report states it
    "AssertionShape": "an assertion's predicate is one of the eight relation properties",
    "AnnotationShape": "confidence is one decimal between 0 and 1",
    "EvidenceShape": "evidence belongs to at most one year, an xsd:gYear",
    "MentionShape": "a mention is of exactly one entity",
    "SentenceShape": "a sentence holds its text once",
    "ReportShape": "a report covers at most one year",
    "FileShape": "a report is derived from exactly one source file",  # seen through the report's sh:node
    "ChecksumShape": "a report is derived from exactly one source file",  # through file, then checksum
    "MetricShape": "a metric has exactly one value, a number",
}


def _first(graph: rdflib.Graph, kind: rdflib.URIRef) -> rdflib.term.Node:
    return sorted(graph.subjects(RDF.type, kind))[0]


def _break_entities(g: rdflib.Graph) -> dict[str, rdflib.term.Node]:
    """Entities, places, ranks, people and posts; each breakage's focus node by shape."""
    g.remove((BUREAU, SKOS.prefLabel, None))
    g.add((CITY, SKOS.altLabel, rdflib.Literal("益阳")))  # no language tag
    g.set((CITY, GK.divisionCode, rdflib.Literal("4309000")))  # seven digits
    g.add((REFORM, ELI.type_document, rdflib.URIRef(f"{GK}law")))  # a reform with a legal rank
    lawyer = rdflib.URIRef(Minter().entity("Person/杨志武@益阳市"))  # 聘请湖南银城律师事务所杨志武担当法律顾问
    g.add((lawyer, ORG.holds, BUREAU))  # holds a body, not a post
    post = _first(g, ORG.Post)
    g.remove((post, SKOS.prefLabel, None))
    return {"EntityShape": BUREAU, "LabelShape": CITY, "PlaceShape": CITY, "LegalRankShape": REFORM,
            "PersonShape": lawyer, "PostShape": post}


def _break_relations(g: rdflib.Graph) -> dict[str, rdflib.term.Node]:
    """Relations of the wrong range or domain (none with an assertion), and an assertion's predicate."""
    for predicate, object_ in ((GK.implements, CONSTITUTION), (GK.promotes, REFORM), (GK.locatedIn, CONSTITUTION),
                               (GK.employs, CONSTITUTION), (GK.issued, REFORM), (GK.cites, REFORM),
                               (GK.operates, CONSTITUTION)):
        g.add((BUREAU, predicate, object_))
    g.add((REFORM, ORG.subOrganizationOf, BUREAU))
    assertion = _first(g, GK.Assertion)
    g.set((assertion, RDF.predicate, SKOS.related))
    shapes = ("ImplementsShape", "PromotesShape", "LocatedInShape", "EmploysShape", "IssuedShape", "CitesShape",
              "OperatesShape", "RelationProvenanceShape")
    return {**dict.fromkeys(shapes, BUREAU), "SubOrganizationShape": REFORM, "AssertionShape": assertion}


def _break_annotations(g: rdflib.Graph) -> dict[str, rdflib.term.Node]:
    """Mentions, evidence, sentences and metrics."""
    mention, other_mention = sorted(g.subjects(RDF.type, GK.Mention))[:2]
    g.set((mention, GK.confidence, rdflib.Literal("1.5", datatype=rdflib.XSD.decimal)))
    g.remove((other_mention, OA.hasBody, None))
    evidence = _first(g, GK.Evidence)
    g.set((evidence, GK.factYear, rdflib.Literal(2021)))  # an integer, not a gYear
    sentence = _first(g, GK.Sentence)
    g.remove((sentence, RDF.value, None))
    metric = _first(g, GK.Metric)
    g.set((metric, SCHEMA.value, rdflib.Literal("1737项")))
    return {"AnnotationShape": mention, "MentionShape": other_mention, "EvidenceShape": evidence,
            "SentenceShape": sentence, "MetricShape": metric}


def _break_reports(g: rdflib.Graph) -> dict[str, rdflib.term.Node]:
    """A second year on 益阳's report, its file without a path, 新余's checksum cut to 62 digits."""
    yiyang_report, xinyu_report = (rdflib.URIRef(Minter().report(doc)) for doc in (YIYANG, XINYU))
    g.add((yiyang_report, GK.coversYear, rdflib.Literal("2020", datatype=rdflib.XSD.gYear)))
    g.remove((g.value(yiyang_report, PROV.wasDerivedFrom), GK.sourcePath, None))
    checksum = g.value(g.value(xinyu_report, PROV.wasDerivedFrom), SPDX.checksum)
    value = g.value(checksum, SPDX.checksumValue)
    g.set((checksum, SPDX.checksumValue, rdflib.Literal(str(value)[:62], datatype=value.datatype)))
    return {"ReportShape": yiyang_report, "FileShape": yiyang_report, "ChecksumShape": xinyu_report}


def _break_every_shape(yiyang: rdflib.Graph, xinyu: rdflib.Graph) -> tuple[rdflib.Graph, dict[str, str]]:
    """Seeds 000 and 001 with one breakage per shape; returns the graph and each breakage's focus node."""
    g = yiyang + xinyu
    focus = {**_break_entities(g), **_break_relations(g), **_break_annotations(g), **_break_reports(g)}
    return g, {shape: compact(ox.NamedNode(str(node))) for shape, node in focus.items()}


@pytest.fixture(scope="module")
def broken_everywhere(out: Path) -> tuple[dict[str, str], list]:
    graph, focus = _break_every_shape(report_graph(out, YIYANG), report_graph(out, XINYU))
    return focus, validate_graph(graph).violations()


def test_semantic_validate_every_shape_has_a_breakage_below() -> None:
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    names = {str(s).rsplit("#", 1)[-1] for s in shapes.subjects(RDF.type, SH.NodeShape)}
    assert names == set(SHAPE_BREAKAGES)


@pytest.mark.parametrize("shape", sorted(SHAPE_BREAKAGES))
def test_semantic_validate_each_shape_catches_its_breakage(broken_everywhere, shape: str) -> None:
    focus, violations = broken_everywhere
    found = {(p.message, p.focus) for p in violations}
    assert any(m.startswith(SHAPE_BREAKAGES[shape]) and f == focus[shape] for m, f in found), (
        shape, sorted(m.split(" / ")[0] for m, f in found if f == focus[shape]))
