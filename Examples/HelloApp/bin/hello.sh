#!/bin/sh
# The example AppMgmt app: counts heartbeats into its configuration folder until stopped.
# The device starts it with APPMGMT_APP_ID, APPMGMT_APP_VERSION and APPMGMT_CONFIG_DIR set.
config="${APPMGMT_CONFIG_DIR:-.}"
trap 'echo "hello: stopping"; exit 0' TERM INT
echo "hello: $APPMGMT_APP_ID $APPMGMT_APP_VERSION started (pid $$)"
[ -f "$config/greeting.txt" ] || echo "Hello from $APPMGMT_APP_ID" > "$config/greeting.txt"
count=$(cat "$config/heartbeats" 2>/dev/null || echo 0)
while :; do
  count=$((count + 1))
  echo "$count" > "$config/heartbeats"
  sleep 1 &
  wait $!
done
