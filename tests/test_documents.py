"""The documents stage on a table of the project's own sentences, Russian and English: each row is
a text (a headline may come first, separated by a blank line), its language and publication
date, and the records expected of it, in text order. A record names its type and status and,
where the row says so, its date, place, number and some of its parties (every party listed
must be found; others may come too) and, when the row gives it, its title (None: no title). Names,
places and dates are invented."""

from __future__ import annotations

import pytest

from pipeline.extract import extract_all
from pipeline.merge import merge_article, merge_documents


def R(kind: str, status: str, **attrs) -> dict:  # noqa: N802 - reads like a record in the table
    return {"type": kind, "status": status, **attrs}


CASES = [
    # --- Russian: predicates and their tense, voice and modality ---
    ("Казахстан и Узбекистан подписали соглашение о совместном использовании водных ресурсов.", "ru", None,
     [R("agreement", "signed", parties={"Казахстан", "Узбекистан"})]),
    ("В 2019 году между Таджикистаном и Туркменистаном был подписан протокол о торговле.", "ru", None,
     [R("protocol", "signed", date="2019", parties={"Таджикистан", "Туркменистан"})]),
    ("Участники конференции приняли итоговую декларацию.", "ru", None, [R("declaration", "adopted")]),
    ("Парламент ратифицировал договор о дружбе с Монголией.", "ru", None, [R("treaty", "ratified")]),
    ("В следующем году планируется подписать дорожную карту по развитию транзита.", "ru", None,
     [R("roadmap", "planned")]),
    ("Соглашение о свободной торговле будет подписано в ходе визита президента.", "ru", None,
     [R("agreement", "planned")]),
    ("Стороны договорились подписать рамочную программу сотрудничества до конца года.", "ru", None,
     [R("plan", "planned")]),
    ("Депутаты одобрили проект соглашения о создании совместного предприятия.", "ru", None,
     [R("agreement", "planned")]),
    ("Новое соглашение о тарифах пока не подписано.", "ru", None, [R("agreement", "planned")]),
    ("Министры иностранных дел пяти стран приняли совместное заявление.", "ru", None,
     [R("statement", "adopted")]),
    ("Главы правительств утвердили план действий на 2024–2026 годы.", "ru", None,
     [R("plan", "adopted", date=None)]),
    ("Стороны приняли совместное коммюнике по итогам переговоров.", "ru", None, [R("communique", "adopted")]),
    ("Конвенция о сохранении биоразнообразия была ратифицирована Казахстаном в 1994 году.", "ru", None,
     [R("convention", "ratified", date="1994", parties={"Казахстан"})]),
    # --- Russian: the document's own clause against the noun it hangs on; act nouns as topics ---
    ("Текст соглашения о рыболовстве, подписанного в 2018 году, опубликован на сайте министерства.", "ru", None,
     [R("agreement", "signed", date="2018")]),
    ("Министры обсудили вопросы подписания соглашения о туризме.", "ru", None, [R("agreement", "planned")]),
    ("Церемония подписания протокола о туризме прошла в Астане.", "ru", None, [R("protocol", "signed")]),
    # --- Russian: what is not a document record ---
    ("Строительные компании заключают договоры аренды с городскими властями.", "ru", None, []),
    ("Всего в ходе визита было подписано 12 документов.", "ru", None, []),
    ("После долгих споров министры пришли к соглашению по тарифам.", "ru", None, []),
    ("Генеральный секретарь Организации Североатлантического договора прибыл в Вильнюс.", "ru", None, []),
    ("Соглашение так и не было подписано из-за разногласий сторон.", "ru", None, []),
    ("Итоговая резолюция форума призывает страны региона к сотрудничеству.", "ru", None,
     [R("resolution", "adopted")]),
    ("Стороны подписали Устав Евразийского банка развития в 2006 году.", "ru", None,
     [R("treaty", "signed", date="2006")]),
    ("Акционеры утвердили устав компании.", "ru", None, []),
    # --- Russian: references to existing documents ---
    ("В соответствии с Ташкентской декларацией страны создали рабочую группу.", "ru", None,
     [R("declaration", "mentioned")]),
    ("Во исполнение Плана мероприятий по укреплению связей министерства провели встречу.", "ru", None,
     [R("plan", "mentioned")]),
    ("Эксперты обсудили выполнение Соглашения о торговле от 10 июля 2015 года.", "ru", None,
     [R("agreement", "mentioned", date="2015-07-10")]),
    # --- Russian: attributes written with the document ---
    ("Меморандум № 15 о сотрудничестве в области образования подписан 3 апреля 2022 года в Бишкеке.", "ru", None,
     [R("memorandum", "signed", number="15", date="2022-04-03", place="Бишкек")]),
    ("Стамбульское соглашение, подписанное министрами иностранных дел Турции и Азербайджана, вступило в силу.",
     "ru", None, [R("agreement", "signed", parties={"Турция", "Азербайджан"})]),
    ("Сенаторы приняли законопроект «О ратификации Соглашения между Республикой Таджикистан и Республикой "
     "Узбекистан о совместном использовании водохранилища, подписанного 14 ноября 2022 года в Самарканде» в "
     "третьем чтении.", "ru", None,
     [R("agreement", "ratified", date="2022-11-14", place="Самарканд", parties={"Таджикистан", "Узбекистан"})]),
    ("Профильный комитет поддержал в первом чтении законопроект «О ратификации Протокола между Республикой "
     "Казахстан и Королевством Таиланд о воздушном сообщении, подписанного 18 сентября 2019 года в Бангкоке».",
     "ru", None, [R("protocol", "signed", date="2019-09-18", place="Бангкок")]),
    ("Комиссия заслушала отчёт о реализации Закона «О ратификации Финансового соглашения между Республикой "
     "Таджикистан и Исламским банком развития, подписанного 27 октября 2017 года в Джидде».", "ru", None,
     [R("agreement", "ratified", date="2017-10-27", place="Джидда")]),
    ("Мажилис рассмотрел проект закона «О ратификации Протокола о поправках к Договору между Казахстаном и "
     "Туркменистаном о делимитации границы от 5 июля 2001 года».", "ru", None,
     [R("protocol", "signed", parties={"Казахстан", "Туркменистан"}),
      R("treaty", "mentioned", date="2001-07-05", parties={"Казахстан", "Туркменистан"})]),
    ("Депутаты обсудили проект Закона «О ратификации Финансового соглашения между Республикой Таджикистан и "
     "Европейским инвестиционным банком и Грантового соглашения между Республикой Таджикистан и Европейским "
     "инвестиционным банком, подписанных 6 апреля 2023 года в Люксембурге».", "ru", None,
     [R("agreement", "signed", date="2023-04-06", place="Люксембург"),
      R("agreement", "signed", date="2023-04-06", place="Люксембург")]),
    ("Сенаторы обсудили законопроект о ратификации соглашения о поставках электроэнергии. Также сенаторы "
     "одобрили законопроект о пенсиях в третьем чтении.", "ru", None, [R("agreement", "signed")]),
    ("Сенаторы обсудили законопроект «О ратификации Соглашения о поставках электроэнергии». Законопроект принят "
     "сразу в трёх чтениях.", "ru", None, [R("agreement", "ratified")]),
    ("Мажилис принял проект закона «О ратификации Обменных нот от 3 мая 2023 года между Республикой Казахстан и "
     "Японией, образующих международный договор о безвозмездной помощи, и Кредитного соглашения между "
     "Республикой Казахстан и Японией» в трёх чтениях.", "ru", None,
     [R("treaty", "ratified"), R("agreement", "ratified")]),  # the notes constitute a treaty: they are one
    ("Правительство Казахстана одобрило ратификацию соглашения о транзите газа.", "ru", None,
     [R("agreement", "signed")]),
    ("Сенат одобрил ратификацию соглашения о транзите газа.", "ru", None, [R("agreement", "ratified")]),
    # --- Russian: one record per document, events, headlines ---
    ("Подписан меморандум между Казахстаном и Кыргызстаном. Целью меморандума является развитие торговли.",
     "ru", None, [R("memorandum", "signed", parties={"Казахстан", "Кыргызстан"})]),
    ("Казахстан подписал меморандум с Узбекистаном о развитии торговли. Также был подписан меморандум с "
     "Таджикистаном о поставках электроэнергии.", "ru", None,
     [R("memorandum", "signed", parties={"Казахстан", "Узбекистан"}),
      R("memorandum", "signed", parties={"Казахстан", "Таджикистан"})]),
    ("3 июня 2024 года в Туркменабаде состоялась конференция по охране лесов. В завершение конференции "
     "участники подписали протокол.", "ru", None, [R("protocol", "signed", date="2024-06-03", place="Туркменабад")]),
    ("Казахстан и Китай подписали соглашение о транзите\n\nСоглашение о транзите подписали министры транспорта "
     "Казахстана и Китая 5 мая 2024 года в Астане.", "ru", None,
     [R("agreement", "signed", date="2024-05-05", place="Астана", parties={"Казахстан", "Китай"})]),
    ("Ведомства подписали план совместных мероприятий на 2026 год. Во исполнение данного соглашения будут "
     "организованы стажировки.", "ru", None, [R("plan", "signed")]),
    ("Казахстан и Турция подписали пять документов. Среди подписанных документов — меморандум о сотрудничестве в "
     "сфере образования.", "ru", None, [R("memorandum", "signed", parties={"Казахстан", "Турция"})]),
    ("Министр энергетики Кыргызстана встретился с послом Турции. Стороны подписали меморандум о "
     "сотрудничестве в сфере энергетики.", "ru", None,
     [R("memorandum", "signed", parties={"Кыргызстан", "Турция"})]),
    ("Согласованные тексты передали министрам для последующего подписания меморандума и дорожной карты.",
     "ru", None, [R("memorandum", "planned"), R("roadmap", "planned")]),
    # --- English: predicates and their tense, voice and modality ---
    ("Kazakhstan and Uzbekistan signed a memorandum of understanding on water cooperation.", "en", None,
     [R("memorandum", "signed", parties={"Kazakhstan", "Uzbekistan"})]),
    ("The two countries will sign an agreement on visa-free travel next month.", "en", None,
     [R("agreement", "planned")]),
    ("The parliament of Kyrgyzstan ratified the treaty on good-neighbourliness.", "en", None,
     [R("treaty", "ratified")]),
    ("The summit adopted a joint declaration on regional security.", "en", None, [R("declaration", "adopted")]),
    ("A draft roadmap on transit was discussed by the working group.", "en", None, [R("roadmap", "planned")]),
    ("The ministers issued a joint statement after the talks.", "en", None, [R("statement", "adopted")]),
    ("The foreign ministers signed a joint communique in Astana.", "en", None,
     [R("communique", "signed", place="Astana")]),
    ("The parties are expected to approve an action plan on tourism.", "en", None, [R("plan", "planned")]),
    ("Turkmenistan and Afghanistan have agreed to sign a road map for energy cooperation.", "en", None,
     [R("roadmap", "planned")]),
    ("The two sides expressed readiness for signing a comprehensive trade agreement.", "en", None,
     [R("agreement", "planned")]),
    ("A transit agreement was signed yesterday by the transport ministers of Turkmenistan and Uzbekistan.", "en",
     None, [R("agreement", "signed", parties={"Turkmenistan", "Uzbekistan"})]),
    ("Pakistan and Tajikistan inked an MOU on road transport in Dushanbe on April 14, 2022.", "en", None,
     [R("memorandum", "signed", date="2022-04-14", place="Dushanbe", parties={"Pakistan", "Tajikistan"})]),
    ("The UN General Assembly adopted resolution A/RES/78/1 on October 5, 2023.", "en", None,
     [R("resolution", "adopted", number="A/RES/78/1", date="2023-10-05")]),
    # --- English: the document's own clause against the noun it hangs on; future words; act nouns ---
    ("The text of the border treaty signed in 2017 leaves the fishing quotas open.", "en", None,
     [R("treaty", "signed", date="2017")]),
    ("Through the agreement signed between Kazakhstan and Mongolia in 2019, the investment fund was finalized.",
     "en", None, [R("agreement", "signed", date="2019", parties={"Kazakhstan", "Mongolia"})]),
    ("The two ministries set up a working group and signed an agreement on tourism.", "en", None,
     [R("agreement", "signed")]),
    ("The agreement on tourism is set to be signed in May.", "en", None, [R("agreement", "planned")]),
    ("The delegations discussed the issues of signing a protocol on fisheries.", "en", None,
     [R("protocol", "planned")]),
    ("The ministers talked about the signing of a memorandum on education.", "en", None,
     [R("memorandum", "planned")]),
    ("Kazakhstan and Japan signed an exchange of notes constituting an agreement on grant aid.", "en", None,
     [R("agreement", "signed", parties={"Kazakhstan", "Japan"})]),
    ("The members signed the Charter of the Eurasian Economic Union in 2014.", "en", None,
     [R("treaty", "signed", date="2014")]),
    ("Kazakhstan and Iran signed the convention on August 12, 2018 in Aktau.", "en", None,
     [R("convention", "signed", date="2018-08-12", place="Aktau", title=None)]),
    # --- English: what is not a document record ---
    ("Some 20 documents were signed during the visit.", "en", None, []),
    ("The ministers failed to sign the transit agreement.", "en", None, []),
    ("The agreement of 2013 remains in force.", "en", None, []),
    ("The convention center hosted the business forum.", "en", None, []),
    ("He criticised the final declaration.", "en", None, []),
    ("Negotiators are working on the final declaration of the summit.", "en", None, []),
    ("In the final border agreement, Mongolia will end up getting a larger share.", "en", None, []),
    # --- English: references, groups, one record per document ---
    ("Under the Paris Agreement, the country pledged to cut emissions.", "en", None,
     [R("agreement", "mentioned")]),
    ("Uzbekistan and Hungary signed seven cooperation documents. The documents included a memorandum of "
     "understanding on tourism.", "en", None,
     [R("memorandum", "signed", parties={"Uzbekistan", "Hungary"})]),
    ("In May 2019, Kazakhstan and Mongolia held talks in Astana and signed 11 documents. A customs treaty was "
     "among the documents signed at the talks.", "en", None,
     [R("treaty", "signed", date="2019-05", place="Astana", parties={"Kazakhstan", "Mongolia"})]),
    ("Stressing the importance of the Almaty agreement, the minister said a transport document will be drafted "
     "and signed next year.", "en", None, [R("agreement", "mentioned")]),  # not planned, as the document
    ("Kyrgyzstan and Turkey signed five documents, including an agreement on tourism.", "en", None,
     [R("agreement", "signed", parties={"Kyrgyzstan", "Turkey"})]),
    ("Mongolia and Kazakhstan signed a document on Monday setting the roadmap for trade cooperation.", "en", None,
     [R("roadmap", "signed", parties={"Mongolia", "Kazakhstan"})]),
    ("The MOU, signed during the ministerial meeting in Samarkand, seeks to expand rail freight.", "en", None,
     [R("memorandum", "signed", place="Samarkand")]),
    ("The two countries also signed a protocol on customs cooperation and a memorandum on tourism.", "en", None,
     [R("protocol", "signed"), R("memorandum", "signed")]),
    ("Tajikistan and Uzbekistan signed an MOU on seed exchange. The MOU was signed in Khujand.", "en", None,
     [R("memorandum", "signed", place="Khujand", parties={"Tajikistan", "Uzbekistan"})]),
    ("Uzbekistan's Ministry of Agriculture signed an MOU with the Ministry of Economy of Georgia. The other one "
     "was signed with Armenia.", "en", None,
     [R("memorandum", "signed", parties={"Ministry of Agriculture", "Ministry of Economy of Georgia"}),
      R("memorandum", "signed", parties={"Ministry of Agriculture", "Armenia"})]),
    ("Kazakhstan and China sign transit agreement\n\nKazakhstan and China signed an agreement on transit "
     "on June 2, 2024 in Astana.", "en", None,
     [R("agreement", "signed", date="2024-06-02", place="Astana", parties={"Kazakhstan", "China"})]),
]  # fmt: skip


