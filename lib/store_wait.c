/*
 * store_wait.c: waiting for another process's lock on the store (see
 * store_wait and store_wait_notice in store.h): how long, and what the
 * officer is told meanwhile, naming the process that holds the store.
 */
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "store_int.h"

/* How long to wait for another process's lock (store_wait), and who is
 * told that a command is waiting (store_wait_notice). */
static int wait_seconds = STORE_DEFAULT_WAIT;
static void (*wait_notice)(void *arg, const char *msg);
static void *wait_notice_arg;

void
store_wait(int seconds)
{
	wait_seconds = seconds;
}

int
wait_limit(void)
{
	return wait_seconds;
}

void
store_wait_notice(void (*fn)(void *arg, const char *msg), void *arg)
{
	wait_notice = fn;
	wait_notice_arg = arg;
}

/*
 * The locks SQLite takes on the -shm file of a store in WAL mode: POSIX
 * advisory locks of one byte each from offset 120 (SQLite's src/os_unix.c,
 * UNIX_SHM_BASE; src/wal.c, WAL_WRITE_LOCK, WAL_CKPT_LOCK,
 * WAL_RECOVER_LOCK, then WAL_READ_LOCK(0..4), one a reader holds shared).
 */
enum {
	SHM_WRITE_LOCK = 120,
	SHM_RECOVER_LOCK = 122,
	SHM_READ_LOCK = 123,
	SHM_READERS = 5
};

/* The process holding a lock on byte of fd (F_GETLK never reports this
 * process's own), or 0 when none is, or none this system can name. */
static pid_t
lock_holder(int fd, off_t byte)
{
	struct flock fl;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = byte;
	fl.l_len = 1;
	if (fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type == F_UNLCK ||
	    fl.l_pid <= 0)
		return 0;
	return fl.l_pid;
}

/* "'complaints import web.csv' (pid 4242, account bob)": the process's
 * command line and owner as /proc shows them, or what of it can be read. */
static void
describe_process(pid_t pid, char *buf, size_t len)
{
	char path[64], cmd[200], account[64] = "";
	const char *name;
	struct passwd *pw;
	struct stat sb;
	ssize_t n = 0;
	size_t at;
	int fd;

	snprintf(path, sizeof(path), "/proc/%ld/cmdline", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		n = read(fd, cmd, sizeof(cmd) - 1);
		close(fd);
	}
	if (n < 0)
		n = 0;
	cmd[n] = '\0';
	/* The arguments are NUL-separated; the program by its name only. */
	while (n > 0 && cmd[n - 1] == '\0')
		n--;
	for (ssize_t i = 0; i < n; i++)
		if (cmd[i] == '\0')
			cmd[i] = ' ';
	at = strcspn(cmd, " ");
	name = cmd;
	for (size_t i = 0; i < at; i++)
		if (cmd[i] == '/')
			name = cmd + i + 1;
	snprintf(path, sizeof(path), "/proc/%ld", (long)pid);
	if (stat(path, &sb) == 0) {
		if ((pw = getpwuid(sb.st_uid)) != NULL)
			snprintf(account, sizeof(account), ", account %s",
			    pw->pw_name);
		else
			snprintf(account, sizeof(account), ", account %ld",
			    (long)sb.st_uid);
	}
	if (*name != '\0')
		snprintf(buf, len, "'%s%s' (pid %ld%s)", name,
		    (size_t)n == sizeof(cmd) - 1 ? "..." : "", (long)pid,
		    account);
	else
		snprintf(buf, len, "process %ld%s%s%s", (long)pid,
		    *account ? " (" : "", *account ? account + 2 : "",
		    *account ? ")" : "");
}

/* Tell store_wait_notice's function what this store waits for: the
 * process holding the lock SQLite waits on, asked of the -shm file. */
static void
tell_waiting(struct store *st)
{
	char shm[4096], who[320], msg[512];
	const char *doing = NULL;
	pid_t pid = 0;

	/* Opened once and kept: closing any descriptor of a file drops every
	 * POSIX lock this process holds on it, SQLite's own included. */
	if (!st->shm_open &&
	    (size_t)snprintf(shm, sizeof(shm), "%s-shm", st->path) <
	    sizeof(shm) && (st->shm_fd = open(shm, O_RDONLY | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC)) >= 0)
		st->shm_open = 1;
	for (int i = 0; st->shm_open && st->wait_readers && pid == 0 &&
	    i < SHM_READERS; i++)
		if ((pid = lock_holder(st->shm_fd, SHM_READ_LOCK + i)) != 0)
			doing = "is reading it";
	if (st->shm_open && pid == 0 && !st->wait_readers &&
	    (pid = lock_holder(st->shm_fd, SHM_WRITE_LOCK)) != 0)
		doing = "is writing to it";
	if (st->shm_open && pid == 0 && !st->wait_readers &&
	    (pid = lock_holder(st->shm_fd, SHM_RECOVER_LOCK)) != 0)
		doing = "is recovering it after a crash";
	if (pid != 0) {
		describe_process(pid, who, sizeof(who));
		snprintf(msg, sizeof(msg), "waiting for '%s' (up to %d "
		    "second%s): %s %s", st->path, wait_seconds,
		    wait_seconds == 1 ? "" : "s", who, doing);
	} else
		snprintf(msg, sizeof(msg), "waiting for '%s' (up to %d "
		    "second%s): another process holds it", st->path,
		    wait_seconds, wait_seconds == 1 ? "" : "s");
	wait_notice(wait_notice_arg, msg);
}

/* How long a command waits before it says so (busy_wait), in ms. */
#define NOTICE_AFTER 1000

int
busy_wait(void *arg, int count)
{
	/* Sleeps in ms: short at first (most locks are held for one
	 * commit), then a steady poll, short enough that a lock let go is
	 * taken again at once by one of the processes waiting for it. */
	static const int delays[] = {1, 2, 5, 10, 15, 20, 25};
	const int n_delays = (int)(sizeof(delays) / sizeof(delays[0]));
	struct store *st = arg;
	struct timespec now, nap;
	long waited, left, delay;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (count == 0)
		st->wait_began = now;
	waited = (long)(now.tv_sec - st->wait_began.tv_sec) * 1000 +
	    (now.tv_nsec - st->wait_began.tv_nsec) / 1000000;
	left = (long)wait_seconds * 1000 - waited;
	if (left <= 0)
		return 0;
	if (waited >= NOTICE_AFTER && !st->wait_told && wait_notice != NULL) {
		st->wait_told = 1;
		tell_waiting(st);
	}
	delay = delays[count < n_delays ? count : n_delays - 1];
	if (delay > left)
		delay = left;
	nap.tv_sec = delay / 1000;
	nap.tv_nsec = (delay % 1000) * 1000000;
	nanosleep(&nap, NULL);
	return 1;
}
