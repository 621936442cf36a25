"""The IRI scheme: every node of the graph is named from what it is, never from a counter or a blank node.

Under one configurable base (default ``https://w3id.org/govkg/``)::

    id/<Type>/<name>                      an entity, from Entity.key "<Type>/<name>" (scoped: "@<doc>")
    report/<doc_id>                       the report (gk:Report)
    report/<doc_id>/graph                 the named graph holding everything the report says
    report/<doc_id>/file                  the file it was read from (#sha256: its checksum)
    report/<doc_id>/span/<start>-<end>    a sentence of the report text (gk:Sentence)
    report/<doc_id>/mention/<start>-<end>-<Type>
    report/<doc_id>/assertion/<predicate>-<digest of s, p, o>
        .../evidence/<start>-<end>-<rule>
    report/<doc_id>/metric/<start>-<end>  a metric (gk:Metric), with its .../evidence/<start>-<end>-<rule>
    rule/<rule id>                        the rule or model behind a mention or evidence
    id/<Type>/<name>/post/<title>         a post (org:Post) in an organisation

Names stay readable: Unicode letters are kept (IRIs, RFC 3987), while characters that would change the
IRI's structure or are invisible (``/ ? # % [ ]``, spaces, controls, bidi marks) are percent-encoded as UTF-8,
so the encoding is reversible (``key_of``) and the same key gives the same IRI in every build and report.
"""

from __future__ import annotations

import hashlib
import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote

from kg.model import ENTITY_TYPES
from kg.namespace import PREFIXES

DEFAULT_BASE = "https://w3id.org/govkg/"

_SAFE_ASCII = frozenset(string.ascii_letters + string.digits + "-._~" + "!$&'()*+,;=" + ":@")
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zs", "Zl", "Zp"})


def _is_ucschar(cp: int) -> bool:
    """RFC 3987 ``ucschar``: the non-ASCII code points an IRI may carry unencoded."""
    if 0xA0 <= cp <= 0xD7FF or 0xF900 <= cp <= 0xFDCF or 0xFDF0 <= cp <= 0xFFEF:
        return True
    return 0x10000 <= cp <= 0xEFFFD and (cp & 0xFFFF) <= 0xFFFD and not 0xE0000 <= cp <= 0xE0FFF


@lru_cache(maxsize=1 << 16)  # the same few ids, types and rules are minted into thousands of IRIs
def segment(text: str) -> str:
    """``text`` as one IRI path segment: NFC, readable, reserved and invisible characters percent-encoded."""
    if not text:
        raise ValueError("an IRI segment cannot be empty")
    out = []
    for ch in unicodedata.normalize("NFC", text):
        keep = ch in _SAFE_ASCII or (
            _is_ucschar(ord(ch)) and unicodedata.category(ch) not in _UNSAFE_CATEGORIES
        )
        out.append(ch if keep else "".join(f"%{byte:02X}" for byte in ch.encode("utf-8")))
    encoded = "".join(out)
    return encoded.replace(".", "%2E") if encoded in {".", ".."} else encoded


def split_key(key: str) -> tuple[str, str]:
    """``"Agency/益阳市政府"`` -> ``("Agency", "益阳市政府")``; the name may itself contain ``/``."""
    type_, sep, name = key.partition("/")
    if not sep or not type_ or not name:
        raise ValueError(f"entity key {key!r} is not of the form '<Type>/<name>'")
    return type_, name


@dataclass(frozen=True, slots=True)
class Minter:
    """Mints every IRI of the graph under ``base``; pure functions of their arguments."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not self.base.startswith(("http://", "https://")):
            raise ValueError(f"base IRI must be http(s): {self.base!r}")
        if not self.base.endswith("/"):
            object.__setattr__(self, "base", self.base + "/")

    def entity(self, key: str) -> str:
        type_, name = split_key(key)
        return f"{self.base}id/{segment(type_)}/{segment(name)}"

    def key_of(self, iri: str) -> str:
        """The Entity.key an entity IRI was minted from (inverse of ``entity``)."""
        prefix = f"{self.base}id/"
        if not iri.startswith(prefix):
            raise ValueError(f"{iri} is not an entity IRI under {prefix}")
        type_, _, name = iri[len(prefix):].partition("/")
        return f"{unquote(type_)}/{unquote(name)}"

    def report(self, doc_id: str) -> str:
        return f"{self.base}report/{segment(doc_id)}"

    def graph(self, doc_id: str) -> str:
        """The report's named graph: distinct from the report (a document), named under it."""
        return f"{self.report(doc_id)}/graph"

    def doc_id_of(self, graph_iri: str) -> str:
        """The doc_id a report graph IRI was minted from (inverse of ``graph``)."""
        prefix, suffix = f"{self.base}report/", "/graph"
        doc = graph_iri[len(prefix):-len(suffix)] if graph_iri.endswith(suffix) else ""
        if not graph_iri.startswith(prefix) or not doc or "/" in doc:
            raise ValueError(f"{graph_iri} is not a report graph ({prefix}<doc_id>{suffix})")
        return unquote(doc)

    def is_report_graph(self, iri: str) -> bool:
        try:
            self.doc_id_of(iri)
        except ValueError:
            return False
        return True

    def file(self, doc_id: str) -> str:
        return f"{self.report(doc_id)}/file"

    def span(self, doc_id: str, start: int, end: int) -> str:
        return f"{self.report(doc_id)}/span/{start}-{end}"

    def mention(self, doc_id: str, start: int, end: int, type_: str) -> str:
        return f"{self.report(doc_id)}/mention/{start}-{end}-{segment(type_)}"

    def assertion(self, doc_id: str, subject: str, predicate: str, object_: str) -> str:
        digest = hashlib.sha256("\x1f".join((subject, predicate, object_)).encode("utf-8")).hexdigest()[:16]
        return f"{self.report(doc_id)}/assertion/{segment(predicate)}-{digest}"

    def evidence(self, assertion_iri: str, start: int, end: int, rule: str) -> str:
        return f"{assertion_iri}/evidence/{start}-{end}-{segment(rule or 'unknown')}"

    def metric(self, doc_id: str, start: int, end: int) -> str:
        return f"{self.report(doc_id)}/metric/{start}-{end}"

    def rule(self, rule_id: str) -> str:
        return f"{self.base}rule/{segment(rule_id or 'unknown')}"

    def post(self, holder_key: str, title: str) -> str:
        return f"{self.entity(holder_key)}/post/{segment(title)}"

    def prefixes(self) -> dict[str, str]:
        """Data prefixes for readable Turtle: one per entity type, plus rules.

        Report-internal nodes (spans, mentions...) have ``/`` in their local part, which Turtle would escape,
        so they stay full IRIs.
        """
        found = {type_.lower(): f"{self.base}id/{type_}/" for type_ in ENTITY_TYPES}
        found["rule"] = f"{self.base}rule/"
        return found


def export_prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The prefixes of every export and query answer: the vocabularies' and the minted namespaces', one union
    so that graph.ttl, ``kg export``, the endpoint and ``kg query`` abbreviate alike."""
    return {**PREFIXES, **Minter(base).prefixes()}
