"""Regression floor: record-level F1 on ../shared/eval/domain and on the held-out
../shared/eval/validation must not drop below accuracy_floor.json.

Every accuracy improvement raises the floor in the same commit; a gain on domain alone is not one.
"""

import json
from pathlib import Path

import pytest

from pipeline.evaluate import LISTS, evaluate_records
from pipeline.run import extract_folder
from tests.conftest import SHARED

FLOOR = json.loads((Path(__file__).parent / "accuracy_floor.json").read_text())
SETS = ("domain", "validation")


@pytest.fixture(scope="module", params=SETS)
def report(request, tmp_path_factory):
    folder = SHARED / "eval" / request.param
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    out = tmp_path_factory.mktemp(request.param)
    extract_folder(folder / "raw", out)
    return request.param, evaluate_records(folder / "gold", out)


@pytest.mark.shared
def test_macro_f1_floor(report):
    name, result = report
    floor = FLOOR[name]["macro_f1"]
    assert result.macro_f1 >= floor, f"{name}: macro F1 {result.macro_f1:.3f} < floor {floor}"


@pytest.mark.shared
@pytest.mark.parametrize("list_name", LISTS)
def test_list_f1_floor(report, list_name):
    name, result = report
    f1, floor = result.lists[list_name].f1, FLOOR[name]["f1"][list_name]
    assert f1 >= floor, f"{name}: {list_name} F1 {f1:.3f} < floor {floor}"
