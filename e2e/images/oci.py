#!/usr/bin/env python3
"""Writes a root file system as a one-layer OCI image archive that `ctr -n k8s.io images import` names.

    oci.py ROOTFS OUT.tar --ref raffinerie.local/python:3.11 --user 1000:1000 --workdir /tmp \
        --env PATH=... --env HOME=/tmp [--entrypoint '["java"]'] [--cmd '["python"]'] [--label k=v]...

The archive is an OCI image layout in a tar: oci-layout, index.json, blobs/sha256/{layer, config, manifest}.
The index names the manifest with both `io.containerd.image.name` (what containerd's importer reads first) and
`org.opencontainers.image.ref.name`, each holding the full reference, so no --base-name is needed on import.
The layer is a gzip tar with numeric owners, no user or group names, in name order. Standard library only.
"""
import argparse
import datetime
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile
import tempfile


class HashingWriter(io.RawIOBase):
    """A write-only stream that hashes what goes through it and counts it."""

    def __init__(self, target):
        self.target = target
        self.sha = hashlib.sha256()
        self.size = 0

    def writable(self):
        return True

    def write(self, data):
        self.sha.update(data)
        self.size += len(data)
        if self.target is not None:
            self.target.write(data)
        return len(data)


def write_layer(rootfs, out):
    """The gzip layer of ROOTFS into the open file OUT; returns (diff_id, digest, size). Level 1: a third of level
    6's time (most of an image's build when the packages are cached) for a layer about 10 % larger."""
    compressed = HashingWriter(out)
    with gzip.GzipFile(fileobj=compressed, mode="wb", compresslevel=1, mtime=0) as gz:
        uncompressed = HashingWriter(gz)
        with tarfile.open(fileobj=uncompressed, mode="w|", format=tarfile.PAX_FORMAT) as tar:
            for path in sorted_tree(rootfs):
                info = tar.gettarinfo(os.path.join(rootfs, path) if path else rootfs, arcname=path or ".")
                if info is None:  # a socket: nothing a layer can hold
                    continue
                info.uname = info.gname = ""
                if info.isreg():
                    with open(os.path.join(rootfs, path), "rb") as f:
                        tar.addfile(info, f)
                else:
                    tar.addfile(info)
    return "sha256:" + uncompressed.sha.hexdigest(), "sha256:" + compressed.sha.hexdigest(), compressed.size


def sorted_tree(root):
    """Every path under ROOT, relative, parents before children, in name order (the root itself as "")."""
    yield ""
    stack = [""]
    while stack:
        rel = stack.pop()
        names = sorted(os.listdir(os.path.join(root, rel)))
        children = []
        for name in names:
            child = os.path.join(rel, name) if rel else name
            yield child
            full = os.path.join(root, child)
            if os.path.isdir(full) and not os.path.islink(full):
                children.append(child)
        stack.extend(reversed(children))


def blob(data):
    return "sha256:" + hashlib.sha256(data).hexdigest(), data


def add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rootfs")
    parser.add_argument("out")
    parser.add_argument("--ref", required=True, help="full reference, e.g. raffinerie.local/python:3.11")
    parser.add_argument("--user", default="1000:1000")
    parser.add_argument("--workdir", default="/")
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--entrypoint", help="JSON list")
    parser.add_argument("--cmd", help="JSON list")
    parser.add_argument("--label", action="append", default=[])
    parser.add_argument("--history", default="e2e/images/build.sh")
    args = parser.parse_args()

    rootfs = os.path.realpath(args.rootfs)  # the directory itself, not a link to it, is the layer's "."
    out_dir = os.path.dirname(os.path.abspath(args.out))
    with tempfile.TemporaryFile(dir=out_dir) as layer:
        diff_id, layer_digest, layer_size = write_layer(rootfs, layer)
        created = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        config = {"User": args.user, "Env": args.env, "WorkingDir": args.workdir,
                  "Labels": dict(label.split("=", 1) for label in args.label)}
        if args.entrypoint:
            config["Entrypoint"] = json.loads(args.entrypoint)
        if args.cmd:
            config["Cmd"] = json.loads(args.cmd)
        config_digest, config_bytes = blob(json.dumps({
            "created": created, "architecture": "amd64", "os": "linux", "config": config,
            "rootfs": {"type": "layers", "diff_ids": [diff_id]},
            "history": [{"created": created, "created_by": args.history}],
        }, indent=2, sort_keys=True).encode())
        manifest_digest, manifest_bytes = blob(json.dumps({
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest,
                       "size": len(config_bytes)},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer_digest,
                        "size": layer_size}],
            "annotations": {"org.opencontainers.image.ref.name": args.ref, "org.opencontainers.image.created": created},
        }, indent=2, sort_keys=True).encode())
        index = json.dumps({
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
            "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": manifest_digest,
                           "size": len(manifest_bytes), "platform": {"architecture": "amd64", "os": "linux"},
                           "annotations": {"io.containerd.image.name": args.ref,
                                           "org.opencontainers.image.ref.name": args.ref}}],
        }, indent=2, sort_keys=True).encode()

        tmp_out = args.out + ".part"
        with tarfile.open(tmp_out, "w", format=tarfile.PAX_FORMAT) as tar:
            add_bytes(tar, "oci-layout", b'{"imageLayoutVersion": "1.0.0"}')
            add_bytes(tar, "index.json", index)
            for digest, data in ((config_digest, config_bytes), (manifest_digest, manifest_bytes)):
                add_bytes(tar, "blobs/sha256/" + digest.split(":")[1], data)
            layer.seek(0)
            info = tarfile.TarInfo("blobs/sha256/" + layer_digest.split(":")[1])
            info.size = layer_size
            info.mode = 0o644
            tar.addfile(info, layer)
        os.replace(tmp_out, args.out)
    print(json.dumps({"ref": args.ref, "manifest": manifest_digest, "layer": layer_digest, "layerSize": layer_size}))


if __name__ == "__main__":
    sys.exit(main())
