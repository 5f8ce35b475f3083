# Set-up shared by environment/start and environment/test. Source it, don't run it:
#
#   RNNKIT_SETUP_MODE=start|test . environment/setup.sh
#
# It checks the machine (JDK 17+, Maven, Python 3.10+ with venv, fonts), then brings each piece
# up to date, skipping what already is:
#   .venv/                                  the Python environment, from environment/requirements.txt
#   lib/*/target/rnnkit-*.jar + their runtime jars built with Maven, staged for the kernel in
#   .venv/share/rnnkit/classpath/ (the benchmark's jar in .venv/share/rnnkit/bench/)
#   .venv/share/jupyter/kernels/rnnkit/     the project's kernelspec, "Java (rnnkit)" (the stock
#                                           "Java (jjava)" one, without the library, is removed)
# Afterwards RNNKIT_ROOT, RNNKIT_VENV, JAVA_HOME and PATH (with the venv and that JDK first) are set.

set -euo pipefail

RNNKIT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RNNKIT_VENV="$RNNKIT_ROOT/.venv"
RNNKIT_SETUP_MODE=${RNNKIT_SETUP_MODE:-start}
export RNNKIT_ROOT RNNKIT_VENV

say() { printf 'rnnkit: %s\n' "$*"; }
fail() {
    printf '\nrnnkit: set-up stopped: %s\n' "$1" >&2
    shift
    for line in "$@"; do printf '  %s\n' "$line" >&2; done
    exit 1
}

# ---------------------------------------------------------------- the JDK
# JAVA_HOME wins when set; otherwise the `java` first on PATH. The kernelspec records this JDK's
# absolute path, so the kernel keeps using it whatever PATH says later.
find_jdk() {
    local java_cmd
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        java_cmd="$JAVA_HOME/bin/java"
    elif java_cmd=$(command -v java); then
        :
    else
        fail "no Java found." \
            "rnnkit needs a JDK 17 or newer: install one (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless)," \
            "then put it on PATH or set JAVA_HOME."
    fi
    local props home spec
    props=$("$java_cmd" -XshowSettings:properties -version 2>&1) \
        || fail "'$java_cmd -version' failed:" "$props"
    home=$(printf '%s\n' "$props" | sed -n 's/^ *java\.home = //p' | head -n 1)
    spec=$(printf '%s\n' "$props" | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
    spec=${spec#1.}   # Java 8 reports 1.8
    if [ -z "$spec" ] || [ "${spec%%.*}" -lt 17 ]; then
        fail "the JDK at ${home:-$java_cmd} is Java ${spec:-of unknown version}; rnnkit needs 17 or newer." \
            "Install a JDK 17+ (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless) and set" \
            "JAVA_HOME to it, for example: export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64"
    fi
    if [ ! -x "$home/bin/javac" ]; then
        fail "$home is a Java runtime without a compiler (no bin/javac); Maven needs a full JDK 17+." \
            "Install one (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless) and set JAVA_HOME to it."
    fi
    export JAVA_HOME="$home"
    RNNKIT_JAVA="$home/bin/java"
    RNNKIT_JAVA_VERSION=$spec
}

find_maven() {
    command -v mvn >/dev/null 2>&1 \
        || fail "Maven (mvn) is not on PATH." "Install it (Debian/Ubuntu: apt-get install maven) and run this again."
}

# ---------------------------------------------------------------- fonts
# XChart draws text with AWT, which on Linux needs fontconfig and at least one font; without them
# every chart fails with "Fontconfig head is null".
check_fonts() {
    [ "$(uname -s)" = Linux ] || return 0
    if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -n 1)" ]; then
        return 0
    fi
    local msg="fontconfig or a font is missing, so charts cannot be drawn (\"Fontconfig head is null\")."
    local fix="Install them (Debian/Ubuntu: sudo apt-get install fontconfig fonts-dejavu-core) and run this again."
    if [ "$RNNKIT_SETUP_MODE" = test ]; then
        fail "$msg" "$fix"
    fi
    printf 'rnnkit: warning: %s\n  %s\n' "$msg" "$fix" >&2
}

# ---------------------------------------------------------------- Python
# The pinned JupyterLab, nbclient and nbformat need Python 3.10 or newer. 3.10 reached its end of
# life upstream in October 2026 (PEP 619), so it still works here but gets a warning.
RNNKIT_PYTHON_MIN=3.10
check_python() {
    local py=$1 version
    version=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) \
        || fail "'$py' does not run; rnnkit needs Python $RNNKIT_PYTHON_MIN or newer."
    if ! "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
        fail "$py is Python $version; rnnkit needs Python $RNNKIT_PYTHON_MIN or newer (3.11 to 3.14 are maintained)." \
            "Install one and point PYTHON at it, for example: PYTHON=python3.12 environment/start" \
            "If .venv was made with an older Python, delete it first: rm -rf .venv"
    fi
    if [ "$version" = 3.10 ]; then
        printf 'rnnkit: warning: %s is Python 3.10, past its end of life (October 2026); 3.11 to 3.14 are maintained.\n' "$py" >&2
    fi
}

