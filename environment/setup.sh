#!/usr/bin/env bash
# Sets up this checkout for the notebooks: Debian packages, the toolkit and kernel jars, and the
# TokenDrift Java kernel spec. Safe to run again: every step is skipped when already done.
#
#   environment/setup.sh [--notebook] [--user] [--xmx SIZE] [--packages-only]
#
#   --notebook   also install the classic Jupyter Notebook server (apt jupyter-notebook)
#   --user       also install the kernel spec for this user (~/.local/share/jupyter), so that
#                Jupyter finds it without sourcing environment/jupyter-env.sh
#   --xmx SIZE   kernel heap limit (default 4g); more JVM options: TOKENDRIFT_KERNEL_JVM_OPTS="..."
#   --packages-only  only install the missing Debian packages (what the test command needs)
#
# Afterwards: source environment/jupyter-env.sh, then e.g. jupyter notebook notebooks/
set -euo pipefail

ENV_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$ENV_DIR")"
KERNEL_JAR="$ROOT/environment/kernel/target/tokendrift-kernel.jar"
TOOLKIT_JAR="$ROOT/toolkit/target/tokendrift-toolkit.jar"
PROJECT_JUPYTER_DIR="$ENV_DIR/.jupyter"

with_notebook=false
user_install=false
xmx=4g
packages_only=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --notebook) with_notebook=true ;;
    --user) user_install=true ;;
    --xmx) xmx="${2:?--xmx needs a size, e.g. --xmx 8g}"; shift ;;
    --packages-only) packages_only=true ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

step() { printf '[setup] %s\n' "$*"; }

# --- 1. Debian packages -------------------------------------------------------------------------
# jupyter-nbconvert runs notebooks headless (it brings jupyter-client); XChart needs fontconfig and
# a font; the kernel needs a full JDK (jdk.jshell), and Maven builds the jars.
packages=(jupyter-nbconvert fontconfig fonts-dejavu-core)
$with_notebook && packages+=(jupyter-notebook)
command -v javac >/dev/null || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || packages+=(maven)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  step "apt: nothing to install (${packages[*]} present)"
else
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  step "apt: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

$packages_only && exit 0

# --- 2. Jars --------------------------------------------------------------------------------------
# Rebuild only when a pom or a main source is newer than the jar that comes from it.
stale() { # stale JAR PATH...: true if JAR is missing or older than any file under PATH...
  local jar="$1"; shift
  [[ ! -f "$jar" ]] || [[ -n "$(find "$@" -type f -newer "$jar" -print -quit)" ]]
}
if stale "$TOOLKIT_JAR" "$ROOT/pom.xml" "$ROOT/toolkit/pom.xml" "$ROOT/toolkit/src/main" \
   || [[ ! -d "$ROOT/toolkit/target/lib" ]] \
   || stale "$KERNEL_JAR" "$ROOT/pom.xml" "$ENV_DIR/kernel/pom.xml" "$ENV_DIR/kernel/src/main"; then
  step "maven: building toolkit and kernel jars (mvn package -DskipTests)"
  (cd "$ROOT" && mvn -q -B -Dstyle.color=never package -DskipTests -pl toolkit,environment/kernel -am)
else
  step "maven: jars are up to date ($TOOLKIT_JAR, $KERNEL_JAR)"
fi

# --- 3. Kernel spec -------------------------------------------------------------------------------
jvm_options=("-Xmx$xmx")
# shellcheck disable=SC2206 # word splitting of the options is intended
[[ -n "${TOKENDRIFT_KERNEL_JVM_OPTS:-}" ]] && jvm_options+=(${TOKENDRIFT_KERNEL_JVM_OPTS})
install_spec() { java -cp "$KERNEL_JAR" org.tokendrift.kernel.KernelSpec "$1" "${jvm_options[@]}"; }
step "kernelspec: wrote $(install_spec "$PROJECT_JUPYTER_DIR") (JVM options: ${jvm_options[*]})"
if $user_install; then
  user_dir="${XDG_DATA_HOME:-$HOME/.local/share}/jupyter"
  step "kernelspec: wrote $(install_spec "$user_dir") (user install)"
fi
step "done: run 'source environment/jupyter-env.sh' to make Jupyter find the tokendrift-java kernel"
