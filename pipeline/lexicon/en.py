"""English word tables: the vocabulary the stages and repairs ask for, one table per concept
(what each concept means is said once, in `pipeline/lexicon/__init__.py`). Lemmas are lower-case
spaCy lemmas unless a table says it holds word forms. Data only."""

# --- people, organisations, places ---------------------------------------------------------------

TITLES = {
    "ayatollah", "president", "minister", "prime", "speaker", "ambassador", "mr", "mrs", "ms", "dr", "sheikh",
    "king", "emir", "sir", "general", "senator", "governor",
}  # fmt: skip
POSITIONS = {
    "president", "minister", "director", "ambassador", "chairman", "chairwoman", "chair", "head", "speaker",
    "secretary", "representative", "deputy", "governor", "mayor", "envoy", "spokesman", "spokesperson",
    "spokeswoman", "premier", "chief", "commander", "adviser", "advisor", "official", "ceo", "manager",
    "coordinator", "expert", "lawmaker", "mp", "senator", "leader", "founder", "chancellor", "king", "emir",
    "professor", "prosecutor", "ombudsman", "attache", "consul", "counsellor", "counselor", "commissioner",
    "officer", "judge", "rector", "dean", "delegate", "parliamentarian", "administrator", "inspector",
    "analyst", "researcher", "scholar", "economist", "journalist", "correspondent", "diplomat", "editor",
    "executive", "member",
}  # fmt: skip
JOINT_BODY_WORDS = {"intergovernmental", "interstate", "interparliamentary", "joint", "bilateral"}
TITLE_PREPOSITIONS = {"of", "for", "at"}
POSITION_MODIFIERS = {
    "deputy",
    "vice",
    "first",
    "acting",
    "former",
    "general",
    "prime",
    "foreign",
    "executive",
    "senior",
}
COUNTERPARTS = {"counterpart"}
HEADING_VERBS = {"head": "head", "lead": "head", "chair": "chair"}
NAME_HONORIFICS = {"seyed", "seyyed", "sayyid", "sayed", "syed", "seyyid", "haji", "hajji"}
FACILITY_WORDS = {
    "port", "airport", "station", "mosque", "palace", "tunnel", "bridge", "dam", "square", "stadium",
    "hospital", "museum", "hotel", "terminal", "railway", "highway", "corridor", "border", "crossing",
    "pipeline",
}  # fmt: skip
NAME_PARTICLES = {
    "de",
    "da",
    "di",
    "du",
    "van",
    "von",
    "der",
    "den",
    "bin",
    "ibn",
    "al",
    "el",
    "ul",
    "la",
    "le",
}
ORDINALS = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth",
}  # fmt: skip
INSTITUTION_HEADS = {
    "government", "ministry", "committee", "council", "parliament", "assembly", "bank", "agency", "service",
    "department", "chamber", "commission", "fund", "organization", "organisation", "office", "cabinet",
    "secretariat", "mission", "embassy", "company", "society", "union", "centre", "center", "institute",
    "university", "academy", "court", "party", "presidency", "parties", "ministries",
    "airlines", "airways", "treasury", "reserve", "senate",
}  # fmt: skip
BODY_HEADS = {
    "administration", "authority", "directorate", "board", "federation", "association", "foundation",
    "corporation", "bureau", "inspectorate", "directorate-general", "customs", "police", "army",
}  # fmt: skip
OUTLET_WORDS = {
    "news", "times", "tv", "novosti", "post", "herald", "tribune", "gazette", "daily", "press", "radio", "media",
    "railway", "railways", "express", "newsroom",
}  # fmt: skip
COMPANY_ENDINGS = {
    "corp",
    "corp.",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "plc",
    "llc",
    "co",
    "co.",
    "ag",
    "gmbh",
    "s.a.",
}
SEATED_HEADS = {"embassy", "mission", "office", "representation", "consulate"}
ADVERBIAL_COMPLEMENTS: set = set()
GENERIC_ABBREVIATIONS = {"GDP", "VAT"}
NOT_ORGANISATIONS = (r"coronavirus", r"pandemic", r"islamophobia")
PLACE_EVENTS = {"summit", "forum", "conference", "meeting", "session", "congress"}
MEETINGS = {
    "meeting",
    "summit",
    "session",
    "conference",
    "exhibition",
    "expo",
    "fair",
    "festival",
    "olympiad",
    "forum",
    "week",
    "games",
    "championship",
    "tournament",
    "contest",
    "marathon",
}
TELLING_VERBS = {"tell"}
ADMIN_NOUNS: set = set()
ADMIN_NAME_WORDS = ("district", "province", "region", "oblast", "county", "prefecture")
PLACE_PREPOSITIONS = ("in", "to", "from", "at", "near", "into", "towards?", "via")
LOCATIVE_PREPOSITIONS = ("in", "at")
CITY_WORDS = (r"city\s+of", r"the\s+city\s+of")
CAPITAL_PHRASE = r"\w+[’']s\s+capital"
CAPITAL_APPOSITIONS = (r"the\s+\w+\s+capital,?", r"\w+[’']s\s+capital,?", r"the\s+capital\s+of\s+\w+,?")
CURRENCIES = (r"dollars?", "USD")
COMPASS_WORDS = ("north", "south", "east", "west")
PATRONYMIC_PARTICLES = ("qizi", "uulu", "kyzy")
NAME_CONNECTIVES = ("and", "of", "the", "or")
TITLE_CUT_SHORT = ("of", "the", "and", "for")
PARTICIPANT_NOUNS: set = set()
LEGAL_FORMS = ("JSC", "LLC", "OJSC", "CJSC")
AND = ("and",)
REMIT_PREPOSITIONS: set = set()
SEAT_PREPOSITIONS = ("in", "of")
SITUATED_PREPOSITIONS = ("in", "on")
STATE_FORMS = ("Republic", "Kingdom", "State", "Sultanate", "Emirate", "Principality")
LEADING_ARTICLES = ("the", "The", "THE")
_NAME_WORDS = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"
PORTFOLIO_BEFORE = rf"(?:\b[Mm]inisters?|\b[Vv]ice[- ][Pp]resident)\s+(?:of|for)\s+(?:the\s+)?(?:{_NAME_WORDS}(?:,\s*|,?\s+and\s+))*$"
PORTFOLIO_AFTER = r"^(?:(?:,\s*|,?\s+and\s+|\s+)[A-Z][\w’'-]*)*\s+[Mm]inisters?\b"
HEAD_BEFORE = r"(?:^|[^\w’'-])((?:[A-Z][\w-]*\s+)*([A-Z][a-z]+)\s+(?:of|for)\s+)(?:the\s+)?$"
APPOSITIVE_TITLE = r"^,\s+(?:the|a|an)\s+((?:[\w-]+\s+){0,3}[\w-]+)"
LIST_AFTER = r"^(?:,\s*[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)*,?\s+and\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*"
SEAT_AFTER = r"^\s+(?:to|in)\s+((?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)"
COUNTRY_AFTER = r"^\s+of\s+((?:the\s+)?[A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z][\w-]*)*)"
FUNCTION_WORDS = set(
    "the of and to in a an is are was were for on with that by as at from this be has have had"
    " it its will which or not their been also after between about into".split()
)
CHROME_LINES = (
    r"back", r"go\s+back", r"share(?:\s+this)?", r"print\s+version", r"(?:read|see)\s+(?:also|more)\b.*",
    r"related(?:\s+news|\s+articles)?\s*:?.*", r"(?:views?|comments?)\s*:?\s*\d[\d\s]*",
    r"photo\s*:?\s*(?:www|http\S*)?",
)  # fmt: skip

