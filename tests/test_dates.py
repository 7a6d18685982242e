"""The dates stage: forms, values, years lent, relative dates, roles and non-dates, in both languages."""

import datetime as dt

import pytest

from pipeline import rules
from pipeline.extract.dates import bounds, extract_dates, publication_date, relative_value
from tests.conftest import bare

RU, EN = "ru", "en"

# (text, language, publication date, expected [(value, role)])
CASES = [
    # Russian: forms
    ("12 июня 2020 года состоялся брифинг.", RU, None, [("2020-06-12", "event")]),
    ("13-14 августа 2020 г. прошел семинар.", RU, None, [("2020-08-13/2020-08-14", "event")]),
    ("С 25 по 27 ноября 2026 года в Термезе работала выставка.", RU, None, [("2026-11-25/2026-11-27", "event")]),
    ("с 30 ноября по 2 декабря 2021 года", RU, None, [("2021-11-30/2021-12-02", "event")]),
    ("с 1 по 3 июля 2025 г. прошли консультации", RU, None, [("2025-07-01/2025-07-03", "event")]),
    ("1–3 июля 2025 года прошли консультации", RU, None, [("2025-07-01/2025-07-03", "event")]),
    ("Встреча прошла 25.12.2019.", RU, None, [("2019-12-25", "event")]),
    ("Встреча прошла 24.12.19 в Бишкеке.", RU, None, [("2019-12-24", "event")]),
    ("Программа на 2023–2027 годы принята.", RU, None, [("2023/2027", "other")]),
    ("В 2023-2024 гг. реализован проект.", RU, None, [("2023/2024", "other")]),
    ("в 2022 году", RU, None, [("2022", "other")]),
    ("Бюджет на 2025 год утвержден.", RU, None, [("2025", "other")]),
    ("в феврале 2024 года", RU, None, [("2024-02", "other")]),
    ("в январе–марте 2024 года", RU, None, [("2024-01/2024-03", "other")]),
    ("1 мая 2025 года и 9 мая 2025 года прошли встречи", RU, None, [("2025-05-01", "event"), ("2025-05-09", "other")]),
    ("29 февраля 2023 года", RU, None, []),  # no such day
    ("с 30 декабря по 2 января 2022 года", RU, None, [("2021-12-30/2022-01-02", "event")]),
    # Russian: a missing year
    ("Встреча пройдет 5 марта.", RU, "2024-02-20", [("2024-03-05", "event")]),
    ("25 декабря прошел форум.", RU, "2024-01-05", [("2023-12-25", "event")]),
    ("3 января пройдет форум.", RU, "2023-12-28", [("2024-01-03", "event")]),
    ("Встреча прошла 5 марта.", RU, None, []),  # no year anywhere: nothing invented
    (
        "3-8 октября 2022 года проходил кинофестиваль. В последний день фестиваля, 7 октября, жюри назвало победителей.",
        RU,
        None,
        [("2022-10-03/2022-10-08", "event"), ("2022-10-07", "other")],
    ),
    ("31 января 2023 года подписали соглашение, а 5 февраля его ратифицировали.", RU, None,
     [("2023-01-31", "event"), ("2023-02-05", "other")]),
    ("Сегодня, 3 мая, рассмотрен Закон от 7 декабря 2022 года.", RU, None, [("2022-12-07", "other")]),
    ("Сегодня, 3 мая, рассмотрен Закон от 7 декабря 2022 года.", RU, "2023-05-03",
     [("2023-05-03", "event"), ("2022-12-07", "other")]),
    ("Встреча прошла 5 марта, а в 2021 году был подписан договор.", RU, None, [("2021", "other")]),
    ("По состоянию на 12 марта этого года запасы воды составили 8,1 млрд кубометров.", RU, "2023-03-20",
     [("2023-03-12", "event")]),
    ("По состоянию на 12 марта прошлого года запасы воды составили 8,1 млрд кубометров.", RU, "2023-01-20",
     [("2022-03-12", "event")]),
    ("Встреча пройдет в конце марта.", RU, "2024-02-20", [("2024-03", "other")]),
    # Russian: relative, resolved against the publication date only
    ("Вчера министры встретились.", RU, "2024-02-20", [("2024-02-19", "event")]),
    ("Вчера министры встретились.", RU, None, []),
    ("Сегодня стороны подписали меморандум.", RU, "2024-02-20", [("2024-02-20", "event")]),
    ("Завтра откроется форум.", RU, "2024-02-20", [("2024-02-21", "event")]),
    ("На прошлой неделе прошли переговоры.", RU, "2024-02-21", [("2024-02-12/2024-02-18", "event")]),
    ("На этой неделе пройдут переговоры.", RU, "2024-02-21", [("2024-02-19/2024-02-25", "event")]),
    ("В прошлом году объем торговли вырос.", RU, "2024-02-20", [("2023", "other")]),
    ("В следующем году пройдет саммит.", RU, "2024-02-20", [("2025", "other")]),
    ("В этом месяце начнется строительство.", RU, "2024-02-20", [("2024-02", "other")]),
    ("В понедельник министры подписали меморандум.", RU, "2024-02-21", [("2024-02-19", "event")]),
    ("Во вторник министры подписали меморандум.", RU, "2024-02-21", [("2024-02-20", "event")]),
    ("В прошлом году объем торговли вырос.", RU, None, []),
    # Russian: roles of dates that are not the event
    ("Документ от 25.12.2019 утвержден.", RU, None, [("2019-12-25", "other")]),
    ("до 15 июня 2023 года необходимо принять меры", RU, None, [("2023-06-15", "other")]),
    ("Соглашение, подписанное 31 января 2023 года в Бишкеке, ратифицировано.", RU, None, [("2023-01-31", "other")]),
    ("Рассмотрен законопроект «О ратификации Соглашения, подписанного 31 января 2023 года».", RU, None,
     [("2023-01-31", "other")]),
    ("Бишкек, 24.12.19. /Кабар/. Министры встретились.", RU, None, [("2019-12-24", "published")]),
    ("АСТАНА, 5 марта 2024. /Казинформ/ - Министры встретились.", RU, None, [("2024-03-05", "published")]),
    # Russian: not dates
    ("Саммит РЭС-2026 пройдет в Астане.", RU, None, []),
    ("пандемия COVID-19 и резолюция A/RES/77/172", RU, None, []),
    ("в течение 12-18 месяцев", RU, None, []),
    ("Тел.: +996 (312) 62-32-14, начало в 10:30.", RU, None, []),
    ("Ему исполнилось 45 лет, бюджет 2 500 000 долларов.", RU, None, []),
    ("Стратегия «Казахстан-2050» принята.", RU, None, []),
    ("Программа «Цифровой Казахстан 2025» запущена.", RU, None, []),
    ("Совещание началось в 12 часов 30 минут.", RU, None, []),
    ("3 из 5 стран поддержали резолюцию", RU, None, []),
    ("согласно пункту 12.3 соглашения", RU, None, []),
    # English: forms
    ("On January 19–21, 2023, the conference was held.", EN, None, [("2023-01-19/2023-01-21", "event")]),
    ("19-21 January 2023 the conference was held", EN, None, [("2023-01-19/2023-01-21", "event")]),
    ("December 16, 2021 saw the vote", EN, None, [("2021-12-16", "event")]),
    ("30 November to 2 December 2021", EN, None, [("2021-11-30/2021-12-02", "event")]),
    ("March 5 and 6, 2024", EN, None, [("2024-03-05/2024-03-06", "event")]),
    ("Sept. 12, 2020 was the day", EN, None, [("2020-09-12", "event")]),
    ("the 12th of June 2020", EN, None, [("2020-06-12", "event")]),
    ("The report is dated 2024-03-05.", EN, None, [("2024-03-05", "other")]),
    ("The meeting took place on 2024-03-05.", EN, None, [("2024-03-05", "event")]),
    ("The 2016-2017 programme", EN, None, [("2016/2017", "other")]),
    ("In 2022, trade grew.", EN, None, [("2022", "other")]),
    ("the year 2022 was difficult", EN, None, [("2022", "other")]),
    ("in March 2024 the talks resumed", EN, None, [("2024-03", "other")]),
    ("since January 2017", EN, None, [("2017-01", "other")]),
    ("early December 2019", EN, None, [("2019-12", "other")]),
    ("The agreement signed on 5 March 2024 in Astana", EN, None, [("2024-03-05", "event")]),
    ("the UN resolution A/RES/74/270 of April 2, 2020", EN, None, [("2020-04-02", "other")]),
    ("by 2030 the plan will be complete", EN, None, [("2030", "other")]),
    # English: a missing year, relative dates
    ("from 3 to 5 May", EN, "2024-04-01", [("2024-05-03/2024-05-05", "event")]),
    ("on 3 May", EN, "2023-06-10", [("2023-05-03", "event")]),
    ("June 12th", EN, "2020-06-20", [("2020-06-12", "event")]),
    ("on 3 May", EN, None, []),
    ("yesterday the ministers met", EN, "2023-06-10", [("2023-06-09", "event")]),
    ("Today, the ministers met", EN, "2023-06-10", [("2023-06-10", "event")]),
    ("last week the talks ended", EN, "2024-02-21", [("2024-02-12/2024-02-18", "event")]),
    ("last year the trade grew", EN, "2024-02-21", [("2023", "other")]),
    ("next month the talks resume", EN, "2024-02-21", [("2024-03", "other")]),
    ("On Monday the presidents met.", EN, "2024-02-21", [("2024-02-19", "event")]),
    ("Last June the presidents met.", EN, "2024-02-21", [("2023-06", "other")]),
    ("Next June the presidents will meet.", EN, "2024-02-21", [("2024-06", "other")]),
    ("four years ago the treaty was signed", EN, "2024-02-21", [("2020", "other")]),
    ("два дня назад министры встретились", RU, "2024-02-21", [("2024-02-19", "event")]),
    ("in early 2011 the talks began", EN, None, [("2011", "other")]),
    ("flu peaked by the end of the year", EN, "2013-03-22", [("2013", "other")]),
    ("the budget for this fiscal year", EN, "2013-03-22", [("2013", "other")]),
    ("Проект завершат до конца года.", RU, "2013-03-22", [("2013", "other")]),
    ("the 1957 treaty on the Antarctic", EN, None, [("1957", "other")]),
    ("Agenda 2030 and Expo 2017 were discussed by 2000 students", EN, None, []),
    ("in December the talks began", EN, "2024-02-21", [("2023-12", "other")]),
    ("in August the talks began", EN, "2013-03-22", [("2012-08", "other")]),  # news reports the past
    ("The summit will be held in August.", EN, "2013-03-22", [("2013-08", "other")]),
    ("The ministers will meet on Wednesday.", EN, "2006-03-28", [("2006-03-29", "event")]),
    ("Саммит пройдет в среду.", RU, "2006-03-28", [("2006-03-29", "event")]),
    ("yesterday the ministers met", EN, None, []),
    # English: not dates
    ("Agenda 2030 for Sustainable Development", EN, None, []),
    ("for three years, at 10:30, call +1 202 555 0147", EN, None, []),
    ("COVID-19 vaccines arrived", EN, None, []),
    ("a 12-18 month programme", EN, None, []),
    ("The ministers may 5 times meet", EN, None, []),
    ("Boeing 737 MAX jets", EN, None, []),
    ("He is 45 years old and earns $2,500", EN, None, []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "lang", "published", "expected"), CASES)