ensure_venv() {
    if [ ! -x "$RNNKIT_VENV/bin/python" ]; then
        local py=${PYTHON:-python3}
        command -v "$py" >/dev/null 2>&1 || fail "$py is not on PATH; rnnkit needs Python $RNNKIT_PYTHON_MIN or newer."
        check_python "$py"
        say "creating .venv with $("$py" --version 2>&1)"
        "$py" -m venv "$RNNKIT_VENV" || {
            rm -rf "$RNNKIT_VENV"
            fail "'$py -m venv' failed." "On Debian/Ubuntu install the venv module: sudo apt-get install python3-venv"
        }
    else
        check_python "$RNNKIT_VENV/bin/python"   # a .venv made before the floor was raised
    fi
    local want have=""
    want=$(cd "$RNNKIT_ROOT" && sha256sum environment/requirements.txt | cut -d' ' -f1)
    [ -f "$RNNKIT_VENV/.rnnkit-requirements" ] && have=$(cat "$RNNKIT_VENV/.rnnkit-requirements")
    if [ "$want" != "$have" ]; then
        say "installing the pinned Python packages (environment/requirements.txt)"
        "$RNNKIT_VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
            -r "$RNNKIT_ROOT/environment/requirements.txt" \
            || fail "pip could not install environment/requirements.txt (see the messages above)."
        printf '%s\n' "$want" >"$RNNKIT_VENV/.rnnkit-requirements"
    fi
}

# ---------------------------------------------------------------- the library
# lib/ is one Maven module per role (lib/pom.xml lists them). The kernel gets the modules a notebook
# imports, core, lessons and exercises, and the agent it starts with, with their runtime jars, in .venv/share/rnnkit/classpath/;
# the benchmark's jar goes to .venv/share/rnnkit/bench/, off the kernel's classpath.
# Rebuilt only when a pom or a source file under lib/ is newer than the last successful build.
KERNEL_MODULES="core lessons agent exercises"
build_lib() {
    local stamp="$RNNKIT_VENV/.rnnkit-build"
    local classpath="$RNNKIT_VENV/share/rnnkit/classpath"
    local bench="$RNNKIT_VENV/share/rnnkit/bench"
    if [ -f "$stamp" ] && [ -d "$classpath" ] && [ -f "$bench/rnnkit-bench.jar" ] \
        && [ -z "$(cd "$RNNKIT_ROOT" && find pom.xml lib -path '*/target' -prune -o -newer "$stamp" -print -quit)" ]; then
        return 0
    fi
    say "building lib/ with Maven (the first run downloads its dependencies)"
    touch "$stamp.next"
    rm -rf "$RNNKIT_ROOT"/lib/*/target/dependency   # copied afresh below, so no jar outlives its pin
    (cd "$RNNKIT_ROOT" && mvn --batch-mode --quiet -Dstyle.color=never -DskipTests package) \
        || fail "the Maven build of lib/ failed (see the messages above)."
    rm -rf "$classpath" "$bench"
    mkdir -p "$classpath" "$bench"
    local module
    for module in $KERNEL_MODULES; do
        cp "$RNNKIT_ROOT/lib/$module/target/rnnkit-$module.jar" "$classpath/"
        cp "$RNNKIT_ROOT/lib/$module/target/dependency/"*.jar "$classpath/"
    done
    cp "$RNNKIT_ROOT/lib/bench/target/rnnkit-bench.jar" "$bench/"
    mv "$stamp.next" "$stamp"
}

install_kernel() {
    "$RNNKIT_VENV/bin/python" "$RNNKIT_ROOT/environment/kernel/install_kernelspec.py" \
        --java "$RNNKIT_JAVA" \
        --classpath "$RNNKIT_VENV/share/rnnkit/classpath" \
        --startup "$RNNKIT_ROOT/environment/kernel/startup.jshell" \
        --remove-stock --quiet \
        || fail "could not install the rnnkit kernelspec (see the messages above)."
}

find_jdk
find_maven
check_fonts
ensure_venv
build_lib
install_kernel
export PATH="$RNNKIT_VENV/bin:$JAVA_HOME/bin:$PATH"
export JUPYTER_PLATFORM_DIRS=1
say "ready: Java $RNNKIT_JAVA_VERSION ($JAVA_HOME), $("$RNNKIT_VENV/bin/python" --version 2>&1), kernel 'Java (rnnkit)'"
