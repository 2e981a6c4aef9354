"""Finding corpus files under the paths a user names, with a stable id for each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SIDECAR_SUFFIX = ".meta.yaml"


@dataclass(frozen=True)
class FoundFile:
    path: Path
    relative_id: str  # path relative to the root it was found under, posix style


@dataclass(frozen=True)
class Discovery:
    files: list[FoundFile]
    missing: list[Path]  # named paths that do not exist
    roots: list[Path]  # resolved roots that do exist (scope for --prune)


def discover(paths: list[Path]) -> Discovery:
    """Files under each path (recursive, sorted); hidden files and metadata side files left out."""
    files: list[FoundFile] = []
    missing: list[Path] = []
    roots: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        if not raw.exists():
            missing.append(raw)
            continue
        root = raw.resolve()
        roots.append(root)
        if root.is_file():
            candidates = [root]
            base = root.parent
        else:
            candidates = sorted(p for p in root.rglob("*") if p.is_file())
            base = root
        for path in candidates:
            relative = path.relative_to(base)
            if _hidden(relative) or path.name.endswith(SIDECAR_SUFFIX) or path in seen:
                continue
            seen.add(path)
            files.append(FoundFile(path=path, relative_id=relative.as_posix()))
    return Discovery(files=files, missing=missing, roots=roots)


def sidecar_for(path: Path) -> Path:
    """`article.txt` takes extra metadata from `article.meta.yaml` beside it."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)
