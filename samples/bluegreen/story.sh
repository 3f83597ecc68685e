#!/usr/bin/env bash
# The blue-green walkthrough that ./demo runs inside `cutover sandbox`, which points PG* at a throwaway database.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# deploy and --assembly load .NET assemblies, which the native cutover cannot: ./demo gives the dotnet tool for them in
# CUTOVER_DEPLOY.
cutover() {
  if [ "$1" = deploy ] || [[ " $* " == *" --assembly "* ]]; then ${CUTOVER_DEPLOY:-$CUTOVER} "$@"; else $CUTOVER "$@"; fi
}
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
app() { # app RELEASE WHO: run that release's queries as the application would
  psql -X -q -v ON_ERROR_STOP=1 -v who="$2" -f "$here/$1/app.sql" --pset=footer=off
}

say "Before the deploy: lint release 2's migrations (each script run on a scratch copy of the state before it, with rows)"
# The sandbox's server doubles as the scratch server: PG* fill in its host, port and user.
cutover lint --dir "$here/v2/migrations" --scratch "dbname=postgres"

say "Release 1 is live: install it from its schema.sql (one transaction, every migration recorded as 'schema')"
cutover install --dir "$here/v1/migrations"
psql -X -q -c "INSERT INTO accounts (name, email) SELECT 'user' || g, 'user' || g || '@old.example' FROM generate_series(1, 200000) g"
echo "(200,000 existing accounts loaded)"
app v1 alice

say "Deploy release 2, step 1: the pre phase (expand) while release 1 still serves"
cutover upgrade --phase pre --dir "$here/v2/migrations"

say "The post phase is gated: the copy of email to email_address (a before-post action) has not run yet"
if cutover upgrade --phase post --dir "$here/v2/migrations" --assembly "$POST_DEPLOY_ASSEMBLY"; then
  echo "unexpected: the post phase ran before the backfill"; exit 1
fi
echo "(refused, exit 1, as it should: nothing of the post phase applied)"

say "Between the phases: the before-post actions copy email to email_address for the existing rows, in batches"
cutover deploy --assembly "$POST_DEPLOY_ASSEMBLY" --auto --stage before-post

say "Blue and green side by side: release 1 and release 2 both work against the same database"
app v1 bob
app v2 carol

say "What is left: status shows the post phase waiting"
cutover status --dir "$here/v2/migrations"

say "Release 1 is drained; only release 2 runs. Step 2: the post phase (contract: check NOT VALID, validate, drop)"
cutover upgrade --phase post --dir "$here/v2/migrations" --assembly "$POST_DEPLOY_ASSEMBLY"
app v2 dave

say "After the deploy: post-deploy actions backfill email_domain for the existing rows, in batches"
cutover deploy --assembly "$POST_DEPLOY_ASSEMBLY" --auto
cutover deploy --assembly "$POST_DEPLOY_ASSEMBLY" --report

say "Release 1's queries would now fail, as they should: its column is gone"
if app v1 erin 2>/dev/null; then echo "unexpected: release 1 still works"; exit 1; else echo "release 1: column \"email\" does not exist (expected)"; fi

say "Done: every migration applied once, in the phase it belongs to"
cutover status --dir "$here/v2/migrations"
