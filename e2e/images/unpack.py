#!/usr/bin/env python3
"""Unpacks an OCI image archive written by oci.py the way a container runtime would, for selftest.sh:

    unpack.py ARCHIVE DIR

its layers into DIR/rootfs (owners and modes kept), its image config (User, Env, WorkingDir, Entrypoint, Cmd) into
DIR/config.json and the name the index gives it into DIR/ref. Standard library only.
"""
import json
import os
import shutil
import subprocess
import sys
import tarfile


def main(archive, out):
    rootfs = os.path.join(out, "rootfs")
    os.makedirs(rootfs)
    with tarfile.open(archive) as outer:
        def blob(digest):
            return outer.extractfile("blobs/sha256/" + digest.split(":")[1])

        descriptor = json.load(outer.extractfile("index.json"))["manifests"][0]
        manifest = json.load(blob(descriptor["digest"]))
        config = json.load(blob(manifest["config"]["digest"]))
        for layer in manifest["layers"]:
            # GNU tar: several times faster than tarfile on a JDK's layer.
            tar = subprocess.Popen(["tar", "-xz", "--numeric-owner", "-C", rootfs], stdin=subprocess.PIPE)
            shutil.copyfileobj(blob(layer["digest"]), tar.stdin)
            tar.stdin.close()
            if tar.wait() != 0:
                sys.exit("unpacking layer " + layer["digest"] + " failed")
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config["config"], f, indent=2)
    with open(os.path.join(out, "ref"), "w") as f:
        f.write(descriptor["annotations"]["io.containerd.image.name"] + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
