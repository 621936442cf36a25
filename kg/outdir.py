"""An output folder that is replaced whole or not at all, even when the build is killed with SIGKILL.

A build writes into ``.<name>.staging-<pid>`` beside the target while it holds ``.<name>.lock`` (``flock``: the
kernel releases it when the process dies, however it dies). ``commit`` swaps the staging folder and the target
in one ``renameat2(RENAME_EXCHANGE)`` call, so at every instant ``<name>/`` is the old complete folder or the
new complete one. Where the exchange is not available (not Linux, or a file system without it) the old folder
is renamed aside first; a build killed between the two renames leaves it as ``.<name>.retired-<pid>``, and the
next build puts it back before anything else. Staging and retired folders of killed builds are removed under
the lock, when no other build can be using them.
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


class OutputDir:
    """``with OutputDir(out) as staging: ...write into staging...; commit()`` — or nothing changes."""

    def __init__(self, out: str | Path) -> None:
        out = Path(out)
        self.out = Path(os.path.realpath(out)) if out.is_symlink() else out.absolute()
        self.parent = self.out.parent
        # unique in the process too: a failed build's store may stay open until its traceback is collected
        self.staging = self.parent / f".{self.out.name}.staging-{os.getpid()}-{next(_BUILDS)}"
        self.lock_path = self.parent / f".{self.out.name}.lock"
        self._lock_fd: int | None = None
        self.committed = False

    def __enter__(self) -> Path:
        self.check_replaceable()
        self.parent.mkdir(parents=True, exist_ok=True)
        self._lock()
        try:
            self._recover()
            self.staging.mkdir()
        except BaseException:
            self._unlock()
            raise
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
        if self.out.is_dir() and any(self.out.iterdir()) and not any((self.out / m).exists() for m in MARKERS):
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
        retired = self._leftovers("retired")
        if retired and not self.out.exists():
            os.rename(retired[-1], self.out)
            retired = retired[:-1]
        for leftover in (*retired, *self._leftovers("staging")):
            shutil.rmtree(leftover, ignore_errors=True)

    def commit(self) -> None:
        """Make the staging folder the output, in one step; then remove the old output."""
        _fsync_tree(self.staging)
        if not self.out.exists():
            os.rename(self.staging, self.out)
        elif _exchange(self.staging, self.out):
            shutil.rmtree(self.staging, ignore_errors=True)  # now the old output
        else:
            retired = self.parent / f".{self.out.name}.retired-{os.getpid()}"
            os.rename(self.out, retired)
            os.rename(self.staging, self.out)
            shutil.rmtree(retired, ignore_errors=True)
        self.committed = True
        fd = os.open(self.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
