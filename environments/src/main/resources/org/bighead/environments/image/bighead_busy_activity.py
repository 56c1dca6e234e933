"""A Jupyter Server extension in Bighead's notebook images: a busy kernel counts as activity.

JupyterHub's idle culler stops servers by their last activity, and Jupyter Server counts a kernel's messages as
activity, not its being busy: a training run that prints nothing for an hour would look idle and be culled. This
extension marks the server active while any kernel is busy (Jupyter Server takes every setting whose name ends in
`_last_activity` into its last activity), so only servers whose kernels are all idle are culled.
"""
import os
from datetime import datetime, timezone

from tornado.ioloop import PeriodicCallback

SETTING = "bighead_busy_kernels_last_activity"


def _jupyter_server_extension_points():
    return [{"module": "bighead_busy_activity"}]


def _load_jupyter_server_extension(serverapp):
    settings = serverapp.web_app.settings
    kernels = serverapp.kernel_manager

    def mark_busy():
        for kernel_id in list(kernels.list_kernel_ids()):
            try:
                busy = getattr(kernels.get_kernel(kernel_id), "execution_state", None) == "busy"
            except KeyError:  # shut down meanwhile
                continue
            if busy:
                settings[SETTING] = datetime.now(timezone.utc)
                return

    seconds = float(os.environ.get("BIGHEAD_BUSY_ACTIVITY_INTERVAL", "30"))
    PeriodicCallback(mark_busy, seconds * 1000).start()
    serverapp.log.info("bighead_busy_activity: a busy kernel counts as activity (checked every %.0f s)", seconds)
