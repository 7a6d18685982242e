"""Corpus loaders: tiny fixtures in each corpus's real format, then the real corpora in ../shared."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipeline.corpora import CORPORA, SHARED, TYPE_MAPS, CorpusDoc, default_path, load

NAMES = ("nerel", "factrueval", "collection5", "bsnlp", "conll2003", "meantime", "tempeval3")


def write(path: Path, text: str, *, newline: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline=newline) as handle:
        handle.write(text)
    return path


def check_offsets(doc: CorpusDoc) -> None:
    for span in doc.spans:
        assert doc.text[span.start : span.stop] == span.text, (doc.doc_id, span)
        assert span.text == span.text.strip() and span.text


def triples(doc: CorpusDoc) -> list[tuple[str, str, str]]:
    return [(s.text, s.kind, s.label) for s in doc.spans]


# --- the package --------------------------------------------------------------------------------


def test_names_maps_and_paths():
    assert tuple(CORPORA) == NAMES
    assert set(TYPE_MAPS) == set(NAMES)
    kinds = {"person", "organisation", "place", "date", "document", None}
    assert all(set(m.values()) <= kinds for m in TYPE_MAPS.values())
    assert default_path("nerel", "/x") == Path("/x/corpora/nerel")
    assert default_path("factrueval", "/x") == Path("/x/corpora/factrueval2016")
    assert default_path("tempeval3").parent == SHARED / "corpora"


def test_unknown_corpus_or_split(tmp_path):
    with pytest.raises(ValueError, match="unknown corpus"):
        load("nope", tmp_path)
    with pytest.raises(ValueError, match="unknown split"):
        load("nerel", tmp_path, split="nope")


def test_missing_folder_warns_and_gives_nothing(tmp_path, capsys):
    assert list(load("nerel", tmp_path)) == []
    assert "warning" in capsys.readouterr().err


# --- NEREL (brat, nested, discontinuous, Wikidata names) ------------------------------------------

NEREL_TXT = "Жолт Хорняк возглавил «Бананц» (Ереван).\nГлавный тренер «Бананца» Хорняк, 10 мая 2019 года"


def nerel_fixture(root: Path) -> Path:
    text = NEREL_TXT
    folder = root / "NEREL-v1.1" / "test"
    write(folder / "7.txt", text)
    hornyak = text.index("Хорняк", 20)
    ann = [
        "T1\tPERSON 0 11\tЖолт Хорняк",
        "T2\tORGANIZATION 23 29\tБананц",
        "T3\tCITY 32 38\tЕреван",
        f"T4\tPROFESSION 41 {text.index('«Бананца»') + 9}\tГлавный тренер «Бананца»",  # not scored
        f"T5\tORGANIZATION {text.index('Бананца')} {text.index('Бананца') + 7}\tБананца",  # nested in T4
        f"T6\tPERSON {hornyak} {hornyak + 6}\tХорняк",
        f"T7\tDATE {text.index('10 мая')} {text.index('10 мая') + 6};{text.index('2019')} {len(text)}\t"
        "10 мая 2019 года",  # discontinuous: first fragment
        "R1\tWORKPLACE Arg1:T1 Arg2:T2\t",
        "N1\tReference T1 Wikidata:Q8074815\tХорняк, Жолт",
        "N2\tReference T2 Wikidata:Q757253\tБананц",
        "N3\tReference T3 Wikidata:NULL\tнет данных",
        "N4\tReference T6 Wikidata:Q8074815\t",
        "N5\tReference T6 Wikidata:Q8074815\tХорняк, Жолт",
        "a stray line of text",
    ]
    write(folder / "7.ann", "\n".join(ann) + "\n")
    return root


def test_nerel(tmp_path, capsys):
    (doc,) = load("nerel", nerel_fixture(tmp_path))
    check_offsets(doc)
    assert (doc.doc_id, doc.lang, doc.split, doc.text, doc.dct) == ("7", "ru", "test", NEREL_TXT, None)
    assert [(s.start, s.stop, s.kind, s.label, s.text, s.base) for s in doc.spans] == [
        (0, 11, "person", "PERSON", "Жолт Хорняк", "Хорняк, Жолт"),
        (23, 29, "organisation", "ORGANIZATION", "Бананц", "Бананц"),
        (32, 38, "place", "CITY", "Ереван", None),
        (57, 64, "organisation", "ORGANIZATION", "Бананца", None),
        (66, 72, "person", "PERSON", "Хорняк", "Хорняк, Жолт"),
        (74, 80, "date", "DATE", "10 мая", None),
    ]
    assert "1 unparsable line" in capsys.readouterr().err


def test_nerel_bad_offsets_skip_the_span_not_the_doc(tmp_path, capsys):
    write(tmp_path / "test" / "1.txt", "Москва и Казань")
    write(tmp_path / "test" / "1.ann", "T1\tCITY 0 6\tМосква\nT2\tCITY 90 95\tКазань\n")
    (doc,) = load("nerel", tmp_path)  # the root may be the NEREL-v1.1 folder itself
    assert triples(doc) == [("Москва", "place", "CITY")]
    assert "does not match" in capsys.readouterr().err


# --- factRuEval (.spans / .objects) ------------------------------------------------------------------

FRE_TXT = "Александр Вертинский родился в Киеве.\nОАО «Тюменская нефтяная компания» и Россия"


def fre_fixture(root: Path) -> Path:
    text, folder = FRE_TXT, root / "testset"

    def at(piece: str) -> int:
        return text.index(piece)

    spans = [
        (1, "name", at("Александр"), 9, 11, 1, "Александр"),
        (2, "surname", at("Вертинский"), 10, 12, 1, "Вертинский"),
        (3, "loc_name", at("Киеве"), 5, 15, 1, "Киеве"),
        (4, "org_descr", at("ОАО"), 3, 17, 1, "ОАО"),
        (5, "org_name", at("Тюменская"), 27, 19, 3, "Тюменская нефтяная компания"),
        (6, "loc_name", at("Россия"), 6, 24, 1, "Россия"),
        (7, "prj_name", at("нефтяная"), 8, 20, 1, "нефтяная"),
    ]
    lines = []
    for sid, typ, start, length, tok, n, words in spans:
        ids = " ".join(str(tok + i) for i in range(n))
        lines.append(f"{sid} {typ} {start} {length} {tok} {n}  # {ids} {words}")
    write(folder / "book_9.spans", "\n".join(lines) + "\n")
    objects = [
        "10 Person 1 2 # Александр Вертинский",
        "11 Location 3 # Киеве",
        "12 Org 4 5 # ОАО Тюменская нефтяная компания",
        "13 LocOrg 6 # Россия",
        "14 Project 7 # нефтяная",
        "15 Org 4 99 # a missing span",
    ]
    write(folder / "book_9.objects", "\n".join(objects) + "\n")
    write(folder / "book_9.txt", text)
    write(folder / "book_10.objects", "")
    write(folder / "book_10.spans", "")
    write(folder / "book_10.txt", "Пусто.")
    write(folder / "list.txt", "book_9.txt book_1.txt\n")
    return root


def test_factrueval(tmp_path, capsys):
    docs = list(load("factrueval", fre_fixture(tmp_path)))
    assert [d.doc_id for d in docs] == ["book_9", "book_10"]  # natural order; list.txt is not a doc
    doc = docs[0]
    check_offsets(doc)
    assert (doc.lang, doc.split, doc.text) == ("ru", "test", FRE_TXT)
    assert triples(doc) == [
        ("Александр Вертинский", "person", "Person"),
        ("Киеве", "place", "Location"),
        ("ОАО «Тюменская нефтяная компания", "organisation", "Org"),  # the closing quote is in no span
        ("Россия", "place", "LocOrg"),
    ]
    assert "missing span" in capsys.readouterr().err
    assert [d.doc_id for d in load("factrueval", tmp_path, split="testset", limit=1)] == ["book_9"]


# --- Collection5 (brat with CRLF offsets on LF text) ------------------------------------------------


def test_collection5_crlf_offsets(tmp_path):
    text = "Россия и США\nВ Москве РИА Новости\nсообщили о Токсово\nПутин"
    crlf = text.replace("\n", "\r\n")

    def at(piece: str, extra: int = 0) -> str:
        start = crlf.index(piece)
        return f"{start} {start + len(piece) + extra}"

    ann = [
        f"T1\tGEOPOLIT {at('Россия')}\tРоссия",
        f"T2\tGEOPOLIT {at('США')}\tСША",
        f"T3\tLOC {at('Москве')}\tМоскве",
        f"T4\tMEDIA {at('РИА Новости')}\tРИА Новости",
        f"T5\tLOC {at('Токсово', 1)}\tТоксово",  # the end includes the "\r" (last_60.ann)
        f"T6\tLOC {at('Токсово', 1)}\tТоксово",  # an exact duplicate
        f"T7\tPER {at('Путин')}\tПутин",
        "",
    ]
    write(tmp_path / "collection5" / "001.txt", text)
    write(tmp_path / "collection5" / "001.ann", "\n".join(ann) + "\n")
    (doc,) = load("collection5", tmp_path)
    check_offsets(doc)
    assert (doc.doc_id, doc.split, doc.text) == ("001", "all", text)
    assert triples(doc) == [
        ("Россия", "place", "GEOPOLIT"),
        ("США", "place", "GEOPOLIT"),
        ("Москве", "place", "LOC"),
        ("РИА Новости", "organisation", "MEDIA"),
        ("Токсово", "place", "LOC"),
        ("Путин", "person", "PER"),
    ]
    assert doc.spans[-1].start == text.index("Путин")


# --- BSNLP (document-level forms, offsets found in the text) ---------------------------------------


def test_bsnlp_occurrences(tmp_path, capsys):
    raw = (
        "ru-ryanair-new-extra-1\r\nru\r\n2019-01-10\r\nhttps://example.org/1\r\n"
        "Климкин и МИД Литвы\r\n\r\nГлава МИД Литвы Линас Линкявичюс и Тереза\u200bМэй. "
        "МИД Украины. Литвы нет. Северный поток-2 и 2018 годаЕвропарламент.\r\n"
    )
    write(tmp_path / "nord_stream" / "raw" / "ru" / "Nord_1.txt", raw, newline="")
    gold = [
        "ru-ryanair-new-extra-1",
        "МИД Литвы\tМИД Литвы\tORG\tORG-MFA-Lithuania",
        "МИД\tМИД\tORG\tORG-MFA",
        "Литвы\tЛитва\tLOC\tGPE-Lithuania",
        "Климкин\tКлимкин\tPER\tPER-Klimkin",
        "Тереза Мэй\tТереза Мэй\tPER\tPER-May",
        "Северный поток-2\tСеверный поток-2\tPRO\tPRO-NS2",
        "Европарламент\tЕвропарламент\tORG\tORG-EP",
        "Лондон\tЛондон\tLOC\tGPE-London",
    ]
    write(tmp_path / "nord_stream" / "annotated" / "ru" / "Nord_1.out", "\n".join(gold) + "\n")
    (doc,) = load("bsnlp", tmp_path)
    check_offsets(doc)
    assert (doc.doc_id, doc.split) == ("nord_stream/Nord_1", "test")
    assert doc.text.startswith("Климкин и МИД Литвы\n\nГлава") and "\r" not in doc.text
    assert [(s.text, s.kind, s.base) for s in doc.spans] == [
        ("Климкин", "person", "Климкин"),
        ("МИД Литвы", "organisation", "МИД Литвы"),
        ("МИД Литвы", "organisation", "МИД Литвы"),
        ("Тереза\u200bМэй", "person", "Тереза Мэй"),
        ("МИД", "organisation", "МИД"),  # only the free occurrence
        ("Литвы", "place", "Литва"),  # "Литвы" inside "МИД Литвы" is not a mention of its own
        ("Европарламент", "organisation", "Европарламент"),  # bounded on one side only
    ]  # PRO "Северный поток-2" is not scored
    assert "'Лондон' not found" in capsys.readouterr().err


def test_bsnlp_2017_lowercased(tmp_path):
    write(
        tmp_path / "ec" / "raw" / "ru" / "file_5_ru.txt", "5\nru\n\nhttp://x\nТитул\n«Газпром» и Брюссель.\n"
    )
    write(
        tmp_path / "ec" / "annotated" / "ru" / "5.txt",
        "5\nгазпром\tгазпром\tORG\t1\nбрюссель\tбрюссель\tLOC\t2\n",
    )
    write(tmp_path / "trump" / "raw" / "ru" / "file_6.txt", "6\nru\n\nhttp://y\nТрамп\nТекст.\n")
    write(tmp_path / "trump" / "annotated" / "ru" / "6.txt", "6\nтрамп\tтрамп\tPER\t1\n")
    docs = list(load("bsnlp", tmp_path, split="2017"))
    assert [d.doc_id for d in docs] == ["ec/5", "trump/6"]
    assert [(s.text, s.kind, s.base) for s in docs[0].spans] == [
        ("Газпром", "organisation", "газпром"),
        ("Брюссель", "place", "брюссель"),
    ]
    assert [s.text for s in next(iter(load("bsnlp", tmp_path, split="trump"))).spans] == ["Трамп"]


# --- CoNLL-2003 (IOB2 and IOB1) ------------------------------------------------------------------------

CONLL = """-DOCSTART- -X- -X- O

