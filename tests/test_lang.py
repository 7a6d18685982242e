import pytest

from pipeline.lang import detect_language

CASES = [
    ("Президент Казахстана встретился с министрами в Астане и обсудил вопросы сотрудничества.", "ru"),
    ("Министр экологии Республики Казахстан Ерлан Нысанбаев провёл встречу с послом Кыргызстана.", "ru"),
    ("The ministers of Kazakhstan and Kyrgyzstan signed a memorandum in Astana on Monday.", "en"),
    (
        "Қазақстан Республикасының Президенті Астанада шетелдік инвесторлармен кездесті және мәселелерді талқылады.",
        "kk",
    ),
    ("Кыргыз Республикасынын Президенти бүгүн Бишкекте чет өлкөлүк инвесторлор менен жолугушту.", "ky"),
    ("Ҷумҳурии Тоҷикистон Президенти мамлакат бо сармоягузорони хориҷӣ вохӯрӣ кард.", "tg"),
    ("Ўзбекистон Республикаси Президенти хорижий инвесторлар билан учрашди.", "uz"),
    (
        "Oʻzbekiston Respublikasi Prezidenti va xorijiy investorlar bilan uchrashuv boʻlib oʻtdi, davlat uchun muhim.",
        "uz",
    ),
    (
        "Türkmenistanyň Prezidenti ýurduň daşary syýasaty barada çykyş etdi we täze taslamalary tassyklady.",
        "tk",
    ),
    ("12345 67 !!!", "und"),
    ("", "und"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_detect_language(text, expected):
    assert detect_language(text) == expected
