#!/usr/bin/env bash
# The main job: an appraisal cycle end to end on the embedded default.
#   1. generate the sample office (30 departments, 215 people, a quarter of case records, ratings and ledger
#      entries), score it from the files under the four ready-made schemes A–D (run/results/<scheme>/<period>/) and
#      print one prosecutor's scorecard with every line explained;
#   2. 'appraisal demo': start Azurite and smtp4dev on loopback (each only if not already listening), import the
#      office, store scheme B as decided, start the self-host (durable workflow over Azurite, HTTP on 127.0.0.1:7071,
#      mail to smtp4dev), start the quarter's cycle and play its department heads and appraisal office through the
#      HTTP endpoints; the Party group's mails arrive at smtp4dev and their links are followed through the real pages
#      (open the page, post its form) until the results are published and final; verify the audit chain and print
#      where to look. The self-host and smtp4dev then keep running until Ctrl+C.
# Options go to 'appraisal demo': --interactive (you play every role in the browser from http://127.0.0.1:7071/signin), --exit (stop
# once the results are final), --lang en. Stage times are seconds here so the whole cycle runs in well under a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
period=${PERIOD:-2026-Q1}

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
dotnet tool restore >/dev/null
dotnet build functions/Appraisal.SelfHost -c Release -v quiet -nologo
dll=functions/Appraisal.SelfHost/bin/Release/net10.0/appraisal.dll
appraisal() { dotnet "$dll" "$@"; }

appraisal sample --out run/sample --period "$period"
for template in A B C D; do
  echo
  appraisal scheme validate "run/sample/schemes/template-${template,,}.json"
  appraisal score --input run/sample --template "$template" --period "$period" \
    --out "run/results/template-${template,,}/$period"
done

echo
echo "一名检察官的记分卡 (one prosecutor's scorecard, every line explained):"
appraisal score --input run/sample --template B --period "$period" --out "run/results/template-b/$period" --explain E0012 2>/dev/null | sed -n '/考核记分卡/,$p'
echo "结果目录 (results): $(pwd)/run/results"

echo
echo "考核周期 (the quarter's cycle): appraisal demo"
# Interactively a person plays every role: working hours to the deadline, an hour to object (unless set).
spans=(--self-evaluation "${SELF_EVALUATION:-00:02:00}" --objection-period "${OBJECTION_PERIOD:-00:00:10}")
for arg in "$@"; do
  [ "$arg" = --interactive ] && spans=(--self-evaluation "${SELF_EVALUATION:-08:00:00}" --objection-period "${OBJECTION_PERIOD:-01:00:00}")
done
appraisal demo --sample run/sample --results run/results --period "$period" "${spans[@]}" "$@"
