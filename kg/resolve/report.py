"""Report metadata: who wrote the report, where, and about which year — read off the document and its mentions.

The author is the body the report speaks as: its 来源 line when the page had one, else the issuer its own document
number names (冀科政〔2015〕20号 -> 河北省科学技术厅; kg/resolve/document_number.py), else the issuer its title opens
with (国务院办公厅关于…, 岳阳市生态环境局2023年…), else the body that signs it above the closing date, else the
named body whose head agrees with the report's self-references (我局 -> a name ending in 局), else the street
office of a 街道 report, else the government of the place the report speaks for (我区, 我省). The place is the
most specific place named in the text that contains the author (none for a national body); the year is the
best-supported 'X年' of the report's own formulas.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from functools import cache
from pathlib import Path

from kg.model import Document, Mention, Report
from kg.nlp.rules.agencies import standard_agency_name
from kg.nlp.rules.lexicon import Division, load_gazetteer, load_lexicons
from kg.resolve.document_number import number_issuer
from kg.resources import read_yaml

CONTAINERS = ("PolicyDocument", "Law")
AGENCY_RULES = ("agency.grammar", "agency.free", "agency.abbreviation", "agency.central", "agency.street", "model.crf")


@cache
def _config() -> dict:
    cfg = read_yaml("resolve/report.yaml")
    cfg["joint_issuer_gap_re"] = re.compile(cfg["joint_issuer_gap"])
    cfg["inline_signature_re"] = re.compile(cfg["inline_signature_date"])
    cfg["year_res"] = [(re.compile(p["pattern"], re.M), int(p["weight"]), int(p.get("offset", 0)),
                        int(p.get("within", 0)), bool(p.get("first", False))) for p in cfg["year_patterns"]]
    cfg["title_issuer_before"] = re.compile(cfg["title_issuer_before"])
    cfg["adoption_note_re"] = re.compile(cfg["adoption_note"])
    cfg["document_number_re"] = re.compile(cfg["document_number"])
    cfg["explainer_after_re"] = re.compile(cfg["explainer_after"])
    cfg["inline_signature_not_before_re"] = re.compile(cfg["inline_signature_not_before"])
    return cfg


def infer_report(document: Document, mentions: list[Mention], learned: Path | None = None) -> Report:
    """The report's author, year and place; ``learned`` (a folder of learned weights): where the rules find no
    formula naming the author and fall back on the place's government, the author ranker
    (kg/resolve/learned_author.py) chooses among the bodies named (on 4-fold cross-validation over the train
    records: 108 of 143 right against the rules' 87; always choosing, 113, but it then loses report authors the
    rules' formulas get, as on ../shared/gold)."""
    meta = document.metadata
    counts = _place_counts(mentions)
    author = written_author(document, mentions)
    place = _most_named_place(counts, _spoken_level(mentions))
    fell_back = author is None or (place is not None and author == _place_government(place))
    if learned and fell_back and not any(voice in document.norm for voice in _config()["place_voice"]):
        from kg.resolve.learned_author import choose_author

        author = choose_author(document, mentions, author, learned)
    if author:  # 省政府办公厅 in a Hebei page, whoever chose it -> 河北省人民政府办公厅, as resolution names the body
        from kg.resolve.entities import full_government  # entities reads this module: imported here

        author = full_government(standard_agency_name(_with_level_place(author, place)))
    # 国务院办公厅 writes for the whole country, not for the city it names most
    national = author in load_lexicons().central.values()
    place = None if national else _author_place(author, counts) or place
    if author and place:  # 光明区人民政府 -> 深圳市光明区人民政府, its official name
        author = load_gazetteer().official_body_name(author, place)
    return Report(
        author_name=author,
        year=_year(document),
        place_name=place.name if place else None,
        place_code=place.code if place else None,
        title=meta.get("title") or meta.get("page_title"),
        publish_date=meta.get("signature_date") or meta.get("publish_date"),  # signed, else put on a page
        source=meta.get("source"),
    )


def _adoption_notes(text: str) -> list[re.Match[str]]:
    """The adoption and revision notes opening a published law or rule, in order."""
    return list(_config()["adoption_note_re"].finditer(text, 0, _config()["adoption_note_within"]))


def _adopted_by(document: Document, mentions: list[Mention]) -> str | None:
    """The body of the latest adoption note (第十二届全国人民代表大会常务委员会 -> 全国人民代表大会常务委员会)."""
    notes = _adoption_notes(document.norm)
    if not notes:
        return None
    start, end = notes[-1].span("body")
    body = _body_at(mentions, document.norm, start, end)
    return author_name_of(body) if body is not None else document.norm[start:end]


def _year(document: Document) -> int | None:
    cfg, votes = _config(), Counter()
    text = document.norm
    notes = _adoption_notes(text)
    if notes:  # a law's year is that of the text as it stands: its latest adoption or revision
        return max(int(note.group(1)) for note in notes)
    for year_re, weight, offset, within, first in cfg["year_res"]:
        for match in year_re.finditer(text, 0, within or len(text)):
            before = text[max(0, match.start(1) - 1) : match.start(1)]
            after = text[match.end(1) : match.end(1) + 3]
            if before in cfg["ignore_year_before"] or after.startswith(tuple(cfg["ignore_year_after"])):
                continue
            status = document.status_at(match.start(1))
            if status == "planned":
                continue
            year = int(match.group(1)) + offset
            if 1990 <= year <= 2100:
                votes[year] += weight
            if first:
                break
    if votes:
        return max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0]
    dated = document.metadata.get("signature_date") or document.metadata.get("publish_date")
    if dated:
        year, month = int(dated[:4]), int(dated[5:7])
        return year - 1 if month <= 3 else year
    return None


