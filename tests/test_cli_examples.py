"""Every `kg` command's --help carries an example, and every example works when pasted into bash: each one runs
here, as written, in a scratch folder laid out like a checkout (seeds/ and ../shared/ beside it), after the
top-level example has built out/. Servers (`kg serve`, the writable `oxigraph serve` that `kg push` needs) run in
the background on free ports instead of the ports the examples name; nothing else is changed."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import typer.main
from servers import free_port, stop, wait_until_up
from workspace import ROOT, checkout_like, environment, run

from kg.cli import app

_FENCED = re.compile(r"```\w*\n(.*?)```", re.DOTALL)
_INLINE = re.compile(r"`([^`\n]+)`")
_PORT = re.compile(r"(?<=:)(\d{4,5})\b|(?<=--port )(\d{4,5})\b")


def examples(doc: str) -> tuple[list[str], list[str]]:
    """(commands, servers to start first) from the docstring's part that starts at "Example"."""
    start = doc.find("Example")
    if start < 0:
        return [], []
    text = doc[start:]
    fenced = [line.strip() for block in _FENCED.findall(text) for line in block.splitlines() if line.strip()]
    inline = _INLINE.findall(_FENCED.sub("", text))
    commands = fenced + [c for c in inline if c.startswith("kg ")]
    return commands, [c for c in inline if c.startswith("oxigraph serve")]


def documented() -> dict[str, tuple[list[str], list[str]]]:
    """Command name ("" for `kg` itself) -> its examples, for every command the app registers."""
    group = typer.main.get_group(app)
    found = {"": examples(app.registered_callback.callback.__doc__ or "")}
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        found[name] = examples(command.callback.__doc__ or "")
    for sub in app.registered_groups:  # kg annotate new, kg annotate show ...
        for command in sub.typer_instance.registered_commands:
            found[f"{sub.name} {command.name}"] = examples(command.callback.__doc__ or "")
    assert {name.split()[0] for name in found if name} == set(group.commands)
    return found


EXAMPLES = documented()


def on_free_ports(command: str, ports: dict[str, str]) -> str:
    return _PORT.sub(lambda m: ports.setdefault(m.group(0), str(free_port())), command)


def start(command: str, cwd: Path, url: str) -> subprocess.Popen:
    process = subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=cwd, env=environment(), start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wait_until_up(process, url, seconds=60, what=repr(command))
    return process


def sparql(url: str, query: str) -> dict:
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A checkout-like folder with out/ built by the top-level example (`kg build ... && kg query reports`)."""
    work = checkout_like(tmp_path_factory.mktemp("examples"))
    (command,) = EXAMPLES[""][0]
    result = run(command, work)
    assert result.returncode == 0, result.stderr
    assert "益阳市行政审批服务局" in result.stdout and (work / "out" / "store").is_dir()
    return work


def test_cli_every_command_help_shows_an_example() -> None:
    for name, (commands, _) in EXAMPLES.items():
        assert commands, f"`kg {name} --help` has no Example"
        shown = run(f"COLUMNS=200 kg {name} --help", ROOT)
        assert shown.returncode == 0, shown.stderr
        flat = " ".join(shown.stdout.split())
        for command in commands:
            assert " ".join(command.split()) in flat, f"{command!r} is not in `kg {name} --help`"


# What each example must leave behind, beyond exit status 0 and no traceback: (file or "stdout", text in it).
# The values are read in the seeds: five reports; 益阳's and 防城港's bodies both push 一件事一次办 (纵深推进“一件事
# 一次办”改革; 開展政務服務“一件事一次辦”).
EXPECTED = {
    "build": [("out/graph.ttl", "益阳市行政审批服务局"), ("stdout", "documents built"),
              ("stderr", "5 built, 0 skipped")],
    "extract": [("pred/000_305e9a0e456975a1.json", "益阳市行政审批服务局")],
    "eval": [("stdout", "F1"), ("stdout", "CLUENER2020 dev.json"), ("stdout", "test split: relations")],
    "train": [("model/vocab.json", '"B-Agency"'), ("stdout", "best epoch 1/1"),
              ("model/entity_crf/crf.json", '"labels"'), ("stdout", "entity layer: 2 train records"),
              ("model/relation_model/relations.json", '"thresholds"'),
              ("model/author_model/author.json", '"bias"')],
    "query": [("stdout", "益阳市行政审批服务局"), ("stdout", "防城港市大数据和行政审批局"),
              ("reforms.csv", "place_label,reform_label"), ("reforms.csv", "\n益阳市,一件事一次办,")],
    "export": [("graph.jsonld", "益阳市行政审批服务局"), ("graph.jsonld", "一件事一次办")],
    "viz": [("stderr", "--focus 一件事一次办 --hops 2: "), ("stderr", "drawn to yijianshi.html"),
            ("yijianshi.html", "防城港市大数据和行政审批局")],
    "validate": [("stdout", "valid: "), ("stdout", " 0 violation(s)")],
    "reason": [("stdout", "consistent under OWL 2 DL")],
}


@pytest.mark.slow
# kg annotate's examples edit the annotation records of the checkout: tests/test_annotations_corpus.py covers them
@pytest.mark.parametrize("name", [n for n in EXAMPLES if n and n not in ("serve", "push") and " " not in n])
def test_cli_example_runs(workspace: Path, name: str) -> None:
    outputs = {"stdout": "", "stderr": ""}
    for command in EXAMPLES[name][0]:
        result = run(command, workspace)
        assert result.returncode == 0, f"{command}\n{result.stderr}"
        assert "Traceback" not in result.stderr, result.stderr
        outputs["stdout"] += result.stdout
        outputs["stderr"] += result.stderr
    for where, text in EXPECTED[name]:
        found = outputs[where] if where in outputs else (workspace / where).read_text(encoding="utf-8")
        assert text in found, f"{name}: {text!r} not in {where}"


@pytest.mark.slow
def test_cli_example_serve_answers_sparql(workspace: Path) -> None:
    (command,) = EXAMPLES["serve"][0]
    ports: dict[str, str] = {}
    command = on_free_ports(command, ports)
    (port,) = ports.values()
    server = start(command, workspace, f"http://127.0.0.1:{port}/")
    try:
        answer = sparql(f"http://127.0.0.1:{port}/query", "ASK { ?s a <https://w3id.org/govkg/ontology#Report> }")
        assert answer["boolean"] is True
    finally:
        stop(server)


@pytest.mark.slow
def test_cli_example_push_fills_a_graph_store(workspace: Path) -> None:
    (command,), (precondition,) = EXAMPLES["push"]
    ports: dict[str, str] = {}
    precondition, command = on_free_ports(precondition, ports), on_free_ports(command, ports)
    (port,) = ports.values()
    server = start(precondition, workspace, f"http://127.0.0.1:{port}/")
    try:
        result = run(command, workspace)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("5 graphs"), result.stdout
        count = sparql(f"http://127.0.0.1:{port}/query",
                       "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert int(count["results"]["bindings"][0]["n"]["value"]) == 5
    finally:
        stop(server)
