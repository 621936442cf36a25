"""Reforms: quoted slogans told apart by context from honours, problems and metaphors; national reforms from a
lexicon; unquoted X改革 / X制度 / X机制 governed by a verb that carries them out (深化行政审批制度改革).

Quoted phrases are read as runs (“出生一件事”“新生入学一件事”… / “中梗阻”、“吃拿卡要”等问题): the words after
a run type or exclude all of its members, and a word right after one quote makes that one a platform or a
document (“益办事”APP, “十四五”规划).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from kg.nlp.rules.lexicon import HAN, Lexicons, alternation, load_lexicons
from kg.nlp.rules.platforms import organization_heads
from kg.nlp.rules.spans import Candidate
from kg.resources import read_tsv, read_yaml

QUOTE = re.compile(r"[“「『]([^“”「」『』\n]{1,60})[”」』]")
SEPARATOR = re.compile(r"\s*(?:、|,|，|和|及|与|以及)?\s*")
# Compiled once: these run for every quote of every report.
_HAN_RE = re.compile(f"[{HAN}]")
_CLAUSE_PUNCT_RE = re.compile(r"[，。；！？,;!?]")
_TOWARDS_RE = re.compile(r"\s*向\s*[“「]")
_COUNTED_RE = re.compile(r"\d+\s*个\s*$")
HAN_RUN = f"[{HAN}]"  # an adverb before an item's verb (全面开展, 大力实施)


@dataclass(slots=True)
class Quote:
    start: int  # of the opening quote mark
    end: int  # after the closing quote mark
    content: str
    suffix_end: int  # after a suffix word that follows (APP, 规划, 普法), else == end
    label: str | None  # type set by the suffix, None when it follows the run
    headed: bool = False  # the suffix is a head word the name keeps (“三北”工程 -> 三北工程)
    branded: bool = False  # a platform named with the quote and words after it (“两法衔接”信息共享平台)


@cache
def _config() -> dict:
    cfg = read_yaml("ner/reforms.yaml")
    lexicon: dict[str, str] = {}
    for row in read_tsv("ner/reform_lexicon.tsv", (1, 2)):
        lexicon[row[0]] = row[0]
        for alias in row[1].split("|") if len(row) > 1 and row[1] else []:
            lexicon[alias] = row[0]
    cfg["lexicon"] = lexicon
    cfg["lexicon_re"] = re.compile(alternation(lexicon))
    cfg["suffix_re"] = {
        label: re.compile(alternation(words)) for label, words in cfg["quote_suffix_types"].items()
    }
    cfg["merge_re"] = re.compile(alternation(cfg["quote_merge_suffixes"]))
    cfg["counting_quote_re"] = re.compile(cfg["counting_quote"])
    cfg["counting_head_re"] = re.compile("|".join(f"(?:{head})" for head in cfg["counting_quote_heads"]))
    cfg["platform_after_re"] = re.compile(alternation(cfg["quote_platform_after"]))
    cfg["platform_qualified_re"] = re.compile(cfg["quote_platform_qualified"])
    cfg["after_re"] = re.compile(r"\s*(?:的|等)?\s*" + alternation(cfg["not_entity_after"]))
    cfg["before_re"] = re.compile(alternation(cfg["not_entity_before"]) + r"\s*$")
    cfg["content_ends"] = tuple(cfg["not_entity_content_ends"])
    cfg["campaign_res"] = [re.compile(p) for p in cfg["campaign_patterns"]]
    cfg["qualifier_may_start_with"] = tuple(cfg["qualifier_may_start_with"])
    cfg["quoted_platform_ends"] = tuple(cfg["quoted_platform_ends"])
    cfg["keep_trailing_after"] = tuple(cfg["keep_trailing_after"])
    cfg["content_block"] = frozenset(cfg["not_entity_content"])
    cfg["run_type_re"] = {
        label: re.compile(r"\s*等\s*" + alternation(words))
        for label, words in cfg["quote_suffix_types"].items()
    }
    cfg["heads_re"] = re.compile(alternation(cfg["unquoted_heads"]))
    # the heads of running text: unquoted_heads, or a system's stem then 制 ending the word (聘用制, not 聘用制度)
    system = f"(?<={alternation(cfg['system_stems'])})制(?![{HAN}])"
    cfg["headed_re"] = re.compile(f"{alternation(cfg['unquoted_heads'])}|{system}")
    cfg["joined_re"] = re.compile(
        f"(?:{alternation(cfg['unquoted_heads'])}|(?<={alternation(cfg['system_stems'])})制)"
        + alternation(cfg["name_joiners"]))
    cfg["trigger_re"] = re.compile(alternation([*cfg["triggers"], "的"]))
    cfg["generic_re"] = re.compile(alternation(cfg["generic_qualifiers"]) + "+$")
    cfg["never_res"] = [re.compile(pattern) for pattern in cfg["not_entity_patterns"]]
    cfg["reform_compound_re"] = re.compile(alternation(cfg["reform_compounds"]))
    programme = alternation(cfg["programme_heads"])
    cfg["programme_re"] = re.compile(programme)
    cfg["programme_follow_re"] = re.compile(alternation(cfg["programme_followers"]))
    cfg["programme_joined_re"] = re.compile(programme + alternation(cfg["name_joiners"]))
    cfg["programme_trigger_re"] = re.compile(alternation([*cfg["triggers"], *cfg["programme_triggers"], "的"]))
    cfg["programme_title_re"] = re.compile(
        alternation(cfg["programme_title_heads"]) + f"(?={alternation(cfg['programme_title_tails'])})")
    cfg["programme_cut_re"] = re.compile("|".join(f"(?:{cut})" for cut in cfg["programme_title_cuts"]))
    cfg["programme_heading_re"] = re.compile(
        cfg["programme_heading"] + f"(?:{HAN_RUN}{{0,2}}?{alternation(cfg['triggers'])})?"
        + f"({cfg['programme_heading_name']}{programme})(?=[。\n])", re.M)
    cfg["day_date_re"], cfg["day_name_re"] = re.compile(cfg["day_date"]), re.compile(cfg["day_name"])
    cfg["brand_owner_re"] = re.compile(cfg["platform_brand_owner"])
    cfg["brand_re"] = re.compile(alternation(cfg["brand_words"]) + f"(?=[{HAN}]{{2}})")
    # 推进[无废城市]建设: the goal runs from the verb to its head, no joiner inside (产业集群与城市建设 is two things)
    joiners = "".join(word for word in cfg["name_joiners"] if len(word) == 1)
    cfg["goal_re"] = re.compile(
        alternation(cfg["goal_verbs"]) + f"((?:(?![{joiners}])[{HAN}]){{2,8}}?{alternation(cfg['goal_heads'])})"
        + re.escape(cfg["goal_follower"]))
    return cfg


def is_generic_reform(name: str) -> bool:
    """工作协调机制, 专门工作机制, 长效机制: a kind of arrangement, no named reform (SCHEMA), whoever found it; and
    what is never a reform's name (最后一公里, 四个意识, reforms.yaml not_entity_patterns: 应救尽救, 吉林一号)."""
    cfg = _config()
    if name.strip("“”\"'") in cfg["content_block"] or _never_reform(name.replace("“", "").replace("”", "")):
        return True
    head = cfg["heads_re"].search(name)
    return bool(head) and head.end() == len(name) and bool(cfg["generic_re"].fullmatch(name[: head.start()]))


