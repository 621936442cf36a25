"""A county-level division written with the city above it: named with the city (SCHEMA's prefix resolved where the
text writes it), and a body named after such a district read in the city the text writes before it."""

from __future__ import annotations

from kg.goldjson import _annotated_name
from kg.model import Document, Entity, Mention
from kg.nlp.rules.lexicon import load_gazetteer
from kg.pipeline import extract_document
from kg.resolve.places import in_context, written_before


def _place(name: str, *written: str, key: str = "") -> Entity:
    mentions = [Mention(0, len(w), "Place", w, w, "place.county" if w == name else "model.crf") for w in written]
    return Entity(key or f"Place/{name}", "Place", name, mentions)


def test_a_county_written_after_its_city_is_named_with_the_city() -> None:
    # train kjt_8109c2_0854: 唐山丰润区实施了科技创新平台、产业创新及创新主体“三个倍增行动”; 廊坊三河市、…
    assert _annotated_name(_place("丰润区", "丰润区", "唐山丰润区")) == "唐山市丰润区"
    assert _annotated_name(_place("三河市", "三河市", "廊坊三河市")) == "廊坊市三河市"
    # train gxt_bafe2a_1048: 辐射石家庄市桥西区、高新区、裕华区 — written in full already
    assert _annotated_name(_place("桥西区", "桥西区", "石家庄市桥西区", key="Place/桥西区#130104")) == "石家庄市桥西区"


def test_a_county_not_written_with_its_city_keeps_its_own_name() -> None:
    assert _annotated_name(_place("丰润区", "丰润区")) == "丰润区"
    # 张家口 is no city above 丰润区 (唐山's): no 张家口市丰润区 is made up
    assert _annotated_name(_place("丰润区", "丰润区", "张家口丰润区")) != "张家口市丰润区"


def test_a_district_is_chosen_by_the_city_written_before_it() -> None:
    gaz = load_gazetteer()
    text = "四平市铁东区人民政府"
    chosen = in_context(gaz.lookup("铁东区"), written_before(text, 3), [])
    assert chosen is not None and chosen.code.startswith("2203")  # 四平's, not 鞍山's (2103)


def test_a_district_body_after_its_city_is_that_citys() -> None:
    # Real bodies (吉林省四平市铁东区, 长春市朝阳区 beside 北京市朝阳区): the district's body is the written city's.
    text = "四平市铁东区人民政府印发方案。长春市朝阳区坚持依法行政。朝阳区司法局开展普法。"
    names = {e.name for e in extract_document(Document("d", "d.txt", text, text, "", "text/plain", None)).entities
             if e.type == "Agency"}
    assert "长春市朝阳区司法局" in names and "北京市朝阳区司法局" not in names
    assert not any(name.startswith("鞍山") for name in names)
