"""govkg: a knowledge graph of agencies, reforms and policies from Chinese government rule-of-law reports.

The pipeline, in the order the data flows: ``kg.ingest`` -> ``kg.nlp`` -> ``kg.relations`` -> ``kg.resolve``
-> ``kg.rdf`` -> ``kg.store`` -> ``kg.query`` / ``kg.viz`` / ``kg.export``.

The Python API (kg.api)::

    from kg import build, extract, query
    build(["seeds/"], "out")                      # what `kg build seeds/ --out out/` does
    extractions = extract("seeds/")               # Extraction objects: entities, relations, metrics
    query("out/store", "reports").to_frame()      # a named query as a pandas DataFrame

The three names load on first use, so ``import kg`` (and ``kg --version``) stays fast without spaCy.
"""

from __future__ import annotations

import sys
import types

__version__ = "0.1.0"
__all__ = ["build", "extract", "query", "to_frame"]


class _Package(types.ModuleType):
    """``kg.build`` and ``kg.query`` are both modules and API functions. Importing the submodule makes Python
    set the package attribute to the module; the API names keep meaning the functions (the modules stay
    importable as ``from kg.build import ...``)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in __all__ and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


def __getattr__(name: str) -> object:
    if name in __all__:
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


sys.modules[__name__].__class__ = _Package