def ends_in_compound(text: str, end: int) -> bool:
    """Does a name ending at ``end`` in 改革 run on into a compound (改革开放, 改革创新: reforms.yaml
    reform_compounds)? Then 改革 is half of another word and the words before it name no reform."""
    cfg = _config()
    return text.endswith("改革", 0, end) and cfg["reform_compound_re"].match(text, end) is not None


def refused_in_context(text: str, start: int, end: int) -> bool:
    """Is the reform read at ``start:end`` no reform where it stands, whoever found it (reforms.yaml
    ``cited_title_subject_heads``, ``list_separators``)? An X改革 inside a cited document's title
    (按照《中共中央国务院关于深化[科技体制改革]加快国家创新体系建设的意见》) is that document's subject, not a
    practice the citing text names; a span inside a quote that takes some items of the quoted list but not all
    (落实安全生产“党政同责、[一岗双责、齐抓共管]”) is a cut list, which is read whole or item by item."""
    cfg = _config()
    if text.endswith(tuple(cfg["cited_title_subject_heads"]), start, end) and _in_title(text, start, end):
        return True
    return _cuts_quoted_list(text, start, end)


def _in_title(text: str, start: int, end: int) -> bool:
    """Does a 《》 title hold ``start:end`` (its brackets on the same line, within reforms.yaml ``title_reach``)?"""
    reach = _config()["title_reach"]
    line_start = text.rfind("\n", 0, start) + 1
    opening = text.rfind("《", max(line_start, start - reach), start)
    if opening < 0 or text.find("》", opening, start) >= 0:
        return False
    closing = text.find("》", end, end + reach)
    return closing >= 0 and "\n" not in text[end:closing] and text.find("《", end, closing) < 0


