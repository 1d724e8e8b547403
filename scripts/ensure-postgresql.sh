#!/usr/bin/env bash
# Makes sure PostgreSQL's server binaries (initdb, pg_ctl) are installed, for the integration tests
# that run two sample-app replicas on a real database. The tests start their own private server
# (temporary data directory, free port on 127.0.0.1) and never touch a system cluster; so when this
# script installs Debian's package, it tells it not to create and start the default cluster.
set -euo pipefail

found() {
  compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || command -v initdb > /dev/null
}

if found; then
  exit 0
fi
if ! command -v apt-get > /dev/null; then
  echo "PostgreSQL's server binaries (initdb, pg_ctl) are missing and this is not a Debian-like system;" \
    "install PostgreSQL 13 or later with your package manager" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "Installing PostgreSQL from the distribution's packages (no default cluster)"
$sudo mkdir -p /etc/postgresql-common/createcluster.d
echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.d/oslo-tests.conf > /dev/null
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql > /dev/null
found
