import json

import pytest

from gridapp.errors import PermissionDenied, ValidationError
from gridapp.models import AuditLog, GridAssignment
from gridapp.services import grids
from gridapp.services.actor import GRID_WORKER, SYSADMIN, system_actor
from tests.core.factories import (
    OTHER_TOWNSHIP_VILLAGE, OTHER_VILLAGE, TOWNSHIP, VILLAGE, make_actor, make_grid, make_household, make_user,
)


def test_grid_codes_follow_the_village_code_with_a_two_digit_sequence(db):
    first = make_grid(VILLAGE, "一网格")
    second = make_grid(VILLAGE, "二网格")
    elsewhere = make_grid(OTHER_VILLAGE, "一网格")
    assert (first.code, second.code, elsewhere.code) == (VILLAGE + "01", VILLAGE + "02", OTHER_VILLAGE + "01")
    assert first.village_name == "石应高村" and first.township_code == TOWNSHIP
    row = AuditLog.get((AuditLog.entity == "grid") & (AuditLog.uid == first.uid))
    assert row.action == "create" and json.loads(row.changes)["code"] == [None, first.code]


def test_list_grids_counts_live_households_and_keeps_to_the_scope(db):
    a, b = make_grid(VILLAGE, "一网格"), make_grid(VILLAGE, "二网格")
    other = make_grid(OTHER_TOWNSHIP_VILLAGE, "一网格")
    clerk = make_actor("township", TOWNSHIP)
    make_household(clerk, a.id, 2)
    make_household(clerk, a.id, 1)
    assert [(g.code, g.household_count) for g in grids.list_grids(clerk)] == [(a.code, 2), (b.code, 0)]
    assert [g.id for g in grids.list_grids(make_actor(GRID_WORKER, grid_ids=(b.id,)))] == [b.id]
    assert [g.id for g in grids.list_grids(make_actor("village_admin", OTHER_TOWNSHIP_VILLAGE))] == [other.id]
    assert grids.list_grids(clerk, village_code=OTHER_VILLAGE) == []


def test_only_administrators_of_the_village_create_grids(db):
    worker = make_actor(GRID_WORKER, grid_ids=(make_grid().id,))
    with pytest.raises(PermissionDenied):
        grids.create_grid(worker, VILLAGE, "二网格")
    with pytest.raises(PermissionDenied, match="袁家咀村不在您的管辖范围内"):
        grids.create_grid(make_actor("village_admin", VILLAGE), OTHER_VILLAGE, "一网格")
    assert grids.create_grid(make_actor("village_admin", VILLAGE), VILLAGE, "二网格").code == VILLAGE + "02"


@pytest.mark.parametrize("village, name, field, message", [
    ("999999999999", "一网格", "village_code", r"村\(社区\)代码不存在"),
    (VILLAGE, "  ", "name", "网格名称不能为空"),
    (VILLAGE, "一网格", "name", "已有名为“一网格”的网格"),
])
def test_create_grid_rejects_bad_input_naming_the_field(db, village, name, field, message):
    make_grid(VILLAGE, "一网格")
    with pytest.raises(ValidationError, match=message) as info:
        grids.create_grid(system_actor(), village, name)
    assert info.value.field == field


def test_assigning_a_worker_keeps_the_handover_history(db):
    first, second = make_user(GRID_WORKER, VILLAGE), make_user(GRID_WORKER, VILLAGE)
    grid = make_grid(worker=first.id)
    assert grid.worker_id == first.id and grid.worker_name == first.display_name
    clerk = make_actor("township", TOWNSHIP)
    after = grids.assign_worker(clerk, grid.id, second.id, note="工作调整")
    assert after.worker_id == second.id
    history = list(GridAssignment.select().where(GridAssignment.grid == grid.id).order_by(GridAssignment.id))
    assert [(h.worker_id, h.end is None) for h in history] == [(first.id, False), (second.id, True)]
    with pytest.raises(ValidationError, match="不是网格员账号") as info:
        grids.assign_worker(clerk, grid.id, make_user(SYSADMIN).id)
    assert info.value.field == "worker_id"


def test_divisions_start_at_the_top_of_the_scope(db):
    clerk = make_actor("township", TOWNSHIP)
    assert [d.code for d in grids.divisions(clerk)] == [TOWNSHIP]
    villages = grids.divisions(clerk, TOWNSHIP)
    assert VILLAGE in [d.code for d in villages] and all(d.level == "village" for d in villages)
    assert [d.code for d in grids.divisions(clerk, "420281")] == [TOWNSHIP]
    assert grids.divisions(clerk, "420281103") == []
    county = grids.divisions(system_actor())
    assert [(d.code, d.level) for d in county] == [("420281", "county")]
    assert len(grids.divisions(system_actor(), "420281")) >= 18


def test_a_grid_worker_sees_the_villages_of_their_grids(db):
    worker = make_actor(GRID_WORKER, grid_ids=(make_grid(OTHER_VILLAGE).id,))
    assert [d.code for d in grids.divisions(worker)] == [OTHER_VILLAGE]
    assert [d.code for d in grids.divisions(worker, TOWNSHIP)] == [OTHER_VILLAGE]
    assert [d.name for d in grids.divisions(worker, "420281")] == ["大箕铺镇"]
