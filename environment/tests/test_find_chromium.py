"""How environment/test decides whether the browser test can run (it says so in its summary when not)."""
import os
import shutil
import sys

from conftest import ENVIRONMENT

sys.path.insert(0, str(ENVIRONMENT / "browser"))
from test_browser import find_chromium  # noqa: E402


def test_chromium_named_by_the_environment_wins(monkeypatch):
    monkeypatch.setenv("RNNKIT_CHROMIUM", "/opt/my/chromium")
    assert find_chromium() == "/opt/my/chromium"


def test_without_any_chromium_there_is_none(monkeypatch):
    monkeypatch.delenv("RNNKIT_CHROMIUM", raising=False)
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert find_chromium() is None
