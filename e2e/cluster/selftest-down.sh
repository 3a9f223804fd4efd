#!/usr/bin/env bash
# Self-test of up.sh/down.sh: brings the cluster up (or reuses it), notes its processes and the TCP ports they
# listen on, runs down.sh, and fails unless every one of those processes is gone, every port is free, and
# the work directory and kubeconfig are removed. Leaves the cluster down.
#
# With RAFFINERIE_REAL_NODE=1 (the cluster with a real node, see node.sh) it first takes the cluster down, notes
# the host's state (host_snapshot in lib.sh: sysctls, iptables/nftables rules and chains, ipsets, links such as
# bridges and veths, routes and rules, network namespaces, mounts, pod cgroups, host directories), brings it up
# with the node, and after down.sh also fails on any difference from that state or any process of the node left.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
e2e=$(dirname "$here")
name=raffinerie
kwok_home=${KWOK_WORKDIR:-$HOME/.kwok}
workdir=$kwok_home/clusters/$name
kubeconfig_out=${RAFFINERIE_KUBECONFIG:-$e2e/.work/kubeconfig}
mkdir -p "${RAFFINERIE_CACHE:-$HOME/.cache/raffinerie}"
cache=$(cd "${RAFFINERIE_CACHE:-$HOME/.cache/raffinerie}" && pwd -P)

# shellcheck source=lib.sh
. "$here/lib.sh"

fail() { echo "[selftest-down] FAIL: $*" >&2; exit 1; }
say() { echo "[selftest-down] $*" >&2; }

real_node=${RAFFINERIE_REAL_NODE:-0}
snap=""
if [ "$real_node" = 1 ]; then
  [ ! -d "$workdir" ] || "$here/down.sh"
  snap=$(mktemp -d)
  trap 'rm -rf "$snap"' EXIT
  host_snapshot "$snap/before"
fi

"$here/up.sh" >/dev/null
node_procs=""
if [ "$real_node" = 1 ]; then
  # Something for the teardown to undo beyond CoreDNS: a running container with volumes, a host port (the portmap
  # plugin's chains) and a NetworkPolicy (kube-router's chains and ipsets).
  kubectl=("$("$e2e/tools/build.sh")/kubectl" --kubeconfig "$kubeconfig_out" -n default)
  "${kubectl[@]}" apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata: {name: selftest-down-sleeper, labels: {app: selftest-down}}
