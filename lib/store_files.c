/*
 * store_files.c: the files of a store on disk (see store.h): who may own
 * them and with what mode, the new store init builds under a temporary
 * name, and stores on read-only media.
 *
 * A store is its database file NAME and, beside it, the files SQLite
 * makes while it is open: NAME-wal (the write-ahead log: every change,
 * personal data included, is written there first), NAME-shm (the log's
 * index, which readers trust) and NAME-journal (a rollback journal, used
 * before a store is in WAL mode, and played back into the database when
 * one is found). Whoever can read or write any of them can read or change
 * the cases, so all of them follow one rule:
 *
 *   - a store of one account: the database has no access for group or
 *     others; the files beside it belong to the database's owner and
 *     have no access for group or others either;
 *   - a store shared with a group (its "group" setting): the database
 *     and the files beside it carry that group, whichever officer's
 *     account made them, and have no access for others.
 *
 * SQLite makes the files beside the database with the database's mode
 * (whatever the umask) and, run as root, with its owner and group; run
 * as an officer, with the officer's own group, unless the directory is
 * setgid (complaints-init(1)'s set-up for a team).
 *
 * A new store is built whole under .NAME.init-XXXXXX beside NAME, locked
 * (flock) by the process building it, and linked to NAME only when it is
 * complete and NAME is still free: an init killed at any moment leaves no
 * store or a complete one. The next init removes what such an init left
 * (its own files, once no process holds their lock).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "store_int.h"

/* The files SQLite keeps beside a database, by the ending of their names. */
static const char *const beside[] = {"-wal", "-shm", "-journal"};
#define N_BESIDE (int)(sizeof(beside) / sizeof(beside[0]))

/* The temporary name of a new store: "." NAME INIT_TAG "XXXXXX". */
#define INIT_TAG ".init-"
#define INIT_RANDOM 6

/* The directory of path (".", or up to its last '/'): a new string. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static const char *
base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* An account's name, or its number: for messages. */
static const char *
account(uid_t uid, char *buf, size_t size)
{
	struct passwd *pw = getpwuid(uid);

	if (pw != NULL)
		snprintf(buf, size, "'%s'", pw->pw_name);
	else
		snprintf(buf, size, "uid %ld", (long)uid);
	return buf;
}

static const char *
group_name(gid_t gid, char *buf, size_t size)
{
	struct group *gr = getgrgid(gid);

	if (gr != NULL)
		snprintf(buf, size, "%s", gr->gr_name);
	else
		snprintf(buf, size, "%ld", (long)gid);
	return buf;
}

/* Does this process belong to group gid (or may it give files any group)? */
static int
member_of(gid_t gid)
{
	gid_t *list;
	int n, yes = 0;

	if (geteuid() == 0 || getegid() == gid)
		return 1;
	if ((n = getgroups(0, NULL)) <= 0 ||
	    (list = calloc((size_t)n, sizeof(*list))) == NULL)
		return 0;
	n = getgroups(n, list);
	for (int i = 0; i < n && !yes; i++)
		yes = list[i] == gid;
	free(list);
	return yes;
}

/*
 * The rule for a file beside the database (name, for messages; sb, from
 * lstat or fstat), db being the database file's stat.
 */
static int
beside_ok(const char *name, const struct stat *sb, const struct stat *db,
    const char *db_name, struct cpl_error *err)
{
	char a[64], b[64], c[64];

	if (!S_ISREG(sb->st_mode))
		return cpl_fail(err, CPL_STORE, "'%s' is not a regular file, and "
		    "SQLite would use it as the store's own: remove it", name);
	if ((db->st_mode & 070) != 0) {
		/* Shared with the database's group (files_check_group). */
		if (sb->st_gid != db->st_gid)
			return cpl_fail(err, CPL_STORE, "'%s' has group '%s', not "
			    "the store's group '%s', so others could read the "
			    "cases in it: give it the store's group ('chgrp %s "
			    "%s'; in a setgid directory new files get it)", name,
			    group_name(sb->st_gid, a, sizeof(a)),
			    group_name(db->st_gid, b, sizeof(b)), b, name);
		if ((sb->st_mode & 007) != 0)
			return cpl_fail(err, CPL_STORE, "'%s' holds personal data "
			    "but its mode is %03o, open to others: make it the "
			    "group's only ('chmod 660 %s')", name,
			    (unsigned)(sb->st_mode & 0777), name);
		return 0;
	}
	if (sb->st_uid != db->st_uid)
		return cpl_fail(err, CPL_STORE, "'%s' belongs to %s, not to %s "
		    "who owns '%s', so that account could read or change the "
		    "cases through it: nothing was written; have it removed",
		    name, account(sb->st_uid, a, sizeof(a)),
		    account(db->st_uid, c, sizeof(c)), db_name);
	if ((sb->st_mode & 077) != 0)
		return cpl_fail(err, CPL_STORE, "'%s' holds personal data but its "
		    "mode is %03o, open to others: make it the owner's only "
		    "('chmod 600 %s')", name, (unsigned)(sb->st_mode & 0777), name);
	return 0;
}

