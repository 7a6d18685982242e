"""natasha's morphology and syntax run over an article's sentences in batches of similar length
(`nlp/ru.py`): the batches depend only on the article, so its annotation is the same whatever
else a run holds, and the line-by-line structure (sentences, tokens, NER) is kept."""

import pytest

from pipeline.clean import prepare
from pipeline.nlp import Backend, backend_for
from pipeline.nlp.ru import by_length
from pipeline.read import Source


def make_article(text: str):
    return prepare(Source("test", "test.txt", "0" * 64, text=text))


@pytest.mark.parametrize(
    "sizes, most, tokens, expected",
    [
        ([], 8, 500, []),
        ([3, 1, 2], 8, 500, [[1, 2, 0]]),  # sorted by size
        ([2, 2, 2], 2, 500, [[0, 1], [2]]),  # ties keep their order; at most `most` a batch
        ([5, 40, 6, 300, 7], 8, 100, [[0, 2, 4], [1], [3]]),  # at most `tokens` padded tokens
        ([900, 1], 8, 500, [[1], [0]]),  # a sentence longer than the budget goes alone
        ([0, 0], 8, 500, [[0, 1]]),
    ],
)
def test_by_length(sizes, most, tokens, expected):
    assert by_length(sizes, most, tokens) == expected


ARTICLE = (
    "Делегация Бишкека прибыла в Самарканд\n\n"
    "Министр транспорта Киргизии Алмаз Жумабеков 14 марта провёл переговоры в Самарканде. "
    "Стороны обсудили маршрут через перевал.\n\n"
    "Коротко.\n\n"
    "По словам министра, до конца 2027 года по новой дороге пройдут первые грузовики из Оша, "
    "Андижана, Намангана и Ферганы, а таможенные посты Узбекистана и Киргизии будут работать "
    "круглосуточно, без выходных и перерывов на обед, как договорились представители обеих "
    "стран на встрече в Ташкенте в прошлом месяце.\n\n"
    "Соглашение подпишут в апреле."
)
OTHERS = [
    "Фермеры Ферганской долины начали сев хлопка. Весна выдалась ранней и тёплой.",
    "Поезд из Алматы в Астану теперь идёт на два часа быстрее: дорогу обновили за три года, "
    "а старые вагоны заменили новыми, с кондиционерами и розетками у каждого места.",
]


def _view(annotated):
    return [(s.start, s.stop, [(t.start, t.stop, t.text, t.lemma, t.pos, t.feats, t.head, t.rel) for t in s.tokens])
            for s in annotated.sentences], annotated.spans  # fmt: skip


def test_annotation_of_an_article_does_not_depend_on_the_run():
    backend = backend_for("ru")
    alone = _view(backend.annotate(make_article(ARTICLE)))
    for other in OTHERS:
        backend.annotate(make_article(other))
    assert _view(backend.annotate(make_article(ARTICLE))) == alone
    assert _view(backend.annotate(make_article(ARTICLE))) == alone  # and again


def test_batched_annotation_keeps_the_lines_sentences_tokens_and_names():
    backend = backend_for("ru")
    article = make_article(ARTICLE)
    batched, by_line = backend.annotate(article), Backend.annotate(backend, article)
    shape = lambda a: [(s.start, s.stop, [(t.start, t.stop, t.text) for t in s.tokens]) for s in a.sentences]  # noqa: E731
    assert shape(batched) == shape(by_line)
    assert len(batched.sentences) == 6
    assert batched.spans == by_line.spans  # NER still runs line by line
    assert {s.text for s in batched.spans} >= {"Бишкека", "Самарканд", "Алмаз Жумабеков"}
