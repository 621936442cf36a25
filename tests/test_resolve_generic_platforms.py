"""Generic platform words (门户网站, 微信公众号, 政务微博) are mentions of the document's named platform of their kind,
as the annotators record them; with no named platform of the kind they are dropped (resolve/platforms.yaml,
kg/resolve/platforms.py)."""

from __future__ import annotations

from kg.model import Entity, Mention
from kg.resolve.platforms import is_generic, link_generic_platforms, platform_kind

# Real sentences of train record gxt_a1b010_1080 (河北省工业和信息化厅's report).
GXT = ("厅网站全年更新各类信息3400余条，“河北工信”政务微博、微信公众号全年发布信息2772篇。"
       "着力提升厅政务微博、微信的影响力，打造了“河北工信”公众号品牌。")
# Train record jyt_a9d07d_1093 (河北省教育厅's report): its portal is named elsewhere in the report.
JYT = ("在厅门户网站公开。一年来我厅通过召开新闻发布会、官方网站、微信公众号、社会媒体和厅内宣传大屏幕对主动公开信息"
       "进行及时主动公开。")


def _entity(text: str, written: str, name: str, nth: int = 0) -> tuple[Entity, Mention]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(written, start + 1)
    mention = Mention(start, start + len(written), "Platform", written, written, "crf")
    return Entity(key=f"Platform/{name}", type="Platform", name=name, mentions=[mention]), mention


def _link(text: str, spans: list[tuple[str, str, int]], author: str) -> tuple[dict[str, list[str]], dict[int, str]]:
    entities, key_of = [], {}
    for index, (written, name, nth) in enumerate(spans):
        entity, _ = _entity(text, written, name, nth)
        if entities and entities[-1].key == entity.key:
            entities[-1].mentions.extend(entity.mentions)
        else:
            entities.append(entity)
        key_of[index] = entity.key
    linked = link_generic_platforms(entities, key_of, author)
    return {e.name: [m.text for m in e.mentions] for e in linked}, key_of


def test_the_kind_of_a_platform_is_its_last_word() -> None:
    assert platform_kind("河北工信微信公众号") == ("wechat", "河北工信")
    assert platform_kind("河北省教育厅门户网站") == ("website", "河北省教育厅")
    assert platform_kind("一体化在线政务服务平台") is None


def test_a_generic_word_is_a_mention_of_the_named_platform_of_its_kind() -> None:
    names, key_of = _link(JYT, [("厅门户网站", "河北省教育厅门户网站", 0), ("官方网站", "官方网站", 0),
                                ("微信公众号", "微信公众号", 0)], "河北省教育厅")
    assert names == {"河北省教育厅门户网站": ["厅门户网站", "官方网站"]}
    assert key_of == {0: "Platform/河北省教育厅门户网站", 1: "Platform/河北省教育厅门户网站"}  # relations follow


def test_the_author_account_is_its_brand_account() -> None:
    """厅政务微博 (the author's, <author>政务微博) is “河北工信”政务微博, the report's one named weibo."""
    spans = [("河北工信”政务微博", "河北工信政务微博", 0), ("微信公众号", "微信公众号", 0),
             ("厅政务微博", "河北省工业和信息化厅政务微博", 0), ("河北工信”公众号", "河北工信公众号", 0)]
    names, _ = _link(GXT, spans, "河北省工业和信息化厅")
    assert names == {"河北工信政务微博": ["河北工信”政务微博", "厅政务微博"],
                     "河北工信公众号": ["河北工信”公众号", "微信公众号"]}


def test_a_brand_written_with_two_words_of_its_kind_is_one_account() -> None:
    """Train record kjt_93a4c0_0759 writes “科技河北”微信公众号 and “科技河北”公众号: one account; 微信 is it too."""
    text = ("“科技河北”微信公众号全年发布信息1261篇，政务微博“科技河北”发布信息4000余条。"
            "着力提升厅政务微博、微信的影响力，打造了“科技河北”公众号品牌。")
    spans = [("科技河北”微信公众号", "科技河北微信公众号", 0), ("微信", "微信", 1),
             ("科技河北”公众号", "科技河北公众号", 0)]
    entities = [_entity(text, w, n, k)[0] for w, n, k in spans]
    linked = link_generic_platforms(entities, {}, "河北省科学技术厅")
    assert [e.name for e in linked] == ["科技河北微信公众号"]
    assert sorted(linked[0].merges) == [("微信", "generic-platform"), ("科技河北”公众号", "brand-account")]


def test_without_a_named_platform_of_its_kind_a_generic_word_is_dropped() -> None:
    """Rules and plans publish on 政府网站 (train szf_664344_0447); no annotator records one."""
    text = ("决策事项向社会公开征求意见的，决策承办单位应当通过政府网站、政务新媒体以及报刊、广播、电视等"
            "便于社会公众知晓的途径。")
    names, key_of = _link(text, [("政府网站", "政府网站", 0)], "")
    assert names == {} and key_of == {}


def test_a_kind_of_body_names_no_platform() -> None:
    """Dev record rst_fe2616_0103 lists where an e-card is applied for: 人力资源社会保障部门APP … 第三方渠道APP name a
    kind of owner (部门, 渠道), as 本单位门户网站 does in train szf_767cdd_0599; the annotators record none."""
    text = ("可以在人力资源社会保障部门APP、政务服务APP、合作发卡银行APP等多渠道申领电子社保卡。"
            "对第三方渠道APP采取授权管理。")
    for name in ("人力资源社会保障部门APP", "第三方渠道APP", "人社部门公共服务网站", "本单位门户网站"):
        kind = platform_kind(name)
        assert kind is not None and is_generic(kind[1]), name
    spans = [("人力资源社会保障部门APP", "人力资源社会保障部门APP", 0), ("第三方渠道APP", "第三方渠道APP", 0)]
    names, _ = _link(text, spans, "")
    assert names == {}
    assert not is_generic(platform_kind("人力资源和社会保障部门户网站")[1])  # the ministry's 门户网站


def test_a_service_number_names_one_line() -> None:
    """Train record rst_485bf2_0385 writes 省12345热线 and 河北省12345政务服务便民热线: one line, its full name."""
    text = ("2022年，省12345热线人社远程专家坐席总接通量为10579。"
            "受理河北省12345政务服务便民热线转办工单6825个。")
    spans = [("省12345热线", "河北省12345热线", 0), ("河北省12345政务服务便民热线", "河北省12345政务服务便民热线", 0)]
    names, key_of = _link(text, spans, "河北省人力资源和社会保障厅")
    assert names == {"河北省12345政务服务便民热线": ["河北省12345政务服务便民热线", "省12345热线"]}
    assert set(key_of.values()) == {"Platform/河北省12345政务服务便民热线"}