def _cuts_quoted_list(text: str, start: int, end: int) -> bool:
    """Does ``start:end`` hold a list separator and lie inside one quote without being all of its content?"""
    cfg = _config()
    if not any(sep in text[start:end] for sep in cfg["list_separators"]):
        return False
    reach = cfg["quote_reach"]
    match = next((m for m in QUOTE.finditer(text, max(0, start - reach), min(len(text), end + reach))
                  if m.start(1) <= start and end <= m.end(1)), None)
    return match is not None and text[match.start(1) : match.end(1)].strip() != text[start:end].strip()


def programme_head(name: str) -> str | None:
    """The programme head word (reforms.yaml programme_heads) a name ends with, if any."""
    return next((head for head in _config()["programme_heads"] if name.endswith(head)), None)


def canonical_reform(name: str, quoted: bool = True) -> str:
    """Lexicon canonical form, else the name without a trailing 工作/改革 (kept after an institution or a system:
    行政审批制度改革, 事业单位改革) nor the 的 that joined it (…机关的改革 -> …机关).

    ``quoted=False`` (a name read from running text up to its head word): the 改革 goes only when what it follows
    is a reform of the lexicon, since running text names domains that way (农村改革, 高校改革), where the quoted
    slogan of “放管服”改革 stands alone."""
    cfg = _config()
    if name in cfg["lexicon"]:
        return cfg["lexicon"][name]
    if not quoted:
        rest = name.removesuffix(cfg["unquoted_lexicon_strip"])
        if rest.endswith("的") and len(rest) > 3:
            return rest[:-1]  # 只保留一个行政复议机关的改革: a clause that describes the reform names it
        return cfg["lexicon"].get(rest, name)
    for word in cfg["strip_trailing"]:
        rest = name[: -len(word)]
        if word == "改革" and cfg["counting_quote_re"].fullmatch(rest):
            return name  # “三项改革”: a count alone names no practice (reforms.yaml counting_quote)
        if name.endswith(word) and len(rest) >= 2 and not rest.endswith(cfg["keep_trailing_after"]):
            rest = rest.removesuffix("的")
            return rest if len(rest) >= 2 else name
    return name


