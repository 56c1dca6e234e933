# Your team's JupyterHub settings (Bighead's hub loads this file after its own: hub-spawner/jupyterhub_config.py).
# Edit and restart ./bighead hub. JupyterHub's documentation lists every setting.
c = get_config()  # noqa: F821

# Who administers the hub (authorizes sign-ups, sees every server). With NativeAuthenticator, the admin signs up at
# /hub/signup under this name first.
c.Authenticator.admin_users = {"admin"}

# Who may log in. The default, NativeAuthenticator, keeps accounts in the hub's database: people sign up and an admin
# authorizes them at /hub/authorize. With an identity provider, use OAuth instead, e.g. GitHub:
#   c.JupyterHub.authenticator_class = "github"
#   c.GitHubOAuthenticator.oauth_callback_url = "https://hub.example.com/hub/oauth_callback"
#   c.GitHubOAuthenticator.client_id = "..."; c.GitHubOAuthenticator.client_secret = "..."
#   c.GitHubOAuthenticator.allowed_organizations = {"your-org"}
# or the machine's own accounts: c.JupyterHub.authenticator_class = "pam"

# Where servers run: "docker" (this machine's engine, or ./bighead engine start's) and/or "ec2" (needs aws.region,
# ec2.ami, … in ~/.bighead/config.json or BIGHEAD_* variables). The first is the form's default.
# c.BigheadSpawner.backends = ["docker", "ec2"]
# A server on EC2 must reach the hub: set the address instances use, e.g.
# c.BigheadSpawner.hub_connect_url = "http://10.0.0.5:8081"

# The team's registry, where Export and %bighead register write: every server gets its address and its person's
# write token (./bighead registry token create --user NAME --scope write), so the registry records who did what.
# Servers on this machine's Docker share its network, so a registry on 127.0.0.1 is reachable from them.
# tokens = {"maya": "bh_..."}
# c.Spawner.environment = {"BIGHEAD_REGISTRY_URL": "http://127.0.0.1:8470",
#                          "BIGHEAD_REGISTRY_TOKEN": lambda spawner: tokens[spawner.user.name]}

# What a REST spawn without user_options gets.
# c.BigheadSpawner.default_environment = "cpu"
# c.BigheadSpawner.default_instance_type = "t3.medium"

# Culling: a server whose kernels are all idle and that had no activity for this long is stopped (a busy kernel
# counts as activity). GPU types stop themselves sooner.
# c.BigheadHub.cull_idle_timeout = 3600
# c.BigheadSpawner.gpu_cull_idle_timeout = 1800
