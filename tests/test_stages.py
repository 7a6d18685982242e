"""The NER-based stages on the project's own sentences, through the real natasha / spaCy models."""

import pytest

from pipeline.extract.common import canonical_person, tidy_initials
from pipeline.extract.organisations import extract_organisations
from pipeline.extract.people import extract_people
from pipeline.extract.places import extract_places


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("З.Х", "З. Х."),
        ("Махмудов З.Х.", "Махмудов З. Х."),
        ("S.N. Zhaparov", "S. N. Zhaparov"),
        ("Анна Ли", "Анна Ли"),
    ],
)
def test_tidy_initials(raw, expected):
    assert tidy_initials(raw) == expected


def test_canonical_person_puts_initials_first():
    assert canonical_person("Махмудов З. Х.") == "З. Х. Махмудов"
    assert canonical_person("Бакыт Джусупов") == "Бакыт Джусупов"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "В Бишкеке прошла встреча с министром Азизом Рахимовым и Марией Ивановой.",
            ["Азиз Рахимов", "Мария Иванова"],
        ),
        ("Встреча с Тойлыбаевой Ш.С. прошла в Алматы.", ["Ш. С. Тойлыбаева"]),
        (
            "Поручение Чингиса Аринова выполнено, Нурия Кутнаева и Ли Йонг выступили.",
            ["Чингис Аринов", "Нурия Кутнаева", "Ли Йонг"],
        ),
        ("Встреча с Азизом Абдухакимовым и Ли Йонгом.", ["Азиз Абдухакимов", "Ли Йонг"]),
        ("Депутат Гульнара Асанова отметила, что в селе не хватает учителей.", ["Гульнара Асанова"]),
        # the name takes the case of the position it follows (name.position_case), not of "офиса"
        ("Доклад представила директор офиса Тойлыбаева Ш.С.", ["Ш. С. Тойлыбаева"]),
        ("The memorandum was signed by Executive Director Daniyar Seitkali in Almaty.", ["Daniyar Seitkali"]),
    ],
)
def test_people(annotate, text, expected):
    from pipeline.extract.repairs import repair_spans

    assert [m.normal for m in extract_people(repair_spans(annotate(text)))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Министры Казахстана и Кыргызской Республики встретились в Бишкеке на берегу Иссык-Куля.",
            [("Казахстан", "country", "KZ"), ("Кыргызстан", "country", "KG"), ("Бишкек", "city", "KG"),
             ("Иссык-Куль", "natural", "KG")],
        ),
        (
            "ALMATY, 3 March 2025 - The presidents of Uzbekistan and Kazakhstan discussed water in Central Asia.",
            [("Almaty", "city", "KZ"), ("Uzbekistan", "country", "UZ"), ("Kazakhstan", "country", "KZ"),
             ("Central Asia", "region", None)],
        ),
    ],
)  # fmt: skip
def test_places(annotate, text, expected):
    from pipeline.extract.repairs import repair_spans

    found = [
        (m.attrs.get("canonical") or m.normal, m.attrs["kind"], m.attrs["country"])
        for m in extract_places(repair_spans(annotate(text)))
    ]
    assert found == expected


def test_organisations_with_abbreviation_and_without_share_buttons(annotate):
    text = (
        "Брифинг провело Международное агентство по атомной энергии (МАГАТЭ) вместе с ПРООН.\nVK OK Telegram"
    )
    found = [(m.normal, m.attrs["abbreviation"]) for m in extract_organisations(annotate(text))]
    assert ("Международное агентство по атомной энергии", "МАГАТЭ") in found
    assert not any("VK" in name or "Telegram" in name for name, _ in found)


