"""Who employs whom in the genre's lists of people: leading-group compositions and notices' contacts, with the
learned layers on (their model and verifier must leave a list's names standing)."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text

# Hebei rst_af9c13 (train): a joint notice's working group, the page's line breaks lost
GROUP = ("河北省财政厅河北省人力资源和社会保障厅关于印发《2013年度河北省就业专项资金支出绩效评价工作实施方案》的通知\n"
         "由河北省财政厅会同河北省人力资源和社会保障厅共同组织实施，并聘请中介机构及相关专家联合组成绩效评价工作组，"
         "负责本次绩效评价的组织管理和实施工作。工作组成员如下：组长：李毅副组长：崔青山彭素敏胡毅东甄红彬成员："
         "唐世民赵景林智荣卿胡新辉李贵中孔子渊关玉芹焦文杰刘迪(二)时间步骤\n")


def test_a_lists_names_stand_over_the_learned_layers(tmp_path: Path) -> None:
    extraction = extract_text(tmp_path, GROUP, learned=True)
    people = {e.name for e in extraction.entities if e.type == "Person"}
    assert people == {"李毅", "崔青山", "彭素敏", "胡毅东", "甄红彬", "唐世民", "赵景林", "智荣卿", "胡新辉", "李贵中",
                      "孔子渊", "关玉芹", "焦文杰", "刘迪"}


def _employs(extraction) -> set[tuple[str, str]]:
    names = {e.key: e.name for e in extraction.entities}
    return {(names[r.subject], names[r.object]) for r in extraction.relations if r.predicate == "employs"}


def test_a_leading_group_and_each_members_own_body_employ_the_member(tmp_path: Path) -> None:
    """Hebei szf_f21fb5 (train): the group employs every member named before 任组长 / 任副组长 / 为成员, and so does
    the body written before each member's post; a deputy governor's and the government's deputy secretary-general's
    body is the provincial government, not the report's author (the government's general office)."""
    text = ("河北省人民政府办公厅关于开展环保专项整治行动的通知\n"
            "省政府成立河北省环保专项整治行动领导小组，柳宝全副省长任组长，省政府常务副秘书长赵国昌、省环保局局长姬振海"
            "任副组长，省发改委副主任郭大建、省监察厅副厅长王和平、省工商局副局长李继红、省司法厅副厅长王大为为成员，"
            "领导小组办公室设在省环境保护局，办公室主任由省环保局副局长杨智明担任。\n")
    employs = _employs(extract_text(tmp_path, text, learned=True))
    group = "河北省环保专项整治行动领导小组"
    members = {"柳宝全", "赵国昌", "姬振海", "郭大建", "王和平", "李继红", "王大为"}
    assert {(group, person) for person in members} <= employs
    assert {("河北省人民政府", "柳宝全"), ("河北省人民政府", "赵国昌"), ("河北省司法厅", "王大为"),
            ("河北省监察厅", "王和平"), ("河北省发展和改革委员会", "郭大建")} <= employs
    assert ("河北省环保专项整治行动领导小组办公室", "杨智明") in employs  # the group's office, its director
    assert not {(body, person) for body, person in employs if body == "河北省人民政府办公厅"}
    assert not {person for body, person in employs if body == "河北省发展和改革委员会"} - {"郭大建"}


def test_a_composition_list_with_posts_in_brackets(tmp_path: Path) -> None:
    """Hebei szf_3b19f0 (corpus): 组　长：郭庚茂（常务副省长）… — the group employs the listed, a governor's post
    names the provincial government."""
    text = ("河北省人民政府办公厅关于成立河北省网络与信息安全协调小组的通知\n"
            "为了加强我省信息安全保障工作，省政府决定成立河北省网络与信息安全协调小组。河北省网络与信息安全协调小组"
            "组成人员名单如下：　　组　长：郭庚茂（常务副省长）　　常务副组长：付双建（副省长）　　"
            "副组长：柳宝全（副省长）　　方文平（省军区参谋长）　　"
            "成　员：张日训（省教育厅副厅长）　　王征国（省科技厅副厅长）\n")
    employs = _employs(extract_text(tmp_path, text, learned=True))
    group = "河北省网络与信息安全协调小组"
    assert {(group, p) for p in ("郭庚茂", "付双建", "柳宝全", "方文平", "张日训", "王征国")} <= employs
    assert {("河北省人民政府", "郭庚茂"), ("河北省人民政府", "付双建"), ("河北省教育厅", "张日训")} <= employs


def test_a_notices_contacts_work_where_the_notice_says(tmp_path: Path) -> None:
    """Hebei jyt_9e7deb, rst_3f7441, jyt_89c54a (train): the office written with the name (names written together
    share it), else the notice's author."""
    text = ("河北省教育厅关于做好2024年银龄讲学计划有关实施工作的通知\n"
            "请各地按要求报送。\n联系人：省教育厅人事处郭晓蕾0311-66005057\n省教育厅信息中心李岩0311-66005757\n"
            "联系人：厅政务服务处魏雷付幸联系电话：66908502669\n"
            "联系人：魏蓓蓓\n联系电话：0311-66005312\n")
    employs = _employs(extract_text(tmp_path, text, learned=True))
    assert {("河北省教育厅人事处", "郭晓蕾"), ("河北省教育厅信息中心", "李岩"), ("河北省教育厅", "魏蓓蓓")} <= employs
    assert {("河北省教育厅政务服务处", "魏雷"), ("河北省教育厅政务服务处", "付幸")} <= employs


