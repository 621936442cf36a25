"""Write docs/ontology.md from ontology/govkg.ttl (and a summary of ontology/shapes.ttl), so the reference never
drifts from the ontology: every class and property with its labels, comments, axioms and alignment to the
standard vocabularies it reuses.

    python tools/make_ontology_doc.py           # rewrite docs/ontology.md
    python tools/make_ontology_doc.py --check   # exit 1 if docs/ontology.md is out of date (a test runs this)
"""

from __future__ import annotations

import sys
from pathlib import Path

import rdflib
from docgen import generate
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "govkg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
TARGET = ROOT / "docs" / "ontology.md"
GK = rdflib.Namespace("https://w3id.org/govkg/ontology#")
VANN = rdflib.Namespace("http://purl.org/vocab/vann/")
RELATION_TYPE = GK.relationType
VOCABULARIES = {  # prefix -> name of the standard, in the order the document lists them
    "org": "W3C Organization Ontology (ORG)", "eli": "European Legislation Identifier (ELI)",
    "prov": "W3C PROV-O", "skos": "W3C SKOS", "dcterms": "DCMI Metadata Terms (Dublin Core)",
    "oa": "W3C Web Annotation (OA)", "schema": "schema.org", "foaf": "FOAF", "spdx": "SPDX",
    "rdf": "RDF", "vann": "VANN",
}
KINDS = ((OWL.Class, "Classes"), (OWL.ObjectProperty, "Object properties"),
         (OWL.DatatypeProperty, "Datatype properties"), (OWL.AnnotationProperty, "Annotation properties"))


def short(graph: rdflib.Graph, node: rdflib.term.Node) -> str:
    """``prefix:local`` in backticks; a union as ``A ∪ B``; literals as text."""
    if isinstance(node, rdflib.BNode):
        members = graph.value(node, OWL.unionOf)
        if members is not None:
            return " ∪ ".join(short(graph, m) for m in Collection(graph, members))
        return "(anonymous)"
    if isinstance(node, rdflib.Literal):
        return str(node)
    return f"`{graph.namespace_manager.normalizeUri(node)}`"


def label(graph: rdflib.Graph, node: rdflib.term.Node, prop: rdflib.URIRef = RDFS.label) -> str:
    found = {str(lit.language or "").lower(): str(lit) for lit in graph.objects(node, prop)}
    return " / ".join(found[lang] for lang in ("zh-hans", "en") if lang in found)


def prefix_of(graph: rdflib.Graph, node: rdflib.term.Node) -> str:
    return graph.namespace_manager.normalizeUri(node).split(":", 1)[0] if isinstance(node, rdflib.URIRef) else ""


def standard_terms(graph: rdflib.Graph, nodes: list[rdflib.term.Node]) -> list[rdflib.URIRef]:
    """Named non-gk terms among ``nodes``, unions opened."""
    found = []
    for node in nodes:
        if isinstance(node, rdflib.BNode) and graph.value(node, OWL.unionOf) is not None:
            found += standard_terms(graph, list(Collection(graph, graph.value(node, OWL.unionOf))))
        elif isinstance(node, rdflib.URIRef) and node not in GK:
            found.append(node)
    return found


def alignment(graph: rdflib.Graph, term: rdflib.URIRef) -> str:
    """The standard terms an own term is tied to, by vocabulary: super terms first, then related ones."""
    direct = [*graph.objects(term, RDFS.subClassOf), *graph.objects(term, RDFS.subPropertyOf),
              *graph.objects(term, OWL.inverseOf), *graph.objects(term, RDFS.seeAlso)]
    typed = [o for o in graph.objects(term, RDF.type) if prefix_of(graph, o) not in ("owl", "")]
    terms = standard_terms(graph, direct + typed)
    if not terms:
        return "no standard term fits; tied to the standards through its domain and range (see above)"
    by_vocabulary: dict[str, list[str]] = {}
    for node in terms:
        by_vocabulary.setdefault(VOCABULARIES.get(prefix_of(graph, node), prefix_of(graph, node)), []).append(
            short(graph, node))
    return "; ".join(f"{name}: {', '.join(sorted(set(items)))}" for name, items in by_vocabulary.items())


def own_term(graph: rdflib.Graph, term: rdflib.URIRef) -> list[str]:
    lines = [f"### {short(graph, term)} — {label(graph, term)}", ""]
    rows = [("Subclass of", RDFS.subClassOf), ("Subproperty of", RDFS.subPropertyOf), ("Inverse of", OWL.inverseOf),
            ("Domain", RDFS.domain), ("Range", RDFS.range), ("Disjoint with", OWL.disjointWith),
            ("See also", RDFS.seeAlso), ("Relation type (gold schema)", RELATION_TYPE)]
    for title, prop in rows:
        values = sorted(short(graph, o) for o in graph.objects(term, prop))
        if values:
            lines.append(f"- {title}: {', '.join(values)}")
    extra = sorted(short(graph, o) for o in graph.objects(term, RDF.type) if o not in dict(KINDS))
    if extra:
        lines.append(f"- Also: {', '.join(extra)}")
    lines.append(f"- Alignment: {alignment(graph, term)}")
    for lit in sorted(graph.objects(term, RDFS.comment), key=lambda x: str(x.language) != "zh-hans"):
        lines.append(f"- {'说明' if str(lit.language).lower() == 'zh-hans' else 'Comment'}: {lit}")
    return [*lines, ""]


def disjoint_sets(graph: rdflib.Graph) -> list[str]:
    return [", ".join(short(graph, m) for m in Collection(graph, graph.value(node, OWL.members)))
            for node in graph.subjects(RDF.type, OWL.AllDisjointClasses)]


