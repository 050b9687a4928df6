#!/bin/sh
# A short tour of complaints on a scratch database: one complaint through
# both stages of South Staffordshire's procedure, a compliment, then show
# and list. Run from the source tree after building (build/complaints).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${COMPLAINTS:-$top/build/complaints}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export COMPLAINTS_DB="$dir/demo.db"
export COMPLAINTS_POLICIES="$top/policies"
export COMPLAINTS_OFFICER=jsmith
export COMPLAINTS_TODAY=2026-03-31	# so the dates below are in the past

run() {
	echo "\$ complaints $*"
	"$bin" "$@"
}

run init --policy south-staffordshire
echo "\$ complaints log --complainant 'A Resident' --service Waste ... --received 2026-01-09"
ref=$("$bin" log --complainant 'A Resident' --contact a.resident@example.org \
	--service Waste --channel email --summary 'Bin missed three weeks running' \
	--received 2026-01-09 </dev/null)
echo "$ref"
echo "\$ complaints log --kind compliment ..."
"$bin" log --kind compliment --complainant 'B Neighbour' --service Parks \
	--channel web --summary 'Lovely new play area' --received 2026-01-12 </dev/null
run ack "$ref" --date 2026-01-12
run respond "$ref" --outcome partly-upheld --remedy 'Apology and a missed-bin collection' \
	--learning 'Check the round sheet when a crew changes' --date 2026-01-21
run escalate "$ref" --reason 'The bin was missed again' --date 2026-02-02
run --officer kjones ack "$ref" --date 2026-02-04
run --officer kjones extend "$ref" --days 5 --told --reason 'Waiting for the contractor' --date 2026-02-20
run --officer kjones respond "$ref" --outcome upheld --remedy 'Assisted collection' --date 2026-03-06
run close "$ref" --reason resolved --date 2026-03-09
run show "$ref"
run list