def test_a_governor_named_before_the_post(tmp_path: Path) -> None:
    """Hebei kjt_8109c2 (train): 许勤省长、赵一德副书记、徐建培副省长同意 in a department's notice — the provincial
    government employs the governor and his deputy; 副书记 is the Party's, and 许勤's post is not 赵一德's."""
    text = ("河北省科学技术厅关于公布监测评价结果的通知\n"
            "按照省政府部署，监测评价结果已于6月5日经许勤省长、赵一德副书记、徐建培副省长同意，予以公布。\n")
    employs = _employs(extract_text(tmp_path, text, learned=True))
    assert {("河北省人民政府", "许勤"), ("河北省人民政府", "徐建培")} <= employs
    assert ("河北省人民政府", "赵一德") not in employs


def test_the_group_a_notice_sets_up_employs_its_members(tmp_path: Path) -> None:
    """Hebei szf_0cc5dc (train): 成立省深入开展土地市场治理整顿工作领导小组，副省长柳宝全任组长 — the group, named
    with the verbs inside it, employs the members the clause lists."""
    text = ("河北省人民政府办公厅关于印发《河北省深入开展土地市场治理整顿工作实施方案》的通知\n"
            "为加强对全省深入开展土地市场治理整顿工作的领导，成立省深入开展土地市场治理整顿工作领导小组，副省长柳宝全任组长，"
            "省政府常务副秘书长赵国昌、省国土资源厅厅长周明任副组长，省财政厅厅长齐守印、省审计厅厅长张成起为成员。\n")
    employs = _employs(extract_text(tmp_path, text, learned=True))
    group = "河北省深入开展土地市场治理整顿工作领导小组"
    assert {(group, p) for p in ("柳宝全", "赵国昌", "周明", "齐守印", "张成起")} <= employs
    assert {("河北省财政厅", "齐守印"), ("河北省国土资源厅", "周明"), ("河北省人民政府", "赵国昌")} <= employs


def test_deputies_listed_after_one_post_work_where_the_first_does(tmp_path: Path) -> None:
    """Hebei gxt_dbadaf (train): a ministry's meeting report — 副部长杨学山、刘利华、尚冰 are all the ministry's."""
    text = ("工业和信息化部召开全国工业和信息化主管部门会议\n"
            "部党组副书记、副部长马兴瑞，部党组成员、副部长杨学山、刘利华、尚冰，部党组成员、总工程师朱宏任出席会议。\n")
    employs = _employs(extract_text(tmp_path, text, learned=True))
    assert {("工业和信息化部", p) for p in ("马兴瑞", "杨学山", "刘利华", "尚冰", "朱宏任")} <= employs


def test_a_member_list_run_together_names_each_members_body_after_the_name(tmp_path: Path) -> None:
    """Hebei rst_1115f1 (corpus): the annex 组长：杨燕伟省人社厅党组书记、厅长副组长：赵爱平省人社厅一级巡视员乔晓林省
    发展改革委一级巡视员… — each name's body and post follow it, the page's line breaks lost: 乔晓林 works in the
    development and reform commission written after his name, not in the department written before it."""
    text = ("河北省人力资源和社会保障厅等十部门关于印发《河北省重点群体创业推进行动工作方案》的通知\n"
            "附件河北省重点群体创业推进行动领导小组及办公室成员名单组长：杨燕伟省人社厅党组书记、厅长副组长："
            "赵爱平省人社厅一级巡视员乔晓林省发展改革委一级巡视员孙富强省教育厅副厅长董继华省工业和信息化厅副厅长"
            "刘文洲省财政厅二级巡视员\n")
    employs = _employs(extract_text(tmp_path, text, learned=True))
    assert {("河北省人力资源和社会保障厅", "杨燕伟"), ("河北省人力资源和社会保障厅", "赵爱平"),
            ("河北省发展和改革委员会", "乔晓林"), ("河北省教育厅", "孙富强"), ("河北省工业和信息化厅", "董继华"),
            ("河北省财政厅", "刘文洲")} <= employs
    assert ("河北省人力资源和社会保障厅", "乔晓林") not in employs
