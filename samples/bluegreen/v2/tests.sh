#!/bin/sh
# This release's test suite: run its queries (app.sql) against the database libpq's PG* variables point at.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
psql -X -q -v ON_ERROR_STOP=1 -v who=tester -f "$here/app.sql" --pset=footer=off
