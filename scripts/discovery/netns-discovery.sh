#!/usr/bin/env bash
# WS-Discovery interoperability harness, run entirely inside two private network
# namespaces joined by a veth pair, so that no discovery datagram ever leaves
# this machine.
#
#   usage: scripts/discovery/netns-discovery.sh DEVICE_BIN CLI_BIN
#
#   device namespace  (DEVICE_BIN)          client namespace (listener, CLI_BIN, python check)
#   veth 10.213.N.1/24  <------------------>  veth 10.213.N.2/24     N = $$ % 250
#   route 224.0.0.0/4 dev veth                route 224.0.0.0/4 dev veth
#
# Steps:
#   1. a passive listener (UDP 0.0.0.0:3702, SO_REUSEADDR, joined to 239.255.255.250
#      on the client veth address) records every datagram it receives;
#   2. DEVICE_BIN --data-dir TMP --host 0.0.0.0 --port 8080 --discovery on
#      --add-user admin:secret:Administrator starts in the device namespace;
#      we wait until http://10.213.N.1:8080/onvif/device_service answers (any status);
#   3. CLI_BIN discover --json --timeout 2 must list the XAddr
#      http://10.213.N.1:8080/onvif/device_service;
#   4. wsdiscovery-check.py (PyPI WSDiscovery, a third-party client) must find it too
#      (skipped, with a message, when `import wsdiscovery` fails);
#   5. SIGTERM the device; the listener must hold a Hello and a Bye
#      (actions .../2005/04/discovery/Hello and .../Bye) for the same EPR address.
#
# Exit status: 0 all checks passed; 1 a check failed (message says which);
# 2 usage error; 77 namespaces cannot be created here (not root, no `ip`, ...).
#
# Environment (optional):
#   WSD_KEEP_LOGS=1     keep the work directory (logs, datagrams) and print its path
#   WSD_PYTHON=python3  interpreter for the listener / checks

set -u
set -o pipefail

PROG=netns-discovery
SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
PY=${WSD_PYTHON:-python3}

say()  { printf '%s: %s\n' "$PROG" "$*"; }
fail() { printf '%s: FAIL: %s\n' "$PROG" "$*" >&2; exit 1; }
skip() { printf '%s: SKIP: %s\n' "$PROG" "$*" >&2; exit 77; }

