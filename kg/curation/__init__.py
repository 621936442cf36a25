"""Curation: a researcher's accept / reject / merge / rename decisions, kept in a CSV file beside the reports and
applied by every ``kg build`` (also ``--update`` and ``--jobs``), so that a correction survives rebuilds.

The data's path: ``file`` reads and writes the decisions (``curation.csv``), ``apply`` applies them to one
report's Extraction before it becomes RDF (kg.rdf.curation states them as provenance in the report's graph), and
``store`` answers what ``kg curate`` and ``kg build --update`` ask of a built store (which names exist, which
reports a changed decision touches).
"""

from kg.curation.apply import Applied, apply_curation
from kg.curation.file import ACTIONS, COLUMNS, FILE_NAME, Decision, append_decision, find_curation, read_curation

__all__ = ["ACTIONS", "COLUMNS", "FILE_NAME", "Applied", "Decision", "append_decision", "apply_curation",
           "find_curation", "read_curation"]
