#!/usr/bin/env bash
# The test command (README, "Set up"): installs what the tests need when it is missing, then builds every
# module, installs it into the local Maven repository and runs every test, then builds and tests the example
# consumer project (examples/consumer) against the installed artifacts.
#
# The notebook tests run Jupyter itself (and Maven, for the %maven magic), the page tests run Chromium through
# ChromeDriver and the benchmark scripts compile a C kernel, so on a fresh Debian machine this installs those
# Debian packages first (as root, or through sudo). Set GRADFIT_NO_APT=1 to skip that step when you manage the
# packages yourself.
set -euo pipefail
cd "$(dirname "$0")"

packages=(python3-nbconvert python3-nbclient jupyter-client jupyter-notebook chromium chromium-driver gcc maven)

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ] && [ -z "${GRADFIT_NO_APT:-}" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: the tests need ${missing[*]}, and this machine has no apt-get: install them by hand" >&2
    exit 1
  fi
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "test.sh: installing ${missing[*]} with apt-get" >&2
  "${sudo[@]}" apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}" >&2
fi

./mvnw -q install

# A project of its own that depends on the installed gradfit artifacts through the BOM: a change that breaks the
# published API fails here.
./mvnw -q -f examples/consumer/pom.xml verify