# --- dates -----------------------------------------------------------------------------------------

RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1}
RELATIVE_STEPS = {"last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
TIME_UNITS = {"week": "week", "month": "month", "year": "year"}
AGO_UNITS = {"year": "year", "month": "month", "week": "week", "day": "day"}
CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
GROUP_CARDINALS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
YEAR_STEPS = {"this": 0, "last": -1, "next": 1}
_NUMBERS = r"\d{1,2}|a|an|" + "|".join(CARDINALS)
RELATIVE = (
    r"(?<!\w)(?:(?P<days>yesterday|today|tomorrow)"
    r"|(?P<step>last|previous|this|current|next|coming)\s+(?:fiscal\s+)?(?P<unit>week|month|year)"
    r"|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+(?:the\s+|this\s+)?(?P<this_year>year)"
    r"|(?P<month_step>last|this|next)\s+(?P<month_name>{months})"
    r"|(?:(?:on|last|this|past)\s+)?(?P<weekday>{weekdays})"
    rf"|(?P<count>{_NUMBERS})\s+(?P<ago_unit>year|month|week|day)s?\s+ago"
    r"|(?P<now>now|currently|at present|at the moment|nowadays))(?!\w)"
)
YEAR_AFTER = r"^\s+of\s+(?P<en>this|last|next)\s+year"
LEADING_WORDS = (
    "in",
    "since",
    "until",
    "by",
    "during",
    "of",
    "from",
    "before",
    "after",
    "on",
    "through",
    "year",
)
RELATIVE_DAY_BEFORE = ("today", "yesterday", "tomorrow")
NOT_EVENT_PREPOSITIONS = ("of", "dated", "until", "by", "before", "since", "after")
NOT_EVENT_PARTICIPLES = ()
FUTURE_MARKERS = (
    "will", "shall", r"\w+'ll", "scheduled", "upcoming", r"plans?\s+to", r"expected\s+to", r"to\s+be\s+held",
)  # fmt: skip
DOCUMENT_DATE_PREPOSITIONS = ("of", "dated", "on")
NOT_DOCUMENT_DATE_PREPOSITIONS = ("for", "to", "until", "by", "since", "through")
VALIDITY_PREPOSITIONS = ("for", "until", "by", "since")
COUNTED_NOUNS = (
    "per",
    "percent",
    "km",
    "kg",
    "mw",
    "tons?",
    "tonnes?",
    "people",
    "million",
    "billion",
    "thousand",
)
YEAR_WORDS: set = set()
YEAR_NOUN = "year"
RANGE_TO = {"to", "through", "until", "till"}
RANGE_FROM = "from"
RANGE_AND = {"and"}
OF = "of"
IN_WORDS = {"in"}
PERIOD_PARTS = {"early": 0, "mid": 1, "late": 2}
PERIOD_PART_NOUNS = {"beginning": 0, "start": 0, "middle": 1, "end": 2}
DECADE = r"(?<![\w-])(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<decade>(?:1[89]|20)\d0|'\d0)'?s(?!\w)"
CENTURY = r"(?<![\w-])(?:the\s+)?(?P<number>\d{1,2})(?:st|nd|rd|th)[\s-]+century(?!\w)"
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
SEASON = r"(?<!\w)(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<year>(?:19|20)\d{2})(?![\w-])"
FOUNDING_VERBS = {"found", "establish", "create", "form", "set"}
RECALL_MARKERS = (
    r"recall\w*", r"as\s+a\s+reminder", r"as\s+reported\s+earlier", r"back\s+in", r"as\s+early\s+as", r"already\s+in",
)  # fmt: skip
ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}
YEAR_CONTEXT = {"in", "since", "until", "by", "during", "year", "of", "from", "before", "after"}
MONTH_CONTEXT = {"in", "since", "until", "by", "during", "from", "before", "after", "through"}

