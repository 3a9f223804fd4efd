#!/usr/bin/env bash
# Builds the images the real node runs, from Debian packages (debootstrap, nothing pulled), as OCI image archives
# that `ctr -n k8s.io images import` names. Prints on stdout the directory holding the archives (*.tar) and the
# technology catalog mapping to them (technologies.json in the set; e2e/.work/technologies.yaml, DataTechnology objects, and
# e2e/.work/images-values.yaml, the chart's values); progress goes to stderr.
#
#   e2e/images/build.sh                    the technology images: python-3.11 python-3.13 bash-5.2 java-17 java-21
#                                          spark-4.3
#   e2e/images/build.sh operator           the operator's own image (needs target/quarkus-app: `make build`)
#   e2e/images/build.sh all | NAME...      all of them, or the ones named
#
# Each image is cached in ~/.cache/raffinerie/images/<name>-<key>/, where the key hashes the code that makes it
# (scripts_hash) and the exact package versions the image holds. The operator's image is the cached operator-jre
# image plus one layer, target/quarkus-app (app_image): its key hashes the base's key and the app's content. A warm start refreshes the mirror's index into a private apt state, resolves the versions the
# last build of the image installed and finds the image by its key: seconds. A changed package (a point release, a
# security update) gives another key and a rebuild. A build happens in a temporary directory renamed into place at
# the end: an image directory only exists once complete. Without the mirror, the newest image built is reused.
#
# Environment: RAFFINERIE_CACHE (default ~/.cache/raffinerie), RAFFINERIE_DEBIAN_MIRROR and
# RAFFINERIE_DEBIAN_SECURITY_MIRROR (default: the machine's own, from /etc/apt/sources.list*),
# RAFFINERIE_IMAGE_REGISTRY (the name the references start with, default raffinerie.local).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${RAFFINERIE_CACHE:-$HOME/.cache/raffinerie}/images
registry=${RAFFINERIE_IMAGE_REGISTRY:-raffinerie.local}
mkdir -p "$cache"

log() { echo "[images] $*" >&2; }

