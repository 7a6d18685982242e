"""Names NER cuts, splits, mistypes or misses, repaired (pipeline/extract/repairs/)
and merged into one entity per article (pipeline/merge.py). The sentences are the
project's own; each reproduces an error natasha or spaCy makes on it without the repair."""

from __future__ import annotations

import pytest

from pipeline import rules
from pipeline.extract import extract_all
from pipeline.merge import merge_article


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        # a body of a known international organisation: "Управления" + "ООН"; the phrase NER left
        # out before a known organisation ("Всемирной продовольственной программы" + "ООН")
        ("В Душанбе эксперты встретились с сотрудниками Управления ООН по координации гуманитарных вопросов "
         "и Всемирной продовольственной программы ООН.",
         {"Управление ООН по координации гуманитарных вопросов", "Всемирная продовольственная программа ООН"},
         {"ООН"}),
        # a coordinated part of the complement: "… Зелёного Полумесяца" + "и Голубого Креста"
        ("Антиалкогольный марафон прошёл при поддержке Международного союза обществ Зелёного Полумесяца и "
         "Голубого Креста.", {"Международный союз обществ Зелёного Полумесяца и Голубого Креста"},
         {"Голубой Крест"}),
        # the list of a "по" complement cut at its first comma
        ("Заместитель председателя Комитета по туризму, спорту, молодёжной политике и культуре ответил на "
         "вопросы журналистов.", {"Комитет по туризму, спорту, молодёжной политике и культуре"},
         {"Комитет по туризму"}),
        # the parent's abbreviation and the seat of an office
        ("Доклад подготовил Программный офис ОБСЕ в Душанбе совместно с Парламентской Ассамблеей ОБСЕ.",
         {"Программный офис ОБСЕ в Душанбе", "Парламентская Ассамблея ОБСЕ"}, {"Программный офис"}),
        # chains of abbreviations and a "по" phrase the parser hangs elsewhere
        ("С докладом выступил председатель Постоянной комиссии ПА ОДКБ по обороне и безопасности Олег Смирнов.",
         {"Постоянная комиссия ПА ОДКБ по обороне и безопасности"}, {"Постоянная комиссия"}),
        ("Средства выделены из Специального фонда учредителей ЕБРР.", {"Специальный фонд учредителей ЕБРР"},
         {"Специальный фонд учредителей"}),
        # an institution word governing a place: "Правительством" + "Республики Таджикистан"
        ("Соглашение между Правительством Республики Таджикистан и Правительством Королевства Нидерландов "
         "было одобрено.", {"Правительство Республики Таджикистан", "Правительство Королевства Нидерландов"},
         set()),
        # a quoted name NER closed before its closing quote
        ("Средства получит ОАО «Таджикская алюминиевая компания» в следующем году.",
         {"ОАО «Таджикская алюминиевая компания»"}, {"ОАО «Таджикская алюминиевая компания"}),
        # English: a minister's portfolio is no organisation; a name cut at its commas is joined, with the
        # country it is of
        ("The delegation was received by Uzbek Agriculture, Water Resources and Fisheries Minister Aziz "
         "Karimov in Tashkent.", set(), {"Uzbek Agriculture, Water Resources"}),
        ("Last week the university concluded a memorandum with the Ministry of Culture, Tourism, and Youth "
         "Policy of Uzbekistan.", {"Ministry of Culture, Tourism, and Youth Policy of Uzbekistan"},
         {"Tourism", "Ministry of Culture, Tourism"}),
        # English: a known organisation's name completed ("… Co-operation" + "in Europe"), an event dropped
        ("Observers from the Organization for Security and Co-operation in Europe and the CIS monitored the "
         "vote.", {"Organization for Security and Co-operation in Europe"},
         {"Organization for Security and Co-operation"}),
        ("The annual CIS Heads of Government Meeting will be held in Minsk.", set(),
         {"CIS Heads of Government Meeting"}),
        ("Photo credit: AK/TB Photo. The ministers discussed intra-CIS trade.", set(), {"AK/TB Photo", "intra-CIS"}),
    ],
)  # fmt: skip
def test_organisation_names_repaired(annotate, text, expected, not_expected):
    names = {m.normal for m in extract_all(annotate(text)).organisations}
    assert expected <= names, names
    assert not (not_expected & names), names


