#!/usr/bin/env bash
# Deletes the local e2e cluster "raffinerie" (see up.sh): stops the real node if there is one (node.sh down: its
# processes, containers, mounts, bridge, iptables chains, ipsets, sysctls and host directories), stops every
# component, removes its work directory (~/.kwok/clusters/raffinerie, with etcd's data and the logs) and the
# kubeconfig written by up.sh. Then checks that no process of the cluster is left; one that survived is killed by its pid.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
e2e=$(dirname "$here")
name=raffinerie
kwok_home=${KWOK_WORKDIR:-$HOME/.kwok}
workdir=$kwok_home/clusters/$name
cache=$(cd "${RAFFINERIE_CACHE:-$HOME/.cache/raffinerie}" 2>/dev/null && pwd -P || echo "$HOME/.cache/raffinerie")
kubeconfig_out=${RAFFINERIE_KUBECONFIG:-$e2e/.work/kubeconfig}

log() { echo "[cluster] $*" >&2; }

# shellcheck source=lib.sh
. "$here/lib.sh"

mkdir -p "$kwok_home"
exec 9>"$kwok_home/.$name-up.lock"
flock -w 600 9 || { log "another up.sh/down.sh holds the lock"; exit 1; }

if [ -d "$workdir/node" ]; then
  "$here/node.sh" down "$workdir" 9>&-
fi
if [ -d "$workdir" ]; then
  bin=$("$e2e/tools/build.sh")
  log "deleting cluster $name"
  KWOK_WORKDIR=$kwok_home "$bin/kwokctl" --name "$name" delete cluster >&2 9>&- ||
    log "kwokctl delete cluster failed; cleaning up by hand"
fi

left=$(cluster_pids "$workdir" "$cache")
if [ -n "$left" ]; then
  log "killing leftover processes of $name: $(echo $left)"
  # shellcheck disable=SC2086
  kill $left 2>/dev/null || true
  sleep 1
  left=$(cluster_pids "$workdir" "$cache")
  # shellcheck disable=SC2086
  [ -z "$left" ] || kill -9 $left 2>/dev/null || true
fi
rm -rf "$workdir"
rm -f "$kubeconfig_out"
log "cluster $name deleted"
