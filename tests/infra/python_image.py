"""A local Python 3.12 base image for the container test, made without any registry.

No container registry can be reached from the development and CI machines (PyPI and
Debian's mirror can), so ``python:3.12-slim-bookworm`` cannot be pulled. In its place:
Debian bookworm ``minbase`` from debootstrap (Debian's package), with the shared
libraries CPython needs, and a copy of this machine's CPython 3.12 (the interpreter the
tests run on, or pyenv's ``/root/.pyenv/versions/3.12*``) in ``/usr/local`` as in the
official image, imported as an image under a fixed tag (``TAG``) so that later runs
reuse it. The Dockerfile's default base stays the real image; the test passes this one
with ``--build-arg PYTHON_IMAGE=``.

    .venv/bin/python -m tests.infra.python_image podman     (make it, if it is missing)
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

TAG = "localhost/strategikollen-test-python:3.12-bookworm"
SUITE = "bookworm"
HOST_CA = Path("/etc/ssl/certs/ca-certificates.crt")
# What CPython's interpreter and extension modules link against (ldd on the pyenv build:
# ssl, ctypes, sqlite3, zlib, bz2, lzma, readline, curses, uuid, pyexpat, crypt, nis), and
# the CA certificates for pip's and uv's HTTPS. passwd (groupadd, useradd) is in minbase.
PACKAGES = ("ca-certificates", "libssl3", "libffi8", "libsqlite3-0", "zlib1g", "libbz2-1.0",
            "liblzma5", "libreadline8", "libncursesw6", "libuuid1", "libexpat1", "libcrypt1",
            "libnsl2", "libtirpc3")
# Not needed in a server image (and most of the size): the test suite, IDLE, Tk, pip's
# neighbours in site-packages.
SKIP = {"test", "idlelib", "tkinter", "turtledemo", "ensurepip", "lib2to3"}


def python_home() -> Path:
    """A CPython 3.12 installation to copy: the running one if it is 3.12, else pyenv's."""
    if sys.version_info[:2] == (3, 12) and (Path(sys.base_prefix) / "bin/python3.12").exists():
        return Path(sys.base_prefix)
    found = sorted(glob.glob("/root/.pyenv/versions/3.12*"))
    if not found:
        raise FileNotFoundError("no CPython 3.12 here to put in the image")
    return Path(found[-1])


def debian_mirror() -> str:
    """The Debian mirror apt uses here (deb822 sources or sources.list), not security's."""
    for path in [*sorted(glob.glob("/etc/apt/sources.list.d/*.sources")), "/etc/apt/sources.list"]:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError:
            continue
        for line in text.splitlines():
            match = re.match(r"\s*(?:URIs:|deb)\s+(?:\[[^]]*\]\s+)?(\S+)", line)
            if match and "security" not in match.group(1):
                return match.group(1).rstrip("/")
    return "http://deb.debian.org/debian"


def exists(engine: list[str], tag: str = TAG) -> bool:
    found = subprocess.run([*engine, "image", "exists", tag], capture_output=True, timeout=60)
    return found.returncode == 0


def ensure(engine: list[str], tag: str = TAG) -> str:
    """``tag``, made first if the engine does not have it yet. Raises ``RuntimeError`` with
    the tool's output when a step fails."""
    if exists(engine, tag):
        return tag
    if shutil.which("debootstrap") is None:
        raise RuntimeError("debootstrap is not installed (apt-get install debootstrap)")
    home = python_home()
    with tempfile.TemporaryDirectory(prefix="strategikollen-rootfs-", dir="/var/tmp") as work:
        root = Path(work) / "rootfs"
        _run(["debootstrap", "--variant=minbase", f"--include={','.join(PACKAGES)}", SUITE,
              str(root), debian_mirror()], timeout=1800)
        _copy_python(home, root / "usr/local")
        # This machine's trust store (what its own pip and apt trust; a city's base image
        # carries its proxy's CA the same way), for pip and uv (SSL_CERT_FILE) in the build.
        shutil.copy2(HOST_CA, root / HOST_CA.relative_to("/"))
        _run(["ldconfig", "-r", str(root)], timeout=120)
        for junk in ("var/cache/apt/archives", "var/lib/apt/lists", "var/log"):
            for item in (root / junk).glob("*"):
                if item.is_file():
                    item.unlink()
        _run(["chroot", str(root), "/usr/local/bin/python3", "-c",
              "import ssl, sqlite3, ctypes, zlib, bz2, lzma, uuid, pyexpat; import pip"],
             timeout=120)
        tar = subprocess.Popen(["tar", "-C", str(root), "--numeric-owner", "-cf", "-", "."],
                               stdout=subprocess.PIPE)
        imported = subprocess.run(
            [*engine, "import",
             "--change", "ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin",
             "--change", "ENV LANG=C.UTF-8",
             "--change", f"ENV SSL_CERT_FILE={HOST_CA}",
             "--change", 'CMD ["python3"]',
             "-", tag],
            stdin=tar.stdout, capture_output=True, text=True, timeout=900)
        assert tar.stdout is not None
        tar.stdout.close()
        tar.wait(timeout=60)
        if imported.returncode != 0 or tar.returncode != 0:
            raise RuntimeError(f"importing the image failed: {imported.stderr[-2000:]}")
    return tag


def _copy_python(home: Path, prefix: Path) -> None:
    """The interpreter, libpython and the standard library (without SKIP), and pip."""
    version = "python3.12"
    (prefix / "bin").mkdir(parents=True, exist_ok=True)
    shutil.copy2(home / "bin" / version, prefix / "bin" / version)
    for alias in ("python3", "python"):
        (prefix / "bin" / alias).unlink(missing_ok=True)
        (prefix / "bin" / alias).symlink_to(version)
    (prefix / "lib").mkdir(parents=True, exist_ok=True)
    for lib in (home / "lib").glob("libpython3*.so*"):
        shutil.copy2(lib, prefix / "lib" / lib.name, follow_symlinks=False)

    def ignore(folder: str, names: list[str]) -> set[str]:
        here = Path(folder)
        if here == home / "lib" / version:
            return {n for n in names if n in SKIP}
        if here == home / "lib" / version / "site-packages":
            return {n for n in names if not n.startswith("pip")}
        return set()

    shutil.copytree(home / "lib" / version, prefix / "lib" / version, symlinks=True,
                    ignore=ignore, dirs_exist_ok=True)


def _run(command: list[str], *, timeout: float) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({done.returncode}): "
                           f"{(done.stdout + done.stderr)[-2000:]}")


if __name__ == "__main__":
    os.environ.setdefault("CONTAINERS_CONF", str(Path(__file__).with_name("containers.conf")))
    print(ensure(sys.argv[1:] or ["podman"]))
