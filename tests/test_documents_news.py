"""Documents as news reports them, on a table of the project's own sentences: enumerated lists,
headlines and sentences in capitals, drafts under talks, references, a document about another,
counted signings, parties. Each row names the registered rule it tests: the row must give the
records expected with every rule on, and must not with that rule off (so no row passes by
accident). A record names its type and status and, where the row says so, its date, place,
number, title, count and some of its parties (every party listed must be found). A headline may
come first, separated by a blank line. Names, places and dates are invented."""

from __future__ import annotations

import pytest

from pipeline import rules
from pipeline.extract import extract_all
from pipeline.merge import merge_article, merge_documents


def R(kind: str, status: str, **attrs) -> dict:  # noqa: N802 - reads like a record in the table
    return {"type": kind, "status": status, **attrs}


CASES = [
    # --- headlines and sentences in capitals: read in the case of running text ---
    ("doc.case_folded", "ru", "Новости\n\nКАЗАХСТАН И УЗБЕКИСТАН ПОДПИСАЛИ СОГЛАШЕНИЕ О ДЕМАРКАЦИИ ГРАНИЦЫ. Об этом "
     "сообщила пресс-служба.", [R("agreement", "signed", parties={"Казахстан", "Узбекистан"})]),
    ("doc.case_folded", "ru", "Новости\n\nВ ТАШКЕНТЕ ПРИНЯТА КОНВЕНЦИЯ О ЗАЩИТЕ ПРАВ МИГРАНТОВ. Делегаты обсудили "
     "вопросы миграции.", [R("convention", "adopted")]),
    ("doc.case_folded", "en", "News\n\nTHE TWO COUNTRIES SIGNED A MEMORANDUM ON TOURISM. The ministers met in "
     "Astana.", [R("memorandum", "signed")]),
    ("doc.case_folded", "en", "Tajik And Uzbek Ministers Adopt Joint Declaration On Water\n\nOfficials met in "
     "Osh.", [R("declaration", "adopted", parties={"Tajikistan", "Uzbekistan"})]),
    # --- headlines: a verb the tagger reads as a noun ---
    ("doc.headline_verb", "en", "Tehran, Astana ink customs MOU\n\nThe ministers met in Astana on Monday.",
     [R("memorandum", "signed")]),
    ("doc.headline_verb", "en", "Uzbekistan Kazakhstan sign agreement on water use\n\nThe ministers met in "
     "Tashkent.", [R("agreement", "signed")]),
    ("doc.headline_verb", "en", "KAZAKHSTAN AND MONGOLIA SIGN AGREEMENT ON CUSTOMS COOPERATION\n\nThe ministers "
     "met in Astana.", [R("agreement", "signed")]),
    # --- drafts under talks: planned ---
    ("doc.draft_under_talks", "ru", "В ходе встречи состоялось обсуждение проекта Соглашения о сотрудничестве в "
     "области туризма.", [R("agreement", "planned")]),
    ("doc.draft_under_talks", "ru", "Стороны продолжили согласование проекта меморандума о взаимопонимании.",
     [R("memorandum", "planned")]),
    ("doc.draft_under_talks", "ru", "Продолжается работа над проектом дорожной карты по развитию транзита.",
     [R("roadmap", "planned")]),
    ("doc.draft_under_talks", "en", "The discussion of the draft memorandum on trade continued in Astana.",
     [R("memorandum", "planned")]),
    ("doc.draft_under_talks", "en", "Experts finished their review of the draft roadmap on transit corridors.",
     [R("roadmap", "planned")]),
    # --- references by a verb of saying, holding or carrying out: mentioned ---
    ("doc.referring_verb", "ru", "Эти нормы закреплены в Конвенции о правах мигрантов, принятой в 1990 году.",
     [R("convention", "mentioned")]),
    ("doc.referring_verb", "ru", "Обмен данными предусмотрен Соглашением о мониторинге ледников, подписанным в "
     "2015 году.", [R("agreement", "mentioned")]),
    ("doc.referring_verb", "en", "The quotas are specified in the Aral water accord signed by the five states in "
     "1998.", [R("agreement", "mentioned")]),
    ("doc.referring_verb", "en", "The rules were laid down in the Caspian fisheries convention adopted in 2014.",
     [R("convention", "mentioned")]),
    # --- a document named, with no predicate of status: referred to ---
    ("doc.named_reference", "ru", "Договор о вечной дружбе от 10 мая 1996 года остаётся основой отношений двух "
     "стран.", [R("treaty", "mentioned", date="1996-05-10")]),
    ("doc.named_reference", "ru", "Эксперты назвали Ташкентскую декларацию главным ориентиром.",
     [R("declaration", "mentioned")]),
    ("doc.named_reference", "en", "The Almaty Convention on transboundary rivers entered into force last year.",
     [R("convention", "mentioned")]),
    # --- idioms: no document ---
    ("doc.idiom", "en", "After long talks the ministers came to an agreement on electricity tariffs.", []),
    # --- enumerated lists: each item a document with the list's status, date, place and parties ---
    ("doc.enumerated_list", "ru", "Новости\n\nПо итогам переговоров между Казахстаном и Монголией подписаны "
     "следующие документы:\n- Соглашение о сотрудничестве в области ветеринарии;\n- Меморандум о "
     "взаимопонимании в сфере туризма.", [R("agreement", "signed", parties={"Казахстан", "Монголия"}),
                                          R("memorandum", "signed", parties={"Казахстан", "Монголия"})]),
    ("doc.enumerated_list", "ru", "Новости\n\nВ ходе визита были подписаны следующие документы: 1. Соглашение о "
     "воздушном сообщении; 2. Меморандум о сотрудничестве в сфере образования.",
     [R("agreement", "signed"), R("memorandum", "signed")]),
    ("doc.enumerated_list", "ru", "Новости\n\n12 мая 2024 года в Бишкеке подписаны документы:\n• Протокол о торговле между "
     "Кыргызстаном и Турцией;\n• Программа сотрудничества в сфере культуры.",
     [R("protocol", "signed", date="2024-05-12", parties={"Кыргызстан", "Турция"}),
      R("plan", "signed", date="2024-05-12")]),
    ("doc.enumerated_list", "en", "News\n\nThe following documents were signed during the visit:\n1. Agreement on "
     "road transport between Kazakhstan and Mongolia;\n2. Memorandum of understanding on tourism.",
     [R("agreement", "signed", parties={"Kazakhstan", "Mongolia"}), R("memorandum", "signed")]),
    ("doc.enumerated_list", "en", "News\n\nIn Ulaanbaatar, Mongolia and Uzbekistan adopted:\n- Joint statement on "
     "strategic partnership;\n- Action plan for 2025-2027.",
     [R("statement", "adopted", parties={"Mongolia", "Uzbekistan"}),
      R("plan", "adopted", parties={"Mongolia", "Uzbekistan"})]),
    # --- a document about another: the other one is referred to ---
    ("doc.about_another", "ru", "Стороны подписали Протокол к Соглашению о торговле.",
     [R("protocol", "signed"), R("agreement", "mentioned")]),
    ("doc.about_another", "ru", "Министры подписали Приложение к Меморандуму о сотрудничестве в сфере энергетики.",
     [R("memorandum", "mentioned")]),
    ("doc.about_another", "en", "Mongolia signed the protocol to the Convention on Transit last week.",
     [R("protocol", "signed"), R("convention", "mentioned")]),
    # --- the decree that adopts a document gives it its number and date ---
    ("doc.adopting_act", "ru", "План мероприятий на 2022 год утвержден постановлением Правительства № 12 от 5 марта "
     "2022 года.", [R("plan", "adopted", number="12", date="2022-03-05")]),
    ("doc.adopting_act", "ru", "Дорожную карту утвердили распоряжением Кабинета министров № 318 от 10 июня 2020 года.",
     [R("roadmap", "adopted", number="318")]),
    ("doc.adopting_act", "en", "The action plan was approved by Government Decree No. 73 of March 12, 2021.",
     [R("plan", "adopted", number="73", date="2021-03-12")]),
    # --- a document said to be another: one document ---
    ("doc.copular_identity", "en", "The Almaty Convention on Transit is an intergovernmental treaty that was concluded in "
     "Almaty on 3 May 1999.", [R("convention", "signed", date="1999-05-03")]),
    ("doc.copular_identity", "ru", "Алматинская конвенция о транзите является многосторонним договором, заключённым "
     "в Алматы 3 мая 1999 года.", [R("convention", "signed", date="1999-05-03")]),
    ("doc.copular_identity", "ru", "Алматинская конвенция о транзите — многосторонний договор, заключённый в Алматы "
     "3 мая 1999 года.", [R("convention", "signed", date="1999-05-03")]),
    # --- counted signings: one record that stands for them all ---
    ("doc.counted", "en", "Iran and Kyrgyzstan signed four memorandums of understanding on economic cooperation.",
     [R("memorandum", "signed", count=4, parties={"Iran", "Kyrgyzstan"})]),
    ("doc.counted", "en", "Four agreements were signed covering health, tourism and agriculture.",
     [R("agreement", "signed", count=4)]),
    ("doc.counted", "en", "Astana, Ulaanbaatar ink 6 MOUs\n\nKazakhstan and Mongolia signed six memoranda of "
     "understanding on Tuesday.", [R("memorandum", "signed", count=6)]),
    ("doc.counted", "ru", "По итогам переговоров были подписаны три соглашения.", [R("agreement", "signed", count=3)]),
    ("doc.counted", "ru", "Всего в ходе форума было подписано 23 соглашения.", [R("agreement", "signed", count=23)]),
    # --- parties: bodies in the plural, one per country listed ---
    ("doc.distributed_body", "ru", "Соглашение подписано между министерствами сельского хозяйства Кыргызстана и "
     "Монголии.", [R("agreement", "signed", parties={"Министерство сельского хозяйства Кыргызстана",
                                                     "Министерство сельского хозяйства Монголии"})]),
    ("doc.distributed_body", "ru", "Меморандум подписан между министерствами образования Таджикистана и Монголии.",
     [R("memorandum", "signed", parties={"Министерство образования Таджикистана", "Министерство образования Монголии"})]),
    ("doc.distributed_body", "ru", "Протокол подписан между министерствами транспорта Узбекистана и Грузии.",
     [R("protocol", "signed", parties={"Министерство транспорта Узбекистана", "Министерство транспорта Грузии"})]),
    ("doc.distributed_body", "ru", "Соглашение заключено между министерствами финансов Казахстана и Азербайджана.",
     [R("agreement", "signed", parties={"Министерство финансов Казахстана", "Министерство финансов Азербайджана"})]),
    # --- parties: a body's country when the other parties are states ---
    ("doc.body_country", "ru", "Министерство энергетики Казахстана и Кыргызстан подписали меморандум о поставках "
     "угля.", [R("memorandum", "signed", parties={"Казахстан", "Кыргызстан"})]),
    ("doc.body_country", "ru", "Министерство транспорта Узбекистана и Грузия подписали протокол о перевозках.",
     [R("protocol", "signed", parties={"Узбекистан", "Грузия"})]),
    ("doc.body_country", "ru", "Министерство культуры Таджикистана и Иран подписали программу сотрудничества.",
     [R("plan", "signed", parties={"Таджикистан", "Иран"})]),
    ("doc.body_country", "en", "Georgia and the Uzbek Ministry of Transport signed a protocol on road haulage.",
     [R("protocol", "signed", parties={"Georgia", "Uzbekistan"})]),
    ("doc.body_country", "en", "Oman and the Kyrgyz Ministry of Economy signed a memorandum on investment.",
     [R("memorandum", "signed", parties={"Oman", "Kyrgyzstan"})]),
    # --- parties: a document signed with no one said to sign it, after talks of the parties named ---
    ("doc.implicit_parties", "ru", "Президенты Туркменистана и Монголии провели переговоры в Ашхабаде. По итогам "
     "встречи был подписан меморандум о сотрудничестве в сфере образования.",
     [R("memorandum", "signed", parties={"Туркменистан", "Монголия"})]),
    ("doc.implicit_parties", "ru", "Премьер-министры Грузии и Казахстана встретились в Тбилиси. По итогам встречи "
     "подписано соглашение о транзите грузов.", [R("agreement", "signed", parties={"Грузия", "Казахстан"})]),
    ("doc.implicit_parties", "ru", "Министры иностранных дел Азербайджана и Монголии провели переговоры в Баку. В "
     "завершение был подписан протокол о консультациях.", [R("protocol", "signed", parties={"Азербайджан", "Монголия"})]),
    ("doc.implicit_parties", "en", "The prime ministers of Georgia and Kazakhstan met in Tbilisi on Friday. A "
     "memorandum on rail freight was signed after the talks.", [R("memorandum", "signed",
                                                                   parties={"Georgia", "Kazakhstan"})]),
    ("doc.implicit_parties", "en", "Leaders of Turkmenistan and Qatar held talks in Doha. Following the talks, an "
     "agreement on investment protection was signed.", [R("agreement", "signed", parties={"Turkmenistan", "Qatar"})]),
    ("doc.implicit_parties", "en", "Officials of Armenia and Turkmenistan held a meeting in Yerevan. After the meeting "
     "a protocol on gas supplies was signed.", [R("protocol", "signed", parties={"Armenia", "Turkmenistan"})]),
    # --- parties after a document's abbreviation in brackets ---
    ("doc.abbreviation_parties", "en", "Kazakhstan signed a memorandum of mutual understanding (MoU) with Turkmenistan on gas "
     "exports.", [R("memorandum", "signed", parties={"Kazakhstan", "Turkmenistan"})]),
    ("doc.abbreviation_parties", "en", "The bank signed a memorandum of mutual understanding (MOU) with Mongolia on Thursday.",
     [R("memorandum", "signed", parties={"Mongolia"})]),
    ("doc.abbreviation_parties", "en", "The fund signed a memorandum of mutual understanding (MoU) with Tajikistan on Friday.",
     [R("memorandum", "signed", parties={"Tajikistan"})]),
    ("doc.abbreviation_parties", "en", "Kyrgyzstan signed a memorandum of mutual understanding (MOU) with Qatar on aviation.",
     [R("memorandum", "signed", parties={"Kyrgyzstan", "Qatar"})]),
    # --- a signing's place from the visit or meeting told with it ---
    ("doc.signing_place", "en", "Kazakhstan and Oman signed a memorandum on tourism. The signing took place during "
     "the minister's visit to Muscat.", [R("memorandum", "signed", place="Muscat")]),
    ("doc.signing_place", "ru", "Казахстан и Оман подписали меморандум о туризме. Документ подписан в ходе визита "
     "министра в Маскат.", [R("memorandum", "signed", place="Маскат")]),
    ("doc.signing_place", "en", "Mongolia and Kyrgyzstan signed a protocol on trade. The protocol crowned the "
     "president's trip to Bishkek.", [R("protocol", "signed", place="Bishkek")]),
    ("doc.signing_place", "ru", "Грузия и Монголия подписали соглашение о транзите. Это произошло во время поездки "
     "премьер-министра в Тбилиси.", [R("agreement", "signed", place="Тбилиси")]),
    ("doc.signing_place", "en", "Qatar and Tajikistan signed an agreement on air services. The session of the "
     "commission was held in Dushanbe.", [R("agreement", "signed", place="Dushanbe")]),
    ("doc.signing_place", "ru", "Встреча министров в Оше\n\nКыргызстан и Монголия подписали меморандум о транзите.",
     [R("memorandum", "signed", place="Ош")]),
    ("doc.signing_place", "en", "Ministers meet in Khujand\n\nTajikistan and Mongolia signed a memorandum on trade.",
     [R("memorandum", "signed", place="Khujand")]),
    # --- the event's city when its day has no value, a capital named in apposition, a visit just told ---
    ("doc.undated_event_place", "en", "The presidents of Qatar and Mongolia met in Doha on Sunday. A memorandum on "
     "tourism was signed by the two ministries.", [R("memorandum", "signed", place="Doha")]),
    ("doc.undated_event_place", "ru", "Президенты Казахстана и Монголии в понедельник провели переговоры в Астане. "
     "Министры подписали соглашение о туризме.", [R("agreement", "signed", place="Астана")]),
    ("doc.capital_apposition", "en", "The ministers of Qatar and Mongolia signed an agreement on banking cooperation "
     "in the Qatari capital Doha.", [R("agreement", "signed", place="Doha")]),
    ("doc.capital_apposition", "en", "Mongolia and Qatar signed a memorandum on trade in Kyrgyzstan's capital, "
     "Bishkek, last week.", [R("memorandum", "signed", place="Bishkek")]),
    ("doc.capital_apposition", "en", "The transit agreement between Qatar and Mongolia was signed on May 4, 2022 in "
     "Turkmenistan's capital Ashgabat at the summit.", [R("agreement", "signed", place="Ashgabat")]),
    ("doc.capital_apposition", "ru", "Министры Казахстана и Монголии подписали соглашение о туризме в столице "
     "Монголии Улан-Баторе.", [R("agreement", "signed", place="Улан-Батор")]),
    ("doc.capital_apposition", "ru", "Соглашение о туризме подписано в монгольской столице Улан-Баторе.",
     [R("agreement", "signed", place="Улан-Батор")]),
    ("doc.visit_before", "en", "During his visit to Doha, the Mongolian minister of transport met his Qatari "
     "counterpart. The two ministers signed an agreement on air services.", [R("agreement", "signed", place="Doha")]),
    ("doc.visit_before", "ru", "Во время визита в Доху министр транспорта Монголии встретился с катарским коллегой. "
     "Министры подписали соглашение о воздушном сообщении.", [R("agreement", "signed", place="Доха")]),
    # --- a document dated apart from the event was not signed at it ---
    ("doc.dated_elsewhere", "en", "The first container train from Mongolia was welcomed in Doha on 12 May 2024. The "
     "railways of the two countries signed a memorandum on rail transit on 3 March 2021.",
     [R("memorandum", "signed", date="2021-03-03", place=None)]),
    ("doc.dated_elsewhere", "ru", "12 мая 2024 года в Ош прибыл первый контейнерный поезд из Монголии. Меморандум о "
     "железнодорожном транзите стороны подписали 3 марта 2021 года.",
     [R("memorandum", "signed", date="2021-03-03", place=None)]),
    # --- the day of the signing's own sentence before the article's event date ---
    ("doc.sentence_date", "ru", "15 мая 2024 года в Астане прошла встреча министров Казахстана и Монголии. Стороны "
     "обсудили транзит. 3 марта 2024 года в Улан-Баторе состоялось заседание комиссии, по итогам которого было "
     "подписано соглашение о транзите грузов.", [R("agreement", "signed", date="2024-03-03")]),
    ("doc.sentence_date", "en", "On May 15, 2024, the ministers of Qatar and Mongolia met in Doha. They discussed "
     "transit. The commission met in Tashkent on March 3, 2024, at a session during which the two ministers signed "
     "an agreement on cargo transit.", [R("agreement", "signed", date="2024-03-03")]),
]  # fmt: skip

