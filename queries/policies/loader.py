"""Load and validate policy profiles from YAML files (one profile per file)."""

from __future__ import annotations

import logging
from pathlib import Path

import yaml
from pydantic import ValidationError

from queries.policies.vocabulary import Profile
from rskg.errors import ConfigError

log = logging.getLogger(__name__)

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"


class ProfileError(ConfigError):
    """A policy profile file is missing, unreadable or invalid; ``detail`` names the file and the field."""


def _where(loc: tuple[int | str, ...], data: object) -> str:
    """'rules[1] (id nro_affiliation).time.years' from a pydantic location."""
    parts: list[str] = []
    node: object = data
    for item in loc:
        if isinstance(item, int):
            label = f"[{item}]"
            if isinstance(node, list) and item < len(node):
                node = node[item]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label += f" (id {node['id']})"
            parts.append(label)
        else:
            parts.append(("." if parts else "") + item)
            node = node.get(item) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"


def load_profile(path: Path) -> Profile:
    """Read one profile file; raise :class:`ProfileError` naming the file and the field on any problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileError(f"policy profile {path}: cannot read the file ({exc.strerror})",
                           file=str(path)) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise ProfileError(f"policy profile {path}: not valid YAML{at}: {getattr(exc, 'problem', exc)}",
                           file=str(path)) from exc
    if not isinstance(data, dict):
        raise ProfileError(f"policy profile {path}: expected a mapping of fields (id, title, rules, ...), "
                           f"found {type(data).__name__}", file=str(path))
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        problems = [f"{_where(tuple(e['loc']), data)}: {e['msg']}" for e in exc.errors()]
        raise ProfileError(f"policy profile {path}: invalid field(s): " + "; ".join(problems),
                           file=str(path), errors=problems) from exc


def load_profiles(directory: Path | None = None) -> list[Profile]:
    """All profiles in ``directory`` (default: the packaged profiles folder), ordered by file name.

    Every ``*.yaml`` / ``*.yml`` file is one profile. Two files with the same profile id are an error."""
    folder = directory if directory is not None else PROFILES_DIR
    if not folder.is_dir():
        raise ProfileError(f"policy profiles folder {folder} does not exist", file=str(folder))
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml"))
    profiles: list[Profile] = []
    origin: dict[str, Path] = {}
    for path in files:
        profile = load_profile(path)
        if profile.id in origin:
            raise ProfileError(f"policy profile {path}: id {profile.id!r} is already used by "
                               f"{origin[profile.id]}", file=str(path))
        origin[profile.id] = path
        profiles.append(profile)
    log.info("loaded %d policy profiles from %s", len(profiles), folder)
    return profiles