def test_extract_dates(text, lang, published, expected):
    mentions = extract_dates(bare(text, lang=lang, published=published), published=published)
    assert [(m.attrs["value"], m.attrs["role"]) for m in mentions if m.attrs["value"]] == expected


@pytest.mark.parametrize(
    ("text", "lang", "normals"),
    [
        ("Встреча прошла 5 марта.", RU, ["XXXX-03-05"]),
        ("Встреча прошла в марте.", RU, ["XXXX-03"]),
        ("В понедельник министры встретились.", RU, ["XXXX-WXX-1"]),
        ("Сейчас идут переговоры, вчера их не было.", RU, ["PRESENT_REF"]),
        ("The talks are now in progress; on 3 May they began.", EN, ["PRESENT_REF", "XXXX-05-03"]),
        ("12 марта этого года запасы воды выросли.", RU, ["XXXX-03-12"]),
    ],
)
def test_unanchored_dates_are_mentions_without_value(text, lang, normals):
    mentions = list(extract_dates(bare(text, lang=lang), published=None))
    assert [m.normal for m in mentions] == normals
    assert all(m.attrs["value"] is None for m in mentions)


def test_enough_cases_in_both_languages():
    assert len(CASES) >= 80
    assert (
        sum(lang == RU for _, lang, _, _ in CASES) >= 30 and sum(lang == EN for _, lang, _, _ in CASES) >= 30
    )


