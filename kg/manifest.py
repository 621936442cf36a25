"""``out/manifest.json``: what a build put in its output, so that ``kg build --update`` redoes only what changed.

It records, per report (doc_id), the file it was read from and the SHA-256 of that file's bytes, plus what the
graphs depend on besides the files: the base IRI and a fingerprint of the extraction code, its data files and
the ontology. A report is re-extracted when its bytes or path changed; every report is, when the base or the
fingerprint changed (a new lexicon changes every report's graph).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from kg import __version__
from kg.paths import ontology_path
from kg.rdf.iri import Minter

NAME = "manifest.json"
FORMAT = 2  # 2: each report's reforms, for the links between reports
_PACKAGE = Path(__file__).resolve().parent
# What the graphs do not depend on: the front ends over a built store. Everything else in the package counts, so
# a module added later invalidates old builds rather than being missed.
_NOT_INPUTS = frozenset({"build.py", "cli", "endpoint", "evaluate.py", "export.py", "goldjson.py", "manifest.py",
                         "outdir.py", "query.py", "serve.py", "sparql_guard.py", "viz", "__main__.py"})


@dataclass(frozen=True, slots=True)
class Entry:
    path: str
    sha256: str
    quads: int
    # the reforms the report's graph names, from which the links between reports are computed (kg.rdf.links), so
    # an update need not read every report graph back: labels of reforms whose IRI is minted from the label (all
    # of them but report-scoped ones), and IRI -> label for the others
    reforms: list[str] = field(default_factory=list)
    other_reforms: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {"other_reforms": self.other_reforms, "path": self.path, "quads": self.quads,
                "reforms": self.reforms, "sha256": self.sha256}

    def reform_iris(self, mint: Minter) -> dict[str, str]:
        """IRI -> label of every reform the report's graph names."""
        found = {mint.entity(f"Reform/{label}"): label for label in self.reforms}
        found.update(self.other_reforms)
        return found

    @staticmethod
    def split_reforms(reforms: dict[str, str], mint: Minter) -> tuple[list[str], dict[str, str]]:
        """(labels, others) of IRI -> label, as ``reforms`` and ``other_reforms`` hold them."""
        labels = sorted(label for iri, label in reforms.items() if iri == mint.entity(f"Reform/{label}"))
        minted = {mint.entity(f"Reform/{label}") for label in labels}
        return labels, {iri: label for iri, label in sorted(reforms.items()) if iri not in minted}


@dataclass(slots=True)
class Manifest:
    base: str
    pipeline: str
    reports: dict[str, Entry] = field(default_factory=dict)
    govkg: str = __version__
    format: int = FORMAT
    exports: dict[str, str] = field(default_factory=dict)  # graph.ttl ... -> SHA-256, checked by --update
    statements: dict[str, int] = field(default_factory=dict)  # graph.ttl -> its triples, graph.trig -> its quads

    def to_json(self) -> str:
        """One line per report, keys sorted: a thousand reports' entries are megabytes, which Python's JSON
        encoder writes ten times faster without indentation."""
        head = {key: value for key, value in asdict(self).items() if key != "reports"}
        compact = {"ensure_ascii": False, "sort_keys": True, "separators": (",", ":")}
        lines = [f"{json.dumps(doc_id)}:{json.dumps(entry.as_dict(), **compact)}"
                 for doc_id, entry in sorted(self.reports.items())]
        return json.dumps(head, **compact)[:-1] + ',"reports":{\n' + ",\n".join(lines) + "\n}}\n"


@cache
def pipeline_fingerprint() -> str:
    """SHA-256 over the extraction code, its data files and the ontology (paths and bytes, in sorted order)."""
    digest = hashlib.sha256(__version__.encode())
    files = [path for path in sorted(_PACKAGE.rglob("*"))
             if path.relative_to(_PACKAGE).parts[0] not in _NOT_INPUTS and "__pycache__" not in path.parts]
    for path in [*files, ontology_path()]:
        if path.is_file() and path.suffix != ".pyc":
            name = path.relative_to(_PACKAGE).as_posix() if path.is_relative_to(_PACKAGE) else path.name
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def write_manifest(out_dir: Path, manifest: Manifest) -> None:
    (out_dir / NAME).write_text(manifest.to_json(), encoding="utf-8")


def read_manifest(out_dir: Path) -> tuple[Manifest | None, str]:
    """The manifest of a previous build, or None and why it cannot be used."""
    path = out_dir / NAME
    if not path.is_file():
        return None, f"no {NAME} in {out_dir}"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return None, f"{path}: format {data.get('format')!r}, this govkg writes {FORMAT}"
        reports = {doc_id: Entry(**entry) for doc_id, entry in data["reports"].items()}
        return Manifest(data["base"], data["pipeline"], reports, data.get("govkg", ""),
                        exports=data.get("exports", {}), statements=data.get("statements", {})), ""
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return None, f"{path}: unreadable ({type(exc).__name__}: {exc})"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """SHA-256 of a file read in blocks (exports are gigabytes on large corpora)."""
    digest = hashlib.sha256()
    with path.open("rb") as data:
        while block := data.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


# store_fingerprint of the store as the build closed it, beside the manifest (which stays the same for the same
# inputs; this does not): while the store still has it, the manifest's graph.ttl and graph.trig are what `kg
# export` would write of the store, and kg.export hands them out instead of reading the store back
FINGERPRINT = "store.fingerprint"
# RocksDB's own diary, rewritten by every open, even a read-only one that changes nothing; and the lock file
_NOT_CONTENT = ("LOG", "LOCK")


def write_store_fingerprint(out_dir: Path) -> None:
    """Record the fingerprint of ``out_dir``/store, closed, as it is now."""
    (out_dir / FINGERPRINT).write_text(store_fingerprint(out_dir / "store") + "\n", encoding="ascii")


def store_unchanged(out_dir: Path) -> bool:
    """Whether ``out_dir``/store has the fingerprint recorded beside it (nothing wrote to it since)."""
    try:
        recorded = (out_dir / FINGERPRINT).read_text(encoding="ascii").strip()
        return bool(recorded) and recorded == store_fingerprint(out_dir / "store")
    except (OSError, UnicodeDecodeError):
        return False


def store_fingerprint(store: Path) -> str:
    """What changes whenever anything is written to the store at ``store`` (a folder): SHA-256 over each file's
    name, size and modification time, and the bytes of CURRENT and IDENTITY (the database's own id, new for each
    store). RocksDB never rewrites a data file in place: a write appends to the log (``*.log``), a flush or a
    compaction adds numbered files and a new MANIFEST, and even a read-write open that writes nothing starts a
    new log and MANIFEST; a read-only open changes nothing. So equal fingerprints mean the store was not opened
    for writing in between (a copy that keeps times and sizes aside), and a changed one proves nothing but is
    treated as a change."""
    digest = hashlib.sha256()
    for entry in sorted(os.scandir(store), key=lambda entry: entry.name):
        if entry.name.startswith(_NOT_CONTENT) or not entry.is_file():
            continue
        info = entry.stat()
        digest.update(f"{entry.name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        if entry.name in ("CURRENT", "IDENTITY"):
            digest.update(Path(entry.path).read_bytes())
    return digest.hexdigest()
