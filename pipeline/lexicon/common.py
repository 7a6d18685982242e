"""Word tables that hold in every language: names written the same in Russian and English
articles, and what tells the other languages of the region apart. Data only."""

# Names of diseases and the like that NER takes for organisations, in any language.
NOT_ORGANISATIONS = (r"COVID(?:-19)?", r"SARS-CoV-2")
# Labels of a publication-date line ("Дата публикации: …", "Published: …"): metadata, in whatever
# language the site writes it.
PUBLICATION_LABELS = (
    r"дата\s+публикации", "опубликовано", "дата", r"published(?:\s+on)?", "date", r"posted(?:\s+on)?",
)  # fmt: skip
# Share buttons and social networks as pages print them.
SOCIAL_NETWORKS = {
    "vk", "vkontakte", "вконтакте", "x", "ok", "ok.ru", "одноклассники", "whatsapp", "telegram", "телеграм",
    "facebook", "fb", "linkedin", "twitter", "viber", "email", "e-mail", "mail", "pinterest", "reddit",
    "tumblr", "skype", "instagram", "insta", "youtube", "tiktok", "threads", "мой", "мир", "print", "печать",
    "share", "поделиться", "copy", "link", "скопировать", "ссылку", "egov", "rss",
}  # fmt: skip
SHARE_WORDS = {"поделиться", "share"}
CHROME_LINES = (r"[\d\s]{1,9}",)

# --- language identification -----------------------------------------------------------------------
# Letters beyond the Russian alphabet, by language (Cyrillic scripts), tested in this order, each
# set holding the letters no language later in the list uses ...
CYRILLIC_MARKERS = (
    ("tg", "ӣӯҷӢӮҶ"),
    ("uz", "ўЎ"),
    ("kk", "әұһӘҰҺ"),
    ("ky", "ңөүҢӨҮ"),
    ("uk", "їєґЇЄҐ"),
)
# ... and words typical of Latin-script Uzbek, and Turkmen letters.
UZBEK_LATIN_WORDS = set(
    "va bilan uchun bo'yicha boʻyicha ham yil davlat respublikasi o'zbekiston oʻzbekiston".split()
)
TURKMEN_LETTERS = "ňýžäňÝŇŽÄ"

# Abbreviations that end a company's or a person's name with their dot ("AMR Corp.", "Jr.").
ABBREVIATED_NAME_ENDS = ("Jr", "Sr", "Inc", "Ltd", "Corp", "Co", "Bros", "Plc", "Cie")

# --- names across languages ------------------------------------------------------------------------
# Spellings of one sound in the romanisations of Russian, Persian and Turkic names, applied in order
# to a name word romanised and lower-cased (regular expression, replacement): "Berdimuhamedow" and
# "Бердымухамедов" (romanised "berdymukhamedov"), "Qalibaf" and "Ghalibaf", "Tokayev" and "Токаев".
SOUND_SPELLINGS = (
    (r"dzh|dj", "j"), (r"zh", "j"), (r"kh", "h"), (r"gh|q", "g"), (r"ch", "c"), (r"sh", "s"), (r"ts", "c"),
    (r"ph", "f"), (r"ow(?=[^aeiouy])", "u"), (r"w", "v"), (r"ou|oo", "u"), (r"ee", "i"),
    (r"(?<=[aeiou])y(?=e)", ""), (r"y", "i"), (r"(?<=[aeiou])h$", ""), (r"d$", "t"),
)  # fmt: skip
