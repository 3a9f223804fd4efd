#!/usr/bin/env bash
# Builds the real node's own images as OCI archives, nothing pulled, cached under
# ~/.cache/raffinerie/node-images-<key>/ (key: pause.c, the compiler's and busybox-static's versions, the scripts):
#   pause.tar    localhost/raffinerie/pause:3.10.2  the sandbox image, /pause compiled with gcc -static from
#                                                   build/pause/linux/pause.c of the Kubernetes module
#   busybox.tar  localhost/raffinerie/busybox:test  Debian's static /bin/busybox and its applet links (sh, sleep,
#                                                   nc, wget, nslookup...), for the node's self-test
#   coredns.tar  localhost/raffinerie/coredns:<sum>  the CoreDNS binary given as argument (built by build.sh --node),
#                                                   its name in coredns.name
# usage: node-images.sh COREDNS_BINARY. Prints the directory on stdout. Needs host-deps.sh (gcc, busybox-static).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
e2e=$(dirname "$here")
cache=${RAFFINERIE_CACHE:-$HOME/.cache/raffinerie}
log() { echo "[node-images] $*" >&2; }
coredns=${1:?usage: node-images.sh COREDNS_BINARY}
coredns_sum=$(sha256sum "$coredns" | cut -c1-10)

k8s_version=$("$e2e/tools/build.sh" --k8s-version)
pause_c=$(cd "$e2e/tools/kubernetes" && go list -m -f '{{.Dir}}' k8s.io/kubernetes)/build/pause/linux/pause.c
[ -f "$pause_c" ] || { log "ERROR: $pause_c not found (go mod download in e2e/tools/kubernetes)"; exit 1; }
busybox_version=$(dpkg-query -W -f='${Version}' busybox-static)
key=$({ cat "$pause_c" "$here/oci-archive.py" "$0"; gcc --version | head -1; echo "$busybox_version $k8s_version $coredns_sum"; } | sha256sum | cut -c1-10)
dir=$cache/node-images-$key
if [ -f "$dir/.complete" ]; then echo "$dir"; exit 0; fi

start=$SECONDS
tmp=$(mktemp -d "$cache/.node-images.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/pause-root" "$tmp/busybox-root/bin" "$tmp/busybox-root/tmp" "$tmp/coredns-root"
gcc -Os -Wall -Werror -static -DVERSION="$k8s_version" -o "$tmp/pause-root/pause" "$pause_c"
strip "$tmp/pause-root/pause"
python3 "$here/oci-archive.py" "$tmp/pause-root" localhost/raffinerie/pause:3.10.2 "$tmp/pause.tar" \
  --entrypoint '["/pause"]' --user 65535:65535

cp /bin/busybox "$tmp/busybox-root/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || ln -s busybox "$tmp/busybox-root/bin/$applet"
done
chmod 1777 "$tmp/busybox-root/tmp"
python3 "$here/oci-archive.py" "$tmp/busybox-root" localhost/raffinerie/busybox:test "$tmp/busybox.tar" --cmd '["sh"]'

cp "$coredns" "$tmp/coredns-root/coredns"
echo "localhost/raffinerie/coredns:$coredns_sum" >"$tmp/coredns.name"
python3 "$here/oci-archive.py" "$tmp/coredns-root" "$(cat "$tmp/coredns.name")" "$tmp/coredns.tar" --entrypoint '["/coredns"]'

rm -rf "$tmp/pause-root" "$tmp/busybox-root" "$tmp/coredns-root"
touch "$tmp/.complete"
rm -rf "$dir"
mv -T "$tmp" "$dir"
trap - EXIT
log "built the pause, busybox and CoreDNS images in $((SECONDS - start)) s: $dir"
echo "$dir"