spec:
  nodeSelector: {raffinerie.io/node: real}
  tolerations: [{key: raffinerie.io/real-node, operator: Exists}]
  containers:
  - name: main
    image: localhost/raffinerie/busybox:test
    imagePullPolicy: Never
    command: [sh, -c, 'echo x >/data/index.html && exec httpd -f -p 8080 -h /data']
    ports: [{containerPort: 8080, hostPort: 18999}]
    volumeMounts: [{name: data, mountPath: /data}]
  volumes: [{name: data, emptyDir: {medium: Memory}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: selftest-down}
spec:
  podSelector: {matchLabels: {app: selftest-down}}
  ingress: [{from: [{podSelector: {}}]}]
EOF
  "${kubectl[@]}" wait --for condition=Ready --timeout=60s pod/selftest-down-sleeper >/dev/null ||
    fail "the test pod did not become Ready on the real node"
  for _ in $(seq 40); do [ -n "$(ipset list -n 2>/dev/null)" ] && break; sleep 0.5; done
  node_procs=$(node_pids "$workdir/node" | sort -u)
  [ -n "$node_procs" ] || fail "up.sh succeeded but no process of the real node was found"
  say "real node processes: $(echo $node_procs | wc -w) ($(for p in $node_procs; do cat /proc/$p/comm 2>/dev/null; done | sort | uniq -c | awk '{ printf "%s%s ", $2, ($1 > 1 ? "x" $1 : "") }'))"
  host_snapshot "$snap/up"
  say "the node changed on the host: $(for f in "$snap"/before/*; do diff -q "$f" "$snap/up/$(basename "$f")" >/dev/null || printf '%s ' "$(basename "$f")"; done)"
fi

pids=$(cluster_pids "$workdir" "$cache")
[ -n "$pids" ] || fail "up.sh succeeded but no process of the cluster was found"
ports=()
for pid in $pids; do
  # ss -H -ltnp: "LISTEN 0 4096 127.0.0.1:2379 0.0.0.0:* users:(("etcd",pid=123,fd=7))"
  while read -r port; do ports+=("$port"); done < <(ss -H -ltnp | awk -v pid="pid=$pid," 'index($0, pid) { n = split($4, a, ":"); print a[n] }')
done
[ ${#ports[@]} -gt 0 ] || fail "the cluster's processes listen on no TCP port"
say "cluster processes: $(echo $pids | wc -w) ($(for p in $pids; do cat /proc/$p/comm 2>/dev/null; done | sort | tr '\n' ' '))"
say "listening ports: $(printf '%s\n' "${ports[@]}" | sort -n | uniq | tr '\n' ' ')"

"$here/down.sh"

errors=0
for pid in $pids; do
  if [ -d "/proc/$pid" ] && [ -n "$(cluster_pids "$workdir" "$cache" | grep -x "$pid")" ]; then
    echo "[selftest-down] process $pid ($(cat /proc/$pid/comm 2>/dev/null)) is still running" >&2
    errors=$((errors + 1))
  fi
done
# A process that has just been killed may hold its port for a moment while it exits: allow it 10 s.
for _ in $(seq 20); do
  busy=0
  for port in $(printf '%s\n' "${ports[@]}" | sort -un); do
    [ -z "$(ss -H -ltn "sport = :$port")" ] || busy=1
  done
  [ "$busy" -eq 1 ] || break
  sleep 0.5
done
for port in $(printf '%s\n' "${ports[@]}" | sort -un); do
  if [ -n "$(ss -H -ltn "sport = :$port")" ]; then
    echo "[selftest-down] port $port is still in use: $(ss -H -ltnp "sport = :$port")" >&2
    errors=$((errors + 1))
  fi
done
left=$(cluster_pids "$workdir" "$cache")
[ -z "$left" ] || { echo "[selftest-down] processes of the cluster left: $left" >&2; errors=$((errors + 1)); }
[ ! -e "$workdir" ] || { echo "[selftest-down] $workdir still exists" >&2; errors=$((errors + 1)); }
[ ! -e "$kubeconfig_out" ] || { echo "[selftest-down] $kubeconfig_out still exists" >&2; errors=$((errors + 1)); }
if [ "$real_node" = 1 ]; then
  for pid in $node_procs; do
    if [ -d "/proc/$pid" ] && [ "$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)" != Z ]; then
      echo "[selftest-down] process $pid ($(cat /proc/$pid/comm 2>/dev/null)) of the real node is still running" >&2
      errors=$((errors + 1))
    fi
  done
  host_snapshot "$snap/after"
  for f in "$snap"/before/*; do
    if ! diff -u "$f" "$snap/after/$(basename "$f")" >"$snap/diff" 2>&1; then
      echo "[selftest-down] the host's $(basename "$f") differ from before up.sh:" >&2
      tail -n +3 "$snap/diff" | head -40 | sed 's/^/    /' >&2
      errors=$((errors + 1))
    fi
  done
fi

# Any other etcd / kube-* / kwok process is not this cluster's (kube-api-test, another kwok cluster): only warn.
# Processes that already exited (zombies until init reaps them) hold nothing and are skipped.
for p in /proc/[0-9]*; do
  comm=$(cat "$p/comm" 2>/dev/null) || continue
  state=$(awk '{ print $3 }' "$p/stat" 2>/dev/null) || continue
  [ "$state" != Z ] || continue
  case $comm in
    etcd | kube-apiserver | kube-controller | kube-scheduler | kwok | raffinerie-simlo*)
      echo "[selftest-down] warning: another $comm process runs (pid ${p#/proc/}), not part of cluster $name" >&2 ;;
  esac
done

[ "$errors" -eq 0 ] || fail "$errors problem(s) after down.sh"
if [ "$real_node" = 1 ]; then
  say "OK: down.sh left no process, no listening port, no work directory, and the host as it was (sysctls, iptables, nftables, ipsets, links, routes, netns, mounts, cgroups, directories)"
else
  say "OK: down.sh left no process, no listening port, no work directory"
fi
