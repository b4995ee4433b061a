"""The headless command line: commands, messages and exit codes (DESIGN.md §6)."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from gridapp import cli, migrations


def run(*argv):
    return cli.main(list(argv))


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("GRIDAPP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("GRIDAPP_DB", raising=False)
    monkeypatch.delenv("GRIDAPP_PASSWORD", raising=False)


def test_init_then_check(tmp_path, capsys):
    path = tmp_path / "g.sqlite3"
    assert run("--db", str(path), "init") == 0
    out = capsys.readouterr().out
    assert "18 个乡镇" in out and "420281" in out
    assert run("check", "--db", str(path)) == 0  # --db after the command works too
    assert "数据库完好" in capsys.readouterr().out


def test_init_unknown_county_is_input_error(tmp_path, capsys):
    assert run("--db", str(tmp_path / "g.sqlite3"), "init", "--county", "110101") == 1
    assert "110101" in capsys.readouterr().err


def test_gridapp_db_environment_variable(tmp_path, monkeypatch, capsys):
    path = tmp_path / "env.sqlite3"
    monkeypatch.setenv("GRIDAPP_DB", str(path))
    assert run("init") == 0
    assert path.exists()


def test_check_missing_file_exit_2(tmp_path, capsys):
    assert run("--db", str(tmp_path / "missing.sqlite3"), "check") == 2
    err = capsys.readouterr().err
    assert "不存在" in err and "Traceback" not in err


def test_not_a_database_exit_2(tmp_path, capsys):
    path = tmp_path / "x.sqlite3"
    path.write_bytes(b"hello world, not sqlite" * 10)
    assert run("--db", str(path), "check") == 2
    assert "不是网格通数据库" in capsys.readouterr().err


def test_too_new_exit_2(tmp_path, capsys):
    path = tmp_path / "g.sqlite3"
    assert run("--db", str(path), "init") == 0
    con = sqlite3.connect(path)
    con.execute("UPDATE schema_version SET version = ?", (migrations.LATEST + 5,))
    con.commit()
    con.close()
    assert run("--db", str(path), "check") == 2
    assert "更新版本" in capsys.readouterr().err


def test_unreachable_server_exit_2(capsys):
    pytest.importorskip("psycopg2")
    assert run("--db", "postgresql://u:pw@127.0.0.1:1/g", "check") == 2
    err = capsys.readouterr().err
    assert "无法连接数据库服务器" in err and "pw@" not in err


def test_damaged_database_check_exit_2(tmp_path, capsys):
    path = tmp_path / "g.sqlite3"
    assert run("--db", str(path), "init") == 0
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 3, len(data), 4096):  # scribble over every page after the third
        data[offset + 100: offset + 400] = os.urandom(300)
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        if os.path.exists(str(path) + suffix):
            os.remove(str(path) + suffix)
    assert run("--db", str(path), "check") == 2
    assert "Traceback" not in capsys.readouterr().err


def test_backup_and_restore(tmp_path, capsys):
    path = tmp_path / "g.sqlite3"
    assert run("--db", str(path), "init") == 0
    out = tmp_path / "b.sqlite3"
    assert run("--db", str(path), "backup", "-o", str(out)) == 0
    assert out.exists()
    assert run("--db", str(path), "restore", str(out)) == 0
    text = capsys.readouterr().out
    assert "恢复" in text and "恢复前的数据库已保存为" in text


def test_restore_refuses_bad_backup(tmp_path, capsys):
    path = tmp_path / "g.sqlite3"
    assert run("--db", str(path), "init") == 0
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("nope", encoding="utf-8")
    assert run("--db", str(path), "restore", str(bad)) == 2
    assert run("--db", str(path), "check") == 0


def test_usage_error_exit_1(capsys):
    with pytest.raises(SystemExit) as exc:
        run("import", "nonsense", "x.xlsx")
    assert exc.value.code == 1


def test_no_command_without_client_is_usage_error(capsys):
    assert run() == 1


def test_version(capsys):
    assert run("--version") == 0
    assert capsys.readouterr().out.startswith("gridapp ")


def test_headless_command_loads_no_qt(tmp_path):
    """`gridapp COMMAND` runs without a display and without importing Qt at all."""
    code = (
        "import sys; from ui.launcher import main; rc = main(['--db', sys.argv[1], 'init']);"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'; sys.exit(rc)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "h.sqlite3")],
                            capture_output=True, text=True, env=env, cwd=os.getcwd(), timeout=120)
    assert result.returncode == 0, result.stderr


def test_exchange_setup_peer_and_status(tmp_path, capsys):
    station, township = str(tmp_path / "s.sqlite3"), str(tmp_path / "t.sqlite3")
    assert run("--db", station, "init") == 0 and run("--db", township, "init") == 0
    capsys.readouterr()
    assert run("--db", station, "exchange", "status") == 0
    assert "尚未设置站点" in capsys.readouterr().out
    assert run("--db", station, "exchange", "setup", "--station-id", "TQ", "--name", "土桥村服务站",
               "--unit", "420281103200") == 0
    out = capsys.readouterr().out
    secret = out.split("交换密钥：", 1)[1].split("（", 1)[0]
    assert len(secret) >= 16
    assert run("--db", township, "exchange", "setup", "--station-id", "JSD", "--name", "金山店镇综治中心",
               "--unit", "420281103") == 0
    assert run("--db", township, "exchange", "peer", "TQ", "--name", "土桥村服务站",
               "--unit", "420281103200", "--secret", secret) == 0
    assert run("--db", station, "exchange", "peer", "JSD", "--name", "金山店镇综治中心", "--unit", "420281103") == 0
    capsys.readouterr()
    assert run("--db", township, "exchange", "status") == 0
    out = capsys.readouterr().out
    assert "土桥村服务站（TQ）" in out and "待处理冲突：0 条" in out
    package = tmp_path / "p.gridpkg"
    assert run("--db", station, "exchange", "export", "-o", str(package)) == 0
    assert run("--db", township, "exchange", "import", str(package)) == 0
    assert package.with_suffix(".gridack").exists()


def test_exchange_peer_with_wrong_unit_is_input_error(tmp_path, capsys):
    station = str(tmp_path / "s.sqlite3")
    assert run("--db", station, "init") == 0
    assert run("--db", station, "exchange", "setup", "--station-id", "TQ", "--name", "土桥村服务站",
               "--unit", "420281103200") == 0
    capsys.readouterr()
    assert run("--db", station, "exchange", "peer", "X", "--name", "别的乡镇", "--unit", "420281109") == 1
    assert "不能与" in capsys.readouterr().err


def test_init_encrypt_then_commands_need_the_passphrase(tmp_path, monkeypatch, capsys):
    pytest.importorskip("sqlcipher3")
    path = str(tmp_path / "secret.sqlite3")
    monkeypatch.setenv("GRIDAPP_PASSPHRASE", "correct horse 2026")
    assert run("--db", path, "init", "--encrypt") == 0
    with open(path, "rb") as fh:
        assert not fh.read(16).startswith(b"SQLite format 3")
    assert run("--db", path, "check") == 0
    monkeypatch.setenv("GRIDAPP_PASSPHRASE", "wrong passphrase")
    capsys.readouterr()
    assert run("--db", path, "check") == 2
    assert "口令错误" in capsys.readouterr().err
    monkeypatch.delenv("GRIDAPP_PASSPHRASE")
    capsys.readouterr()
    assert run("--db", path, "check") == 2  # no terminal to ask on
    assert "需要口令" in capsys.readouterr().err
