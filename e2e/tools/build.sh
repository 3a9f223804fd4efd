#!/usr/bin/env bash
# Builds the pinned Go tools (Kubernetes control plane, etcd, KWOK, helm) from source into
# ~/.cache/raffinerie/<tool>-<version>-<sum>/, reusing what is there. Prints the bin directory
# (symlinks to every binary) on stdout; progress goes to stderr.
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

log() { echo "[tools] $*" >&2; }

# build_tool NAME VERSION LDFLAGS OUT=PKG...
build_tool() {
  local name=$1 version=$2 ldflags=$3; shift 3
  local key
  key=$(cat "$here/$name/go.mod" "$here/$name/go.sum" "$here/build.sh" | sha256sum | cut -c1-10)
  local dir="$cache/$name-$version-$key"
  if [ -f "$dir/.complete" ]; then
    echo "$dir"
    return
  fi
  rm -rf "$dir"
  local tmp
  tmp=$(mktemp -d "$cache/.$name.XXXXXX")
  log "building $name $version (first time only; the Kubernetes build takes several minutes)"
  local start=$SECONDS spec out pkg
  for spec in "$@"; do
    out=${spec%%=*}
    pkg=${spec#*=}
    (cd "$here/$name" && go build -trimpath -ldflags "-s -w $ldflags" -o "$tmp/$out" "$pkg") || {
      rm -rf "$tmp"
      log "FAILED to build $out from $pkg"
      return 1
    }
    "$tmp/$out" --help >/dev/null 2>&1 || "$tmp/$out" version >/dev/null 2>&1 || {
      rm -rf "$tmp"
      log "FAILED: $out does not run"
      return 1
    }
  done
  touch "$tmp/.complete"
  mv -T "$tmp" "$dir"
  log "built $name $version in $((SECONDS - start)) s"
  echo "$dir"
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
  local dirs=()
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
  *) main ;;
esac
