"""Corrections: alias, merge, rename and reject, applied by the merger, kept across incremental runs."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

import pipeline.run as run
from pipeline.article import Entity, Mention
from pipeline.cli import app
from pipeline.corrections import Correction, Corrections, CorrectionsError, read_corrections
from pipeline.merge import entity_id, identity
from pipeline.write import SCHEMAS
from tests.test_cli import EN, RU
from tests.test_outputs import EN_UNDP


def mention(kind: str, start: int, normal: str) -> Mention:
    return Mention(kind, start, start + len(normal), normal, normal)


def entity(kind: str, name: str, *forms: str, start: int = 0) -> Entity:
    mentions = tuple(mention(kind, start + 100 * i, form) for i, form in enumerate((name, *forms)))
    return Entity(kind, entity_id(kind, name.casefold()), name, tuple(forms), mentions)


ARTICLE = [
    entity("person", "Бакыт Джусупов", "Джусупов"),
    entity("organisation", "Минприроды", start=10),
    entity("organisation", "Министерство природных ресурсов", "МПР", start=20),
    entity("place", "Стороны", start=30),
    entity("place", "Бишкек", start=40),
]


def apply(*rules: Correction) -> list[Entity]:
    corrected, applied = Corrections(rules).apply(ARTICLE, lang="ru")
    assert applied == [r.key for r in rules]
    return corrected


def names(entities: list[Entity]) -> dict[str, tuple[str, ...]]:
    return {e.name: tuple(sorted(m.normal for m in e.mentions)) for e in entities}


def test_merge_by_name_joins_two_entities_of_the_article():
    corrected = apply(Correction("merge", "organisation", "Минприроды", "Министерство природных ресурсов"))
    [org] = [e for e in corrected if e.kind == "organisation"]
    assert org.entity_id == ARTICLE[2].entity_id and "Минприроды" in org.aliases
    assert names([org]) == {
        "Министерство природных ресурсов": ("МПР", "Министерство природных ресурсов", "Минприроды")
    }


def test_merge_by_id_into_an_entity_of_another_article():
    corrected = apply(Correction("merge", "organisation", ARTICLE[1].entity_id, "org-0123456789ab"))
    assert [e.entity_id for e in corrected if e.kind == "organisation"] == [
        "org-0123456789ab",
        ARTICLE[2].entity_id,
    ]


def test_alias_moves_one_form_to_the_entity_it_names():
    corrected = apply(Correction("alias", "organisation", "МПР", "Минприроды"))
    assert names([e for e in corrected if e.kind == "organisation"]) == {
        "Минприроды": ("МПР", "Минприроды"),
        "Министерство природных ресурсов": ("Министерство природных ресурсов",),
    }


def test_alias_to_a_known_organisation_takes_the_gazetteers_identity():
    corrected = apply(Correction("alias", "organisation", "Минприроды", "ПРООН"))
    [org] = [e for e in corrected if e.kind == "organisation" and e.name != ARTICLE[2].name]
    assert (org.entity_id, org.name) == identity("organisation", "Программа развития ООН", lang="ru")[:2]
    assert org.attrs["gazetteer_aliases"] and "Минприроды" in org.aliases


def test_rename_keeps_the_id():
    corrected = apply(Correction("rename", "person", "Джусупов", "Бакыт Джусупов (министр)"))
    assert (corrected[0].entity_id, corrected[0].name) == (ARTICLE[0].entity_id, "Бакыт Джусупов (министр)")
    assert "Бакыт Джусупов" in corrected[0].aliases


def test_reject_drops_the_entity():
    corrected = apply(Correction("reject", "place", "стороны"))
    assert [e.name for e in corrected if e.kind == "place"] == ["Бишкек"]


def test_a_rule_that_names_nothing_in_the_article_changes_nothing():
    rules = Corrections(
        (Correction("reject", "person", "Бишкек"), Correction("merge", "place", "Ош", "Бишкек"))
    )
    assert rules.apply(ARTICLE, lang="ru") == (ARTICLE, [])


def test_corrections_file_with_semicolons_a_bom_and_comments(tmp_path):
    path = tmp_path / "fixes.csv"
    path.write_bytes(
        "\ufeffaction;kind;name;target\n# a comment\n\nRename;person;Джусупов;Бакыт Джусупов\nreject;place;Стороны;\n"
        .encode()
    )  # fmt: skip
    assert read_corrections(path).rules == (
        Correction("rename", "person", "Джусупов", "Бакыт Джусупов"),
        Correction("reject", "place", "Стороны", ""),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("action,kind,name,target\nsplit,person,A,B\n", "rule 1 .*action must be one of"),
        ("action,kind,name,target\nmerge,city,A,B\n", "kind must be one of"),
        ("action,kind,name,target\nmerge,place,A,\n", "`target` for merge"),
        ("verb,kind,name\nmerge,place,A\n", "missing"),
    ],
)
def test_a_bad_corrections_file_says_where(tmp_path, text, message):
    path = tmp_path / "fixes.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorrectionsError, match=message):
        read_corrections(path)
    result = CliRunner().invoke(
        app, ["extract", str(path), "--out", str(tmp_path / "o"), "--corrections", str(path)]
    )
    assert result.exit_code == 2 and "fixes.csv" in result.stderr


# --- end to end -------------------------------------------------------------------------------------------

FIXES = (
    "action,kind,name,target\n"
    "rename,person,Б. Джусупов,Джусупов Бакыт\n"
    "reject,place,Бишкек,\n"
    "merge,organisation,United Nations Development Programme,ПРООН\n"
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    (folder / "ru.txt").write_text(RU, encoding="utf-8")
    (folder / "en.txt").write_text(EN, encoding="utf-8")
    (folder / "undp.txt").write_text(EN_UNDP, encoding="utf-8")
    return folder


def tables(out) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in SCHEMAS}


def test_corrections_change_every_table_they_concern(folder, tmp_path):
    fixes = tmp_path / "fixes.csv"
    fixes.write_text(FIXES, encoding="utf-8")
    plain, fixed = tables_of(folder, tmp_path / "plain"), None
    run.extract_folder(folder, tmp_path / "fixed", corrections=fixes)
    fixed = tables(tmp_path / "fixed")
    assert "Бакыт Джусупов" in set(plain["people"].name)
    assert "Джусупов Бакыт" in set(fixed["people"].name) and "Бакыт Джусупов" not in set(fixed["people"].name)
    bishkek = plain["places"].set_index("name").loc["Бишкек", "entity_id"]
    assert bishkek not in set(fixed["places"].entity_id) | set(fixed["mentions"].entity_id.dropna())
    assert not any("Бишкек" in list(p) for p in fixed["documents"].parties)
    assert bishkek not in set(fixed["entities"].entity_id)
    undp = identity("organisation", "ПРООН", lang="en")[0]
    assert (
        fixed["entities"].set_index("entity_id").loc[undp, "articles"] == 2
    )  # the merge was a no-op: one id
    assert len(fixed["articles"]) == len(plain["articles"])


def tables_of(folder, out):
    run.extract_folder(folder, out)
    return tables(out)


def test_a_changed_corrections_file_redoes_only_the_articles_it_touches(folder, tmp_path):
    fixes = tmp_path / "fixes.csv"
    out = tmp_path / "out"
    first = run.extract_folder(folder, out)
    assert first.processed == 3
    fixes.write_text("action,kind,name,target\nrename,person,Б. Джусупов,Джусупов Бакыт\n", encoding="utf-8")
    added = run.extract_folder(folder, out, corrections=fixes)
    assert (added.processed, added.reused) == (1, 2)  # only ru.txt names him
    fresh = tmp_path / "fresh"
    run.extract_folder(folder, fresh, corrections=fixes)
    assert_same(out, fresh)
    shutil.copytree(out, tmp_path / "with-rule")
    fixes.write_text("action,kind,name,target\n", encoding="utf-8")
    removed = run.extract_folder(folder, out, corrections=fixes)
    assert (removed.processed, removed.reused) == (1, 2)  # the article the removed rule had changed
    assert "Бакыт Джусупов" in set(pd.read_parquet(out / "people.parquet").name)
    again = run.extract_folder(folder, out, corrections=fixes)
    assert again.processed == 0


def test_the_corrections_state_is_listed_checksummed_and_trusted_only_when_intact(folder, tmp_path):
    """The state of corrections is part of the switched set: listed and checksummed in the manifest
    beside the keys of the rules; a re-run builds on it, a damaged one makes it redo everything."""
    import json

    fixes = tmp_path / "fixes.csv"
    fixes.write_text("action,kind,name,target\nrename,person,Б. Джусупов,Джусупов Бакыт\n", encoding="utf-8")
    out = tmp_path / "out"
    run.extract_folder(folder, out, corrections=fixes)
    manifest = json.loads((out / ".pipeline" / "manifest.json").read_text(encoding="utf-8"))
    state = ".pipeline/corrections_applied.parquet"
    assert state in manifest["outputs"] and state in manifest["checksums"]
    assert manifest["corrections"] == read_corrections(fixes).keys()
    assert len(pd.read_parquet(out / state)) == 1
    assert run.extract_folder(folder, out, corrections=fixes).processed == 0
    data = bytearray((out / state).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (out / state).write_bytes(bytes(data))
    again = run.extract_folder(folder, out, corrections=fixes)
    assert again.reused == 0 and "corrections_applied.parquet" in again.previous
    run.extract_folder(folder, tmp_path / "fresh", corrections=fixes)
    assert_same(out, tmp_path / "fresh")


def assert_same(a, b):
    for name in SCHEMAS:
        pd.testing.assert_frame_equal(
            pd.read_parquet(a / f"{name}.parquet"), pd.read_parquet(b / f"{name}.parquet")
        )
