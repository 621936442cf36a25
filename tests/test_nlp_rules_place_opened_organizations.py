"""Schools, universities and associations whose name opens with their place and holds a boundary word or particle
the scan from the head stops at (kg.nlp.rules.platforms._opened_by_a_place, platforms.yaml
organization_opening_*; docs/decisions.md §56)."""

from __future__ import annotations

import pytest

from tests.report_text import rule_spans


def organizations(text: str) -> set[str]:
    return rule_spans(text, "Organization")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # jyt_d3f787_1263 (train): 经 of 经贸 is a boundary word (经…批准)
        ("河北大学、河北师范大学原则上不超过5项，河北经贸大学原则上不超过4项，其他院校原则上不超过1项。",
         {"河北大学", "河北师范大学", "河北经贸大学"}),
        # jyt_1893a9_1191 (train): 等 of 高等
        ("支持石家庄幼儿师范高等专科学校等3所独立设置的幼儿师专重点培养专科层次的幼儿园教师。",
         {"石家庄幼儿师范高等专科学校"}),
        # jyt_905390_1106 (train): a table of schools, one a line (中等, 建设, 经, 都 inside the names)
        ("15\n唐山市第一职业中等专业学校\n\n\n16\n石家庄装备制造学校\n", {"唐山市第一职业中等专业学校"}),
        ("序号\n学校名称\n\n\n精品学校\n\n\n1\n石家庄工程技术学校\n\n\n2\n河北城乡建设学校\n", {"河北城乡建设学校"}),
        ("19\n邢台市信都区职业技术教育中心\n\n\n20\n新乐市职业技术教育中心\n", {"邢台市信都区职业技术教育中心"}),
        # jyt_2cd748_1258 (train): 例如 introduces the name
        ("例如北京民族大学作为民办非学历高等教育机构，本不能以“高等院校”名义招生", {"北京民族大学"}),
    ],
)
def test_a_name_opened_by_its_place(sentence: str, expected: set[str]) -> None:
    assert expected <= organizations(sentence)


@pytest.mark.parametrize(
    ("sentence", "not_expected"),
    [
        # kjt_358b27_0890 (train): a list of universities and their kind
        ("支持河北医科大学、河北工业大学、河北大学、河北科技大学等高等学校的生命科学、生物工程等学科建设",
         "河北科技大学等高等学校"),
        # kjt_bc1308_0928 (train): a title's verb
        ("河北省促进高等学校和科研院所科技成果转化暂行办法实施细则", "河北省促进高等学校"),
        # kjt_d5f332_0913 (train): a body and the bank it deals with
        ("河北省科技投资中心对银行贷款项目是否符合本实施细则第九条、第十条要求进行审核", "河北省科技投资中心对银行"),
        ("各市要组织河北省普通高等学校开展", "河北省普通高等学校"),
    ],
)
def test_a_list_a_verb_or_a_kind_is_no_name(sentence: str, not_expected: str) -> None:
    assert not_expected not in organizations(sentence)


def test_names_run_together_in_a_signature_line() -> None:
    """rst_52373a_0209 (train): a joint notice's signatures on one line; each organisation begins after the last
    body's or organisation's head that a place follows (platforms.yaml organization_run_heads)."""
    sentence = ("将书面材料及电子版报送至省协调劳动关系三方会议办公室。"
                "河北省人力资源和社会保障厅河北省总工会河北省企业家协会河北省工商业联合会河北省企业联合会"
                "2023年6月30日(此件主动公开)")
    found = organizations(sentence)
    assert {"河北省企业家协会", "河北省工商业联合会", "河北省企业联合会"} <= found
    assert not any(name.startswith("河北省总工会河北") for name in found)


def test_a_regulators_bank_is_no_bank() -> None:
    """gxt_44ef91_1026 (train): 中国银行保险监督管理委员会 holds no bank (organization_not_followed_by)."""
    sentence = ("河北省教育厅河北省科学技术厅\u3000\u3000中国人民银行石家庄中心支行中国银行保险监督管理\u3000\u3000"
                "委员会河北监管局")
    assert not any(name.endswith("中国银行") for name in organizations(sentence))


@pytest.mark.parametrize(
    ("sentence", "branch"),
    [
        # jyt_7b24aa_1153 (train)
        ("1.生源地信用助学贷款（农村信用社和国家开发银行河北省分行承办）", "国家开发银行河北省分行"),
        # jyt_e07ce6_1125 (train)
        ("校企共建产教融合实训基地、鲲鹏产业学院，与中国银行河北省分行战略合作，推进混合所有制二级学院试点",
         "中国银行河北省分行"),
    ],
)
def test_a_firms_branch_in_a_place(sentence: str, branch: str) -> None:
    """A firm's branch is named after the firm and its place (organization_branch_heads); 战略合作 after it names no
    person (persons.yaml not_name_starts)."""
    assert branch in organizations(sentence)
    assert "战略合" not in rule_spans(sentence, "Person")
