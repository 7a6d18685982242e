from pipeline.article import Mention
from pipeline.extract import Extraction
from pipeline.merge import entity_id, merge_article, name_key


def person(normal, start):
    return Mention("person", start, start + len(normal), normal, normal)


def org(normal, start, abbreviation=None):
    return Mention("organisation", start, start + len(normal), normal, normal, {"abbreviation": abbreviation})


def extraction(**lists):
    base = {"published": None, "dates": (), "places": (), "organisations": (), "people": (), "documents": ()}
    return Extraction(**{**base, **{k: tuple(v) for k, v in lists.items()}})


def test_people_initials_full_form_and_bare_surname_are_one_entity():
    people = [
        person("Бакыт Джусупов", 0),
        person("Б. Джусупов", 50),
        person("Джусупов", 90),
        person("Ли Йонг", 120),
    ]
    entities, mentions, _ = merge_article(extraction(people=people), lang="ru")
    by_name = {e.name: e for e in entities}
    assert set(by_name) == {"Бакыт Джусупов", "Ли Йонг"}
    assert by_name["Бакыт Джусупов"].aliases == ("Б. Джусупов", "Джусупов")
    assert len(by_name["Бакыт Джусупов"].mentions) == 3
    assert all(m.attrs["entity_id"] for m in mentions)


def test_people_with_different_first_initials_stay_apart():
    entities, _, _ = merge_article(
        extraction(people=[person("А. Иванов", 0), person("Б. Иванов", 20)]), lang="ru"
    )
    assert sorted(e.name for e in entities) == ["А. Иванов", "Б. Иванов"]


def test_organisation_abbreviation_defined_in_text_joins_later_uses():
    orgs = [org("Международное агентство по атомной энергии", 0, "МАГАТЭ"), org("МАГАТЭ", 80)]
    [entity], _, _ = merge_article(extraction(organisations=orgs), lang="ru")
    assert entity.name == "Международное агентство по атомной энергии"
    assert entity.aliases == ("МАГАТЭ",)
    assert entity.entity_id == entity_id("organisation", name_key(entity.name))


def test_entity_ids_are_stable_and_case_insensitive():
    assert entity_id("organisation", name_key("ПРООН")) == entity_id("organisation", name_key("проон"))
    assert entity_id("organisation", "x") != entity_id("person", "x")


def test_unknown_places_take_the_article_country_and_a_kind():
    from pipeline.extract.places import unknown_kind

    def place(name, start, **attrs):
        base = {"kind": unknown_kind(name, "ru"), "country": None, "key": None}
        return Mention("place", start, start + len(name), name, name, {**base, **attrs})

    places = [
        place("Кыргызстан", 0, kind="country", country="KG", key="country:KG"),
        place("Бишкек", 20, kind="city", country="KG", key="geonames:1528675"),
        place("Жумгальский район", 40),
        place("Каджи-Сай", 70),
        place("Центральная Азия", 90, kind="region", country=None, key="place:central asia"),
    ]
    by_name = {e.name: e.attrs for e in merge_article(extraction(places=places), lang="ru")[0]}
    assert (by_name["Жумгальский район"]["kind"], by_name["Жумгальский район"]["country"]) == ("admin", "KG")
    assert (by_name["Каджи-Сай"]["kind"], by_name["Каджи-Сай"]["country"]) == ("city", "KG")
    assert by_name["Центральная Азия"]["country"] is None
