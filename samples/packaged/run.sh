#!/usr/bin/env bash
# Packs every Cutover package into a local feed, builds samples/packaged/App from those packages (not from the
# projects), and runs it: a throwaway PostgreSQL, release 1 installed, release 2 deployed pre -> before-post backfill
# -> post, the post phase refused until the backfill succeeded.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
feed="$here/.feed"
rm -rf "$feed" "$here/.packages" "$here/App/bin" "$here/App/obj"
mkdir -p "$feed"
dotnet pack "$root/Cutover.slnx" -c Release -o "$feed" --nologo -v quiet -clp:ErrorsOnly >&2
echo "packed:"
(cd "$feed" && ls -1 *.nupkg | sed 's/^/  /')
dotnet build "$here/App" -c Release --nologo -v quiet -clp:ErrorsOnly >&2
dotnet "$here/App/bin/Release/net10.0/App.dll"
