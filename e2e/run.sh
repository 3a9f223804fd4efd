#!/usr/bin/env bash
# `make run`: the local cluster (unless KUBECONFIG is set), the CRDs, the operator as a local process, and the
# examples; waits until they are Ready and shows them. `--stop` stops the operator.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/e2e/.work
pidfile=$work/operator.pid
log=$work/operator.log
mkdir -p "$work"

stop_operator() {
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")"
    for _ in $(seq 50); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.2; done
    echo "[run] operator stopped"
  fi
  rm -f "$pidfile"
}

if [ "${1:-}" = "--stop" ]; then
  stop_operator
  exit 0
fi

bin=$("$root/e2e/tools/build.sh")
if [ -z "${KUBECONFIG:-}" ]; then
  export KUBECONFIG=$("$root/e2e/cluster/up.sh")
fi
kubectl() { "$bin/kubectl" "$@"; }
echo "[run] cluster: $(kubectl config current-context) ($KUBECONFIG)"

kubectl apply --server-side -f "$root/crds/"
kubectl wait --for condition=Established --timeout=60s -f "$root/crds/" >/dev/null

stop_operator
POD_NAMESPACE=raffinerie-system nohup java -jar "$root/target/quarkus-app/quarkus-run.jar" >"$log" 2>&1 &
echo $! >"$pidfile"
echo "[run] operator started (pid $(cat "$pidfile"), log $log)"

kubectl apply --server-side -f "$root/examples/00-environment.yaml"
kubectl wait --for condition=Ready --timeout=120s dataenvironment/sales-dev
kubectl apply --server-side -f "$root/examples/"
for kind in datajobs datapipelines dataruns; do
  kubectl -n sales-dev wait --for condition=Ready --timeout=120s "$kind" --all >/dev/null
done
kubectl -n sales-dev wait --for=jsonpath='{.status.phase}'=Succeeded --timeout=180s datarun/daily-sales-first
kubectl get raffinerie -A
kubectl -n sales-dev get datarun daily-sales-first -o jsonpath='{range .status.steps[*]}{.name}{"\t"}{.phase}{"\t"}{.logTail}{"\n"}{end}'
echo "[run] the operator keeps running in the background; \`make stop\` stops it, \`make cluster-down\` stops everything"