# The machine's mirror: the first URIs of its Debian sources (deb822 or one-line format).
machine_mirror() {
  local pattern=$1
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
    | grep -oE "https?://[^ ]+/$pattern/?( |$)" | head -1 | tr -d ' ' | sed 's:/$::' || true
}
mirror=${RAFFINERIE_DEBIAN_MIRROR:-$(machine_mirror debian)}
security=${RAFFINERIE_DEBIAN_SECURITY_MIRROR:-$(machine_mirror debian-security)}
mirror=${mirror:-http://deb.debian.org/debian}
security=${security:-http://deb.debian.org/debian-security}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg

TECHNOLOGY_IMAGES=(python-3.11 python-3.13 bash-5.2 java-17 java-21 spark-4.3)

# What each image is: SUITE, REF, PACKAGES (installed with apt, no recommends, over debootstrap's minbase),
# ENV, ENTRYPOINT/CMD (JSON), WORKDIR and CONTENT (a function that adds what no Debian package has). Every image runs
# as uid/gid 1000 (user raffinerie) with HOME=/tmp: pods get a read-only root and an emptyDir on /tmp.
describe() {
  PATH_ENV="PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  ENV=("$PATH_ENV" "HOME=/tmp" "LANG=C.UTF-8")
  ENTRYPOINT="" CMD="" WORKDIR=/tmp CONTENT=""
  case $1 in
    python-3.11 | python-3.13)
      SUITE=$([ "$1" = python-3.11 ] && echo bookworm || echo trixie)
      REF=$registry/python:${1#python-}
      PACKAGES="python3 python-is-python3"
      ENV+=("PYTHONUNBUFFERED=1" "PYTHONDONTWRITEBYTECODE=1")
      CMD='["python"]' ;;
    bash-5.2)
      SUITE=bookworm REF=$registry/bash:5.2
      PACKAGES="bash coreutils findutils grep sed gawk jq bc gzip xz-utils bzip2 tar diffutils procps"
      CMD='["bash"]' ;;
    java-17 | java-21)
      local v=${1#java-}
      SUITE=$([ "$v" = 17 ] && echo bookworm || echo trixie)
      REF=$registry/java:$v
      PACKAGES="openjdk-$v-jdk-headless"
      ENV+=("JAVA_HOME=/usr/lib/jvm/java-$v-openjdk-amd64")
      CMD='["jshell"]' ;;
    spark-4.3)
      # Spark from the pyspark distribution on PyPI (its jars, scripts and Python package), on Debian's JRE.
      SUITE=trixie REF=$registry/spark:4.3
      PYSPARK=4.3.0 PY4J=0.10.9.9
      PACKAGES="openjdk-21-jre-headless python3 procps"
      ENV+=("JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64" "SPARK_HOME=/opt/spark" "PYSPARK_PYTHON=python3"
        "PYTHONPATH=/opt/spark/python:/opt/spark/python/lib/py4j-$PY4J-src.zip" "PYTHONUNBUFFERED=1"
        "PYTHONDONTWRITEBYTECODE=1")
      ENTRYPOINT='["/opt/entrypoint.sh"]'
      CONTENT=spark_content ;;
    operator)
      SUITE=bookworm
      PACKAGES="openjdk-17-jre-headless"
      ENV+=("JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64")
      WORKDIR=/deployments
      # JAVA_OPTS_APPEND: the chart's documented way to pass JVM options (extraEnv).
      ENTRYPOINT='["/bin/sh", "-c", "exec java ${JAVA_OPTS_APPEND:-} -jar /deployments/quarkus-run.jar \"$@\"", "--"]'
      REF="" ;; # set once the jar's key is known: raffinerie.local/operator:<version>-<jar key>
    *) log "unknown image '$1': choose from ${TECHNOLOGY_IMAGES[*]} operator"; return 1 ;;
  esac
}

# The code that decides an image's content: these functions as bash reads them (comments and the rest of this
# script do not count) and oci.py.
scripts_hash() { { declare -f describe base build in_rootfs; cat "$here/oci.py"; } | sha256sum | cut -c1-16; }

# What an image holds besides its packages and these scripts: for Spark, the pyspark distribution (by its digest) and
# the files that spark_content adds.
content_key() {
  [ "$CONTENT" = spark_content ] || return 0
  sha256sum <"$(pyspark_sdist)" | cut -c1-16
  { declare -f spark_content; cat "$here/spark/entrypoint.sh" "$here/spark/SparkPi.java"; } | sha256sum | cut -c1-16
}

# The pyspark source distribution, downloaded once into the cache (pip checks it against the index's digest); prints
# its path.
pyspark_sdist() {
  local downloads=${RAFFINERIE_CACHE:-$HOME/.cache/raffinerie}/downloads file
  file=$downloads/pyspark-$PYSPARK.tar.gz
  if [ ! -f "$file" ]; then
    log "downloading pyspark $PYSPARK from PyPI (about 450 MB)"
    mkdir -p "$downloads"
    python3 -m pip download -q --no-deps --no-binary :all: "pyspark==$PYSPARK" -d "$downloads/.partial" >&2
    mv "$downloads/.partial/pyspark-$PYSPARK.tar.gz" "$file"
    rm -rf "$downloads/.partial"
  fi
  echo "$file"
}

