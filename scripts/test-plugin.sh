#!/usr/bin/env bash
# Tests the WSDL2SwiftPlugin build plugin the way a consumer uses it, on
# Examples/AppMgmtConsumer (a package of its own that depends on this one by path):
#   (a) a clean build generates the AppMgmt types, client and server, and the example's
#       tests (generated client against generated server, in process) pass;
#   (b) a second build with nothing changed runs no generation and touches no generated file;
#   (c) touching Schemas/AppInfo.xsd makes the next build run the generator again.
# Also checks that generator errors come out as `file:line:column: error:` diagnostics with
# absolute paths, and that `wsdl2swift generate --config` works on the CLI.
# Prints the clean and no-op build times. Run from anywhere: bash scripts/test-plugin.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
EXAMPLE=Examples/AppMgmtConsumer
MARKER='wsdl2swift: generating'
LOGS=$(mktemp -d)
trap 'rm -rf "$LOGS"' EXIT

passed=0
fail() {
  echo "test-plugin: FAIL: $*" >&2
  echo "test-plugin: $passed passed, 1 failed"
  exit 1
}
ok() {
  passed=$((passed + 1))
  echo "ok: $*"
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# Builds the example (and its tests) into the log $1; shows the log on failure.
build_example() {
  if ! swift build --package-path "$EXAMPLE" --build-tests >"$1" 2>&1; then
    tail -n 80 "$1" >&2
    fail "swift build --package-path $EXAMPLE failed (log above)"
  fi
}

generated_dir() {
  find "$EXAMPLE/.build/plugins/outputs" -type d -path '*/AppMgmtAPI/*/WSDL2SwiftPlugin/GeneratedSources' | head -n 1
}

# "mtime name" of each generated file, one a line.
generated_mtimes() {
  local dir
  dir=$(generated_dir)
  [ -n "$dir" ] || fail "no plugin output folder under $EXAMPLE/.build/plugins/outputs"
  stat -c '%.9Y %n' "$dir"/*.swift
}

echo "== (a) clean build of $EXAMPLE"
rm -rf "$EXAMPLE/.build"
start=$(now)
build_example "$LOGS/clean.log"
clean_time=$(elapsed "$start" "$(now)")
grep -q "$MARKER" "$LOGS/clean.log" || fail "the clean build did not run the generator ('$MARKER' not in the build log)"
dir=$(generated_dir)
for file in Types.swift XMLCoding.swift Client.swift Server.swift; do
  [ -s "$dir/$file" ] || fail "the plugin did not produce $file in $dir"
done
ok "clean build generated $(cd "$dir" && echo *.swift) into $dir"
echo "clean build: ${clean_time}s"

echo "== (b) no-op build"
before=$(generated_mtimes)
start=$(now)
build_example "$LOGS/noop.log"
noop_time=$(elapsed "$start" "$(now)")
check_untouched() {
  if grep -q "Compiling AppMgmtAPI" "$1"; then
    fail "a build with nothing changed recompiled AppMgmtAPI ($2)"
  fi
  [ "$before" = "$(generated_mtimes)" ] || fail "a build with nothing changed rewrote generated files ($2)"
}
check_untouched "$LOGS/noop.log" "second build"
ok "second build: no generated file written, AppMgmtAPI not recompiled"
# SwiftPM 6.3 builds a plugin's tool in two build graphs (plugin tools, then the main build)
# and relinks it in the first build or two after a clean one; a relinked tool re-runs the
# build command (the tool is one of its inputs), which then writes nothing. Once settled, a
# build with nothing changed must not run the generator at all.
settle=0
while grep -q "$MARKER" "$LOGS/noop.log"; do
  settle=$((settle + 1))
  [ "$settle" -le 4 ] || { cat "$LOGS/noop.log" >&2; fail "builds with nothing changed keep running the generator"; }
  echo "(build $((settle + 1)) after the clean one re-ran the generator because SwiftPM relinked the tool; building again)"
  start=$(now)
  build_example "$LOGS/noop.log"
  noop_time=$(elapsed "$start" "$(now)")
  check_untouched "$LOGS/noop.log" "settling build $settle"
done
ok "no-op build: generator not run, AppMgmtAPI not recompiled, generated files untouched"
echo "no-op build: ${noop_time}s"

echo "== (c) touch Schemas/AppInfo.xsd, rebuild"
touch Schemas/AppInfo.xsd
start=$(now)
build_example "$LOGS/touched.log"
touched_time=$(elapsed "$start" "$(now)")
grep -q "$MARKER" "$LOGS/touched.log" || fail "touching Schemas/AppInfo.xsd did not make the build run the generator"
# The contents did not change, so the generator rewrote nothing and nothing recompiled.
[ "$before" = "$(generated_mtimes)" ] || echo "note: generated files were rewritten"
ok "after touching AppInfo.xsd the build ran: $(grep -o "$MARKER.*" "$LOGS/touched.log" | head -n 1)"
echo "build after touch: ${touched_time}s"

echo "== example tests"
if ! swift test --package-path "$EXAMPLE" --skip-build >"$LOGS/test.log" 2>&1; then
  cat "$LOGS/test.log" >&2
  fail "the example's tests failed"
fi
grep -E "Test .*(passed|failed)" "$LOGS/test.log" || true
ok "example tests: $(grep -o 'Test run with .*' "$LOGS/test.log" | tail -n 1)"

echo "== CLI: --config and diagnostics"
tool=$(find "$EXAMPLE/.build" -type f \( -name 'wsdl2swift-tool' -o -name 'wsdl2swift' \) -perm -u+x | sort | tail -n 1)
[ -n "$tool" ] || fail "no wsdl2swift tool under $EXAMPLE/.build"
work="$LOGS/cli"
mkdir -p "$work/schemas"
cp Schemas/*.xsd Schemas/*.wsdl "$work/schemas/"
cat >"$work/wsdl2swift-config.json" <<'JSON'
{ "generate": ["types", "client"], "accessModifier": "package", "input": "schemas/AppMgmt.wsdl" }
JSON
"$tool" generate --config "$work/wsdl2swift-config.json" --output "$work/out" --module-name CLICheck --quiet
[ "$(cd "$work/out" && echo *.swift)" = "Client.swift Types.swift XMLCoding.swift" ] || fail "--config did not select types+client"
grep -q '^package struct AppManagementClient' "$work/out/Client.swift" || fail "--config accessModifier not applied"
ok "wsdl2swift generate --config: input, generate and accessModifier from the config"
"$tool" generate --config "$work/wsdl2swift-config.json" --mode server --output "$work/out2" --module-name CLICheck --quiet
[ "$(cd "$work/out2" && echo *.swift)" = "Server.swift" ] || fail "--mode did not override the config's generate"
ok "command-line --mode overrides the config's generate"
# A broken schema: the diagnostic names the absolute path, a line and a column.
sed -i 's|</xs:complexType>|</xs:complexTypo>|' "$work/schemas/AppInfo.xsd"
if "$tool" generate --config "$work/wsdl2swift-config.json" --output "$work/out3" >"$LOGS/diag.log" 2>&1; then
  fail "a broken schema did not fail generation"
fi
grep -qE "^$work/schemas/AppInfo.xsd:[0-9]+:[0-9]+: error: " "$LOGS/diag.log" || { cat "$LOGS/diag.log" >&2; fail "no file:line:column diagnostic for the broken schema"; }
ok "schema error as a diagnostic: $(head -n 1 "$LOGS/diag.log")"
echo '{ "generate": ["typez"] }' >"$work/bad.json"
if "$tool" generate "$work/schemas/AppMgmt.wsdl" --config "$work/bad.json" --output "$work/out4" >"$LOGS/bad.log" 2>&1; then
  fail "an invalid config was accepted"
fi
grep -qE "^$work/bad.json:1:[0-9]+: error: unknown mode 'typez'" "$LOGS/bad.log" || { cat "$LOGS/bad.log" >&2; fail "no diagnostic for the invalid config"; }
ok "config error as a diagnostic: $(head -n 1 "$LOGS/bad.log")"

echo "test-plugin: clean build ${clean_time}s, no-op build ${noop_time}s, rebuild after touch ${touched_time}s"
echo "test-plugin: $passed passed, 0 failed"