@pytest.mark.parametrize(
    ("text", "person", "not_organisation"),
    [
        ("The Rector of the Eurasian National University B.K. Sydykov opened the session.", "B. K. Sydykov",
         "Eurasian National University B.K. Sydykov"),
        ("In Almaty, the guests met with Marat Bekov, the regional governor.", "Marat Bekov", "Marat Bekov"),
    ],
)  # fmt: skip
def test_people_inside_or_instead_of_organisation_spans(annotate, text, person, not_organisation):
    extraction = extract_all(annotate(text))
    assert person in {m.normal for m in extraction.people}
    assert not_organisation not in {m.normal for m in extraction.organisations}


@pytest.mark.parametrize(
    ("text", "organisation", "not_person"),
    [
        # a body's head after a country is no person's surname: "[Korea] [Western Airlines]"
        ("Shares of Korea Western Airlines fell by four percent on Monday.", "Korea Western Airlines",
         "Western Airlines"),
        # a place's abbreviation before a body's head is no pair of initials: "U.S. Treasury"
        ("Officials of the U.S. Treasury declined to comment on the loan.", "U.S. Treasury", "U.S. Treasury"),
    ],
)  # fmt: skip
def test_companies_and_bodies_are_no_people(annotate, text, organisation, not_person):
    extraction = extract_all(annotate(text))
    assert not_person not in {m.normal for m in extraction.people}
    assert organisation in {m.normal for m in extraction.organisations}, extraction.organisations


def test_company_named_after_its_city_is_no_place(annotate):
    """A city tagged an organisation, in an article that names the company after it and never
    the city as a place, is the company: "Omsk" of "Omsk Tyres"."""
    text = (
        "Russia told Omsk Tyres to pay its taxes by March. Omsk officials declined to comment, and "
        "analysts said Omsk 's debts were large."
    )
    assert "Omsk" not in {m.normal for m in extract_all(annotate(text)).places}


def _organisation_names(annotated) -> list[tuple[str, tuple[str, ...]]]:
    extraction = extract_all(annotated)
    entities, _, _ = merge_article(extraction, lang=annotated.lang)
    return [(e.name, e.aliases) for e in entities if e.kind == "organisation"]


@pytest.mark.parametrize(
    ("text", "name", "alias"),
    [
        # a bare form joins the one fuller name: without its legal form, without the place at its end
        ("Средства получит ОАО «Памирская энергетическая компания», а затем Памирская энергетическая "
         "компания отчитается.", "ОАО «Памирская энергетическая компания»", "Памирская энергетическая компания"),
        ("Министерство юстиции Республики Казахстан сообщило, что Министерство юстиции подготовило поправки.",
         "Министерство юстиции Республики Казахстан", "Министерство юстиции"),
    ],
)  # fmt: skip
def test_bare_form_is_one_entity_with_the_full_name(annotate, text, name, alias):
    [(got, aliases)] = _organisation_names(annotate(text))
    assert got == name and alias in aliases


def test_bare_form_with_two_candidates_stays_apart(annotate):
    text = (
        "Министерство юстиции Республики Казахстан и Министерство юстиции Кыргызской Республики "
        "подписали протокол. Министерство юстиции сообщило об этом."
    )
    names = [name for name, _ in _organisation_names(annotate(text))]
    assert len(names) == 3 and "Министерство юстиции" in names


def test_reduced_form_joins_the_one_committee(annotate):
    text = (
        "Комитет Жогорку Кенеша поддержал поправки.\n\n"
        "Комитет по социальной политике, здравоохранению и труду обсудил поправки во вторник."
    )
    [(name, aliases)] = [
        (n, a) for n, a in _organisation_names(annotate(text)) if n != "Жогорку Кенеш Кыргызской Республики"
    ]
    assert name.startswith("Комитет по социальной политике") and "Комитет Жогорку Кенеша" in aliases


