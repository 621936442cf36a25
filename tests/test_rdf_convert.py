"""Extraction -> quads on real seed text: labels, mentions, evidence, report metadata, determinism."""

from __future__ import annotations

import hashlib
import logging

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from seed_extractions import SEED_000, seed_000, seed_001, seed_002

from kg.model import Evidence, Mention, Relation
from kg.namespace import PREFIXES
from kg.rdf import Minter, graph_name, to_quads

MINT = Minter()
PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in {**PREFIXES, **MINT.prefixes()}.items())


def _store(*extractions) -> ox.Store:
    store = ox.Store()
    for extraction in extractions:
        store.extend(to_quads(extraction))
    return store


def _select(store: ox.Store, query: str) -> list[dict[str, str]]:
    solutions = store.query(PROLOGUE + query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in solutions]


def _rdflib(quads: list[ox.Quad]) -> rdflib.Graph:
    return rdflib.Graph().parse(data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES),
                                format="nt")


def test_rdf_quads_have_no_blank_nodes_and_live_in_the_report_graph() -> None:
    extraction = seed_000()
    quads = to_quads(extraction)
    assert len(quads) == len(set(quads)) > 500
    assert {q.graph_name for q in quads} == {graph_name(extraction)}
    assert graph_name(extraction).value == "https://w3id.org/govkg/report/000_305e9a0e456975a1/graph"
    for quad in quads:
        assert not any(isinstance(t, ox.BlankNode) for t in (quad.subject, quad.object))


def test_rdf_two_builds_are_identical_and_isomorphic() -> None:
    first, second = to_quads(seed_000()), to_quads(seed_000())
    assert first == second
    assert isomorphic(_rdflib(first), _rdflib(second))


def test_rdf_same_entity_same_iri_across_reports() -> None:
    store = _store(seed_000(), seed_001())
    rows = _select(store, """SELECT ?g WHERE {
        GRAPH ?g { ?p a gk:Platform ; skos:prefLabel "好差评系统"@zh-Hans } }""")
    assert {r["g"] for r in rows} == {MINT.graph("000_305e9a0e456975a1"), MINT.graph("001_c41a6bf51d27d1a9")}
    (row,) = _select(store, """SELECT DISTINCT ?p WHERE {
        ?p a gk:Platform ; skos:prefLabel "好差评系统"@zh-Hans }""")
    assert row["p"] == "https://w3id.org/govkg/id/Platform/好差评系统"


def test_rdf_each_entity_has_one_simplified_preflabel_equal_to_its_name() -> None:
    extraction = seed_000()
    store = _store(extraction)
    for ent in extraction.entities:
        iri = MINT.entity(ent.key)
        labels = list(store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(PREFIXES["skos"] + "prefLabel"),
                                              None, None))
        assert [(q.object.value, q.object.language) for q in labels] == [(ent.name, "zh-hans")]
        rdfs_labels = store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(PREFIXES["rdfs"] + "label"),
                                              None, None)
        assert [q.object.value for q in rdfs_labels] == [ent.name]


def test_rdf_traditional_alias_is_zh_hant_and_its_folding_zh_hans() -> None:
    store = _store(seed_001())
    rows = _select(store, """SELECT ?alias (LANG(?alias) AS ?lang) WHERE {
        agency:新余市行政审批局 skos:altLabel ?alias }""")
    assert {(r["alias"], r["lang"]) for r in rows} == {
        ("市行政審批局", "zh-hant"), ("市行政审批局", "zh-hans"), ("我局", "zh-hans")}


