"""An output folder that is replaced whole or not at all, even when the build is killed with SIGKILL.

A build writes into ``.<name>.staging-<pid>`` beside the target while it holds ``.<name>.lock`` (``flock``: the
kernel releases it when the process dies, however it dies). ``commit`` swaps the staging folder and the target
in one ``renameat2(RENAME_EXCHANGE)`` call, so at every instant ``<name>/`` is the old complete folder or the
new complete one. Where the exchange is not available (not Linux, or a file system without it) the old folder
is renamed aside first; a build killed between the two renames leaves it as ``.<name>.retired-<pid>``, and the
next build puts it back before anything else. Staging and retired folders of killed builds are removed under
the lock, when no other build can be using them.

A mount point (a Docker volume, a bind mount, a tmpfs) cannot be renamed (EBUSY), and the folder it sits in may
not be writable; so there, decided before the build starts, the output is written inside the target instead:
each build fills a generation folder ``<name>/.gen-<pid>-<n>``, and ``<name>/current`` is a symbolic link to the
complete one, replaced in one ``rename``. ``<name>/store``, ``<name>/graph.ttl`` ... are links through
``current``, so readers keep their paths and see the old generation or the new one, never a mix. The lock is
``<name>/.govkg.lock``.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import itertools
import os
import shutil
from pathlib import Path
from types import TracebackType

from kg.errors import StoreError

_BUILDS = itertools.count()
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
MARKERS = ("manifest.json", "store/CURRENT")  # what makes a folder a govkg output folder
CURRENT = "current"
IGNORED = frozenset({"lost+found"})  # what a fresh file system holds: not a user's files


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, f"cannot swap {a} and {b}: {os.strerror(code)}")


def _fsync_tree(root: Path) -> None:
    """Flush every file and folder of ``root`` to disk: the swap must not outrun the data (power loss)."""
    for folder, _, files in os.walk(root):
        for name in (*files, "."):
            fd = os.open(Path(folder, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def is_mount_point(path: Path) -> bool:
    """A mount point, bind mounts of a folder of the same file system included (os.path.ismount misses those)."""
    if os.path.ismount(path):
        return True
    try:
        with open("/proc/self/mountinfo", encoding="utf-8") as mounts:
            points = {line.split()[4].encode().decode("unicode_escape") for line in mounts if line.strip()}
    except OSError:
        return False
    return os.path.realpath(path) in points


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


class OutputDir:
    """``with OutputDir(out) as staging: ...write into staging...; commit()`` — or nothing changes."""

    def __init__(self, out: str | Path) -> None:
        out = Path(out)
        self.out = Path(os.path.realpath(out)) if out.is_symlink() else out.absolute()
        self.parent = self.out.parent
        # decided before the build starts: a mount point (or a folder whose parent is not ours) is written inside
        self.inside = self.out.is_dir() and (is_mount_point(self.out) or not _writable(self.parent))
        home, prefix = (self.out, "") if self.inside else (self.parent, f".{self.out.name}")
        # unique in the process too: a failed build's store may stay open until its traceback is collected
        tag = f"{os.getpid()}-{next(_BUILDS)}"
        self.staging = home / (f".gen-{tag}" if self.inside else f"{prefix}.staging-{tag}")
        self.lock_path = home / (".govkg.lock" if self.inside else f"{prefix}.lock")
        self._lock_fd: int | None = None
        self.committed = False

    def __enter__(self) -> Path:
        self.check_replaceable()
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            self._lock()
            try:
                self._recover()
                self.staging.mkdir()
            except BaseException:
                self._unlock()
                raise
        except OSError as exc:
            where = exc.filename or self.out
            raise StoreError(f"{where}: cannot write the output here ({exc.strerror or exc}); choose another "
                             "--out, or make this location writable") from None
        return self.staging

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        try:
            if not self.committed:
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._unlock()

    def check_replaceable(self) -> None:
        """Refuse to replace a folder a build did not write: ``--out ~/Documents`` must not delete it."""
        if self.out.exists() and not self.out.is_dir():
            raise StoreError(f"{self.out}: exists and is not a folder; refusing to replace it")
        foreign = self.out.is_dir() and any(p.name not in IGNORED and not p.name.startswith((".gen-", ".govkg"))
                                            for p in self.out.iterdir())
        if foreign and not any((self.out / m).exists() for m in MARKERS):
            raise StoreError(f"{self.out}: a folder that is not a govkg build output (no manifest.json, no "
                             "store/); refusing to replace it: choose another --out or empty it")

    def _lock(self) -> None:
        while True:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise StoreError(f"{self.out}: another `kg build` is writing it (lock {self.lock_path}); "
                                 "wait for it to finish") from None
            try:
                same = os.stat(self.lock_path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:  # not a lock file that its last holder unlinked while we waited
                self._lock_fd = fd
                return
            os.close(fd)

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            self.lock_path.unlink(missing_ok=True)
            os.close(self._lock_fd)
            self._lock_fd = None

    def _leftovers(self, kind: str) -> list[Path]:
        return sorted(self.parent.glob(f".{self.out.name}.{kind}-*"))

    def _recover(self) -> None:
        """Put back an old output a killed two-rename swap left aside; drop what killed builds left."""
        if self.inside:
            live = os.readlink(self.out / CURRENT) if (self.out / CURRENT).is_symlink() else None
            for leftover in self.out.glob(".gen-*"):
                if leftover.name != live:
                    shutil.rmtree(leftover, ignore_errors=True)
            return
        retired = self._leftovers("retired")
        if retired and not self.out.exists():
            os.rename(retired[-1], self.out)
            retired = retired[:-1]
        for leftover in (*retired, *self._leftovers("staging")):
            shutil.rmtree(leftover, ignore_errors=True)

    def commit(self) -> None:
        """Make the staging folder the output, in one step; then remove the old output."""
        _fsync_tree(self.staging)
        if self.inside:
            self._switch_generation()
        elif not self.out.exists():
            os.rename(self.staging, self.out)
        elif _exchange(self.staging, self.out):
            shutil.rmtree(self.staging, ignore_errors=True)  # now the old output
        else:
            retired = self.parent / f".{self.out.name}.retired-{os.getpid()}"
            os.rename(self.out, retired)
            os.rename(self.staging, self.out)
            shutil.rmtree(retired, ignore_errors=True)
        self.committed = True
        _fsync_folder(self.out if self.inside else self.parent)

    def _switch_generation(self) -> None:
        """``current`` -> the new generation in one rename; the outputs' links through it; old generations gone."""
        _replace_with_link(self.out / CURRENT, self.staging.name)
        names = {p.name for p in self.staging.iterdir()}
        for entry in self.out.iterdir():
            if entry.name in names and not entry.is_symlink():  # a plain output of a build outside a mount
                retired = self.out / f".gen-plain-{os.getpid()}"
                retired.mkdir(exist_ok=True)
                os.rename(entry, retired / entry.name)
            elif entry.is_symlink() and entry.name != CURRENT and entry.name not in names:
                entry.unlink()  # an output this build does not make (--store-only)
        for name in sorted(names):
            entry = self.out / name
            if not (entry.is_symlink() and os.readlink(entry) == f"{CURRENT}/{name}"):
                _replace_with_link(entry, f"{CURRENT}/{name}")
        for leftover in self.out.glob(".gen-*"):  # the previous generation, and plain outputs moved aside
            if leftover.name != self.staging.name:
                shutil.rmtree(leftover, ignore_errors=True)


def _replace_with_link(path: Path, target: str) -> None:
    """``path`` becomes a symbolic link to ``target`` in one rename (a new link, then renamed over the old)."""
    temporary = path.with_name(f".{path.name}.link-{os.getpid()}")
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    os.replace(temporary, path)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
