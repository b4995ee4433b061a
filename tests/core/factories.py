"""Small builders for core tests: grids, users/actors, people and households.

Use with the ``db`` fixture. Everything goes through the services, so the rows are exactly what
the application writes (scope codes, search keys, audit rows). Defaults are deterministic: IDs
and birth dates come from a counter, so two people made here never clash.

    grid = make_grid()                                   # 大箕铺镇 石应高村 一网格
    clerk = make_actor("township", "420281109")
    worker = make_actor("grid_worker", grid_ids=(grid.id,))
    home = make_household(worker, grid.id, n_members=3)  # HouseholdDetail, head first
"""
from __future__ import annotations

import datetime as dt
import itertools

from gridapp import ids
from gridapp.models import Grid, User
from gridapp.services import grids, households
from gridapp.services.actor import GRID_WORKER, Actor, actor_for, system_actor
from gridapp.services.households import HouseholdDetail, HouseholdInput
from gridapp.services.people import PersonInput, TagInput

VILLAGE = "420281109200"  # 大箕铺镇 石应高村 (示例 code)
OTHER_VILLAGE = "420281109201"  # 大箕铺镇 袁家咀村
TOWNSHIP = "420281109"  # 大箕铺镇
OTHER_TOWNSHIP_VILLAGE = "420281103200"  # 金山店镇 土桥村

_counter = itertools.count(1)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
         "超", "秀兰", "霞", "平", "刚", "桂英", "建国", "建华", "志强", "海燕", "红梅", "春生"]


def next_n() -> int:
    return next(_counter)


def make_grid(village_code: str = VILLAGE, name: str = "一网格", worker: int | None = None) -> grids.GridRow:
    """A grid in ``village_code``; ``worker`` is a grid worker's user id."""
    return grids.create_grid(system_actor(), village_code, name, worker_id=worker)


def make_user(role: str, scope_code: str | None = None, login: str | None = None,
              display_name: str | None = None) -> User:
    n = next_n()
    return User.create(login=login or f"user{n}", display_name=display_name or f"用户{n}", role=role,
                       scope_code=scope_code)


def make_actor(role: str, scope_code: str | None = None, grid_ids=()) -> Actor:
    """A user with that role and scope, as an Actor. A grid worker becomes the worker of ``grid_ids``
    (and is scoped to the village of the first of them)."""
    if role == GRID_WORKER and grid_ids and scope_code is None:
        scope_code = Grid.get_by_id(grid_ids[0]).village_code
    user = make_user(role, scope_code)
    for grid_id in grid_ids:
        Grid.update(worker=user.id).where(Grid.id == grid_id).execute()
    return actor_for(user)


def birth_for(n: int) -> dt.date:
    return dt.date(1950, 1, 1) + dt.timedelta(days=(n * 97) % 25000)


def make_id_number(n: int | None = None, birth: dt.date | None = None, male: bool | None = None) -> str:
    """A valid 420281 ID number, distinct for each ``n``."""
    n = next_n() if n is None else n
    birth = birth or birth_for(n)
    seq = (n * 2) % 1000
    if male is None:
        male = n % 2 == 1
    return ids.make_id("420281", birth, seq + 1 if male else seq)


def person_input(name: str | None = None, *, with_id: bool = True, relation: str = "99",
                 male: bool | None = None, tags: tuple[TagInput, ...] = (), **fields) -> PersonInput:
    """A person with a unique valid ID (or none with ``with_id=False``); ``fields`` override."""
    n = next_n()
    if name is None:
        name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n // len(SURNAMES)) % len(GIVEN)]
    if with_id and "id_number" not in fields:
        fields["id_number"] = make_id_number(n, male=male)
    if not with_id and "birth_date" not in fields:
        fields["birth_date"] = birth_for(n)
    return PersonInput(name=name, relation=relation, tags=tags, **fields)


def household_input(grid_id: int, number: str | None = None, **fields) -> HouseholdInput:
    return HouseholdInput(grid_id=grid_id, number=number or f"{next_n():04d}", **fields)


def make_household(actor: Actor, grid_id: int, n_members: int = 3, *, number: str | None = None,
                   address: str = "", head: PersonInput | None = None, members=None,
                   **fields) -> HouseholdDetail:
    """A household with a head and ``n_members - 1`` members (spouse, then children),
    or exactly ``head``/``members`` when given."""
    head = head or person_input(male=True)
    if members is None:
        relations = [("12", False)] + [("20", True), ("30", False)] * 5
        members = [person_input(relation=r, male=m) for r, m in relations[:n_members - 1]]
    return households.create(actor, household_input(grid_id, number, address=address, **fields), head,
                             members, confirm=True)