# spark_content ROOTFS: Spark's layout as its own images have it: /opt/spark/{bin,jars,python,examples}, the Python
# package zipped as Spark's Python runner expects it, a Java example compiled against the jars (with the machine's
# JDK), and the entrypoint that implements Spark's Kubernetes image contract (spark/entrypoint.sh).
spark_content() {
  local rootfs=$1 spark=$1/opt/spark src
  src=$(mktemp -d "$scratch/pyspark-XXXXXX")
  tar -xzf "$(pyspark_sdist)" -C "$src" --strip-components=1
  [ -f "$src/lib/py4j-$PY4J-src.zip" ] || { echo "pyspark $PYSPARK does not carry py4j $PY4J"; return 1; }
  mkdir -p "$spark/bin" "$spark/jars" "$spark/python/lib" "$spark/examples/jars" "$spark/examples/src/main/python" \
    "$spark/conf" "$spark/work-dir"
  cp -a "$src/deps/jars/." "$spark/jars/"
  find "$src/deps/bin" -maxdepth 1 -type f -not -name '*.cmd' -exec cp -a {} "$spark/bin/" \;
  cp -a "$src/pyspark" "$spark/python/"
  cp "$src/lib/py4j-$PY4J-src.zip" "$spark/python/lib/"
  (cd "$spark/python" && python3 -m zipfile -c lib/pyspark.zip pyspark/)
  cp "$src/deps/examples/pi.py" "$spark/examples/src/main/python/"
  javac -nowarn --release 17 -cp "$spark/jars/*" -d "$src/classes" "$here/spark/SparkPi.java"
  jar --create --file "$spark/examples/jars/raffinerie-examples.jar" -C "$src/classes" .
  install -m 755 "$here/spark/entrypoint.sh" "$rootfs/opt/entrypoint.sh"
  chown -R 0:0 "$spark"
  chmod -R a+rX,go-w "$spark"
  rm -rf "$src"
}

