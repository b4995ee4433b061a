"""The ``gridapp`` command line (DESIGN.md §6 — a contract: keep options and exit codes).

``gridapp`` with no command opens the desktop client; ``gridapp COMMAND`` runs headless and never
creates a window. Exit codes: 0 ok; 1 usage or input error (nothing written); 2 the database can't
be opened or is damaged; 3 an import committed the good rows but rejected some.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys

from gridapp.errors import Cancelled, DatabaseError, GridappError

EXIT_OK, EXIT_INPUT, EXIT_DB, EXIT_PARTIAL = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    """argparse that exits with our usage code (1) and Chinese-friendly messages."""

    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"gridapp: 参数错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_INPUT)


def _global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # Global options are accepted before or after the command name. On the sub-parsers they
    # default to SUPPRESS so that a value given before the command is not overwritten.
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--db", default=default, metavar="PATH|URL",
                        help="数据库文件（或 postgresql:// 地址）；默认取 GRIDAPP_DB 或用户数据目录")
    parser.add_argument("--user", default=default, metavar="LOGIN",
                        help="以该账号执行（密码从提示输入或 GRIDAPP_PASSWORD 读取）")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gridapp", description="网格通：网格化服务管理（离线桌面版）")
    _global_options(parser, top=True)
    parser.add_argument("--demo", action="store_true", help="在演示县数据库上打开客户端")
    parser.add_argument("--smoke", action="store_true", help="在临时演示数据库上打开主窗口后退出（自检）")
    parser.add_argument("--version", action="store_true", help="显示版本号")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _global_options(p, top=False)
        return p

    p = command("init", "创建或升级数据库并载入区划与代码表（可创建第一个管理员）")
    p.add_argument("--county", default="420281", help="县（市、区）代码，默认 420281 大冶市")
    p.add_argument("--admin", metavar="LOGIN", help="创建第一个系统管理员账号")
    p.add_argument("--encrypt", action="store_true", help="创建加密数据库（需要 sqlcipher3）")

    p = command("demo", "生成确定性的演示县数据")
    p.add_argument("--households", type=int, default=3000, help="户数（默认 3000）")
    p.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同数据）")

    p = command("import", "从 Excel 导入台账")
    p.add_argument("kind", choices=["households", "visits", "events"])
    p.add_argument("file", metavar="FILE.xlsx")
    p.add_argument("--errors", metavar="OUT.xlsx", help="把被拒绝的行及原因写入该文件")
    p.add_argument("--dry-run", action="store_true", help="只校验，不写入")
    p.add_argument("--json", action="store_true", help="最后一行输出 JSON 结果")
    p.add_argument("--unit", metavar="CODE|NAME", help="文件中没有乡镇/村列时使用的默认单位")

    p = command("export", "导出汇总表或台账")
    p.add_argument("kind", choices=["summary", "households", "people", "visits", "events"])
    p.add_argument("--unit", metavar="CODE|NAME")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    p.add_argument("--period", metavar="2026-10|2026Q3|2026H1|2026",
                   help="统计时段（代替 --from/--to；按设置中的截止日计算月份）")
    p.add_argument("--compare", action="store_true", help="增加同比、环比列（汇总表）")
    p.add_argument("--unmask", action="store_true", help="导出完整身份证号和电话（需要权限，记入审计）")
    p.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")

    p = command("template", "生成空白导入模板")
    p.add_argument("kind", choices=["households", "visits", "events"])
    p.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")

    command("check", "检查数据库完整性与一致性")

    p = command("backup", "备份数据库（在线备份）")
    p.add_argument("-o", "--output", metavar="FILE", help="备份文件；默认写入备份文件夹并轮换")

    p = command("restore", "从备份恢复数据库（先校验备份，并保留当前数据库的备份）")
    p.add_argument("file", metavar="FILE")

    p = command("exchange", "站点与乡镇之间的数据交换包")
    xsub = p.add_subparsers(dest="exchange_command", parser_class=_Parser, metavar="export|import",
                            required=True)
    xe = xsub.add_parser("export", help="导出交换包")
    _global_options(xe, top=False)
    xe.add_argument("--to", dest="receiver", default="township", help="接收方（默认 township）")
    xe.add_argument("--full", action="store_true", help="导出全部记录，而非自上次确认以来的变更")
    xe.add_argument("-o", "--output", required=True, metavar="FILE.gridpkg")
    xi = xsub.add_parser("import", help="导入交换包")
    _global_options(xi, top=False)
    xi.add_argument("file", metavar="FILE.gridpkg")
    xs = xsub.add_parser("setup", help="设置本机站点（编号、名称、所属村或乡镇、交换密钥）")
    _global_options(xs, top=False)
    xs.add_argument("--station-id", required=True, help="本站编号，如 JSD-TQ")
    xs.add_argument("--name", required=True, help="本站名称，如 土桥村服务站")
    xs.add_argument("--unit", required=True, metavar="CODE",
                    help="村（社区）代码（村级站点）或乡镇代码（乡镇综治中心）")
    xs.add_argument("--secret", help="交换密钥（村级站点不填则自动生成）")
    xp = xsub.add_parser("peer", help="登记交换对方（站点登记所属乡镇；乡镇登记各站点）")
    _global_options(xp, top=False)
    xp.add_argument("peer_id", help="对方站点编号")
    xp.add_argument("--name", required=True, help="对方名称")
    xp.add_argument("--unit", required=True, metavar="CODE", help="对方的乡镇或村（社区）代码")
    xp.add_argument("--secret", help="对方站点的交换密钥（乡镇登记站点时必填）")
    xsub.add_parser("status", help="显示本机站点、交换对方和待处理冲突")
    return parser


# --------------------------------------------------------------------------- helpers
def _password(prompt: str = "密码：") -> str:
    env = os.environ.get("GRIDAPP_PASSWORD")
    if env is not None:
        return env
    if not sys.stdin or not sys.stdin.isatty():
        raise GridappError("需要密码：请设置环境变量 GRIDAPP_PASSWORD 或在终端中运行")
    return getpass.getpass(prompt)


def _actor(args):
    """The acting user: ``--user`` (password checked), or the system actor before accounts exist."""
    from gridapp.services import actor as actors

    login = getattr(args, "user", None)
    if login:
        from gridapp.services import accounts

        return accounts.authenticate(login, _password(f"{login} 的密码："))
    from gridapp.models import User

    if User.select().where(User.password_hash.is_null(False) & User.deleted_at.is_null()).exists():
        raise GridappError("数据库已有账号：请用 --user 指定登录账号")
    return actors.system_actor()


def _passphrase(prompt: str, *, confirm: bool = False) -> str:
    env = os.environ.get("GRIDAPP_PASSPHRASE")
    if env is not None:
        return env
    if not sys.stdin or not sys.stdin.isatty():
        raise GridappError("加密数据库需要口令：请设置环境变量 GRIDAPP_PASSPHRASE 或在终端中运行")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("再次输入口令：") != first:
        raise GridappError("两次输入的口令不一致")
    return first


def _open(args, *, create: bool = True):
    """Open ``--db``; an encrypted file (or ``init --encrypt``) takes its passphrase from
    GRIDAPP_PASSPHRASE or a prompt."""
    from gridapp import crypto, db

    target = db.resolve_target(getattr(args, "db", None))
    passphrase = None
    if getattr(args, "encrypt", False):
        passphrase = crypto.check_passphrase(_passphrase("为加密数据库设置口令：", confirm=True))
    elif not db.is_url(target) and crypto.looks_encrypted(target):
        # Without GRIDAPP_PASSPHRASE or a terminal, open as is: the error then says the file is
        # not a gridapp database or needs a passphrase (exit 2).
        if os.environ.get("GRIDAPP_PASSPHRASE") is not None or (sys.stdin and sys.stdin.isatty()):
            passphrase = _passphrase("数据库口令：")
    return db.open_database(target, create=create, passphrase=passphrase)


def _print_err(message: str) -> None:
    print(f"gridapp: {message}", file=sys.stderr)


# --------------------------------------------------------------------------- commands
def cmd_init(args) -> int:
    from gridapp import refdata
    from gridapp.models import database

    if args.encrypt:
        from gridapp import db

        db.require_encryption_support()
    _open(args)
    county = refdata.load_county(args.county)
    n = refdata.load_codes()
    refdata.load_defaults()
    print(f"已载入 {args.county}：{county['townships']} 个乡镇（街道）、{county['villages']} 个村（社区），代码表 {n} 项")
    if args.admin:
        from gridapp.services import accounts

        with database.atomic():
            accounts.create_first_admin(args.admin, _password(f"为 {args.admin} 设置密码："))
        print(f"已创建系统管理员 {args.admin}")
    print(f"数据库：{database.obj.path}")
    return EXIT_OK


def cmd_demo(args) -> int:
    from gridapp.commands import demo

    _open(args)
    return demo.run(args)


def cmd_check(args) -> int:
    from gridapp import db

    _open(args, create=False)
    result = db.check()
    counts = "，".join(f"{k} {v}" for k, v in result.counts.items())
    if result.ok:
        print(f"数据库完好（{counts}）")
        return EXIT_OK
    for problem in result.problems:
        print(f"问题：{problem}")
    return EXIT_DB


def cmd_backup(args) -> int:
    from gridapp import db
    from gridapp.commands.progress import TextProgress

    _open(args, create=False)
    with TextProgress("备份") as progress:
        path = db.backup(args.output, on_progress=progress)
    print(f"已备份到 {path}")
    return EXIT_OK


def cmd_restore(args) -> int:
    from gridapp import db

    target = db.resolve_target(getattr(args, "db", None))
    info = db.restore(args.file, db_path=target)
    counts = "，".join(f"{k} {v}" for k, v in info["counts"].items())
    print(f"已从 {info['path']}（{info['modified']:%Y-%m-%d %H:%M}）恢复：{counts}")
    if info.get("previous_kept_as"):
        print(f"恢复前的数据库已保存为 {info['previous_kept_as']}")
    return EXIT_OK


def cmd_import(args) -> int:
    from gridapp.commands import excel

    _open(args, create=False)
    return excel.run_import(args, _actor(args))


def cmd_export(args) -> int:
    from gridapp.commands import excel

    _open(args, create=False)
    return excel.run_export(args, _actor(args))


def cmd_template(args) -> int:
    from gridapp.commands import excel

    return excel.run_template(args)


def cmd_exchange(args) -> int:
    from gridapp.commands import exchange

    _open(args, create=False)
    return exchange.run(args, _actor(args))


COMMANDS = {
    "init": cmd_init, "demo": cmd_demo, "check": cmd_check, "backup": cmd_backup,
    "restore": cmd_restore, "import": cmd_import, "export": cmd_export, "template": cmd_template,
    "exchange": cmd_exchange,
}


def main(argv: list[str] | None = None, *, open_client=None) -> int:
    """Run a headless command. With no command, call ``open_client(db=, demo=, smoke=)``: the
    ``gridapp`` console script (``ui.launcher``) passes the desktop client here, so the core
    never imports the UI and headless commands never load Qt."""
    args = build_parser().parse_args(argv)
    if args.version:
        from gridapp import __version__

        print(f"gridapp {__version__}")
        return EXIT_OK
    if args.command is None:
        if open_client is None:
            _print_err("请指定命令（gridapp --help）；不带命令运行 gridapp 打开桌面客户端")
            return EXIT_INPUT
        return open_client(db=args.db, demo=args.demo, smoke=args.smoke)
    try:
        return COMMANDS[args.command](args)
    except DatabaseError as exc:
        _print_err(exc.message)
        return EXIT_DB
    except Cancelled:
        _print_err("已取消")
        return EXIT_INPUT
    except GridappError as exc:
        _print_err(exc.message)
        return exc.exit_code
    except KeyboardInterrupt:
        _print_err("已中断")
        return EXIT_INPUT
    finally:
        from gridapp import db

        db.close_database()


if __name__ == "__main__":
    sys.exit(main())