# Untyped counts: the article's `documents_reported`.
REPORTED = [
    ("doc.documents_reported", "en", "Some 17 documents were signed during the visit of the president.", 17),
    ("doc.documents_reported", "ru", "По итогам визита подписано 18 соглашений и меморандумов.", 18),
    ("doc.documents_reported", "en", "Tashkent, Ulaanbaatar ink 10 cooperation documents\n\nThe two presidents met "
     "in Tashkent on Monday.", 10),
]  # fmt: skip

_ANNOTATED: dict[tuple[str, str], object] = {}


def _extraction(annotate, text: str, lang: str, off=()):
    if "\n\n" not in text:  # the first line of an article is its headline: give the body one
        text = ("Новости" if lang == "ru" else "News") + "\n\n" + text
    if (text, lang) not in _ANNOTATED:
        _ANNOTATED[text, lang] = annotate(text, lang=lang)
    with rules.disabled(off):
        return extract_all(_ANNOTATED[text, lang])


def _records(annotate, text: str, lang: str, off=()) -> list:
    with rules.disabled(off):
        extraction = _extraction(annotate, text, lang, off)
        entities, _, _ = merge_article(extraction, lang=lang)
        return merge_documents(extraction, entities)


def _problems(records, expected: list[dict]) -> list[str]:
    got = [(r.type, r.status) for r in records]
    want = [(e["type"], e["status"]) for e in expected]
    if got != want:
        return [f"records {got} != {want}"]
    problems = []
    for record, e in zip(records, expected, strict=True):
        for attr in ("date", "place", "number", "title", "count"):
            if attr in e and getattr(record, attr) != e[attr]:
                problems.append(f"{attr}: {getattr(record, attr)!r} != {e[attr]!r}")
        missing = e.get("parties", set()) - set(record.parties)
        if missing:
            problems.append(f"parties {record.parties} lack {sorted(missing)}")
    return problems


