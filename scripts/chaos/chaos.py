#!/usr/bin/env python3
"""Crash-consistency test of the AppMgmt device (issue 12's proof), standard library only.

Each round runs random concurrent installs, updates (some of a slow, large package),
activations, deactivations, uninstalls and slow or aborted uploads against the real device,
kills it with SIGKILL at a random moment, restarts it on the same data, lets it settle, and
checks:
  - every app is Inactive or Active;
  - the version reported is the version of the files on disk, one that was uploaded;
  - no orphan app folder, staging or upload left, no stale .tmp file;
  - an acknowledged install never disappears (unless an Uninstall of it was sent after);
  - no app process runs unmanaged: each belongs to an Active app's process group, one
    instance per app.

    python3 scripts/chaos/chaos.py [--rounds 100] [--seed N] [--bin .build/debug]
Exits non-zero on any violation.
"""
import argparse, hashlib, http.client, io, json, os, random, re, signal, subprocess, sys, tarfile
import tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
IDS = ["chaos.a", "chaos.b", "chaos.c"]
SCRIPT = """#!/bin/sh
sleep 1000 &
while :; do sleep 1; done
"""


def make_package(app_id, version, autostart, payload):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        def add(name, data, mode=0o644):
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), mode
            tar.addfile(info, io.BytesIO(data))
        manifest = {"id": app_id, "name": app_id, "version": version, "entryPoint": "bin/run.sh",
                    "website": "https://example.com", "autostart": autostart}
        add("manifest.json", json.dumps(manifest).encode())
        add("bin/run.sh", SCRIPT.encode(), 0o755)
        if payload:
            add("payload.bin", os.urandom(payload))
    return buffer.getvalue()