# The operator's jar and libraries, by content.
app_dir=$root/target/quarkus-app
app_hash() {
  (cd "$app_dir" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-12
}
app_version() {
  sed -n '/<artifactId>raffinerie<\/artifactId>/,/<version>/ s:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" \
    | head -1
}

# A private apt state per suite (never the machine's own): the suite, its updates and its security updates.
apt_dir() { echo "$cache/apt/$1"; }
apt_setup() {
  local suite=$1 dir
  dir=$(apt_dir "$suite")
  mkdir -p "$dir/etc/apt.conf.d" "$dir/etc/preferences.d" "$dir/etc/sources.list.d" "$dir/state/lists/partial" \
    "$dir/cache/archives/partial"
  : >"$dir/state/status"
  cat >"$dir/etc/sources.list" <<EOF
deb [signed-by=$keyring] $mirror $suite main
deb [signed-by=$keyring] $mirror $suite-updates main
deb [signed-by=$keyring] $security $suite-security main
EOF
  cat >"$dir/apt.conf" <<EOF
Dir::Etc "$dir/etc/";
Dir::Etc::Parts "apt.conf.d";
Dir::Etc::main "none";
Dir::Etc::SourceList "sources.list";
Dir::Etc::SourceParts "sources.list.d";
Dir::Etc::Preferences "none";
Dir::Etc::PreferencesParts "preferences.d";
Dir::State "$dir/state/";
Dir::State::status "$dir/state/status";
Dir::Cache "$dir/cache/";
Dir::Log "$dir/log/";
APT::Architecture "amd64";
APT::Architectures { "amd64"; };
APT::Install-Recommends "false";
APT::Sandbox::User "root";
Acquire::Languages "none";
EOF
}
apt_private() { local suite=$1; shift; APT_CONFIG=$(apt_dir "$suite")/apt.conf "$@"; }

# Refreshes the suites' indexes, in parallel; a suite whose mirror cannot be reached is listed in its failed file.
apt_refresh() {
  local suite
  for suite in "$@"; do
    apt_setup "$suite"
    (apt_private "$suite" apt-get -qq --error-on=any update >/dev/null 2>"$(apt_dir "$suite")/update.log" \
      && rm -f "$(apt_dir "$suite")/failed" || touch "$(apt_dir "$suite")/failed") &
  done
  wait
  for suite in "$@"; do
    [ ! -f "$(apt_dir "$suite")/failed" ] \
      || log "the mirror's $suite index could not be refreshed ($(tail -1 "$(apt_dir "$suite")/update.log"))"
  done
}
refreshed() { [ -f "$(apt_dir "$1")/state/status" ] && [ ! -f "$(apt_dir "$1")/failed" ]; }

# The candidate versions of these packages in the refreshed index, as name=version lines: what apt installs today.
resolve() {
  local suite=$1; shift
  apt_private "$suite" apt-cache policy "$@" 2>/dev/null \
    | awk '/^[^ ].*:$/ { name = substr($0, 1, length($0) - 1) } $1 == "Candidate:" { print name "=" $2 }' | sort
}

key_of() { # key_of NAME EXTRA < name=version lines
  { echo "$1"; echo "$2"; scripts_hash; cat; } | sha256sum | cut -c1-12
}

# Runs a command in the root file system with /proc mounted and apt's download directory bound to the cache, in a
# private mount namespace: the mounts are gone when it ends.
in_rootfs() {
  local rootfs=$1 debs=$2; shift 2
  unshare --mount --fork -- bash -c 'mount -t proc proc "$0/proc" && mount --bind "$1" "$0/var/cache/apt/archives" &&
    shift && exec chroot "$0" "$@"' "$rootfs" "$debs" "$@"
}

# failed LOG: says the build of $name failed and keeps its log as <name>-failed.log.
failed() {
  cp "$1" "$cache/$name-failed.log"
  log "FAILED: $name, in $(basename "$1" .log) (log: $cache/$name-failed.log):"
  tail -5 "$cache/$name-failed.log" | sed 's/^/    /' >&2
}

# base SUITE: the suite's minbase root file system with today's updates, slimmed, built once per invocation (the
# images of a suite start from a copy); prints its directory. It lives in $scratch: a tmpfs when there is one with
# room (dpkg's many fsyncs cost nothing there), removed when build.sh ends.
base() {
  local suite=$1 dir=$scratch/base-$1 start=$SECONDS
  if [ ! -f "$dir/.ok" ]; then
    log "building the Debian $suite base (debootstrap minbase, then the updates)"
    mkdir -p "$dir" "$cache/debs/$suite" "$cache/debs/$suite-apt/partial"
    # In a private mount namespace, so that no mount it makes (/proc in the target) outlives it.
    if ! unshare --mount --fork -- debootstrap --variant=minbase --cache-dir="$cache/debs/$suite" \
        --keyring="$keyring" "$suite" "$dir/rootfs" "$mirror" >"$dir/debootstrap.log" 2>&1; then
      failed "$dir/debootstrap.log"
      return 1
    fi
    local rootfs=$dir/rootfs
    # Slim: no documentation (but the copyright files), man pages or translations, for all apt installs from now on.
    cat >"$rootfs/etc/dpkg/dpkg.cfg.d/raffinerie-slim" <<'EOF2'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-exclude=/usr/share/lintian/*
EOF2
    echo force-unsafe-io >"$rootfs/etc/dpkg/dpkg.cfg.d/unsafe-io"
    printf 'APT::Install-Recommends "false";\nAcquire::Languages "none";\n' >"$rootfs/etc/apt/apt.conf.d/90raffinerie"
    rm -f "$rootfs/etc/apt/sources.list.d/"*
    cat >"$rootfs/etc/apt/sources.list" <<EOF2
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
EOF2
    cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
    # The index just refreshed for the same sources: apt's update then only checks it is current.
    cp "$(apt_dir "$suite")"/state/lists/*_dists_* "$rootfs/var/lib/apt/lists/" 2>/dev/null || true
    if ! in_rootfs "$rootfs" "$cache/debs/$suite-apt" /bin/sh -c "export DEBIAN_FRONTEND=noninteractive
        apt-get -qq update && apt-get -qq -y -o Dpkg::Options::=--force-confold dist-upgrade" >"$dir/apt.log" 2>&1; then
      failed "$dir/apt.log"
      return 1
    fi
    touch "$dir/.ok"
    log "built the Debian $suite base in $((SECONDS - start)) s"
  fi
  echo "$dir/rootfs"
}

# build NAME: builds the image's root file system and its package list into a temporary directory; prints it.
build() {
  local name=$1 tmp rootfs from start=$SECONDS
  from=$(base "$SUITE") || return 1
  tmp=$(mktemp -d "$cache/.$name.XXXXXX")
  rootfs=$(mktemp -d "$scratch/$name-XXXXXX")
  ln -s "$rootfs" "$tmp/rootfs"
  log "building $name: $PACKAGES (Debian $SUITE)"
  cp -a "$from/." "$rootfs/"
  if ! in_rootfs "$rootfs" "$cache/debs/$SUITE-apt" /bin/sh -c \
      "DEBIAN_FRONTEND=noninteractive apt-get -qq -y install $PACKAGES" >"$tmp/apt.log" 2>&1; then
    failed "$tmp/apt.log"
    rm -rf "$rootfs" "$tmp"
    return 1
  fi
  if [ -n "$CONTENT" ] && ! "$CONTENT" "$rootfs" >"$tmp/content.log" 2>&1; then
    failed "$tmp/content.log"
    rm -rf "$rootfs" "$tmp"
    return 1
  fi
  chroot "$rootfs" dpkg-query -W -f '${db:Status-Abbrev} ${Package}=${Version}\n' \
    | awk '$1 == "ii" { print $2 }' | sort >"$tmp/packages.txt"
  # The user every pod runs as.
  echo "raffinerie:x:1000:1000:raffinerie:/tmp:/bin/bash" >>"$rootfs/etc/passwd"
  echo "raffinerie:x:1000:" >>"$rootfs/etc/group"
  echo "raffinerie:!:19000::::::" >>"$rootfs/etc/shadow"
  if [ "$name" = operator ]; then
    mkdir -p "$rootfs/deployments"
    cp -r "$app_dir/." "$rootfs/deployments/"
    chown -R 0:0 "$rootfs/deployments"
    chmod -R a+rX,go-w "$rootfs/deployments"
  fi
  # What a container runtime provides or a running system writes: empty. No apt lists, caches, logs.
  rm -rf "$rootfs"/dev/* "$rootfs"/run/* "$rootfs"/tmp/* "$rootfs"/var/tmp/* "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/var/cache/apt/* "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/cache/ldconfig/* \
    "$rootfs"/var/log/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* \
    "$rootfs"/usr/share/lintian "$rootfs"/var/lib/dpkg/*-old "$rootfs"/etc/dpkg/dpkg.cfg.d/unsafe-io
  # The JDK's jmods serve jlink only (a third of the image): javac, jar and java work without them.
  rm -rf "$rootfs"/usr/lib/jvm/*/jmods
  find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
  find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
  : >"$rootfs/etc/resolv.conf"
  : >"$rootfs/etc/machine-id"
  chmod 1777 "$rootfs/tmp"
  echo "$tmp"
  log "built the $name root file system in $((SECONDS - start)) s"
}

# image NAME: the image's complete directory (cached or built); prints it.
image() {
  local name=$1 extra="" predicted="" dir
  if [ "$name" = operator ]; then
    app_image
    return
  fi
  # operator-jre: the operator's image without its app (build adds target/quarkus-app only to `operator`).
  describe "${name%-jre}"
  [ "$name" != operator-jre ] || REF=$registry/operator-jre:17
  extra=$(content_key)
  local last=$cache/$name.packages
  if [ -f "$last" ]; then
    if refreshed "$SUITE"; then
      predicted=$(resolve "$SUITE" $(sed 's/=.*//' "$last") | key_of "$name" "$extra")
      dir=$cache/$name-$predicted
      if [ -f "$dir/.complete" ]; then
        log "$name: cached ($dir)"
        echo "$dir"
        return
      fi
      log "$name: the mirror's packages changed since the last build (or its scripts did): rebuilding"
    else
      dir=$(ls -1dt "$cache/$name"-*/.complete 2>/dev/null | head -1 || true)
      if [ -n "$dir" ] && [ "$name" != operator ]; then
        log "$name: reusing the newest image built, $(dirname "$dir") (mirror unreachable)"
        dirname "$dir"
        return
      fi
    fi
  fi
  local tmp start=$SECONDS key
  tmp=$(build "$name") || return 1
  key=$(key_of "$name" "$extra" <"$tmp/packages.txt")
  if [ -n "$predicted" ] && [ "$key" != "$predicted" ]; then
    log "$name: the image holds other versions than the index resolved (key $key, not $predicted)"
  fi
  dir=$cache/$name-$key
  python3 "$here/oci.py" "$tmp/rootfs" "$tmp/$name.tar" --ref "$REF" --user 1000:1000 --workdir "$WORKDIR" \
    $(printf -- '--env %s ' "${ENV[@]}") ${ENTRYPOINT:+--entrypoint "$ENTRYPOINT"} ${CMD:+--cmd "$CMD"} \
    --label "io.raffinerie.image.key=$key" --label "io.raffinerie.image.suite=$SUITE" \
    --history "e2e/images/build.sh $name: debootstrap --variant=minbase $SUITE, apt-get install $PACKAGES" \
    >"$tmp/oci.json"
  echo "$REF" >"$tmp/ref"
  du -sb "$(readlink -f "$tmp/rootfs")" | cut -f1 >"$tmp/rootfs-bytes"
  rm -rf "$(readlink -f "$tmp/rootfs")" "$tmp/rootfs"
  touch "$tmp/.complete"
  rm -rf "$dir"
  mv -T "$tmp" "$dir"
  cp "$dir/packages.txt" "$last"
  rm -f "$cache/$name-failed.log"
  # Older images of that name are never found again (sets that link their archives keep them readable).
  find "$cache" -maxdepth 1 -name "$name-*" -type d -not -path "$dir" -exec rm -rf {} +
  log "$name: $REF, $(numfmt --to=iec "$(stat -c %s "$dir/$name.tar")") archive," \
    "$(numfmt --to=iec "$(cat "$dir/rootfs-bytes")") unpacked, built in $((SECONDS - start)) s"
  echo "$dir"
}

# The operator's image: the operator-jre image (the JRE from Debian, cached and keyed by its package versions like
# the technology images), then target/quarkus-app in /deployments as a second layer. A new jar writes that layer
# alone, in seconds; the base is rebuilt only when a package of it changes. Prints the image's directory.
app_image() {
  local base app key dir tmp start=$SECONDS
  [ -f "$app_dir/quarkus-run.jar" ] || { log "$app_dir/quarkus-run.jar is missing: run \`make build\` first"; return 1; }
  base=$(image operator-jre) || return 1
  app=$(app_hash)
  REF=$registry/operator:$(app_version)-$app
  key=$({ basename "$base"; echo "$app"; cat "$here/app_layer.py"; declare -f app_image; } | sha256sum | cut -c1-12)
  dir=$cache/operator-$key
  if [ -f "$dir/.complete" ]; then
    log "operator: cached ($dir)"
    echo "$dir"
    return
  fi
  tmp=$(mktemp -d "$cache/.operator.XXXXXX")
  mkdir -p "$tmp/layer/deployments"
  cp -r "$app_dir/." "$tmp/layer/deployments/"
  chown -R 0:0 "$tmp/layer"
  chmod 755 "$tmp/layer"
  chmod -R a+rX,go-w "$tmp/layer/deployments"
  python3 "$here/app_layer.py" "$base/operator-jre.tar" "$tmp/layer" "$tmp/operator.tar" --ref "$REF" \
    --label "io.raffinerie.image.key=$key" --history "e2e/images/build.sh operator: target/quarkus-app in /deployments" \
    >"$tmp/oci.json"
  echo "$REF" >"$tmp/ref"
  cp "$base/packages.txt" "$tmp/packages.txt"
  echo $(($(cat "$base/rootfs-bytes") + $(du -sb "$tmp/layer" | cut -f1))) >"$tmp/rootfs-bytes"
  rm -rf "$tmp/layer"
  touch "$tmp/.complete"
  rm -rf "$dir"
  mv -T "$tmp" "$dir"
  find "$cache" -maxdepth 1 -name "operator-*" -not -name "operator-jre*" -type d -not -path "$dir" -exec rm -rf {} +
  log "operator: $REF, $(numfmt --to=iec "$(stat -c %s "$dir/operator.tar")") archive (the app layer" \
    "$(numfmt --to=iec "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["layerSize"])' <"$dir/oci.json")")," \
    "on $(basename "$base")), in $((SECONDS - start)) s"
  echo "$dir"
}

