"""Install the "Java (rnnkit)" kernelspec into a Jupyter prefix (by default the running Python's: the
project's .venv).

The spec runs the JJava kernel (whose jar the `jjava` package installs with its stock "java"
kernel) with:
  * the JDK that the set-up found, by absolute path, so PATH cannot swap it later;
  * a headless JVM (charts render to PNG without a display) with a fixed heap and the Vector API's
    module (jdk.incubator.vector), which the library's matrix products use;
  * the rnnkit library and its runtime jars on the kernel's classpath (JJAVA_CLASSPATH);
  * environment/kernel/startup.jshell run at start, for the imports every lesson uses;
  * the kit's Java agent (rnnkit-agent.jar), which makes the code of cells stoppable by the graders.

With --remove-stock it also deletes the stock "Java (jjava)" kernelspec of this Python's prefix:
that kernel lacks the library, so a student who picks it gets compile errors in every lesson.
The jar is then taken from the rnnkit spec installed before.

Run by environment/setup.sh and environment/install-kernel; safe to run again (it replaces the
previous spec). Prints what it installed.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager

KERNEL_NAME = "rnnkit"
DISPLAY_NAME = "Java (rnnkit)"
STOCK_NAME = "java"
# Enough for the lessons' models with room to spare on an 8 GB laptop.
HEAP = "-Xmx1g"
# One thread does the arithmetic, so the serial collector: at a 1 GB heap its pauses are a few
# milliseconds, and a training step at B = 32, H = 64 to 128 ran 5-15% faster than under G1, the
# default on a machine with 2 cores or more (environment/bench with RNNKIT_BENCH_JVM_OPTS set to
# "-XX:+UseG1GC" against "-XX:+UseSerialGC", measured 2026-11-30).
GC = "-XX:+UseSerialGC"
LOGGING = """handlers=java.util.logging.ConsoleHandler
.level=WARNING
java.util.logging.ConsoleHandler.level=WARNING
"""


def kernel_json(java: str, classpath: Path, resource_dir: Path, jjava_version: str | None = None) -> dict:
    meta = {"java": java}
    if jjava_version:
        meta["jjava"] = jjava_version
    return {
        "argv": [
            java,
            # JJava's code completion reaches into JShell's internals.
            "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8",
            # The kernel logs each message loop starting and stopping at INFO; keep warnings only.
            "-Djava.util.logging.config.file=" + str(resource_dir / "logging.properties"),
            # The matrix products run on the Vector API (rnnkit.tensor.MatMul). The JVM then prints
            # "WARNING: Using incubator modules" to its own stderr at start, which goes to the server's
            # log, not into a cell's output.
            "--add-modules", "jdk.incubator.vector",
            HEAP,
            GC,
            # The kit's agent: a stop check in every loop of the code cells define, so the graders' time
            # limit can stop a student's endless loop on every JDK (Thread.stop does nothing from Java 20 on).
            "-javaagent:" + str(classpath / "rnnkit-agent.jar"),
            "-jar", str(resource_dir / "jjava.jar"),
            "{connection_file}",
        ],
        "display_name": DISPLAY_NAME,
        "language": "java",
        "interrupt_mode": "message",
        "env": {
            "JJAVA_CLASSPATH": str(classpath / "*"),
            "JJAVA_STARTUP_SCRIPTS_PATH": str(resource_dir / "startup.jshell"),
        },
        "metadata": {"rnnkit": meta},
    }


def kernels_dir(prefix: Path) -> Path:
    return prefix / "share" / "jupyter" / "kernels"


def find_jar(own_prefix: Path) -> Path | None:
    """JJava's jar from this Python's own prefix: the stock spec the jjava package installs, or, once
    that is removed, the copy in the rnnkit spec. Never a "java" kernel found elsewhere on the
    Jupyter path (a user's IJava, say)."""
    for candidate in (kernels_dir(own_prefix) / STOCK_NAME / "jjava.jar",
                      kernels_dir(own_prefix) / KERNEL_NAME / "jjava.jar"):
        if candidate.is_file():
            return candidate
    return None


def readable_by_all(path: Path) -> None:
    """A hub's users run the kernel as themselves: give everyone read (and, for folders, enter)."""
    for root, dirs, files in os.walk(path):
        os.chmod(root, os.stat(root).st_mode | 0o555)
        for name in files:
            file = Path(root) / name
            os.chmod(file, os.stat(file).st_mode | 0o444)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--java", required=True, help="absolute path of the java executable")
    parser.add_argument("--classpath", required=True, type=Path, help="folder of jars for the kernel")
    parser.add_argument("--startup", required=True, type=Path, help="JShell script run at kernel start")
    parser.add_argument("--prefix", type=Path, default=Path(sys.prefix),
                        help="Jupyter prefix to install into (default: this Python's, %(default)s)")
    parser.add_argument("--remove-stock", action="store_true",
                        help="delete the stock 'java' kernelspec of this Python's prefix")
    parser.add_argument("--quiet", action="store_true", help="print nothing when all went well")
    args = parser.parse_args(argv)

    own_prefix = Path(sys.prefix)
    jar = find_jar(own_prefix)
    if jar is None:
        print(f"JJava's jar is not under {kernels_dir(own_prefix)} (neither the stock 'java' kernelspec nor "
              f"a previous 'rnnkit' one): reinstall the jjava package of environment/requirements.txt, e.g. "
              f"{sys.executable} -m pip install --force-reinstall --no-deps jjava==1.0a8, or delete .venv",
              file=sys.stderr)
        return 1
    try:
        jjava_version = metadata.version("jjava")
    except metadata.PackageNotFoundError:
        jjava_version = None

    prefix = args.prefix.resolve()
    target = kernels_dir(prefix) / KERNEL_NAME
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp) / KERNEL_NAME
        staging.mkdir()
        shutil.copy2(jar, staging / "jjava.jar")
        shutil.copy2(args.startup, staging / "startup.jshell")
        (staging / "logging.properties").write_text(LOGGING, encoding="utf-8")
        spec = kernel_json(args.java, args.classpath.resolve(), target, jjava_version)
        (staging / "kernel.json").write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
        readable_by_all(staging)
        installed = Path(KernelSpecManager().install_kernel_spec(str(staging), KERNEL_NAME, prefix=str(prefix)))

    removed = None
    stock = kernels_dir(own_prefix) / STOCK_NAME
    if args.remove_stock and stock.is_dir():
        shutil.rmtree(stock)
        removed = stock

    if not args.quiet:
        print(f"kernelspec '{KERNEL_NAME}' ({DISPLAY_NAME}) in {installed}:")
        for file in sorted(installed.iterdir()):
            print(f"  {file.name}")
        print(f"  runs {args.java}, JJava {jjava_version or '(version unknown)'}")
        print(f"  classpath {args.classpath.resolve() / '*'}")
        if removed:
            print(f"removed the stock kernelspec '{STOCK_NAME}' (Java (jjava), without the library) from {removed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
