#!/usr/bin/env bash
# Makes a PostgreSQL server available to the tests and prints how to reach it.
#
#   eval "$(tests/postgres/ensure-postgres.sh)"   # exports AIRM_PG_URL, AIRM_PG_USER, AIRM_PG_PASSWORD
#   tests/postgres/ensure-postgres.sh --properties-file FILE   # also writes them as Java properties
#
# If the role airm can already log in on 127.0.0.1, nothing changes (no root needed). Otherwise, as
# root: installs Debian's postgresql package when it is missing, creates and starts the cluster
# (idempotent), and creates or updates the role airm (password airm, CREATEDB). The tests create
# one database per test (airm_test_<random>) through AIRM_PG_URL and drop it afterwards.
# Messages go to stderr; stdout carries only the export lines.
#
# Environment: AIRM_PG_PORT (default: the cluster's port, else 5432); AIRM_POSTGRES=skip does
# nothing (the same opt-out as -Dairm.postgres=skip for the tests); AIRM_SKIP_TESTS=true and
# AIRM_MAVEN_TEST_SKIP=true do nothing (Maven passes -DskipTests and -Dmaven.test.skip through them).
set -euo pipefail

ROLE=airm
PASSWORD=airm
properties_file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --properties-file) properties_file="$2"; shift 2 ;;
    *) echo "ensure-postgres: unknown argument $1" >&2; exit 2 ;;
  esac
done

say() { echo "ensure-postgres: $*" >&2; }
die() { echo "ensure-postgres: ERROR: $*" >&2; exit 1; }

if [ "${AIRM_POSTGRES:-}" = "skip" ] || [ "${AIRM_SKIP_TESTS:-false}" = "true" ] ||
  [ "${AIRM_MAVEN_TEST_SKIP:-false}" = "true" ]; then
  say "skipped: the PostgreSQL tests are skipped"
  exit 0
fi

cluster_line() { # "version name port status" of the first cluster, if any
  command -v pg_lsclusters >/dev/null 2>&1 && pg_lsclusters -h 2>/dev/null | head -n 1 || true
}

can_log_in() { # $1 = port
  command -v psql >/dev/null 2>&1 &&
    PGPASSWORD="$PASSWORD" PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p "$1" -U "$ROLE" -d postgres \
      -tAc 'SELECT 1' >/dev/null 2>&1
}

role_ready() { # $1 = port: the role may create databases and end an autovacuum worker in them
  [ "$(PGPASSWORD="$PASSWORD" PGCONNECT_TIMEOUT=3 psql -h 127.0.0.1 -p "$1" -U "$ROLE" -d postgres \
    -tAc "SELECT rolcreatedb AND pg_has_role('$ROLE', 'pg_signal_backend', 'MEMBER')
          FROM pg_roles WHERE rolname = '$ROLE'" 2>/dev/null)" = "t" ]
}

port="${AIRM_PG_PORT:-}"
if [ -z "$port" ]; then
  line="$(cluster_line)"
  port="$(echo "$line" | awk '{print $3}')"
  port="${port:-5432}"
fi

if can_log_in "$port" && ! role_ready "$port" && [ "$(id -u)" != "0" ]; then
  say "warning: role $ROLE lacks CREATEDB or pg_signal_backend; run this script once as root to fix it"
elif ! can_log_in "$port" || ! role_ready "$port"; then
  if [ "$(id -u)" != "0" ]; then
    die "no PostgreSQL server on 127.0.0.1:$port accepts role $ROLE/$PASSWORD, and setting one up" \
      "needs root (apt-get install postgresql, pg_ctlcluster, CREATE ROLE). Run this script as root" \
      "(sudo $0), point AIRM_PG_PORT at a server where role $ROLE exists, or skip the PostgreSQL" \
      "tests explicitly with -Dairm.postgres=skip."
  fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 ||
      die "PostgreSQL is not installed and there is no apt-get to install it; install PostgreSQL 15."
    say "installing PostgreSQL (apt-get install -y postgresql)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2 || die "apt-get update failed; cannot install PostgreSQL."
    apt-get install -y -q postgresql >&2 || die "apt-get install postgresql failed."
  fi
  line="$(cluster_line)"
  if [ -z "$line" ]; then
    version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
    [ -n "$version" ] || die "the postgresql package is installed but /usr/lib/postgresql is empty."
    say "creating cluster $version/main"
    pg_createcluster "$version" main >&2
    line="$(cluster_line)"
  fi
  read -r version name cluster_port _ <<<"$line"
  port="${AIRM_PG_PORT:-$cluster_port}"
  if ! pg_ctlcluster "$version" "$name" status >/dev/null 2>&1; then
    say "starting cluster $version/$name on port $cluster_port"
    pg_ctlcluster "$version" "$name" start >&2 ||
      die "pg_ctlcluster $version $name start failed; see /var/log/postgresql/postgresql-$version-$name.log"
  fi
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
  done
  pg_isready -q -h 127.0.0.1 -p "$port" ||
    die "PostgreSQL $version/$name did not accept connections on 127.0.0.1:$port within 30 s."
  # CREATE ROLE has no IF NOT EXISTS: create it once, and reset its password and rights each time
  runuser -u postgres -- psql -q -p "$cluster_port" -v ON_ERROR_STOP=1 -d postgres >&2 <<SQL ||
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  ELSE
    ALTER ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END
\$\$;
-- DROP DATABASE ... WITH (FORCE) ends an autovacuum worker still in a test database
GRANT pg_signal_backend TO $ROLE;
SQL
    die "could not create the role $ROLE as the postgres superuser."
  can_log_in "$port" ||
    die "role $ROLE still cannot log in on 127.0.0.1:$port; check pg_hba.conf (host ... scram-sha-256)."
  say "PostgreSQL $version/$name is ready on 127.0.0.1:$port for role $ROLE"
fi

url="jdbc:postgresql://127.0.0.1:$port/postgres"
if [ -n "$properties_file" ]; then
  mkdir -p "$(dirname "$properties_file")"
  printf 'airm.postgres.url=%s\nairm.postgres.user=%s\nairm.postgres.password=%s\n' \
    "$url" "$ROLE" "$PASSWORD" >"$properties_file"
fi
echo "export AIRM_PG_URL='$url'"
echo "export AIRM_PG_USER='$ROLE'"
echo "export AIRM_PG_PASSWORD='$PASSWORD'"
