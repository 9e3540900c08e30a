"""Small hand-made statements for the prose rules whose corpus cases are rare."""
from __future__ import annotations

from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import lint

CLASS_DOC = """2024年度财政拨款支出100.00万元，主要用于以下方面：一般公共服务（类）支出30.00万元，占30.00%；住房保障（类）支出70.00万元，占70.00%。
2024年度财政拨款支出决算数为100.00万元，其中：
1、一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）：支出决算为{a}万元。
2、一般公共服务（类）商贸事务（款）其他商贸事务支出（项）：支出决算为{b}万元。
3、住房保障（类）住房改革支出（款）住房公积金（项）：支出决算为{c}万元。
"""


def findings(text: str):
    return [(f.code, text[f.span.start:f.span.end]) for f in lint(Document(path="t.txt", text=text), Config()).findings]


def test_class_amount_against_its_items():
    assert findings(CLASS_DOC.format(a="20.00", b="10.00", c="70.00")) == []
    # same total (100.00), but 一般公共服务 items now add up to 31.00 and 住房保障 to 69.00
    got = findings(CLASS_DOC.format(a="21.00", b="10.00", c="69.00"))
    assert ("BL103", "30.00") in got and ("BL103", "70.00") in got
    assert not [c for c, _ in got if c == "BL101"]


def test_single_part_larger_than_total():
    assert findings("授予中小企业合同金额222.27万元，其中：授予小微企业合同金额230.00万元。") == [("BL102", "230.00")]
    assert findings("授予中小企业合同金额222.27万元，其中：授予小微企业合同金额200.00万元。") == []


def test_comparison_equal_within_rounding_is_fine():
    assert findings("公务接待费支出预算为2.23万元，支出决算为2.23万元，决算数等于预算数。") == []
    assert findings("公务接待费支出预算为2.23万元，支出决算为2.53万元，决算数等于预算数。") == [("BL701", "等于")]


def test_share_of_a_named_whole_stated_earlier():
    text = "2023年度支出合计921.87万元。\n2023年度财政拨款支出791.59万元，占本年支出合计的{s}%。"
    assert findings(text.format(s="85.87")) == []
    assert findings(text.format(s="58.87")) == [("BL201", "58.87")]


def test_completion_rate_and_execution_rate_wordings():
    assert findings("项目全年预算数57万元，执行数为54.82万元，完成预算的96.2%。") == []
    assert findings("项目全年预算数57万元，执行数为54.82万元，完成预算的92.6%。") == [("BL301", "92.6")]
    assert findings("全年预算数为2,450.00万元，执行数为2,303.00万元，预算执行率为95.00%。") == [("BL301", "95.00")]


def test_change_against_both_stated_years():
    base = "本年支出合计100.00万元，上年支出合计80.00万元，{w}{a}万元，{r}{p}%。"
    assert findings(base.format(w="增加", a="20.00", r="增长", p="25.00")) == []
    assert findings(base.format(w="增加", a="25.00", r="增长", p="25.00")) == [("BL403", "25.00")]
    assert findings(base.format(w="增加", a="20.00", r="增长", p="20.00")) == [("BL403", "20.00")]
    assert ("BL403", "20.00") in findings(base.format(w="减少", a="20.00", r="下降", p="25.00"))


def test_amount_and_rate_each_fit_the_years_but_not_each_other():
    # 433 − 431 lies in [432.5 − 431.5, 433.5 − 430.5] = [1, 3], so 减少2 and 减少3 both fit the years, and
    # 0.46% fits 2 ÷ 433 = 0.462%; but 3 ÷ 433 = 0.69% (at least 2.5 ÷ 433.5 = 0.58%), not 0.46%
    base = "2020年“三公”经费支出431万元，比上年累计支出433万元减少{a}万元，下降{r}%。"
    assert findings(base.format(a="2", r="0.46")) == []
    assert findings(base.format(a="3", r="0.46")) == [("BL401", "0.46")]
    assert findings(base.format(a="3", r="0.69")) == []


def test_a_rise_larger_than_the_value_it_rose_to():
    # 0.00 − 1.00 leaves a previous value of −1.00: a rate on its size is 1.00 ÷ 1.00 = 100%, not 0%
    assert findings("其他收入0.00万元，较2022年度决算数增加1.00万元，增长0%。") == [("BL401", "0")]
    assert findings("其他收入0.00万元，较2022年度决算数增加1.00万元，增长100%。") == []
    assert findings("其他收入0.00万元，较2022年度决算数增加0.00万元，增长0%。") == []