def test_date_attributes():
    [m] = extract_dates(bare("с 30 ноября по 2 декабря 2021 года"), published=None)
    assert (m.attrs["start_date"], m.attrs["end_date"], m.attrs["precision"]) == (
        "2021-11-30",
        "2021-12-02",
        "day",
    )
    [m] = extract_dates(bare("в феврале 2024 года"), published=None)
    assert (m.attrs["start_date"], m.attrs["end_date"], m.attrs["precision"]) == (
        "2024-02-01",
        "2024-02-29",
        "month",
    )
    assert m.text == "феврале 2024 года"
    [m] = extract_dates(bare("in 2022", lang=EN), published=None)
    assert m.text == "2022"  # the preposition is not part of the date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024", ("2024-01-01", "2024-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2023/2027", ("2023-01-01", "2027-12-31")),
        ("2024-01/2024-03", ("2024-01-01", "2024-03-31")),
        ("2020-08-13/2020-08-14", ("2020-08-13", "2020-08-14")),
    ],
)
def test_bounds(value, expected):
    assert bounds(value) == expected


def test_relative_value():
    import datetime as dt

    wednesday = dt.date(2024, 2, 21)
    assert relative_value(("weekday", 2), wednesday) == "2024-02-21"  # "в среду" on a Wednesday
    assert relative_value(("weekday", 4), wednesday) == "2024-02-16"  # the last Friday
    assert relative_value(("month", -2), dt.date(2024, 1, 10)) == "2023-11"


