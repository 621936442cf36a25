"""promotes fires on its words (学习, 宣传, 教育…) as acts, not as words of a name: 河北省教育厅, 教育部 and
《专业技术人员继续教育规定》 promote nothing (rules.yaml promotes.not_inside_names). Real sentences of train
documents of the Hebei corpus."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text, relation_pairs


def _promotes(tmp_path: Path, text: str) -> set[tuple[str, str]]:
    return relation_pairs(extract_text(tmp_path, text), "promotes")


def test_a_word_of_a_title_is_no_act(tmp_path: Path) -> None:
    """rst_c3346a_0106 (《档案专业人员继续教育规定》解读): the rules are its basis, nobody teaches them here."""
    text = ("《档案专业人员继续教育规定》解读\n"
            "为深化落实中共中央办公厅、国务院办公厅《关于加强和改进新形势下档案工作的意见》，根据《中华人民共和国档案法》"
            "《干部教育培训工作条例》《专业技术人员继续教育规定》相关要求，并结合档案工作实际，国家档案局制定了本规定。\n")
    assert not {o for _, o in _promotes(tmp_path, text)} & {"中华人民共和国档案法", "干部教育培训工作条例"}


def test_a_word_of_a_body_is_no_act() -> None:
    """jyt_d3325b_1100 (河北省教育厅's notice, whole file): 要按照教育部《中小学生学籍管理办法》 — 教育 is the
    ministry's name."""
    from kg.ingest import ingest
    from kg.nlp import load_pipeline
    from kg.pipeline import extract_document

    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "hebei" / "jyt_d3325b_1100.txt"
    extraction = extract_document(ingest(path), load_pipeline(learned=True))
    names = {e.key: e.name for e in extraction.entities}
    promoted = {names[r.object] for r in extraction.relations if r.predicate == "promotes"}
    assert "中小学生学籍管理办法" not in promoted


def test_teaching_a_law_promotes_it(tmp_path: Path) -> None:
    """jyt_0ded88_1131 (a plan's explanation by 河北省教育厅): 突出学习宣传宪法 stays an act of its author."""
    text = ("河北省教育厅关于全省教育系统开展法治宣传教育的第八个五年规划的解读\n"
            "第二部分是主要内容。包括：突出学习宣传习近平法治思想、突出学习宣传宪法、突出学习宣传民法典。\n")
    assert ("河北省教育厅", "中华人民共和国宪法") in _promotes(tmp_path, text)
