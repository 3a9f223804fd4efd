#!/usr/bin/env bash
# Builds the pinned Go tools (Kubernetes control plane, etcd, KWOK, helm) from source into
# ~/.cache/raffinerie/<tool>-<version>-<sum>/, reusing what is there. Prints the bin directory
# (symlinks to every binary) on stdout; progress goes to stderr.
#
# --node also builds what a real node runs (see e2e/cluster/README.md): the kubelet and kube-proxy (same
# Kubernetes module), containerd, CoreDNS and kube-router; its bin directory has every tool. Without it,
# nothing of the node is built, so the KWOK-only cluster stays as fast as before.
#
# --bench builds only the other engines `make bench` compares Raffinerie with (e2e/bench/README.md): Argo
# Workflows' workflow-controller and Tekton Pipelines' controller. Test infrastructure only, never shipped.
# It prints one line per tool, NAME=DIR, where DIR holds the binary and, from the module source, the CRDs (crds/)
# and, for Tekton, its ConfigMaps (config/).
#
# A tool directory only exists once every binary in it was built and answered --version:
# builds happen in a temporary directory that is renamed into place at the end.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${RAFFINERIE_CACHE:-$HOME/.cache/raffinerie}
mkdir -p "$cache"
export GOFLAGS=${GOFLAGS:--buildvcs=false}
export CGO_ENABLED=0

K8S_VERSION=$(awk '/^require k8s.io\/kubernetes/ {print $3}' "$here/kubernetes/go.mod")
ETCD_VERSION=$(awk '/^require go.etcd.io\/etcd/ {print $3}' "$here/etcd/go.mod")
KWOK_VERSION=$(awk '/^require sigs.k8s.io\/kwok/ {print $3}' "$here/kwok/go.mod")
HELM_VERSION=$(awk '/^require helm.sh\/helm/ {print $3}' "$here/helm/go.mod")
CONTAINERD_VERSION=$(awk '/^require github.com\/containerd\/containerd\/v2/ {print $3}' "$here/containerd/go.mod")
COREDNS_VERSION=$(awk '/^require github.com\/coredns\/coredns/ {print $3}' "$here/coredns/go.mod")
KUBE_ROUTER_VERSION=$(awk '/^require github.com\/cloudnativelabs\/kube-router/ {print $3}' "$here/kube-router/go.mod")
ARGO_VERSION=$(awk '/^require github.com\/argoproj\/argo-workflows\/v4/ {print $3}' "$here/argo/go.mod")
TEKTON_VERSION=$(awk '/^require github.com\/tektoncd\/pipeline/ {print $3}' "$here/tekton/go.mod")
# containerd's static build (no cgo): no graph drivers that need C, netgo/osusergo resolvers.
CONTAINERD_TAGS=no_btrfs,no_devmapper,no_zfs,urfave_cli_no_docs,osusergo,netgo,static_build

log() { echo "[tools] $*" >&2; }

