"""Who cites, by conventions of the genre. A title that names the document it implements or forwards cites it
(rules.yaml title_citing_verbs): 关于转发《…关于…的意见》的通知, 实施《…法》若干规定; not the document a notice hands
out (关于印发《…》的通知), which its issuer issued. A rule or directive cites the document whose provisions it says a
case follows (依照行政监察法的规定); a rule's title after the order that promulgated it is the text's own. Real text
of train rst_71cdb7_0320, szf_c13bdb_0581 and kjt_36f0a7_0751."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text, relation_pairs

FORWARDED = (
    "关于转发《人力资源和社会保障部、国家发展改革委、财政部关于加快发展人力资源服务业的意见》的通知\n"
    "关于转发《人力资源和社会保障部、国家发展改革委、财政部关于加快发展人力资源服务业的意见》的通知2014年12月31日，"
    "人力资源和社会保障部、国家发展和改革委员会、财政部印发了《关于加快发展人力资源服务业的意见》"
    "（人社部发【2014】104号，以下简称《意见》）。现将《意见》转发你们，请结合实际，深入学习领会，认真抓好贯彻落实。\n"
)
def test_a_title_cites_the_document_it_forwards(tmp_path: Path) -> None:
    cites = relation_pairs(extract_text(tmp_path, FORWARDED, learned=True), "cites")
    assert ("关于转发《人力资源和社会保障部、国家发展改革委、财政部关于加快发展人力资源服务业的意见》的通知",
            "人力资源和社会保障部、国家发展改革委、财政部关于加快发展人力资源服务业的意见") in cites


PROVISIONS = (
    "河北省关于禁止在市场经济活动中实行地区封锁的规定\n"
    "各级人民政府及其所属部门和其他行使行政权的组织的工作人员对检举地区封锁行为的单位或者个人进行报复陷害的，"
    "按照法定程序，根据情节轻重，给予降级、撤职直至开除公职的行政处分；构成犯罪的，依法追究刑事责任。"
    "监察机关依照行政监察法的规定，对行政机关及其工作人员的地区封锁行为实施监察。本规定自发布之日起施行。\n"
)


def test_a_rule_cites_the_law_whose_provisions_a_case_follows(tmp_path: Path) -> None:
    """rules.yaml provision_verbs, provision_after: the rules find it (the author was their only citer), the learned
    layer keeps it."""
    pair = ("河北省关于禁止在市场经济活动中实行地区封锁的规定", "中华人民共和国行政监察法")
    assert pair in relation_pairs(extract_text(tmp_path, PROVISIONS), "cites")
    assert pair in relation_pairs(extract_text(tmp_path, PROVISIONS, learned=True), "cites")


ORDERED = (
    "科学技术部令第11号 《国家科技计划实施中科研不端行为处理办法（试行）》\n"
    "科学技术部令第11号《国家科技计划实施中科研不端行为处理办法（试行）》《国家科技计划实施中科研不端行为处理办法（试行）》"
    "已于2006年9月14日经科学技术部第25次部务会议审议通过，现予发布，自2007年1月1日起施行。"
    "第三十二条被处理人对有关行政机关的处罚决定不服的，可以依照《中华人民共和国行政复议法》的规定，申请复议。\n"
)


def test_a_rule_published_under_its_order_is_the_texts_own_document(tmp_path: Path) -> None:
    """rules.yaml order_header: the title after 科学技术部令第11号 opens the text (train kjt_36f0a7_0751)."""
    cites = relation_pairs(extract_text(tmp_path, ORDERED), "cites")
    assert ("国家科技计划实施中科研不端行为处理办法(试行)", "中华人民共和国行政复议法") in cites
