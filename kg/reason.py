"""Reasoning over the graph: an OWL 2 RL closure for ``kg export --inferred`` and an OWL 2 DL consistency
check with HermiT for ``kg reason``.

OWL-RL (owlrl, pure Python) materialises what the ontology implies: ``gk:issuedBy`` from ``gk:issued``,
``prov:wasAttributedTo``, ``schema:location`` from ``gk:locatedIn`` ... Its raw output also holds tautologies
(``x owl:sameAs x``, ``x a owl:Thing``), statements about literals (generalised RDF, not exportable) and links
to the ontology's anonymous class expressions; those are dropped, so that what is exported is new information
in plain RDF.

HermiT is a complete OWL 2 DL reasoner; the PyPI package owlready2 ships its jar, and it runs on the Java runtime
(``java`` on PATH). It is called through its own command line rather than owlready2's ``sync_reasoner``, because
only the command line takes ``--ignoreUnsupportedDatatypes``: ``xsd:gYear`` and ``xsd:date`` (years covered,
publication dates) are outside the OWL 2 datatype map, and HermiT otherwise refuses the whole graph. Literals of
those types are then opaque to HermiT; every class, property and individual axiom is still checked.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.errors import KGError, ResourceError
from kg.rdf.vocab import ontology

INFERRED_GRAPH = "https://w3id.org/govkg/inferred"
_OWLRL_ERROR = rdflib.URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")
_REFLEXIVE = {OWL.sameAs, OWL.equivalentClass, OWL.equivalentProperty, RDFS.subClassOf, RDFS.subPropertyOf}


class ReasonerError(KGError):
    """The reasoner could not run (no Java, no HermiT jar, a crash): not a verdict on the graph."""

    exit_code = 2


class InconsistentGraphError(KGError):
    """The graph contradicts the ontology under OWL 2 DL."""

    exit_code = 1


def to_rdflib(triples: list[ox.Triple]) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    return graph


def to_oxigraph(graph: rdflib.Graph) -> list[ox.Triple]:
    return [quad.triple for quad in ox.parse(graph.serialize(format="nt", encoding="utf-8"),
                                             format=ox.RdfFormat.N_TRIPLES)]


def owlrl_closure(data: rdflib.Graph) -> rdflib.Graph:
    """``data`` plus the ontology, expanded in place to its OWL 2 RL closure (owlrl)."""
    import owlrl

    graph = rdflib.Graph()
    graph += data
    graph += ontology()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    return graph


def owlrl_errors(closed: rdflib.Graph) -> list[str]:
    """The inconsistencies owlrl found while closing (e.g. a node in two disjoint classes)."""
    return sorted(str(message) for error in closed.subjects(RDF.type, _OWLRL_ERROR)
                  for message in closed.objects(error, None) if isinstance(message, rdflib.Literal))


def inferred_triples(triples: list[ox.Triple], include_schema: bool = False) -> list[ox.Triple]:
    """What the OWL 2 RL closure of data + ontology adds to ``triples``: new facts only, in plain RDF.

    Without ``include_schema`` only statements about the data's own subjects are kept (no inferred
    subclass links between ontology terms). Raises InconsistentGraphError if the closure finds a clash.
    """
    data = to_rdflib(triples)
    closed = owlrl_closure(data)
    errors = owlrl_errors(closed)
    if errors:
        raise InconsistentGraphError("OWL 2 RL closure found inconsistencies: " + "; ".join(errors[:5]))
    schema = ontology()
    subjects = set(data.subjects())
    new = rdflib.Graph()
    for s, p, o in closed:
        if (s, p, o) in data or (s, p, o) in schema or not _plain(s, p, o):
            continue
        if include_schema or s in subjects:
            new.add((s, p, o))
    return sorted(to_oxigraph(new), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _plain(s: rdflib.term.Node, p: rdflib.term.Node, o: rdflib.term.Node) -> bool:
    """Exportable and informative: IRI subject, no blank node, no tautology, no error report."""
    if not isinstance(s, rdflib.URIRef) or isinstance(o, rdflib.BNode):
        return False
    if s == o and p in _REFLEXIVE:
        return False
    if p == RDF.type and o in (OWL.Thing, RDFS.Resource, _OWLRL_ERROR):
        return False
    return not str(p).startswith("http://www.daml.org/")


@dataclass(slots=True)
class Consistency:
    consistent: bool
    triples: int
    seconds: float
    reasoner: str = "HermiT"
    explanation: list[str] = field(default_factory=list)

    def text(self) -> str:
        verdict = "consistent" if self.consistent else "INCONSISTENT"
        lines = [f"{verdict} under OWL 2 DL ({self.reasoner}, ontology + {self.triples} triples, "
                 f"{self.seconds:.1f} s)"]
        lines += [f"  - {line}" for line in self.explanation]
        return "\n".join(lines)


def hermit_classpath() -> str:
    """The HermiT jar owlready2 ships (found without importing owlready2, which builds a quadstore)."""
    spec = importlib.util.find_spec("owlready2")
    if spec is None or not spec.submodule_search_locations:
        raise ReasonerError("owlready2 is not installed (pip install owlready2); it ships the HermiT reasoner")
    folder = Path(next(iter(spec.submodule_search_locations))) / "hermit"
    if not (folder / "HermiT.jar").is_file():
        raise ResourceError(folder / "HermiT.jar", None, "HermiT jar missing from the owlready2 package")
    return os.pathsep.join([str(folder), str(folder / "HermiT.jar")])


def java_executable() -> str:
    java = os.environ.get("JAVA_EXE") or shutil.which("java")
    if not java:
        raise ReasonerError("no Java runtime: HermiT needs `java` on PATH "
                            "(Debian/Ubuntu: apt-get install default-jre-headless)")
    return java


def check_consistency(triples: list[ox.Triple], memory_mb: int = 2000, explain: bool = True) -> Consistency:
    """Ontology + ``triples`` checked by HermiT; on inconsistency, owlrl's clash messages as the explanation."""
    command = [java_executable(), f"-Xmx{memory_mb}M", "-cp", hermit_classpath(),
               "org.semanticweb.HermiT.cli.CommandLine", "-k", "--ignoreUnsupportedDatatypes"]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="govkg-hermit-") as tmp:
        path = Path(tmp) / "graph.nt"
        with path.open("wb") as fh:
            ox.serialize(triples, fh, ox.RdfFormat.N_TRIPLES)
            fh.write(ontology().serialize(format="nt", encoding="utf-8"))
        try:
            run = subprocess.run([*command, path.as_uri()], capture_output=True, text=True, timeout=3600,
                                 check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ReasonerError(f"cannot run HermiT: {exc}") from exc
    seconds = time.perf_counter() - started
    output = run.stdout + run.stderr
    if run.returncode == 0 and "is satisfiable" in output:
        return Consistency(True, len(triples), seconds)
    if "InconsistentOntologyException" not in output:
        raise ReasonerError(f"HermiT failed (exit {run.returncode}): {_first_lines(output)}")
    explanation = owlrl_errors(owlrl_closure(to_rdflib(triples))) if explain else []
    return Consistency(False, len(triples), seconds, explanation=explanation or ["HermiT gives no explanation"])


def _first_lines(text: str, count: int = 3) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[:count])
