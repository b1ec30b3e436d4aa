"""The files a list of paths names: folders recursively, sorted, hidden files skipped."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from pista.errors import IngestError


def is_skipped(name: str) -> bool:
    """Hidden files and folders (``.name``) and Office lock files (``~$name``)."""
    return name.startswith((".", "~$"))


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[IngestError]]:
    """Every file to read, each once and in a stable order, and the paths that cannot be read.

    A file named explicitly is read even when hidden; inside folders hidden entries are skipped.
    """
    files: list[Path] = []
    problems: list[IngestError] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        try:
            str(path).encode("utf-8")
        except UnicodeEncodeError:
            shown = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            problems.append(IngestError(shown, "file name is not valid UTF-8; rename the file"))
            return
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    def unreadable(exc: OSError) -> None:
        problems.append(IngestError(str(exc.filename), f"cannot read folder ({exc.strerror or exc})"))

    for given in paths:
        path = Path(os.path.abspath(given))
        if path.is_dir():
            for root, dirs, names in os.walk(path, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not is_skipped(d))
                for name in sorted(names):
                    if not is_skipped(name):
                        add(Path(root) / name)
        elif path.is_file():
            add(path)
        elif path.exists():
            problems.append(IngestError(str(path), "not a regular file"))
        else:
            problems.append(IngestError(str(path), "no such file or folder"))
    return files, problems
