#!/usr/bin/env bash
# Smoke test of the real node (node.sh), through kubectl only. Starts the cluster with RAFFINERIE_REAL_NODE=1 (or
# reuses it; RAFFINERIE_NODES as for up.sh, default 2 KWOK nodes beside the tainted real node), then in a namespace
# with Pod Security `restricted`:
#   1. a restricted pod (uid 1000, read-only root, RuntimeDefault seccomp, no capabilities) runs to Succeeded, and
#      its output is what `kubectl logs` shows;
#   2. a Job whose container exits 3 fails with exitCode 3, and `kubectl logs job/...` shows its output;
#   3. a ClusterIP Service reaches a web server pod, by IP and by its DNS name (CoreDNS), from another pod;
#   4. a NetworkPolicy denying ingress to the server refuses the connection that worked, and lifting it restores it.
# Prints the timings (node start, a pod's creation to Succeeded). Leaves the cluster up: `e2e/cluster/down.sh`.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
e2e=$(dirname "$here")
ns=raffinerie-node-selftest
image=localhost/raffinerie/busybox:test
say() { echo "[selftest-node] $*" >&2; }
fail() { say "FAIL: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

t=$(now)
kubeconfig=$(RAFFINERIE_REAL_NODE=1 "$here/up.sh")
say "cluster with a real node up in $(since "$t") s"
bin=$("$e2e/tools/build.sh")
kubectl() { "$bin/kubectl" --kubeconfig "$kubeconfig" "$@"; }
node=$(kubectl get nodes -l raffinerie.io/node=real -o jsonpath='{.items[0].metadata.name}')
[ -n "$node" ] || fail "no node labelled raffinerie.io/node=real"
version=$(kubectl get node "$node" -o jsonpath='{.status.nodeInfo.kubeletVersion} {.status.nodeInfo.containerRuntimeVersion}')
say "real node $node: $version"
[[ $version == *containerd://* ]] || fail "node $node is not run by a kubelet with containerd: $version"
# The kubelet renews the node's Lease (it creates it just after registering): KWOK does not manage this node.
deadline=$((SECONDS + 30))
until holder=$(kubectl -n kube-node-lease get lease "$node" -o jsonpath='{.spec.holderIdentity}' 2>/dev/null) && [ -n "$holder" ]; do
  [ $SECONDS -lt $deadline ] || fail "node $node has no Lease after 30 s"
  sleep 0.5
done
[ "$holder" = "$node" ] || fail "the Lease of node $node is held by '$holder'"
! grep -q kwok <<<"$(kubectl get node "$node" -o jsonpath='{.metadata.annotations}')" || fail "KWOK took node $node over"

kubectl delete namespace "$ns" --ignore-not-found --wait=true >/dev/null
kubectl create namespace "$ns" >/dev/null
kubectl label namespace "$ns" pod-security.kubernetes.io/enforce=restricted >/dev/null
cleanup() { kubectl delete namespace "$ns" --wait=false >/dev/null 2>&1 || true; }
trap cleanup EXIT

# pod NAME RESTART_POLICY LABELS COMMAND: a restricted pod on the real node, /tmp an emptyDir.
pod_spec() {
  local restart=$1 command=$2
  cat <<EOF
    spec:
      restartPolicy: $restart
      nodeSelector: {raffinerie.io/node: real}
      tolerations: [{key: raffinerie.io/real-node, operator: Exists, effect: NoSchedule}]
      terminationGracePeriodSeconds: 1
      securityContext: {runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: {type: RuntimeDefault}}
      containers:
      - name: main
        image: $image
        imagePullPolicy: Never
        command: [sh, -c, '$command']
        securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
        volumeMounts: [{name: tmp, mountPath: /tmp}]
      volumes: [{name: tmp, emptyDir: {}}]
EOF
}
pod() { # pod NAME RESTART_POLICY LABELS COMMAND
  { printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: %s, namespace: %s, labels: {%s}}\n' "$1" "$ns" "$3"
    pod_spec "$2" "$4" | sed 's/^    //'; } | kubectl apply -f - >/dev/null
}
phase() { kubectl -n "$ns" get pod "$1" -o jsonpath='{.status.phase}' 2>/dev/null; }
wait_phase() { # wait_phase POD PHASE SECONDS
  local deadline=$((SECONDS + $3)) p
  while p=$(phase "$1"); [ "$p" != "$2" ]; do
    [ "$p" != Failed ] || [ "$2" = Failed ] || fail "pod $1 Failed: $(kubectl -n "$ns" get pod "$1" -o jsonpath='{.status}')"
    [ $SECONDS -lt $deadline ] || fail "pod $1 is $p, not $2, after $3 s: $(kubectl -n "$ns" describe pod "$1" | tail -20)"
    sleep 0.2
  done
}

# 1. A restricted pod.
t=$(now)
pod restricted Never 'test: restricted' 'echo uid=$(id -u); if touch /x 2>/dev/null; then echo root-writable; else echo root-read-only; fi; echo data >/tmp/f && cat /tmp/f'
wait_phase restricted Succeeded 60
pod_time=$(since "$t")
out=$(kubectl -n "$ns" logs restricted)
[ "$out" = $'uid=1000\nroot-read-only\ndata' ] || fail "restricted pod printed: $out"
say "OK 1: restricted pod Succeeded in $pod_time s from creation, as uid 1000 on a read-only root; kubectl logs shows its output"

# 2. A Job exiting 3.
{ printf 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: exit3, namespace: %s}\nspec:\n  backoffLimit: 0\n  template:\n' "$ns"
  pod_spec Never 'echo about to exit 3; exit 3'; } | kubectl apply -f - >/dev/null
deadline=$((SECONDS + 60))
until [ "$(kubectl -n "$ns" get job exit3 -o jsonpath='{.status.conditions[?(@.type=="Failed")].status}')" = True ]; do
  [ $SECONDS -lt $deadline ] || fail "Job exit3 did not fail in 60 s"
  sleep 0.2
done
code=$(kubectl -n "$ns" get pods -l job-name=exit3 -o jsonpath='{.items[0].status.containerStatuses[0].state.terminated.exitCode}')
[ "$code" = 3 ] || fail "Job exit3's container exit code is '$code', not 3"
out=$(kubectl -n "$ns" logs job/exit3)
[ "$out" = "about to exit 3" ] || fail "kubectl logs job/exit3 printed: $out"
say "OK 2: Job exit3 Failed with exitCode 3; kubectl logs job/exit3 shows its output"

# 3. A ClusterIP Service and its DNS name, from another pod.
pod web Always 'app: web' 'mkdir -p /tmp/www && echo hello-from-web >/tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www'
pod client Always 'app: client' 'exec sleep 3600'
kubectl -n "$ns" apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Service
metadata: {name: web, namespace: $ns}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
EOF
wait_phase web Running 60
wait_phase client Running 60
ip=$(kubectl -n "$ns" get service web -o jsonpath='{.spec.clusterIP}')
# fetch IP[:PORT]: the web page's body, through busybox nc (its wget crashes in this build; names go via nslookup).
fetch() {
  local host=${1%:*} port=80
  [[ $1 != *:* ]] || port=${1##*:}
  kubectl -n "$ns" exec client -- sh -c "printf 'GET / HTTP/1.0\r\n\r\n' | nc -w 3 $host $port" 2>/dev/null | tail -n 1 || true
}
deadline=$((SECONDS + 30))
until [ "$(fetch "$ip")" = hello-from-web ]; do
  [ $SECONDS -lt $deadline ] || fail "the client cannot reach Service web at $ip:80"
  sleep 0.5
done
name=web.$ns.svc.cluster.local
resolved=$(kubectl -n "$ns" exec client -- nslookup "$name" 2>/dev/null | awk '/^Address/ && !/#53/ { a = $NF } END { print a }')
[ "$resolved" = "$ip" ] || fail "$name resolved to '$resolved', not $ip: $(kubectl -n "$ns" exec client -- nslookup "$name" 2>&1)"
[ "$(fetch "$resolved")" = hello-from-web ] || fail "the client cannot reach $name at $resolved"
say "OK 3: Service web ($ip) answers from another pod; $name resolves to it"

# 4. A NetworkPolicy denying ingress to the server.
kubectl -n "$ns" apply -f - >/dev/null <<EOF
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-web-ingress, namespace: $ns}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
EOF
t=$(now)
deadline=$((SECONDS + 30))
while [ "$(fetch "$ip")" = hello-from-web ]; do
  [ $SECONDS -lt $deadline ] || fail "the NetworkPolicy deny-web-ingress did not stop the connection in 30 s"
  sleep 0.5
done
web_ip=$(kubectl -n "$ns" get pod web -o jsonpath='{.status.podIP}')
[ -z "$(fetch "$web_ip:8080")" ] || fail "the client still reaches the web pod at $web_ip:8080 directly"
say "OK 4: NetworkPolicy deny-web-ingress refuses the connection (enforced after $(since "$t") s)"
kubectl -n "$ns" delete networkpolicy deny-web-ingress >/dev/null
deadline=$((SECONDS + 30))
until [ "$(fetch "$ip")" = hello-from-web ]; do
  [ $SECONDS -lt $deadline ] || fail "the connection did not come back in 30 s once the NetworkPolicy was deleted"
  sleep 0.5
done
say "OK 4: without the NetworkPolicy the connection works again"

say "timings: pod creation to Succeeded $pod_time s"
echo "4 passed, 0 failed"
