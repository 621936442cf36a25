"""govkg: a knowledge graph of agencies, reforms and policies from Chinese government rule-of-law reports.

The pipeline, in the order the data flows: ``kg.ingest`` -> ``kg.nlp`` -> ``kg.relations`` -> ``kg.resolve``
-> ``kg.rdf`` -> ``kg.store`` -> ``kg.query`` / ``kg.viz`` / ``kg.export``.
"""

__version__ = "0.1.0"