def _quotes(text: str) -> list[Quote]:
    cfg, out = _config(), []
    for match in QUOTE.finditer(text):
        label, suffix_end, headed, branded = None, match.end(), False, False
        for typ, suffix_re in cfg["suffix_re"].items():
            hit = suffix_re.match(text, match.end())
            if hit:
                label, suffix_end = typ, hit.end()
                break
        else:
            merge = cfg["merge_re"].match(text, match.end())
            if merge and not match.group(1).strip().endswith(merge.group()):
                suffix_end = merge.end()
            elif cfg["platform_after_re"].match(text, match.end()):
                label = "Platform"  # “龙华政府在线”首页: a website named in quotes, its page not in the name
            elif cfg["counting_quote_re"].fullmatch(match.group(1).strip()) and (
                    head := cfg["counting_head_re"].match(text, match.end())):
                suffix_end, headed = head.end(), True  # “三北”工程: the count names the practice with its head
            elif (qualified := cfg["platform_qualified_re"].match(text, match.end())) and not set(
                    qualified.group()) & set(cfg["quote_platform_qualifier_not"]):
                label, suffix_end, branded = "Platform", qualified.end(), True  # “两法衔接”信息共享平台
        out.append(Quote(match.start(), match.end(), match.group(1).strip(), suffix_end, label, headed, branded))
    return out


def _runs(text: str, quotes: list[Quote]) -> list[list[Quote]]:
    runs: list[list[Quote]] = []
    for quote in quotes:
        if runs and SEPARATOR.fullmatch(text, runs[-1][-1].suffix_end, quote.start):
            runs[-1].append(quote)
        else:
            runs.append([quote])
    return runs


_PLACE_NOTE_RE = re.compile(r"[(（][^()（）]{1,8}[)）]$")  # (广西) after a system's name


def _quoted_platform(content: str) -> bool:
    cfg = _config()
    name = _PLACE_NOTE_RE.sub("", content)
    head = next((h for h in cfg["quoted_platform_ends"] if name.endswith(h)), None)
    if head is None:
        return False
    qualifier = name[: -len(head)]
    counting = qualifier
    for word in cfg["not_counting_words"]:
        counting = counting.replace(word, "")
    return len(qualifier) >= cfg["quoted_platform_min_qualifier"] and not set(counting) & set(cfg["slogan_numerals"])


def _content_ok(content: str) -> bool:
    cfg = _config()
    longest = cfg["max_quoted_platform"] if _quoted_platform(content) else cfg["max_quote"]
    if not _HAN_RE.search(content) or not cfg["min_quote"] <= len(content) <= longest:
        return False
    if _CLAUSE_PUNCT_RE.search(content) or content.endswith("的"):
        return False  # a clause or a modifier quoted, not a name
    return content not in cfg["content_block"] and not content.endswith(cfg["content_ends"])


def _never_reform(content: str) -> bool:
    """“十四五” alone names a period; “十四五”规划 is a document (typed by its suffix before this is asked)."""
    return any(pattern.fullmatch(content) for pattern in _config()["never_res"])


def _names_an_owner(content: str, lex: Lexicons) -> bool:
    """Does a quoted brand before a platform's head name its owner's place (“河北工信”微信公众号, “中国河北”门户网站,
    “冀教云”综合服务大平台: reforms.yaml platform_brand_owner)? Then it is the platform's name, no practice."""
    if _config()["brand_owner_re"].match(content):
        return True
    return any(content[i : i + size] in lex.gazetteer.short_names
               for size in (2, 3) for i in range(len(content) - size + 1))


def _names_a_day(text: str, quote: Quote) -> bool:
    """“六五”环境日, “12·4”国家宪法日: a quoted date before the name of a day."""
    cfg = _config()
    return bool(cfg["day_date_re"].fullmatch(quote.content) and cfg["day_name_re"].match(text, quote.suffix_end))


def _run_label(text: str, run: list[Quote]) -> str | None:
    """'skip' when the words after (or before) the run exclude it, a type when 等平台 / 等规划 types it."""
    cfg = _config()
    last_end = run[-1].suffix_end
    if cfg["after_re"].match(text, last_end) or cfg["before_re"].search(
        text, max(0, run[0].start - 6), run[0].start
    ):
        return "skip"
    if _TOWARDS_RE.match(text[last_end : last_end + 3]) or _after_from(text, run[0].start):
        return "skip"  # 从“能办”向“好办”转变
    for label, run_re in cfg["run_type_re"].items():
        if run_re.match(text, last_end):
            return label
    return None


