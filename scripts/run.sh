#!/usr/bin/env bash
# The main job, for now: generate the sample office (30 departments, 215 people, a quarter of case records,
# ratings and ledger entries) and score it under the four ready-made schemes A–D.
# Results land in run/results/<scheme>/<period>/ (scorecards.json, scorecards.csv, lines.csv); the office is
# imported into storage (Azurite on loopback, started here and stopped at the end if this script started it),
# scored from there, its scorecards stored and the audit chain verified.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
period=${PERIOD:-2026-Q1}

dotnet build functions/Appraisal.SelfHost -c Release -v quiet -nologo
appraisal() { dotnet functions/Appraisal.SelfHost/bin/Release/net10.0/appraisal.dll "$@"; }

appraisal sample --out run/sample --period "$period"
for template in A B C D; do
  echo
  appraisal scheme validate "run/sample/schemes/template-${template,,}.json"
  appraisal score --input run/sample --template "$template" --period "$period" \
    --out "run/results/template-${template,,}/$period"
done

echo
echo "存储 (storage): Azurite"
scripts/azurite.sh start
trap 'scripts/azurite.sh stop' EXIT
export Storage__Prefix=${Storage__Prefix:-appraisal}
appraisal import --organisation run/sample/organisation.json --cases run/sample/cases.csv
appraisal score --office sample-basic --scheme run/sample/schemes/template-b.json --ratings run/sample/ratings/template-b.csv \
  --ledger run/sample/ledger/template-b.csv --period "$period" --out "run/results/template-b/$period" --store | tail -1
appraisal audit verify --office sample-basic --period "$period"

echo
echo "一名检察官的记分卡 (one prosecutor's scorecard, every line explained):"
appraisal score --input run/sample --template B --period "$period" --out "run/results/template-b/$period" --explain E0012 2>/dev/null | sed -n '/考核记分卡/,$p'
echo
echo "结果目录 (results): $(pwd)/run/results"
