"""The documents stage's vocabulary, Russian and English, in one place: document types, the
predicates that give a status, and the words that change it (modality, drafts, references).

Everything is matched on lemmas (natasha's pymorphy lemmas, spaCy's lemmas), lower-cased.
"""

from __future__ import annotations

import re

# --- types ----------------------------------------------------------------------------------------
# A document noun (lemma) -> type.
TYPE_LEMMAS = {
    "меморандум": "memorandum", "протокол": "protocol", "резолюция": "resolution", "декларация": "declaration",
    "соглашение": "agreement", "договоренность": "agreement", "договорённость": "agreement", "договор": "treaty", "пакт": "treaty",
    "конвенция": "convention", "коммюнике": "communique",
    "memorandum": "memorandum", "memoranda": "memorandum", "memorandums": "memorandum", "mou": "memorandum",
    "mous": "memorandum", "protocol": "protocol", "resolution": "resolution", "declaration": "declaration",
    "agreement": "agreement", "accord": "agreement", "treaty": "treaty", "pact": "treaty", "convention": "convention",
    "roadmap": "roadmap", "road-map": "roadmap", "communique": "communique", "communiqué": "communique",
}  # fmt: skip
# Nouns that are a document type only with a companion word among their dependents or neighbours:
# (head lemma, companion lemma) -> type.
TYPE_PAIRS = {
    ("карта", "дорожный"): "roadmap", ("план", "действие"): "plan", ("план", "работа"): "plan",
    ("план", "сотрудничество"): "plan", ("план", "мероприятие"): "plan", ("план", "взаимодействие"): "plan",
    ("программа", "рамочный"): "plan", ("программа", "сотрудничество"): "plan",
    ("программа", "взаимодействие"): "plan", ("заявление", "совместный"): "statement",
    ("нота", "обменный"): "agreement", ("нота", "обмен"): "agreement", ("note", "exchange"): "agreement",
    ("map", "road"): "roadmap", ("plan", "action"): "plan", ("plan", "work"): "plan",
    ("plan", "cooperation"): "plan", ("programme", "cooperation"): "plan", ("program", "cooperation"): "plan",
    ("programme", "framework"): "plan", ("program", "framework"): "plan", ("statement", "joint"): "statement",
    ("communique", "joint"): "communique",
}  # fmt: skip
# Nouns whose plural names one document: "Обменные ноты", "the exchange of notes".
PLURAL_NAMES = {"нота", "note"}
# Verbs that say what a named document is, not another one: "Обменные ноты, образующие международный
# договор", "notes constituting an agreement".
CONSTITUTING_VERBS = {
    "образовать",
    "образовывать",
    "образующий",
    "составлять",
    "составить",
    "constitute",
    "form",
}
# The founding treaty of an organisation, a treaty when an organisation is named with it: "Устав
# Шанхайской организации сотрудничества", "the Charter of the United Nations", "the UN Charter".
CHARTER_NOUNS = {"устав", "charter"}
# Nouns that stand for any document: "11 документов подписано", "the documents signed in the session".
GENERIC_LEMMAS = {"документ", "document"}
# Words before a document noun that make it part of an organisation's name ("Организация Договора
# о коллективной безопасности").
NAME_HEADS = {"организация", "organization", "organisation"}

