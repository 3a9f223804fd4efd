#!/usr/bin/env bash
# `make run`: the local cluster (unless KUBECONFIG is set), the CRDs and the environment roles, the operator as a
# local process, the example pipeline's workspace and the examples; waits until they are Ready and the example
# pipeline run has Succeeded, and shows each step's log tail. On any failure it says what failed and prints the end of
# the operator's log. `--stop` stops the operator.
#
# The local cluster is one real node and no KWOK node (e2e/cluster/README.md): the images of e2e/images/build.sh are
# built (or found in the cache) and imported, the technology catalog points at them (e2e/.work/technologies.yaml,
# DataTechnology objects that build.sh writes) and the examples' scripts really run. The workspace is a PersistentVolume on a
# directory of the cluster's work directory (`make cluster-down` removes it) bound to the claim daily-sales-workspace.
# With KUBECONFIG set: that cluster, its own images, and a claim of its default StorageClass.
# Environment: RAFFINERIE_RUN_PORT (the operator's HTTP port: health, metrics, dashboard; default 8080),
# RAFFINERIE_ARCHIVE=0 (no run archive; by default a local PostgreSQL in e2e/.work/postgres when Debian's is installed),
# RAFFINERIE_REAL_NODE=0 (the local cluster with two KWOK nodes instead: pods simulated, empty log tails, no root
# needed), KWOK_WORKDIR and RAFFINERIE_KUBECONFIG (as for e2e/cluster/up.sh).
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
  [ ! -d "$work/postgres" ] || "$root/e2e/tools/postgres.sh" stop "$work/postgres"
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
local_cluster=""
real_node=${RAFFINERIE_REAL_NODE:-1}
if [ -z "${KUBECONFIG:-}" ]; then
  local_cluster=${KWOK_WORKDIR:-$HOME/.kwok}/clusters/raffinerie
  if [ "$real_node" = 1 ]; then
    step="building the real node's images (e2e/images/build.sh)"
    images=$("$root/e2e/images/build.sh")
    export RAFFINERIE_CATALOG=${RAFFINERIE_CATALOG:-$work/technologies.yaml}
    step="starting the local cluster with one real node"
    export KUBECONFIG=$(RAFFINERIE_NODES=0 RAFFINERIE_REAL_NODE=1 RAFFINERIE_IMAGE_DIRS=$images "$root/e2e/cluster/up.sh")
  else
    step="starting the local cluster (KWOK nodes)"
    export KUBECONFIG=$(RAFFINERIE_REAL_NODE=0 "$root/e2e/cluster/up.sh")
  fi
fi
kubectl() { "$bin/kubectl" "$@"; }
echo "[run] cluster: $(kubectl config current-context) ($KUBECONFIG)"
if [ -n "$local_cluster" ]; then
  echo "[run] nodes: $(kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name} ({.metadata.labels.raffinerie\.io/node}{.metadata.labels.type}) {end}')"
fi