def test_event_is_in_the_headline_or_lead():
    text = (
        "Министры встретились в Бишкеке\n\n"
        "Встреча прошла 14 мая 2025 года.\n\n"
        "Прошлое соглашение было подписано 3 марта 2019 года.\n\n"
        "Следующая встреча пройдет 20 сентября 2025 года."
    )
    roles = [(m.attrs["value"], m.attrs["role"]) for m in extract_dates(bare(text), published=None)]
    assert roles == [("2025-05-14", "event"), ("2019-03-03", "other"), ("2025-09-20", "other")]


def test_publication_line_gives_published_role():
    text = "Заголовок\n\nДата публикации: 13 августа 2020\n\n13-14 августа 2020 г. прошел семинар."
    annotated = bare(text)
    published = publication_date(annotated)
    assert published == "2020-08-13"
    roles = [(m.attrs["value"], m.attrs["role"]) for m in extract_dates(annotated, published=published)]
    assert roles == [("2020-08-13", "published"), ("2020-08-13/2020-08-14", "event")]


@pytest.mark.parametrize(
    ("text", "lang", "metadata", "expected"),
    [
        ("Текст.", RU, "2024-03-05T10:00:00+05:00", "2024-03-05"),
        ("Text.", EN, "March 5, 2024", "2024-03-05"),
        ("Заголовок\n\nБишкек, 24.12.19. /Кабар/. Министры встретились.", RU, None, "2019-12-24"),
        ("Headline\n\nALMATY, 3 March 2025 - The ministers met.", EN, None, "2025-03-03"),
        ("Headline\n\nPublished: 3 March 2025\n\nText.", EN, None, "2025-03-03"),
        ("Заголовок\n\nАСТАНА, 5 марта. /Казинформ/ - Министры встретились.", RU, None, None),  # no year
        ("Заголовок\n\nМинистры встретились 5 марта 2025 года.", RU, None, None),
    ],
)
def test_publication_date(text, lang, metadata, expected):
    assert publication_date(bare(text, lang=lang, published=metadata)) == expected


# --- decades, centuries, seasons; background; an event dated without a value; anchors -------------