/* The files beside file (path, or a new store's temporary name), by name. */
static int
check_beside(const char *file, const struct stat *db, const char *db_name,
    struct cpl_error *err)
{
	char name[PATH_MAX];
	struct stat sb;
	int rc;

	for (int i = 0; i < N_BESIDE; i++) {
		snprintf(name, sizeof(name), "%s%s", file, beside[i]);
		/* lstat: a symbolic link is refused, never followed. */
		if (lstat(name, &sb) != 0) {
			if (errno == ENOENT)
				continue;
			return cpl_fail(err, CPL_STORE, "can't check '%s': %s",
			    name, strerror(errno));
		}
		if ((rc = beside_ok(name, &sb, db, db_name, err)))
			return rc;
	}
	return 0;
}

int
files_check(struct store *st, const struct stat *sb, struct cpl_error *err)
{
	if (!S_ISREG(sb->st_mode))
		return cpl_fail(err, CPL_STORE, "'%s' is not a database file",
		    st->path);
	/* Personal data: a store others may read is a leak already; say so
	 * rather than go on using it. Group access is for a shared store
	 * only, which files_check_group confirms. */
	if ((sb->st_mode & 007) != 0)
		return cpl_fail(err, CPL_STORE, "'%s' holds personal data but its "
		    "mode is %03o, open to others: make it the owner's only "
		    "('chmod 600 %s')", st->path, (unsigned)(sb->st_mode & 0777),
		    st->path);
	return check_beside(st->file, sb, st->path, err);
}

int
files_check_group(struct store *st, const struct stat *sb,
    struct cpl_error *err)
{
	struct group *gr;
	char *group = NULL, a[64];
	int rc;

	if ((sb->st_mode & 070) == 0)
		return 0;
	if ((rc = store_get_setting(st, "group", &group, err)))
		return rc;
	if (group == NULL)
		return cpl_fail(err, CPL_STORE, "'%s' holds personal data but its "
		    "mode is %03o, open to others: make it the owner's only "
		    "('chmod 600 %s')", st->path, (unsigned)(sb->st_mode & 0777),
		    st->path);
	if ((gr = getgrnam(group)) == NULL)
		rc = cpl_fail(err, CPL_STORE, "'%s' is shared with group '%s', "
		    "which this system does not have", st->path, group);
	else if (gr->gr_gid != sb->st_gid)
		rc = cpl_fail(err, CPL_STORE, "'%s' has group '%s', not the "
		    "store's group '%s', so others could read the cases: give "
		    "it the store's group ('chgrp %s %s')", st->path,
		    group_name(sb->st_gid, a, sizeof(a)), group, group, st->path);
	free(group);
	return rc;
}

int
files_check_open(struct store *st, const struct stat *sb,
    struct cpl_error *err)
{
	char real[PATH_MAX], link[PATH_MAX + 32], fd_path[300], name[PATH_MAX];
	struct dirent *e;
	struct stat fsb;
	size_t n;
	ssize_t len;
	DIR *d;
	int rc = 0;

	/* SQLite opens its files by the database's full name, which the
	 * kernel gives for each descriptor; without /proc, by name. */
	if (realpath(st->file, real) == NULL ||
	    (d = opendir("/proc/self/fd")) == NULL)
		return check_beside(st->file, sb, st->path, err);
	n = strlen(real);
	while (rc == 0 && (e = readdir(d)) != NULL) {
		const char *end;
		int i;

		if (e->d_name[0] == '.')
			continue;
		snprintf(fd_path, sizeof(fd_path), "/proc/self/fd/%s", e->d_name);
		if ((len = readlink(fd_path, link, sizeof(link) - 1)) <= 0)
			continue;
		link[len] = '\0';
		if (strncmp(link, real, n) != 0)
			continue;
		/* The file itself, even if it was removed meanwhile: the one
		 * SQLite writes to is what counts, not what the name holds. */
		end = link + n;
		for (i = 0; i < N_BESIDE; i++) {
			size_t l = strlen(beside[i]);
			if (strncmp(end, beside[i], l) == 0 && (end[l] == '\0' ||
			    strcmp(end + l, " (deleted)") == 0))
				break;
		}
		if (i == N_BESIDE || fstat(atoi(e->d_name), &fsb) != 0)
			continue;
		snprintf(name, sizeof(name), "%s%s", st->file, beside[i]);
		rc = beside_ok(name, &fsb, sb, st->path, err);
	}
	closedir(d);
	return rc;
}

