import pytest

from pipeline.extract.dates import extract_dates, publication_date
from tests.conftest import bare

# (text, language, publication date, expected [(value, role)])
CASES = [
    ("12 июня 2020 года состоялся брифинг.", "ru", None, [("2020-06-12", "event")]),
    ("13-14 августа 2020 г. прошел семинар.", "ru", None, [("2020-08-13/2020-08-14", "event")]),
    (
        "С 25 по 27 февраля 2026 года в Алматы прошла встреча.",
        "ru",
        None,
        [("2026-02-25/2026-02-27", "event")],
    ),
    ("с 30 ноября по 2 декабря 2021 года", "ru", None, [("2021-11-30/2021-12-02", "event")]),
    ("Документ от 25.12.2019 утвержден.", "ru", None, [("2019-12-25", "event")]),
    ("Бишкек, 24.12.19. /Кабар/.", "ru", None, [("2019-12-24", "event")]),
    ("Программа на 2023–2027 годы принята.", "ru", None, [("2023/2027", "other")]),
    ("в 2022 году", "ru", None, [("2022", "other")]),
    ("в феврале 2024 года", "ru", None, [("2024-02", "event")]),
    ("в январе–марте 2024 года", "ru", None, [("2024-01/2024-03", "event")]),
    ("Встреча пройдет 5 марта.", "ru", "2024-02-20", [("2024-03-05", "event")]),
    ("Вчера министры встретились.", "ru", "2024-02-20", [("2024-02-19", "event")]),
    ("Вчера министры встретились.", "ru", None, []),  # no publication date: nothing invented
    ("On January 19–21, 2023, the conference was held.", "en", None, [("2023-01-19/2023-01-21", "event")]),
    ("resolution A/RES/76/129 of December 16, 2021", "en", None, [("2021-12-16", "event")]),
    ("19-21 January 2023", "en", None, [("2023-01-19/2023-01-21", "event")]),
    ("from 3 to 5 May", "en", "2024-04-01", [("2024-05-03/2024-05-05", "event")]),
    ("The 2016-2017 programme", "en", None, [("2016/2017", "other")]),
    ("on 3 May", "en", "2023-06-10", [("2023-05-03", "event")]),
    ("in March 2024 the talks resumed", "en", None, [("2024-03", "event")]),
    ("yesterday the ministers met", "en", "2023-06-10", [("2023-06-09", "event")]),
    # not dates
    ("Саммит РЭС-2026 пройдет в Астане.", "ru", None, []),
    ("пандемия COVID-19 и резолюция A/RES/77/172", "ru", None, []),
    ("в течение 12-18 месяцев", "ru", None, []),
    ("Agenda 2030 for Sustainable Development", "en", None, []),
    ("Тел.: +996 (312) 62-32-14, начало в 10:30.", "ru", None, []),
    ("Ему исполнилось 45 лет, бюджет 2 500 000 долларов.", "ru", None, []),
    ("for three years, at 10:30, call +1 202 555 0147", "en", None, []),
]


@pytest.mark.parametrize(("text", "lang", "published", "expected"), CASES)
def test_extract_dates(text, lang, published, expected):
    mentions = list(extract_dates(bare(text, lang=lang, published=published), published=published))
    assert [(m.attrs["value"], m.attrs["role"]) for m in mentions] == expected


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


def test_publication_line_gives_published_role():
    text = "Заголовок\n\nДата публикации: 13 августа 2020\n\n13-14 августа 2020 г. прошел семинар."
    annotated = bare(text)
    published = publication_date(annotated)
    assert published == "2020-08-13"
    roles = [(m.attrs["value"], m.attrs["role"]) for m in extract_dates(annotated, published=published)]
    assert roles == [("2020-08-13", "published"), ("2020-08-13/2020-08-14", "event")]


def test_publication_from_metadata():
    assert publication_date(bare("Текст.", published="2024-03-05T10:00:00+05:00")) == "2024-03-05"
    assert publication_date(bare("Text.", lang="en", published="March 5, 2024")) == "2024-03-05"