def division_codes(mention: Mention) -> list[str]:
    """The gazetteer codes a Place mention may stand for (several when its name repeats across China)."""
    return [c for c in mention.kb_id.split("|") if c.isdigit()] if mention.label == "Place" else []


def _place_counts(mentions: list[Mention]) -> Counter[str]:
    """How often each division is named; an ambiguous name (龙华区 in 深圳 and 海口) counts for the division
    whose ancestors the report also names."""
    gaz = load_gazetteer()
    counts: Counter[str] = Counter()
    ambiguous = []
    for mention in mentions:
        codes = division_codes(mention)
        if len(codes) == 1:
            counts[codes[0]] += 1
        elif codes:
            ambiguous.append(codes)
    for codes in ambiguous:
        fitting = [c for c in codes if any(d.code in counts for d in gaz.ancestors(c)[1:])]
        if len(fitting) == 1:
            counts[fitting[0]] += 1
    return counts


def _author_place(author: str | None, counts: Counter[str]) -> Division | None:
    """The place in the author's name; for a town or street office, the nearest larger place the text names."""
    place = place_in_name(author, counts) if author else None
    if place is None or place.level != "township":
        return place
    return next((d for d in load_gazetteer().ancestors(place.code)[1:] if d.code in counts), None)


def _spoken_level(mentions: list[Mention]) -> str | None:
    """The level of place the report speaks for, when it says 我市 / 我区 / 我县."""
    levels = _config()["deictic_place_levels"]
    votes = Counter(levels[m.norm] for m in mentions if m.norm in levels)
    return votes.most_common(1)[0][0] if votes else None


def _most_named_place(counts: Counter[str], level: str | None = None) -> Division | None:
    """The most frequently named place at the level the report speaks for (我区 -> a county), else the most
    frequently named prefecture or county; towns only when nothing larger is named."""
    gaz = load_gazetteer()
    if not counts:
        return None
    wanted = (level,) if level else ("prefecture", "county")

    def rank(item: tuple[str, int]) -> tuple:
        division = gaz.by_code.get(item[0])
        level_of = division.level if division else ""
        return (level_of not in wanted, level_of not in ("prefecture", "county"), -item[1], item[0])

    ranked = sorted(counts.items(), key=rank)
    return gaz.by_code.get(ranked[0][0])


def place_in_name(name: str, counts: Collection[str] | None = None) -> Division | None:
    """The most specific division a name opens with (武汉市江岸区人民法院 -> 江岸区); a name shared by several
    (龙华区: 深圳, 海口) is the one under the division written before it, or whose larger divisions the text names."""
    gaz = load_gazetteer()
    place, pos = None, 0
    while pos < len(name):
        for size in range(min(12, len(name) - pos), 1, -1):
            found = gaz.lookup(name[pos : pos + size])
            if place is not None:
                found = [d for d in found if place in gaz.ancestors(d.code)[1:]]
            elif len(found) > 1 and counts:
                found = [d for d in found if any(a.code in counts for a in gaz.ancestors(d.code)[1:])]
            if len(found) == 1:
                place, pos = found[0], pos + size
                break
        else:
            return place
    return place


def written_author(document: Document, mentions: list[Mention]) -> str | None:
    """The rules' author as the document writes it (before standard and official names)."""
    spoken = _spoken_level(mentions)
    return _author(document, mentions, _most_named_place(_place_counts(mentions), spoken), spoken)


