"""Text from documents can hold anything: every export format writes it so that a parser reads back the same graph.

The document is a real seed with a sentence whose policy title holds quotes, a backslash, ``<`` ``>`` and
``&``, plus a sentence with a tab followed by a CR LF, in a file whose name has ``"`` ``<`` ``>`` ``&`` (it
names the report's IRIs).
The reference graph is made term by term from the quads, with no serialiser in between.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.build import attempt
from kg.errors import StoreError
from kg.export import export
from kg.rdf import to_quads
from kg.store import add_report

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_305e9a0e456975a1.txt"
TITLE = '关于"放管服"改革\\的<若干>规定'
WEIRD = f"我局制定了《{TITLE}》，印发'一件事一次办'&工作方案]]>。"
LAYOUT = "标题含\t制表符、深化“放管服”改革和\r\n回车换行的句子。"  # the mention makes its sentence stored
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def write_report(folder: Path, weird: str = WEIRD) -> Path:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    path = folder / 'a"b<c>&d.txt'
    path.write_text("\n".join([*lines[:3], weird, LAYOUT, *lines[3:]]), encoding="utf-8", newline="")
    return path


@pytest.fixture(scope="module")
def quads(tmp_path_factory) -> list[ox.Quad]:
    extraction = attempt(write_report(tmp_path_factory.mktemp("weird")))
    assert not hasattr(extraction, "problem"), extraction
    return to_quads(extraction)


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return rdflib.Literal(term.value, datatype=None if datatype in (XSD_STRING, RDF_LANG_STRING) else datatype)


def reference(quads: list[ox.Quad]) -> set[tuple]:
    return {tuple(rdflib_term(t) for t in (q.subject, q.predicate, q.object)) for q in quads}


def test_robust_export_document_really_carries_the_characters(quads) -> None:
    values = [q.object.value for q in quads if isinstance(q.object, ox.Literal)]
    assert TITLE in values  # the policy's label
    assert any(WEIRD in value for value in values)  # the exact quote of its mention's sentence
    # a sentence's text keeps its tab; CR LF ends a sentence, and no literal spans sentences any more (decision 14)
    assert any("\t" in value and "放管服" in value for value in values)
    assert any("&" in q.subject.value and "%22" in q.subject.value for q in quads)


@pytest.mark.parametrize(("fmt", "rdflib_format", "ox_format"), [
    ("turtle", "turtle", ox.RdfFormat.TURTLE), ("ntriples", "nt", ox.RdfFormat.N_TRIPLES),
    ("rdfxml", "xml", ox.RdfFormat.RDF_XML),
])
def test_robust_export_merged_formats_round_trip(quads, tmp_path: Path, fmt, rdflib_format, ox_format) -> None:
    store = ox.Store()
    add_report(store, quads)
    out = tmp_path / f"graph.{fmt}"
    export(store, fmt, out)

    by_rdflib = rdflib.Graph().parse(out, format=rdflib_format)
    by_oxigraph = {tuple(rdflib_term(t) for t in (x.subject, x.predicate, x.object))
                   for x in ox.parse(path=str(out), format=ox_format)}

    assert set(by_rdflib) == reference(quads)
    assert by_oxigraph == reference(quads)


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_robust_export_dataset_formats_round_trip(quads, tmp_path: Path, fmt, rdflib_format) -> None:
    store = ox.Store()
    add_report(store, quads)
    out = tmp_path / f"graph.{fmt}"
    export(store, fmt, out)

    dataset = rdflib.Dataset().parse(out, format=rdflib_format)
    (graph_name,) = {q.graph_name.value for q in quads}
    parsed = dataset.graph(rdflib.URIRef(graph_name))

    assert set(parsed) == reference(quads)


def test_robust_export_rdfxml_refuses_what_xml_cannot_hold(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    extraction = attempt(write_report(folder, WEIRD.replace("》", "》\f")))  # a form feed: a page break
    store = ox.Store()
    add_report(store, to_quads(extraction))
    out = tmp_path / "graph.rdf"
    out.write_text("previous", encoding="utf-8")

    with pytest.raises(StoreError, match=r"RDF/XML cannot hold the character U\+000C"):
        export(store, "rdfxml", out)
    assert out.read_text(encoding="utf-8") == "previous"
    export(store, "turtle", tmp_path / "graph.ttl")  # the other formats escape it
    assert any("\f" in str(o) for o in rdflib.Graph().parse(tmp_path / "graph.ttl").objects())