def _after_from(text: str, start: int) -> bool:
    r"""Does 从 or 由 (then only whitespace) end text[:start]? What ``re.search(r"[从由]\s*$", text[:start])``
    says, without copying and scanning the text before every quote (quadratic on a long report)."""
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i > 0 and text[i - 1] in "从由"


def find_quoted(text: str, lex: Lexicons) -> list[Candidate]:
    out: list[Candidate] = []
    for run in _runs(text, _quotes(text)):
        run_label = _run_label(text, run)
        if run_label == "skip":
            continue
        for quote in run:
            if not _content_ok(quote.content) or _COUNTED_RE.search(text, max(0, quote.start - 4), quote.start):
                continue
            if _names_a_day(text, quote):
                continue
            label = quote.label or run_label or "Reform"
            if label == "Reform" and quote.suffix_end == quote.end:
                if _never_reform(quote.content):
                    continue
                if quote.content.endswith(organization_heads()):
                    label = "Organization"  # “中科合规法律研究院”: a named organisation in quotes
                elif _quoted_platform(quote.content):
                    label = "Platform"  # “国家企业信用信息系统(广西)”
            out.append(_quote_candidate(text, quote, label))
            if quote.branded and not _never_reform(quote.content) and not _names_an_owner(quote.content, lex):
                # the quoted practice (两法衔接) stays one too; a brand named after its owner (“科技河北”政务微博) not
                out.append(_quote_candidate(text, replace(quote, suffix_end=quote.end, label=None), "Reform"))
    return out


def _quote_candidate(text: str, quote: Quote, label: str) -> Candidate:
    content_start = quote.start + 1
    if label == "Organization":
        return Candidate(content_start, quote.end - 1, label, "quote.organization", kb_id=quote.content, confidence=0.8)
    if label in ("Platform", "PolicyDocument") or quote.suffix_end > quote.end:  # “益办事”APP, “八五”普法
        name = quote.content + text[quote.end : quote.suffix_end]
        kb = canonical_reform(name) if label == "Reform" and not quote.headed else name
        return Candidate(
            quote.start,
            quote.suffix_end,
            label,
            f"quote.{label.lower()}",
            kb_id=kb,
            confidence=0.85,
            priority=4,
        )
    start, kb = content_start, canonical_reform(quote.content)
    lexicon = _config()["lexicon"]
    for size in range(6, 1, -1):  # 行政执法“三项制度” -> 行政执法三项制度
        prefix = text[max(0, quote.start - size) : quote.start]
        if prefix + quote.content in lexicon:
            start, kb = quote.start - size, lexicon[prefix + quote.content]
            break
    return Candidate(
        start,
        quote.end - 1 if start == content_start else quote.end,
        "Reform",
        "quote.reform",
        kb_id=kb,
        confidence=0.8,
        priority=4,
    )


def find_unquoted_reforms(text: str, lex: Lexicons) -> list[Candidate]:
    cfg = _config()
    out = [
        Candidate(
            m.start(),
            m.end(),
            "Reform",
            "reform.lexicon",
            kb_id=cfg["lexicon"][m.group()],
            confidence=0.9,
            priority=3,
        )
        for m in cfg["lexicon_re"].finditer(text)
    ]
    out += _campaigns(text)
    out += _brands(text, lex)
    out += _goals(text)
    out += _programmes(text, lex)
    for head in cfg["headed_re"].finditer(text):
        if text.startswith("改革", head.end()):
            continue  # 承诺制改革: the head 改革 that follows takes the whole name
        if ends_in_compound(text, head.end()):
            continue  # 打造内陆改革开放高地: 改革 is half of another word
        if not head.group().endswith("改革") and _HAN_RE.match(text, head.end(), head.end() + 1):
            continue  # 制度化, 机制障碍: the head is inside a longer word
        start = _trigger_start(text, head.start(), lex, allow_de=not head.group().endswith("改革"))
        if start is None:
            continue
        start = _second_of_joined(text, start, head.start())
        if start is None:
            continue
        name = text[start : head.end()]
        out.append(
            Candidate(
                start,
                head.end(),
                "Reform",
                "reform.headed",
                kb_id=canonical_reform(name, quoted=False),
                confidence=0.65,
                priority=1,
            )
        )
    return out


