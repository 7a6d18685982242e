import pytest

from pipeline.clean import clean_text, is_chrome, repair_unicode


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("создание «зелѐного» Шѐлкового пути", "создание «зелёного» Шёлкового пути"),
        ("при\u00adрода", "природа"),
        ("12\u00a0июня\u202f2020", "12 июня 2020"),
        ("Кaзахстан", "Казахстан"),  # Latin a inside a Cyrillic word
        ("Cеntral", "Central"),  # Cyrillic е inside a Latin word
        ("VK и OK", "VK и OK"),  # whole words of one script stay as they are
        ("line\r\nnext", "line\nnext"),
        ("ab\u200bc", "abc"),
    ],
)
def test_repair_unicode(raw, expected):
    assert repair_unicode(raw) == expected


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("Telegram WhatsApp Viber OK", True),
        ("Одноклассники ВКонтакте Email Печать", True),
        ("Поделиться", True),
        ("Назад", True),
        ("Читайте также:", True),
        ("Читайте также: Саммит в Астане завершился", True),
        ("Просмотров: 1 234", True),
        ("3570", True),
        ("insta insta insta", True),
        ("Telegram запустил новую функцию для каналов в Казахстане", False),
        ("Назад в будущее: как менялась политика региона", False),
        ("ВКО и ЗКО подписали соглашение", False),
    ],
)
def test_is_chrome(line, chrome):
    assert is_chrome(line) is chrome


def test_clean_text_removes_chrome_repeats_and_finds_title():
    raw = (
        "egov\ninsta insta insta\n\nСаммит глав государств в Астане\n\nСаммит глав государств в Астане\n"
        "Viber Telegram X VK\n\nПервый абзац о саммите.\n\nПервый абзац о саммите.\n"
        "Второй абзац.\n\n\n\nПоделиться\nЧитайте также:"
    )
    text, title = clean_text(raw)
    assert title == "Саммит глав государств в Астане"
    assert text == "Саммит глав государств в Астане\n\nПервый абзац о саммите.\n\nВторой абзац."


def test_clean_text_keeps_a_short_first_line_as_title_and_everything_after():
    text, title = clean_text("Summit in Astana\nThe ministers met.\nThey signed a memorandum.")
    assert title == "Summit in Astana"
    assert text == "Summit in Astana\n\nThe ministers met.\nThey signed a memorandum."


def test_clean_text_with_given_title_prepends_it_once():
    text, title = clean_text("Саммит в Астане\n\nТекст статьи.", title="Саммит в Астане")
    assert (text, title) == ("Саммит в Астане\n\nТекст статьи.", "Саммит в Астане")
