"""The vocabularies govkg writes, as closed rdflib namespaces.

``GK`` mirrors ontology/govkg.ttl term for term (tests/test_namespace_terms.py keeps the two equal);
``_fail = True`` makes a misspelled term raise instead of silently minting a new IRI. rdflib ships ORG, PROV,
SKOS, DCTERMS, FOAF and schema.org (``SDO``, https); ELI, Web Annotation (OA) and SPDX are defined
here with the terms govkg uses.
"""

from __future__ import annotations

from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import URIRef

SCHEMA = SDO

__all__ = [
    "DCTERMS", "ELI", "FOAF", "GK", "OA", "ORG", "OWL", "PREFIXES", "PROV", "RDF", "RDFS", "SCHEMA", "SDO",
    "SKOS", "SPDX", "XSD",
]


class GK(DefinedNamespace):
    """govkg's own terms (https://w3id.org/govkg/ontology#)."""

    _fail = True
    _NS = Namespace("https://w3id.org/govkg/ontology#")

    # entity classes: the 8 entity types of gold/SCHEMA.md
    Agency: URIRef
    Organization: URIRef
    Law: URIRef
    PolicyDocument: URIRef
    Reform: URIRef
    Place: URIRef
    Person: URIRef
    Platform: URIRef
    # report, provenance and text anchoring
    Report: URIRef
    Metric: URIRef
    Mention: URIRef
    Assertion: URIRef
    Evidence: URIRef
    Sentence: URIRef
    Rule: URIRef
    # relation properties (subOrganizationOf is org:subOrganizationOf)
    implements: URIRef
    issued: URIRef
    issuedBy: URIRef
    cites: URIRef
    promotes: URIRef
    locatedIn: URIRef
    employs: URIRef
    operates: URIRef
    # provenance, annotation and metadata properties
    relationType: URIRef
    hasEvidence: URIRef
    evidenceOf: URIRef
    inSentence: URIRef
    start: URIRef
    end: URIRef
    extractionRule: URIRef
    status: URIRef
    confidence: URIRef
    coversYear: URIRef
    factYear: URIRef
    sourceNote: URIRef
    reformCount: URIRef
    reformLabels: URIRef
    sourcePath: URIRef
    divisionCode: URIRef
    within: URIRef
    rankLevel: URIRef
    # metric properties (value and unit are schema:value and schema:unitText)
    measure: URIRef
    qualifier: URIRef
    metricOf: URIRef
    measuresReform: URIRef
    # concept schemes and their concepts
    reforms: URIRef
    evidencing: URIRef
    legalHierarchy: URIRef
    constitutionRank: URIRef
    lawRank: URIRef
    regulationRank: URIRef
    administrativeRegulationRank: URIRef
    localRegulationRank: URIRef
    governmentRuleRank: URIRef
    normativeDocumentRank: URIRef
    statusScheme: URIRef
    achieved: URIRef
    planned: URIRef
    problem: URIRef


class ELI(DefinedNamespace):
    """European Legislation Identifier ontology (the terms govkg uses)."""

    _fail = True
    _NS = Namespace("http://data.europa.eu/eli/ontology#")

    LegalResource: URIRef
    ResourceType: URIRef
    cites: URIRef
    cited_by: URIRef
    passed_by: URIRef
    type_document: URIRef
    date_document: URIRef
    is_about: URIRef


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    # classes
    Annotation: URIRef
    Choice: URIRef
    CssSelector: URIRef
    DataPositionSelector: URIRef
    FragmentSelector: URIRef
    Motivation: URIRef
    RangeSelector: URIRef
    Selector: URIRef
    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    TextualBody: URIRef
    XPathSelector: URIRef
    # properties
    bodyValue: URIRef
    end: URIRef
    exact: URIRef
    hasBody: URIRef
    hasEndSelector: URIRef
    hasPurpose: URIRef
    hasScope: URIRef
    hasSelector: URIRef
    hasSource: URIRef
    hasStartSelector: URIRef
    hasTarget: URIRef
    motivatedBy: URIRef
    prefix: URIRef
    refinedBy: URIRef
    start: URIRef
    suffix: URIRef
    # motivations
    assessing: URIRef
    bookmarking: URIRef
    classifying: URIRef
    commenting: URIRef
    describing: URIRef
    editing: URIRef
    highlighting: URIRef
    identifying: URIRef
    linking: URIRef
    moderating: URIRef
    questioning: URIRef
    replying: URIRef
    tagging: URIRef


class SPDX(DefinedNamespace):
    """SPDX terms DCAT 3 recommends for file checksums."""

    _fail = True
    _NS = Namespace("http://spdx.org/rdf/terms#")

    Checksum: URIRef
    checksum: URIRef
    algorithm: URIRef
    checksumValue: URIRef
    checksumAlgorithm_sha256: URIRef


# Prefixes for Turtle output and for inline SPARQL (the .rq files declare their own).
PREFIXES: dict[str, str] = {
    "gk": str(GK),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "org": str(ORG),
    "schema": str(SDO),
    "eli": str(ELI),
    "prov": str(PROV),
    "oa": str(OA),
    "foaf": str(FOAF),
    "spdx": str(SPDX),
}
