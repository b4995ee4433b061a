"""``gridapp exchange export|import``: exchange packages on the command line.

Export prints what the package carries. Import prints what it changed and writes the
acknowledgement beside the package (``FILE.gridack``) for the sender to import; when that folder
is read-only it says so — the next package back carries the acknowledgement anyway. Exit codes:
0 done (conflicts are listed for 冲突处理, not errors); 1 refused (nothing written); 3 the
package was imported but some records were left out (listed).
"""
from __future__ import annotations

from pathlib import Path

from gridapp.commands.progress import TextProgress
from gridapp.errors import GridappError
from gridapp.services import exchange
from gridapp.services.actor import Actor

EXIT_OK, EXIT_PARTIAL = 0, 3


def run(args, actor: Actor) -> int:
    handlers = {"export": _export, "import": _import, "setup": _setup, "peer": _peer, "status": _status}
    return handlers[args.exchange_command](args, actor)


def _setup(args, actor: Actor) -> int:
    unit = args.unit.strip()
    if len(unit) == 12:
        info = exchange.setup_station(actor, args.station_id, args.name, village_code=unit, secret=args.secret)
    else:
        info = exchange.setup_station(actor, args.station_id, args.name, township_code=unit, secret=args.secret)
    print(f"本机站点：{info.name}（{info.station_id}）")
    if len(unit) == 12:
        print(f"交换密钥：{exchange.station_secret(actor)}（乡镇综治中心登记本站时填写）")
    return EXIT_OK


def _peer(args, actor: Actor) -> int:
    row = exchange.register_peer(actor, args.peer_id, args.name, args.unit.strip(), secret=args.secret)
    print(f"已登记交换对方：{row.name}（{row.peer_id}）")
    return EXIT_OK


def _status(args, actor: Actor) -> int:
    info = exchange.station(actor)
    if info is None:
        print("本机尚未设置站点：gridapp exchange setup --station-id … --name … --unit …")
        return EXIT_OK
    print(f"本机站点：{info.name}（{info.station_id}）")
    for peer in exchange.list_peers(actor):
        print(f"交换对方：{peer.name}（{peer.peer_id}）")
    open_conflicts = exchange.list_conflicts(actor)
    print(f"待处理冲突：{len(open_conflicts)} 条")
    return EXIT_OK


def _export(args, actor: Actor) -> int:
    with TextProgress("导出交换包") as progress:
        result = exchange.export_package(actor, args.output, receiver=args.receiver, full=args.full,
                                         on_progress=progress)
    print(result.summary)
    if result.time_from:
        print(f"变更时间：{result.time_from} 至 {result.time_to}")
    print(f"文件：{result.path}（{_size(result.size)}）")
    if result.missing_files:
        print(f"注意：{len(result.missing_files)} 个附件文件在本机找不到，未能放入交换包")
    return EXIT_OK


def _import(args, actor: Actor) -> int:
    with TextProgress("导入交换包") as progress:
        result = exchange.import_package(actor, args.file, on_progress=progress)
    print(result.summary)
    for old, new in result.renumbered:
        print(f"事件编号 {old} 已与本机事件重复，改为 {new}")
    for s in result.skipped[:20]:
        print(f"未导入：{s.entity_label} {s.uid}：{s.reason}")
    if len(result.skipped) > 20:
        print(f"……另有 {len(result.skipped) - 20} 条未导入")
    if result.kind == "package":
        _acknowledge(actor, result)
    return EXIT_PARTIAL if result.skipped else EXIT_OK


def _acknowledge(actor: Actor, result) -> None:
    target = Path(result.path).with_suffix(exchange.ACK_SUFFIX)
    try:
        exchange.write_acknowledgement(actor, result.peer_id, target)
    except GridappError as exc:
        print(f"未能写出确认回执（{exc.message}）；下次发给“{result.peer_name}”的交换包会带上确认")
        return
    print(f"确认回执：{target}（请交给“{result.peer_name}”导入；下次发给对方的交换包也会带上确认）")


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"