# The catalog overrides (the chart's `technologies` value, RAFFINERIE_TECHNOLOGIES) for the images of a set.
technologies_json() {
  python3 - "$@" <<'EOF'
import json, sys
catalog = {}
for ref_line in sys.argv[1:]:
    name, ref = ref_line.split("=", 1)
    if name == "operator":
        continue
    technology, version = name.rsplit("-", 1)
    if technology == "bash":
        version = version.split(".")[0]  # the catalog's bash version is the major one, "5"
    catalog.setdefault(technology, {"images": {}})["images"][version] = ref
for entry in catalog.values():
    entry["defaultVersion"] = max(entry["images"], key=lambda v: [int(p) for p in v.split(".")])
print(json.dumps(catalog, indent=2, sort_keys=True))
EOF
}

# The local cluster's technology catalog, from the overrides above ($1, technologies.json): the chart's catalog
# (operator/technologies.yaml) with each version that has an image here pointing at it, versions without one dropped
# (nothing can be pulled), technologies without a local image (spark, container) kept as shipped. $2 = objects:
# DataTechnology objects (applied by e2e/run.sh); $2 = values: the chart's values (`technologies`, + the operator's
# image when the set has one, $3).
technologies_yaml() {
  python3 - "$root/operator/technologies.yaml" "$@" <<'EOF'
import json, sys, yaml
shipped = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
local = json.load(open(sys.argv[2]))
out = []
for doc in shipped:
    spec, images = doc["spec"], local.get(doc["metadata"]["name"], {}).get("images")
    doc["metadata"]["labels"] = {"app.kubernetes.io/part-of": "raffinerie", "raffinerie.io/catalog": "local-images"}
    if images and spec.get("versions"):
        spec["versions"] = [dict(v, image=images[v["name"]]) for v in spec["versions"] if v["name"] in images]
        names = [v["name"] for v in spec["versions"]]
        if spec.get("defaultVersion") not in names:
            spec["defaultVersion"] = max(names, key=lambda n: [int(p) for p in n.split(".")])
    out.append(doc)
if sys.argv[3] == "objects":
    print("# Generated by e2e/images/build.sh: the technology catalog for the images built from Debian packages.")
    print(yaml.safe_dump_all(out, sort_keys=False), end="")
else:
    print("# Generated by e2e/images/build.sh: the chart's values for the images built from Debian packages.")
    values = {"technologies": {d["metadata"]["name"]: d["spec"] for d in out}}
    if len(sys.argv) > 4:
        ref = sys.argv[4]
        values["image"] = {"repository": ref.rsplit(":", 1)[0], "tag": ref.rsplit(":", 1)[1], "pullPolicy": "IfNotPresent"}
    print(yaml.safe_dump(values, sort_keys=False), end="")
EOF
}

