"""One ``Extraction`` -> the quads of its report's named graph.

Everything one report says goes into ``report/<doc_id>/graph``: the report and its file, each entity it names
(types, labels, attributes), each mention as a Web Annotation with its character offsets and sentence, each
relation as a plain triple plus a reified ``gk:Assertion`` whose ``gk:Evidence`` annotations carry the offsets
and sentence of the supporting text. A sentence holds its text once; no quote is repeated per annotation, and
superclasses are stated for entities and reports only: facts (assertions, metrics) and provenance nodes state
their own class, the ontology implies the rest (``kg export --inferred`` states it; decisions 15 and 25).
No blank nodes: every node is minted by ``kg.rdf.iri.Minter`` from what it is, so two builds give the same
quads and a report's graph can be dropped and replaced without touching any other report.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import datetime

import pyoxigraph as ox

from kg.model import ENTITY_TYPES, Entity, Evidence, Extraction, Innermost, Mention, Relation
from kg.rdf.iri import DEFAULT_BASE, Minter, split_key
from kg.rdf.metrics import describe_metric
from kg.rdf.places import describe_place_hierarchy, preferred_label
from kg.rdf.terms import DCTERMS, ELI, GK, OA, ORG, PROV, RDF, RDFS, SDO, SKOS, SPDX, XSD
from kg.rdf.vocab import (
    class_terms,
    concept,
    decimal,
    fold,
    hans,
    integer,
    relation_properties,
    term,
    typed,
    zh_literal,
)

log = logging.getLogger(__name__)

# Bodies whose members are other bodies (org:OrganizationalCollaboration): leading groups, task forces,
# joint conferences and the 全面依法治X委员会 coordinating committees. Party committees (中共X委员会),
# standing committees and residents' committees are formal organisations and do not match.
COLLABORATION_NAME = re.compile(r"(领导小组|协调小组|工作组|指导组|联席会议|依法治[省市县区州旗]委员会)$")
# Entity.attributes keys the converter reads, with the spellings the resolve stage may use. Rank values are
# notations or labels of gk:legalHierarchy (constitution, law, regulation, rule, normative, 行政法规 ...).
ATTRIBUTE_KEYS: dict[str, tuple[str, ...]] = {
    "division_code": ("divisionCode", "division_code"),
    "rank": ("rank", "legal_rank"),
    "post": ("post",),
    "post_in": ("postIn", "post_in"),
}
_MEDIA_TYPE = re.compile(r"^[\w.+-]+/[\w.+-]+$")
_IANA = "https://www.iana.org/assignments/media-types/"


def to_quads(extraction: Extraction, base: str = DEFAULT_BASE) -> list[ox.Quad]:
    """All quads of one report's named graph, deduplicated, in a deterministic order."""
    builder = _ReportGraph(extraction, Minter(base))
    builder.build()
    return list(builder.quads)


def graph_name(extraction: Extraction, base: str = DEFAULT_BASE) -> ox.NamedNode:
    """The named graph ``to_quads`` writes into (to replace a report in a store)."""
    return ox.NamedNode(Minter(base).graph(extraction.document.doc_id))


