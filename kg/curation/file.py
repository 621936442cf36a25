"""``curation.csv``: one decision per row, read with its line number so that a bad row is reported as
``curation.csv:7: problem``.

Columns: ``action`` (accept, reject, merge, rename), ``subject``, ``predicate``, ``object``, ``report``, ``quote``,
``curator``, ``date``, ``note``. An entity is named by its preferred name or its key (``Agency/益阳市行政审批服务局``,
which also fixes the class); ``kg curate`` writes keys. What each action reads:

- ``accept S P O``: the fact is right. Extracted, it is marked as the curator's; not extracted, it is added to
  ``report`` with evidence at ``quote`` (text of that report).
- ``reject S P O``: the fact is wrong and is removed; ``reject S`` (no predicate, no object): S is not an entity.
- ``merge S O``: S is the same entity as O; S's mentions, names and facts become O's.
- ``rename S O``: S's preferred name becomes O (its IRI stays, the old name is kept as an alias).

``report`` (a report id) limits any decision to that report. Blank lines and lines starting with ``#`` are skipped.
CSV opens in a spreadsheet, diffs line by line under version control, and needs no dependency.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields, replace
from datetime import date
from pathlib import Path

from kg.errors import ResourceError
from kg.model import ENTITY_TYPES, RELATION_TYPES

FILE_NAME = "curation.csv"
ACTIONS = ("accept", "reject", "merge", "rename")
COLUMNS = ("action", "subject", "predicate", "object", "report", "quote", "curator", "date", "note")


@dataclass(frozen=True, slots=True)
class Decision:
    action: str
    subject: str
    predicate: str = ""
    object: str = ""
    report: str = ""
    quote: str = ""
    curator: str = ""
    date: str = ""
    note: str = ""

    @property
    def id(self) -> str:
        """A digest of the whole row: the same decision has the same IRI in every build; an edited one a new one."""
        return hashlib.sha256("\x1f".join(astuple(self)).encode("utf-8")).hexdigest()[:16]

    @property
    def is_fact(self) -> bool:
        return self.action == "accept" or (self.action == "reject" and bool(self.predicate))

    @property
    def label(self) -> str:
        """``reject 益阳市行政审批服务局 implements 放管服 (张三)``: what the decision says, for people."""
        words = [self.action, self.subject]
        if self.action == "merge":
            words += ["into", self.object]
        elif self.action == "rename":
            words += ["to", self.object]
        elif self.predicate:
            words += [self.predicate, self.object]
        if self.report:
            words += ["in", self.report]
        return f"{' '.join(words)} ({self.curator})"

    def row(self) -> list[str]:
        return [getattr(self, column) for column in COLUMNS]


def read_curation(path: str | Path) -> tuple[Decision, ...]:
    """Every decision of the file, in order; ResourceError naming the file, the line and the problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ResourceError(path, None, "no such curation file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(path, None, f"cannot read the curation file: {exc}") from exc
    return parse_curation(text, path)


def parse_curation(text: str, path: Path) -> tuple[Decision, ...]:
    """The decisions of ``text``, the content of the curation file ``path`` (named in errors)."""
    lines = [(number, line) for number, line in enumerate(text.splitlines(keepends=True), start=1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return ()
    reader = csv.reader(io.StringIO("".join(line for _, line in lines)))
    header = [name.strip().lower() for name in next(reader)]
    if "action" not in header or "subject" not in header or set(header) - set(COLUMNS):
        raise ResourceError(path, lines[0][0], f"the header must name the columns {', '.join(COLUMNS)} "
                                               f"(found {', '.join(header)})")
    decisions = []
    for cells in reader:
        number = lines[min(reader.line_num, len(lines)) - 1][0]
        if len(cells) > len(header):
            raise ResourceError(path, number, f"{len(cells)} cells, the header names {len(header)} columns "
                                              "(quote a cell that holds a comma)")
        values = {name: cell.strip() for name, cell in zip(header, cells, strict=False)}
        decisions.append(_decision(values, path, number))
    return tuple(decisions)


def _decision(values: dict[str, str], path: Path, line: int) -> Decision:
    """One row checked: the fields each action needs, known relations and classes, an ISO date."""
    decision = Decision(**{f.name: values.get(f.name, "") for f in fields(Decision)})
    decision = replace(decision, action=decision.action.lower())
    action, predicate = decision.action, decision.predicate

    def bad(problem: str) -> ResourceError:
        return ResourceError(path, line, problem)

    if action not in ACTIONS:
        raise bad(f"unknown action {decision.action!r}; one of {', '.join(ACTIONS)}")
    if not decision.subject:
        raise bad(f"{action} needs a subject (the entity's name or key)")
    if not decision.curator:
        raise bad("every decision needs a curator (who decided: a name or an ORCID)")
    if predicate and predicate not in RELATION_TYPES:
        raise bad(f"unknown predicate {predicate!r}; one of {', '.join(RELATION_TYPES)}")
    if action in ("merge", "rename") and (predicate or not decision.object):
        what = "the entity kept" if action == "merge" else "the new name"
        raise bad(f"{action} takes a subject and an object ({what}), and no predicate")
    if action == "accept" and not (predicate and decision.object):
        raise bad("accept takes a subject, a predicate and an object (a fact)")
    if action == "reject" and bool(predicate) != bool(decision.object):
        raise bad("reject takes a subject alone (an entity) or a subject, a predicate and an object (a fact)")
    if action == "merge" and decision.subject == decision.object:
        raise bad("merge of an entity into itself")
    if decision.quote and action != "accept":
        raise bad("a quote is evidence for an accepted fact; only accept takes one")
    for name in (decision.subject, decision.object):
        type_, sep, _ = name.partition("/")
        if sep and type_[:1].isupper() and type_.isalpha() and type_ not in ENTITY_TYPES:
            raise bad(f"{name!r}: unknown class {type_!r}; one of {', '.join(ENTITY_TYPES)}")
    if decision.date:
        try:
            date.fromisoformat(decision.date)
        except ValueError as exc:
            raise bad(f"date {decision.date!r} is not an ISO date (YYYY-MM-DD)") from exc
    return decision


def find_curation(inputs: Iterable[str | Path]) -> list[Path]:
    """The curation files beside the inputs: ``curation.csv`` in each input folder that has one."""
    found = []
    for item in inputs:
        candidate = Path(item) / FILE_NAME
        if Path(item).is_dir() and candidate.is_file() and candidate not in found:
            found.append(candidate)
    return found


def append_decision(path: str | Path, decision: Decision) -> None:
    """Add one row at the end of the file (with the header when the file is new), written aside and renamed."""
    from kg.export import write_atomic

    path = Path(path)
    old = path.read_bytes() if path.is_file() else b""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    if not old.strip():
        writer.writerow(COLUMNS)
    elif not old.endswith(b"\n"):
        buffer.write("\n")
    writer.writerow(decision.row())
    new = old + buffer.getvalue().encode("utf-8")
    parse_curation(new.decode("utf-8-sig"), path)  # the file stays one every build can read
    write_atomic(path, lambda fh: fh.write(new))
