#!/usr/bin/env bash
# Installs the Debian packages the host needs, only those missing: a real node's (see e2e/cluster/README.md) and the
# run archive's database:
#   runc                          the OCI runtime containerd's shim starts containers with
#   containernetworking-plugins   the CNI plugins (bridge, host-local, portmap, loopback) in /usr/lib/cni
#   iptables, ipset, conntrack    kube-proxy (iptables mode) and kube-router's firewall
#   nftables                      nft, to check and remove the tables iptables-nft leaves (teardown, self-test)
#   gcc, libc6-dev                the static pause binary (build/pause/linux/pause.c)
#   busybox-static                the small test image of the node self-test
#   postgresql                    the run archive's database (e2e/tools/postgres.sh: ArchiveIT, the local cluster)
# Prints nothing on stdout; apt output goes to stderr.
set -euo pipefail
pkgs=(runc containernetworking-plugins iptables ipset conntrack nftables gcc libc6-dev busybox-static postgresql)
missing=()
for p in "${pkgs[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "[host-deps] installing ${missing[*]}" >&2
[ "$(id -u)" -eq 0 ] || { echo "[host-deps] ERROR: must be root to install ${missing[*]}" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
