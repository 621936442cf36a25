"""Public institutions named with a place, national bodies beyond the central organs, 部门 after a ministry's name,
units named after their department (kg.nlp.rules.agencies, agencies.yaml institution_* and body_unit_*,
national_bodies.tsv; docs/decisions.md §35)."""

from __future__ import annotations

import pytest

from tests.report_text import rule_spans


def agencies(text: str) -> set[str]:
    return rule_spans(text, "Agency")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # 08_shaanxi_gwr_2026 (train): a boundary word (考) inside the name; 省图书新馆 names no one library
        ("西安国家版本馆、陕西考古博物馆、省图书新馆等投入使用，公共文化服务基础设施实现五级全覆盖",
         {"西安国家版本馆", "陕西考古博物馆"}),
        ("加快重大科技基础设施建设进度，培育人工智能陕西实验室，推动重大科技基础设施、实验室体系、创新平台基地从建框架向强功能转变。",
         {"人工智能陕西实验室"}),
        # gxt_ab823e_1072 (train): the country's institution; a university's laboratory is the university's unit
        ("加强与清华大学大数据系统软件国家工程实验室、中国信息通信研究院等国家级创新平台和研究机构合作",
         {"中国信息通信研究院"}),
        # kjt_90f55f_0864 (train): the armed forces
        ("第四十三条　中国人民解放军和中国人民武装警察部队的密码工作管理办法，由中央军事委员会根据本法制定。",
         {"中国人民解放军", "中国人民武装警察部队"}),
        # rst_b3d48d_0151 (train): the State Council's poverty office by its customary short name (decisions §49)
        ("人力资源社会保障部国务院扶贫办关于开展深度贫困地区技能扶贫行动的通知", {"国务院扶贫办"}),
        ("人力资源社会保障部、国务院扶贫办决定于2018年9月至2020年底，在全国组织开展深度贫困地区技能扶贫行动",
         {"国务院扶贫办"}),
    ],
)
def test_institutions_and_national_bodies(sentence: str, expected: set[str]) -> None:
    assert expected <= agencies(sentence)


def test_a_kind_of_institution_or_a_university_laboratory_is_none() -> None:
    sentence = "加强与清华大学大数据系统软件国家工程实验室、中国信息通信研究院等国家级创新平台和研究机构合作"
    assert not any(name.endswith("工程实验室") for name in agencies(sentence))



def test_a_conjunction_inside_an_institutions_name() -> None:
    """szf_12538c_0594 (dev): 和 is a character of 协和, not a list's joint; 衡水等市与京津三甲医院 stays a list."""
    sentence = "加强省远程医疗服务平台建设，推动其与北京协和医院、天坛医院等北京优质医疗资源对接"
    assert "北京协和医院" in agencies(sentence)
    assert not agencies("统筹指导唐山、邯郸、廊坊、承德、邢台、沧州、衡水等市与京津三甲医院以合作建院或建立分院等形式")

def test_a_ministry_name_before_men_is_a_kind_of_department() -> None:
    """jyt_105614_1101 (train): 各级教育部门 are the education departments at every level, not 教育部."""
    sentence = "各级教育部门要设立课后服务监督举报电话或信箱，及时核查办理群众反映的课后服务问题，坚决纠正违规行为。"
    assert "教育部" not in agencies(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # jyt_254d33_1173 (train)
        ("全面助力打赢疫情防控阻击战，根据教育部财务司、财政部科教和文化司《关于做好新型冠状病毒感染肺炎疫情防控期间"
         "学生资助工作的通知》（教财司函〔2020〕30号）精神",
         {"教育部财务司", "财政部科教和文化司", "教育部", "财政部"}),
        ("各市、各省属学校要及时梳理总结疫情防控期间学生资助工作开展情况，以及有关工作意见建议等，报送至省教育厅财务处，"
         "电子邮箱：jycw360@126.com。", {"省教育厅财务处", "省教育厅"}),
    ],
)
def test_a_unit_named_after_its_department(sentence: str, expected: set[str]) -> None:
    assert expected <= agencies(sentence)
