"""Typed settings read from ``RSKG_*`` environment variables (and a ``.env`` file), built once per process
by :func:`get_settings` and passed down; nothing mutates them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("rskg", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RSKG_", env_file=".env", extra="ignore")

    backend: Literal["ladybug", "neo4j"] = "ladybug"
    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Where the embedded database, resolver index, quarantine files and key store live.",
    )
    shared_data: Path = Field(
        default=REPO_ROOT.parent / "shared" / "data",
        description="Folder holding the public datasets (each with SOURCE.md).",
    )
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"
    batch_size: int = Field(default=2000, ge=1, le=100_000)
    workers: int = Field(default=2, ge=1, le=64, description="Processes used for SHACL validation.")
    cypher_timeout_s: float = Field(default=10.0, gt=0, le=600)
    cypher_row_cap: int = Field(default=1000, ge=1, le=100_000)
    log_json: bool = False
    log_level: str = "INFO"
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)

    @property
    def db_path(self) -> Path:
        return self.data_dir / "graph.lbdb"

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "resolver"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
