# Bighead's JupyterHub (Redspot): what every Bighead hub has. `./bighead hub` runs JupyterHub with this file; the
# team's own settings live in DATA/jupyterhub_config.py (made from hub-spawner/team_config.py on the first start, then
# yours to edit) or the file given with --config, loaded at the end of this one.
#
# Read from the environment (./bighead hub sets them): BIGHEAD_ROOT (the checkout), BIGHEAD_HUB_DATA (state: the
# database, the cookie secret, the ports), BIGHEAD_HUB_PORT, BIGHEAD_HUB_TEAM_CONFIG, BIGHEAD_HUB_ADMIN_TOKEN.
import json
import os
import socket
import sys
from pathlib import Path

import nativeauthenticator

from bighead_spawner.compute import ComputeService

c = get_config()  # noqa: F821 - JupyterHub's config loader defines it

root = Path(os.environ.get("BIGHEAD_ROOT") or Path(__file__).resolve().parent.parent)
data = Path(os.environ.get("BIGHEAD_HUB_DATA") or Path.home() / ".bighead" / "hub")
data.mkdir(parents=True, exist_ok=True)
port = int(os.environ.get("BIGHEAD_HUB_PORT") or 8000)


def stable_port(name):
    """A free port chosen once and kept in DATA/ports.json: running servers know the hub's API by it, so a restarted
    hub must answer where the old one did."""
    ports_file = data / "ports.json"
    ports = json.loads(ports_file.read_text()) if ports_file.exists() else {}
    if name not in ports:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            ports[name] = s.getsockname()[1]
        ports_file.write_text(json.dumps(ports))
    return ports[name]


# --- the hub and its proxy, on loopback -------------------------------------------------------------------------------
c.JupyterHub.bind_url = f"http://127.0.0.1:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = stable_port("hub_api")
c.JupyterHub.db_url = f"sqlite:///{data / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(data / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(data / "jupyterhub.pid")
c.ConfigurableHTTPProxy.command = [str(root / "hub-spawner" / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{stable_port('proxy_api')}"
c.ConfigurableHTTPProxy.pid_file = str(data / "proxy.pid")
c.JupyterHub.allow_named_servers = True
c.JupyterHub.default_url = "/hub/home"
# a hub restart (an upgrade, a config change) leaves running servers alone and finds them again
c.JupyterHub.cleanup_servers = False

# --- who may log in: NativeAuthenticator (sign-up, an admin authorizes) unless the team's file says otherwise ----------
c.JupyterHub.authenticator_class = "native"
c.JupyterHub.template_paths = [str(Path(nativeauthenticator.__file__).parent / "templates")]
c.NativeAuthenticator.open_signup = False  # a new account waits for an admin's authorization

# --- the spawner: environments and instance types through Bighead's compute layer ---------------------------------------
c.JupyterHub.spawner_class = "bighead"
c.Spawner.default_url = "/lab"

# --- culling: servers whose kernels are idle and that saw no activity are stopped -----------------------------------------
c.BigheadHub.cull_idle_timeout = 3600  # seconds; 0 turns the culler off
c.BigheadHub.cull_every = 300
c.BigheadSpawner.gpu_cull_idle_timeout = 1800

team = Path(os.environ.get("BIGHEAD_HUB_TEAM_CONFIG") or data / "jupyterhub_config.py")
if not team.exists():
    team.write_text((root / "hub-spawner" / "team_config.py").read_text())
load_subconfig(str(team))  # noqa: F821 - JupyterHub's config loader defines it

# what depends on the team's choices comes after their file
hub_settings = c.BigheadHub
if not c.BigheadSpawner.get("compute_url"):
    backends = list(c.BigheadSpawner.get("backends") or [])
    service = ComputeService.start(root, backends=backends)
    c.BigheadSpawner.compute_url = service.url
    c.BigheadSpawner.compute_token = service.token

services = list(c.JupyterHub.get("services") or [])
roles = list(c.JupyterHub.get("load_roles") or [])
timeout = int(hub_settings.get("cull_idle_timeout", 3600))
if timeout > 0:
    # the server's last activity counts a busy kernel as activity (the notebook image's bighead_busy_activity
    # extension), so a long silent training run is never culled
    services.append({
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={timeout}",
                    f"--cull-every={int(hub_settings.get('cull_every', 300))}"],
    })
    roles.append({"name": "idle-culler", "services": ["idle-culler"],
                  "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]})
admin_token = os.environ.get("BIGHEAD_HUB_ADMIN_TOKEN")
if admin_token:
    # a script drives the hub through its REST API with this token (Authorization: token ...)
    services.append({"name": "bighead-admin", "api_token": admin_token})
    roles.append({"name": "bighead-admin", "services": ["bighead-admin"],
                  "scopes": ["admin:users", "admin:servers", "admin:groups", "list:users", "read:users",
                             "read:servers", "access:servers", "tokens"]})
c.JupyterHub.services = services
c.JupyterHub.load_roles = roles