if [ $# -ne 2 ]; then
    echo "usage: $0 DEVICE_BIN CLI_BIN" >&2
    exit 2
fi

abs_bin() {
    # Resolve a binary path (or a name on PATH) to an absolute executable path.
    local p=$1
    case $p in
        */*) [ -x "$p" ] && [ ! -d "$p" ] && { (cd "$(dirname "$p")" && printf '%s/%s\n' "$(pwd)" "$(basename "$p")"); return 0; } ;;
        *)   command -v "$p" 2>/dev/null && return 0 ;;
    esac
    return 1
}
DEVICE_BIN=$(abs_bin "$1") || { echo "$PROG: DEVICE_BIN '$1' is not an executable file" >&2; exit 2; }
CLI_BIN=$(abs_bin "$2")    || { echo "$PROG: CLI_BIN '$2' is not an executable file" >&2; exit 2; }

# ---- can we make namespaces at all? -------------------------------------------------
[ "$(id -u)" -eq 0 ]             || skip "needs root to create network namespaces (uid $(id -u))"
command -v ip >/dev/null 2>&1    || skip "the 'ip' command (iproute2) is not installed"
command -v "$PY" >/dev/null 2>&1 || skip "$PY is not installed (needed for the listener)"
command -v timeout >/dev/null 2>&1 || skip "coreutils 'timeout' is not installed"

N=$(( $$ % 250 ))
DEV_NS="appmgmt-wsd-dev-$$"
CLI_NS="appmgmt-wsd-cli-$$"
DEV_IF="wsdd$$"          # <= 11 chars (IFNAMSIZ is 16)
CLI_IF="wsdc$$"
DEV_ADDR="10.213.$N.1"
CLI_ADDR="10.213.$N.2"
PORT=8080
XADDR="http://$DEV_ADDR:$PORT/onvif/device_service"
ACT_HELLO="http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello"
ACT_BYE="http://schemas.xmlsoap.org/ws/2005/04/discovery/Bye"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/netns-discovery.XXXXXX") || fail "mktemp failed"
DATA_DIR="$WORK/data"; mkdir -p "$DATA_DIR"
DATAGRAMS="$WORK/datagrams.jsonl"
DEVICE_LOG="$WORK/device.log"
LISTENER_LOG="$WORK/listener.log"

DEVICE_PID=""
LISTENER_PID=""
CHILD_PID=""
NS_MADE=""

run_child() {
    # Run a bounded command in the background and wait for it, so that a SIGTERM to
    # this script is handled at once (bash defers traps until a foreground job ends).
    "$@" &
    CHILD_PID=$!
    wait "$CHILD_PID"
    local rc=$?
    CHILD_PID=""
    return "$rc"
}

kill_wait() {
    # kill_wait PID SECONDS: SIGTERM, wait up to SECONDS, then SIGKILL.
    local pid=$1 secs=$2 i
    [ -n "$pid" ] || return 0
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < secs * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 0
}

ns_pids_kill() {
    # Anything still running inside our namespace (e.g. a child the device spawned).
    local ns=$1 p
    for p in $(ip netns pids "$ns" 2>/dev/null); do
        kill -KILL "$p" 2>/dev/null
    done
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM HUP
    exec 1>&7 2>&8        # a signal may land inside a redirected run_child call
    kill_wait "$CHILD_PID" 2
    kill_wait "$DEVICE_PID" 5
    kill_wait "$LISTENER_PID" 2
    if [ -n "$NS_MADE" ]; then
        ns_pids_kill "$DEV_NS"; ns_pids_kill "$CLI_NS"
        ip netns del "$DEV_NS" 2>/dev/null
        ip netns del "$CLI_NS" 2>/dev/null
        # The veth pair lives inside the namespaces and vanishes with them; this only
        # matters if we died between creating it in the root namespace and moving it.
        ip link del "$DEV_IF" 2>/dev/null
        ip link del "$CLI_IF" 2>/dev/null
    fi
    if [ "${WSD_KEEP_LOGS:-0}" = 1 ] || { [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ]; }; then
        echo "$PROG: logs and datagrams kept in $WORK" >&2
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
exec 7>&1 8>&2         # the script's own stdout/stderr, for cleanup()
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

dump_log() {
    # dump_log TITLE FILE: print the last lines of a log to stderr.
    [ -s "$2" ] || { echo "---- $1: (empty) ----" >&2; return 0; }
    echo "---- $1 (last 40 lines of $2) ----" >&2
    tail -n 40 "$2" >&2
    echo "---- end of $1 ----" >&2
}

# ---- namespaces, veth, addresses, multicast routes ---------------------------------
make_ns() {
    # A namespace of this name can only be left over from a killed run whose pid we
    # now reuse: remove it and try again.
    ip netns add "$1" 2>"$WORK/ip.err" && return 0
    ip netns list 2>/dev/null | grep -q "^$1\( \|\$\)" || return 1
    ns_pids_kill "$1"; ip netns del "$1" 2>/dev/null
    ip netns add "$1" 2>"$WORK/ip.err"
}
NS_MADE=1
make_ns "$DEV_NS" || skip "cannot create network namespace $DEV_NS: $(cat "$WORK/ip.err")"
make_ns "$CLI_NS" || skip "cannot create network namespace $CLI_NS: $(cat "$WORK/ip.err")"

if ! ip link add "$DEV_IF" netns "$DEV_NS" type veth peer name "$CLI_IF" netns "$CLI_NS" 2>"$WORK/ip.err"; then
    # Older iproute2/kernels: create in the root namespace, then move each end.
    ip link add "$DEV_IF" type veth peer name "$CLI_IF" 2>"$WORK/ip.err" \
        || skip "cannot create a veth pair: $(cat "$WORK/ip.err")"
    if ! ip link set "$DEV_IF" netns "$DEV_NS" || ! ip link set "$CLI_IF" netns "$CLI_NS"; then
        fail "cannot move the veth ends into the namespaces"
    fi
fi

setup_side() {
    local ns=$1 ifc=$2 addr=$3
    ip -n "$ns" link set lo up &&
    ip -n "$ns" addr add "$addr/24" dev "$ifc" &&
    ip -n "$ns" link set "$ifc" up &&
    ip -n "$ns" route add 224.0.0.0/4 dev "$ifc"
}
setup_side "$DEV_NS" "$DEV_IF" "$DEV_ADDR" || fail "cannot configure $DEV_IF in $DEV_NS"
setup_side "$CLI_NS" "$CLI_IF" "$CLI_ADDR" || fail "cannot configure $CLI_IF in $CLI_NS"

# Wait for the veth carrier (usually immediate) and for IPv4 to work across it.
if command -v ping >/dev/null 2>&1; then
    ok=""
    for _ in $(seq 1 20); do
        if ip netns exec "$CLI_NS" ping -c1 -W1 "$DEV_ADDR" >/dev/null 2>&1; then ok=1; break; fi
        sleep 0.2
    done
    [ -n "$ok" ] || fail "no IPv4 connectivity across the veth ($CLI_ADDR -> $DEV_ADDR)"
fi
say "namespaces $DEV_NS ($DEV_IF $DEV_ADDR/24) and $CLI_NS ($CLI_IF $CLI_ADDR/24), route 224.0.0.0/4 on both"

# ---- 1. passive listener in the client namespace -----------------------------------
cat >"$WORK/listener.py" <<'EOF'
# Passive WS-Discovery listener: records every datagram reaching UDP port 3702.
# argv: OUTFILE READYFILE IFACE_ADDR MAX_SECONDS
import base64, json, socket, struct, sys, time
out_path, ready_path, iface_addr, max_secs = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
IP_PKTINFO = getattr(socket, "IP_PKTINFO", 8)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 3702))
s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
             struct.pack("4s4s", socket.inet_aton("239.255.255.250"), socket.inet_aton(iface_addr)))
s.setsockopt(socket.IPPROTO_IP, IP_PKTINFO, 1)
s.settimeout(0.5)
deadline = time.time() + max_secs
with open(out_path, "a", buffering=1) as out:
    open(ready_path, "w").close()
    while time.time() < deadline:
        try:
            data, anc, _flags, src = s.recvmsg(65535, 256)
        except socket.timeout:
            continue
        dst = None
        for level, kind, val in anc:
            if level == socket.IPPROTO_IP and kind == IP_PKTINFO and len(val) >= 12:
                dst = socket.inet_ntoa(val[8:12])
        out.write(json.dumps({"t": time.time(), "src": "%s:%d" % src, "dst": dst,
                              "b64": base64.b64encode(data).decode()}) + "\n")
EOF
: >"$DATAGRAMS"
ip netns exec "$CLI_NS" timeout 300 "$PY" "$WORK/listener.py" "$DATAGRAMS" "$WORK/listener.ready" "$CLI_ADDR" 290 \
    >"$LISTENER_LOG" 2>&1 &
LISTENER_PID=$!
for _ in $(seq 1 100); do
    [ -e "$WORK/listener.ready" ] && break
    kill -0 "$LISTENER_PID" 2>/dev/null || break
    sleep 0.1
done
[ -e "$WORK/listener.ready" ] || { dump_log listener "$LISTENER_LOG"; fail "the passive listener did not start in $CLI_NS"; }
say "listener on $CLI_NS 0.0.0.0:3702, joined 239.255.255.250 on $CLI_ADDR"

# ---- 2. the device -----------------------------------------------------------------
say "starting: $DEVICE_BIN --data-dir $DATA_DIR --host 0.0.0.0 --port $PORT --discovery on --add-user admin:secret:Administrator (in $DEV_NS)"
# `ip netns exec` execs the command, so $! is the device's own pid (SIGTERM reaches it).
ip netns exec "$DEV_NS" "$DEVICE_BIN" --data-dir "$DATA_DIR" --host 0.0.0.0 --port "$PORT" \
    --discovery on --add-user admin:secret:Administrator </dev/null >"$DEVICE_LOG" 2>&1 &
DEVICE_PID=$!

http_code() {
    if command -v curl >/dev/null 2>&1; then
        ip netns exec "$CLI_NS" curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null
    else
        ip netns exec "$CLI_NS" timeout 5 "$PY" - "$1" <<'EOF' 2>/dev/null
import sys, urllib.request, urllib.error
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=2).status)
except urllib.error.HTTPError as e:
    print(e.code)
except Exception:
    print("000")
EOF
    fi
}
code=000
for _ in $(seq 1 60); do                           # up to ~60-180 s
    kill -0 "$DEVICE_PID" 2>/dev/null || { wait "$DEVICE_PID"; rc=$?; DEVICE_PID=""; dump_log device "$DEVICE_LOG"; fail "the device exited (status $rc) before $XADDR answered"; }
    code=$(http_code "$XADDR"); code=${code:-000}
    [ "$code" != 000 ] && break
    sleep 1
done
[ "$code" != 000 ] || { dump_log device "$DEVICE_LOG"; fail "$XADDR did not answer HTTP from $CLI_NS within 60 tries"; }
say "ok: $XADDR answers from $CLI_NS (HTTP $code)"

# ---- 3. the project's CLI ----------------------------------------------------------
say "running: $CLI_BIN discover --json --timeout 2 (in $CLI_NS)"
run_child ip netns exec "$CLI_NS" timeout 30 "$CLI_BIN" discover --json --timeout 2 </dev/null >"$WORK/cli.out" 2>"$WORK/cli.err"
rc=$?
[ "$rc" -eq 124 ] && { dump_log "cli stderr" "$WORK/cli.err"; fail "'$CLI_BIN discover --json --timeout 2' did not finish within 30 s"; }
[ "$rc" -eq 0 ] || { dump_log "cli stdout" "$WORK/cli.out"; dump_log "cli stderr" "$WORK/cli.err"; fail "'$CLI_BIN discover --json --timeout 2' exited with status $rc"; }
grep -qF "$XADDR" "$WORK/cli.out" || { dump_log "cli stdout" "$WORK/cli.out"; dump_log "cli stderr" "$WORK/cli.err"; fail "'discover --json' output does not contain $XADDR"; }
CLI_EPR=$("$PY" - "$WORK/cli.out" "$XADDR" <<'EOF'
# Validate the JSON shape and print the address of the entry with our XAddr.
import json, sys
try:
    doc = json.load(open(sys.argv[1]))
except Exception as e:
    sys.exit("output is not JSON: %s" % e)
if not isinstance(doc, list):
    sys.exit("output is not a JSON array")
hits = [d for d in doc if isinstance(d, dict) and sys.argv[2] in (d.get("xaddrs") or [])]
if not hits:
    sys.exit("no array element has %s in its 'xaddrs' array" % sys.argv[2])
d = hits[0]
for key, kind in (("address", str), ("types", list), ("scopes", list), ("xaddrs", list)):
    if not isinstance(d.get(key), kind):
        sys.exit("element for %s: key %r missing or not a %s" % (sys.argv[2], key, kind.__name__))
    if kind is list and not all(isinstance(x, str) for x in d[key]):
        sys.exit("element for %s: %r is not an array of strings" % (sys.argv[2], key))
if "metadataVersion" not in d:
    sys.exit("element for %s: key 'metadataVersion' missing" % sys.argv[2])
if not d["address"].startswith("urn:uuid:"):
    sys.exit("element for %s: address %r is not urn:uuid:..." % (sys.argv[2], d["address"]))
print(d["address"])
EOF
) || { dump_log "cli stdout" "$WORK/cli.out"; fail "'discover --json' output is malformed (see the line above)"; }
say "ok: '$CLI_BIN discover --json' found $XADDR, address $CLI_EPR"

# ---- 4. third-party client: PyPI WSDiscovery ---------------------------------------
if ip netns exec "$CLI_NS" "$PY" -c 'import wsdiscovery' >/dev/null 2>&1; then
    say "running: wsdiscovery-check.py $XADDR (PyPI WSDiscovery, in $CLI_NS)"
    run_child ip netns exec "$CLI_NS" timeout 60 "$PY" "$SCRIPT_DIR/wsdiscovery-check.py" --timeout 3 "$XADDR" </dev/null \
        >"$WORK/wsd.out" 2>&1
    rc=$?
    sed 's/^/    /' "$WORK/wsd.out"
    case $rc in
        0)   say "ok: the WSDiscovery library found $XADDR" ;;
        124) fail "wsdiscovery-check.py did not finish within 60 s" ;;
        *)   fail "the WSDiscovery library did not find $XADDR (wsdiscovery-check.py exit $rc)" ;;
    esac
else
    say "skipped: WSDiscovery check ('import wsdiscovery' fails; pip install --break-system-packages WSDiscovery==2.1.2)"
fi

# ---- 5. SIGTERM -> Bye; check Hello and Bye ----------------------------------------
say "stopping the device with SIGTERM"
kill -TERM "$DEVICE_PID" 2>/dev/null
stopped=""
for _ in $(seq 1 100); do                          # 10 s
    kill -0 "$DEVICE_PID" 2>/dev/null || { stopped=1; break; }
    sleep 0.1
done
if [ -z "$stopped" ]; then
    kill -KILL "$DEVICE_PID" 2>/dev/null; wait "$DEVICE_PID" 2>/dev/null; DEVICE_PID=""
    dump_log device "$DEVICE_LOG"
    fail "the device did not exit within 10 s of SIGTERM"
fi
wait "$DEVICE_PID"; rc=$?; DEVICE_PID=""
say "device exited with status $rc after SIGTERM"
sleep 1                                            # let the last Bye repeats land
kill_wait "$LISTENER_PID" 2; LISTENER_PID=""

"$PY" - "$DATAGRAMS" "$ACT_HELLO" "$ACT_BYE" "$XADDR" "$CLI_EPR" <<'EOF' || exit 1
import base64, json, sys
import xml.etree.ElementTree as ET
path, A_HELLO, A_BYE, XADDR, CLI_EPR = sys.argv[1:6]
WSA = "{http://schemas.xmlsoap.org/ws/2004/08/addressing}"
WSD = "{http://schemas.xmlsoap.org/ws/2005/04/discovery}"
msgs, bad = [], 0
for line in open(path):
    rec = json.loads(line)
    raw = base64.b64decode(rec["b64"])
    try:
        root = ET.fromstring(raw)
    except ET.ParseError:
        bad += 1
        continue
    action = (root.findtext(".//" + WSA + "Action") or "").strip()
    mid = (root.findtext(".//" + WSA + "MessageID") or "").strip()
    seq = root.find(".//" + WSD + "AppSequence")
    body = root.find("{http://www.w3.org/2003/05/soap-envelope}Body")
    msgs.append(dict(src=rec["src"], dst=rec["dst"], action=action, mid=mid,
                     epr=(root.findtext(".//" + WSA + "EndpointReference/" + WSA + "Address") or "").strip(),
                     xaddrs=(root.findtext(".//" + WSD + "XAddrs") or "").split(),
                     seq=None if seq is None else (seq.get("InstanceId"), seq.get("SequenceId"), seq.get("MessageNumber")),
                     soap12=body is not None))
counts = {}
for m in msgs:
    counts[m["action"].rsplit("/", 1)[-1] or "?"] = counts.get(m["action"].rsplit("/", 1)[-1] or "?", 0) + 1
print("netns-discovery: listener got %d datagrams (%s)%s" % (
    len(msgs) + bad, ", ".join("%s x%d" % kv for kv in sorted(counts.items())) or "none",
    ", %d not XML" % bad if bad else ""))
hellos = [m for m in msgs if m["action"] == A_HELLO]
byes = [m for m in msgs if m["action"] == A_BYE]
problems = []
if not hellos:
    problems.append("no Hello (Action %s) reached the client namespace" % A_HELLO)
if not byes:
    problems.append("no Bye (Action %s) reached the client namespace" % A_BYE)
if problems:
    sys.exit("netns-discovery: FAIL: " + "; ".join(problems))
common = [h for h in hellos if h["epr"] and any(b["epr"] == h["epr"] for b in byes)]
if not common:
    sys.exit("netns-discovery: FAIL: no Hello and Bye name the same EPR address (Hello: %s; Bye: %s)" % (
        sorted({h["epr"] for h in hellos}), sorted({b["epr"] for b in byes})))
h = common[0]
b = [b for b in byes if b["epr"] == h["epr"]][-1]
for name, m in (("Hello", h), ("Bye", b)):
    if m["dst"] not in (None, "239.255.255.250"):
        sys.exit("netns-discovery: FAIL: the %s was sent to %s, not to 239.255.255.250" % (name, m["dst"]))
    if not m["soap12"]:
        sys.exit("netns-discovery: FAIL: the %s is not a SOAP 1.2 envelope (no {http://www.w3.org/2003/05/soap-envelope}Body)" % name)
    if not m["mid"]:
        sys.exit("netns-discovery: FAIL: the %s has no wsa:MessageID" % name)
    if m["seq"] is None or not m["seq"][0] or not m["seq"][2]:
        sys.exit("netns-discovery: FAIL: the %s has no d:AppSequence with InstanceId and MessageNumber (required by WS-Discovery)" % name)
if h["seq"][0] != b["seq"][0]:
    sys.exit("netns-discovery: FAIL: Hello and Bye AppSequence InstanceId differ (%s vs %s)" % (h["seq"][0], b["seq"][0]))
try:
    if int(b["seq"][2]) <= int(h["seq"][2]):
        sys.exit("netns-discovery: FAIL: Bye MessageNumber %s is not greater than Hello MessageNumber %s" % (b["seq"][2], h["seq"][2]))
except ValueError:
    sys.exit("netns-discovery: FAIL: AppSequence MessageNumber is not an integer (%r, %r)" % (h["seq"][2], b["seq"][2]))
print("netns-discovery: ok: Hello from %s to %s and Bye from %s to %s name EPR %s (InstanceId %s, MessageNumber %s -> %s)" % (
    h["src"], h["dst"], b["src"], b["dst"], h["epr"], h["seq"][0], h["seq"][2], b["seq"][2]))
print("netns-discovery: Hello XAddrs: %s" % (" ".join(h["xaddrs"]) or "(none)"))
if CLI_EPR and CLI_EPR != h["epr"]:
    sys.exit("netns-discovery: FAIL: 'discover --json' reported address %s but Hello/Bye name %s" % (CLI_EPR, h["epr"]))
EOF

say "PASS: HTTP, CLI discover, $( [ -s "$WORK/wsd.out" ] && echo 'WSDiscovery library, ' )Hello and Bye all check out for $XADDR"
exit 0
