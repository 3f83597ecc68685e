#!/usr/bin/env bash
# Builds `cutover` as one NativeAOT executable (no .NET runtime needed to run it) and writes it to DIR/cutover:
#
#   scripts/publish-native.sh DIR
#
# Works on a fresh Debian machine with the .NET 10 SDK: installs the native toolchain the AOT compiler links with when
# it is missing (clang, zlib1g-dev; apt-get, as root or through sudo). Trim and AOT warnings are errors, as in every
# build here. The native binary runs every command but `deploy`, which loads application assemblies and so needs the
# dotnet tool (docs/cli.md). Prints the binary's path on stdout; progress goes to stderr.
set -euo pipefail
if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: scripts/publish-native.sh DIR   (writes DIR/cutover)" >&2
  exit 2
fi
out_dir=$1
repo=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet not found on PATH)." >&2
  exit 2
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) echo "publish-native.sh: no .NET runtime identifier known for $(uname -m)" >&2; exit 2 ;;
esac

# The AOT compiler links with clang (gcc will do: the SDK falls back to it); Microsoft's prerequisites also name
# zlib1g-dev. Install only what is missing, quietly, as scripts/ensure-prerequisites.sh does.
missing=()
command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || missing+=(clang)
[ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing what the AOT compiler needs (apt-get install ${missing[*]})..." >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; }
fi

# The project's assembly is Cutover.Cli (a cutover.dll would shadow the Cutover.dll library: assembly names bind
# case-insensitively), and the AOT compiler names the executable after it. So publish into a folder of our own and
# install the executable as DIR/cutover; the folder keeps Cutover.Cli.dbg, the symbols a debugger wants.
publish_dir="$repo/artifacts/native/$rid"
rm -rf "$publish_dir"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "Publishing cutover for $rid with NativeAOT (a few minutes)..." >&2
if ! dotnet publish "$repo/src/Cutover.Cli" -c Release -r "$rid" -p:PublishAot=true -o "$publish_dir" --nologo \
    -v quiet -clp:NoSummary >"$log" 2>&1; then
  cat "$log" >&2
  echo "publish-native.sh: dotnet publish failed" >&2
  exit 1
fi
# Compiler and analyzer warnings ("file(1,2): warning CA2007: ...") and the AOT compiler's ("...: Trim analysis
# warning IL2026: ...", "AOT analysis warning IL3050").
warning_pattern='(^|[: ])warning [A-Z]+[0-9]+'
warnings=$(grep -Ec "$warning_pattern" "$log" || true)
if [ "$warnings" -ne 0 ]; then
  grep -E "$warning_pattern" "$log" | sort -u >&2
  echo "publish-native.sh: $warnings warning(s); the native binary must build without any" >&2
  exit 1
fi

mkdir -p "$out_dir"
install -m 755 "$publish_dir/Cutover.Cli" "$out_dir/cutover"
echo "cutover $("$out_dir/cutover" --version) ($rid, $(du -h "$out_dir/cutover" | cut -f1), 0 warnings)" >&2
echo "$(cd "$out_dir" && pwd)/cutover"