class _ReportGraph:
    def __init__(self, extraction: Extraction, minter: Minter) -> None:
        self.x = extraction
        self.doc = extraction.document
        self.mint = minter
        self.graph = ox.NamedNode(minter.graph(self.doc.doc_id))
        self.report = ox.NamedNode(minter.report(self.doc.doc_id))
        self.entities = {ent.key: ent for ent in extraction.entities if _known_type(ent)}
        self.quads: dict[ox.Quad, None] = {}
        self.mention_owner: dict[str, str] = {}
        # Sentences and rules are shared by many mentions: described once (describing one again would only
        # re-add quads already there, which was most of the time spent converting a long report).
        self.sentences: dict[int, ox.NamedNode] = {}
        self.sentence_status: dict[int, str | None] = {}
        self.rules: dict[str, ox.NamedNode] = {}
        self.status_at = Innermost(self.doc.sections, [s.status for s in self.doc.sections]).at
        self.reform_labels: dict[ox.NamedNode, str] = {}  # reforms the report mentions -> preferred label

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.quads[ox.Quad(s, p, o, self.graph)] = None

    def add_types(self, node: ox.NamedNode, cls: ox.NamedNode) -> None:
        for sup in class_terms(cls):
            self.quads[ox.Quad(node, RDF.type, sup, self.graph)] = None

    def build(self) -> None:
        self.add(self.graph, PROV.wasDerivedFrom, self.report)
        self.describe_report()
        for ent in self.entities.values():
            self.describe_entity(ent)
        for rel in self.x.relations:
            self.describe_relation(rel)
        for metric in self.x.metrics:
            describe_metric(self, metric)
        describe_place_hierarchy(self)
        self.summarise_reforms()

    def summarise_reforms(self) -> None:
        """The report's reforms counted and listed in its own graph: listing them for every report from the
        mentions reads every reform of the store (decision 15); here the graph is at hand and an update replaces
        the summary with the graph. Same reading as the query it replaces: the reforms the report mentions,
        typed gk:Reform, with their preferred labels."""
        if not self.reform_labels:
            return
        labels = sorted(set(self.reform_labels.values()))
        self.add(self.report, GK.reformCount, typed(str(len(self.reform_labels)), XSD.integer))
        self.add(self.report, GK.reformLabels, ox.Literal(" | ".join(labels)))

    # report and file ---------------------------------------------------------------------------------------

    def describe_report(self) -> None:
        doc, rep, node = self.doc, self.x.report, self.report
        self.add_types(node, GK.Report)
        title = rep.title or doc.metadata.get("title")
        if title:
            self.add(node, DCTERMS.title, zh_literal(title))
        author = rep.author or (f"Agency/{rep.author_name}" if rep.author_name else None)
        if author:
            self.add(node, DCTERMS.creator, self.entity_ref(author, rep.author_name))
        place = rep.place or (f"Place/{rep.place_name}" if rep.place_name else None)
        if place:
            self.add(node, DCTERMS.spatial, self.entity_ref(place, rep.place_name))
        if rep.year:
            self.add(node, GK.coversYear, typed(f"{rep.year:04d}", XSD.gYear))
        issued = _date_literal(rep.publish_date or doc.metadata.get("publish_date"))
        if issued is not None:
            self.add(node, DCTERMS.issued, issued)
        if rep.source:
            self.add(node, GK.sourceNote, zh_literal(rep.source))
        script = "zh-Hant" if fold(doc.text) != doc.text else "zh-Hans"
        self.add(node, DCTERMS.language, typed(script, XSD.language))
        self.describe_file()

    def describe_file(self) -> None:
        doc = self.doc
        file = ox.NamedNode(self.mint.file(doc.doc_id))
        self.add(self.report, PROV.wasDerivedFrom, file)
        self.add_types(file, PROV.Entity)
        self.add(file, GK.sourcePath, ox.Literal(doc.path))
        media_type = doc.media_type.split(";")[0].strip().lower()
        if _MEDIA_TYPE.match(media_type):
            self.add(file, DCTERMS.format, ox.NamedNode(_IANA + media_type))
        if doc.sha256:
            checksum = ox.NamedNode(f"{file.value}#sha256")
            self.add(file, SPDX.checksum, checksum)
            self.add_types(checksum, SPDX.Checksum)
            self.add(checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256)
            self.add(checksum, SPDX.checksumValue, typed(doc.sha256.lower(), XSD.hexBinary))

    # entities ----------------------------------------------------------------------------------------------

    def entity_ref(self, key: str, name: str | None = None) -> ox.NamedNode:
        """The node of ``key``; an entity missing from the extraction gets type and label from the key."""
        node = ox.NamedNode(self.mint.entity(key))
        if key not in self.entities:
            type_, key_name = split_key(key)
            if type_ in ENTITY_TYPES:
                self.add_types(node, GK[type_])
            label = hans(name or key_name)
            self.add(node, SKOS.prefLabel, label)
            self.add(node, RDFS.label, label)
            self.add(node, DCTERMS.identifier, ox.Literal(key))
        return node

    def describe_entity(self, ent: Entity) -> None:
        node = ox.NamedNode(self.mint.entity(ent.key))
        self.add_types(node, GK[ent.type])
        if ent.type == "Agency" and COLLABORATION_NAME.search(ent.name):
            self.add_types(node, ORG.OrganizationalCollaboration)
        if ent.type == "Reform":
            self.add(node, SKOS.inScheme, GK.reforms)
        # the canonical name, the same from every report naming the entity, unless a curator renamed it
        label = ent.attributes.get("curatedName") or preferred_label(ent.key)
        self.add(node, SKOS.prefLabel, hans(label))
        self.add(node, RDFS.label, hans(label))
        self.add(node, DCTERMS.identifier, ox.Literal(ent.key))
        for alias in sorted(ent.aliases | {ent.name}):
            self.describe_alias(node, label, alias)
        self.describe_attributes(node, ent)
        for mention in ent.mentions:
            self.describe_mention(node, ent, mention)
        if ent.mentions:
            self.add(self.report, SDO.mentions, node)
            if ent.type == "Reform":
                self.reform_labels[node] = ent.name

    def describe_alias(self, node: ox.NamedNode, name: str, alias: str) -> None:
        """Every alias as written (@zh-Hant when Traditional), plus its Simplified folding for search."""
        alias = alias.strip()
        if alias and alias != name:
            self.add(node, SKOS.altLabel, zh_literal(alias))
        folded = fold(alias)
        if folded and folded not in {alias, name}:
            self.add(node, SKOS.altLabel, hans(folded))

    def describe_attributes(self, node: ox.NamedNode, ent: Entity) -> None:
        code, rank, post = (attribute(ent, name) for name in ("division_code", "rank", "post"))
        if code:
            self.add(node, GK.divisionCode, ox.Literal(code))
        if rank:
            found = concept(GK.legalHierarchy, rank)
            if found is None:
                log.warning("%s: unknown legal rank %r of %s", self.doc.doc_id, rank, ent.key)
            else:
                self.add(node, ELI.type_document, term(found))
                self.add_types(node, ELI.LegalResource)
        if post and ent.type == "Person":
            self.describe_post(node, ent, post, attribute(ent, "post_in"))

    def describe_post(self, person: ox.NamedNode, ent: Entity, title: str, post_in: str | None) -> None:
        """org:Post in the organisation named by ``post_in`` or, failing that, the person's only employer."""
        if not post_in:
            employers = sorted({r.subject for r in self.x.relations if r.predicate == "employs"
                                and r.object == ent.key and r.subject in self.entities})
            post_in = employers[0] if len(employers) == 1 else None
        post = ox.NamedNode(self.mint.post(post_in or ent.key, title))
        self.add_types(post, ORG.Post)
        self.add(post, SKOS.prefLabel, zh_literal(title))
        self.add(post, RDFS.label, zh_literal(title))
        if post_in:
            self.add(post, ORG.postIn, self.entity_ref(post_in))
        self.add(person, ORG.holds, post)

    # mentions and sentences -----------------------------------------------------------------------------

    def describe_mention(self, body: ox.NamedNode, ent: Entity, mention: Mention) -> None:
        if not self.valid_span(mention.start, mention.end, f"mention of {ent.key}"):
            return
        iri = self.mint.mention(self.doc.doc_id, mention.start, mention.end, ent.type)
        if self.mention_owner.setdefault(iri, ent.key) != ent.key:
            log.warning("%s: span %d-%d claimed by %s and %s; kept the first", self.doc.doc_id,
                        mention.start, mention.end, self.mention_owner[iri], ent.key)
            return
        if self.doc.text[mention.start:mention.end] != mention.text:
            log.warning("%s: mention %r does not match the text at %d-%d", self.doc.doc_id, mention.text,
                        mention.start, mention.end)
        node = ox.NamedNode(iri)
        self.add(node, RDF.type, GK.Mention)
        self.add(node, OA.hasBody, body)
        sentence = self.describe_provenance(node, mention.start, mention.end, mention.source, mention.confidence)
        status = self.status_at(mention.start)
        if sentence is None or status != self.sentence_status.get(sentence):
            self.add_status(node, status)  # else its sentence's status says it

    def describe_provenance(self, node: ox.NamedNode, start: int, end: int, rule: str, confidence: float,
                            sentence: int | None = None) -> int | None:
        """Offsets, sentence, rule and confidence: what mentions and evidence share; returns the sentence index.

        The offsets sit on the annotation itself and the text once on its sentence (docs/decisions.md 14): the
        quote of a mention or evidence is its sentence's text cut at the offsets."""
        self.add(node, GK.start, integer(start))
        self.add(node, GK.end, integer(end))
        if sentence is None or not 0 <= sentence < len(self.doc.sentences):
            sentence = self.doc.sentence_at(start)
        if sentence is not None:
            self.add(node, GK.inSentence, self.sentence(sentence))
        self.add(node, GK.extractionRule, self.rule(rule))
        self.add(node, GK.confidence, decimal(confidence))
        return sentence

    def rule(self, rule: str) -> ox.NamedNode:
        if rule not in self.rules:
            node = self.rules[rule] = ox.NamedNode(self.mint.rule(rule))
            self.add(node, RDF.type, GK.Rule)
            self.add(node, RDFS.label, ox.Literal(rule or "unknown"))
        return self.rules[rule]

    def add_status(self, node: ox.NamedNode, status: str | None) -> None:
        """gk:status to a concept of gk:statusScheme (achieved / planned / problem), looked up by notation."""
        if not status:
            return
        found = concept(GK.statusScheme, status)
        if found is None:
            log.warning("%s: unknown status %r; not stated", self.doc.doc_id, status)
        else:
            self.add(node, GK.status, term(found))

    def valid_span(self, start: int, end: int, what: str) -> bool:
        if 0 <= start < end <= len(self.doc.text):
            return True
        log.warning("%s: %s has offsets %d-%d outside the text; skipped", self.doc.doc_id, what, start, end)
        return False

    def sentence(self, index: int) -> ox.NamedNode:
        """A sentence of the report: its offsets, its text (stored once, for every annotation in it), its
        section's status."""
        if index not in self.sentences:
            sent = self.doc.sentences[index]
            node = self.sentences[index] = ox.NamedNode(self.mint.span(self.doc.doc_id, sent.start, sent.end))
            self.add(node, RDF.type, GK.Sentence)
            self.add(node, OA.hasSource, self.report)
            self.add(node, GK.start, integer(sent.start))
            self.add(node, GK.end, integer(sent.end))
            self.add(node, RDF.value, zh_literal(self.doc.text[sent.start:sent.end]))
            status = self.sentence_status[index] = self.status_at(sent.start)
            self.add_status(node, status)
        return self.sentences[index]

    # relations ----------------------------------------------------------------------------------------------

    def describe_relation(self, rel: Relation) -> None:
        prop = relation_properties().get(rel.predicate)
        subject, object_ = self.entities.get(rel.subject), self.entities.get(rel.object)
        if prop is None or subject is None or object_ is None:
            log.warning("%s: relation %s %s %s skipped (unknown predicate or entity)", self.doc.doc_id,
                        rel.subject, rel.predicate, rel.object)
            return
        s, o = ox.NamedNode(self.mint.entity(rel.subject)), ox.NamedNode(self.mint.entity(rel.object))
        self.add(s, term(prop), o)
        for extra_s, extra_p, extra_o in self.eli_statements(rel, subject, object_, s, o):
            self.add(extra_s, extra_p, extra_o)
        assertion = ox.NamedNode(self.mint.assertion(self.doc.doc_id, rel.subject, rel.predicate, rel.object))
        self.add(assertion, RDF.type, GK.Assertion)  # rdf:Statement, prov:Entity: implied by the ontology
        self.add(assertion, RDF.subject, s)
        self.add(assertion, RDF.predicate, term(prop))
        self.add(assertion, RDF.object, o)
        self.add(assertion, PROV.wasDerivedFrom, self.report)
        self.add_status(assertion, rel.status)
        for evidence in rel.evidence:
            self.describe_evidence(assertion, rel, evidence)

    def eli_statements(self, rel: Relation, subject: Entity, object_: Entity, s: ox.NamedNode,
                       o: ox.NamedNode) -> Iterator[tuple[ox.NamedNode, str, ox.NamedNode]]:
        """ELI's own statements where they are correct: only between legal resources (see the ontology)."""
        if rel.predicate == "issued" and _is_legal_resource(object_):
            yield o, ELI.passed_by, s
        if rel.predicate == "cites" and _is_legal_resource(subject) and _is_legal_resource(object_):
            yield s, ELI.cites, o

    def add_evidence(
        self, body: ox.NamedNode, start: int, end: int, rule: str, confidence: float, sentence, status
    ) -> ox.NamedNode:
        """An oa:Annotation whose body is ``body`` (an assertion or a metric), anchored at start..end."""
        node = ox.NamedNode(self.mint.evidence(body.value, start, end, rule))
        self.add(node, RDF.type, GK.Evidence)
        self.add(body, GK.hasEvidence, node)
        self.describe_provenance(node, start, end, rule, confidence, sentence)
        self.add_status(node, status)
        return node

    def describe_evidence(self, assertion: ox.NamedNode, rel: Relation, ev: Evidence) -> None:
        if not self.valid_span(ev.start, ev.end, f"evidence of {rel.subject} {rel.predicate} {rel.object}"):
            return
        status = ev.status or self.status_at(ev.start) or rel.status
        node = self.add_evidence(assertion, ev.start, ev.end, ev.rule, ev.confidence, ev.sentence, status)
        if ev.year:
            self.add(node, GK.factYear, typed(f"{ev.year:04d}", XSD.gYear))


