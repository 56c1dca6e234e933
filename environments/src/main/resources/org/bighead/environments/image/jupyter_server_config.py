# Bighead's notebook image: Jupyter Server settings for every server in the image (/opt/venv/etc/jupyter).
import sys

c = get_config()  # noqa: F821
sys.path.insert(0, "/opt/bighead/python")
c.ServerApp.jpserver_extensions = {"bighead_busy_activity": True}
