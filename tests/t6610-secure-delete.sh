#!/bin/sh
# t6610-secure-delete.sh: purge's promise (no byte of the purged data left
# in the file) holds whatever SQLite's build says: every connection that
# can write overwrites what it deletes or moves (secure delete), and a
# command refuses to write where that can't be set (complaints(1), "The
# database"). Debian's SQLite has it on by default; upstream's has it
# off. A small library loaded first (LD_PRELOAD) gives every connection
# upstream's default, so the test shows what a build of SQLite like
# upstream's would do; built here with the C compiler, it is skipped,
# saying so, where there is none or the binary can't take it. Every test
# works in a directory of its own.
#
# SQLite-only, the whole file: SQLite's secure delete, and the store's
# file searched for what it deleted.
. "$(dirname "$0")/lib.sh"

# off.so turns secure delete off on each new connection, as upstream's
# default has it; stuck.so also ignores a request to turn it on.
cat >shim.c <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

typedef struct sqlite3 sqlite3;
typedef int (*open_fn)(const char *, sqlite3 **, int, const char *);
typedef int (*exec_fn)(sqlite3 *, const char *, void *, void *, char **);

int
sqlite3_open_v2(const char *file, sqlite3 **db, int flags, const char *vfs)
{
	open_fn real = (open_fn)dlsym(RTLD_NEXT, "sqlite3_open_v2");
	exec_fn exec = (exec_fn)dlsym(RTLD_NEXT, "sqlite3_exec");
	int rc = real(file, db, flags, vfs);

	if (rc == 0)
		exec(*db, "PRAGMA secure_delete = OFF", NULL, NULL, NULL);
	return rc;
}

#ifdef STUCK
int
sqlite3_exec(sqlite3 *db, const char *sql, void *cb, void *arg, char **msg)
{
	exec_fn real = (exec_fn)dlsym(RTLD_NEXT, "sqlite3_exec");

	if (strstr(sql, "secure_delete") != NULL)
		return 0;
	return real(db, sql, cb, arg, msg);
}
#endif
EOF

# with SHIM CMD...: CMD with the library loaded first (and, in a
# sanitizer build, told that the sanitizer's runtime need not be first).
with() {
	shim_=$1
	shift
	LD_PRELOAD="$TEST_DIR/$shim_" \
	    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" "$@"
}

why=
cc=$(command -v cc || command -v gcc || command -v clang || :)
if [ -z "$cc" ]; then
	why="no C compiler to build the library that gives SQLite upstream's default"
elif ! "$cc" -shared -fPIC -o off.so shim.c -ldl 2>cc.err ||
    ! "$cc" -shared -fPIC -DSTUCK -o stuck.so shim.c -ldl 2>>cc.err; then
	why="the library that gives SQLite upstream's default does not build: $(head -1 cc.err)"
elif ! with off.so "$COMPLAINTS" --version >/dev/null 2>cc.err; then
	why="this binary can't be run with a library loaded first: $(head -1 cc.err)"
elif [ "$(with off.so sqlite3 :memory: 'PRAGMA secure_delete')" != 0 ]; then
	why="the library loaded first does not reach SQLite here"
fi

# purged_here N: in a new store, N cases logged (summaries of many
# lengths, so rows move as they change) and closed, then purged, all with
# upstream's default; prints how many of their names are left in the file.
purged_here() {
	mkdir "$TEST_DIR/$1" && cd "$TEST_DIR/$1" &&
	with off.so "$COMPLAINTS" init --policy psps &&
	i=0 &&
	while [ $i -lt "$2" ]; do
		summary=$(printf "%0$(( (i * 37) % 200 + 1 ))d" 0) &&
		r=$(with off.so "$COMPLAINTS" log --complainant "Quentin Markername$i" \
		    --contact "0770090$i" --summary "$summary" \
		    --received 2020-02-03) &&
		with off.so "$COMPLAINTS" close "$r" --reason withdrawn \
		    --date 2020-02-04 || return 1
		i=$((i + 1))
	done &&
	with off.so "$COMPLAINTS" purge --yes --closed-before 2021-01-01 \
	    --format csv >purged &&
	test "$(sed 1d purged | wc -l)" = "$2" &&
	cpl export --format jsonl >cases.jsonl &&
	test "$(jq -s "map(select(.complainant != null)) | length" cases.jsonl)" = 0
}

if [ -z "$why" ]; then
	test_expect_success 'with SQLite deleting as upstream does, a purge leaves no name behind in the file' '
		purged_here t1 25 &&
		left=$(LC_ALL=C grep -ao "Markername[0-9]*" complaints.db | sort -u | wc -l) &&
		{ test "$left" = 0 || { echo "# $left purged names left in the file" >&2; false; }; } &&
		# the file is where the names would be: a kept one is found
		cpl log --complainant "Kept Markername" --summary s >/dev/null &&
		LC_ALL=C grep -q "Kept Markername" complaints.db
	'

	test_expect_success 'where secure delete can'\''t be turned on, a write is refused (3), the store unchanged' '
		mkdir "$TEST_DIR/t2" && cd "$TEST_DIR/t2" &&
		cpl init --policy psps && dump_db >before &&
		fails 3 with stuck.so "$COMPLAINTS" log --complainant "Zadie Secretname" \
		    --summary s &&
		one_line_error err "complaints.db: SQLite will not overwrite what is deleted (secure delete stays off), so removed personal data would stay in the file; nothing was changed" &&
		test ! -s out && dump_db >after && test_cmp before after
	'
else
	test_skip "a purge leaves no name behind with upstream's SQLite default" "$why"
	test_skip "a write is refused where secure delete can't be turned on" "$why"
fi

test_done