def find_programmes_in_titles(text: str, lex: Lexicons, titles: list[Candidate]) -> list[Candidate]:
    """The programme a title carries out (关于做好2013年度[创业帮扶工程]实施工作的通知, 河北省2024年[民生工程]实施方案):
    its name runs from the last cut word (关于开展, 印发, a year) or the title's opening division (河北省) to the
    head."""
    cfg, out = _config(), []
    for title in titles:
        for head in cfg["programme_title_re"].finditer(text, title.start, title.end):
            start = title.start
            for cut in cfg["programme_cut_re"].finditer(text, title.start, head.start()):
                start = cut.end()
            start = _after_division(text, start, head.start(), lex)
            name = text[start : head.end()]
            if (len(name) < 4 or name.startswith(tuple(cfg["programme_title_deixis"]))
                    or name.endswith(tuple(cfg["programme_title_not"]))
                    or _CLAUSE_PUNCT_RE.search(name) or "、" in name or "\n" in name):
                continue
            out.append(Candidate(start, head.end(), "Reform", "reform.programme_title", kb_id=name.replace("“", "")
                                 .replace("”", ""), confidence=0.6, priority=1))  # quotes: canonical.whole_marks
    return out


def _after_division(text: str, start: int, end: int, lex: Lexicons) -> int:
    """Past a province or city opening the name (河北省城镇保障性安居工程 -> 城镇…; 张家口赛区… keeps its place)."""
    for size in range(min(8, end - start - 2), 2, -1):
        prefix = text[start : start + size]
        if prefix.endswith(tuple(_config()["programme_place_levels"])) and lex.gazetteer.lookup(prefix):
            return start + size
    return start


def _second_of_joined(text: str, start: int, head_start: int) -> int | None:
    """Where the last of joined names begins (科研事业单位分类改革和[收入分配制度改革], 信用管理机制和
    [信息公开公示制度]): a head word then 和 / 、 inside the qualifier closes a name of its own. None when what is
    left is too short or generic (管理模式和运行机制)."""
    cfg = _config()
    for joined in cfg["joined_re"].finditer(text, start, head_start):
        start = joined.end()
    qualifier = text[start:head_start]
    return None if len(qualifier) < 2 or cfg["generic_re"].fullmatch(qualifier) else start


def _programmes(text: str, lex: Lexicons) -> list[Candidate]:
    """X工程 / X行动 / X试点 named by a plan's enumerated item (（二）城镇老旧小区改造工程。) or carried out by a
    trigger verb (实施智慧医疗示范工程，): programmes, unless counted (20项民生工程, 一批…示范工程) or one of a
    joined pair read as one (智能制造工程和…提升工程)."""
    cfg, spans = _config(), {}
    for match in cfg["programme_heading_re"].finditer(text):
        spans[match.span(1)] = "reform.programme_heading"
    for head in cfg["programme_re"].finditer(text):
        if _HAN_RE.match(text, head.end(), head.end() + 1) and not cfg["programme_follow_re"].match(text, head.end()):
            continue  # 工程建设, 行动方案: the head is inside a longer word
        start = _trigger_start(text, head.start(), lex, allow_de=False, trigger_re=cfg["programme_trigger_re"])
        if start is not None:
            spans.setdefault((start, head.end()), "reform.programme")
    out = []
    for (start, end), rule in spans.items():
        name = text[start:end]
        if lex.quantity_re.search(name) or cfg["programme_joined_re"].search(name[:-2]):
            continue
        out.append(Candidate(start, end, "Reform", rule, kb_id=name, confidence=0.7, priority=2))
    return out