step="installing the CRDs, the environment roles and the admission policy"
[ -f "$jar" ] || { echo "[run] $jar is missing: run \`make run\` (it builds it) or \`make build\`" >&2; false; }
kubectl apply --server-side -f "$root/crds/" >/dev/null
kubectl apply --server-side -f "$root/operator/environment-roles.yaml" -f "$root/operator/secret-reference-policy.yaml" \
  -f "$root/operator/spark-pod-policy.yaml" -f "$root/operator/promotion-identity-policy.yaml" >/dev/null
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
# The run archive (docs/archive.md) on a local PostgreSQL from Debian's package, when it is installed and
# RAFFINERIE_ARCHIVE is not 0; `make stop` stops it, its data stays in e2e/.work/postgres.
archive=()
if [ "${RAFFINERIE_ARCHIVE:-1}" != 0 ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  step="starting the run archive's PostgreSQL"
  "$root/e2e/tools/postgres.sh" stop "$work/postgres"
  url=$("$root/e2e/tools/postgres.sh" start "$work/postgres" "$(cat "$work/postgres/port" 2>/dev/null || true)")
  archive=(RAFFINERIE_ARCHIVE_ENABLED=true "RAFFINERIE_ARCHIVE_DATABASE_URL=$url")
  echo "[run] run archive: $url (user raffinerie)"
  step="starting the operator"
fi
env "${archive[@]}" POD_NAMESPACE=raffinerie-system QUARKUS_HTTP_PORT=$port nohup java -jar "$jar" >"$log" 2>&1 &
echo $! >"$pidfile"
step="waiting for the operator to be healthy (http://127.0.0.1:$port/q/health/ready)"
deadline=$((SECONDS + 120))
until curl -fsS "http://127.0.0.1:$port/q/health/ready" 2>/dev/null | grep -q '"UP"'; do
  kill -0 "$(cat "$pidfile")" 2>/dev/null || { echo "[run] the operator exited at start" >&2; false; }
  [ $SECONDS -lt $deadline ] || { echo "[run] the operator is not healthy after 120 s" >&2; false; }
  sleep 0.5
done
echo "[run] operator healthy (pid $(cat "$pidfile"), port $port, log $log)"
step="waiting for the operator to publish the Spark images (raffinerie-system/raffinerie-spark-images)"
kubectl -n raffinerie-system wait --for=create --timeout=60s configmap/raffinerie-spark-images >/dev/null
[ -z "${images:-}" ] || echo "[run] technologies: the local images ($images/images.txt)"

alive() { kill -0 "$(cat "$pidfile")" 2>/dev/null || { echo "[run] the operator died" >&2; false; }; }
step="waiting for the environment sales-dev to be Ready"
kubectl apply --server-side -f "$root/examples/00-environment.yaml" >/dev/null
kubectl wait --for condition=Ready --timeout=120s dataenvironment/sales-dev >/dev/null
alive
step="making the example pipeline's workspace (the claim daily-sales-workspace)"
if [ -n "$local_cluster" ]; then
  # A directory of the cluster's work directory, writable by the pods' uid 1000, as a PersistentVolume bound to the
  # claim alone; the kubelet mounts it as it is (hostPath), and `make cluster-down` removes it with the work dir.
  workspace=$local_cluster/workspace/sales-dev
  mkdir -p "$workspace"
  chmod 0777 "$workspace"
  kubectl apply --server-side -f - >/dev/null <<EOF
apiVersion: v1
kind: PersistentVolume
metadata: {name: sales-dev-daily-sales-workspace}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteMany]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: ""
  claimRef: {namespace: sales-dev, name: daily-sales-workspace}
  hostPath: {path: $workspace, type: Directory}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: daily-sales-workspace, namespace: sales-dev}
spec:
  accessModes: [ReadWriteMany]
  storageClassName: ""
  volumeName: sales-dev-daily-sales-workspace
  resources: {requests: {storage: 1Gi}}
EOF
  echo "[run] workspace: the claim daily-sales-workspace, on $workspace"
else
  kubectl apply --server-side -f - >/dev/null <<EOF
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: daily-sales-workspace, namespace: sales-dev}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
EOF
  echo "[run] workspace: the claim daily-sales-workspace, of the cluster's default StorageClass"
fi
step="waiting for the example jobs, pipelines and runs to be Ready"
# The example runs of an earlier `make run` go, so that these run again: an edited script shows in the log tails.
runs=$(grep -l '^kind: DataRun$' "$root"/examples/*.yaml)
kubectl delete --ignore-not-found --wait=true $(printf -- '-f %s ' $runs) >/dev/null
kubectl apply --server-side -f "$root/examples/" >/dev/null
for kind in datajobs datapipelines dataruns; do
  kubectl -n sales-dev wait --for condition=Ready --timeout=120s "$kind" --all >/dev/null
done
alive
step="waiting for the example pipeline run daily-sales-first to succeed"
if ! kubectl -n sales-dev wait --for=jsonpath='{.status.phase}'=Succeeded --timeout=300s datarun/daily-sales-first >/dev/null; then
  kubectl -n sales-dev get datarun daily-sales-first -o jsonpath='{.status.phase}: {.status.message}{"\n"}' >&2 || true
  kubectl -n sales-dev get pods -o wide >&2 || true
  false
fi
alive
kubectl get raffinerie -A
echo
# Each step's log tail: what its script printed (empty on KWOK nodes, whose pods are simulated).
kubectl -n sales-dev get datarun daily-sales-first -o jsonpath='{range .status.steps[*]}{"== "}{.name}{" "}{.phase}{"\n"}{.logTail}{"\n"}{end}'
echo "[run] daily-sales-first Succeeded. The operator keeps running in the background (dashboard: http://127.0.0.1:$port/);"
echo "[run] \`make stop\` stops it, \`make cluster-down\` stops everything."