# build_tool NAME VERSION LDFLAGS OUT=PKG[:TAGS]... builds into $cache/NAME-VERSION-KEY from the module in
# e2e/tools/$module (default NAME). KEY covers the module's go.mod and go.sum and what is built with which
# flags, so editing this script elsewhere does not rebuild a tool.
build_tool() {
  local name=$1 version=$2 ldflags=$3; shift 3
  local mod=$here/${module:-$name}
  local key
  key=$({ cat "$mod/go.mod" "$mod/go.sum"; echo "$name $version $ldflags $* CGO_ENABLED=$CGO_ENABLED"; } | sha256sum | cut -c1-10)
  local dir="$cache/$name-$version-$key"
  if [ -f "$dir/.complete" ]; then
    echo "$dir"
    return
  fi
  rm -rf "$dir"
  local tmp
  tmp=$(mktemp -d "$cache/.$name.XXXXXX")
  log "building $name $version (first time only; the Kubernetes build takes several minutes)"
  local start=$SECONDS spec out pkg tags
  for spec in "$@"; do
    out=${spec%%=*}
    pkg=${spec#*=}
    tags=""
    [[ $pkg != *:* ]] || { tags=${pkg#*:}; pkg=${pkg%%:*}; }
    (cd "$mod" && go build -trimpath -tags "$tags" -ldflags "-s -w $ldflags" -o "$tmp/$out" "$pkg") || {
      rm -rf "$tmp"
      log "FAILED to build $out from $pkg"
      return 1
    }
    "$tmp/$out" --help >/dev/null 2>&1 || "$tmp/$out" version >/dev/null 2>&1 || "$tmp/$out" -v >/dev/null 2>&1 || {
      rm -rf "$tmp"
      log "FAILED: $out does not run"
      return 1
    }
  done
  [ -z "${sources:-}" ] || copy_sources "$mod" "$tmp" $sources || {
    rm -rf "$tmp"
    log "FAILED to copy the sources' files of $name"
    return 1
  }
  touch "$tmp/.complete"
  mv -T "$tmp" "$dir"
  log "built $name $version in $((SECONDS - start)) s"
  echo "$dir"
}

# copy_sources MODDIR OUT MODULE:GLOB=SUBDIR... copies files of a module's source (the version go build used, from
# the module cache) into OUT/SUBDIR/: the CRDs and ConfigMaps of the bench's engines.
copy_sources() {
  local mod=$1 out=$2; shift 2
  local spec src glob sub
  for spec in "$@"; do
    sub=${spec##*=}
    glob=${spec%=*}
    src=$(cd "$mod" && go list -m -f '{{.Dir}}' "${glob%%:*}")
    [ -n "$src" ] || return 1
    mkdir -p "$out/$sub"
    # shellcheck disable=SC2086 # the glob is meant to expand
    cp $src/${glob#*:} "$out/$sub/" || return 1
  done
}

bench_tools() {
  echo "argo=$(sources="github.com/argoproj/argo-workflows/v4:manifests/base/crds/minimal/argoproj.io_*.yaml=crds" build_tool argo "$ARGO_VERSION" \
    "-X github.com/argoproj/argo-workflows/v4.version=$ARGO_VERSION -X github.com/argoproj/argo-workflows/v4.gitTag=$ARGO_VERSION" \
    workflow-controller=github.com/argoproj/argo-workflows/v4/cmd/workflow-controller)"
  echo "tekton=$(sources="github.com/tektoncd/pipeline:config/300-crds/*.yaml=crds github.com/tektoncd/pipeline:config/config-*.yaml=config" build_tool tekton "$TEKTON_VERSION" "" \
    controller=github.com/tektoncd/pipeline/cmd/controller)"
}

k8s_ldflags() {
  local v=${K8S_VERSION#v} flags="" pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=${v%%.*} -X $pkg.gitMinor=$(echo "$v" | cut -d. -f2)"
    flags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  echo "$flags"
}

main() {
  local node=$1 dirs=()
  dirs+=("$(build_tool kubernetes "$K8S_VERSION" "$(k8s_ldflags)" \
    kube-apiserver=k8s.io/kubernetes/cmd/kube-apiserver \
    kube-controller-manager=k8s.io/kubernetes/cmd/kube-controller-manager \
    kube-scheduler=k8s.io/kubernetes/cmd/kube-scheduler \
    kubectl=k8s.io/kubernetes/cmd/kubectl)")
  dirs+=("$(build_tool etcd "$ETCD_VERSION" "" etcd=go.etcd.io/etcd/server/v3)")
  dirs+=("$(build_tool kwok "$KWOK_VERSION" \
    "-X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${K8S_VERSION#v}" \
    kwok=sigs.k8s.io/kwok/cmd/kwok kwokctl=sigs.k8s.io/kwok/cmd/kwokctl)")
  dirs+=("$(build_tool helm "$HELM_VERSION" \
    "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean" \
    helm=helm.sh/helm/v3/cmd/helm)")
  if [ "$node" = yes ]; then
    dirs+=("$(module=kubernetes build_tool kubernetes-node "$K8S_VERSION" "$(k8s_ldflags)" \
      kubelet=k8s.io/kubernetes/cmd/kubelet \
      kube-proxy=k8s.io/kubernetes/cmd/kube-proxy)")
    dirs+=("$(build_tool containerd "$CONTAINERD_VERSION" \
      "-X github.com/containerd/containerd/v2/version.Version=$CONTAINERD_VERSION" \
      containerd=github.com/containerd/containerd/v2/cmd/containerd:$CONTAINERD_TAGS \
      containerd-shim-runc-v2=github.com/containerd/containerd/v2/cmd/containerd-shim-runc-v2:$CONTAINERD_TAGS,no_grpc \
      ctr=github.com/containerd/containerd/v2/cmd/ctr:$CONTAINERD_TAGS)")
    dirs+=("$(build_tool coredns "$COREDNS_VERSION" "-X github.com/coredns/coredns/coremain.GitCommit=$COREDNS_VERSION" \
      coredns=github.com/coredns/coredns)")
    dirs+=("$(build_tool kube-router "$KUBE_ROUTER_VERSION" \
      "-X github.com/cloudnativelabs/kube-router/v2/pkg/version.Version=$KUBE_ROUTER_VERSION" \
      kube-router=github.com/cloudnativelabs/kube-router/v2/cmd/kube-router)")
  fi

  # One directory of symlinks, keyed by the tool directories it points to.
  local bin
  bin="$cache/bin-$(printf '%s\n' "${dirs[@]}" | sha256sum | cut -c1-10)"
  if [ ! -d "$bin" ]; then
    local tmp d f
    tmp=$(mktemp -d "$cache/.bin.XXXXXX")
    for d in "${dirs[@]}"; do
      for f in "$d"/*; do ln -s "$f" "$tmp/$(basename "$f")"; done
    done
    mv -T "$tmp" "$bin"
  fi
  echo "$bin"
}

case "${1:-}" in
  --k8s-version) echo "$K8S_VERSION" ;;
  --node) main yes ;;
  --bench) bench_tools ;;
  "") main no ;;
  *) echo "usage: $0 [--node | --bench | --k8s-version]" >&2; exit 2 ;;
esac
