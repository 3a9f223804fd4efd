# Shared by down.sh and selftest-down.sh (sourced, not run).

# cluster_pids WORKDIR CACHE: pids of the cluster's processes: programs built into CACHE (~/.cache/raffinerie:
# etcd, kube-*, kwok, raffinerie-simlog) whose command line names WORKDIR/ (every component of a kwokctl
# cluster gets its kubeconfig, config, data or log directory below it).
cluster_pids() {
  local dir=$1 cache=$2 p args exe
  for p in /proc/[0-9]*; do
    args=()
    { mapfile -d "" args <"$p/cmdline"; } 2>/dev/null || continue
    [[ " ${args[*]} " == *"$dir/"* ]] || continue
    exe=$(readlink "$p/exe" 2>/dev/null) || continue
    [[ $exe == "$cache"/* || $exe == "$dir"/* ]] && echo "${p#/proc/}"
  done
  return 0
}

# node_pids DIR: host processes of a real node (node.sh) living in DIR: commands whose command line names DIR/
# (containerd, its shims, the kubelet, kube-proxy, kube-router), and every process in the kubelet's pod cgroups
# (containers, pause).
node_pids() {
  local dir=$1 p args f
  for p in /proc/[0-9]*; do
    args=()
    { mapfile -d "" args <"$p/cmdline"; } 2>/dev/null || continue
    [[ " ${args[*]} " == *"$dir/"* ]] && echo "${p#/proc/}"
  done
  for f in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
    [ -d "$f" ] && find "$f" -name cgroup.procs -exec cat {} + 2>/dev/null
  done
  return 0
}

# host_snapshot OUT: what a real node may change on the host, one file each in OUT: sysctls (less the counters that
# move by themselves), iptables and ip6tables rules (nft and legacy back ends), nftables, ipsets, links, routes and
# rules, network namespaces, mounts, pod cgroups and the host directories the node's programs use by default.
host_snapshot() (
  set +e +o pipefail # an empty listing is not an error
  out=$1
  mkdir -p "$out"
  sysctl -a 2>/dev/null | grep -vE '^(fs\.(dentry-state|file-nr|inode-nr|inode-state|quota\.)|kernel\.(ns_last_pid|random\.|pty\.nr)|net\.netfilter\.nf_conntrack_count)' >"$out/sysctl"
  for t in iptables-nft ip6tables-nft iptables-legacy ip6tables-legacy; do
    command -v "$t-save" >/dev/null && "$t-save" 2>/dev/null | grep -v '^#' | sed 's/\[[0-9]*:[0-9]*\]//'
  done >"$out/iptables"
  nft list ruleset >"$out/nftables" 2>/dev/null || true
  ipset list -n 2>/dev/null | sort >"$out/ipsets"
  ip -o link show | awk -F': ' '{ print $2 }' | sort >"$out/links"
  { ip rule show; ip route show table all | grep -v '^local\|^broadcast\|cache'; ip -6 route show table all 2>/dev/null | grep -v 'cache'; } >"$out/routes"
  { ls /run/netns /var/run/netns 2>/dev/null; ip netns list 2>/dev/null; } >"$out/netns"
  awk '{ print $5 }' /proc/self/mountinfo | sort >"$out/mounts"
  ls -d /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods >"$out/cgroups" 2>/dev/null || true
  for d in /var/lib/kubelet /var/lib/cni /run/netns /var/run/netns /var/log/containers /var/log/pods /etc/cni /opt/cni \
    /run/containerd /var/lib/containerd /etc/containerd /etc/cdi /var/run/cdi /etc/nri /var/run/nri /opt/containerd \
    /usr/libexec/kubernetes /etc/kubernetes /var/lib/kube-router; do
    [ -e "$d" ] && echo "$d"
  done >"$out/dirs"
  return 0
)
