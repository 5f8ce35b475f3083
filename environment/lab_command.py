"""Build, and optionally run, the JupyterLab command line of environment/start.

    python environment/lab_command.py [--print] -- [JUPYTERLAB ARGS ...]

JupyterLab serves notebooks/ on 127.0.0.1 with its token authentication left on. Arguments after
`--` pass through, so `--no-browser --port 8899` work, and `--ip ADDRESS` (or
`--ServerApp.ip=ADDRESS`) chooses another address deliberately, and `--notebook-dir DIR` (or
`--ServerApp.root_dir=DIR`) serves another folder instead of notebooks/, a relative DIR being taken
from the folder the command was run in. Arguments that would switch the token or password off are
refused. As root, JupyterLab also needs `--allow-root`, and gets it.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_IP = "127.0.0.1"

_AUTH_APPS = r"(?:(?:ServerApp|NotebookApp|IdentityProvider|PasswordIdentityProvider)\.)?"
# --token / --ServerApp.password and friends, with the value after "=" or in the next argument.
_SECRET = re.compile(r"^--" + _AUTH_APPS + r"(?:token|password)(?:=(.*))?$")
# Switches that turn a protection off outright.
_SWITCH_OFF = re.compile(r"^--" + _AUTH_APPS + r"(?:disable_check_xsrf|allow_unauthenticated_access)(?:=(.*))?$")
_IP_FLAG = re.compile(r"^--(?:(?:ServerApp|NotebookApp)\.)?ip(?:=|$)")
# The folder served: jupyter_server's alias --notebook-dir and the traits behind it (old names too).
_ROOT_FLAG = re.compile(r"^(--(?:notebook-dir|(?:ServerApp\.)?root_dir|(?:NotebookApp|ServerApp)\.notebook_dir))(?:=(.*))?$")


def weakening(extra: list[str]) -> str | None:
    """The first argument that would switch token or password authentication off, or None."""
    for k, arg in enumerate(extra):
        following = extra[k + 1] if k + 1 < len(extra) else None
        secret = _SECRET.match(arg)
        if secret:
            value = secret.group(1) if secret.group(1) is not None else following
            if value is None or value.strip("'\"") == "":
                return arg if secret.group(1) is not None else f"{arg} {following!r}"
        off = _SWITCH_OFF.match(arg)
        if off and (off.group(1) or "true").lower() in ("true", "1", "yes"):
            return arg
    return None


def given_root(extra: list[str], cwd: Path) -> tuple[Path | None, list[str]]:
    """The folder to serve if the arguments name one (made absolute against cwd), and the arguments
    without it. JupyterLab takes one root only, so a given root replaces the kit's default."""
    root, rest, k = None, [], 0
    while k < len(extra):
        found = _ROOT_FLAG.match(extra[k])
        if not found:
            rest.append(extra[k])
            k += 1
            continue
        value = found.group(2)
        if value is None:
            if k + 1 >= len(extra):
                raise ValueError(f"{extra[k]} needs a folder")
            value, k = extra[k + 1], k + 2
        else:
            k += 1
        root = cwd / Path(value.strip("'\"")).expanduser()
    return (None if root is None else Path(os.path.normpath(root))), rest


def lab_command(extra: list[str], is_root: bool, notebooks: Path = ROOT / "notebooks",
                cwd: Path | None = None) -> list[str]:
    """The argv that starts JupyterLab; raises ValueError for an argument that weakens authentication."""
    bad = weakening(extra)
    if bad is not None:
        raise ValueError(f"refusing {bad}: rnnkit keeps JupyterLab's token authentication on. "
                         "Open the URL with the token that JupyterLab prints, or set a password "
                         "with `.venv/bin/jupyter lab password`.")
    root, extra = given_root(extra, Path.cwd() if cwd is None else cwd)
    command = ["jupyter", "lab", f"--ServerApp.root_dir={root or notebooks}"]
    if not any(_IP_FLAG.match(arg) for arg in extra):
        command.append(f"--ServerApp.ip={DEFAULT_IP}")
    if is_root and "--allow-root" not in extra:
        command.append("--allow-root")
    return command + list(extra)


def main(argv: list[str]) -> int:
    show_only = bool(argv) and argv[0] == "--print"
    if show_only:
        argv = argv[1:]
    if argv and argv[0] == "--":
        argv = argv[1:]
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    try:
        command = lab_command(argv, is_root)
    except ValueError as e:
        print(f"rnnkit: {e}", file=sys.stderr)
        return 2
    if show_only:
        print(" ".join(command))
        return 0
    where = next((a for a in argv if _IP_FLAG.match(a)), None)
    served = command[2].split("=", 1)[1]
    print(f"rnnkit: starting JupyterLab on {served}; open the URL with the token that it prints below.", flush=True)
    if where is None:
        print(f"rnnkit: it listens on {DEFAULT_IP} only; to serve another address, choose it deliberately with"
              " --ip ADDRESS (the token stays on).", flush=True)
    os.execvp(command[0], command)
    return 1  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
