"""A catalogue of named mutants: small plausible bugs, each run against the tests that should catch it.

Run by hand before a release (never in CI, no test runs it):

    python tools/mutants.py                 # every mutant; prints caught / missed / not applied and the score
    python tools/mutants.py --list          # the catalogue
    python tools/mutants.py --check         # which snippets still apply (seconds, no tests)
    python tools/mutants.py viz-autoescape-off outdir-delete-then-rename   # some of them

Each mutant is one exact (file, old snippet, new snippet) patch. The tree is copied once to a temporary folder
(beside a link to ../shared, as in a checkout) and every mutant is applied there, its tests run with
``PYTHONPATH`` pointing at the copy, and the file restored before the next one: the worktree itself is never
touched. A snippet that is not found exactly once says "not applied" (the code moved: update the catalogue),
and counts against the score. Before the mutants, the selected tests run once unmutated: a test that already
fails would "catch" everything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_IGNORE = shutil.ignore_patterns(".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", "out",
                                 ".hypothesis", "*.pyc")


@dataclass(frozen=True)
class Mutant:
    name: str
    area: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]  # pytest node ids or files, relative to the checkout
    why: str  # the regression it stands for


CATALOGUE: tuple[Mutant, ...] = (
    # --- the seven of issue 24 ---------------------------------------------------------------------------------
    Mutant("viz-autoescape-off", "viz", "kg/viz/page.py",
           "Environment(loader=loader, autoescape=True)", "Environment(loader=loader, autoescape=False)",
           ("tests/test_viz_markup.py",),
           "names with < \" & are written raw into the page's HTML (datalist, notes, legend)"),
    Mutant("outdir-delete-then-rename", "build", "kg/outdir.py",
           "        elif _exchange(self.staging, self.out):\n"
           "            shutil.rmtree(self.staging, ignore_errors=True)  # now the old output\n",
           "        elif shutil.rmtree(self.out) is None:\n"
           "            os.rename(self.staging, self.out)\n",
           ("tests/test_outdir_swap.py",),
           "the output folder is deleted, then replaced: for a while there is no complete output"),
    Mutant("iri-per-process-salt", "rdf", "kg/rdf/iri.py",
           'hashlib.sha256("\\x1f".join((subject, predicate, object_))',
           'hashlib.sha256("\\x1f".join((str(hash("govkg")), subject, predicate, object_))',
           ("tests/test_rdf_iri.py",),
           "assertion IRIs differ between processes (hash() is salted per process): parallel builds disagree"),
    Mutant("metrics-units-shortest-first", "metrics", "kg/nlp/rules/lexicon.py",
           # the unit alternation is a trie whose optional tails are greedy: lazy ones try the shortest unit first
           'return f"(?:{body})?" if "" in node else body', 'return f"(?:{body})??" if "" in node else body',
           ("tests/test_metrics_seeds.py",),
           "10个工作日 gets the unit 个, 500人次 the unit 人"),
    Mutant("relation-status-from-last-evidence", "relations", "kg/relations/__init__.py",
           "        if relation.status is None:\n            relation.status = status\n",
           "        relation.status = status\n",
           ("tests/test_relations_seeds.py",),
           "a reform done this year and planned again for the next reads as only planned"),
    Mutant("tagger-off", "ner", "kg/resources/nlp/pipeline.cfg",
           "min_confidence = 0.6", "min_confidence = 1.01",
           ("tests/test_nlp_statistical.py::test_tagger_only_fills_gaps_and_keeps_offsets",),
           "the statistical tagger adds nothing"),
    Mutant("shacl-employs-shape-removed", "rdf", "ontology/shapes.ttl",
           "gks:EmploysShape a sh:NodeShape ;\n    sh:targetSubjectsOf gk:employs ;\n"
           "    sh:or ( [ sh:class gk:Agency ] [ sh:class gk:Organization ] ) ;\n",
           "gks:EmploysShape a sh:NodeShape ;\n",
           ("tests/test_semantic_validate.py::test_semantic_validate_each_shape_catches_its_breakage",),
           "kg validate no longer checks who employs whom"),
    # --- ingest ------------------------------------------------------------------------------------------------
    Mutant("ingest-utf8-bom-kept", "ingest", "kg/ingest/encoding.py",
           '(b"\\xef\\xbb\\xbf", "utf-8-sig")', '(b"\\xef\\xbb\\xbf", "utf-8")',
           ("tests/test_ingest_encoding.py",),
           "a UTF-8 file saved with a BOM (Notepad) keeps U+FEFF as its first character"),
    Mutant("ingest-heading-numbering-unchecked", "ingest", "kg/ingest/segment.py",
           "cand.number != previous + 1)", "cand.number <= previous)",
           ("tests/test_ingest_segment.py",),
           "a list item numbered 三 after 一 (a skipped number) opens a section"),
    Mutant("ingest-weak-status-words-everywhere", "ingest", "kg/ingest/segment.py",
           "if rule.top_only and inherited is not None:", "if rule.top_only and inherited is None:",
           ("tests/test_ingest_segment.py",),
           "a sub-heading's weak word overrides the status its section inherits"),
    # --- rules -------------------------------------------------------------------------------------------------
    Mutant("rules-priority-reversed", "ner", "kg/nlp/rules/spans.py",
           "key=lambda c: (-c.length, -c.priority,", "key=lambda c: (-c.length, c.priority,",
           ("tests/test_nlp_rules.py",),
           "of two candidates over the same characters, the weaker rule's label wins"),
    # --- relations ---------------------------------------------------------------------------------------------
    Mutant("relations-evidence-empty-span", "relations", "kg/relations/__init__.py",
           "Evidence(sentence, start, end, rule, confidence, status, year)",
           "Evidence(sentence, start, start, rule, confidence, status, year)",
           ("tests/test_relations_seeds.py",),
           "evidence spans point at nothing"),
    Mutant("relations-plan-year-is-the-reports", "relations", "kg/relations/timing.py",
           'return report_year + 1 if status == "planned" else report_year', "return report_year",
           ("tests/test_relations_seeds.py", "tests/test_relations_across_seeds.py"),
           "a plan in a 2021 report, under a heading without a year, is dated 2021 instead of 2022"),
    # --- resolution --------------------------------------------------------------------------------------------
    Mutant("resolve-party-prefix-dropped", "resolve", "kg/resolve/entities.py",
           'party = "中共" if rest.startswith("党委")', 'party = "" if rest.startswith("党委")',
           ("tests/test_resolve_seeds.py",),
           "市委组织部 becomes 益阳市委组织部, not 中共益阳市委组织部"),
    Mutant("resolve-ambiguous-place-without-code", "resolve", "kg/resolve/entities.py",
           'return division.name if unique else f"{division.name}#{division.code}"', "return division.name",
           ("tests/test_resolve_seeds.py",),
           "two districts of the same name (龙华区) merge into one place"),
    # --- RDF ---------------------------------------------------------------------------------------------------
    Mutant("rdf-sentence-text-folded", "rdf", "kg/rdf/convert.py",
           "zh_literal(self.doc.text[sent.start:sent.end])", "zh_literal(self.doc.norm[sent.start:sent.end])",
           ("tests/test_rdf_convert.py",),
           "the stored sentence is the folded (Simplified) text, not what the report says"),
    Mutant("rdf-assertion-status-dropped", "rdf", "kg/rdf/convert.py",
           "        self.add_status(assertion, rel.status)\n", "",
           ("tests/test_rdf_convert.py", "tests/test_query_named.py"),
           "relations lose their status (achieved / planned) in the graph"),
    # --- store -------------------------------------------------------------------------------------------------
    Mutant("store-replace-keeps-old-quads", "store", "kg/store.py",
           'f"DROP SILENT GRAPH {graph} ;\\nINSERT DATA', 'f"INSERT DATA',
           ("tests/test_store_report_graphs.py",),
           "kg build --update adds a changed report's new quads beside its old ones"),
    Mutant("store-ontology-counted-as-a-report", "store", "kg/store.py",
           "isinstance(g, ox.NamedNode) and\n                  mint.is_report_graph(g.value))",
           "isinstance(g, ox.NamedNode))",
           ("tests/test_store_report_graphs.py",),
           "the ontology's graph is listed, exported and pushed as one more report"),
    # --- query -------------------------------------------------------------------------------------------------
    Mutant("query-traditional-param-not-folded", "query", "kg/query.py",
           "            return name_literal(text)\n", '            return ox.Literal(text, language="zh-hans")\n',
           ("tests/test_query_named.py",),
           "--param reform=一件事一次辦 (Traditional) finds nothing"),
    Mutant("query-update-not-refused", "query", "kg/query.py",
           "    if is_update(sparql):\n        raise QueryError",
           "    if False and is_update(sparql):\n        raise QueryError",
           ("tests/test_query_named.py", "tests/test_robust_query.py"),
           "kg query runs INSERT / DELETE on the store"),
    Mutant("query-unknown-parameter-accepted", "query", "kg/query.py",
           "unknown = sorted(set(given) - set(query.params)) if query.params else []", "unknown = []",
           ("tests/test_query_named.py",),
           "--param refrom=… (a typo) is ignored and the default answers instead"),
    # --- build -------------------------------------------------------------------------------------------------
    Mutant("build-update-ignores-moved-path", "build", "kg/build.py",
           "entry.sha256 == digest and entry.path == str(path)", "entry.sha256 == digest",
           ("tests/test_robust_build_update.py",),
           "a report moved to another path keeps the old path in the graph after --update"),
    # --- viz ---------------------------------------------------------------------------------------------------
    Mutant("viz-hops-one-too-many", "viz", "kg/viz/view.py",
           "cutoff=max(hops, 0))", "cutoff=max(hops, 0) + 1)",
           ("tests/test_viz_filters.py",),
           "--focus X --hops 1 draws the neighbours' neighbours too"),
    Mutant("viz-cap-keeps-least-important", "viz", "kg/viz/view.py",
           "key=lambda n: (n not in focus, -rank[n], n)", "key=lambda n: (n not in focus, rank[n], n)",
           ("tests/test_viz_filters.py", "tests/test_viz_html.py"),
           "--max-nodes keeps the least important nodes"),
    # --- serve -------------------------------------------------------------------------------------------------
    Mutant("serve-writable", "serve", "kg/endpoint/server.py",
           'if method not in ("GET", "POST") or path in ("/update", "/store"):', 'if method not in ("GET", "POST"):',
           ("tests/test_semantic_serve.py",),
           "kg serve no longer refuses SPARQL Update and Graph Store writes with 403"),
    Mutant("serve-no-union-default-graph", "serve", "kg/endpoint/worker.py",
           "use_default_graph_as_union=True", "use_default_graph_as_union=False",
           ("tests/test_semantic_serve.py",),
           "queries without GRAPH find nothing on the endpoint"),
    Mutant("serve-timeout-keeps-the-worker", "serve", "kg/endpoint/pool.py",
           "            if not keep:\n                worker.kill()",
           "            if False:\n                worker.kill()",
           ("tests/test_serve_guard.py::test_serve_runaway_query_is_cut_at_the_timeout_and_the_core_goes_idle",),
           "a query past the timeout is answered 503 but goes on burning its core"),
    Mutant("serve-any-host", "serve", "kg/endpoint/server.py",
           "        return name.lower() in self.hosts", "        return True",
           ("tests/test_serve_guard.py::test_serve_refuses_foreign_hosts_and_origins",),
           "a DNS-rebinding page reaches the endpoint under its own name"),
    Mutant("guard-depth-one-reading", "query", "kg/sparql_guard.py",
           "        yield _CODE, depth  # the less-than operator\n", "",
           ("tests/test_query_guard.py",),
           "the depth scanner reads every < as an IRI: brackets hidden in an 'IRI' the parser reads as code pass"),
    Mutant("guard-service-allowed", "query", "kg/sparql_guard.py",
           "    if allow_service is True:\n        return", "    if True:\n        return",
           ("tests/test_query_guard.py",
            "tests/test_serve_guard.py::test_serve_service_never_reaches_a_loopback_listener"),
           "SERVICE reaches any endpoint again"),
    # --- CLI ---------------------------------------------------------------------------------------------------
    Mutant("cli-every-error-exits-1", "cli", "kg/cli/base.py",
           'raise typer.Exit(getattr(exc, "exit_code", 1))', "raise typer.Exit(1)",
           ("tests/test_cli_terminal.py", "tests/test_ingest_errors.py",
            "tests/test_semantic_validate.py::test_semantic_validate_unreadable_input_is_a_clear_error"),
           "a missing input and a failed validation end with the same exit code"),
    Mutant("cli-failed-check-exits-0", "cli", "kg/cli/base.py",
           "    if not passed:\n        raise typer.Exit(1)", "    if not passed:\n        raise typer.Exit(0)",
           ("tests/test_semantic_validate.py::test_semantic_validate_fails_naming_each_violation",),
           "kg validate on a broken graph exits 0: a script or CI step believes it"),
)


def copy_tree(into: Path) -> Path:
    """The worktree copied to ``into``/govkg, with ``into``/shared linked to the real ../shared."""
    work = into / "govkg"
    shutil.copytree(ROOT, work, ignore=_IGNORE, symlinks=True)
    shared = ROOT.parent / "shared"
    if shared.exists():
        (into / "shared").symlink_to(shared)
    return work


def run_tests(work: Path, tests: tuple[str, ...], timeout: float) -> tuple[int, float, str]:
    """pytest over ``tests`` in the copy: (exit code, seconds, last lines of output)."""
    env = {**os.environ, "PYTHONPATH": str(work), "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
                              cwd=work, env=env, capture_output=True, text=True, timeout=timeout, check=False)
        code, output = done.returncode, done.stdout + done.stderr
    except subprocess.TimeoutExpired:
        code, output = -1, f"timed out after {timeout:.0f} s"
    return code, time.monotonic() - started, "\n".join(output.strip().splitlines()[-3:])


def applies(work: Path, mutant: Mutant) -> bool:
    """Is the mutant's snippet found exactly once in its file?"""
    path = work / mutant.file
    return path.is_file() and path.read_text(encoding="utf-8").count(mutant.old) == 1