# (text, language, publication date, expected [(value, precision)]), each failing without `date.periods`
PERIODS = [
    ("Здание построили в 80-е годы.", RU, None, [("1980/1989", "decade")]),
    ("С конца 1970-х годов город рос.", RU, None, [("1970/1979", "decade")]),
    ("Памятник поставлен в XIX веке.", RU, None, [("1801/1900", "century")]),
    ("Осенью 2021 года открылся мост.", RU, None, [("2021-09/2021-11", "month")]),
    ("Зимой 2020 года выпал снег.", RU, None, [("2020-12/2021-02", "month")]),
    ("The canal was dug in the 1960s.", EN, None, [("1960/1969", "decade")]),
    ("Trade grew in the early 2000s.", EN, None, [("2000/2009", "decade")]),
    ("The road dates from the 18th century.", EN, None, [("1701/1800", "century")]),
    ("The bridge opened in the spring of 2019.", EN, None, [("2019-03/2019-05", "month")]),
]


@pytest.mark.parametrize(("text", "lang", "published", "expected"), PERIODS)
def test_periods(text, lang, published, expected):
    def found():
        mentions = extract_dates(bare(text, lang=lang, published=published), published=published)
        return [(m.attrs["value"], m.attrs["precision"]) for m in mentions if m.attrs["value"]]

    assert found() == expected
    with rules.disabled({"date.periods"}):
        assert found() != expected


# (text, language, publication date, expected [(value, role)]): the event slot is kept by a day the
# lead dates without a value; each fails without `date.unresolved_event`
UNRESOLVED_EVENT = [
    (
        "Сегодня, 4 июня, в Хороге открылась ярмарка, а 12 мая 2023 года прошел семинар.",
        RU,
        None,
        [("2023-05-12", "other")],
    ),
    (
        "On Tuesday the mayors met in Khorog; on 12 May 2023 the experts gathered in Osh.",
        EN,
        None,
        [("2023-05-12", "other")],
    ),
]


@pytest.mark.parametrize(("text", "lang", "published", "expected"), UNRESOLVED_EVENT)
def test_an_event_without_value_keeps_the_slot(text, lang, published, expected):
    def found():
        mentions = extract_dates(bare(text, lang=lang, published=published), published=published)
        return [(m.attrs["value"], m.attrs["role"]) for m in mentions if m.attrs["value"]]

    assert found() == expected
    with rules.disabled({"date.unresolved_event"}):
        assert found() != expected


# (text, language): the lead's first day is background, the event is the next one; each fails
# without `date.background`
BACKGROUND = [
    (
        "Напомним, 3 марта 2023 года стороны подписали меморандум. 14 мая 2023 года министры встретились в Оше.",
        RU,
    ),
    ("Фонд был основан 3 марта 2023 года. 14 мая 2023 года министры встретились в Оше.", RU),
    ("Ассоциация, созданная 3 марта 2023 года, провела 14 мая 2023 года съезд в Оше.", RU),
    (
        "It is worth recalling that on 3 March 2023 the sides signed a memorandum. On 14 May 2023 the ministers met in Osh.",
        EN,
    ),
    ("The fund was established on 3 March 2023. On 14 May 2023 the ministers met in Osh.", EN),
    ("The ministers discussed the agreement signed on 3 March 2023 and met again on 14 May 2023 in Osh.", EN),
]


@pytest.mark.parametrize(("text", "lang"), BACKGROUND)
def test_background_dates_are_never_the_event(annotate, text, lang):
    annotated = annotate(text, lang=lang)

    def roles():
        return {m.attrs["value"]: m.attrs["role"] for m in extract_dates(annotated) if m.attrs["value"]}

    expected = {"2023-03-03": "other", "2023-05-14": "event"}
    assert roles() == expected
    with rules.disabled({"date.background"}):
        assert roles() != expected


# (text, language, publication date, expected [(value, anchor)])
ANCHORS = [
    ("Встреча прошла 5 марта.", RU, "2024-03-20", [("2024-03-05", "published")]),
    ("Вчера министры встретились.", RU, "2024-02-20", [("2024-02-19", "published")]),
    (
        "12 мая 2023 года прошел форум, а 14 мая — выставка.",
        RU,
        None,
        [("2023-05-12", None), ("2023-05-14", "text")],
    ),
    (
        "The forum opened on May 12, 2023 and closed on May 14.",
        EN,
        None,
        [("2023-05-12", None), ("2023-05-14", "text")],
    ),
    ("The forum closed on May 14.", EN, None, []),  # no anchor, no row
]


@pytest.mark.parametrize(("text", "lang", "published", "expected"), ANCHORS)
def test_anchors(text, lang, published, expected):
    mentions = extract_dates(bare(text, lang=lang, published=published), published=published)
    assert [(m.attrs["value"], m.attrs["anchor"]) for m in mentions if m.attrs["value"]] == expected


