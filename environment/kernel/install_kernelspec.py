"""Install the "Java (rnnkit)" kernelspec into the running Python's prefix (the project's .venv).

The spec runs the JJava kernel (installed by the `jjava` package as the stock "java" kernel) with:
  * the JDK that the set-up found, by absolute path, so PATH cannot swap it later;
  * a headless JVM (charts render to PNG without a display) with a fixed heap;
  * the rnnkit library and its runtime jars on the kernel's classpath (JJAVA_CLASSPATH);
  * environment/kernel/startup.jshell run at start, for the imports every lesson uses;
  * the kit's Java agent (rnnkit-agent.jar), which makes the code of cells stoppable by the graders.

Run by environment/setup.sh; safe to run again (it replaces the previous spec).
"""
import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

KERNEL_NAME = "rnnkit"
DISPLAY_NAME = "Java (rnnkit)"
# Enough for the lessons' models with room to spare on an 8 GB laptop.
HEAP = "-Xmx1g"
LOGGING = """handlers=java.util.logging.ConsoleHandler
.level=WARNING
java.util.logging.ConsoleHandler.level=WARNING
"""


def kernel_json(java: str, classpath: Path, resource_dir: Path) -> dict:
    return {
        "argv": [
            java,
            # JJava's code completion reaches into JShell's internals.
            "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8",
            # The kernel logs each message loop starting and stopping at INFO; keep warnings only.
            "-Djava.util.logging.config.file=" + str(resource_dir / "logging.properties"),
            HEAP,
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
        "metadata": {"rnnkit": {"java": java}},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--java", required=True, help="absolute path of the java executable")
    parser.add_argument("--classpath", required=True, type=Path, help="folder of jars for the kernel")
    parser.add_argument("--startup", required=True, type=Path, help="JShell script run at kernel start")
    args = parser.parse_args()

    manager = KernelSpecManager()
    try:
        stock = Path(manager.get_kernel_spec("java").resource_dir)
    except NoSuchKernel:
        print("the 'java' kernel of the jjava package is not installed in " + sys.prefix, file=sys.stderr)
        return 1
    jar = stock / "jjava.jar"
    if not jar.is_file():
        print(f"{jar} is missing: the installed jjava package has an unexpected layout", file=sys.stderr)
        return 1

    target = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME
    with tempfile.TemporaryDirectory() as tmp:
        staging = Path(tmp) / KERNEL_NAME
        staging.mkdir()
        shutil.copy2(jar, staging / "jjava.jar")
        shutil.copy2(args.startup, staging / "startup.jshell")
        (staging / "logging.properties").write_text(LOGGING, encoding="utf-8")
        spec = kernel_json(args.java, args.classpath.resolve(), target)
        (staging / "kernel.json").write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
        manager.install_kernel_spec(str(staging), KERNEL_NAME, prefix=sys.prefix)
    return 0


if __name__ == "__main__":
    sys.exit(main())