def reused_table(graph: rdflib.Graph, kind: rdflib.URIRef) -> list[str]:
    terms = sorted((t for t in graph.subjects(RDF.type, kind) if isinstance(t, rdflib.URIRef) and t not in GK),
                   key=lambda t: (list(VOCABULARIES).index(prefix_of(graph, t)) if prefix_of(graph, t)
                                  in VOCABULARIES else 99, str(t)))
    lines = ["| Term | Standard | Axioms stated here | How govkg uses it |", "|---|---|---|---|"]
    for term in terms:
        axioms = [f"{name} {short(graph, o)}" for name, prop in (("⊑", RDFS.subClassOf), ("domain", RDFS.domain),
                                                                  ("range", RDFS.range))
                  for o in graph.objects(term, prop)]
        usage = label(graph, term, VANN.usageNote) or str(graph.value(term, VANN.usageNote) or "") or \
            label(graph, term, RDFS.comment) or "ontology metadata"
        lines.append(f"| {short(graph, term)} | {VOCABULARIES.get(prefix_of(graph, term), '')} | "
                     f"{', '.join(axioms)} | {usage} |")
    return lines


def concept_schemes(graph: rdflib.Graph) -> list[str]:
    lines = []
    for scheme in sorted(graph.subjects(RDF.type, SKOS.ConceptScheme)):
        lines += [f"### {short(graph, scheme)} — {label(graph, scheme)}", ""]
        comment = label(graph, scheme, RDFS.comment)
        if comment:
            lines += [comment, ""]
        concepts = sorted(graph.subjects(SKOS.inScheme, scheme),
                          key=lambda c: (int(graph.value(c, GK.rankLevel) or 99), str(c)))
        if concepts:
            lines += ["| Concept | Labels | Notation | Rank level | Other names |", "|---|---|---|---|---|"]
            for c in concepts:
                notation = ", ".join(sorted(str(n) for n in graph.objects(c, SKOS.notation)))
                alt = ", ".join(sorted(str(a) for a in graph.objects(c, SKOS.altLabel)))
                lines.append(f"| {short(graph, c)} | {label(graph, c, SKOS.prefLabel)} | {notation} | "
                             f"{graph.value(c, GK.rankLevel) or ''} | {alt} |")
        lines.append("")
    return lines


def shapes_summary(shapes: rdflib.Graph) -> list[str]:
    lines = ["| Shape | Applies to | Rules |", "|---|---|---|"]
    for shape in sorted(s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, rdflib.URIRef)):
        targets = [f"{kind} {short(shapes, o)}" for kind, p in (("instances of", SH.targetClass),
                                                                 ("subjects of", SH.targetSubjectsOf))
                   for o in shapes.objects(shape, p)]
        where = ", ".join(targets) or "nodes reached from other shapes"
        messages = [str(m) for prop in shapes.objects(shape, SH.property) for m in shapes.objects(prop, SH.message)]
        messages += [str(m) for m in shapes.objects(shape, SH.message)]
        for sparql in shapes.objects(shape, SH.sparql):
            messages += [str(m) for m in shapes.objects(sparql, SH.message)]
        rules = "; ".join(sorted(m.split(" / ")[0] for m in messages))
        lines.append(f"| {short(shapes, shape)} | {where} | {rules} |")
    return lines


def render(graph: rdflib.Graph, shapes: rdflib.Graph) -> str:
    onto = next(graph.subjects(RDF.type, OWL.Ontology))
    lines = ["# govkg ontology reference", "",
             "_Generated from `ontology/govkg.ttl` and `ontology/shapes.ttl` by `tools/make_ontology_doc.py`; "
             "do not edit by hand (`tests/test_semantic_ontology_doc.py` checks it is current)._", "",
             f"- Ontology: <{onto}> (version {graph.value(onto, OWL.versionInfo)}), namespace "
             f"`{graph.value(onto, VANN.preferredNamespaceUri)}`, prefix `gk:`",
             f"- {label(graph, onto, rdflib.URIRef('http://purl.org/dc/terms/title'))}", "",
             label(graph, onto, rdflib.URIRef("http://purl.org/dc/terms/description")), "",
             "govkg reuses the standard vocabularies and adds its own term only where none fits, each tied to the "
             "nearest standard term (its **alignment** below). Disjoint entity classes: "
             + "; ".join(disjoint_sets(graph)) + ".", "",
             "| Prefix | Namespace | Standard |", "|---|---|---|"]
    for prefix, namespace in sorted(graph.namespaces()):
        if prefix in VOCABULARIES or prefix == "gk":
            lines.append(f"| `{prefix}:` | <{namespace}> | {VOCABULARIES.get(prefix, 'govkg (this ontology)')} |")
    lines.append("")
    for kind, title in KINDS:
        own = sorted(t for t in graph.subjects(RDF.type, kind) if isinstance(t, rdflib.URIRef) and t in GK)
        if own:
            lines += [f"## {title} (govkg)", ""]
            for term in own:
                lines += own_term(graph, term)
    lines += ["## Concept schemes", "", *concept_schemes(graph)]
    for kind, title in KINDS:
        lines += [f"## Reused {title.lower()}", "", *reused_table(graph, kind), ""]
    lines += ["## SHACL shapes (`kg validate`)", "", *shapes_summary(shapes), ""]
    return "\n".join(lines)


def main() -> int:
    def page() -> str:
        return render(rdflib.Graph().parse(ONTOLOGY, format="turtle"), rdflib.Graph().parse(SHAPES, format="turtle"))

    return generate(TARGET, page, __doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
