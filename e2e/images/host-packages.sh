#!/usr/bin/env bash
# Installs the host packages the image build needs, from the machine's Debian mirror, only when missing:
# debootstrap (builds each image's root file system). Everything else (python3, tar, util-linux's unshare) is
# already on a Debian host. Called by build.sh; `make images` and CI go through it, nothing is installed by hand.
set -euo pipefail
missing=()
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
[ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || missing+=(debian-archive-keyring)
[ ${#missing[@]} -eq 0 ] && exit 0
[ "$(id -u)" = 0 ] || { echo "[images] missing host packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})" >&2; exit 1; }
echo "[images] installing host packages: ${missing[*]}" >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
