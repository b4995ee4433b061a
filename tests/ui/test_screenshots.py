"""ui.screenshots: the 设置 tabs and the account dialogs are shot as a system administrator."""
from __future__ import annotations

from gridapp.services import accounts
from gridapp.services.actor import SYSADMIN


def test_an_administrator_is_made_once_when_the_database_has_none(db):
    from ui import screenshots

    made = screenshots.admin_actor()
    assert (made.role, made.login, made.scope_code) == (SYSADMIN, screenshots.ADMIN_LOGIN, None)
    assert screenshots.admin_actor().user_id == made.user_id


def test_the_database_own_administrator_is_used(db):
    from ui import screenshots

    accounts.create_first_admin("zhanglei", "Admin2026ok", "张磊")
    assert screenshots.admin_actor().login == "zhanglei"
