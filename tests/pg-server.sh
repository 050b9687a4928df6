#!/bin/sh
# tests/pg-server.sh start|stop DIR: a throwaway PostgreSQL server for the
# tests and the benchmarks, from Debian's postgresql package.
#
# start makes a new cluster in a temporary directory of its own (initdb:
# trust authentication, UTF-8, locale C.UTF-8, no fsync), starts it
# listening on a Unix socket in that directory only (no TCP port), makes a
# database "complaints" with the C collation, and prints the libpq
# connection string of it, which it also writes to DIR/conninfo; DIR/server
# names the temporary directory. A server this DIR started before is
# stopped first. stop stops it at once (pg_ctl -m immediate: nothing in it
# is kept) and removes its directory.
#
# Run as root, the server runs as the account postgres (it refuses to run
# as root); otherwise as the account running this. Clients connect as the
# role postgres, whatever their account (trust). Where the server's
# programs are not installed (/usr/lib/postgresql/VERSION/bin, or the
# directory PG_BINDIR names), both exit 77, which ctest reports as a skip.
set -eu

usage() {
	echo "usage: tests/pg-server.sh start|stop DIR" >&2
	exit 2
}
[ $# -eq 2 ] || usage
what=$1
dir=$2
case $what in start|stop) ;; *) usage ;; esac

skip() {
	echo "skip: $*"
	exit 77
}

# The newest installed server's programs.
bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && bindir=$d
	done
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
	skip "no PostgreSQL server installed (Debian's postgresql package)"
fi

# Run a server program as the account that owns the cluster.
owner=""
if [ "$(id -u)" -eq 0 ]; then
	id postgres >/dev/null 2>&1 ||
		skip "run as root, but there is no account postgres to run the server as"
	command -v runuser >/dev/null 2>&1 ||
		skip "run as root, but there is no runuser to run the server as postgres"
	owner=postgres
fi
as_owner() {
	if [ -n "$owner" ]; then
		runuser -u "$owner" -- "$@"
	else
		"$@"
	fi
}

stop_server() {
	[ -f "$dir/server" ] || return 0
	run=$(cat "$dir/server")
	# Only a directory this script made.
	case $run in
	*/cpl-pg.*) ;;
	*) echo "pg-server.sh: $dir/server names '$run', not a server of mine" >&2
	   exit 1 ;;
	esac
	if [ -f "$run/data/postmaster.pid" ]; then
		as_owner "$bindir/pg_ctl" -D "$run/data" -m immediate -w stop \
			>/dev/null 2>&1 || true
	fi
	rm -rf "$run"
	rm -f "$dir/server" "$dir/conninfo"
}

if [ "$what" = stop ]; then
	[ -f "$dir/server" ] || skip "no server started in $dir"
	stop_server
	echo "stopped"
	exit 0
fi

mkdir -p "$dir"
stop_server
# The socket's path must fit in 107 bytes: a short temporary directory,
# not the build tree.
run=$(mktemp -d "${TMPDIR:-/tmp}/cpl-pg.XXXXXX")
echo "$run" > "$dir/server"
[ -z "$owner" ] || chown "$owner" "$run"
failed() {
	echo "pg-server.sh: $1; its log:" >&2
	cat "$run/$2" >&2 2>/dev/null || true
	stop_server
	exit 1
}
as_owner "$bindir/initdb" -D "$run/data" -U postgres -A trust -E UTF8 \
	--locale=C.UTF-8 --no-sync >"$run/initdb.log" 2>&1 ||
	failed "initdb failed" initdb.log
as_owner "$bindir/pg_ctl" -D "$run/data" -w -l "$run/server.log" start \
	-o "-c listen_addresses='' -k $run -c fsync=off" >/dev/null 2>&1 ||
	failed "the server did not start" server.log
# The C collation: under an ICU or libc one, accented names and lower-case
# references sort otherwise than SQLite sorts them.
"$bindir/createdb" -h "$run" -U postgres -T template0 -E UTF8 \
	--lc-collate=C --lc-ctype=C.UTF-8 complaints >"$run/createdb.log" 2>&1 ||
	failed "createdb failed" createdb.log
conninfo="host=$run dbname=complaints user=postgres"
echo "$conninfo" > "$dir/conninfo"
echo "$conninfo"
