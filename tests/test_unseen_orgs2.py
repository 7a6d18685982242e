"""Organisations on unseen news (issue 12, precision): events, descriptions and headline words read
as bodies, and one body recorded twice under two spellings (an acronym or a stump compound, a
shortened name, a name with and without its hyphen). The project's own sentences; every row names
the rule that repairs it and the test checks that the row passes, and fails with that rule off.

Where the models do not make the error on a short sentence of ours, the row gives the NER spans
they make on real news (`spans`)."""

from __future__ import annotations

import pytest

from pipeline import rules
from tests.test_unseen_names import _check, _run

ROWS = [
    # --- events named by their gathering word --------------------------------------------------------
    ("org.not.event", "The Caspian Forum of Young Entrepreneurs gathered 300 guests in Aktau on Friday.",
     [("ORG", "Caspian Forum of Young Entrepreneurs")],
     {"organisations:not": {"Caspian Forum of Young Entrepreneurs"}}),
    ("org.not.event", "В Алматы открылась Международная выставка строительных технологий, в ней участвуют "
     "двести компаний.",
     [("ORG", "Международная выставка строительных технологий")],
     {"organisations:not": {"Международная выставка строительных технологий"}}),
    ("org.not.event", "Гостей принимает Неделя энергетики Центральной Азии, которая продлится до пятницы.",
     [("ORG", "Неделя энергетики Центральной Азии")],
     {"organisations:not": {"Неделя энергетики Центральной Азии"}}),
    # --- descriptions and fragments that end in a lower-case word -----------------------------------
    ("org.not.lower_case_end", "The warning came from Kazakhstan's environmental watchdog on Monday.",
     [("ORG", "Kazakhstan's environmental watchdog")],
     {"organisations:not": {"Kazakhstan's environmental watchdog"}}),
    ("org.not.lower_case_end", "Uzbekistan’s national hydrometeorological service issued a storm warning on Friday.",
     [("ORG", "Uzbekistan’s national hydrometeorological")],
     {"organisations:not": {"Uzbekistan’s national hydrometeorological"}}),
    # --- a headline's words --------------------------------------------------------------------------
    ("org.not.heading_only", "Tajikistan To Build 20 New Schools\n\nDUSHANBE - The government of Tajikistan "
     "will build twenty schools in the Khatlon region next year, officials said on Monday.",
     [("ORG", "Build 20 New Schools")], {"organisations:not": {"Build 20 New Schools"}}),
    # --- a Russian adjective cut from its noun --------------------------------------------------------
    ("org.not.no_noun", "Представители Узбекско-Корейского делового центра провели встречу в Ташкенте.",
     [("ORG", "Узбекско-Корейского")], {"organisations:not": {"Узбекско-Корейский", "Узбекско-Корейского"}}),
    # --- one body, two spellings ----------------------------------------------------------------------
    ("merge.short_form", "Министерство финансов Таджикистана выделит средства на ремонт дорог. В Минфине "
     "уточнили, что работы начнутся весной.",
     [("ORG", "Министерство финансов Таджикистана"), ("ORG", "Минфине")],
     {"records": {"Министерство финансов Таджикистана"}, "records:count": 1}),
    ("merge.short_form", "Государственный комитет по туризму и спорту Узбекистана объявил конкурс. По данным "
     "ГКТС, заявки принимаются до конца месяца.",
     [("ORG", "Государственный комитет по туризму и спорту Узбекистана"), ("ORG", "ГКТС")],
     {"records": {"Государственный комитет по туризму и спорту Узбекистана"}, "records:count": 1}),
    ("merge.short_form", "The Agency for Digital Services of Kyrgyzstan opened two offices. ADS officials "
     "said more would follow.",
     [("ORG", "Agency for Digital Services of Kyrgyzstan"), ("ORG", "ADS")],
     {"records": {"Agency for Digital Services of Kyrgyzstan"}, "records:count": 1}),
    ("merge.shortened_name", "The Kazakh-Turkmen Joint Intergovernmental Commission met in Ashgabat. The "
     "Joint Commission approved a plan for the railway.",
     [("ORG", "Kazakh-Turkmen Joint Intergovernmental Commission"), ("ORG", "Joint Commission")],
     {"records:count": 1}),
    ("merge.hyphen_spelling", "The Iran-Oman Joint Commission will meet in May. A working group of the Iran "
     "Oman Joint Commission prepared the agenda.",
     [("ORG", "Iran-Oman Joint Commission"), ("ORG", "Iran Oman Joint Commission")],
     {"records:count": 1}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "text", "spans", "expect"), ROWS, ids=[f"{r[0]}-{i}" for i, r in enumerate(ROWS)]
)
def test_each_kind_of_error_is_repaired_by_its_rule(annotate, rule, text, spans, expect):
    annotated = annotate(text)
    found = _run(annotated, spans)
    assert _check(found, expect), found
    with rules.disabled(set(rule.split("+"))):
        assert not _check(_run(annotated, spans), expect), f"{rule} off: the row should fail"


@pytest.mark.parametrize(
    ("text", "spans", "expect"),
    [
        # a gathering of a body names the body
        ("Leaders met at the Summit of the Caspian Littoral Organization in Khiva.",
         [("ORG", "Summit of the Caspian Littoral Organization")],
         {"organisations": {"Summit of the Caspian Littoral Organization"}}),
        # a ministry in lower case after its country's adjective is that country's ministry
        ("The Tajik foreign ministry said the talks had been useful.", [("ORG", "Tajik foreign ministry")],
         {"organisations": {"Tajik foreign ministry"}}),
        # a body a headline names and the text names again
        ("Kazakhstan Railways Orders 40 Locomotives\n\nASTANA - Kazakhstan Railways has ordered forty "
         "locomotives, the company said.",
         [("ORG", "Kazakhstan Railways"), ("ORG", "Kazakhstan Railways")],
         {"organisations": {"Kazakhstan Railways"}}),
        # two fuller names a shortened one may stand for: it stays on its own
        ("The Oman-Tajikistan Joint Trade Commission and the Oman-Tajikistan Joint Transport Commission "
         "met in Tashkent. The Joint Commission will meet again in June.",
         [("ORG", "Oman-Tajikistan Joint Trade Commission"), ("ORG", "Oman-Tajikistan Joint Transport "
          "Commission"), ("ORG", "Joint Commission")],
         {"records:count": 3}),
        # org.not.bare_word: a company written with an inner capital, an outlet one tells
        ("Analysts at BuxoroTrade lowered their forecast on Monday.", [("ORG", "BuxoroTrade")],
         {"organisations": {"BuxoroTrade"}}),
        ("A government spokesman told Interfax the talks would resume in March.", [("ORG", "Interfax")],
         {"organisations": {"Interfax"}}),
    ],
)  # fmt: skip
def test_what_these_rules_leave_alone(annotate, text, spans, expect):
    assert _check(_run(annotate(text), spans), expect)
