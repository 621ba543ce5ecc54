#!/usr/bin/env bash
# Puts uv (pinned, from PyPI) into .tools/ using only python3. Debian's python3
# lacks ensurepip until python3-venv is installed, so that is added when needed.
set -euo pipefail
version="$1"
python="${2:-python3}"
if [ -x .tools/bin/uv ]; then exit 0; fi
if ! "$python" -m venv .tools 2>/dev/null; then
  rm -rf .tools
  echo "bootstrap: python3 cannot create a virtual environment; installing python3-venv"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
  "$python" -m venv .tools
fi
.tools/bin/python -m pip install --quiet --disable-pip-version-check "uv==$version"
