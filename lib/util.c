/* util.c: small helpers shared by lib/ (see util.h). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

int
read_stream(FILE *f, size_t max, char **text, size_t *len)
{
	char *buf = NULL;
	size_t cap = 0, n = 0;
	int saved;

	for (;;) {
		size_t want, got;

		/* Room for max + 1 bytes at most (the one that says f is too
		 * long) and the NUL. */
		if (n == cap) {
			char *nb;
			size_t ncap = cap ? cap * 2 : 8192;

			if (ncap > max + 1)
				ncap = max + 1;
			if ((nb = realloc(buf, ncap + 1)) == NULL) {
				errno = ENOMEM;
				goto fail;
			}
			buf = nb;
			cap = ncap;
		}
		want = cap - n;
		got = fread(buf + n, 1, want, f);
		n += got;
		if (n > max) {
			errno = EFBIG;
			goto fail;
		}
		if (got < want) {
			if (ferror(f))
				goto fail;
			if (feof(f))
				break;
		}
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
fail:
	saved = errno;
	free(buf);
	errno = saved ? saved : EIO;
	return -1;
}

int
read_file(const char *path, size_t max, char **text, size_t *len)
{
	FILE *f = fopen(path, "rb");
	int rc, saved;

	if (f == NULL)
		return -1;
	rc = read_stream(f, max, text, len);
	saved = errno;
	fclose(f);
	errno = saved;
	return rc;
}

static int
too_long(const char *what, struct cpl_error *err)
{
	return cpl_fail(err, CPL_USAGE, "%s is longer than " TEXT_MAX_TEXT
	    ", the most a text may be", what);
}

int
read_text(FILE *f, const char *what, char **out, struct cpl_error *err)
{
	char *buf;
	size_t len;

	*out = NULL;
	/* Room for a line end after the longest text. */
	if (read_stream(f, TEXT_MAX + 2, &buf, &len) != 0)
		return errno == EFBIG ? too_long(what, err) :
		    errno == ENOMEM ? cpl_nomem(err) :
		    cpl_fail(err, CPL_USAGE, "can't read %s: %s", what,
		    strerror(errno));
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		len--;
	buf[len] = '\0';
	if (len > TEXT_MAX) {
		free(buf);
		return too_long(what, err);
	}
	if (strlen(buf) != len) {
		free(buf);
		return cpl_fail(err, CPL_USAGE, "%s holds a NUL byte", what);
	}
	if (len == 0)
		free(buf);
	else
		*out = buf;
	return 0;
}

char *
path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);

	if (p == NULL)
		return NULL;
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

/* The lower-case of code point c, for the scripts names in a UK council's
 * cases come in (Latin with its accents, Greek, Cyrillic); others as they
 * are. */
static unsigned
fold_code_point(unsigned c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 0x20;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)		/* À .. Þ */
		return c + 0x20;
	if (c >= 0x100 && c <= 0x17f) {			/* Latin Extended-A */
		if (c == 0x130)
			return 'i';
		if (c == 0x178)
			return 0xff;
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
			return c % 2 ? c + 1 : c;
		if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17f)
			return c;
		return c % 2 ? c : c + 1;
	}
	if (c >= 0x391 && c <= 0x3a9 && c != 0x3a2)		/* Greek */
		return c + 0x20;
	if (c >= 0x410 && c <= 0x42f)				/* Cyrillic */
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40f)
		return c + 0x50;
	return c;
}

static size_t
put_utf8(char *out, unsigned c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	out[0] = (char)(0xe0 | c >> 12);
	out[1] = (char)(0x80 | (c >> 6 & 0x3f));
	out[2] = (char)(0x80 | (c & 0x3f));
	return 3;
}

char *
name_key(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t len = 0;
	char *key;
	int space = 0;

	/* Never longer than the name: folding keeps a code point's length
	 * in the ranges above, and spaces only shrink. */
	if (name == NULL || (key = malloc(strlen(name) + 1)) == NULL)
		return NULL;
	while (*p) {
		unsigned c = *p;
		size_t n = 1;

		if (c >= 0xc2 && c <= 0xdf && (p[1] & 0xc0) == 0x80) {
			c = (c & 0x1f) << 6 | (p[1] & 0x3f);
			n = 2;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = len > 0;
			p += n;
			continue;
		}
		if (space)
			key[len++] = ' ';
		space = 0;
		if (n == 1 && c >= 0x80) {
			/* Not a two-byte sequence: the byte as it is. */
			key[len++] = (char)c;
		} else {
			len += put_utf8(key + len, fold_code_point(c));
		}
		p += n;
	}
	key[len] = '\0';
	return key;
}

char *
trimmed(const char *s)
{
	size_t n;

	if (s == NULL)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return strndup(s, n);
}

int
write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
atomic_open(struct atomic_file *a, const char *path, struct cpl_error *err)
{
	const char *slash = strrchr(path, '/');
	int dir_len = slash ? (int)(slash - path + 1) : 0;

	a->fd = -1;
	a->path = NULL;
	if ((a->tmp = malloc(strlen(path) + 10)) == NULL)
		return cpl_nomem(err);
	sprintf(a->tmp, "%.*s.%s.XXXXXX", dir_len, path, path + dir_len);
	/* mkstemp: O_CREAT | O_EXCL, mode 0600: a new file, never one a
	 * link points to. */
	if ((a->fd = mkstemp(a->tmp)) < 0) {
		int e = errno;

		free(a->tmp);
		a->tmp = NULL;
		return cpl_fail(err, CPL_USAGE, "can't write '%s': %s", path,
		    strerror(e));
	}
	a->path = (char *)path;
	return 0;
}

int
atomic_commit(struct atomic_file *a, struct cpl_error *err)
{
	int e = 0;

	if (fsync(a->fd) != 0)
		e = errno;
	if (close(a->fd) != 0 && e == 0)
		e = errno;
	a->fd = -1;
	if (e == 0 && rename(a->tmp, a->path) != 0)
		e = errno;
	if (e != 0) {
		unlink(a->tmp);
		free(a->tmp);
		a->tmp = NULL;
		return cpl_fail(err, CPL_USAGE, "can't write '%s': %s", a->path,
		    strerror(e));
	}
	free(a->tmp);
	a->tmp = NULL;
	return 0;
}

void
atomic_abort(struct atomic_file *a)
{
	if (a->fd >= 0)
		close(a->fd);
	a->fd = -1;
	if (a->tmp != NULL) {
		unlink(a->tmp);
		free(a->tmp);
		a->tmp = NULL;
	}
}
