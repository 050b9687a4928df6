#!/bin/sh
# t7210-dates-terminal.sh: in the table format on a terminal, a date
# carries its weekday after it ("2026-11-16 Mon") and history's recorded
# time is local; whatever is not written to a terminal (a pipe, a file,
# cron's mail) and CSV and JSON everywhere keep plain ISO 8601, recorded
# in UTC. Terminals are script(1)'s. Every test makes its own store.
. "$(dirname "$0")/lib.sh"

unset COLUMNS

# on_tty ARGS...: the binary's output on a pseudo-terminal, without the
# terminal's carriage returns.
on_tty() {
	script -qec "$(printf "'%s' " "$COMPLAINTS" "$@")" /dev/null | tr -d '\r'
}

# A complaint received Monday 9 November 2026, acknowledged Tuesday 10th:
# acknowledgement due 5 working days after receipt (Mon 16 November), the
# response 10 (Mon 23 November).
setup() {
	fresh_store south-staffordshire &&
	ref=$(cpl log --complainant A --service Waste --summary s \
	    --received 2026-11-09) &&
	cpl ack "$ref" --date 2026-11-10
}

if command -v script >/dev/null 2>&1; then
	test_expect_success 'on a terminal, dates carry the weekday in tables; CSV and JSON stay plain' '
		setup &&
		on_tty list >list.txt &&
		grep -q "^$ref  .*  2026-11-23 Mon  " list.txt &&
		on_tty show "$ref" >show.txt &&
		grep -q "^received      2026-11-09 Mon\$" show.txt &&
		grep -q "^  acknowledge     due 2026-11-16 Mon  done 2026-11-10 Tue\$" show.txt &&
		grep -q "^  2026-11-10 Tue  tester  acknowledged" show.txt &&
		on_tty history "$ref" >history.txt &&
		grep -q "^2026-11-09 Mon  " history.txt &&
		grep -q "^2026-11-10 Tue  " history.txt &&
		on_tty report overdue --within 2 >overdue.txt &&
		grep -q "^$ref  *respond  *2026-11-23 Mon  *due in 1 " overdue.txt &&
		on_tty list --format csv >list.csv &&
		grep -q ",2026-11-09,respond,2026-11-23," list.csv &&
		on_tty show "$ref" --format json >show.json &&
		grep -q "\"received\": \"2026-11-09\"" show.json &&
		on_tty history "$ref" --format csv >history.csv &&
		test "$(cat list.csv show.json history.csv | grep -c " Mon\| Tue")" = 0
	'

	# TZ=JST-9: Japan's time, nine hours ahead of UTC all year, whatever
	# zone files the machine has.
	test_expect_success 'history: recorded in local time on a terminal, UTC ISO 8601 elsewhere' '
		setup &&
		utc=$(cpl history "$ref" --format csv | sed -n 2p | cut -d, -f2) &&
		case $utc in
		????-??-??T??:??:??.???Z) ;;
		*) echo "# recorded: $utc" >&2; false ;;
		esac &&
		local=$(TZ=JST-9 date -d "$utc" "+%Y-%m-%d %H:%M") &&
		TZ=JST-9 on_tty history "$ref" >history.txt &&
		sed -n 2p history.txt | grep -q "^2026-11-09 Mon  $local  tester " &&
		test "$(grep -c "T..:..:" history.txt)" = 0 &&
		TZ=JST-9 cpl history "$ref" >piped.txt &&
		sed -n 2p piped.txt | grep -qF "2026-11-09  $utc  tester " &&
		test "$(cpl history "$ref" --format json | jq -r ".[0].recorded")" = "$utc"
	'
else
	for t in 'on a terminal, dates carry the weekday in tables; CSV and JSON stay plain' \
	    'history: recorded in local time on a terminal, UTC ISO 8601 elsewhere'; do
		test_skip "$t" 'script(1) (bsdutils) is not installed: no pseudo-terminal'
	done
fi

test_expect_success 'off a terminal (a pipe, a file, cron), dates are plain ISO 8601' '
	setup &&
	cpl list >list.txt &&
	grep -q "^$ref  .*  2026-11-23  " list.txt &&
	cpl show "$ref" >show.txt &&
	grep -q "^received      2026-11-09\$" show.txt &&
	grep -q "^  acknowledge     due 2026-11-16  done 2026-11-10\$" show.txt &&
	cpl history "$ref" >history.txt &&
	cpl report overdue --within 2 >overdue.txt &&
	grep -q "^$ref  *respond  *2026-11-23  *due in 1 " overdue.txt &&
	test "$(cat list.txt show.txt history.txt overdue.txt |
	    grep -c " Mon\| Tue")" = 0
'

test_done