@pytest.mark.parametrize(
    ("text", "kind", "expected", "not_expected"),
    [
        # an English country the small spaCy model leaves untagged
        ("The ministers of Tajikistan and Iran met in Tehran; Tajikistan’s delegation was led by the minister.",
         "places", {"Tajikistan", "Iran"}, set()),
        # a union of states stays a place (as in the corpora)
        ("Депутаты обсудили законы Кыргызской Республики и нормы Европейского Союза.", "places",
         {"Кыргызская Республика", "Европейский Союз"}, set()),
        # two places in one span
        ("Встреча прошла в Чолпон-Ате Кыргызской Республики.", "places", {"Чолпон-Ата", "Кыргызская Республика"},
         {"Чолпон-Ата Кыргызской Республики"}),
        # a subject stays as written; an instrumental name the parser made a subject is normalised
        ("Депутат Гульнара Асанова отметила рост цен. Депутаты встретились с главой офиса Алексеем Роговым.",
         "people", {"Гульнара Асанова", "Алексей Рогов"}, {"Алексеем Роговым"}),
        # a state form alone before a place is part of its name, not a word to cut off
        ("Делегация из Казани прибыла в Республику Белоруссия на переговоры о зерне.", "places",
         {"Республика Белоруссия"}, {"Белоруссия"}),
        # a city glued before a name after "to" is cut off; "Martin" of a name is no city
        ("Martin Luther King Day was observed; the ambassador to Dushanbe Hamid Rezaei attended.", "people",
         {"Hamid Rezaei"}, {"Luther King Day"}),
    ],
)  # fmt: skip
def test_place_and_person_repairs(annotate, text, kind, expected, not_expected):
    names = {m.normal for m in getattr(extract_all(annotate(text)), kind)}
    assert expected <= names, names
    assert not (not_expected & names), names


def test_place_reading_as_an_institution_word_before_its_larger_place(annotate):
    """A place that reads as an institution word ("Суде" of Souda), followed by the larger place
    it lies in, stays a place (its normal form is the lemmatiser's)."""
    places = extract_all(annotate("Самолёты союзников размещены на аэродроме в Суде на Крите.")).places
    assert len(places) == 2, places


@pytest.mark.parametrize(
    ("rule", "text", "mention", "normal"),
    [
        # a straight quote left open is closed, as a typographic one is
        ("org.closing_quote", 'Контракт на поставку турбин получило ООО "Памир Энерджи Сервис" из Хорога.',
         'ООО "Памир Энерджи Сервис"', 'ООО "Памир Энерджи Сервис"'),
        # a capitalised lone institution word inside a sentence is the body named in full before
        ("org.anaphoric_short_name", "В понедельник Агентство по делам молодёжи Таджикистана объявило конкурс "
         "грантов. Заявки на участие Агентство принимает до конца месяца.", "Агентство",
         "Агентство по делам молодёжи Таджикистана"),
        ("org.anaphoric_short_name", "Депутаты обсудили отчёт Счётной палаты Киргизии. Председатель Палаты "
         "Бакыт Осмонов ответил на вопросы.", "Палаты", "Счётная палата Киргизии"),
        # the remit after a body's name belongs to the position with a remit before it
        ("org.remit_of_position", "Верховный комиссар Совета Европы по правам меньшинств прибыл в Ташкент.",
         "Совета Европы", "Совет Европы"),
        ("org.remit_of_position", "Комиссар Совета Европы по правам человека посетил Бишкек.",
         "Совета Европы", "Совет Европы"),
        # a body named with a gathering word that has a secretary-general, a seat or a charter
        ("org.standing_body", "Генеральным секретарём Форума стран-производителей хлопка (ФСПХ) избран "
         "представитель Узбекистана.", "Форума стран-производителей хлопка (ФСПХ)",
         "Форум стран-производителей хлопка"),
        ("org.standing_body", "Министры подписали устав Форума прикаспийских государств в Баку.",
         "Форума прикаспийских государств", "Форум прикаспийских государств"),
    ],
)  # fmt: skip
def test_organisation_mentions_by_rule(annotate, rule, text, mention, normal):
    """Each row holds with its rule on and fails with it off."""
    annotated = annotate(text)
    found = {(m.text, m.normal) for m in extract_all(annotated).organisations}
    assert (mention, normal) in found, found
    with rules.disabled({rule}):
        assert (mention, normal) not in {(m.text, m.normal) for m in extract_all(annotated).organisations}


@pytest.mark.parametrize(
    "text",
    [
        # no full name before: a lone institution word names no one body
        "Заявки на участие Агентство принимает до конца месяца.",
        # a gathering with guests, no charter, seat or secretary-general: an event
        "Форум молодых предпринимателей Центральной Азии прошёл в Бишкеке, его посетили сотни гостей.",
    ],
)
def test_no_organisation_without_antecedent_or_standing(annotate, text):
    assert not list(extract_all(annotate(text)).organisations)


def test_remit_of_a_body_after_a_position_without_remit(annotate):
    """A chairman has no remit of his own: the "по" phrase is the committee's."""
    text = "Председатель Комитета Сената по обороне и безопасности выступил с докладом."
    names = {m.normal for m in extract_all(annotate(text)).organisations}
    assert "Комитет Сената по обороне и безопасности" in names, names
