"""A policy explanation's explained document cites what the explanation's author cites (learned_cues.yaml
``explained_predicates``): the annotators credit the basis of 《X》 to X as well as to the explaining body."""

from __future__ import annotations

from pathlib import Path

from tests.report_text import extract_text, relation_pairs

# the opening of rst_fda5fe_0128 (Hebei human resources department's site, 2019)
EXPLANATION = (
    "《关于推动创新创业高质量发展打造“双创”升级版若干政策措施》政策解读\n"
    "一、出台背景近年来，全省上下积极落实党中央、国务院决策部署，大众创业、万众创新蓬勃发展，创新创业主体日益增多，"
    "各类支撑平台不断丰富，创新创业社会氛围更加浓厚，“双创”对推动我省新旧动能转换和经济结构升级、扩大就业和改善民生"
    "发挥了重要作用，为促进经济增长提供了有力支撑。目前，我国经济已由高速增长阶段转向高质量发展阶段，河北经济发展正处于"
    "爬坡过坎、转型升级的关键时期，必须进一步拓展“双创”工作的广度和深度，进一步优化创新创业环境、降低创新创业成本，"
    "进一步释放全社会创新创业活力和创造力。"
    "为落实国务院《关于推动创新创业高质量发展打造“双创”升级版的意见》（国发〔2018〕32号）精神，2019年2月14日，"
    "省政府印发了《关于推动创新创业高质量发展打造“双创”升级版若干政策措施》。\n"
)
EXPLAINED = "关于推动创新创业高质量发展打造“双创”升级版若干政策措施"
BASIS = "关于推动创新创业高质量发展打造“双创”升级版的意见"


def test_the_explained_document_cites_what_the_author_cites(tmp_path: Path) -> None:
    pairs = relation_pairs(extract_text(tmp_path, EXPLANATION, learned=True), "cites")
    assert (EXPLAINED, BASIS) in pairs