def _records(annotate, text: str, lang: str, published: str | None) -> list:
    if "\n\n" not in text:  # the first line of an article is its headline: give the body one
        text = ("Новости" if lang == "ru" else "News") + "\n\n" + text
    annotated = annotate(text, lang=lang, published=published)
    extraction = extract_all(annotated)
    entities, _, _ = merge_article(extraction, lang=lang)
    return merge_documents(extraction, entities)


def _check(record, expected: dict) -> list[str]:
    problems = []
    for attr in ("type", "status", "date", "place", "number", "title"):
        if attr in expected and getattr(record, attr) != expected[attr]:
            problems.append(f"{attr}: {getattr(record, attr)!r} != {expected[attr]!r}")
    missing = expected.get("parties", set()) - set(record.parties)
    if missing:
        problems.append(f"parties {record.parties} lack {sorted(missing)}")
    return problems


@pytest.mark.parametrize(("text", "lang", "published", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_document_records(annotate, text, lang, published, expected):
    records = _records(annotate, text, lang, published)
    assert [(r.type, r.status) for r in records] == [(e["type"], e["status"]) for e in expected]
    for record, want in zip(records, expected, strict=True):
        assert not _check(record, want), (_check(record, want), record)


# (text, language, the document's place): a participle clause set off by a comma runs to the next comma
# that joins no list, though the parse hangs the place on the main verb; each fails without
# `doc.set_off_participle_clause`
SET_OFF_CLAUSES = [
    ("Министры обсудили выполнение Ферганского меморандума, подписанного главами Узбекистана, Кыргызстана и "
     "Таджикистана в Намангане.", "ru", "Наманган"),
    ("Делегации приветствовали Каспийское соглашение, заключённое представителями Туркменистана, Ирана и "
     "Азербайджана в Туркменбаши в прошлом году.", "ru", "Туркменбаши"),
    ("The ministers welcomed the Aral accord, signed by Kazakhstan, Uzbekistan and Tajikistan in Nukus last year.",
     "en", "Nukus"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "lang", "place"), SET_OFF_CLAUSES)
def test_a_set_off_participle_clause_gives_its_place(annotate, text, lang, place):
    from pipeline import rules

    assert [r.place for r in _records(annotate, text, lang, None)] == [place]
    # doc.signing_place, the fallback to a city with a locative in the sentence, may find the same city
    with rules.disabled({"doc.set_off_participle_clause", "doc.signing_place"}):
        assert [r.place for r in _records(annotate, text, lang, None)] != [place]


def test_the_table_is_large_and_bilingual():
    assert len(CASES) >= 50
    assert {lang for _, lang, _, _ in CASES} == {"ru", "en"}
    assert sum(1 for *_, expected in CASES if not expected) >= 10  # texts that must give no record


def test_mentions_and_ids_of_one_document(annotate):
    text = (
        "Подписан меморандум между Казахстаном и Кыргызстаном. Целью меморандума является развитие торговли."
    )
    annotated = annotate(text, lang="ru")
    extraction = extract_all(annotated)
    entities, mentions, _ = merge_article(extraction, lang="ru")
    [record] = merge_documents(extraction, entities)
    documents = [m for m in mentions if m.kind == "document"]
    assert record.mentions == 2 and len(documents) == 2
    assert {m.attrs["entity_id"] for m in documents} == {record.document_id}
    assert all(annotated.text[m.start : m.stop].lower().startswith("меморандум") for m in documents)
    assert len(record.party_ids) == len(record.parties) and all(record.party_ids)


def test_parties_are_named_as_the_articles_entities(annotate):
    text = "Новости\n\nКыргызская Республика и Республика Казахстан подписали соглашение о транзите грузов."
    [record] = _records(annotate, text, "ru", None)
    assert set(record.parties) == {"Кыргызстан", "Казахстан"}  # the places' canonical names, not the forms


def test_law_spans_inside_document_mentions_are_counted():
    from pipeline.evaluate_corpus import DocumentCoverage, Span

    ours = [Span(10, 60, "document"), Span(100, 120, "person")]
    gold = [
        Span(20, 40, "document"),
        Span(55, 70, "document"),
        Span(200, 210, "document"),
        Span(100, 120, "person"),
    ]
    covered = DocumentCoverage()
    covered.add(ours, gold)
    assert (covered.gold, covered.inside, covered.overlapping, covered.mentions) == (3, 1, 2, 1)
