#!/bin/sh
# t7040-correct-purge.sh: what an amendment or a correction kept of the old
# values of a case's personal data (the complainant's name, contact,
# summary, a remedy) and why, the retention purge removes with the rest:
# no byte of it stays in the store's files, and the history keeps only
# what the reports may read (which field changed, a day's old and new
# value).
. "$(dirname "$0")/lib.sh"

export COMPLAINTS_TODAY=2026-10-30

# at DAY ARGS...: the binary as of DAY.
at() {
	day=$1
	shift
	COMPLAINTS_TODAY=$day "$COMPLAINTS" "$@"
}

# amended_then_purged: a new store holding a case of 2019 whose name,
# contact, summary, day received and remedy were amended or corrected
# (old and new values alike private), closed in 2019 and purged; its
# reference in $old; and one recent case, kept.
amended_then_purged() {
	fresh_store south-staffordshire &&
	old=$(at 2019-06-30 log --complainant "Jon Mepleasename" \
	    --contact "07700 900123" --summary "A very private matter" \
	    --received 2019-03-05) &&
	at 2019-06-30 respond "$old" --outcome upheld \
	    --remedy "Apology to Mr Mepleasename" --date 2019-03-11 &&
	at 2019-06-30 amend "$old" --complainant "John Mepleasename" \
	    --contact "07700 900456" --summary "Another private matter" \
	    --received 2019-03-04 --reason "Mr Mepleasename rang to say" &&
	at 2019-06-30 correct "$old" --action respond \
	    --remedy "Refund to Mr Mepleasename" \
	    --reason "Mr Mepleasename was refunded" &&
	at 2019-06-30 close "$old" --reason resolved --date 2019-03-12 &&
	cpl log --complainant "Recent Person" --summary "Fresh" \
	    --received 2026-09-01 >/dev/null &&
	cpl purge --yes --closed-before 2020-10-30 >/dev/null
}

# lacks FILE TEXT: no byte of FILE spells TEXT.
lacks() {
	test_must_fail 1 env LC_ALL=C grep -q "$2" "$1" ||
	{ echo "# \"$2\" in $1" >&2; false; }
}

sqlite_only "the store's files themselves are searched" \
    'no byte of an amended name, contact, summary or remedy is left in the file (or its log)' '
	amended_then_purged &&
	for f in complaints.db complaints.db-wal; do
		[ -e $f ] || continue
		lacks $f "Mepleasename" && lacks $f "07700 900123" &&
		lacks $f "07700 900456" && lacks $f "private matter" ||
		return 1
	done &&
	# and a kept case'\''s name is found, so the search could find one
	LC_ALL=C grep -c "Recent Person" complaints.db >/dev/null
'

test_on amended_then_purged 'the purged history keeps which field changed, and a day'\''s old and new value' '
	cpl history "$old" --format json >h.json &&
	# by date: the close (2019-03-12) before the amendments (06-30)
	json_is h.json ".[2].action=closed" ".[3].action=amended" \
	    ".[3].field=complainant" \
	    .[3].old=null .[3].new=null .[3].detail=null ".[3].reason=" \
	    ".[4].field=contact" .[4].old=null ".[5].field=summary" \
	    .[5].new=null ".[6].field=received" .[6].old=2019-03-05 \
	    .[6].new=2019-03-04 ".[7].action=corrected" ".[7].field=remedies" \
	    .[7].old=null .[7].new=null &&
	cpl show "$old" --format json >case.json &&
	json_is case.json .received=2019-03-04 .complainant=null \
	    .purged=2026-10-30
'

test_done
