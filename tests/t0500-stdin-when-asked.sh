#!/bin/sh
# t0500-stdin-when-asked.sh: text comes from standard input only when a
# command is asked for it (log --summary -, note REF -), and at most 1 MiB
# of it is read: more fails at once (exit 2) naming the limit, with memory
# flat and nothing stored. Without --summary, log never reads standard
# input, so a loop that feeds names to log logs one case a name.
. "$(dirname "$0")/lib.sh"

# Each case's complainant and summary ("(none)" for none), in order.
cases() {
	cpl export --format jsonl >cases.jsonl &&
	jq -r '.complainant + ": " + (.summary // "(none)")' cases.jsonl
}

# xs N: N bytes, each an x.
xs() {
	head -c "$1" /dev/zero | tr "\0" x
}

# The peak memory, in KB, that "/usr/bin/time -o mem -f %M" wrote: the
# last line of mem (a line before it says when the command failed).
peak_kb() {
	tail -n 1 mem
}

test_on 'fresh_store south-staffordshire' 'a while-read loop over names logs one case a name, each without a summary' '
	printf "%s\n" "Ann Able" "Bob Baker" "Cat Cole" >names.txt &&
	while read -r n; do
		cpl log --complainant "$n" --received 2026-03-02 >>refs ||
		return 1
	done <names.txt &&
	printf "%s\n" "Ann Able: (none)" "Bob Baker: (none)" \
	    "Cat Cole: (none)" >expect &&
	cases >actual &&
	test_cmp expect actual &&
	test "$(wc -l <refs)" = 3
'

test_on 'fresh_store south-staffordshire' 'log without --summary does not read standard input (/dev/zero is left alone)' '
	{ timeout 5 "$COMPLAINTS" log --complainant "Dee Dunn" \
	    --received 2026-03-02 </dev/zero >ref ||
	  { echo "# exit $? (124: still reading after 5 s)" >&2; false; }; } &&
	echo "Dee Dunn: (none)" >expect &&
	cases >actual &&
	test_cmp expect actual
'

test_on 'fresh_store south-staffordshire' 'log --summary - reads standard input, less its trailing newlines' '
	printf "Bin missed\nagain\n\n" |
	    cpl log --complainant "Eve Eden" --summary - --received 2026-03-02 &&
	printf "%s\n" "Eve Eden: Bin missed" "again" >expect &&
	cases >actual &&
	test_cmp expect actual
'

test_on 'fresh_store south-staffordshire' 'log --summary - on /dev/zero: exit 2 at once naming the 1 MiB limit, memory flat, nothing stored' '
	refused 2 "the summary on standard input is longer than 1048576 bytes (1 MiB)" \
	    sh -c "exec /usr/bin/time -o mem -f %M timeout 5 \
	    \"$COMPLAINTS\" log --complainant Z --summary - </dev/zero" &&
	test "$(peak_kb)" -lt 50000 &&
	cpl list --format csv >list.csv &&
	test "$(wc -l <list.csv)" = 1
'

test_on 'fresh_store south-staffordshire' 'log --summary -: 1 MiB and its newline is kept whole, a byte more is refused' '
	{ xs 1048576 && echo; } >mib.txt &&
	test "$(wc -c <mib.txt)" = 1048577 &&
	r=$(cpl log --complainant F --summary - --received 2026-03-02 <mib.txt) &&
	cpl show "$r" --format json >case.json &&
	test "$(jq ".summary | length" case.json)" = 1048576 &&
	xs 1048577 >over.txt &&
	refused 2 "longer than 1048576 bytes (1 MiB)" sh -c \
	    "\"$COMPLAINTS\" log --complainant G --summary - <over.txt"
'

test_on 'fresh_store south-staffordshire' 'note REF - reads the note from standard input; note REF TEXT leaves it alone' '
	ref=$(cpl log --complainant H --summary s --received 2026-03-02) &&
	printf "Phoned: bin collected\n" |
	    cpl note "$ref" - --date 2026-03-03 &&
	printf "not this\n" | cpl note "$ref" Visited the site --date 2026-03-04 &&
	cpl show "$ref" --format json >case.json &&
	jq -r ".history[] | select(.action == \"note\") | .detail" case.json >actual &&
	printf "%s\n" "Phoned: bin collected" "Visited the site" >expect &&
	test_cmp expect actual
'

test_on 'fresh_store south-staffordshire' 'note REF - with nothing on standard input: the note is empty (2), nothing changed' '
	ref=$(cpl log --complainant I --summary s --received 2026-03-02) &&
	refused 2 "the note is empty" sh -c \
	    "\"$COMPLAINTS\" note \"$ref\" - </dev/null"
'

test_on 'fresh_store south-staffordshire' 'note REF - on /dev/zero: exit 2 at once naming the limit, nothing changed' '
	ref=$(cpl log --complainant J --summary s --received 2026-03-02) &&
	refused 2 "the note on standard input is longer than 1048576 bytes (1 MiB)" \
	    sh -c "exec /usr/bin/time -o mem -f %M timeout 5 \
	    \"$COMPLAINTS\" note \"$ref\" - </dev/zero" &&
	test "$(peak_kb)" -lt 50000
'

test_done
