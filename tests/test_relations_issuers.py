"""Who issued a document, read off its title and its signature: the bodies before 印发/转发 in a title without
关于, and a joint signature run into the line after a responsibility note (decisions §42)."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text

# Hebei rst_a5b128_0015 (a national joint opinion re-published by 河北人社): its last measure closes with the note of
# who is responsible, and the fifteen signers follow on the same line.
JOINT_OPINION = (
    "人力资源社会保障部国家发展改革委等十五部门关于做好当前农民工就业创业工作的意见\n"
    "（十六）加强宣传引导。大力宣传促进农民工就业创业的优惠政策和服务举措，充分利用各种受众面广、宣传效果好的新媒体，"
    "提高政策知晓度。（各有关部门、单位和地方各级人民政府按职责分工负责）人力资源社会保障部国家发展改革委"
    "工业和信息化部民政部财政部自然资源部住房城乡建设部交通运输部水利部农业农村部商务部文化和旅游部国家统计局"
    "国家林业和草原局国务院扶贫办2020年8月6日\n"
)

# Hebei kjt_2beaf9_0739, the basis of 科技惠民计划专项经费管理办法: the forwarded opinion is 财政部 and 科技部's, the
# notice forwarding it 国务院办公厅's.
FORWARDING = (
    "科技惠民计划专项经费管理办法\n"
    "第一条　为贯彻落实《国家中长期科学和技术发展规划纲要（2006-2020年）》，规范和加强科技惠民计划专项经费的管理，"
    "提高资金使用效益，根据《国务院办公厅转发财政部科技部关于改进和加强中央财政科技经费管理若干意见的通知》"
    "（国办发〔2006〕56号）和国家有关财务规章制度，制定本办法。\n"
)


def _issued(tmp_path: Path, text: str, learned: bool = False) -> set[tuple[str, str]]:
    extraction = extract_text(tmp_path, text, learned=learned)
    names = {e.key: e.name for e in extraction.entities}
    return {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "issued"}


def test_a_signature_run_on_after_a_responsibility_note_issued_the_document(tmp_path: Path) -> None:
    opinion = "人力资源社会保障部国家发展改革委等十五部门关于做好当前农民工就业创业工作的意见"
    issuers = {s for s, o in _issued(tmp_path, JOINT_OPINION) if o == opinion}
    assert {"民政部", "财政部", "交通运输部", "水利部", "商务部", "国家统计局"} <= issuers


def test_the_bodies_after_zhuanfa_did_not_issue_the_forwarding_notice(tmp_path: Path) -> None:
    notice = "国务院办公厅转发财政部科技部关于改进和加强中央财政科技经费管理若干意见的通知"
    issuers = {s for s, o in _issued(tmp_path, FORWARDING) if o == notice}
    assert "国务院办公厅" in issuers
    assert not {"财政部", "科学技术部"} & issuers


# Sentences of Hebei jyt_5b3bd0_1183 (a plan of 河北省教育厅), the 监利市 rule-of-law report (train
# 002_51acc513f15262cb) and Hebei jyt_d3325b_1100: a body, a list of bodies or 教育部等七部门 written right
# before a bracketed title.
BODIES_BEFORE_TITLES = (
    "2021年中小学师德师风建设巩固年活动方案\n"
    "为贯彻落实教育部等七部门《关于加强和改进新时代师德师风建设的意见》和我省《关于加强和改进新时代师德师风建设的实施"
    "意见》，全面提升我省中小学教师思想政治素质和职业道德水平，省教育厅决定2021年开展中小学师德师风建设巩固年活动，"
    "特制定本方案。\n"
    "认真学习贯彻中共中央、国务院《法治政府建设实施纲要(2021-2025年)》,制定实施《监利市法治政府建设实施方案"
    "(2021-2025年)》巩固提升法治政府建设示范创建成果。\n"
    "各地各学校要按照教育部《中小学生学籍管理办法》《河北省义务教育阶段学生学籍管理办法实施细则（修订）》规定，"
    "及时完成新生学籍注册。\n"
)


def test_the_bodies_written_before_a_bracketed_title_issued_it(tmp_path: Path) -> None:
    issued = _issued(tmp_path, BODIES_BEFORE_TITLES)
    assert ("教育部", "关于加强和改进新时代师德师风建设的意见") in issued
    outline = "法治政府建设实施纲要(2021-2025年)"
    assert {("中共中央", outline), ("国务院", outline)} <= issued
    assert ("教育部", "中小学生学籍管理办法") in issued
    # only the title right after the body: the next title in the run is not its
    assert ("教育部", "河北省义务教育阶段学生学籍管理办法实施细则（修订）") not in issued


# Hebei kjt_bc1308_0928, as scraped: the page's first line is the carried rules' name, the notice carrying them is
# on the second line, without its issuers; the eight signers close the notice on one line.
PAGE_NOTICE = (
    "河北省促进高等学校和科研院所科技成果转化暂行办法实施细则\n"
    "关于印发《河北省促进高等学校和科研院所科技成果转化暂行办法实施细则》的通知　　冀科政〔2015〕20号各设区市(定州市、"
    "辛集市)科技局、教育局、财政局、人社局、编办、国资委、国税局、地税局,有关高校、院所：　　为进一步推进各项支持政策"
    "落实落地，省科技厅会同有关部门、单位制定了《河北省促进高等学校和科研院所科技成果转化暂行办法实施细则》。现印发"
    "你们，请认真贯彻实施。　　河北省科学技术厅　　河北省教育厅　　河北省财政厅　　河北省人力资源和社会保障厅　　"
    "河北省地方税务局　　2015年12月30日\n"
)


def test_the_notice_on_a_pages_second_line_is_issued_by_its_signers(tmp_path: Path) -> None:
    notice = "关于印发《河北省促进高等学校和科研院所科技成果转化暂行办法实施细则》的通知"
    issuers = {s for s, o in _issued(tmp_path, PAGE_NOTICE, learned=True) if o == notice}
    assert {"河北省教育厅", "河北省财政厅", "河北省地方税务局"} <= issuers
