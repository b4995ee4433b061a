"""The ``gridapp`` console script: headless commands go to ``gridapp.cli``; with no command the
desktop client opens. Qt is imported only when the client is really opened."""
from __future__ import annotations

import sys


def _open_client(**options) -> int:
    from ui.app import main as client_main

    return client_main(**options)


def main(argv: list[str] | None = None) -> int:
    from gridapp.cli import main as cli_main

    return cli_main(argv, open_client=_open_client)


if __name__ == "__main__":
    sys.exit(main())
