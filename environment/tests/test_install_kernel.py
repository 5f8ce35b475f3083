"""environment/install-kernel puts the kit's kernel into another Jupyter (a hub's), where the lessons run."""
import json
import os
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

from conftest import ENVIRONMENT

ROOT = ENVIRONMENT.parent


def make_second_environment(where: Path) -> Path:
    """A separate venv: its own prefix, so its own share/jupyter/kernels, and no rnnkit kernel yet.
    It borrows this environment's packages (jupyter_client, nbclient) through a .pth file, so the
    test needs no network; the kernel itself depends on no Python package."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    python = where / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def clean_env(tmp: Path) -> dict:
    """No JUPYTER_PATH from outside and a private user folder: only the second prefix can supply the kernel."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(JUPYTER_DATA_DIR=str(tmp / "user-data"), JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
               JUPYTER_CONFIG_DIR=str(tmp / "user-config"), JUPYTER_PLATFORM_DIRS="1")
    return env


def install(python: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(ENVIRONMENT / "install-kernel"), "--python", str(python)],
                          capture_output=True, text=True, env=env, timeout=900)


def test_install_into_a_second_environment_then_run_the_setup_check_there(tmp_path):
    hub = tmp_path / "hub"
    python = make_second_environment(hub)
    env = clean_env(tmp_path)
    before = subprocess.run([str(python), "-m", "jupyter_client.kernelspecapp", "list", "--json"],
                            capture_output=True, text=True, env=env, check=True)
    assert "rnnkit" not in json.loads(before.stdout)["kernelspecs"]

    first = install(python, env)
    assert first.returncode == 0, first.stdout + first.stderr
    spec_dir = hub / "share" / "jupyter" / "kernels" / "rnnkit"
    classpath = hub / "share" / "rnnkit" / "classpath"
    # It says what it installed, and where.
    assert str(spec_dir) in first.stdout and str(classpath) in first.stdout
    for name in ("kernel.json", "jjava.jar", "startup.jshell", "logging.properties"):
        assert name in first.stdout and (spec_dir / name).is_file()
    jars = sorted(p.name for p in classpath.glob("*.jar"))
    assert any(name.startswith("rnnkit") for name in jars) and all(name in first.stdout for name in jars)
    spec = json.loads((spec_dir / "kernel.json").read_text())
    assert spec["env"]["JJAVA_CLASSPATH"] == str(classpath / "*")
    assert spec["argv"][spec["argv"].index("-jar") + 1] == str(spec_dir / "jjava.jar")
    assert Path(spec["argv"][0]).is_file() and os.access(spec["argv"][0], os.X_OK)
    # Readable by the hub's users, who run the kernel as themselves.
    assert all(p.stat().st_mode & 0o004 for p in [*spec_dir.iterdir(), *classpath.iterdir()])

    # Run again to update: same result, nothing left over.
    (classpath / "stale-old.jar").write_text("left from an older version")
    again = install(python, env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert sorted(p.name for p in classpath.glob("*.jar")) == jars
    assert sorted(p.name for p in (hub / "share" / "rnnkit").iterdir()) == ["classpath"]

    # The second environment finds the kernel in its own prefix and runs the setup check on it.
    run = textwrap.dedent(f"""
        import json, sys
        import nbformat
        from jupyter_client.kernelspec import KernelSpecManager
        from nbclient import NotebookClient
        print(json.dumps({{"resource_dir": KernelSpecManager().get_kernel_spec("rnnkit").resource_dir}}))
        nb = nbformat.read({str(ROOT / "notebooks" / "00_setup_check.ipynb")!r}, as_version=4)
        NotebookClient(nb, kernel_name="rnnkit", timeout=300, startup_timeout=120,
                       resources={{"metadata": {{"path": {str(tmp_path)!r}}}}}).execute()
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        print(json.dumps({{
            "errors": [o.get("evalue") for o in outputs if o.output_type == "error"],
            "stderr": [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"],
            "images": sum("image/png" in o.get("data", {{}}) for o in outputs),
            "text": "".join(o.get("text", "") + o.get("data", {{}}).get("text/plain", "") for o in outputs),
        }}))
    """)
    result = subprocess.run([str(python), "-c", run], capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    found, report = (json.loads(line) for line in result.stdout.strip().splitlines()[-2:])
    assert Path(found["resource_dir"]) == spec_dir
    assert report["errors"] == [] and report["stderr"] == []
    assert report["images"] >= 1
    assert "JJava 1.0-a8" in report["text"]  # the banner cell


def test_the_command_asks_for_exactly_one_target(tmp_path):
    for args in ([], ["--prefix", str(tmp_path), "--python", sys.executable], ["--bogus"]):
        result = subprocess.run([str(ENVIRONMENT / "install-kernel"), *args], capture_output=True, text=True)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "--prefix" in result.stdout + result.stderr