def _brands(text: str, lex: Lexicons) -> list[Candidate]:
    """A place's brand slogan (美丽北京, 法治广东, 法治监利): a quality word then the short name of a province or a
    city, or of a county the text names in full (reforms.yaml brand_words)."""
    out = []
    for word in _config()["brand_re"].finditer(text):
        for size in (4, 3, 2):
            place = text[word.end() : word.end() + size]
            if len(place) < size or not _HAN_RE.fullmatch(place[-1]):
                continue
            if place in lex.gazetteer.short_names or any(
                    d.level == "county" and d.name in text for d in lex.gazetteer.lookup(place)):
                out.append(Candidate(word.start(), word.end() + size, "Reform", "reform.brand",
                                     kb_id=text[word.start() : word.end() + size], confidence=0.7, priority=2))
                break
    return out


def _goals(text: str) -> list[Candidate]:
    """A development goal named as a kind of place that a verb builds (推进[无废城市]建设, 深化[演艺之都]建设): a city's
    or a province's programme (reforms.yaml goal_heads)."""
    return [
        Candidate(m.start(1), m.end(1), "Reform", "reform.goal", kb_id=m.group(1), confidence=0.7, priority=2)
        for m in _config()["goal_re"].finditer(text)
    ]


def _campaigns(text: str) -> list[Candidate]:
    cfg = _config()
    out = []
    for pattern in cfg["campaign_res"]:
        for match in pattern.finditer(text):
            start = match.start()
            while (verb := cfg["trigger_re"].match(text, start, match.end())) and verb.end() < match.end() - 4:
                start = verb.end()
            name = text[start : match.end()]
            out.append(
                Candidate(start, match.end(), "Reform", "reform.campaign", kb_id=name, confidence=0.75, priority=2)
            )
    return out


def _left_verb_end(text: str, start: int, end: int) -> int:
    """End of the trigger verb at ``start:end``, or of one that begins before it and ends inside it (read left to
    right, 落实 in 落实行政 comes before 实行) — unless a word that is no edge holds its first character
    (机构建立: 构 is 机构's, so 建立 is the verb, not 构建)."""
    trigger_re = _config()["trigger_re"]
    not_boundary = load_lexicons().not_boundary_re
    for begin in range(max(0, start - 4), start):
        if any((m := not_boundary.match(text, s)) and m.end() > begin for s in range(max(0, begin - 4), begin)):
            continue
        for stop in range(end - 1, start, -1):
            if trigger_re.fullmatch(text, begin, stop):
                return stop
    return end


def _trigger_start(
    text: str, head_start: int, lex: Lexicons, allow_de: bool, trigger_re: re.Pattern[str] | None = None
) -> int | None:
    """Start of an unquoted reform's name: after the nearest trigger verb (or 的) in front of it."""
    cfg = _config()
    trigger_re = trigger_re or cfg["trigger_re"]
    limit = head_start
    while limit > max(0, head_start - 24) and text[limit - 1] not in lex.stop_chars:
        limit -= 1
    for pos in range(head_start - 2, limit - 1, -1):
        for size in range(min(5, pos - limit + 1), 0, -1):
            if trigger_re.fullmatch(text, pos - size + 1, pos + 1):
                if text[pos] == "的" and size == 1 and not allow_de:
                    break
                # 落实行政…: the verb read from the left (落实) takes the 实 that 实行 would; the name starts after it
                pos = _left_verb_end(text, pos - size + 1, pos + 1) - 1
                qualifier = text[pos + 1 : head_start]
                if cfg["generic_re"].fullmatch(qualifier):
                    return None  # 建立专门工作机制: the nearest verb's object is a kind of arrangement, no name
                if (
                    len(qualifier) >= 2
                    and "等" not in qualifier
                    and not cfg["generic_re"].fullmatch(qualifier)
                    and not cfg["trigger_re"].fullmatch(qualifier)  # 坚持深化改革: a verb, not a name
                    and "的" not in qualifier[: None if allow_de else -1]  # …的基础上做出决定的机制 (…机关的改革 may)
                    and (
                        not load_lexicons().boundary_re.match(qualifier)
                        or qualifier.startswith(cfg["qualifier_may_start_with"])
                    )
                ):
                    return pos + 1
                break
    return None