SOCCER NN B-NP O
- : O O
JAPAN NNP B-NP B-LOC
WIN VB B-VP O

Nadim NNP B-NP B-PER
Ladki NNP I-NP I-PER

-DOCSTART- -X- -X- O

New NNP I-NP I-ORG
York NNP I-NP I-ORG
Times NNP I-NP I-ORG
John NNP I-NP I-PER
Smith NNP I-NP B-PER
of IN O O
the DT O I-MISC
West NNP I-NP I-LOC
"""


def test_conll_iob(tmp_path):
    write(tmp_path / "test.txt", CONLL)
    docs = list(load("conll2003", tmp_path))
    assert [d.doc_id for d in docs] == ["test-001", "test-002"]
    for doc in docs:
        check_offsets(doc)
    assert docs[0].text == "SOCCER - JAPAN WIN\nNadim Ladki"
    assert [(s.start, s.stop, s.kind, s.label) for s in docs[0].spans] == [
        (9, 14, "place", "LOC"),
        (19, 30, "person", "PER"),
    ]
    assert triples(docs[1]) == [
        ("New York Times", "organisation", "ORG"),
        ("John", "person", "PER"),  # IOB1: B- separates two adjacent entities of one type
        ("Smith", "person", "PER"),
        ("West", "place", "LOC"),  # MISC is not scored
    ]
    assert list(load("conll2003", tmp_path, split="dev")) == []  # no valid.txt


# --- MEANTIME (tokens + markables) ----------------------------------------------------------------


def meantime_fixture(root: Path) -> Path:
    sentences = [
        ["Boeing", "wins"],
        ["March", "01", ",", "2008"],
        ["It", "said", "US", "firm", "Boeing", "grew", "50", "years", "ago"],
    ]
    tokens, t_id = [], 0
    for number, words in enumerate(sentences):
        for word in words:
            t_id += 1
            tokens.append(f'<token number="{t_id - 1}" sentence="{number}" t_id="{t_id}">{word}</token>')

    def anchors(*ids: int) -> str:
        return "".join(f'<token_anchor t_id="{i}"/>' for i in ids)

    xml = f"""<?xml version="1.0" ?><Document doc_id="1" doc_name="1_Boeing" lang="en" url="x">
{"".join(tokens)}
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM">{anchors(1)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="2">{anchors(7)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="PRE.NAM">{anchors(9)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NOM">{anchors(9, 10)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="5" syntactic_type="">{anchors(11)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="6" syntactic_type="NAM">{anchors(12)}</ENTITY_MENTION>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="20" type="DATE" value="2008-03-01">{anchors(3, 4, 5, 6)}</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="21" type="DATE" value="1958">{anchors(13, 14, 15)}</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="22" type="DURATION" value="P50Y">{anchors(13, 14)}</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="23" type="DATE" value="2058"/>
<ENTITY ent_type="ORG" m_id="30" TAG_DESCRIPTOR="Boeing"/>
<ENTITY ent_type="LOC" m_id="31" TAG_DESCRIPTOR="US"/>
<ENTITY ent_type="ORG" m_id="32" TAG_DESCRIPTOR="US firm"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><source m_id="5"/><target m_id="30"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="3"/><target m_id="31"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="4"/><target m_id="32"/></REFERS_TO>
</Relations>
</Document>
"""
    write(root / "intra_cross-doc_annotation" / "corpus_airbus" / "1_Boeing.xml", xml)
    write(root / "intra_cross-doc_annotation" / "corpus_apple" / "2_broken.xml", "<Document><token")
    return root


def test_meantime(tmp_path, capsys):
    root = meantime_fixture(tmp_path)
    (doc,) = load("meantime", root)
    assert "2_broken.xml" in capsys.readouterr().err  # malformed: skipped with a warning
    check_offsets(doc)
    assert doc.text == "Boeing wins\nMarch 01 , 2008\nIt said US firm Boeing grew 50 years ago"
    assert (doc.doc_id, doc.lang, doc.dct, doc.split) == ("1_Boeing", "en", "2008-03-01", "all")
    assert [(s.text, s.kind, s.label, s.value) for s in doc.spans] == [
        ("Boeing", "organisation", "ORG", None),
        ("March 01 , 2008", "date", "TIMEX3:DATE", "2008-03-01"),  # the DCT is in the body: a span
        ("US", "place", "LOC", None),  # PRE.NAM; "US firm" (NOM) and "It" (no type, a pronoun) are not
        ("Boeing", "organisation", "ORG", None),  # untyped but looks like a name
        ("50 years ago", "date", "TIMEX3:DATE", "1958"),
    ]  # "grew" has no REFERS_TO; the DURATION and the anchorless TIMEX3 are not spans
    assert list(load("meantime", root, split="apple")) == []


# --- TempEval-3 (inline TimeML) -------------------------------------------------------------------

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>AP_1</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2013-03-22">March 22, 2013</TIMEX3></DCT>
<TITLE>Flu &amp; kids</TITLE>
<TEXT>

The <EVENT eid="e1">season</EVENT> started <TIMEX3 tid="t1" type="DURATION" value="P1M">a month</TIMEX3> early &amp; \
ended <TIMEX3 tid="t2" type="DATE" value="2013-03-22">Friday</TIMEX3>, as in <TIMEX3 tid="t3" type="DATE" \
value="2009">2009</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
"""


def test_tempeval(tmp_path, capsys):
    write(tmp_path / "te3-platinum" / "AP_1.tml", TML)
    write(tmp_path / "te3-platinum" / "bad.tml", "<TimeML><TEXT>unclosed")
    write(tmp_path / "TBAQ-cleaned" / "TimeBank" / "T_1.tml", TML.replace("2013-03-22", "1998-01-08"))
    (doc,) = load("tempeval3", tmp_path)
    assert "bad.tml" in capsys.readouterr().err
    check_offsets(doc)
    assert doc.text == "The season started a month early & ended Friday, as in 2009."
    assert (doc.doc_id, doc.dct, doc.split) == ("AP_1", "2013-03-22", "platinum")
    assert [(s.start, s.text, s.kind, s.label, s.value) for s in doc.spans] == [
        (41, "Friday", "date", "TIMEX3:DATE", "2013-03-22"),
        (55, "2009", "date", "TIMEX3:DATE", "2009"),
    ]  # the DCT (metadata) and the DURATION are not spans
    (train,) = load("tempeval3", tmp_path, split="train")
    assert (train.split, train.dct) == ("timebank", "1998-01-08")
    assert list(load("tempeval3", tmp_path, split="aquaint")) == []


# --- the real corpora in ../shared ----------------------------------------------------------------

# documents in the default split, and gold counts per label, as the corpora's SOURCE.md give them
EXPECTED_DOCS = {
    "nerel": 93,
    "factrueval": 132,
    "collection5": 1000,
    "bsnlp": 300,
    "conll2003": 231,
    "meantime": 120,
    "tempeval3": 20,
}
EXPECTED_LABELS = {
    "nerel": {"PERSON": 961, "ORGANIZATION": 675, "DATE": 523, "COUNTRY": 456, "CITY": 239, "LAW": 62},
    # SOURCE counts 3,140 LOC and 1,388 Person: one exact duplicate each is kept once
    "collection5": {"PER": 10623, "ORG": 7033, "GEOPOLIT": 4104, "LOC": 3139, "MEDIA": 1509},
    "factrueval": {"Person": 1387, "Location": 728, "LocOrg": 846},
    "conll2003": {"LOC": 1668, "ORG": 1661, "PER": 1617},
    "meantime": {"TIMEX3:DATE": 404},
    "tempeval3": {"TIMEX3:DATE": 96},
}


def shared_corpus(name: str) -> Path:
    path = default_path(name)
    if not path.is_dir():
        pytest.skip(f"{path} is absent")
    return path


@pytest.mark.shared
@pytest.mark.parametrize("name", NAMES)
def test_shared_first_documents(name):
    docs = list(load(name, shared_corpus(name), limit=5))
    assert len(docs) == 5
    assert len({d.doc_id for d in docs}) == 5
    for doc in docs:
        check_offsets(doc)
        assert doc.lang == CORPORA[name].lang
    assert sum(len(d.spans) for d in docs) > 0


@pytest.mark.shared
@pytest.mark.parametrize("name", NAMES)
def test_shared_default_split_counts(name):
    docs = list(load(name, shared_corpus(name)))
    assert len(docs) == EXPECTED_DOCS[name]
    labels = Counter(s.label for d in docs for s in d.spans)
    for label, count in EXPECTED_LABELS.get(name, {}).items():
        assert labels[label] == count, label
    if name in ("tempeval3", "meantime"):
        assert sum(d.dct is not None for d in docs) == len(docs) - (2 if name == "meantime" else 0)
    if name == "bsnlp":
        assert all(s.base for d in docs for s in d.spans)
