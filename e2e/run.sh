#!/usr/bin/env bash
# `make run`: the local cluster (unless KUBECONFIG is set), the CRDs and the environment roles, the operator as a
# local process, and the examples; waits until they are Ready and the example pipeline run has Succeeded, and shows
# them. On any failure it says what failed and prints the end of the operator's log. `--stop` stops the operator.
# Environment: RAFFINERIE_RUN_PORT (the operator's HTTP port: health, metrics, dashboard; default 8080).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/e2e/.work
pidfile=$work/operator.pid
log=$work/operator.log
port=${RAFFINERIE_RUN_PORT:-8080}
jar=$root/target/quarkus-app/quarkus-run.jar
mkdir -p "$work"
[ -f "$work/.gitignore" ] || echo '*' >"$work/.gitignore"

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

step="starting"
on_failure() {
  local code=$?
  echo "[run] FAILED while $step (exit code $code)" >&2
  if [ -f "$log" ]; then
    echo "[run] the last lines of the operator log ($log):" >&2
    tail -n 40 "$log" | sed 's/^/    /' >&2
  fi
  if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "[run] the operator process (pid $(cat "$pidfile")) is not running" >&2
  fi
  exit "$code"
}
trap on_failure ERR

step="building the Kubernetes tools"
bin=$("$root/e2e/tools/build.sh")
if [ -z "${KUBECONFIG:-}" ]; then
  step="starting the local cluster"
  export KUBECONFIG=$("$root/e2e/cluster/up.sh")
fi
kubectl() { "$bin/kubectl" "$@"; }
echo "[run] cluster: $(kubectl config current-context) ($KUBECONFIG)"

step="installing the CRDs, the environment roles and the admission policy"
[ -f "$jar" ] || { echo "[run] $jar is missing: run \`make run\` (it builds it) or \`make build\`" >&2; false; }
kubectl apply --server-side -f "$root/crds/" >/dev/null
kubectl apply --server-side -f "$root/operator/environment-roles.yaml" -f "$root/operator/secret-reference-policy.yaml" \
  -f "$root/operator/spark-pod-policy.yaml" >/dev/null
kubectl wait --for condition=Established --timeout=60s -f "$root/crds/" >/dev/null
# The technology catalog (DataTechnology objects, after their CRD): the local images' when e2e/images/build.sh wrote
# it, else the chart's; and the policy that warns of deprecated versions at apply.
catalog=${RAFFINERIE_CATALOG:-$root/operator/technologies.yaml}
kubectl apply --server-side --force-conflicts -f "$catalog" -f "$root/operator/technology-lifecycle-policy.yaml" >/dev/null
echo "[run] technology catalog: $catalog"
# The operator's namespace (raffinerie.operator-namespace), where it publishes the Spark images the pod policy reads.
kubectl create namespace raffinerie-system --dry-run=client -o yaml | kubectl apply --server-side -f - >/dev/null
echo "[run] CRDs, environment roles (raffinerie-viewer, -editor, -manager) and admission policy installed"

step="starting the operator"
stop_operator
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "[run] port $port is in use: stop what listens there, or set RAFFINERIE_RUN_PORT" >&2
  false
fi
POD_NAMESPACE=raffinerie-system QUARKUS_HTTP_PORT=$port nohup java -jar "$jar" >"$log" 2>&1 &
echo $! >"$pidfile"
step="waiting for the operator to be healthy (http://127.0.0.1:$port/q/health/ready)"
deadline=$((SECONDS + 120))
until curl -fsS "http://127.0.0.1:$port/q/health/ready" 2>/dev/null | grep -q '"UP"'; do
  kill -0 "$(cat "$pidfile")" 2>/dev/null || { echo "[run] the operator exited at start" >&2; false; }
  [ $SECONDS -lt $deadline ] || { echo "[run] the operator is not healthy after 120 s" >&2; false; }
  sleep 0.5
done
echo "[run] operator healthy (pid $(cat "$pidfile"), port $port, log $log)"

alive() { kill -0 "$(cat "$pidfile")" 2>/dev/null || { echo "[run] the operator died" >&2; false; }; }
step="waiting for the environment sales-dev to be Ready"
kubectl apply --server-side -f "$root/examples/00-environment.yaml" >/dev/null
kubectl wait --for condition=Ready --timeout=120s dataenvironment/sales-dev >/dev/null
alive
step="waiting for the example jobs, pipelines and runs to be Ready"
kubectl apply --server-side -f "$root/examples/" >/dev/null
for kind in datajobs datapipelines dataruns; do
  kubectl -n sales-dev wait --for condition=Ready --timeout=120s "$kind" --all >/dev/null
done
alive
step="waiting for the example pipeline run daily-sales-first to succeed"
kubectl -n sales-dev wait --for=jsonpath='{.status.phase}'=Succeeded --timeout=180s datarun/daily-sales-first >/dev/null
alive
kubectl get raffinerie -A
echo
kubectl -n sales-dev get datarun daily-sales-first -o jsonpath='{range .status.steps[*]}{.name}{"\t"}{.phase}{"\t"}{.logTail}{"\n"}{end}'
echo "[run] daily-sales-first Succeeded. The operator keeps running in the background (dashboard: http://127.0.0.1:$port/);"
echo "[run] \`make stop\` stops it, \`make cluster-down\` stops everything."
