"""Regression floor: record-level F1 on ../shared/eval/domain must not drop below accuracy_floor.json.

Every accuracy improvement raises the floor in the same commit.
"""

import json
from pathlib import Path

import pytest

from pipeline.evaluate import LISTS, evaluate_records
from pipeline.run import extract_folder
from tests.conftest import SHARED

DOMAIN = SHARED / "eval" / "domain"
FLOOR = json.loads((Path(__file__).parent / "accuracy_floor.json").read_text())


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    if not DOMAIN.is_dir():
        pytest.skip(f"{DOMAIN} is absent")
    out = tmp_path_factory.mktemp("domain")
    extract_folder(DOMAIN / "raw", out)
    return evaluate_records(DOMAIN / "gold", out)


@pytest.mark.shared
def test_macro_f1_floor(report):
    assert report.macro_f1 >= FLOOR["macro_f1"], f"macro F1 {report.macro_f1:.3f} < floor {FLOOR['macro_f1']}"


@pytest.mark.shared
@pytest.mark.parametrize("name", LISTS)
def test_list_f1_floor(report, name):
    f1 = report.lists[name].f1
    assert f1 >= FLOOR["f1"][name], f"{name} F1 {f1:.3f} < floor {FLOOR['f1'][name]}"
