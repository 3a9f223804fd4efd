#!/usr/bin/env bash
# Checks each image of a set without containerd: unpacks its archive as a runtime would and runs its program the way
# the operator's pods do: as the image's user (uid 1000), on a read-only root, with an emptyDir-like /tmp, the script
# mounted read-only at /opt/raffinerie/script, its Env and WorkingDir, no network, in its own PID and mount namespaces.
#
#   e2e/images/selftest.sh [SET_DIR]     default: the technology images (built by build.sh when missing)
#
# A pass is remembered per image (its manifest digest) and version of these tests, under
# ~/.cache/raffinerie/images/selftest/: an image already checked is not checked again (seconds when warm) unless
# RAFFINERIE_IMAGES_SELFTEST=always.
#
# python computes from a parameter, bash does the same with the text tools and jq, java runs a single-file source and
# then a jar it compiles and packs, spark runs PySpark and its Java example in local mode, the operator's image starts the JRE on quarkus-run.jar. Each checks it is uid 1000
# and cannot write to its root. Needs root (mount namespaces, chroot).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
set_dir=${1:-$("$here/build.sh")}
log() { echo "[images-selftest] $*" >&2; }
passed=${RAFFINERIE_CACHE:-$HOME/.cache/raffinerie}/images/selftest
tests_key=$(cat "$here/selftest.sh" "$here/unpack.py" "$here"/selftest/* | sha256sum | cut -c1-12)
mkdir -p "$passed"

work=$(mktemp -d "$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/raffinerie-selftest-XXXXXX")
trap 'rm -rf "$work"' EXIT

# run IMAGE_DIR COMMAND...: the command in the unpacked image, as the pods run it; prints its output.
run() {
  local image=$1; shift
  local rootfs=$image/rootfs user workdir env=()
  user=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("User") or "0")' "$image/config.json")
  workdir=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("WorkingDir") or "/")' "$image/config.json")
  mapfile -t env < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1])).get("Env", [])))' \
    "$image/config.json")
  env+=("N=10" "SPARK_LOCAL_IP=127.0.0.1" "SPARK_LOCAL_HOSTNAME=localhost") # no DNS in here: Spark binds to loopback
  # Mount points the runtime would create before making the root read-only.
  mkdir -p "$rootfs/opt/raffinerie/script" "$rootfs$workdir"
  timeout 120 unshare --mount --pid --net --uts --ipc --fork -- bash -c '
    set -e
    r=$1 scripts=$2 user=$3 workdir=$4; shift 4
    mount --bind "$r" "$r" && mount -o remount,bind,ro "$r"
    mount -t proc proc "$r/proc"
    ip link set lo up 2>/dev/null || true # Spark in local mode talks to itself on loopback
    mount -t tmpfs -o size=256m,mode=1777 tmpfs "$r/tmp"
    mount -t tmpfs -o size=1m,mode=755 tmpfs "$r/dev"
    for d in null zero random urandom; do touch "$r/dev/$d"; mount --bind "/dev/$d" "$r/dev/$d"; done
    ln -s /proc/self/fd "$r/dev/fd" # as a container runtime makes it (bash process substitution needs it)
    mount --bind "$scripts" "$r/opt/raffinerie/script" && mount -o remount,bind,ro "$r/opt/raffinerie/script"
    n=0; for a in "$@"; do [ "$a" = -- ] && break; n=$((n + 1)); done
    env=("${@:1:n}"); shift $((n + 1))
    exec setpriv --no-new-privs chroot --userspec="$user" --groups="${user#*:}" "$r" \
      /usr/bin/env -i "${env[@]}" /bin/sh -c "cd \"\$0\" && exec \"\$@\"" "$workdir" "$@"
  ' _ "$rootfs" "$here/selftest" "$user" "$workdir" "${env[@]}" -- "$@"
}

# expect NAME OUTPUT JSON_FIELDS: every field of the expected JSON object has that value in the output's last line.
expect() {
  local name=$1 output=$2 expected=$3
  python3 - "$output" "$expected" <<'EOF' || { log "FAILED: $name printed:"; printf '%s\n' "$output" | sed 's/^/    /' >&2; return 1; }
import json, sys
line = sys.argv[1].strip().splitlines()[-1]
got, want = json.loads(line), json.loads(sys.argv[2])
wrong = {k: got.get(k) for k, v in want.items() if got.get(k) != v}
sys.exit("expected %s, got %s" % (want, wrong) if wrong else 0)
EOF
}

shopt -s nullglob
failed=0 count=0
for archive in "$set_dir"/*.tar; do
  name=$(basename "$archive" .tar)
  start=$SECONDS
  stamp=$passed/$name-$(tar -xOf "$archive" index.json | python3 -c 'import json,sys
print(json.load(sys.stdin)["manifests"][0]["digest"].split(":")[1][:16])')-$tests_key
  count=$((count + 1))
  if [ -f "$stamp" ] && [ "${RAFFINERIE_IMAGES_SELFTEST:-}" != always ]; then
    log "$name: ok (checked before, $(date -r "$stamp" -u +%FT%TZ); RAFFINERIE_IMAGES_SELFTEST=always checks again)"
    continue
  fi
  image=$work/$name
  python3 "$here/unpack.py" "$archive" "$image"
  common='"uid": 1000, "root": "read-only"'
  result=ok
  case $name in
    python-*)
      out=$(run "$image" python /opt/raffinerie/script/main.py 2>&1) || true
      expect "$name" "$out" "{\"python\": \"${name#python-}\", \"sum\": 385, \"median\": 30.5, $common}" || result=failed ;;
    bash-*)
      out=$(run "$image" bash /opt/raffinerie/script/main.sh 2>&1) || true
      expect "$name" "$out" "{\"bash\": \"${name#bash-}\", \"sum\": 385, \"top\": 10, \"lines\": 10, $common}" || result=failed ;;
    java-*)
      v=${name#java-}
      out=$(run "$image" java /opt/raffinerie/script/Main.java 2>&1) || true
      expect "$name (java Main.java)" "$out" "{\"java\": \"$v\", \"how\": \"source\", \"sum\": 385, $common}" || result=failed
      out=$(run "$image" sh -c 'javac -d /tmp/classes /opt/raffinerie/script/Main.java &&
        jar --create --file /tmp/main.jar --main-class Main -C /tmp/classes . && java -jar /tmp/main.jar' 2>&1) || true
      expect "$name (java -jar)" "$out" "{\"java\": \"$v\", \"how\": \"jar\", \"sum\": 385, $common}" || result=failed ;;
    spark-*)
      # spark-submit in local mode: a PySpark script, then the Java example jar (Spark logs to stderr).
      local_mode=(--master "local[2]")
      out=$(run "$image" /opt/spark/bin/spark-submit "${local_mode[@]}" /opt/raffinerie/script/pyspark_sum.py \
        2>"$work/$name.log") || tail -20 "$work/$name.log" >&2
      expect "$name (pyspark)" "$out" "{\"spark\": \"${name#spark-}.0\", \"sum\": 385, $common}" || result=failed
      out=$(run "$image" /opt/spark/bin/spark-submit "${local_mode[@]}" --class io.raffinerie.examples.SparkPi \
        /opt/spark/examples/jars/raffinerie-examples.jar 2 2>"$work/$name.log") || tail -20 "$work/$name.log" >&2
      if ! grep -qE '^Pi is roughly 3\.1' <<<"$out"; then
        log "FAILED: $name (the Java example) printed:"; printf '%s\n' "$out" | sed 's/^/    /' >&2; result=failed
      fi ;;
    operator)
      # The image's own entrypoint runs the jar: the operator registers and starts its controllers (JOSDK 5 logs
      # "Starting 'datarun' controller for reconciler ..."; it is stopped then: with no API server in the sandbox it
      # could go no further).
      mapfile -t entrypoint < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["Entrypoint"]))' \
        "$image/config.json")
      out=$(run "$image" sh -c 'java -version 2>&1 | head -1; id -u; touch /deployments/x 2>/dev/null || echo read-only
        "$@" >/tmp/operator.log 2>&1 & for i in $(seq 90); do
          grep -q "controller for reconciler" /tmp/operator.log && break; sleep 1; done; kill $!; cat /tmp/operator.log' \
        entrypoint "${entrypoint[@]}" 2>&1) || true
      if ! grep -q 'openjdk version "17' <<<"$out" || ! grep -qx 1000 <<<"$out" || ! grep -qx read-only <<<"$out" \
        || ! grep -q 'Registered reconciler' <<<"$out" || ! grep -q "controller for reconciler" <<<"$out"; then
        log "FAILED: operator printed:"; tail -20 <<<"$out" | sed 's/^/    /' >&2; result=failed
      fi ;;
    *) log "no self-test for $name"; result=failed ;;
  esac
  if [ "$result" = ok ]; then touch "$stamp"; else failed=$((failed + 1)); fi
  log "$name ($(cat "$image/ref")): $result in $((SECONDS - start)) s"
  rm -rf "$image"
done
[ "$count" -gt 0 ] || { log "FAILED: no image archive in $set_dir"; exit 1; }
log "$((count - failed)) of $count images passed"
[ "$failed" = 0 ]