int
files_make_beside(struct store *st, const struct stat *db,
    struct cpl_error *err)
{
	unsigned char header[20];
	char name[PATH_MAX];
	struct stat sb;
	int fd, rc;

	/* Only for a database in WAL mode (byte 18 of its header is 2): on
	 * one that is not, SQLite would remove an empty log or take one for
	 * its own before switching. */
	if ((fd = open(st->file, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	rc = pread(fd, header, sizeof(header), 0) == (ssize_t)sizeof(header) &&
	    header[18] == 2;
	close(fd);
	if (!rc)
		return 0;
	for (int i = 0; i < 2; i++) {	/* -wal, -shm */
		snprintf(name, sizeof(name), "%s%s", st->file, beside[i]);
		fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		if (fd < 0) {
			if (errno != EEXIST)
				continue;	/* SQLite will say why */
			/* Made meanwhile, by SQLite or by someone else. */
			if (lstat(name, &sb) != 0)
				continue;
			if ((rc = beside_ok(name, &sb, db, st->path, err)))
				return rc;
			continue;
		}
		/* As SQLite would make it: the database's owner (when run as
		 * root: as it is, it can't be another) and group, and mode. */
		if (geteuid() == 0)
			rc = fchown(fd, db->st_uid, db->st_gid);
		else if ((db->st_mode & 070) != 0)
			rc = fchown(fd, (uid_t)-1, db->st_gid);
		else
			rc = 0;
		if (rc != 0 || fchmod(fd, db->st_mode & 0660) != 0) {
			rc = cpl_fail(err, CPL_STORE, "can't make '%s': %s", name,
			    strerror(errno));
			close(fd);
			unlink(name);
			return rc;
		}
		close(fd);
	}
	return 0;
}

/* Can nobody (but an administrator) make or change files in dir? */
static int
frozen(const char *dir)
{
	struct statvfs vfs;
	struct stat sb;

	if (statvfs(dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
		return 1;
	return stat(dir, &sb) == 0 && (sb.st_mode & 0222) == 0;
}

/* Does name exist, and is it not empty? */
static int
exists(const char *name, int *empty)
{
	struct stat sb;

	if (lstat(name, &sb) != 0)
		return 0;
	if (empty)
		*empty = sb.st_size == 0;
	return 1;
}

int
files_open_mode(struct store *st, enum open_mode *mode, struct cpl_error *err)
{
	char name[PATH_MAX], *dir;
	int rc = 0, dir_ok, dir_errno, file_errno, wal, wal_empty = 1;

	*mode = OPEN_WRITE;
	st->read_only[0] = '\0';
	if ((dir = dir_of(st->file)) == NULL)
		return no_memory(err);
	dir_errno = access(dir, W_OK | X_OK) == 0 ? 0 : errno;
	file_errno = access(st->file, W_OK) == 0 ? 0 : errno;
	dir_ok = dir_errno == 0;
	if (file_errno == EROFS || dir_errno == EROFS)
		snprintf(st->read_only, sizeof(st->read_only),
		    "it is on a read-only file system");
	else if (file_errno != 0)
		snprintf(st->read_only, sizeof(st->read_only),
		    "the file is read-only for this account");
	else if (!dir_ok)
		snprintf(st->read_only, sizeof(st->read_only), "its directory "
		    "'%s' must be writable (SQLite keeps the -wal and -shm files "
		    "there)", dir);
	if (st->read_only[0] == '\0')
		goto out;
	*mode = OPEN_READ;
	if (dir_ok)
		goto out;	/* SQLite makes the -wal and -shm files */
	snprintf(name, sizeof(name), "%s-wal", st->file);
	wal = exists(name, &wal_empty);
	snprintf(name, sizeof(name), "%s-shm", st->file);
	if (wal && exists(name, NULL))
		goto out;	/* SQLite reads them as they are */
	/*
	 * Neither can be made here. With no log, the file holds every
	 * committed change, and on media no one can write it can't change
	 * while it is read: read it as it stands (SQLite's "immutable").
	 * Not otherwise: a log (even one whose index is gone) holds changes
	 * the file does not, and a store someone else may be writing could
	 * change under a reader that takes no locks.
	 */
	if (wal_empty && frozen(dir))
		*mode = OPEN_FROZEN;
	else if (!wal_empty)
		rc = cpl_fail(err, CPL_STORE, "%s: can't be read: its log '%s-wal' "
		    "holds changes not yet in the file, which can't be read "
		    "without a -shm file beside it: %s", st->path, st->path,
		    st->read_only);
	else
		rc = cpl_fail(err, CPL_STORE, "%s: can't be read: %s, even to "
		    "read a store that others may write", st->path, st->read_only);
out:
	free(dir);
	return rc;
}

/*
 * Remove what interrupted inits of base left in dir: their temporary
 * files (and the files beside them) that belong to this account and that
 * no living init holds locked.
 */
static void
remove_leftovers(const char *dir, const char *base)
{
	char prefix[NAME_MAX + 16], name[NAME_MAX + 32];
	struct dirent *e;
	struct stat sb;
	size_t n;
	DIR *d;
	int fd;

	snprintf(prefix, sizeof(prefix), ".%s" INIT_TAG, base);
	n = strlen(prefix);
	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, n) != 0 ||
		    strlen(e->d_name) != n + INIT_RANDOM)
			continue;
		fd = openat(dirfd(d), e->d_name, O_RDONLY | O_NOFOLLOW |
		    O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    sb.st_uid == geteuid() && flock(fd, LOCK_EX | LOCK_NB) == 0) {
			for (int i = 0; i < N_BESIDE; i++) {
				struct stat bsb;
				snprintf(name, sizeof(name), "%s%s", e->d_name,
				    beside[i]);
				if (fstatat(dirfd(d), name, &bsb,
				    AT_SYMLINK_NOFOLLOW) == 0 &&
				    bsb.st_uid == geteuid())
					unlinkat(dirfd(d), name, 0);
			}
			unlinkat(dirfd(d), e->d_name, 0);
		}
		close(fd);
	}
	closedir(d);
}

void
files_tidy(struct store *st)
{
	char *dir = dir_of(st->path);

	if (dir != NULL)
		remove_leftovers(dir, base_of(st->path));
	free(dir);
}

int
files_new(struct store *st, int *exists_now, struct cpl_error *err)
{
	char name[PATH_MAX], who[64], *dir, *tmp = NULL;
	struct stat sb, other;
	size_t n;
	int rc = 0, fd;

	*exists_now = 0;
	if ((dir = dir_of(st->path)) == NULL)
		return no_memory(err);
	/* A log or journal with no database is left from one removed (or
	 * was put there): SQLite would take it for the new store's own and
	 * play it into it. */
	for (int i = 0; i < N_BESIDE; i++) {
		snprintf(name, sizeof(name), "%s%s", st->path, beside[i]);
		if (lstat(name, &sb) != 0)
			continue;
		if (stat(st->path, &other) == 0) {
			*exists_now = 1;	/* another init's, in use already */
			goto out;
		}
		rc = cpl_fail(err, CPL_STORE, "'%s' (of %s, mode %03o) is there "
		    "but '%s' is not: it is left from a removed database, or "
		    "another account put it there; nothing was written: remove it "
		    "first", name, account(sb.st_uid, who, sizeof(who)),
		    (unsigned)(sb.st_mode & 0777), st->path);
		goto out;
	}
	n = strlen(dir) + strlen(base_of(st->path)) + sizeof(INIT_TAG) + 16;
	if ((tmp = malloc(n)) == NULL) {
		rc = no_memory(err);
		goto out;
	}
	for (;;) {
		/* Mode 0600, whatever the umask: personal data from the
		 * start. */
		snprintf(tmp, n, "%s/.%s" INIT_TAG "XXXXXX", dir,
		    base_of(st->path));
		if ((fd = mkstemp(tmp)) < 0) {
			rc = cpl_fail(err, CPL_STORE, "can't create '%s': %s",
			    st->path, errno == EACCES || errno == EROFS ? "its "
			    "directory can't be written" : strerror(errno));
			goto out;
		}
		/* Another init may have taken it for a leftover before the
		 * lock: then it is gone (no link left), and another is made.
		 * Once locked, it is not taken. */
		if (flock(fd, LOCK_EX) != 0 || fstat(fd, &sb) != 0) {
			rc = cpl_fail(err, CPL_STORE, "can't create '%s': %s",
			    st->path, strerror(errno));
			unlink(tmp);
			close(fd);
			goto out;
		}
		if (sb.st_nlink > 0)
			break;
		close(fd);
	}
	free(st->file);
	st->file = tmp;
	tmp = NULL;
	st->lock_fd = fd;
	st->fresh = 1;
out:
	free(tmp);
	free(dir);
	return rc;
}

int
files_publish(struct store *st, int *taken, struct cpl_error *err)
{
	char name[PATH_MAX], *dir;
	int empty = 1, fd;

	*taken = 0;
	/* Closed, SQLite removed the log it had emptied; one left with
	 * something in it holds what the file does not. */
	snprintf(name, sizeof(name), "%s-wal", st->file);
	if (exists(name, &empty) && !empty)
		return cpl_fail(err, CPL_STORE, "%s: can't write the new store: "
		    "its log stays", st->path);
	if (fsync(st->lock_fd) != 0)
		return cpl_fail(err, CPL_STORE, "%s: can't write the new store: "
		    "%s", st->path, strerror(errno));
	/* The name only if it is still free: of two inits at once, the
	 * second finds the first's store and leaves it be. */
	if (link(st->file, st->path) != 0) {
		if (errno == EEXIST) {
			*taken = 1;
			return 0;
		}
		return cpl_fail(err, CPL_STORE, "can't create '%s': %s",
		    st->path, strerror(errno));
	}
	/* The new name lasts through a power cut. */
	if ((dir = dir_of(st->path)) != NULL &&
	    (fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
	return 0;
}

void
files_discard(struct store *st)
{
	char name[PATH_MAX];

	for (int i = 0; i < N_BESIDE; i++) {
		snprintf(name, sizeof(name), "%s%s", st->file, beside[i]);
		unlink(name);
	}
	unlink(st->file);
}

int
store_group_check(const char *group, struct cpl_error *err)
{
	struct group *gr = getgrnam(group);

	if (gr == NULL)
		return cpl_fail(err, CPL_USAGE, "there is no group '%s' on this "
		    "system", group);
	if (!member_of(gr->gr_gid))
		return cpl_fail(err, CPL_USAGE, "the store can't be shared with "
		    "group '%s': this account is not a member of it", group);
	return 0;
}

/* Give file (not following a link) mode and, unless -1, group gid. */
static int
set_mode(const char *file, mode_t mode, gid_t gid, int must_exist,
    struct cpl_error *err)
{
	int fd = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	int rc = 0;

	if (fd < 0)
		return errno == ENOENT && !must_exist ? 0 : cpl_fail(err,
		    CPL_STORE, "can't share '%s': %s", file, strerror(errno));
	/* The group first, then the mode: the group's access is opened to
	 * the right group only. */
	if ((gid != (gid_t)-1 && fchown(fd, (uid_t)-1, gid) != 0) ||
	    fchmod(fd, mode) != 0)
		rc = cpl_fail(err, CPL_STORE, "can't share '%s': %s%s", file,
		    strerror(errno), errno == EPERM ? " (only its owner may)" : "");
	close(fd);
	return rc;
}

int
store_share(struct store *st, const char *group, int *changed,
    struct cpl_error *err)
{
	char name[PATH_MAX];
	struct group *gr;
	struct stat sb;
	int rc;

	*changed = 0;
	if (st->lite == NULL)
		return cpl_fail(err, CPL_STORE, "'%s' is a PostgreSQL database: "
		    "who may use it is the server's roles and grants, not a "
		    "group of a file's", st->path);
	if ((rc = store_group_check(group, err)))
		return rc;
	if ((gr = getgrnam(group)) == NULL || stat(st->file, &sb) != 0)
		return cpl_fail(err, CPL_STORE, "can't share '%s': %s", st->path,
		    gr ? strerror(errno) : "the group went");
	st->was_mode = sb.st_mode & 0777;
	st->was_gid = sb.st_gid;
	*changed = st->was_mode != 0660 || sb.st_gid != gr->gr_gid;
	if (!*changed)
		return 0;
	st->shared_now = 1;
	if ((rc = set_mode(st->file, 0660, gr->gr_gid, 1, err)))
		goto fail;
	for (int i = 0; i < N_BESIDE; i++) {
		snprintf(name, sizeof(name), "%s%s", st->file, beside[i]);
		if ((rc = set_mode(name, 0660, gr->gr_gid, 0, err)))
			goto fail;
	}
	return 0;
fail:
	store_share_undo(st);
	return rc;
}

void
store_share_undo(struct store *st)
{
	struct cpl_error ignored;
	char name[PATH_MAX];

	if (!st->shared_now)
		return;
	st->shared_now = 0;
	/* The mode first, then the group: no wider access on the way. */
	for (int i = -1; i < N_BESIDE; i++) {
		snprintf(name, sizeof(name), "%s%s", st->file, i < 0 ? "" :
		    beside[i]);
		set_mode(name, st->was_mode, (gid_t)-1, 0, &ignored);
		set_mode(name, st->was_mode, st->was_gid, 0, &ignored);
	}
}