def try_mutant(work: Path, mutant: Mutant, timeout: float) -> tuple[str, str]:
    """(verdict, detail): caught, missed, not applied or error; the file is restored whatever happens."""
    path = work / mutant.file
    if not path.is_file():
        return "not applied", f"{mutant.file} does not exist"
    original = path.read_text(encoding="utf-8")
    found = original.count(mutant.old)
    if found != 1:
        return "not applied", f"the snippet is found {found} times in {mutant.file} (the code moved?)"
    try:
        path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
        code, seconds, tail = run_tests(work, mutant.tests, timeout)
    finally:
        path.write_text(original, encoding="utf-8")
    if code in (1, 2):  # tests failed, or collection failed on the mutated code
        failed = [line for line in tail.splitlines() if line.startswith(("FAILED", "ERROR"))]
        return "caught", f"{seconds:.0f} s: {(failed or [tail.splitlines()[-1] if tail else ''])[0][:110]}"
    if code == 0:
        return "missed", f"{seconds:.0f} s: every test passed"
    return "error", f"{seconds:.0f} s: pytest exit {code}: {tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="mutants to run (default: all)")
    parser.add_argument("--list", action="store_true", help="print the catalogue and stop")
    parser.add_argument("--check", action="store_true", help="only say which mutants still apply (no tests run)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the unmutated run of the tests")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per pytest run")
    args = parser.parse_args(argv)
    by_name = {m.name: m for m in CATALOGUE}
    unknown = [n for n in args.names if n not in by_name]
    if unknown:
        parser.error(f"unknown mutant(s) {unknown}; see --list")
    chosen = [by_name[n] for n in args.names] or list(CATALOGUE)
    if args.list:
        for m in chosen:
            print(f"{m.name:40} {m.area:10} {m.file}\n{'':40} {m.why}\n{'':40} tests: {' '.join(m.tests)}")
        return 0
    if args.check:
        stale = [m.name for m in chosen if not applies(ROOT, m)]
        print(f"{len(chosen) - len(stale)}/{len(chosen)} apply", *(["not applied:", *stale] if stale else []))
        return 1 if stale else 0
    with tempfile.TemporaryDirectory(prefix="govkg-mutants-") as tmp:
        work = copy_tree(Path(tmp))
        if not args.no_baseline:
            tests = tuple(dict.fromkeys(t for m in chosen for t in m.tests))
            code, seconds, tail = run_tests(work, tests, args.timeout)
            print(f"baseline (unmutated, {len(tests)} test files/ids): exit {code} in {seconds:.0f} s", flush=True)
            if code != 0:
                print(tail)
                print("the tests fail without any mutant: fix them first")
                return 2
        verdicts: dict[str, list[str]] = {}
        for mutant in chosen:
            verdict, detail = try_mutant(work, mutant, args.timeout)
            verdicts.setdefault(verdict, []).append(mutant.name)
            print(f"{verdict:12} {mutant.name:40} {detail}", flush=True)
    caught = len(verdicts.get("caught", []))
    print(f"\nscore: {caught}/{len(chosen)} caught ({100 * caught / len(chosen):.0f}%)")
    for verdict in ("missed", "not applied", "error"):
        if verdicts.get(verdict):
            print(f"{verdict}: {', '.join(verdicts[verdict])}")
    return 0 if caught == len(chosen) else 1


if __name__ == "__main__":
    sys.exit(main())
