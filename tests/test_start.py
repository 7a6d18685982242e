"""A faster start: the gazetteer's index read from a disk cache, the English pipeline loaded lazily."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import diskcache, gazetteer

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_value_is_built_once_then_read(cache_dir):
    calls = []

    def build():
        calls.append(1)
        return {"Астана": ("KZ", 1)}

    assert diskcache.load_or_build("demo", build) == {"Астана": ("KZ", 1)}
    assert diskcache.load_or_build("demo", build) == {"Астана": ("KZ", 1)}
    assert len(calls) == 1
    [path] = cache_dir.glob("demo-*.pickle")
    assert diskcache.code_key() in path.name  # another code or data version never reads this file
    assert not list(cache_dir.glob(".*"))  # no temporary file left


@pytest.mark.parametrize(
    "damage",
    [b"", b"pipeline-cache-1\n\x80\x05garbage", b"not a cache file at all", "truncated"],
)
def test_damaged_file_is_rebuilt_and_replaced(cache_dir, damage):
    diskcache.load_or_build("demo", lambda: list(range(1000)))
    [path] = cache_dir.glob("demo-*.pickle")
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    else:
        path.write_bytes(damage)
    assert diskcache.load_or_build("demo", lambda: list(range(1000))) == list(range(1000))
    with open(path, "rb") as f:
        assert f.read(len(diskcache.MAGIC)) == diskcache.MAGIC
        assert pickle.load(f) == list(range(1000))


def test_unwritable_or_switched_off_cache_still_builds(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder would be")
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(blocker / "cache"))
    assert diskcache.load_or_build("demo", lambda: 42) == 42
    monkeypatch.setenv("PIPELINE_CACHE_DIR", "off")
    assert diskcache.folder() is None
    assert diskcache.load_or_build("demo", lambda: 43) == 43


def test_cached_gazetteer_is_the_built_one(cache_dir):
    index = gazetteer._build_index()
    lemmas = gazetteer._build_lemma_index(index, kind="place")
    diskcache.load_or_build("gazetteer", lambda: (index, lemmas))
    read_index, read_lemmas = diskcache.load_or_build(
        "gazetteer", lambda: pytest.fail("not read from the cache")
    )
    assert list(read_index.items()) == list(index.items())
    assert list(read_lemmas.items()) == list(lemmas.items())


def test_run_start_loads_no_english_pipeline(tmp_path):
    """What a run loads before its first article: Russian only; spaCy waits for an English article."""
    script = (
        "import sys\n"
        "from pipeline.run import RUN_LANGS, warm_up, process\n"
        "from pipeline.article import Source\n"
        "warm_up(langs=RUN_LANGS)\n"
        "print('spacy' in sys.modules)\n"
        "r = process(Source('x', 'x.txt', '', text='Talks in Tashkent\\n\\nOn May 2, 2025, Kazakhstan and "
        "Uzbekistan signed an agreement in Tashkent.'))\n"
        "print('spacy' in sys.modules, r.status, r.lang)\n"
    )
    env = {"PIPELINE_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[:2] == ["False", "True ok en"]


def test_run_start_imports_no_cluster_nor_table_libraries(tmp_path):
    """Before a local run's worker starts (the CLI imported, the models preloaded as a run does),
    neither dask.distributed (only for --dask) nor pandas/pyarrow (the writing process imports them
    while its worker annotates) is imported, nor pkg_resources (pymorphy's scan of every installed
    package for its dictionary, 0.25 s: `nlp.morph.morph_vocab` names the dictionary): each would
    add to the start."""
    script = (
        "import sys\n"
        "import pipeline.cli\n"
        "from pipeline.run import RUN_LANGS, warm_up\n"
        "warm_up(langs=RUN_LANGS, tables=False)\n"
        "modules = ('distributed', 'dask', 'pandas', 'pyarrow', 'duckdb', 'pkg_resources')\n"
        "print(sorted(m for m in modules if m in sys.modules))\n"
    )
    env = {"PIPELINE_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"


def test_morph_vocab_is_on_the_dictionary_pymorphy_would_find():
    """Naming the dictionary (to skip pymorphy's scan) reads the same one: same path and language,
    same analyses; a pickled vocabulary (a spawned worker) is the receiving process's own."""
    import pymorphy2
    from pymorphy2.analyzer import lang_dict_path

    from pipeline.nlp.morph import morph_vocab

    vocab = morph_vocab()
    assert vocab.dictionary.path == lang_dict_path("ru")
    assert vocab.lang == "ru"
    found = pymorphy2.MorphAnalyzer()  # pymorphy's own discovery
    for word in ("мая", "Аринова", "сторонами", "подписали"):
        assert [(p.normal_form, str(p.tag)) for p in found.parse(word)] == [
            (p.normal_form, str(p.tag)) for p in pymorphy2.MorphAnalyzer.parse(vocab, word)
        ]
    assert pickle.loads(pickle.dumps(vocab)) is vocab