# --- documents ---------------------------------------------------------------------------------------

DOCUMENT_TYPES = {
    "memorandum": "memorandum", "memoranda": "memorandum", "memorandums": "memorandum", "mou": "memorandum",
    "mous": "memorandum", "protocol": "protocol", "resolution": "resolution", "declaration": "declaration",
    "agreement": "agreement", "accord": "agreement", "treaty": "treaty", "pact": "treaty",
    "convention": "convention", "roadmap": "roadmap", "road-map": "roadmap", "communique": "communique",
    "communiqué": "communique",
}  # fmt: skip
DOCUMENT_TYPE_PAIRS = {
    ("note", "exchange"): "agreement", ("map", "road"): "roadmap", ("plan", "action"): "plan",
    ("plan", "work"): "plan", ("plan", "cooperation"): "plan", ("programme", "cooperation"): "plan",
    ("program", "cooperation"): "plan", ("programme", "framework"): "plan", ("program", "framework"): "plan",
    ("statement", "joint"): "statement", ("communique", "joint"): "communique",
}  # fmt: skip
PLURAL_NAMES = {"note"}
PLURAL_SUFFIXES = (("ies", "y"), ("s", ""), ("'s", ""), ("’s", ""), ("a", "um"))
CONSTITUTING_VERBS = {"constitute", "form"}
CHARTER_NOUNS = {"charter"}
GENERIC_DOCUMENTS = {"document"}
NAME_HEADS = {"organization", "organisation"}
STATUS_VERBS = {
    "sign": "signed", "ink": "signed", "conclude": "signed", "seal": "signed", "signed": "signed",
    "adopt": "adopted", "approve": "adopted", "endorse": "adopted", "pass": "adopted", "endorsed": "adopted",
    "adopted": "adopted", "ratify": "ratified", "ratified": "ratified",
}  # fmt: skip
TYPED_VERBS = {
    ("reach", "agreement"): "signed", ("issue", "statement"): "adopted", ("issue", "communique"): "adopted",
    ("issue", "declaration"): "adopted", ("release", "statement"): "adopted",
}  # fmt: skip
RATIFYING_VERBS = {"ratify"}
PASSING_VERBS = {"pass", "adopt"}
APPROVING_VERBS = {"approve"}
DRAFTING_VERBS = {
    "draft", "prepare", "finalize", "finalise", "negotiate", "draw", "develop", "define", "elaborate", "formulate",
}  # fmt: skip
DISCUSSING_VERBS = {"discuss", "talk", "consider", "address", "review", "debate", "exchange", "negotiate"}
VISIT_STEMS = ("visit", "trip", "travel", "tour", "arriv")
VISIT_OBJECT_STEMS = ("visit",)
TYPE_COMPLEMENTS = {"understanding"}
INCLUDING_VERBS = {"include", "comprise", "contain"}
GROUP_PRONOUNS = {"they", "these", "them"}
ACCESSION_NOUNS = {"accession"}
OUTCOME_WORDS = {"following", "during", "after", "sidelines", "end", "outcome", "result", "course"}
DESTINATION_PREPOSITIONS = {"to", "in"}
EVENT_NOUNS = {
    "ceremony",
    "course",
    "result",
    "outcome",
    "time",
    "occasion",
    "participation",
    "presence",
    "event",
}
ACTION_NOUNS = {
    "signing": "signed", "conclusion": "signed", "adoption": "adopted", "approval": "adopted",
    "ratification": "ratified", "accession": "ratified",
}  # fmt: skip
DECREE_NOUNS = {"decree", "order", "ordinance", "decision"}
LAW_NOUNS = {"law", "act"}
BILL_NOUNS = {"bill"}
LEGISLATURES = {
    "parliament", "senate", "majlis", "mazhilis", "kenesh", "duma", "chamber", "house", "assembly", "congress",
    "lawmaker", "legislator", "mp", "deputy", "president",
}  # fmt: skip
DRAFT_NOUNS = {"draft"}
DRAFT_ADJECTIVES = {"draft"}
FINAL_READING = r"(?!)"
FIRST_READING = r"(?!)"
BILL_PHRASE = r"(?!)"
PASSED_WORD = r"(?!)"
RATIFICATION_TITLE = r"(?!)"
OWN_TITLE = r"(?!)"
PLANNING_VERBS = {
    "plan", "intend", "expect", "hope", "aim", "prepare", "agree", "propose", "seek", "want", "wish", "suggest",
    "urge", "call", "recommend", "readiness", "willingness", "intention", "ready", "schedule",
}  # fmt: skip
FUTURE_AUX = {"will", "shall", "would", "could", "might", "may"}
FUTURE_WORDS = {"upcoming", "future", "forthcoming", "proposed", "planned"}
REFUSING_VERBS = {"fail", "refuse", "decline", "reject"}
ACHIEVING_VERBS = {"manage"}
ABOUT_TO = {"about", "set"}
WORKING_VERBS = {"work"}
INFINITIVE_MARKERS = {"to"}
COPULAS = {"be"}
NOT_YET = {"yet"}
NEGATIONS = {"not", "n't", "never"}
REFERENCE_HEADS = {
    "accordance", "framework", "line", "basis", "implementation", "provision", "article", "party",
    "compliance", "under", "enshrine", "base", "pursuant", "stipulate", "per", "clause", "according",
}  # fmt: skip
REFERENCE_PREPOSITIONS = {"under", "per"}
REFERRING_VERBS = {
    "say", "state", "reflect", "stipulate", "provide", "enshrine", "specify", "outline", "envisage",
    "mention", "contain", "implement", "set out", "lay down", "follow up", "carry out", "fulfil", "fulfill", "observe", "comply",
}  # fmt: skip
AMENDMENT_HEADS = {"amendment", "change", "addendum"}
AMENDMENT_PREPOSITIONS = {"to", "of"}
ANNEX_PREPOSITIONS = {"to"}
ANNEX_NOUNS = {"annex", "appendix", "addendum", "supplement"}
ACCESSION_PREPOSITIONS = {"to"}
EXCHANGE_NOUNS = {"exchange"}
ANAPHORIC = {"this", "these", "that", "such", "said", "aforementioned"}
OTHER = {"other", "another", "second"}
OTHER_ONE = {"one"}
INDEFINITE_ARTICLES = {"a", "an"}
FINAL_ADJECTIVES = {"final", "concluding"}
EVENTS = {
    "summit", "forum", "meeting", "conference", "session", "talks", "visit", "congress", "assembly", "gathering",
}  # fmt: skip
IDIOM_VERBS = {"come"}
PARTY_PREPOSITIONS = {"between", "with", "among", "by"}
BETWEEN = {"between"}
AGENT_PREPOSITIONS = {"by"}
LIST_WORDS = {",", "and", "as", "well", "&"}
GROUP_NOUNS = {"side", "party", "country", "nation", "state", "government"}
COUNTRY_GROUPS = {"country", "nation", "state"}
QUANTIFIERS = {"many", "several", "some", "all", "various"}
NEUTRAL_ADJECTIVES = {
    "new", "bilateral", "trilateral", "tripartite", "multilateral", "the", "a", "an", "its", "their", "his",
    "her", "relevant", "previous",
}  # fmt: skip
STOP_WORDS = {"the", "of", "and", "in", "on", "a", "an", "to"}
LISTING_WORDS = {"include", "including", "among", "one", "such", "as"}
IDENTITY_VERBS = {"be", "become", "remain"}
LISTING_VERBS = {"include", "comprise", "contain", "be"}
POSSESSIVES = {"his", "her", "its", "their"}
POSSESSIVE_ENDINGS = {"'s", "’s"}
NOT_PARTY_LEADS = {"support", "help", "participation", "aim", "assistance", "view", "regard", "respect"}
ATTACHED_PREPOSITIONS: set = set()
MEANS_WORDS = {"by", "through", "via"}
TITLE_STARTS = {"on", "regarding", "concerning", "for"}
ABOUT_PREPOSITIONS: set = set()
CLAUSE_WORDS = {"city", "year", "sideline", "meeting", "session"}
