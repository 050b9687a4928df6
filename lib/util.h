/* util.h: small helpers shared by lib/. */
#ifndef CPL_UTIL_H
#define CPL_UTIL_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

/* The longest text a case keeps (a name, a summary, a note). */
#define TEXT_MAX (1 << 20)
#define TEXT_MAX_TEXT "1048576 bytes (1 MiB)"
/* The longest policy or calendar file read: a council's policy is tens
 * of kilobytes. */
#define POLICY_FILE_MAX (1 << 20)
#define POLICY_FILE_MAX_TEXT "1048576 bytes (1 MiB)"

/*
 * Read f to its end into a new NUL-terminated buffer of *len bytes; -1
 * with errno set. More than max bytes is EFBIG, found as soon as byte
 * max + 1 is read: memory and time stay bounded whatever f is.
 */
int read_stream(FILE *f, size_t max, char **text, size_t *len);
/* The same, for the file at path. */
int read_file(const char *path, size_t max, char **text, size_t *len);
/*
 * A text (a summary, a note) from f, its trailing newlines dropped: a new
 * string in *out, or NULL when f holds nothing else. what names it in
 * messages ("the summary on standard input"). Longer than TEXT_MAX (found
 * a line end past it at most, nothing read further), a NUL byte or a read
 * error is CPL_USAGE.
 */
int read_text(FILE *f, const char *what, char **out, struct cpl_error *err);
/* A person's name as a key to find it by: spaces around it dropped and
 * runs of them made one, letters in lower case (Latin with its accents,
 * Greek, Cyrillic): "  SIÂN  Jones" and "siân jones" are one key. A new
 * string (NULL for NULL, or out of memory). */
char *name_key(const char *name);
/* Write all len bytes of buf to fd (a short write continued, EINTR
 * retried); -1 with errno set. */
int write_all(int fd, const void *buf, size_t len);
/*
 * A file written whole or not at all: made new beside path, this
 * account's only (mode 0600), never through a symbolic link, renamed
 * onto path once it is all on disk (a link at path is replaced, not
 * followed). atomic_open, then write to a->fd, then atomic_commit, or
 * atomic_abort to leave path as it was.
 */
struct atomic_file {
	char *path;		/* where it goes */
	char *tmp;		/* its name until then */
	int fd;
};
int atomic_open(struct atomic_file *a, const char *path,
    struct cpl_error *err);
int atomic_commit(struct atomic_file *a, struct cpl_error *err);
void atomic_abort(struct atomic_file *a);
/* Join dir and name with a '/': a new string, or NULL. */
char *path_join(const char *dir, const char *name);
/* s without the white space (isspace) around it: a new string (NULL for
 * NULL, or out of memory). */
char *trimmed(const char *s);

#endif
