#!/usr/bin/env bash
# A bare Git repository served over the git protocol by Debian's git daemon, for the promotion tests: what an Argo CD
# or Flux managed environment is synced from.
#   git-serve.sh start <base-dir> <name> <seed-dir>  makes <base-dir>/<name>.git (branch main, its first commit the
#                                                     files of <seed-dir>), serves it read-write on a free local port
#                                                     in the background, and prints its URL once it answers
#   git-serve.sh stop <base-dir>                      stops that daemon
set -euo pipefail

case "${1:-}" in
  start)
    base=$2 name=$3 seed=$4
    git init -q --bare --initial-branch=main "$base/$name.git"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    cp -r "$seed/." "$work/"
    git -C "$work" init -q --initial-branch=main
    git -C "$work" add .
    git -C "$work" -c user.name=Platform -c user.email=platform@example.com commit -q -m "the environment as it is"
    git -C "$work" push -q "$base/$name.git" HEAD:main
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    git daemon --detach --pid-file="$base/daemon.pid" --reuseaddr --export-all --enable=receive-pack \
      --base-path="$base" --listen=127.0.0.1 --port="$port" "$base"
    for _ in $(seq 100); do
      if git ls-remote "git://127.0.0.1:$port/$name.git" >/dev/null 2>&1; then
        echo "git://127.0.0.1:$port/$name.git"
        exit 0
      fi
      sleep 0.1
    done
    echo "git daemon did not answer on port $port" >&2
    exit 1
    ;;
  stop)
    [ -f "$2/daemon.pid" ] && kill "$(cat "$2/daemon.pid")" 2>/dev/null || true
    ;;
  *)
    echo "usage: $0 start <base-dir> <name> <seed-dir> | stop <base-dir>" >&2
    exit 2
    ;;
esac