# --- statuses -------------------------------------------------------------------------------------
# Predicates (verbs, participles, adjectives) -> status.
STATUS_VERBS = {
    "подписать": "signed", "подписывать": "signed", "заключить": "signed", "заключать": "signed",
    "совершить": "signed", "подписанный": "signed", "заключенный": "signed", "заключённый": "signed",
    "принять": "adopted", "принимать": "adopted", "утвердить": "adopted", "утверждать": "adopted",
    "одобрить": "adopted", "одобрять": "adopted", "принятый": "adopted", "утвержденный": "adopted",
    "одобренный": "adopted", "ратифицировать": "ratified", "ратифицированный": "ratified",
    "sign": "signed", "ink": "signed", "conclude": "signed", "seal": "signed", "signed": "signed",
    "adopt": "adopted", "approve": "adopted", "endorse": "adopted", "pass": "adopted", "endorsed": "adopted",
    "adopted": "adopted", "ratify": "ratified", "ratified": "ratified",
}  # fmt: skip
# Word beginnings of status verbs the tagger sometimes takes for another part of speech
# ("ратифицировали" tagged ADV keeps its surface form as lemma).
STATUS_STEMS = (
    ("ратифициров", "ratified"),
    ("подписал", "signed"),
    ("подписан", "signed"),
    ("утвердил", "adopted"),
)
# Predicates that give a status to some types only: "reach an agreement", "issue a joint statement".
TYPED_VERBS = {
    ("reach", "agreement"): "signed", ("issue", "statement"): "adopted", ("issue", "communique"): "adopted",
    ("issue", "declaration"): "adopted", ("release", "statement"): "adopted",
}  # fmt: skip
# Drafting predicates: the document exists as a draft, so it is planned.
DRAFTING_VERBS = {
    "разработать", "разрабатывать", "подготовить", "подготавливать", "доработать", "согласовать",
    "draft", "prepare", "finalize", "finalise", "negotiate",
}  # fmt: skip
# Verbs that talk of an act, not perform it: "обсудили вопросы подписания", "talked about the signing".
DISCUSSING_VERBS = {
    "обсудить", "обсуждать", "рассмотреть", "рассматривать", "обменяться", "обмениваться", "говорить",
    "поговорить", "затронуть", "затрагивать", "discuss", "talk", "consider", "address", "review", "debate",
    "exchange", "negotiate",
}  # fmt: skip
# Nouns between an act noun and its verb that keep the act an event: "церемония подписания",
# "в ходе подписания", "по итогам подписания"; any other noun makes it a topic ("вопросы подписания").
EVENT_NOUNS = {
    "церемония", "ход", "итог", "время", "участие", "присутствие", "ceremony", "course", "result", "outcome",
    "time", "occasion", "participation", "presence", "event",
}  # fmt: skip
# Nouns of the act: "подписание протокола", "the signing of the MoU".
ACTION_NOUNS = {
    "подписание": "signed", "заключение": "signed", "принятие": "adopted", "утверждение": "adopted",
    "одобрение": "adopted", "ратификация": "ratified", "присоединение": "ratified",
    "signing": "signed", "conclusion": "signed", "adoption": "adopted", "approval": "adopted",
    "ratification": "ratified", "accession": "ratified",
}  # fmt: skip
# The bill or law that carries a ratification: "законопроект «О ратификации Соглашения…»".
LAW_NOUNS = {"закон", "law", "act"}
BILL_NOUNS = {"законопроект", "bill"}
# Who ratifies: "Сенат одобрил ратификацию", "Parliament approved the ratification".
LEGISLATURES = {
    "парламент", "сенат", "мажилис", "мажлис", "кенеш", "дума", "меджлис", "маджлис", "палата", "собрание",
    "депутат", "президент", "parliament", "senate", "majlis", "mazhilis", "kenesh", "duma", "chamber", "house",
    "assembly", "congress", "lawmaker", "legislator", "mp", "deputy", "president",
}  # fmt: skip
DRAFT_NOUNS = {"проект", "draft"}
# Final readings of a bill: "принят в трех чтениях", "во втором и третьем чтениях", "в целом".
FINAL_READING = (
    r"(?:в\s+(?:тр[её]х|третьем|окончательном)\s+чтени|во\s+втором\s+и\s+третьем\s+чтени|в\s+целом)"
)
FIRST_READING = r"в\s+первом\s+чтении"

# --- modality -------------------------------------------------------------------------------------
# Verbs above a predicate that make it an intention: "планируется подписать", "plans to sign".
PLANNING_VERBS = {
    "планировать", "планироваться", "намереваться", "предстоять", "предполагаться", "ожидаться", "готовиться",
    "собираться", "договориться", "предлагать", "предложить", "рассчитывать", "хотеть",
    "plan", "intend", "expect", "hope", "aim", "prepare", "agree", "propose", "seek", "want", "wish",
    "suggest", "urge", "call", "recommend", "готовность", "намерение", "readiness", "willingness",
    "intention", "ready", "готовый",
}  # fmt: skip
# Auxiliaries and adjectives of the future: "будет подписан", "will sign", "для последующего подписания".
FUTURE_AUX = {"будет", "будут", "will", "shall", "would", "could", "might", "may"}
FUTURE_WORDS = {
    "последующий", "предстоящий", "будущий", "намерен", "намеренный", "должный", "upcoming", "future",
    "forthcoming", "proposed", "planned",
}  # fmt: skip
# Verbs that deny their complement: "failed to reach an agreement", "отказались подписать".
REFUSING_VERBS = {
    "fail",
    "refuse",
    "decline",
    "reject",
    "отказаться",
    "отказываться",
    "отклонить",
    "отвергнуть",
}
# Types a body adopts; with a number or a date of their own and no predicate they are adopted
# ("resolution A/RES/76/129 of December 16, 2021").
ADOPTED_TYPES = {"resolution", "declaration"}
NOT_YET = {"еще", "ещё", "пока", "yet"}
NEGATIONS = {"не", "not", "n't", "never"}

