"""`kg serve` and `kg push` against real servers on loopback: govkg's endpoint over the seeds' store, read-only,
and a read-write `oxigraph serve` that receives the report graphs and gives them back."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from seed_store import built_seeds
from servers import free_port, http, stop, wait_until_up
from typer.testing import CliRunner

from kg.cli import app
from kg.endpoint import close, start
from kg.errors import StoreError
from kg.serve import PushError, fetch_graph, oxigraph_binary, push
from kg.store import report_graphs

BODIES_QUERY = """PREFIX gk: <https://w3id.org/govkg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?body WHERE { ?b gk:implements ?r . ?r skos:prefLabel ?name . ?b skos:prefLabel ?body .
                              FILTER(STR(?name) = "一件事一次办") }"""


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return built_seeds(tmp_path_factory)


@pytest.fixture(scope="module")
def served(out: Path) -> Iterator[str]:
    """`kg serve` (the real command, in its own process) on a free loopback port; yields the base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--store", str(out / "store"), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(process, f"{base}/query?query={urllib.parse.quote('ASK {}')}")
        yield base
    finally:
        stop(process)


@pytest.fixture()
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """A real read-write `oxigraph serve` on an empty store; yields its Graph Store endpoint."""
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(tmp_path / "remote"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(process, f"{base}/query?query={urllib.parse.quote('ASK {}')}")
        yield f"{base}/store"
    finally:
        stop(process)


def test_semantic_serve_answers_sparql_protocol_get_and_post(served: str) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    status, body = http(f"{served}/query?query={urllib.parse.quote(BODIES_QUERY)}", headers=accept)
    assert status == 200
    bodies = {b["body"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert {"益阳市行政审批服务局", "防城港市大数据和行政审批局"} <= bodies
    form = urllib.parse.urlencode({"query": BODIES_QUERY}).encode("utf-8")
    status, body = http(f"{served}/query", data=form,
                        headers={**accept, "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and json.loads(body)["results"]["bindings"]


def test_semantic_serve_refuses_update_and_graph_writes(served: str) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    url = f"{served}/query?query={urllib.parse.quote(count)}"
    before = http(url, headers={"Accept": "text/csv"})[1]
    update = b"INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    status, _ = http(f"{served}/update", data=update, headers={"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _ = http(f"{served}/store?default", data=b"<urn:x:a> <urn:x:b> <urn:x:c> .", method="PUT",
                     headers={"Content-Type": "application/n-triples"})
    assert status == 403
    assert http(url, headers={"Accept": "text/csv"})[1] == before


def test_semantic_serve_binds_loopback_and_checks_the_store(out: Path, tmp_path: Path) -> None:
    server = start(out / "store", port=free_port(), log=False)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        close(server)
    with pytest.raises(StoreError, match="no store here"):
        start(tmp_path / "missing")


def test_semantic_push_sends_every_report_graph_and_reads_it_back(out: Path, oxigraph_server: str) -> None:
    result = CliRunner().invoke(app, ["push", "--endpoint", oxigraph_server, "--store", str(out / "store"),
                                      "--auth", "reader:secret"])
    assert result.exit_code == 0, result.output
    assert "5 graphs" in result.stdout
    local = ox.Store.read_only(str(out / "store"))
    for graph in report_graphs(local):
        mine = {q.triple for q in local.quads_for_pattern(None, None, None, ox.NamedNode(graph))}
        assert set(fetch_graph(oxigraph_server, graph)) == mine, graph
    again = push(local, oxigraph_server, with_ontology=True)  # PUT replaces: pushing twice changes nothing
    assert [p.graph for p in again][:5] == report_graphs(local)
    assert again[-1].graph == "https://w3id.org/govkg/ontology" and again[-1].triples > 400
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    status, body = http(oxigraph_server.replace("/store", "/query") + "?query=" + urllib.parse.quote(query),
                        headers={"Accept": "text/csv"})
    assert status == 200 and body.decode().split() == ["n", "6"]


def test_semantic_push_to_nothing_names_the_url(out: Path) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(PushError, match=r"127\.0\.0\.1.*cannot reach"):
        push(out / "store", endpoint)
    result = CliRunner().invoke(app, ["push", "--endpoint", "ftp://example.org/x", "--store", str(out / "store")])
    assert result.exit_code == 1 and "not an http(s) URL" in result.output
