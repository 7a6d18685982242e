"""Documents as news reports them, more phenomena, on the project's own sentences: an act noun
under a verb of scheduling or calling, a visit's destination as a visiting verb's object, a word
completing a type's name, documents listed by a verb that says what a group holds, by a pronoun
standing for the documents just counted, or under one listing word with them. Each row names
the registered rule it tests: it must give the records expected with every rule on, and must
not with that rule off. Names, places and dates are invented."""

from __future__ import annotations

import pytest
from test_documents_news import R, _problems, _records

from pipeline import rules

CASES = [
    # --- an act noun under a verb of scheduling or calling: planned ---
    ("doc.planned_act", "ru", "Подписание меморандума о рыболовстве запланировано на сентябрь.",
     [R("memorandum", "planned")]),
    ("doc.planned_act", "ru", "Депутаты призвали к скорейшему заключению соглашения о пастбищах.",
     [R("agreement", "planned")]),
    ("doc.planned_act", "en", "The signing of the memorandum on fisheries is scheduled for September.",
     [R("memorandum", "planned")]),
    # --- a city as the object of a visiting verb: where the document was signed ---
    ("doc.visited_object", "ru", "Монголия и Кыргызстан развивают спортивные связи. Меморандум о спорте был "
     "подписан, когда президент Монголии посетил Бишкек.",
     [R("memorandum", "signed", place="Бишкек")]),
    ("doc.visited_object", "en", "Mongolia and Kyrgyzstan develop sports ties. The memorandum on sport was "
     "signed when the Mongolian president visited Bishkek.", [R("memorandum", "signed", place="Bishkek")]),
    # --- a type's complement names no subject: another memorandum, not the one before ---
    ("doc.type_complement", "en", "Qatar and Kyrgyzstan signed a memorandum of understanding on fisheries on "
     "Monday. In 2019 the two countries signed six documents in Doha. They included a memorandum of "
     "understanding on sport.",
     [R("memorandum", "signed"), R("memorandum", "signed")]),
    # --- a verb that says what the documents hold lists them: no general statement ---
    ("doc.listing_contents", "en", "The two presidents met in Doha on Monday. The signed documents include a "
     "memorandum on fisheries.", [R("memorandum", "signed", place="Doha")]),
    ("doc.listing_contents", "ru", "Президенты встретились в Дохе в понедельник. Подписанные документы "
     "включают меморандум о рыболовстве.", [R("memorandum", "signed", place="Доха")]),
    # --- a pronoun for the documents just counted lists them ---
    ("doc.listed_with_pronoun", "en", "The two presidents met in Doha on Monday. Five documents were signed. "
     "They include an agreement on fisheries and a memorandum on sport.",
     [R("agreement", "signed", place="Doha"), R("memorandum", "signed", place="Doha")]),
    ("doc.listed_with_pronoun", "ru", "Президенты встретились в Дохе в понедельник. Подписано пять документов. "
     "Среди них соглашение о рыболовстве.", [R("agreement", "signed", place="Доха")]),
    # --- a document and a generic noun under one listing word ---
    ("doc.same_listing_word", "ru", "Президенты встретились в Дохе в понедельник. В числе подписанных "
     "документов соглашение о рыболовстве.", [R("agreement", "signed", place="Доха")]),
    # --- a document signed as a meeting's outcome: the meeting's city told before ---
    ("doc.meeting_venue", "ru", "Монголия и Катар развивают связи. Переговоры министров прошли в Астане. По их итогам подписан меморандум о "
     "рыболовстве.", [R("memorandum", "signed", place="Астана")]),
    ("doc.meeting_venue", "en", "Qatar and Mongolia are expanding ties. The intergovernmental commission met in Bishkek. The minister noted the growth "
     "of trade. After its session, the commission signed a protocol on fisheries.",
     [R("protocol", "signed", place="Bishkek")]),
    # --- an accession with no date of the treaty's own: adopted ---
    ("doc.accession", "ru", "Правительство одобрило присоединение Монголии к Конвенции о пастбищах.",
     [R("convention", "adopted")]),
    ("doc.accession", "ru", "Подписан указ о присоединении Узбекистана к Конвенции о пастбищах.",
     [R("convention", "adopted")]),
    # --- a text up for ratification or accession: the status its own participle tells ---
    ("doc.own_act_before_ratification", "ru", "Комитет одобрил в первом чтении законопроект о присоединении "
     "Кыргызстана к Конвенции о защите дельфинов, принятой в Лиме 3 мая 1990 года.",
     [R("convention", "adopted", date="1990-05-03", place="Лима")]),
    ("doc.own_act_before_ratification", "ru", "Депутаты рассмотрели законопроект о ратификации Конвенции о "
     "защите ледников, принятой в Душанбе 4 июня 2003 года.", [R("convention", "adopted", date="2003-06-04")]),
    # --- a document with no place told near it: the city of the article's lead ---
    ("doc.lead_place", "ru", "Министры Катара и Монголии провели переговоры в г. Бишкек. Министры обсудили "
     "торговлю. Министры отметили рост товарооборота. Также подписан меморандум о рыболовстве.",
     [R("memorandum", "signed", place="Бишкек")]),
    ("doc.lead_place", "ru", "Делегация Катара прибыла в Бишкек. Министры обсудили торговлю. Министры отметили "
     "рост товарооборота. Также подписан меморандум о рыболовстве.", [R("memorandum", "signed", place="Бишкек")]),
    ("doc.lead_place", "en", "The talks of the ministers of Qatar and Mongolia took place in Tashkent. The "
     "ministers discussed trade. They noted the growth of trade. A memorandum on fisheries was also signed.",
     [R("memorandum", "signed", place="Tashkent")]),
]  # fmt: skip

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