def test_rdf_mentions_are_anchored_by_offsets_and_their_sentence() -> None:
    """The quote of a mention is its sentence's text (stored once) cut at the mention's offsets."""
    extraction = seed_000()
    text = extraction.document.text
    rows = _select(_store(extraction), """SELECT ?entity ?start ?end ?s_start ?sentence ?source ?rule WHERE {
        ?m a gk:Mention ; oa:hasBody ?entity ; gk:start ?start ; gk:end ?end ;
           gk:extractionRule/rdfs:label ?rule ; gk:inSentence ?s .
        ?s a gk:Sentence ; oa:hasSource ?source ; gk:start ?s_start ; rdf:value ?sentence }""")
    assert len(rows) == sum(len(e.mentions) for e in extraction.entities)
    for row in rows:
        start, end, s_start = int(row["start"]), int(row["end"]), int(row["s_start"])
        assert text[s_start:s_start + len(row["sentence"])] == row["sentence"]
        exact = row["sentence"][start - s_start:end - s_start]
        assert exact == text[start:end] and exact
        row["exact"] = exact
        assert row["source"] == MINT.report(extraction.document.doc_id)
        assert row["rule"] == "lexicon"
    assert {(r["exact"], r["start"]) for r in rows if r["entity"].endswith("/Reform/一件事一次办")} == {
        ("一件事一次办", str(text.index("一件事一次办"))),
        ("一件事一次办", str(text.index("一件事一次办", text.index("一件事一次办") + 1)))}
    # the motivation and superclass are implied by the class (ontology), not stated per mention
    assert not _select(_store(extraction), "SELECT ?m WHERE { ?m oa:motivatedBy ?x }")
    assert not _select(_store(extraction), "SELECT ?m WHERE { ?m a oa:Annotation }")


def test_rdf_sentence_text_is_the_report_as_written() -> None:
    """新余's report is in Traditional characters: its sentences are stored as written, not folded."""
    extraction = seed_001()
    text = extraction.document.text
    rows = _select(_store(extraction), """SELECT ?sentence ?start ?end WHERE {
        ?s a gk:Sentence ; gk:start ?start ; gk:end ?end ; rdf:value ?sentence }""")
    assert rows
    for row in rows:
        assert row["sentence"] == text[int(row["start"]):int(row["end"])]
    assert any("扎實推動“高效辦成一件事”改革" in row["sentence"] for row in rows)


def test_rdf_mention_status_and_sentence_follow_the_document() -> None:
    extraction = seed_000()
    text = extraction.document.text
    rows = _select(_store(extraction), """SELECT ?status ?sentence ?s_start ?s_end WHERE {
        ?m a gk:Mention ; oa:hasBody reform:放管服 ; gk:inSentence ?s .
        ?s a gk:Sentence ; gk:start ?s_start ; gk:end ?s_end ; rdf:value ?sentence .
        OPTIONAL { ?s gk:status ?sentence_status } OPTIONAL { ?m gk:status ?own_status }
        BIND(COALESCE(?own_status, ?sentence_status) AS ?status) }""")
    (row,) = rows
    assert row["status"] == PREFIXES["gk"] + "planned"  # 放管服 is in 二、2022年工作思路 (its sentence's status)
    assert row["sentence"] == text[int(row["s_start"]):int(row["s_end"])]
    assert "深入推进“放管服”改革向基层延伸" in row["sentence"]


def test_rdf_relation_is_a_triple_and_an_assertion_with_evidence() -> None:
    extraction = seed_000()
    rows = _select(_store(extraction), """SELECT ?rule ?conf ?status ?start ?end ?a WHERE {
        agency:益阳市行政审批服务局 gk:implements reform:放管服 .
        ?a a gk:Assertion ; rdf:subject agency:益阳市行政审批服务局 ;
           rdf:predicate gk:implements ; rdf:object reform:放管服 ;
           prov:wasDerivedFrom ?report ; gk:hasEvidence ?e .
        ?e a gk:Evidence ; gk:extractionRule/rdfs:label ?rule ;
           gk:confidence ?conf ; gk:status ?status ; gk:start ?start ; gk:end ?end }""")
    (row,) = rows
    (relation,) = [r for r in extraction.relations if r.object == "Reform/放管服"]
    planned = PREFIXES["gk"] + "planned"
    assert (row["rule"], row["conf"], row["status"]) == ("implements.trigger", "0.85", planned)
    assert (int(row["start"]), int(row["end"])) == (relation.evidence[0].start, relation.evidence[0].end)


