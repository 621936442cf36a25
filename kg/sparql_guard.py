"""Checks a SPARQL text passes before any parser sees it: size, nesting depth, and the operations that reach out
of the store (SERVICE, LOAD).

Oxigraph's parser and evaluator recurse once per nesting level, so a 20 KB query nested 10,000 deep overflows
the stack and takes the process down ("fatal runtime error: stack overflow", or a segfault in a Python thread).
``nesting_depth`` bounds the depth from the text alone, and it must not be fooled: a ``)`` inside a string or an
IRI closes nothing, so a scanner that misreads where strings and IRIs begin could be led to count ``((( ")))"
(((`` as depth 3. The SPARQL lexer's choices are few (``<`` opens an IRI or is an operator; ``'''`` opens a long
string or an empty one; ``<<`` opens a triple term or is ``<`` before an IRI), so the scanner follows every
possible reading at once, as a nondeterministic automaton, and keeps the deepest count any reading gives: an
upper bound on what the real parser can reach, whatever it decides. A run of ``!`` nests too (``!!!!1``).

Flat chains nest as well, after parsing (``MINUS{}MINUS{}…``, ``1+1+1…`` build one node inside the other): the
size limit bounds them, and kg.query runs queries on a thread whose stack holds the largest chain that fits
under it (``STACK_BYTES``).

``SERVICE <iri>`` makes the store send the query on to any address (server-side request forgery when a server
runs it) and ``LOAD <url>`` fetches a document: both are refused unless allowed, by endpoint. A SERVICE keyword
is looked for wherever any reading of the text is SPARQL code (so ``"service"`` in a string is not one).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from kg.errors import QueryError

MAX_DEPTH = 128  # the named queries nest 6 deep; 128 levels of STR( take 1.1 MB of stack, 8 MB is the default
MAX_QUERY_BYTES = 256 * 1024  # kg query and the Python API; kg serve takes --max-query-bytes (64 KB)
# The query thread's stack: the longest flat chain under the size limit (1+1+…: 1.2 KB of stack per "+1",
# measured) needs 160 MB; memory is taken only as the stack grows.
STACK_BYTES = 512 * 1024 * 1024

# modes of the scanner
_CODE, _IRI, _S1, _S2, _L1, _L2, _COMMENT = range(7)
_S1_ESC, _S2_ESC, _L1_ESC, _L2_ESC, _SKIP = range(7, 12)  # after a backslash: the next character is taken as is
_L1_Q1, _L1_Q2, _L2_Q1, _L2_Q2 = range(12, 16)  # one or two quotes seen of a long string's closing three
_L1_O1, _L1_O2, _L2_O1, _L2_O2 = range(16, 20)  # one or two quotes seen of a long string's opening three
_OPEN, _CLOSE = frozenset("({["), frozenset(")}]")
_NOT_IN_IRI = frozenset('<>"{}|^`') | frozenset(chr(c) for c in range(0x21))
_REMOTE = re.compile(r"(?<![\w?$:\\])(SERVICE|LOAD)(?!\w)", re.IGNORECASE)
_BANGS = re.compile(r"!(?:\s*!)*")
_SPACE = re.compile(r"(?:\s+|#[^\n\r]*)*")
_SILENT = re.compile(r"SILENT(?!\w)", re.IGNORECASE)
_IRIREF = re.compile(r"<([^<>\"{}|^`\\\x00-\x20]*)>")


@dataclass(frozen=True, slots=True)
class Remote:
    """A SERVICE or LOAD in the text and the endpoint it names (None when not written as a full <IRI>)."""

    keyword: str
    endpoint: str | None
    offset: int


def _string_modes(char: str, mode: int) -> int | None:
    """The next mode inside a string literal; None ends the reading (a short string cannot hold a line break)."""
    if mode in (_S1, _S2):
        if char == ("'" if mode == _S1 else '"'):
            return _CODE
        if char == "\\":
            return _S1_ESC if mode == _S1 else _S2_ESC
        return None if char in "\n\r" else mode
    if mode in (_S1_ESC, _S2_ESC):
        return _S1 if mode == _S1_ESC else _S2
    quote, body, esc, first, second = (("'", _L1, _L1_ESC, _L1_Q1, _L1_Q2) if mode in (_L1, _L1_ESC, _L1_Q1, _L1_Q2)
                                       else ('"', _L2, _L2_ESC, _L2_Q1, _L2_Q2))
    if mode == esc:
        return body
    if char == "\\":
        return esc
    if char == quote:
        return {body: first, first: second, second: _CODE}[mode]
    return body


def _code_moves(text: str, i: int, depth: int) -> Iterator[tuple[int, int]]:
    """Every (mode, depth) a reading in SPARQL code can be in after ``text[i]``."""
    char = text[i]
    if char in _OPEN:
        yield _CODE, depth + 1
    elif char in _CLOSE:
        yield _CODE, max(depth - 1, 0)
    elif char == "<":
        yield _IRI, depth
        yield _CODE, depth  # the less-than operator
        if text.startswith("<", i + 1):
            yield _SKIP, depth + 1  # << opens a triple term
    elif char == ">" and text.startswith(">", i + 1):
        yield _SKIP, max(depth - 1, 0)
    elif char in "'\"":
        yield (_S1 if char == "'" else _S2), depth
        if text.startswith(char * 2, i + 1):
            yield (_L1_O1 if char == "'" else _L2_O1), depth
    elif char == "#":
        yield _COMMENT, depth
    elif char == "\\":
        yield _SKIP, depth  # an escape in a prefixed name (ex:a\#b)
    else:
        yield _CODE, depth


def _moves(text: str, i: int, mode: int, depth: int) -> Iterator[tuple[int, int]]:
    char = text[i]
    if mode == _CODE:
        yield from _code_moves(text, i, depth)
    elif mode == _SKIP:
        yield _CODE, depth
    elif mode == _IRI:
        if char == ">":
            yield _CODE, depth
        elif char not in _NOT_IN_IRI:
            yield _IRI, depth
    elif mode == _COMMENT:
        yield (_CODE if char in "\n\r" else _COMMENT), depth
    elif mode in (_L1_O1, _L1_O2, _L2_O1, _L2_O2):
        yield {_L1_O1: _L1_O2, _L1_O2: _L1, _L2_O1: _L2_O2, _L2_O2: _L2}[mode], depth
    else:
        following = _string_modes(char, mode)
        if following is not None:
            yield following, depth


def scan(text: str, watch: Collection[int] = ()) -> tuple[int, set[int]]:
    """(the deepest nesting any reading of ``text`` reaches, the offsets of ``watch`` some reading has in code)."""
    readings = {_CODE: 0}
    peak = 0
    in_code: set[int] = set()
    for i in range(len(text)):
        if i in watch and _CODE in readings:
            in_code.add(i)
        following: dict[int, int] = {}
        for mode, depth in readings.items():
            for new_mode, new_depth in _moves(text, i, mode, depth):
                if new_depth > following.get(new_mode, -1):
                    following[new_mode] = new_depth
        readings = following or {_CODE: 0}  # no reading left: the parser stops here too
        peak = max(peak, *readings.values())
    return peak, in_code


def _longest_bang_run(text: str) -> int:
    return max((match.group().count("!") for match in _BANGS.finditer(text)), default=0)


def nesting_depth(text: str) -> int:
    """An upper bound of how deep the parser nests on ``text`` (brackets, braces, parentheses, triple terms)."""
    bangs = _longest_bang_run(text)
    quick = sum(text.count(c) for c in _OPEN) + text.count("<<")
    if quick + bangs <= MAX_DEPTH:  # no reading can nest deeper than the openers there are
        return quick + bangs
    return scan(text)[0] + bangs


def remote_calls(text: str) -> list[Remote]:
    """Every SERVICE and LOAD some reading of ``text`` has as a keyword, with the endpoint it names."""
    candidates = {match.start(): match.group(1).upper() for match in _REMOTE.finditer(text)}
    if not candidates:
        return []
    _, in_code = scan(text, candidates)
    found = []
    for offset in sorted(in_code):
        keyword = candidates[offset]
        at = _SPACE.match(text, offset + len(keyword)).end()
        if keyword == "SERVICE" and (silent := _SILENT.match(text, at)):
            at = _SPACE.match(text, silent.end()).end()
        iri = _IRIREF.match(text, at)
        found.append(Remote(keyword, iri.group(1) if iri else None, offset))
    return found


def check_query(text: str, name: str = "query", *, max_depth: int = MAX_DEPTH,
                max_bytes: int | None = MAX_QUERY_BYTES, allow_service: bool | Collection[str] = False) -> None:
    """QueryError unless ``text`` is small enough, shallow enough, and reaches only the endpoints allowed.

    ``allow_service``: False refuses SERVICE and LOAD, True allows any, a collection allows those endpoints.
    """
    size = len(text.encode("utf-8"))
    if max_bytes is not None and size > max_bytes:
        raise QueryError(f"{name}: the query is {size:,} bytes, over the limit of {max_bytes:,}; shorten it "
                         "(a long VALUES list can become a file the query reads)")
    depth = nesting_depth(text)
    if depth > max_depth:
        raise QueryError(f"{name}: the query nests {depth} levels deep (brackets, braces, parentheses), over the "
                         f"limit of {max_depth}: refused before parsing (such a query can crash the parser)")
    if allow_service is True:
        return
    for remote in remote_calls(text):
        allowed = () if allow_service is False else allow_service
        if remote.endpoint is not None and remote.endpoint in allowed:
            continue
        where = f"<{remote.endpoint}>" if remote.endpoint else "an endpoint not written as a full <IRI>"
        hint = (f"allowed endpoints: {', '.join(sorted(allowed))}" if allowed else
                "nothing is fetched at run time; --allow-service allows it on purpose")
        raise QueryError(f"{name}: {remote.keyword} {where} would make the store fetch from the network; "
                         f"refused ({hint})")