def _known_type(ent: Entity) -> bool:
    if ent.type in ENTITY_TYPES:
        return True
    log.warning("entity %s has unknown type %r; skipped", ent.key, ent.type)
    return False


def attribute(ent: Entity, name: str) -> str | None:
    """An Entity.attributes value under any of the spellings in ATTRIBUTE_KEYS, stripped."""
    for key in ATTRIBUTE_KEYS[name]:
        value = ent.attributes.get(key, "").strip()
        if value:
            return value
    return None


def _is_legal_resource(ent: Entity) -> bool:
    """Laws always; other documents when they carry a legal rank (规范性文件)."""
    if ent.type == "Law":
        return True
    rank = attribute(ent, "rank")
    return ent.type == "PolicyDocument" and bool(rank) and concept(GK.legalHierarchy, rank) is not None


def _date_literal(value: str | None) -> ox.Literal | None:
    """An ISO date (xsd:date) or date-time (xsd:dateTime, local time as printed); anything else is dropped."""
    if not value:
        return None
    text = value.strip().replace("/", "-")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        log.warning("publish date %r is not ISO 8601; not stated", value)
        return None
    if len(text) <= 10:
        return typed(parsed.date().isoformat(), XSD.date)
    return typed(parsed.isoformat(), XSD.dateTime)
