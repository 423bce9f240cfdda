"""A second console for the live test: opens the app on ``URL`` as ``USERNAME`` with the shell's banner bar,
prints ``ready`` once it listens, then ``banner <key>`` for every banner that appears.

The bar's safety-net poll is set to an hour, so a banner can only arrive through PostgreSQL's
LISTEN/NOTIFY. Usage: ``python second_console.py URL USERNAME``; it stops by itself after a while.
"""

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(url: str, username: str) -> int:
    from PySide6.QtWidgets import QApplication

    from console.core import auth
    from console.core.bootstrap import open_app
    from console.core.contributions import Context
    from console.ui import banners

    qapp = QApplication([])
    banners.LIVE_POLL_MS = 3_600_000
    app, _ = open_app(url)
    bar = banners.BannerBar(Context(app, auth.actor_for(app, username)), app.plugins.collect("register_banners"),
                            lambda *_: None)
    while not bar._listener.wait_ready(0.05) or bar.loading():
        qapp.processEvents()
    print("ready", flush=True)
    seen: set[str] = {banner.key for _plugin, banner in bar.banners}
    end = time.monotonic() + 120
    while time.monotonic() < end:
        qapp.processEvents()
        for _plugin, banner in bar.banners:
            if banner.key not in seen:
                seen.add(banner.key)
                print(f"banner {banner.key}", flush=True)
        time.sleep(0.02)
    bar.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
