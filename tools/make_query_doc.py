"""Write docs/queries.md, the query cookbook, from the headers of queries/*.rq (title, zh and en questions,
parameters with their defaults), so the cookbook never drifts from the queries: each entry gives the question,
the command that asks it, its parameters and the SPARQL.

    python tools/make_query_doc.py           # rewrite docs/queries.md
    python tools/make_query_doc.py --check   # exit 1 if docs/queries.md is out of date (a test runs this)
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pyoxigraph as ox
from docgen import generate

from kg.query import QueryFile, list_queries

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "queries.md"
INTRO = """# Query cookbook

Generated from the headers of `queries/*.rq` by `tools/make_query_doc.py`; do not edit by hand.

Each named query runs with `kg query NAME` over the store a build wrote (`--store out/store` by default), or
from Python with `query("out/store", NAME, {...}).to_frame()`. Parameters are bound as RDF terms of the kind
their default has (`--param NAME=VALUE`, repeatable), never pasted into the text; a parameter without a
default is required. Results print as a table on a terminal and as CSV in a pipe; `--format json|csv|tsv`
chooses. A query of your own is a `.rq` file with the same `#` header (title, zh, en, param lines).

"""


def _value(term: ox.NamedNode | ox.Literal | None) -> str:
    return "" if term is None else term.value


def _default(term: ox.NamedNode | ox.Literal | None) -> str:
    if term is None:
        return "(required)"
    return f"`<{term.value}>`" if isinstance(term, ox.NamedNode) else f"`{term}`"


def _shell(word: str) -> str:
    """Quoted for bash only when it has to be (Chinese characters do not need it)."""
    return word if re.fullmatch(r"[\w=.:/+,@%-]+", word) else shlex.quote(word)


def _command(query: QueryFile) -> str:
    params = "".join(f" --param {_shell(f'{p.name}={_value(p.default)}')}" for p in query.params.values())
    return f"kg query {query.name}{params}"


def _body(sparql: str) -> str:
    """The SPARQL without its header comment lines."""
    lines = sparql.strip().splitlines()
    while lines and lines[0].lstrip().startswith("#"):
        lines.pop(0)
    return "\n".join(lines).strip()


def entry(query: QueryFile) -> str:
    parts = [f"## {query.name}\n", f"**{query.title}**: {query.question_en}  \n{query.question_zh}\n",
             f"```bash\n{_command(query)}\n```\n"]
    if query.params:
        rows = [f"| `{p.name}` | {_default(p.default)} | {p.help} |" for p in query.params.values()]
        parts.append("| parameter | default | meaning |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n")
    parts.append(f"<details><summary>SPARQL (queries/{query.name}.rq)</summary>\n\n```sparql\n"
                 f"{_body(query.sparql)}\n```\n\n</details>\n")
    return "\n".join(parts)


def render(queries: list[QueryFile]) -> str:
    index = "\n".join(f"- [`{q.name}`](#{q.name}): {q.question_en}" for q in queries)
    return INTRO + index + "\n\n" + "\n".join(entry(q) for q in queries)


def main() -> int:
    return generate(TARGET, lambda: render(list_queries()), __doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
