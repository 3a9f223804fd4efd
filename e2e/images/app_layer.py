#!/usr/bin/env python3
"""Writes an OCI image archive that is a base image archive (written by oci.py) plus one layer on top:

    app_layer.py BASE.tar LAYER_ROOT OUT.tar --ref raffinerie.local/operator:0.1.0-abc --label k=v \
        [--history TEXT]

LAYER_ROOT is a directory whose content is the new layer, as it is laid out from the image's root (for the
operator: LAYER_ROOT/deployments/quarkus-run.jar...). The base's layers are copied as they are (same digests, so a
runtime that has the base keeps it); its config is kept, with the new layer's diff_id, a history entry and the
labels given added. The layer is written by oci.py's write_layer: numeric owners, name order, gzip level 1.
Standard library only; prints the same summary as oci.py (ref, manifest, layer, layerSize).
"""
import argparse
import datetime
import io
import json
import os
import sys
import tarfile
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oci  # noqa: E402 (next to this script)

MANIFEST = "application/vnd.oci.image.manifest.v1+json"
LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"


def read_base(archive):
    """The base's manifest and config, from its index."""
    def blob(digest):
        return archive.extractfile("blobs/sha256/" + digest.split(":")[1]).read()

    descriptor = json.loads(archive.extractfile("index.json").read())["manifests"][0]
    manifest = json.loads(blob(descriptor["digest"]))
    config = json.loads(blob(manifest["config"]["digest"]))
    return manifest, config


def blob_name(digest):
    return "blobs/sha256/" + digest.split(":")[1]


def write_archive(out, entries):
    """The image layout's tar, from (name or digest, readable, size or None for an in-memory one) entries; written
    beside OUT and renamed, so that OUT only exists complete."""
    with tarfile.open(out + ".part", "w", format=tarfile.PAX_FORMAT) as tar:
        for name, data, size in entries:
            info = tarfile.TarInfo(blob_name(name) if name.startswith("sha256:") else name)
            info.size = len(data.getbuffer()) if size is None else size
            info.mode = 0o644
            tar.addfile(info, data)
    os.replace(out + ".part", out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base")
    parser.add_argument("layer_root")
    parser.add_argument("out")
    parser.add_argument("--ref", required=True)
    parser.add_argument("--label", action="append", default=[])
    parser.add_argument("--history", default="e2e/images/app_layer.py")
    args = parser.parse_args()

    out_dir = os.path.dirname(os.path.abspath(args.out))
    with tarfile.open(args.base) as base, tempfile.TemporaryFile(dir=out_dir) as layer:
        manifest, config = read_base(base)
        diff_id, layer_digest, layer_size = oci.write_layer(os.path.realpath(args.layer_root), layer)
        created = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        config["created"] = created
        config["config"].setdefault("Labels", {}).update(dict(label.split("=", 1) for label in args.label))
        config["rootfs"]["diff_ids"].append(diff_id)
        config.setdefault("history", []).append({"created": created, "created_by": args.history})
        config_digest, config_bytes = oci.blob(json.dumps(config, indent=2, sort_keys=True).encode())
        layers = manifest["layers"] + [{"mediaType": LAYER, "digest": layer_digest, "size": layer_size}]
        manifest_digest, manifest_bytes = oci.blob(json.dumps({
            "schemaVersion": 2, "mediaType": MANIFEST,
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest,
                       "size": len(config_bytes)},
            "layers": layers,
            "annotations": {"org.opencontainers.image.ref.name": args.ref, "org.opencontainers.image.created": created},
        }, indent=2, sort_keys=True).encode())
        index = json.dumps({
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
            "manifests": [{"mediaType": MANIFEST, "digest": manifest_digest, "size": len(manifest_bytes),
                           "platform": {"architecture": "amd64", "os": "linux"},
                           "annotations": {"io.containerd.image.name": args.ref,
                                           "org.opencontainers.image.ref.name": args.ref}}],
        }, indent=2, sort_keys=True).encode()

        entries = [("oci-layout", io.BytesIO(b'{"imageLayoutVersion": "1.0.0"}'), None),
                   ("index.json", io.BytesIO(index), None),
                   (config_digest, io.BytesIO(config_bytes), None), (manifest_digest, io.BytesIO(manifest_bytes), None)]
        entries += [(d["digest"], base.extractfile(blob_name(d["digest"])), d["size"]) for d in manifest["layers"]]
        layer.seek(0)
        entries.append((layer_digest, layer, layer_size))
        write_archive(args.out, entries)
    print(json.dumps({"ref": args.ref, "manifest": manifest_digest, "layer": layer_digest, "layerSize": layer_size}))


if __name__ == "__main__":
    sys.exit(main())