def _documents(annotated):
    from pipeline.extract import extract_all

    extraction = extract_all(annotated)
    return [(r.type, r.status) for r, _ in extraction.documents], extraction


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Вчера в Худжанде был подписан Меморандум с ЮНИСЕФ.", [("memorandum", "signed")]),
        (
            "Сенаторы ратифицировали Соглашение между Таджикистаном и Монголией.",
            [("agreement", "ratified")],
        ),
        (
            "Участники форума приняли резолюцию и декларацию.",
            [("resolution", "adopted"), ("declaration", "adopted")],
        ),
        ("Стороны утвердили дорожную карту сотрудничества.", [("roadmap", "adopted")]),
        ("Подписание протокола планируется в следующем году.", [("protocol", "planned")]),
        ("В заседании приняли участие секретариаты трёх региональных конвенций.", []),
        ("The two countries signed a memorandum of understanding on water.", [("memorandum", "signed")]),
        ("The ministers adopted a joint statement on climate.", [("statement", "adopted")]),
        ("The parties will sign an agreement next year.", [("agreement", "planned")]),
        ("The agreement of 2013 remains in force.", []),
    ],
)
def test_documents(annotate, text, expected):
    assert _documents(annotate(text))[0] == expected


def test_document_attributes_and_one_record_for_headline_and_lead(annotate):
    text = (
        "В Душанбе подписан меморандум о сотрудничестве\n\n"
        "15 мая 2025 года в Душанбе представители ПРООН и ЮНЕСКО подписали Меморандум № 7 о сотрудничестве."
    )
    found, extraction = _documents(annotate(text))
    assert found == [("memorandum", "signed")]
    [(record, _)] = extraction.documents
    assert record.date == "2025-05-15" and record.place == "Душанбе" and record.number == "7"
    assert record.parties == ("ПРООН", "ЮНЕСКО")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("«Газпром»", "Газпром"),
        ('ОАО "Военторг"', 'ОАО "Военторг"'),
        ("Региональный центр (РЭЦЦА)", "Региональный центр (РЭЦЦА)"),
        ("ЮНИДО Л.Йонга\n\n3570", "ЮНИДО Л.Йонга"),
        ("Махмудов З.Х.,", "Махмудов З.Х."),
        ("AMR Corp. ,", "AMR Corp."),
        ("William Clay Ford Jr.", "William Clay Ford Jr."),
        ("the ministry.", "the ministry"),
    ],
)
def test_trim_span(text, expected):
    from pipeline.extract.common import trim_span

    start, stop = trim_span(text, 0, len(text))
    assert text[start:stop] == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("ALMATY, 3 March 2025 - The ministers met.", "ALMATY", True),
        ("The delegation traveled to Shiraz on Monday.", "Shiraz", True),
        ("Делегация прибыла в Бишкек.", "Бишкек", True),
        ("Kazakhstan signed the deal.", "Kazakhstan", True),
        ("Leeds beat Arsenal 2-0.", "Leeds", False),
        ("DETROIT 4 Toronto 3", "DETROIT", False),
        ("Газпром подписал контракт.", "Газпром", False),
    ],
)
def test_is_misfiled_place(text, name, expected):
    from pipeline.extract.common import is_misfiled_place
    from pipeline.keys import has_cyrillic

    start = text.index(name)
    lang = "ru" if has_cyrillic(text) else "en"
    assert is_misfiled_place(lang, text, start, start + len(name), name) is expected


