"""gridapp.services.codes: code tables, divisions and the station's identity for the UI."""
from __future__ import annotations

import pytest

from gridapp.errors import PermissionDenied, ValidationError, ValidationErrors
from gridapp.services import codes, grids
from gridapp.services.actor import GRID_WORKER, Actor, system_actor

TOWNSHIP, VILLAGE = "420281103", "420281103200"  # 金山店镇 / 土桥村


def test_code_tables_by_code_and_name(db):
    relations = codes.items("relation")
    assert relations[:2] == [("01", "本人"), ("02", "户主")]
    assert codes.name("relation", "10") == "配偶"
    assert codes.name("relation", "zz", "未知") == "未知"
    assert codes.code("relation", "配偶") == "10" and codes.code("relation", "10") == "10"
    assert codes.extra("person_category", "xmsf")["sensitive"] is True
    assert "xmsf" in codes.sensitive_categories()


def test_divisions(db):
    assert codes.county() == ("420281", "大冶市")
    townships = dict(codes.townships("420281"))
    assert townships[TOWNSHIP] == "金山店镇" and len(townships) == 18
    villages = dict(codes.villages(TOWNSHIP))
    assert villages[VILLAGE] == "土桥村"
    assert all(code.startswith(TOWNSHIP) for code in villages)
    assert codes.division_path(VILLAGE) == "金山店镇 / 土桥村"
    assert codes.division_name("999") == "999" and codes.division_name(None) == ""


def test_reference_data_is_loaded_once(tmp_path, monkeypatch):
    from gridapp import db as gdb

    monkeypatch.setenv("GRIDAPP_DATA_DIR", str(tmp_path / "data"))
    gdb.open_database(tmp_path / "fresh.sqlite3")
    try:
        assert codes.county() is None
        assert codes.ensure_reference_data() is True
        assert codes.county() == ("420281", "大冶市")
        assert codes.ensure_reference_data() is False
    finally:
        gdb.close_database()


def test_station_setup_records_the_place_and_creates_grids(db):
    assert codes.is_first_run()
    assert codes.station_info() == codes.StationInfo("", None, None)
    info = codes.setup_station(system_actor(), TOWNSHIP, VILLAGE, ["第一网格", " 第二网格 ", ""])
    assert info == codes.StationInfo("土桥村网格服务站", TOWNSHIP, VILLAGE)
    assert info.configured and not codes.is_first_run()
    assert [g.name for g in grids.list_grids(system_actor(), VILLAGE)] == ["第一网格", "第二网格"]
    # Setting up again with a name and one more grid keeps the existing grids.
    info = codes.setup_station(system_actor(), TOWNSHIP, VILLAGE, ["第一网格", "第三网格"], "土桥村服务站")
    assert info.name == "土桥村服务站"
    assert [g.name for g in grids.list_grids(system_actor(), VILLAGE)] == ["第一网格", "第二网格", "第三网格"]


def test_township_station_without_village(db):
    info = codes.setup_station(system_actor(), TOWNSHIP, None, [])
    assert info == codes.StationInfo("金山店镇综治中心", TOWNSHIP, None)


@pytest.mark.parametrize(("township", "village", "names", "field", "message"), [
    (None, None, [], "township", "请选择乡镇（街道）"),
    ("420281001", VILLAGE, [], "village", "所选村（社区）不属于东岳路街道"),
    (TOWNSHIP, None, ["第一网格"], "village", "创建网格前请先选择村（社区）"),
    (TOWNSHIP, VILLAGE, ["甲", "甲"], "grids", "网格名称“甲”重复了"),
    (TOWNSHIP, VILLAGE, ["网" * 65], "grids", "太长"),
])
def test_station_setup_explains_bad_input(db, township, village, names, field, message):
    with pytest.raises(ValidationError) as caught:
        codes.setup_station(system_actor(), township, village, names)
    assert caught.value.field == field and message in caught.value.message
    assert codes.is_first_run()


def test_several_grid_name_problems_are_reported_together():
    with pytest.raises(ValidationErrors) as caught:
        codes.clean_grid_names(["甲", "甲", "乙" * 70])
    assert len(caught.value.errors) == 2


def test_a_grid_worker_may_not_set_up_the_station(db):
    worker = Actor(user_id=None, login="w", display_name="网格员", role=GRID_WORKER, scope_code=None)
    with pytest.raises(PermissionDenied):
        codes.setup_station(worker, TOWNSHIP, VILLAGE, [])


def test_login_is_required_once_an_account_has_a_password(db):
    from gridapp.models import User

    assert not codes.login_required()
    user = User.create(login="w1", display_name="网格员一", role=GRID_WORKER, scope_code=VILLAGE)
    assert not codes.login_required()
    user.password_hash = "scrypt$..."
    user.save()
    assert codes.login_required()
    user.active = False
    user.save()
    assert not codes.login_required()