@pytest.mark.parametrize(
    ("value", "precision", "timex"),
    [
        ("1990/1999", "decade", "199"),
        ("2001/2100", "century", "20"),
        ("2024-02-12/2024-02-18", "day", "2024-W07"),
        ("2023-06/2023-08", "month", "2023-SU"),
        ("2022-12/2023-02", "month", "2022-WI"),
        ("2024-02-13/2024-02-18", "day", "2024-02-13/2024-02-18"),
    ],
)
def test_timex_value(value, precision, timex):
    from pipeline.extract.date_values import timex_value

    assert timex_value(value, precision) == timex


def test_a_weekday_of_a_future_sentence_may_be_the_publication_day():
    assert relative_value(("weekday", 3), dt.date(2024, 2, 22), future=True) == "2024-02-22"  # Thursday


# (text, language, publication date, expected [(value, role)], the rule without which it fails): a
# year written before does not reach a date without one across a relative year or out of background
YEAR_LENDING = [
    ("В 2019 году товарооборот снизился. В этом году министры снова встретились 23 мая в Хиве.", RU, None,
     [("2019", "other")], "date.relative_year_reference"),
    ("Exports fell in 2019. This year the two ministers met again on May 23 in Khiva.", EN, None,
     [("2019", "other")], "date.relative_year_reference"),
    ("Напомним, ещё в сентябре 2015 года стороны подписали меморандум. Следующий форум пройдёт 14-15 апреля в Хиве.",
     RU, None, [("2015-09", "other")], "date.background_lends_no_year"),
    ("It is worth recalling that in September 2015 the sides signed a memorandum. The next forum is due on "
     "April 14-15 in Khiva.", EN, None, [("2015-09", "other")], "date.background_lends_no_year"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "lang", "published", "expected", "rule"), YEAR_LENDING)
def test_years_are_lent_only_by_the_time_spoken_of(text, lang, published, expected, rule):
    _check_values_and_roles_with_rule(text, lang, published, expected, rule)


def _check_values_and_roles_with_rule(text, lang, published, expected, rule):
    """The dates' (value, role) are `expected` with every rule on, and differ with `rule` off."""

    def found():
        mentions = extract_dates(bare(text, lang=lang, published=published), published=published)
        return [(m.attrs["value"], m.attrs["role"]) for m in mentions if m.attrs["value"]]

    assert found() == expected
    with rules.disabled({rule}):
        assert found() != expected


# --- parts of a month or a year; history; periods; spans --------------------------------------

# (text, language, publication date, expected (value, start_date, end_date)): "early", "mid",
# "late", "в начале", "в середине", "в конце", "the end of" name a third of a month (days 1-10,
# 11-20, 21 to the end) or of a year (four months each); each fails without `date.period_part`
PERIOD_PARTS = [
    ("The talks will resume in early June 2024.", EN, None, ("2024-06", "2024-06-01", "2024-06-10")),
    ("The harvest peaked in mid-June.", EN, "2024-07-02", ("2024-06", "2024-06-11", "2024-06-20")),
    ("Prices fell in late February 2024.", EN, None, ("2024-02", "2024-02-21", "2024-02-29")),
    ("By the end of May 2025 the road will be finished.", EN, None, ("2025-05", "2025-05-21", "2025-05-31")),
    ("Tariffs change at the start of 2026.", EN, None, ("2026", "2026-01-01", "2026-04-30")),
    ("В начале июня 2024 года откроется мост.", RU, None, ("2024-06", "2024-06-01", "2024-06-10")),
    ("В середине октября 2023 года прошел фестиваль.", RU, None, ("2023-10", "2023-10-11", "2023-10-20")),
    ("В конце 2025 года завершится стройка.", RU, None, ("2025", "2025-09-01", "2025-12-31")),
    ("В конце февраля фермеры начали сев.", RU, "2024-03-10", ("2024-02", "2024-02-21", "2024-02-29")),
]