IDS = [f"{c[0]}:{c[2][:50]}" for c in CASES]


@pytest.mark.parametrize(("rule", "lang", "text", "expected"), CASES, ids=IDS)
def test_records(annotate, rule, lang, text, expected):
    records = _records(annotate, text, lang)
    assert not _problems(records, expected), (_problems(records, expected), records)


@pytest.mark.parametrize(("rule", "lang", "text", "expected"), CASES, ids=IDS)
def test_fails_without_its_rule(annotate, rule, lang, text, expected):
    assert rule in rules.REGISTRY
    records = _records(annotate, text, lang, off={rule})
    assert _problems(records, expected), f"{rule} off, the row still passes: {records}"


@pytest.mark.parametrize(
    ("rule", "lang", "text", "expected"), REPORTED, ids=[f"{c[0]}:{c[2][:50]}" for c in REPORTED]
)
def test_documents_reported(annotate, rule, lang, text, expected):
    assert _extraction(annotate, text, lang).documents_reported == expected
    assert _extraction(annotate, text, lang, off={rule}).documents_reported != expected


def test_the_table_is_large_and_bilingual():
    rows = CASES + REPORTED
    assert len(rows) >= 40
    assert {lang for _, lang, _, _ in rows} == {"ru", "en"}


# One document across articles: two articles of the project's own, and whether their first
# documents share `document_key` (its status left out; its title, parties and, untitled, date in).
KEYS = [
    ("en", "Iran and Armenia signed an agreement on gas supplies.",
     "The parliament of Armenia ratified the agreement on gas supplies between Iran and Armenia.", True),
    ("ru", "Казахстан и Монголия подписали соглашение о воздушном сообщении.",
     "Грузия и Монголия подписали соглашение о воздушном сообщении.", False),
    ("ru", "12 мая 2024 года Казахстан и Монголия подписали меморандум.",
     "Казахстан и Монголия 12 мая 2024 года подписали меморандум в Астане.", True),
    ("en", "On 4 June 2023, Qatar and Kyrgyzstan signed a memorandum.",
     "On 5 June 2023, Qatar and Kyrgyzstan signed a memorandum.", False),
    ("en", "A memorandum was signed on Tuesday.", "A memorandum was signed on Tuesday in Osh.", False),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "first", "second", "same"), KEYS, ids=[k[1][:40] for k in KEYS])
def test_document_key_across_articles(annotate, lang, first, second, same):
    from pipeline.run import _key

    keys = []
    for n, text in enumerate((first, second)):
        records = _records(annotate, text, lang)
        assert records, text
        keys.append(_key(f"article-{n}", records[0]))
    assert (keys[0] == keys[1]) is same, keys