def test_place_span_beginning_with_an_organisation(annotate):
    from dataclasses import replace

    from pipeline.article import NerSpan
    from pipeline.extract.repairs import repair_spans

    text = "Делегация Олий Мажлиса Республики Узбекистан прибыла вчера."
    start, stop = text.index("Олий"), text.index(" прибыла")
    span = NerSpan(start, stop, "LOC", text[start:stop], text[start:stop])
    repaired = {(s.type, s.text) for s in repair_spans(replace(annotate(text), spans=(span,))).spans}
    assert repaired == {("LOC", "Республики Узбекистан"), ("ORG", "Олий Мажлиса Республики Узбекистан")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title before a name
        ("Торага Алмаз Жумабеков провёл встречу с послом Турции.", {("PER", "Алмаз Жумабеков")}),
        # a patronymic particle
        ("Депутат Аида Исатбек кызы выступила на форуме.", {("PER", "Аида Исатбек кызы")}),
    ],
)  # fmt: skip
def test_span_repairs(annotate, text, expected):
    from pipeline.extract.repairs import repair_spans

    repaired = {(s.type, s.text) for s in repair_spans(annotate(text)).spans}
    assert expected <= repaired


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        ("Правительство одобрило план, а СМИ сообщили об этом. ПРООН поддержала проект.", {"ПРООН"},
         {"Правительство", "СМИ"}),
        ("The Kazakh side and the Ministry of Roads, Housing, and Urban Development signed an MOU.",
         {"Ministry of Roads, Housing, and Urban Development"}, {"Kazakh", "MOU", "Urban Development"}),
    ],
)  # fmt: skip
def test_organisation_filters_and_joins(annotate, text, kept, dropped):
    from pipeline.extract import extract_all

    names = {m.normal for m in extract_all(annotate(text)).organisations}
    assert kept <= names and not (dropped & names)


def test_known_organisations_share_one_id_across_languages():
    from pipeline.article import Mention
    from pipeline.extract import Extraction
    from pipeline.gazetteer import lookup_organisation
    from pipeline.merge import merge_article

    def org(name):
        return Mention(
            "organisation",
            0,
            len(name),
            name,
            name,
            {"abbreviation": None, "known": lookup_organisation(name)},
        )

    def extraction(*names):
        return Extraction(None, (), (), tuple(org(n) for n in names), (), ())

    [ru] = merge_article(extraction("ПРООН", "Программа развития ООН"), lang="ru")[0]
    [en] = merge_article(extraction("UNDP"), lang="en")[0]
    assert ru.entity_id == en.entity_id
    assert ru.name == "Программа развития ООН" and "ПРООН" in ru.aliases
    assert en.name == "United Nations Development Programme"


def test_dateline_glued_to_a_name_is_cut(annotate):
    from dataclasses import replace

    from pipeline.article import NerSpan
    from pipeline.extract.repairs import repair_spans

    text = "TEHRAN - Uzbek Parliament Speaker arrived in Isfahan."
    span = NerSpan(0, 25, "ORG", text[:25], text[:25])
    [repaired] = [s for s in repair_spans(replace(annotate(text), spans=(span,))).spans if s.type == "ORG"]
    assert repaired.text == "Uzbek Parliament"


def test_organisation_span_of_place_names_becomes_places(annotate):
    from dataclasses import replace

    from pipeline.article import NerSpan
    from pipeline.extract.repairs import repair_spans

    text = "Flights between Tehran Dushanbe resumed."
    start = text.index("Tehran")
    span = NerSpan(start, start + 15, "ORG", "Tehran Dushanbe", "Tehran Dushanbe")
    repaired = {(s.type, s.text) for s in repair_spans(replace(annotate(text), spans=(span,))).spans}
    assert repaired == {("LOC", "Tehran"), ("LOC", "Dushanbe")}


def test_person_swallowed_by_an_organisation_span_is_not_an_organisation(annotate):
    from pipeline.article import Mention
    from pipeline.extract.organisations import is_not_organisation

    annotated = annotate("The President of Mongolia Ukhnaagiin Khurelsukh arrived.")
    person = Mention("person", 0, 0, "Ukhnaagiin Khurelsukh", "Ukhnaagiin Khurelsukh")
    swallowed = Mention(
        "organisation", 17, 47, "Mongolia Ukhnaagiin Khurelsukh", "Mongolia Ukhnaagiin Khurelsukh"
    )
    from pipeline.keys import name_key

    keys = {name_key(person.normal), "khurelsukh"}
    assert is_not_organisation(swallowed, annotated, keys)