def _author(document: Document, mentions: list[Mention], place: Division | None, spoken: str | None) -> str | None:
    source = document.metadata.get("source", "")
    agencies = [m for m in mentions if m.label == "Agency" and m.source in AGENCY_RULES]
    if source and any(m.norm == source for m in agencies):
        return source
    issuer = (_numbered_issuer(document, mentions) or _explainer(document, mentions)
              or _adopted_by(document, mentions) or _signer(document, mentions))
    if issuer:
        return issuer
    heads = _deictic_heads(mentions)
    scores: Counter[str] = Counter()
    for mention in agencies:
        name = mention.norm
        if heads and not name.endswith(tuple(heads)):
            continue
        weight = 3 if place_in_name(name) else 1
        scores[name] += weight
    if scores and heads:
        return max(scores.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
    street = [m for m in mentions if m.source == "agency.street"]
    if street and spoken is None:  # a 我区 report names its streets; it is not written by one
        return Counter(m.kb_id for m in street).most_common(1)[0][0]
    return _place_government(place) if place is not None else None


def _with_level_place(name: str | None, place: Division | None) -> str | None:
    """省科技厅 in a Hebei department's page -> 河北省科技厅: a level word opening a name is the report's place at
    that level, as entity resolution reads it."""
    from kg.resolve.entities import LEVEL_OF_CHAR  # entities reads this module: imported here, not at the top

    level = LEVEL_OF_CHAR.get(name[:1]) if name else None
    if not name or level is None or place is None:
        return name
    gaz = load_gazetteer()
    division = next((d for d in gaz.ancestors(place.code) if d.level == level), None)
    return gaz.body_prefix(division) + name[1:] if division and division.name.endswith(name[0]) else name


def _place_government(place: Division) -> str:
    """The fallback author: the government of the place the report speaks for (深圳市光明区人民政府)."""
    return _config()["place_government"].replace("{P}", load_gazetteer().body_prefix(place))


def _title_issuer(document: Document, mentions: list[Mention]) -> str | None:
    """The body that opens the first line, followed by 关于, the covered year or 令: the issuer of an official
    document (国务院办公厅关于…, 科学技术部令第15号) or the writer of a report (岳阳市生态环境局2023年…); of bodies
    issuing together (河北省教育厅  河北省财政厅关于…, 河北省财政厅河北省工业和信息化厅关于…), the first. A first line
    that is only the title of what the document issues leaves it to the second (…管理办法\n河北省财政厅…关于印发…)."""
    text = document.norm
    start = len(text) - len(text.lstrip())
    starts = [start]
    line_end = text.find("\n", start)
    if 0 < line_end - start <= _config()["title_line_max"] and "。" not in text[start:line_end]:
        starts.append(line_end + 1 + len(text[line_end + 1 :]) - len(text[line_end + 1 :].lstrip()))
    for start in starts:
        number = _config()["document_number_re"].match(text, start)  # 冀科办〔2012〕21号 before the issuer
        start = number.end() if number else start
        issuer = _body_at(mentions, text, start, len(text))
        if issuer is None:
            continue
        end = issuer.end
        while True:
            gap = _config()["joint_issuer_gap_re"].match(text, end)
            partner = _body_at(mentions, text, gap.end(), len(text)) if gap else None
            if partner is None or partner.end <= end:
                break
            end = partner.end
        if _config()["title_issuer_before"].match(text, end):
            return author_name_of(issuer)
    return None


def _numbered_issuer(document: Document, mentions: list[Mention]) -> str | None:
    """The issuer the page's own document number names, else its title's: the number decides where the title names
    no issuer or only part of the number's (河北省委办公厅 for 冀办字: 中共河北省委办公厅) or runs joint issuers
    into one name (中国人民银行科技部 for 银发); where the title names another body first (中共中央组织部人力资源社会
    保障部…, 人社部规: the number is the drafting body's), the title's first issuer stands, as joint issuers' does."""
    numbered, titled = number_issuer(document.norm), _title_issuer(document, mentions)
    if numbered and (titled is None or titled in numbered or numbered in titled):
        return numbered
    return titled


def _signer(document: Document, mentions: list[Mention]) -> str | None:
    """The one body on the signature line above the closing date, else a body signing in the running text of a page
    whose lines were joined (…办公厅　2019年11月25日), near its start or its end; of bodies signing side by side
    (a signature line of one body under a line of others, 财政部 科技部 2012年11月30日), the first."""
    signer, text = document.metadata.get("signer"), document.norm
    at = text.rfind(signer) if signer else -1
    if at >= 0:
        body = _body_at(mentions, text, at, at + len(signer))
        if body is None or text[body.end : at + len(signer)].strip():
            return None  # several bodies on one line: the rules leave it to the ranker
        return _first_signer(mentions, body, text)
    within = _config()["inline_signature_within"]
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if mention.start > within:
            break
        if mention.label == "Agency" and mention.source in AGENCY_RULES and _signs(text, mention):
            return _first_signer(mentions, mention, text)
    return _closing_signer(mentions, text)


def _signs(text: str, mention: Mention) -> bool:
    """Whether a full date follows the body as a signature's does, not one dating an act (…2014年10月11日印发的)."""
    date = _config()["inline_signature_re"].match(text, mention.end)
    return date is not None and not _config()["inline_signature_not_before_re"].match(text, date.end())


def _signing_bodies(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The outermost names of bodies (signature_chain_labels) between ``start`` and ``end``, in order."""
    labels = _config()["signature_chain_labels"]
    near = [m for m in mentions if start <= m.start and m.end <= end and m.label in labels
            and (m.label != "Agency" or m.source in AGENCY_RULES)]
    return sorted((m for m in near if not any(
        (o.start, o.end) != (m.start, m.end) and o.start <= m.start and m.end <= o.end for o in near)),
        key=lambda m: m.start)


def _first_signer(mentions: list[Mention], last: Mention, text: str) -> str | None:
    """Of the bodies signing side by side up to ``last`` (joint_issuer_gap between them, people's organisations
    among them), the first Agency."""
    gap = _config()["joint_issuer_gap_re"]
    chain = [last]
    for body in reversed(_signing_bodies(mentions, max(0, last.start - 300), last.start)):
        if body.end > chain[0].start or not gap.fullmatch(text, body.end, chain[0].start):
            break
        chain.insert(0, body)
    first = next((m for m in chain if m.label == "Agency"), None)
    return author_name_of(first) if first is not None else None


def _closing_signer(mentions: list[Mention], text: str) -> str | None:
    """The body signing a joined page's closing lines (…河北省人力资源和社会保障厅2017年8月9日(此件主动公开)): the
    last one right before a full date near the end; of bodies signing side by side before it, the first Agency.
    Not in a notice that carries a document (carrying_title), which closes with the carried one's signature."""
    first_line = text.lstrip().split("\n", 1)[0]
    if re.search(_config()["carrying_title"], first_line):
        return None
    tail = len(text) - _config()["inline_signature_tail"]
    bodies = _signing_bodies(mentions, tail, len(text))
    dated = [m for m in bodies if _signs(text, m)]
    return _first_signer(mentions, dated[-1], text) if dated else None


def _explainer(document: Document, mentions: list[Mention]) -> str | None:
    """The body an explanation's title says explains (——省科技厅解读《…》, X负责人就…答记者问): its author."""
    cfg, text = _config(), document.norm
    start = len(text) - len(text.lstrip())
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if mention.start > start + cfg["explainer_within"]:
            break
        if (mention.label == "Agency" and mention.source in AGENCY_RULES
                and cfg["explainer_after_re"].match(text, mention.end)):
            return author_name_of(mention)
    return None


def _body_at(mentions: list[Mention], text: str, start: int, end: int) -> Mention | None:
    """The agency mention that begins at ``start``, or after place names only (永州市 冷水滩区人民政府)."""
    inside = sorted((m for m in mentions if start <= m.start and m.end <= end), key=lambda m: (m.start, -m.end))
    position = start
    for mention in inside:
        if mention.start < position:
            continue  # nested in the one before
        if text[position : mention.start].strip():
            return None
        if mention.label == "Agency" and mention.source in AGENCY_RULES:
            return mention
        if mention.label in CONTAINERS and mention.start == position:
            continue  # the document's own title, the issuer at its start (河北省…厅2017年…年度报告)
        if mention.label != "Place":
            return None
        position = mention.end
    return None


def author_name_of(mention: Mention) -> str:
    return mention.kb_id if mention.source == "agency.central" and mention.kb_id else mention.norm


def _deictic_heads(mentions: list[Mention]) -> list[str]:
    table = _config()["deictic_heads"]
    heads: list[str] = []
    for mention in mentions:
        if mention.source == "agency.deictic" and mention.norm in table:
            heads.extend(table[mention.norm])
    return sorted(set(heads), key=len, reverse=True)