@pytest.mark.parametrize(("text", "lang", "published", "expected"), PERIOD_PARTS)
def test_parts_of_a_month_or_year_are_documented_intervals(text, lang, published, expected):
    def found():
        mentions = extract_dates(bare(text, lang=lang, published=published), published=published)
        return [
            (m.attrs["value"], m.attrs["start_date"], m.attrs["end_date"])
            for m in mentions
            if m.attrs["value"]
        ]

    assert found() == [expected]
    with rules.disabled({"date.period_part"}):
        assert found() != [expected]


# (text, language, publication date, expected [(value, role)], the rule without which it fails): a
# day long before the time of writing is history, a span of weeks is a period: neither is the event
NOT_THE_EVENT = [
    ("On 14-16 April 2009 the governor first visited Naryn. On 2 June 2023 he opened a school there.", EN, None,
     [("2009-04-14/2009-04-16", "other"), ("2023-06-02", "event")], "date.history_is_no_event"),
    ("5 марта 2019 года в Караколе открылся музей.", RU, "2023-08-01", [("2019-03-05", "other")],
     "date.history_is_no_event"),
    ("The museum in Karakol opened on 5 March 2019.", EN, "2023-08-01", [("2019-03-05", "other")],
     "date.history_is_no_event"),
    ("11 октября 2010 года губернатор впервые побывал в Нарыне, а 2 июня 2023 года открыл там школу.", RU, None,
     [("2010-10-11", "other"), ("2023-06-02", "event")], "date.history_is_no_event"),
    ("С 1 марта по 30 ноября 2024 года действует льготный тариф, а 3 апреля 2024 года министр посетил Ош.", RU,
     None, [("2024-03-01/2024-11-30", "other"), ("2024-04-03", "event")], "date.period_is_no_event"),
    ("The campaign runs from 1 March to 30 April 2024; on 12 March 2024 volunteers gathered in Talas.", EN, None,
     [("2024-03-01/2024-04-30", "other"), ("2024-03-12", "event")], "date.period_is_no_event"),
    ("Прием заявок продлится с 01.02.2025 по 28.02.2025.", RU, None, [("2025-02-01/2025-02-28", "other")],
     "date.period_is_no_event"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "lang", "published", "expected", "rule"), NOT_THE_EVENT)
def test_history_and_periods_are_never_the_event(text, lang, published, expected, rule):
    _check_values_and_roles_with_rule(text, lang, published, expected, rule)


# (text, language, expected [(value, role)]): spans of years, months and days in the forms news
# writes them (ordinals, "between … and …", numeric dates)
SPANS = [
    ("Проект реализовывался с 2016 по 2018 год.", RU, [("2016/2018", "other")]),
    ("Проект реализовывался с 2016-го по 2018-й год.", RU, [("2016/2018", "other")]),
    ("Между 2016 и 2018 годами урожай рос.", RU, [("2016/2018", "other")]),
    ("Ремонт шел с апреля по август 2022 года.", RU, [("2022-04/2022-08", "other")]),
    ("Ярмарка откроется 17-го сентября 2025 года.", RU, [("2025-09-17", "event")]),
    ("Прием заявок с 03.04.2025 по 07.04.2025.", RU, [("2025-04-03/2025-04-07", "event")]),
    ("Прием заявок 3-7.04.2025.", RU, [("2025-04-03/2025-04-07", "event")]),
    ("Exports grew between 2016 and 2018.", EN, [("2016/2018", "other")]),
    ("Exports grew from 2016 to 2018.", EN, [("2016/2018", "other")]),
    ("Exports grew in 2016-18.", EN, [("2016/2018", "other")]),
    ("The fair ran between October 2 and October 4, 2025.", EN, [("2025-10-02/2025-10-04", "event")]),
    ("Repairs lasted between April and August 2022.", EN, [("2022-04/2022-08", "other")]),
    ("Voting took place on 03.04.2025 in Osh.", EN, [("2025-04-03", "event")]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), SPANS)
def test_spans_of_years_months_and_days(text, lang, expected):
    mentions = extract_dates(bare(text, lang=lang))
    assert [(m.attrs["value"], m.attrs["role"]) for m in mentions if m.attrs["value"]] == expected


@pytest.mark.parametrize("text", ["The talks took place in June.", "The talks took place in mid-June."])
def test_a_full_month_name_leaves_the_full_stop(text):
    (mention,) = extract_dates(bare(text, lang=EN, published="2024-07-02"), published="2024-07-02")
    assert text[mention.start : mention.stop].endswith("June")
