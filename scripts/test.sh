#!/usr/bin/env bash
# Runs every check and test from a clean clone: restore, build (warnings are errors), format check,
# all test projects (storage tests start Azurite on loopback themselves when none is running, and stop it),
# and a publish of the Azure Functions app, whose functions.metadata the Functions tests check against the catalogs.
# Prints a closing line "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
artifacts="$root/.artifacts"
rm -rf "$artifacts/test-results"
mkdir -p "$artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '\n== %s\n' "$*"; }

step "restore (NuGet, npm for Azurite, the local tools: smtp4dev)"
npm ci --no-audit --no-fund
dotnet restore Appraisal.Functions.sln
dotnet tool restore

step "browser (Debian's chromium and a Chinese font, for the tests that open pages in headless Chromium)"
if ! command -v chromium >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi
echo "chromium at $(command -v chromium)"

step "directory (Debian's slapd and ldap-utils, for the LDAP sign-in tests, which start throwaway servers of their own)"
if [ ! -x /usr/sbin/slapd ] || [ ! -x /usr/sbin/slapadd ] || ! command -v ldapadd >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  # The package asks for a domain and an admin password: the tests configure their own servers, so none is asked.
  echo "slapd slapd/no_configuration boolean true" | $sudo debconf-set-selections
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq slapd ldap-utils >/dev/null
  # The distribution's own server is not wanted: only the tests' servers run.
  if pgrep -x slapd >/dev/null 2>&1 && [ -f /etc/init.d/slapd ]; then
    $sudo /etc/init.d/slapd stop >/dev/null 2>&1 || true
  fi
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    $sudo systemctl disable --now slapd >/dev/null 2>&1 || true
  fi
fi
echo "slapd at /usr/sbin/slapd ($(dpkg-query -W -f='${Version}' slapd 2>/dev/null))"

step "build (Release, warnings are errors; every infra/*.bicep compiled offline by the Bicep CLI, a Bicep warning an error too)"
dotnet build Appraisal.Functions.sln -c Release --no-restore

step "format (dotnet format --verify-no-changes)"
dotnet format Appraisal.Functions.sln --verify-no-changes --no-restore

step "publish the Azure Functions app"
dotnet publish functions/Appraisal.Functions -c Release --no-restore -o "$artifacts/functions" >/dev/null
echo "functions.metadata lists $(grep -c '"scriptFile"' "$artifacts/functions/functions.metadata") functions"
# tests/Appraisal.Functions.Tests reads this publish instead of publishing again, and holds it to the catalogs.
export FUNCTIONS_PUBLISH_DIR="$artifacts/functions"

step "tests"
# The self-host's tests (real processes killed and restarted, mail, the whole quarter) run on their own after the
# others, so the CPU and the one Azurite are not shared with the storage tests while they time restarts.
set +e
: > "$artifacts/test-output.txt"
status=0
for project in tests/*.Tests; do
  [ "$project" = tests/Appraisal.SelfHost.Tests ] && continue
  dotnet test "$project" -c Release --no-build --results-directory "$artifacts/test-results" --logger "trx" 2>&1 | tee -a "$artifacts/test-output.txt" &
done
wait
grep -qE '^Failed!' "$artifacts/test-output.txt" && status=1
dotnet test tests/Appraisal.SelfHost.Tests -c Release --no-build --results-directory "$artifacts/test-results" --logger "trx" 2>&1 | tee -a "$artifacts/test-output.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
set -e

passed=$(grep -E '^(Passed|Failed)!' "$artifacts/test-output.txt" | sed -E 's/.*Passed: *([0-9]+).*/\1/' | awk '{s+=$1} END {print s+0}')
failed=$(grep -E '^(Passed|Failed)!' "$artifacts/test-output.txt" | sed -E 's/.*Failed: *([0-9]+),.*/\1/' | awk '{s+=$1} END {print s+0}')
echo
echo "tests: $passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