main() {
  local names=()
  case "${1:-}" in
    "") names=("${TECHNOLOGY_IMAGES[@]}") ;;
    all) names=("${TECHNOLOGY_IMAGES[@]}" operator) ;;
    *) names=("$@") ;;
  esac
  "$here/host-packages.sh"
  # One build at a time on this cache (other checkouts of the machine share it); what a killed build left goes.
  exec 9>"$cache/.lock"
  flock 9
  rm -rf "$cache"/.[a-z]*.?????? /dev/shm/raffinerie-images-??????
  if [ "$(df --output=avail -k /dev/shm 2>/dev/null | tail -1)" -gt 4000000 ] 2>/dev/null; then
    scratch=$(mktemp -d /dev/shm/raffinerie-images-XXXXXX)
  else
    scratch=$(mktemp -d "$cache/.scratch.XXXXXX")
  fi
  trap 'rm -rf "$scratch"' EXIT
  local name dir dirs=() refs=() suites=()
  for name in "${names[@]}"; do describe "$name" && suites+=("$SUITE"); done
  # shellcheck disable=SC2046 # suite names have no spaces
  apt_refresh $(printf '%s\n' "${suites[@]}" | sort -u)
  for name in "${names[@]}"; do
    dir=$(image "$name")
    dirs+=("$dir")
    refs+=("$name=$(cat "$dir/ref")")
  done
  # The set: hard links to the archives (the node's up script imports every *.tar in it) and the catalog mapping.
  local set
  # Named by the images' manifests: a rebuilt image (even under the same key) is another set.
  set=$cache/set-$(for dir in "${dirs[@]}"; do echo "$dir"; cat "$dir/oci.json"; done | sha256sum | cut -c1-10)
  if [ ! -f "$set/.complete" ]; then
    local tmp
    tmp=$(mktemp -d "$cache/.set.XXXXXX")
    for dir in "${dirs[@]}"; do ln "$dir"/*.tar "$tmp/"; done
    technologies_json "${refs[@]}" >"$tmp/technologies.json"
    {
      echo "# Generated by e2e/images/build.sh: the chart's values for the images built from Debian packages."
      echo "technologies: $(python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))' <"$tmp/technologies.json")"
      for ref in "${refs[@]}"; do
        case $ref in operator=*)
          ref=${ref#operator=}
          printf 'image:\n  repository: %s\n  tag: "%s"\n  pullPolicy: IfNotPresent\n' "${ref%:*}" "${ref##*:}" ;;
        esac
      done
    } >"$tmp/values.yaml"
    printf '%s\n' "${refs[@]}" >"$tmp/images.txt"
    touch "$tmp/.complete"
    rm -rf "$set"
    mv -T "$tmp" "$set"
  fi
  # The catalog as DataTechnology objects and as the chart's values: written here, not in the set (other checkouts
  # share the set, and their chart may read technologies.json and values.yaml in the former format).
  local operator_ref
  operator_ref=$(sed -n 's/^operator=//p' "$set/images.txt")
  mkdir -p "$root/e2e/.work"
  [ -f "$root/e2e/.work/.gitignore" ] || echo '*' >"$root/e2e/.work/.gitignore"
  # The generated mapping `make run` passes to the operator (only when the set holds technology images).
  if grep -q images "$set/technologies.json"; then
    cp "$set/technologies.json" "$root/e2e/.work/technologies.json"
    technologies_yaml "$set/technologies.json" objects >"$root/e2e/.work/technologies.yaml"
    # shellcheck disable=SC2086 # no operator image: no third argument
    technologies_yaml "$set/technologies.json" values $operator_ref >"$root/e2e/.work/images-values.yaml"
  fi
  # Sets unused for a week go (a set is hard links: it costs the space of images no longer built otherwise).
  find "$cache" -maxdepth 1 -name 'set-*' -type d -not -path "$set" -mtime +7 -exec rm -rf {} +
  touch "$set"
  echo "$set"
}

main "$@"
