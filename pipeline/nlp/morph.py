"""natasha's morphology (pymorphy) loaded once per process, shared by the backend and the grammars."""

from __future__ import annotations

from functools import cache, lru_cache


@cache
def morph_vocab():
    """Give the process's natasha MorphVocab, on the dictionary natasha's own would find.

    natasha's MorphVocab leaves pymorphy to find its Russian dictionary, and pymorphy finds it by
    scanning every installed distribution's entry points (pkg_resources.WorkingSet, imported for
    that): 0.25 s of every process's start. The dictionary is the one package pymorphy would
    find, pymorphy2_dicts_ru (PYMORPHY2_DICT_PATH still wins, as it does in pymorphy)."""
    import os

    import pymorphy2_dicts_ru
    from natasha.morph.vocab import MorphForm, MorphVocab
    from pymorphy2 import MorphAnalyzer

    class Vocab(MorphVocab):
        def __init__(self) -> None:
            path = os.environ.get(MorphAnalyzer.DICT_PATH_ENV_VARIABLE) or pymorphy2_dicts_ru.get_path()
            MorphAnalyzer.__init__(self, path=path, result_type=MorphForm)

        def __reduce__(self):  # pickled (a spawned worker, a Dask task): that process's own
            return morph_vocab, ()

    _letters_without_names_are_not_latin()
    return Vocab()


@cache
def analyzer():
    """Give a plain pymorphy analyser on natasha's dictionary (natasha's MorphVocab wraps the
    results in its own types, which cannot inflect with OpenCorpora grammemes)."""
    import pymorphy2

    return pymorphy2.MorphAnalyzer(path=morph_vocab().dictionary.path)


def known_word(word: str) -> bool:
    """Tell a word pymorphy's dictionary knows (its readings are not guesses)."""
    return _known_lower(word.lower())


@lru_cache(maxsize=65536)
def _known_lower(word: str) -> bool:
    return analyzer().word_is_known(word)


def parses(word: str) -> tuple:
    """Give pymorphy's analyses of a word (cached: the gazetteer asks for every word of every name
    it looks up; pymorphy's Parse records are immutable). pymorphy reads the word in lower case,
    and so does the cache: "Москвы" as written and as the gazetteer's key "москвы" are analysed
    once (a fifth of the words analysed over 52 articles came back in another case)."""
    return _parses_lower(word.lower())


@lru_cache(maxsize=65536)
def _parses_lower(word: str) -> tuple:
    return tuple(analyzer().parse(word))


def _letters_without_names_are_not_latin() -> None:
    """pymorphy2 asks `unicodedata.name` whether a letter is Latin, which raises ValueError for
    letters that have no name in Python's table (Tangut "𗀀", some CJK extensions): one such letter
    in an article failed its annotation. Such a letter is not Latin."""
    from pymorphy2 import shapes

    original = shapes.is_latin_char
    if getattr(original, "tolerant", False):
        return

    def is_latin_char(uchr) -> bool:
        try:
            return original(uchr)
        except ValueError:
            return shapes._latin_letters_cache.setdefault(uchr, False)

    is_latin_char.tolerant = True
    shapes.is_latin_char = is_latin_char