def test_change_and_share_wordings():
    # 72.09 − 6.85 = 65.24; 6.85 ÷ 65.24 = 10.4997%
    base = "本部门2023年度机关运行经费支出72.09万元，比上年增加6.85万元，增幅为{r}%。"
    assert findings(base.format(r="10.50")) == []
    assert findings(base.format(r="11.50")) == [("BL401", "11.50")]
    assert findings("公务接待费支出2.23万元，比上年减少1.07万元，降幅达32.42%。") == []  # 1.07 ÷ 3.30
    assert findings("公务接待费支出2.23万元，比上年减少1.07万元，降幅达23.42%。") == [("BL401", "23.42")]
    text = "2023年度支出合计921.87万元，其中：基本支出475.2万元，所占比重为{a}%；项目支出446.67万元，所占比重为48.45%。"
    assert findings(text.format(a="51.55")) == []
    assert ("BL201", "15.55") in findings(text.format(a="15.55"))


def test_partial_lists_are_only_checked_for_excess():
    assert findings("项目支出300.00万元，其中主要有：甲项目100.00万元、乙项目50.00万元。") == []
    assert findings("项目支出300.00万元，其中：甲项目100.00万元、乙项目50.00万元等。") == []
    assert findings("项目支出300.00万元，其中：甲项目200.00万元、乙项目150.00万元等。") == [("BL101", "300.00")]
    assert findings("项目支出300.00万元，其中：甲项目100.00万元、乙项目50.00万元。") == [("BL101", "300.00")]


def test_qizhong_starting_a_sentence_breaks_down_the_amount_before_it():
    text = "公务用车购置及运行维护费支出3.12万元，完成预算100%。其中：公务用车购置费0万元，公务用车运行维护费{x}万元。"
    assert findings(text.format(x="3.12")) == []
    assert findings(text.format(x="3.21")) == [("BL101", "3.12")]


def test_rate_named_before_wancheng():
    # 57878.3 ÷ 61219.51 = 94.542%
    text = "我办共安排项目支出预算61,219.51万元，全年共支出57,878.3万元，项目支出预算完成率{r}%。"
    assert findings(text.format(r="94.54")) == []
    assert findings(text.format(r="95.54")) == [("BL301", "95.54")]


LEAD_DOC = ("{early}\n十、“三公”经费支出情况\n2023年度“三公”经费财政拨款支出决算为5.95万元。\n"
            "{lead}中，因公出国（境）费支出决算0万元；公务用车购置及运行费支出决算3.12万元；公务接待费支出决算2.00万元。\n")


def test_a_lead_ending_in_zhong_names_its_total_in_full():
    """「…支出决算中，」 opens a list of the quantity it names: 0 + 3.12 + 2.00 = 5.12, not the 5.95 stated."""
    text = LEAD_DOC.format(early="", lead="2023年度“三公”经费财政拨款支出决算")
    assert findings(text) == [("BL101", "5.95")]


def test_a_lead_cut_to_a_fragment_is_not_matched_to_a_far_figure():
    """An excerpt starting mid-word, 「出决算中，」, names no quantity: it is not taken for the last
    figure whose name ends the same way (the 培训费 支出决算 0.38 万元 of another section), which
    the three items (5.12) would contradict."""
    early = "培训费年初预算0.5万元，支出决算为0.38万元，完成年初预算的76%。"
    text = LEAD_DOC.format(early=early, lead="出决算").replace("2023年度“三公”经费财政拨款支出决算为5.95万元。\n", "")
    assert "5.95" not in text and "0.38" in text
    assert [c for c, _ in findings(text) if c.startswith("BL10")] == []


def test_a_change_of_a_named_year_is_not_computed_from_another_years_figure():
    """「2021年度…较上年决算数减少0.03万元，下降0.66%」 is 0.03 ÷ (4.5 + 0.03) = 0.66%; the 2019 figure of
    the same name stated earlier (60万元) is not 2021's, so 0.03 ÷ 60.03 = 0.05% is no contradiction to report."""
    text = ("2019年度镇本级“三公”经费60万元。\n"
            "2021年度镇本级“三公”经费决算4.5万元。经比较，2021年度镇本级“三公”经费较上年决算数减少0.03万元，下降0.66%。\n")
    assert findings(text) == []
