"""Hand-built ``Extraction``s of two seed reports, for the RDF / store / query / export / viz tests.

Until kg.pipeline exists these stand in for the extraction stage. Nothing here is invented: every mention and
evidence span is located with ``str.find`` on the real seed text, sentences are cut at real sentence-final
punctuation, and entities, relations and statuses follow the gold annotation (/work/shared/gold).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import opencc

from kg.model import Document, Entity, Evidence, Extraction, Mention, Relation, Report, Section, Sentence

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_000 = SEEDS / "000_305e9a0e456975a1.txt"  # 益阳市行政审批服务局 2021, Simplified
SEED_001 = SEEDS / "001_c41a6bf51d27d1a9.txt"  # 新余市行政审批局 2024, Traditional
SEED_002 = SEEDS / "002_51acc513f15262cb.txt"  # 监利市人民政府 2021, a web page with a publication time
_T2S = opencc.OpenCC("t2s")
_SENTENCE_END = re.compile(r"[。！？!?；;]+|\n+")


def read_document(path: Path, sections: list[tuple[str, str]]) -> Document:
    """A Document of a seed file; ``sections`` are (heading, status) of the top-level parts, in order."""
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    norm = "".join(_T2S.convert(ch) if len(_T2S.convert(ch)) == 1 else ch for ch in text)
    doc = Document(doc_id=path.stem, path=str(path), text=text, norm=norm,
                   sha256=hashlib.sha256(raw).hexdigest(), media_type="text/plain", encoding="utf-8")
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end() if text[match.start()] != "\n" else match.start()
        if text[start:end].strip():
            doc.sentences.append(Sentence(start, end))
        start = match.end()
    if text[start:].strip():
        doc.sentences.append(Sentence(start, len(text)))
    starts = [text.index(heading) for heading, _ in sections] + [len(text)]
    for i, (heading, status) in enumerate(sections):
        doc.sections.append(Section(starts[i], starts[i + 1], 1, heading, starts[i] + len(heading), status))
    for sent in doc.sentences:
        for i, sec in enumerate(doc.sections):
            if sec.start <= sent.start < sec.end:
                sent.section = i
    return doc


def mentions(doc: Document, label: str, surface: str, skip: tuple[int, ...] = (), source: str = "lexicon",
             confidence: float = 1.0) -> list[Mention]:
    """Every occurrence of ``surface`` in the text (minus the ``skip``-th ones) as a Mention."""
    found = [m.start() for m in re.finditer(re.escape(surface), doc.text)]
    assert found, f"{surface!r} not in {doc.doc_id}"
    return [Mention(pos, pos + len(surface), label, surface, _T2S.convert(surface), source, confidence)
            for i, pos in enumerate(found) if i not in skip]


def evidence(doc: Document, anchor: str, trigger: str, target: str, rule: str, confidence: float) -> Evidence:
    """The span from ``trigger`` to the end of ``target`` inside the unique text ``anchor``."""
    at = doc.text.index(anchor)
    assert doc.text.count(anchor) == 1, f"anchor {anchor!r} is not unique"
    start, end = at + anchor.index(trigger), at + anchor.index(target) + len(target)
    return Evidence(doc.sentence_at(start), start, end, rule, confidence)


def entity(doc: Document, type_: str, name: str, surfaces: dict[str, tuple[int, ...]], **attributes: str
           ) -> Entity:
    found = [m for surface, skip in surfaces.items() for m in mentions(doc, type_, surface, skip)]
    return Entity(key=f"{type_}/{name}", type=type_, name=name, mentions=found, aliases=set(surfaces),
                  attributes=dict(attributes))


def seed_000() -> Extraction:
    doc = read_document(SEED_000, [("一、2021年工作总结", "achieved"), ("二、2022年工作思路", "planned")])
    author = "Agency/益阳市行政审批服务局"
    ents = [
        entity(doc, "Agency", "益阳市行政审批服务局", {"益阳市行政审批服务局": (), "我局": ()}),
        entity(doc, "Agency", "益阳市行政审批服务局法治建设工作领导小组", {"法治建设工作领导小组": ()}),
        entity(doc, "Agency", "中共益阳市委员会", {"市委": ()}),
        entity(doc, "Organization", "湖南银城律师事务所", {"湖南银城律师事务所": ()}),
        entity(doc, "Person", "杨志武", {"杨志武": ()}, post="法律顾问", post_in=author),
        entity(doc, "Place", "益阳市", {"益阳市": (), "我市": ()}, divisionCode="430900"),
        entity(doc, "Law", "中华人民共和国宪法", {"宪法": (0,)}, legal_rank="宪法"),
        entity(doc, "Law", "中华人民共和国民法典", {"民法典": ()}, rank="law"),
        entity(doc, "PolicyDocument", "益阳市行政审批服务局2021年法治建设工作要点",
               {"益阳市行政审批服务局2021年法治建设工作要点": ()}),
        entity(doc, "Reform", "一件事一次办", {"一件事一次办": ()}),
        entity(doc, "Reform", "放管服", {"放管服": ()}),
        entity(doc, "Platform", "益办事APP", {"益办事": ()}),
        entity(doc, "Platform", "好差评系统", {"好差评": ()}),
    ]
    ents[0].aliases.add("市行政审批局")
    relations = [
        Relation(author, "implements", "Reform/一件事一次办", [evidence(
            doc, "二是纵深推进“一件事一次办”改革工作", "推进", "一件事一次办", "implements.trigger", 0.9)],
            "achieved"),
        Relation(author, "implements", "Reform/放管服", [evidence(
            doc, "深入推进“放管服”改革向基层延伸", "推进", "放管服", "implements.trigger", 0.85)], "planned"),
        Relation(author, "promotes", "Law/中华人民共和国民法典", [evidence(
            doc, "切实开展了《宪法》《民法典》", "开展", "民法典", "promotes.education", 0.8)]),
        Relation(author, "issued", "PolicyDocument/益阳市行政审批服务局2021年法治建设工作要点", [evidence(
            doc, "年初制定了《益阳市行政审批服务局2021年法治建设工作要点》", "制定",
            "益阳市行政审批服务局2021年法治建设工作要点", "issued.trigger", 0.95)]),
        Relation("Agency/益阳市行政审批服务局法治建设工作领导小组", "subOrganizationOf", author, [evidence(
            doc, "我局及时调整法治建设工作领导小组成员", "我局", "法治建设工作领导小组",
            "suborg.possessive", 0.7)]),
        Relation(author, "employs", "Person/杨志武", [evidence(
            doc, "聘请湖南银城律师事务所杨志武担当法律顾问", "聘请", "杨志武", "employs.retain", 0.9)]),
        Relation("Organization/湖南银城律师事务所", "employs", "Person/杨志武", [evidence(
            doc, "聘请湖南银城律师事务所杨志武担当法律顾问", "湖南银城律师事务所", "杨志武",
            "employs.apposition", 0.6)]),
        Relation(author, "locatedIn", "Place/益阳市"),  # from the name: no evidence in the text
    ]
    report = Report(author=author, author_name="益阳市行政审批服务局", year=2021, place="Place/益阳市",
                    place_name="益阳市")
    return Extraction(doc, report, ents, relations)


def seed_001() -> Extraction:
    doc = read_document(SEED_001, [("一、2024年度推進法治政府建設的主要舉措和成效", "achieved")])
    author = "Agency/新余市行政审批局"
    ents = [
        entity(doc, "Agency", "新余市行政审批局", {"市行政審批局": (), "我局": ()}),
        entity(doc, "Reform", "高效办成一件事", {"高效辦成一件事": ()}),
        entity(doc, "Platform", "好差评系统", {"好差評": ()}),
        entity(doc, "Place", "新余市", {"新余市": ()}),
    ]
    relations = [
        Relation(author, "implements", "Reform/高效办成一件事", [evidence(
            doc, "扎實推動“高效辦成一件事”改革", "推動", "高效辦成一件事", "implements.trigger", 0.9)],
            "achieved"),
        Relation(author, "locatedIn", "Place/新余市"),
    ]
    report = Report(author=author, author_name="新余市行政审批局", year=2024, place="Place/新余市",
                    place_name="新余市", title="新余市行政審批局2024年度法治政府建設工作總結報告",
                    publish_date="2025-01-10")
    return Extraction(doc, report, ents, relations)


def seed_002() -> Extraction:
    """The 监利 report: citations (严格执行 / 按照) of a regulation and of the city's own rule."""
    doc = read_document(SEED_002, [("一、法治政府建设基本情况", "achieved"),
                                   ("二、存在的困难和问题", "problem"),
                                   ("三、下一步工作打算和建议", "planned")])
    author = "Agency/监利市人民政府"
    ents = [
        entity(doc, "Agency", "监利市人民政府", {"监利市人民政府": ()}),
        entity(doc, "Agency", "国务院", {"国务院": ()}),
        entity(doc, "Law", "重大行政决策程序暂行条例", {"重大行政决策程序暂行条例": ()}, rank="行政法规"),
        entity(doc, "PolicyDocument", "监利市人民政府重大行政决策程序规定",
               {"监利市人民政府重大行政决策程序规定": ()}, rank="normative"),
    ]
    relations = [
        Relation(author, "cites", "Law/重大行政决策程序暂行条例", [evidence(
            doc, "严格执行国务院《重大行政决策程序暂行条例》", "严格执行", "重大行政决策程序暂行条例",
            "cites.trigger", 0.9)], "achieved"),
        Relation(author, "cites", "PolicyDocument/监利市人民政府重大行政决策程序规定", [evidence(
            doc, "按照《监利市人民政府重大行政决策程序规定》", "按照", "监利市人民政府重大行政决策程序规定",
            "cites.trigger", 0.85)], "achieved"),
        Relation("Agency/国务院", "issued", "Law/重大行政决策程序暂行条例"),  # no evidence: known fact
    ]
    report = Report(author=author, author_name="监利市人民政府", year=2021, place="Place/监利市",
                    place_name="监利市", title="2021年法治政府工作情况报告", publish_date="2022-01-04 16:46")
    return Extraction(doc, report, ents, relations)
