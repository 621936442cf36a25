"""Where a free name begins: scan left from its head word to the nearest boundary word.

Names of leading groups, centres, platforms and programmes are open-ended (法治建设工作领导小组,
全市基层审批服务执法示范点创建工作指导组). Their left edge is the character after the verb or preposition that
governs them (调整 / 成立 / 通过 / 向 ...), listed in boundary_words.tsv. When the nearest boundary leaves only a
generic qualifier (工作 in 法治建设工作领导小组 after 建设), the scan tries the next boundary further left.
"""

from __future__ import annotations

from kg.nlp.dictionary import two_character_words, words
from kg.nlp.rules.lexicon import Lexicons


def run_start(text: str, end: int, lex: Lexicons, floor: int = 0) -> int:
    """Leftmost index of the run of name characters that ends at ``end`` (stop characters break a run)."""
    limit = max(floor, end - lex.max_length)
    i = end
    while i > limit and text[i - 1] not in lex.stop_chars:
        i -= 1
    return i


def _cut_points(text: str, start: int, end: int, lex: Lexicons, whole_words: bool = False) -> list[int]:
    """End offsets of boundary words inside text[start:end], right to left. With ``whole_words``, a one-character
    boundary inside a word (考 of 考试院, 用 of 用工 and of 商用; ``in_dictionary_word``) cuts nothing unless it joins a
    list: a name's edge does not fall inside a word."""
    cuts = set()
    inside_word = start  # positions before this lie inside a word that is not a boundary (建设项目: not 设)
    for i in range(start, end):
        word = lex.not_boundary_re.match(text, i, end)
        if word:
            inside_word = max(inside_word, word.end())
        if i < inside_word:
            continue
        match = lex.boundary_re.match(text, i, end)
        if match and not (whole_words and match.end() - i == 1 and text[i] not in lex.conjunctions
                          and in_dictionary_word(text, i, lex)):
            cuts.add(match.end())
    return sorted(cuts, reverse=True)


def holds_boundary(text: str, start: int, end: int, lex: Lexicons) -> bool:
    """Does a boundary word (not inside a longer word that is none) end inside text[start:end]?"""
    return bool(_cut_points(text, start, end, lex))


def qualifier_ok(qualifier: str, lex: Lexicons, head_length: int = 0) -> bool:
    if len(qualifier) == 1 and qualifier in lex.level_qualifiers and head_length >= 3:
        return True  # 省[政务服务平台], 局[办公室]
    if len(qualifier) < lex.min_qualifier:
        return False
    if qualifier.startswith(lex.generic_starts) or not lex.forbidden_chars.isdisjoint(qualifier):
        return False
    if lex.quantity_re.search(qualifier) or lex.generic_inside.search(qualifier):
        return False  # 170家融资平台, 报本级人民政府: a count or a level of a kind of body, not a name
    return not lex.boundary_re.match(qualifier) or bool(lex.not_boundary_re.match(qualifier))


def in_dictionary_word(text: str, i: int, lex: Lexicons) -> bool:
    """Does text[i] begin a word of jieba's dictionary (用工, 学籍, 考试院), or end a noun that is no boundary word
    itself (商用 of 商用密码; not 利用, nor the verbs 交到, 作为; names.yaml noun_tags)?"""
    known = words()
    if any(text[i : i + size] in known for size in range(2, 5) if i + size <= len(text)):
        return True
    return (
        i > 0
        and text[i - 1 : i + 1] in two_character_words(lex.noun_tags)
        and not lex.boundary_re.fullmatch(text, i - 1, i + 1)
    )


def free_name_start(
    text: str, head_start: int, head_end: int, lex: Lexicons, floor: int = 0, whole_words: bool = False
) -> int | None:
    """Start offset of the free qualifier in front of the head text[head_start:head_end], or None when the name
    would be generic. The run's own start only counts when no boundary word lies inside the run."""
    start = run_start(text, head_start, lex, floor)
    cuts = [c for c in _cut_points(text, start, head_start, lex, whole_words) if c <= head_start] or [start]
    for cut in cuts:
        if qualifier_ok(text[cut:head_start], lex, head_end - head_start):
            return cut
    return None


def left_edge_ok(text: str, start: int, lex: Lexicons) -> bool:
    """Could a name begin at ``start``? Yes after a stop character, a boundary word, or at the text's start."""
    if start == 0 or text[start - 1] in lex.stop_chars:
        return True
    return any(lex.boundary_re.fullmatch(text, start - size, start) for size in range(1, 5) if start - size >= 0)