# --- references to an existing document -----------------------------------------------------------
# Nouns and prepositions that govern a document referred to, not acted on: "в соответствии с
# Соглашением", "в рамках меморандума", "во исполнение пункта 16 Плана", "under the Treaty",
# "within the framework of the memorandum", "enshrined in the Charter".
REFERENCE_HEADS = {
    "соответствие", "рамка", "исполнение", "основание", "основа", "развитие", "реализация", "выполнение",
    "положение", "статья", "пункт", "сторона", "участник", "норма", "согласно", "участница",
    "accordance", "framework", "line", "basis", "implementation", "provision", "article", "party",
    "compliance", "under", "enshrine", "base", "pursuant", "stipulate", "per", "clause", "according",
}  # fmt: skip
# Nouns that change a document: "Протокол о внесении изменений в Соглашение", "amendments to the Treaty".
AMENDMENT_HEADS = {"изменение", "внесение", "поправка", "дополнение", "amendment", "change", "addendum"}
# Words that refer back to a document already named: "данное Соглашение", "this agreement".
ANAPHORIC = {
    "данный", "этот", "указанный", "вышеуказанный", "настоящий", "такой", "названный",
    "упомянутый", "вышеупомянутый", "this", "these", "that", "such", "said", "aforementioned",
}  # fmt: skip
# Words that introduce a second document of a kind already named: "The other one is signed with…".
OTHER = {"другой", "второй", "второе", "other", "another", "second"}
# Adjectives of a document as an event's outcome: "итоговая резолюция форума", "the final declaration".
FINAL_ADJECTIVES = {"итоговый", "заключительный", "final", "concluding"}
FINAL_TYPES = {"resolution", "declaration", "communique"}  # adopted as an event's outcome
# Events whose outcome a final document is: "итоговая декларация саммита", "the forum's final resolution".
EVENTS = {
    "форум", "саммит", "встреча", "конференция", "заседание", "совещание", "сессия", "переговоры", "визит",
    "съезд", "конгресс", "ассамблея", "summit", "forum", "meeting", "conference", "session", "talks", "visit",
    "congress", "assembly", "gathering",
}  # fmt: skip

# Idioms that are no documents: "пришли к соглашению о доработке", "to take part".
IDIOM_VERBS = {"прийти", "приходить"}

# --- parties --------------------------------------------------------------------------------------
PARTY_PREPOSITIONS = {"между", "с", "со", "between", "with", "among", "by"}
LIST_WORDS = {",", "и", "and", "а", "также", "as", "well", "&"}
# Nouns that stand for the parties named before: "стороны подписали", "the two countries signed".
GROUP_NOUNS = {
    "сторона", "страна", "государство", "side", "party", "country", "nation", "state", "government",
}  # fmt: skip
NUMBER_WORDS = {
    "два": 2, "две": 2, "оба": 2, "обе": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "two": 2,
    "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
}  # fmt: skip
# Words that make a document generic rather than one document: "some agreements", "все соглашения".
QUANTIFIERS = {"все", "весь", "некоторый", "несколько", "ряд", "many", "several", "some", "all", "various"}
# Modifiers that say nothing about which document it is (ignored when telling two documents apart).
NEUTRAL_MODIFIERS = (
    ANAPHORIC
    | OTHER
    | FINAL_ADJECTIVES
    | set(STATUS_VERBS)
    | {
        "новый", "новое", "очередной", "соответствующий", "двусторонний", "трехсторонний", "трёхсторонний",
        "многосторонний", "межправительственный", "new", "bilateral", "trilateral", "tripartite",
        "multilateral", "the", "a", "an", "its", "their", "his", "her", "relevant", "previous",
    }
)  # fmt: skip

STOP_WORDS = {  # words that tell nothing about a document's subject
    "и",
    "в",
    "с",
    "по",
    "о",
    "об",
    "от",
    "на",
    "для",
    "the",
    "of",
    "and",
    "in",
    "on",
    "a",
    "an",
    "to",
}

# A locative before a place: "в городе Бишкек", "в г. Чолпон-Ата", "in Tashkent", "in Turkmenistan's capital".
LOCATIVE = re.compile(
    r"(?:\b(?:в|во|in|at)\s+(?:(?:г\.|городе|город|city\s+of|the\s+city\s+of)\s*|\w+[’']s\s+capital\s+)?)$",
    re.IGNORECASE,
)
