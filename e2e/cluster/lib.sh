# Shared by down.sh and selftest-down.sh (sourced, not run).

# cluster_pids WORKDIR CACHE: pids of the cluster's processes: programs built into CACHE (~/.cache/raffinerie:
# etcd, kube-*, kwok, raffinerie-simlog) whose command line names WORKDIR/ (every component of a kwokctl
# cluster gets its kubeconfig, config, data or log directory below it).
cluster_pids() {
  local dir=$1 cache=$2 p args exe
  for p in /proc/[0-9]*; do
    args=()
    mapfile -d '' args <"$p/cmdline" 2>/dev/null || continue
    [[ " ${args[*]} " == *"$dir/"* ]] || continue
    exe=$(readlink "$p/exe" 2>/dev/null) || continue
    [[ $exe == "$cache"/* || $exe == "$dir"/* ]] && echo "${p#/proc/}"
  done
  return 0
}
