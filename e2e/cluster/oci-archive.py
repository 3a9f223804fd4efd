#!/usr/bin/env python3
"""Writes a single-layer OCI image archive (an OCI image layout in a tar) from a directory, reproducibly.

usage: oci-archive.py ROOTFS NAME OUT.tar [--entrypoint JSON] [--cmd JSON] [--user UID]

Every file gets mtime 0 and owner root, so the same ROOTFS gives the same digests. The image is named NAME
through the annotations containerd's import reads (io.containerd.image.name, org.opencontainers.image.ref.name).
Used by node-images.sh for the pause and busybox images of the real node (nothing is pulled).
"""
import argparse, hashlib, io, json, os, tarfile


def layer_tar(rootfs):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for dirpath, dirnames, filenames in os.walk(rootfs):
            dirnames.sort()
            for name in sorted(dirnames) + sorted(filenames):
                path = os.path.join(dirpath, name)
                info = tar.gettarinfo(path, arcname=os.path.relpath(path, rootfs))
                info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
                if info.isfile():
                    with open(path, "rb") as f:
                        tar.addfile(info, f)
                else:
                    tar.addfile(info)
    return buf.getvalue()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("rootfs"); p.add_argument("name"); p.add_argument("out")
    p.add_argument("--entrypoint"); p.add_argument("--cmd"); p.add_argument("--user")
    a = p.parse_args()
    blobs = {}

    def blob(data, media_type):
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        blobs[digest] = data
        return {"mediaType": media_type, "digest": digest, "size": len(data)}

    layer = blob(layer_tar(a.rootfs), "application/vnd.oci.image.layer.v1.tar")
    config = {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]}
    if a.entrypoint: config["Entrypoint"] = json.loads(a.entrypoint)
    if a.cmd: config["Cmd"] = json.loads(a.cmd)
    if a.user: config["User"] = a.user
    image_config = {"architecture": "amd64", "os": "linux", "config": config,
                    "rootfs": {"type": "layers", "diff_ids": [layer["digest"]]}, "history": [{"created_by": "oci-archive.py"}]}
    cfg = blob(json.dumps(image_config, sort_keys=True).encode(), "application/vnd.oci.image.config.v1+json")
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "config": cfg, "layers": [layer]}
    man = blob(json.dumps(manifest, sort_keys=True).encode(), "application/vnd.oci.image.manifest.v1+json")
    man["annotations"] = {"io.containerd.image.name": a.name, "org.opencontainers.image.ref.name": a.name}
    man["platform"] = {"architecture": "amd64", "os": "linux"}
    index = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": [man]}

    def add(tar, name, data):
        info = tarfile.TarInfo(name); info.size, info.mtime, info.mode = len(data), 0, 0o644
        tar.addfile(info, io.BytesIO(data))

    tmp = a.out + ".tmp"
    with tarfile.open(tmp, "w", format=tarfile.PAX_FORMAT) as tar:
        add(tar, "oci-layout", b'{"imageLayoutVersion":"1.0.0"}')
        add(tar, "index.json", json.dumps(index, sort_keys=True).encode())
        for digest, data in sorted(blobs.items()):
            add(tar, "blobs/sha256/" + digest.split(":")[1], data)
    os.replace(tmp, a.out)


if __name__ == "__main__":
    main()
