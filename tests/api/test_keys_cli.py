"""``rskg keys create / list / revoke`` against a key store in a temporary data dir."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from api.keys import KeyStore
from rskg.cli import main


def test_create_list_revoke(tmp_path: Path, use_data_dir: Callable[[Path], Path]) -> None:
    use_data_dir(tmp_path)
    runner = CliRunner()
    created = runner.invoke(main, ["keys", "create", "--role", "analyst", "--name", "lab"])
    assert created.exit_code == 0, created.output
    token = created.stdout.strip().splitlines()[-1]
    assert token.startswith("rskg_")
    store = KeyStore.in_dir(tmp_path)
    info = store.verify(token)
    store.close()
    assert info is not None
    assert info.role == "analyst"
    listed = runner.invoke(main, ["keys", "list"])
    assert info.id in listed.stdout
    assert token not in listed.stdout
    assert runner.invoke(main, ["keys", "revoke", info.id]).exit_code == 0
    assert "revoked" in runner.invoke(main, ["keys", "list"]).stdout
    assert runner.invoke(main, ["keys", "revoke", "k_nothere"]).exit_code != 0
    assert runner.invoke(main, ["keys", "create", "--role", "root", "--name", "x"]).exit_code != 0
