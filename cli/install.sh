#!/usr/bin/env bash
# Installs the built plugin (cli/target, from `mvn -f cli/pom.xml package`) into PREFIX (default ~/.local):
#   PREFIX/lib/kubectl-raffinerie/  the launcher, the jar, its lib/ and the AppCDS archive
#   PREFIX/bin/kubectl-raffinerie   a symlink to the launcher (put PREFIX/bin on the PATH)
#   PREFIX/bin/kubectl_complete-raffinerie   a symlink to the completion launcher, for `kubectl raffinerie <TAB>`
# Then dumps the class data archive (AppCDS) from a training run, so that every command starts from it.
# With --dist, writes cli/target/kubectl-raffinerie.tar.gz instead (the krew archive, see docs/cli.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=$here/target
jar=$(ls "$target"/kubectl-raffinerie-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1)
[ -n "$jar" ] || { echo "install.sh: no cli/target/kubectl-raffinerie-*.jar; run: make cli" >&2; exit 1; }

layout() { # $1: the directory to lay the plugin out in
  rm -rf "$1"
  mkdir -p "$1"
  cp "$jar" "$1/kubectl-raffinerie.jar"
  cp -r "$target/lib" "$1/lib"
  cp "$here/kubectl-raffinerie" "$here/kubectl_complete-raffinerie" "$1/"
}

if [ "${1:-}" = --dist ]; then
  stage=$target/dist/kubectl-raffinerie
  layout "$stage"
  tar -C "$stage" -czf "$target/kubectl-raffinerie.tar.gz" .
  echo "$target/kubectl-raffinerie.tar.gz"
  exit 0
fi

prefix=${1:-$HOME/.local}
dir=$prefix/lib/kubectl-raffinerie
layout "$dir"
# The training run: help, completion, a failed call to an unreachable API server (the client's and the JSON/YAML
# code paths) and the parsing of a sample run. The archive is only valid for this JVM and this jar: a new build
# (make cli) dumps it again; a JVM that cannot use it starts without it.
java -XX:ArchiveClassesAtExit="$dir/kubectl-raffinerie.jsa" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -cp "$dir/kubectl-raffinerie.jar" io.raffinerie.cli.CdsTraining >/dev/null 2>&1 ||
  echo "install.sh: the AppCDS training run failed; the plugin works, it only starts slower" >&2
mkdir -p "$prefix/bin"
ln -sfn "$dir/kubectl-raffinerie" "$prefix/bin/kubectl-raffinerie"
ln -sfn "$dir/kubectl_complete-raffinerie" "$prefix/bin/kubectl_complete-raffinerie"
echo "$prefix/bin/kubectl-raffinerie"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "install.sh: add $prefix/bin to your PATH, then run: kubectl raffinerie --help" >&2 ;;
esac
