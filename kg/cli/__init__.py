"""The ``kg`` command line: thin wrappers over the library (kg.build, kg.pipeline, kg.evaluate, kg.query).

One module per group of commands; importing this package registers them all on ``app``, in the order
``kg --help`` lists them.
"""

# isort: off
from kg.cli import extraction, nlp, graph, semantic, annotate, curate  # noqa: F401  (each registers its commands on app)

# isort: on
from kg.cli.base import app

__all__ = ["app"]