def test_rdf_relation_without_evidence_still_has_its_triple_and_assertion() -> None:
    rows = _select(_store(seed_000()), """SELECT ?a (COUNT(?e) AS ?n) WHERE {
        ?a rdf:predicate gk:locatedIn ; rdf:object place:益阳市 .
        agency:益阳市行政审批服务局 gk:locatedIn place:益阳市 .
        OPTIONAL { ?a gk:hasEvidence ?e } } GROUP BY ?a""")
    assert [r["n"] for r in rows] == ["0"]


def test_rdf_assertions_state_their_own_class_and_entities_their_superclasses() -> None:
    """An assertion is typed gk:Assertion alone (the ontology implies rdf:Statement and prov:Entity: two quads a
    fact less); an entity keeps its superclasses, which the shapes' sh:class tests read."""
    (row,) = _select(_store(seed_000()), """SELECT (COUNT(DISTINCT ?a) AS ?assertions) (COUNT(?type) AS ?types)
        WHERE { ?a a gk:Assertion ; a ?type }""")
    assert int(row["assertions"]) > 5 and row["types"] == row["assertions"]
    (row,) = _select(_store(seed_000()), """SELECT (COUNT(*) AS ?n) WHERE {
        agency:益阳市行政审批服务局 a gk:Agency , org:Organization , foaf:Agent }""")
    assert row["n"] == "1"


def test_rdf_suborganization_uses_org_directly_and_collaborations_are_typed() -> None:
    store = _store(seed_000())
    group = "https://w3id.org/govkg/id/Agency/益阳市行政审批服务局法治建设工作领导小组"
    assert bool(store.query(PROLOGUE + f"""ASK {{ <{group}> org:subOrganizationOf
        agency:益阳市行政审批服务局 ; a org:OrganizationalCollaboration }}""",
                            use_default_graph_as_union=True))
    assert not bool(store.query(PROLOGUE + """ASK { agency:中共益阳市委员会
        a org:OrganizationalCollaboration }""", use_default_graph_as_union=True))


def test_rdf_law_has_rank_and_standard_types_and_post_is_org_post() -> None:
    store = _store(seed_000())
    rows = _select(store, """SELECT ?rank WHERE { law:中华人民共和国民法典
        a eli:LegalResource , schema:Legislation ; eli:type_document ?rank }""")
    assert [r["rank"] for r in rows] == [PREFIXES["gk"] + "lawRank"]
    rows = _select(store, """SELECT ?title ?org WHERE { person:杨志武 org:holds ?post .
        ?post a org:Post ; skos:prefLabel ?title ; org:postIn ?org }""")
    assert rows == [{"title": "法律顾问", "org": "https://w3id.org/govkg/id/Agency/益阳市行政审批服务局"}]
    rows = _select(store, "SELECT ?code WHERE { place:益阳市 gk:divisionCode ?code }")
    assert rows == [{"code": "430900"}]


def test_rdf_eli_passed_by_only_for_legal_resources() -> None:
    extraction = seed_000()
    query = "ASK { ?doc eli:passed_by agency:益阳市行政审批服务局 }"
    assert not bool(_store(extraction).query(PROLOGUE + query, use_default_graph_as_union=True))
    doc = extraction.entity("PolicyDocument/益阳市行政审批服务局2021年法治建设工作要点")
    doc.attributes["rank"] = "normative"
    assert bool(_store(extraction).query(PROLOGUE + query, use_default_graph_as_union=True))


def test_rdf_report_metadata() -> None:
    rows = _select(_store(seed_000()), """SELECT ?year ?creator ?place ?sha ?format ?path WHERE {
        ?r a gk:Report ; gk:coversYear ?year ; dcterms:creator ?creator ; dcterms:spatial ?place ;
           prov:wasDerivedFrom ?file .
        ?file gk:sourcePath ?path ; dcterms:format ?format ; spdx:checksum/spdx:checksumValue ?sha }""")
    assert rows == [{"year": "2021", "creator": "https://w3id.org/govkg/id/Agency/益阳市行政审批服务局",
                     "place": "https://w3id.org/govkg/id/Place/益阳市",
                     "sha": hashlib.sha256(SEED_000.read_bytes()).hexdigest(),
                     "format": "https://www.iana.org/assignments/media-types/text/plain",
                     "path": str(SEED_000)}]
    rows = _select(_store(seed_001()), """
        SELECT ?issued (DATATYPE(?issued) AS ?dt) (LANG(?title) AS ?lang) WHERE {
        ?r a gk:Report ; dcterms:issued ?issued ; dcterms:title ?title }""")
    assert rows == [{"issued": "2025-01-10", "dt": PREFIXES["xsd"] + "date", "lang": "zh-hant"}]


