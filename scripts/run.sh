#!/usr/bin/env bash
# The main job: an appraisal cycle end to end on the embedded default.
#   1. generate the sample office (30 departments, 215 people, a quarter of case records, ratings and ledger
#      entries) and score it from the files under the four ready-made schemes A–D (run/results/<scheme>/<period>/);
#   2. start Azurite on loopback (stopped at the end if this script started it), import the office, store scheme B
#      as decided by the Party group;
#   3. start the self-host ('appraisal serve': durable workflow over Azurite, HTTP on 127.0.0.1:7071), start the
#      quarter's cycle, and play its people through the HTTP endpoints ('appraisal cycle simulate': every department
#      head submits, the appraisal office verifies, each Party-group member approves) until the objection period ends
#      and the results are final; then verify the audit chain and show where the results are.
# Stage times are seconds here (SELF_EVALUATION, OBJECTION_PERIOD) so the whole cycle runs in well under a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
period=${PERIOD:-2026-Q1}

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
echo "存储 (storage): Azurite"
scripts/azurite.sh start
trap 'scripts/azurite.sh stop' EXIT
# Each run gets its own tables and task hub, so a run against an Azurite that is already up (with an earlier run's
# final, immutable results in it) starts a fresh cycle instead of finding the old one finished.
run_id=$(date +%Y%m%d%H%M%S)
export Storage__Prefix=${Storage__Prefix:-run$run_id}
hub=${TASK_HUB:-Run$run_id}
appraisal import --organisation run/sample/organisation.json --cases run/sample/cases.csv

echo
echo "自托管 (self-host): appraisal serve on ${APPRAISAL_URL:=http://127.0.0.1:7071}"
export APPRAISAL_URL
appraisal scheme store run/sample/schemes/template-b.json --decided-by party-group
mkdir -p .artifacts
dotnet "$dll" serve --urls "$APPRAISAL_URL" --task-hub "$hub" --no-schedules > .artifacts/serve.log 2>&1 &
serve_pid=$!
trap 'kill $serve_pid 2>/dev/null || true; wait $serve_pid 2>/dev/null || true; scripts/azurite.sh stop || true' EXIT
for _ in $(seq 1 120); do
  (exec 3<>"/dev/tcp/127.0.0.1/${APPRAISAL_URL##*:}") 2>/dev/null && break
  kill -0 $serve_pid 2>/dev/null || { echo "appraisal serve stopped; see .artifacts/serve.log" >&2; exit 1; }
  sleep 0.5
done
appraisal cycle start --office sample-basic --period "$period" --scheme template-b \
  --self-evaluation "${SELF_EVALUATION:-00:02:00}" --remind-before 00:00:00 --objection-period "${OBJECTION_PERIOD:-00:00:10}"
appraisal cycle simulate --office sample-basic --period "$period" \
  --ratings run/sample/ratings/template-b.csv --ledger run/sample/ledger/template-b.csv > .artifacts/cycle-outcome.txt
head -n 4 .artifacts/cycle-outcome.txt
appraisal cycle status --office sample-basic --period "$period" --wait-for Completed --timeout 00:00:10 > run/results/cycle-status.json
appraisal audit verify --office sample-basic --period "$period"

echo
echo "一名检察官的记分卡 (one prosecutor's scorecard, every line explained):"
appraisal score --input run/sample --template B --period "$period" --out "run/results/template-b/$period" --explain E0012 2>/dev/null | sed -n '/考核记分卡/,$p'
echo
echo "结果目录 (results): $(pwd)/run/results"
echo "周期状态 (cycle status): $(pwd)/run/results/cycle-status.json; 公示与结果: Azurite 容器 ${Storage__Prefix}-reports/notices/, 表 ${Storage__Prefix}Scorecards"
echo "自托管随本脚本停止；要继续查看或操作，运行 (the self-host stops with this script; to keep one running): scripts/azurite.sh start && dotnet $dll serve"