class Device:
    def __init__(self, binary, data, users):
        self.process = subprocess.Popen(
            [binary, "--data-dir", data, "--port", "0", "--log-level", "warning", "--stop-timeout", "1", "--add-users-from", users],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.port = None
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            match = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", line)
            if match:
                self.port = int(match.group(1))
                break
        if self.port is None:
            raise RuntimeError("the device did not start")
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill9()
            raise RuntimeError("the device did not stop within 30 s of SIGTERM")


def digest_header(challenges, method, uri, user, password):
    challenge = next((c for c in challenges if "algorithm=MD5" in c), challenges[0])
    params = dict(re.findall(r'(\w+)="?([^",]*)"?', challenge))
    ha1 = hashlib.md5(f"{user}:{params['realm']}:{password}".encode()).hexdigest()
    ha2 = hashlib.md5(f"{method}:{uri}".encode()).hexdigest()
    cnonce = os.urandom(8).hex()
    response = hashlib.md5(f"{ha1}:{params['nonce']}:00000001:{cnonce}:auth:{ha2}".encode()).hexdigest()
    return (f'Digest username="{user}", realm="{params["realm"]}", nonce="{params["nonce"]}", uri="{uri}", '
            f'algorithm=MD5, qop=auth, nc=00000001, cnonce="{cnonce}", response="{response}"')


def upload(port, body, mode="normal"):
    """POSTs a package; mode 'slow' drips it, 'abort' stops halfway. Returns the status or None."""
    try:
        probe = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        probe.request("HEAD", "/onvif/app_upload")
        answer = probe.getresponse()
        challenges = answer.headers.get_all("WWW-Authenticate") or []
        answer.read()
        probe.close()
        authorization = digest_header(challenges, "POST", "/onvif/app_upload", "admin", "admin-password")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.putrequest("POST", "/onvif/app_upload")
        connection.putheader("Content-Type", "application/gzip")
        connection.putheader("Content-Length", str(len(body)))
        connection.putheader("Authorization", authorization)
        connection.endheaders()
        if mode == "abort":
            connection.send(body[: len(body) // 2])
            connection.close()
            return None
        if mode == "slow":
            step = max(1, len(body) // 10)
            for offset in range(0, len(body), step):
                connection.send(body[offset: offset + step])
                time.sleep(0.05)
        else:
            connection.send(body)
        status = connection.getresponse().status
        connection.close()
        return status
    except (OSError, http.client.HTTPException):
        return None


def cli(binary, port, *arguments):
    env = dict(os.environ, APPMGMT_DEVICE=f"http://127.0.0.1:{port}", APPMGMT_USER="admin", APPMGMT_PASSWORD="admin-password")
    try:
        done = subprocess.run([binary, *arguments], env=env, capture_output=True, text=True, timeout=60)
        return done.returncode, done.stdout
    except subprocess.TimeoutExpired:
        return -1, ""


def app_processes(data):
    """Processes started for apps of this data folder: pid → (app id, process group)."""
    found = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as f:
                environ = dict(item.split(b"=", 1) for item in f.read().split(b"\0") if b"=" in item)
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        config = environ.get(b"APPMGMT_CONFIG_DIR", b"").decode()
        fields = stat[stat.rindex(")") + 2:].split()
        if config.startswith(data + "/") and fields[0] not in ("Z", "X"):
            found[int(name)] = (environ[b"APPMGMT_APP_ID"].decode(), int(fields[2]))
    return found


def settle(cli_bin, port, data, timeout=90):
    deadline = time.time() + timeout
    apps = None
    def pending():
        return os.listdir(os.path.join(data, "uploads")) or os.listdir(os.path.join(data, "staging"))
    while time.time() < deadline:
        # Nothing pending before and after the query: no install ran while it was answered
        # (an acknowledged upload stays in uploads/ until its install is recorded).
        if not pending():
            status, output = cli(cli_bin, port, "info", "--json")
            if status == 0 and not pending():
                apps = json.loads(output) if output.strip() else []
                if all(app["state"] in ("Inactive", "Active") for app in apps):
                    return apps
        time.sleep(0.3)
    raise RuntimeError(f"the device did not settle within {timeout} s: {apps}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build/debug"))
    options = parser.parse_args()
    rng = random.Random(options.seed)
    device_bin, cli_bin = os.path.join(options.bin, "appmgmt-device"), os.path.join(options.bin, "appmgmt")
    work = tempfile.mkdtemp(prefix="appmgmt-chaos-")
    data = os.path.join(work, "data")
    users = os.path.join(work, "users")
    with open(users, "w") as f:
        f.write("admin:admin-password:Administrator\n")
    packages = {(app_id, f"{major}.0.{minor}"): make_package(app_id, f"{major}.0.{minor}", app_id != "chaos.c", 0)
                for app_id in IDS for major in (1,) for minor in range(4)}
    big = {app_id: make_package(app_id, "1.9.0", True, 12 << 20) for app_id in IDS}
    acknowledged = {app_id: set() for app_id in IDS}  # versions whose upload got 200
    lock = threading.Lock()
    last = {}  # app id → ("install" | "uninstall-sent", time)
    uninstalling = {app_id: 0 for app_id in IDS}  # Uninstall calls in flight
    counts = {"uploads": 0, "acknowledged": 0, "slow": 0, "aborted": 0, "activate": 0, "deactivate": 0, "uninstall": 0, "kills": 0}
    violations = []
    start = time.time()
    print(f"chaos: {options.rounds} rounds, seed {options.seed}, data {data}")
    device = Device(device_bin, data, users)
    for round_number in range(1, options.rounds + 1):
        port = device.port
        stop_at = time.time() + rng.uniform(0.3, 3.0)

        def worker(seed):
            local = random.Random(seed)
            while time.time() < stop_at:
                app_id = local.choice(IDS)
                action = local.choice(["upload", "upload", "big", "slow", "abort", "activate", "deactivate", "uninstall"])
                if action in ("upload", "big", "slow"):
                    version = "1.9.0" if action == "big" else local.choice([v for (i, v) in packages if i == app_id])
                    body = big[app_id] if action == "big" else packages[(app_id, version)]
                    status = upload(port, body, "slow" if action == "slow" else "normal")
                    with lock:
                        counts["uploads"] += 1
                        counts["slow"] += action == "slow"
                        if status == 200:
                            counts["acknowledged"] += 1
                            acknowledged[app_id].add(version)
                            # With an Uninstall in flight, either order is legal.
                            last[app_id] = ("uninstall-sent" if uninstalling[app_id] else "install", time.time())
                elif action == "abort":
                    upload(port, packages[(app_id, "1.0.0")], "abort")
                    with lock:
                        counts["aborted"] += 1
                else:
                    if action == "uninstall":
                        with lock:
                            last[app_id] = ("uninstall-sent", time.time())
                            uninstalling[app_id] += 1
                    cli(cli_bin, port, action, app_id)
                    with lock:
                        counts[action] += 1
                        if action == "uninstall":
                            uninstalling[app_id] -= 1

        threads = [threading.Thread(target=worker, args=(rng.random(),)) for _ in range(3)]
        for thread in threads:
            thread.start()
        time.sleep(max(0, stop_at - time.time() - rng.uniform(0, 0.5)))
        device.kill9()
        counts["kills"] += 1
        for thread in threads:
            thread.join()
        device = Device(device_bin, data, users)
        try:
            apps = settle(cli_bin, device.port, data)
        except RuntimeError as error:
            violations.append(f"round {round_number}: {error}")
            break
        present = {app["id"]: app for app in apps}
        problems = []
        for app_id, app in present.items():
            if app["state"] not in ("Inactive", "Active"):
                problems.append(f"{app_id} is {app['state']}")
            try:
                with open(os.path.join(data, "apps", app_id, "current", "manifest.json")) as f:
                    on_disk = json.load(f)["version"]
            except OSError:
                on_disk = None
            if on_disk != app["version"]:
                problems.append(f"{app_id} reports {app['version']}, files hold {on_disk}")
            if app["version"] not in acknowledged[app_id]:
                problems.append(f"{app_id} runs version {app['version']}, never acknowledged")
        for app_id, (what, _) in last.items():
            if what == "install" and app_id not in present:
                problems.append(f"{app_id}: an acknowledged install disappeared")
        folders = set(os.listdir(os.path.join(data, "apps")))
        if folders != set(present):
            problems.append(f"app folders {sorted(folders)} != registry {sorted(present)}")
        stale = [name for name in os.listdir(data) if name.endswith(".tmp")]
        if stale:
            problems.append(f"stale temporary files {stale}")
        time.sleep(0.5)  # autostart apps of the restart are started by now
        processes = app_processes(data)
        groups = {}
        for pid, (app_id, group) in processes.items():
            groups.setdefault(app_id, set()).add(group)
            app = present.get(app_id)
            if app is None or app["state"] != "Active":
                problems.append(f"process {pid} of {app_id} runs unmanaged ({app['state'] if app else 'not installed'})")
        for app_id, found in groups.items():
            if len(found) > 1:
                problems.append(f"{app_id} runs {len(found)} instances (process groups {sorted(found)})")
        for problem in problems:
            violations.append(f"round {round_number}: {problem}")
        if round_number % 10 == 0 or problems:
            print(f"round {round_number}: {len(present)} apps {sorted((a['id'], a['version'], a['state']) for a in apps)}; {len(processes)} app processes; {'OK' if not problems else problems}")
            sys.stdout.flush()
    device.stop()
    left = app_processes(data)
    if left:
        violations.append(f"after a clean stop {len(left)} app processes still run: {left}")
    elapsed = time.time() - start
    print(f"{counts['kills']} kills in {elapsed:.0f} s; operations: {counts}")
    print(f"violations: {len(violations)}")
    for violation in violations:
        print("  " + violation)
    subprocess.run(["rm", "-rf", work])
    sys.exit(1 if violations else 0)


if __name__ == "__main__":
    main()