def test_rdf_report_summary_counts_and_lists_the_reforms_it_mentions() -> None:
    """The summary written at build time says what counting the report's reform mentions says."""
    for extraction in (seed_000(), seed_001()):
        store = _store(extraction)
        summary = _select(store, "SELECT ?n ?labels WHERE { ?r gk:reformCount ?n ; gk:reformLabels ?labels }")
        counted = _select(store, """SELECT (COUNT(DISTINCT ?reform) AS ?n) WHERE {
            ?r a gk:Report ; schema:mentions ?reform . ?reform a gk:Reform }""")
        labels = _select(store, """SELECT DISTINCT ?label WHERE {
            ?r a gk:Report ; schema:mentions ?reform . ?reform a gk:Reform ; skos:prefLabel ?label }""")
        assert len(summary) == 1 and int(summary[0]["n"]) == int(counted[0]["n"]) >= 1
        assert summary[0]["labels"].split(" | ") == sorted(row["label"] for row in labels)


def test_rdf_bad_offsets_and_dangling_relations_are_skipped_with_a_warning(caplog) -> None:
    extraction = seed_000()
    extraction.entities[0].mentions.append(Mention(10**6, 10**6 + 2, "Agency", "我局", "我局", "lexicon"))
    extraction.relations.append(Relation("Agency/不存在的机构", "implements", "Reform/放管服",
                                         [Evidence(None, 0, 4, "x", 0.5)]))
    extraction.relations[0].status = "finished"  # not a status of gk:statusScheme
    with caplog.at_level(logging.WARNING, logger="kg.rdf.convert"):
        quads = to_quads(extraction)
    assert "outside the text" in caplog.text and "不存在的机构" in caplog.text
    assert "unknown status 'finished'" in caplog.text
    assert not any("不存在的机构" in q.subject.value for q in quads)


@pytest.mark.parametrize(("value", "datatype"), [("2022-01-04", "date"), ("2022-01-04 16:46", "dateTime")])
def test_rdf_publish_date_typed_by_precision(value: str, datatype: str) -> None:
    extraction = seed_000()
    extraction.report.publish_date = value
    (quad,) = [q for q in to_quads(extraction) if q.predicate.value.endswith("/issued")]
    assert quad.object.datatype.value == PREFIXES["xsd"] + datatype


def test_rdf_eli_statements_between_legal_resources() -> None:
    extraction = seed_002()
    store = _store(extraction)
    assert bool(store.query(PROLOGUE + "ASK { law:重大行政决策程序暂行条例 eli:passed_by agency:国务院 }",
                            use_default_graph_as_union=True))
    # a body citing a law is gk:cites only: an agency is not an eli:LegalResource
    assert not bool(store.query(PROLOGUE + "ASK { ?s eli:cites ?o }", use_default_graph_as_union=True))
    # mechanics only (not a statement of the text): a ranked document citing a regulation is also eli:cites
    rule = "PolicyDocument/监利市人民政府重大行政决策程序规定"
    extraction.relations.append(Relation(rule, "cites", "Law/重大行政决策程序暂行条例"))
    store = _store(extraction)
    ask = (f"ASK {{ <{MINT.entity(rule)}> eli:cites law:重大行政决策程序暂行条例 ; "
           "a eli:LegalResource ; eli:type_document gk:normativeDocumentRank }")
    assert bool(store.query(PROLOGUE + ask, use_default_graph_as_union=True))
