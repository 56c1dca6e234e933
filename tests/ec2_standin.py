"""moto server, the EC2 stand-in, on loopback for the hub's EC2 tests, behind a small proxy that answers RunInstances
of chosen types with EC2's capacity error (moto itself never runs out of capacity; EC2 does, for big GPU types).

Nothing boots on moto: an instance is a record with a private IP nobody answers on. `describe()` reads what the hub
asked for (type, AMI, tags, user data) with boto3 from moto's own venv (.bighead/moto-venv).
"""
import http.server
import json
import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REGION = "us-east-1"
CAPACITY_ERROR = """<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>InsufficientInstanceCapacity</Code><Message>We currently do not have sufficient {type}
 capacity in the Availability Zone you requested (us-east-1a).</Message></Error></Errors>
<RequestID>bighead-test</RequestID></Response>"""


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Ec2StandIn:
    def __init__(self, no_capacity_for=()):
        self.moto_bin = os.environ["BIGHEAD_MOTO_SERVER"]
        self.python = str(Path(self.moto_bin).parent / "python")
        self.moto_port = _free_port()
        self.moto = subprocess.Popen([self.moto_bin, "-H", "127.0.0.1", "-p", str(self.moto_port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.moto_url = f"http://127.0.0.1:{self.moto_port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.moto_url + "/moto-api/", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or self.moto.poll() is not None:
                    self.stop()
                    raise AssertionError("moto server did not start")
                time.sleep(0.2)
        self.no_capacity_for = set(no_capacity_for)
        self.proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        threading.Thread(target=self.proxy.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.proxy.server_address[1]}"
        self.ami = self._run("""
import boto3
print(ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"])
""").strip()

    def _handler(self):
        standin = self

        class Forward(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                form = urllib.parse.parse_qs(body.decode())
                if form.get("Action") == ["RunInstances"] and \
                        set(form.get("InstanceType", [])) & standin.no_capacity_for:
                    answer = CAPACITY_ERROR.format(type=form["InstanceType"][0]).encode()
                    self.send_response(500)
                    self.send_header("Content-Type", "text/xml")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                    return
                request = urllib.request.Request(standin.moto_url + self.path, data=body, method="POST",
                                                 headers={k: v for k, v in self.headers.items()
                                                          if k.lower() not in ("host", "content-length")})
                try:
                    with urllib.request.urlopen(request, timeout=60) as r:
                        status, headers, payload = r.status, r.headers, r.read()
                except urllib.error.HTTPError as e:
                    status, headers, payload = e.code, e.headers, e.read()
                self.send_response(status)
                for k, v in headers.items():
                    if k.lower() not in ("content-length", "transfer-encoding", "connection", "server", "date"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Forward

    def env(self):
        """What the hub (its compute service) needs to use this stand-in as EC2."""
        return {"BIGHEAD_AWS_REGION": REGION, "BIGHEAD_AWS_ENDPOINT": self.url, "BIGHEAD_EC2_AMI": self.ami,
                "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": REGION}

    def _run(self, script):
        prelude = (f"import boto3, json\nec2 = boto3.client('ec2', region_name={REGION!r}, "
                   f"endpoint_url={self.moto_url!r}, aws_access_key_id='testing', aws_secret_access_key='testing')\n")
        done = subprocess.run([self.python, "-c", prelude + script], capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise AssertionError(done.stderr)
        return done.stdout

    def instances(self):
        """Every instance moto has, with its user data decoded: [{id, type, image, state, tags, user_data}]."""
        return json.loads(self._run("""
import base64
out = []
for r in ec2.describe_instances()["Reservations"]:
    for i in r["Instances"]:
        data = ec2.describe_instance_attribute(InstanceId=i["InstanceId"], Attribute="userData")
        raw = data.get("UserData", {}).get("Value", "")
        out.append({"id": i["InstanceId"], "type": i["InstanceType"], "image": i["ImageId"],
                    "state": i["State"]["Name"], "tags": {t["Key"]: t["Value"] for t in i.get("Tags", [])},
                    "user_data": base64.b64decode(raw).decode() if raw else ""})
print(json.dumps(out))
"""))

    def stop(self):
        if getattr(self, "proxy", None):
            self.proxy.shutdown()
        if self.moto.poll() is None:
            self.moto.terminate()
            self.moto.wait(10)
