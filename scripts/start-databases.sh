#!/usr/bin/env bash
# Start the local PostgreSQL and MariaDB servers the tests use, if they are not running.
# PostgreSQL on 127.0.0.1:5432 (trust auth, database test); MariaDB on 127.0.0.1:3306 (root, no password).
set -euo pipefail

wait_for() {  # wait_for NAME COMMAND...
  local name=$1; shift
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "$name did not start within 60 s" >&2
  return 1
}

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "starting PostgreSQL"
  if command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  else
    echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1
  fi
  wait_for PostgreSQL pg_isready -q -h 127.0.0.1 -p 5432
fi
psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE test"

if ! mysqladmin -h 127.0.0.1 -P 3306 -u root status >/dev/null 2>&1; then
  echo "starting MariaDB"
  if [[ -x /usr/sbin/mariadbd ]]; then
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  else
    echo "MariaDB is not installed: apt-get install mariadb-server" >&2; exit 1
  fi
  wait_for MariaDB mysqladmin -h 127.0.0.1 -P 3306 -u root status
fi
mysql -h 127.0.0.1 -u root -e "CREATE DATABASE IF NOT EXISTS test CHARACTER SET utf8mb4"
echo "databases ready: PostgreSQL 127.0.0.1:5432, MariaDB 127.0.0.1:3306"
