# Sourced by ./test and ./demo: installs what a fresh machine of this kind lacks. Idempotent and quiet when all is there.
have_server() {
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && return 0
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}
if ! have_server || ! command -v pg_dump >/dev/null 2>&1; then
  echo "Installing PostgreSQL server programs (apt-get install postgresql)..." >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql postgresql-client >/dev/null
fi
# PgBouncer for ThrowawayPgBouncer (pooler tests, bench/Soak --pgbouncer). Only the program is wanted: Debian's package
# also starts a system-wide pgbouncer service on port 6432, which nothing here uses, so it is stopped if it came up.
if [ ! -x /usr/sbin/pgbouncer ] && ! command -v pgbouncer >/dev/null 2>&1; then
  echo "Installing PgBouncer (apt-get install pgbouncer)..." >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq pgbouncer >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq pgbouncer >/dev/null; }
  $SUDO service pgbouncer stop >/dev/null 2>&1 || true
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet not found on PATH)." >&2
  exit 2
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# libpg_query (PostgreSQL 15's own parser) is a test oracle for the SQL lexer; the product never loads it.
if ! ls /usr/lib/x86_64-linux-gnu/libpg_query* >/dev/null 2>&1 && ! ls /usr/lib/*/libpg_query* >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    (apt-get install -y -qq libpg-query1504.0 >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq libpg-query1504.0 >/dev/null 2>&1; }) \
      || echo "libpg_query not installed: the lexer's oracle tests will be skipped" >&2
  fi
fi
# A Java runtime for the Flyway adoption test: Flyway's checksum is checked against the JDK's own CRC32 and line reader.
if ! command -v java >/dev/null 2>&1; then
  echo "Installing a Java runtime (apt-get install default-jre-headless)..." >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null; }
fi
