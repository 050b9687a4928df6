/* util.c: small helpers shared by lib/ (see util.h). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int
read_file(const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;
	int saved;

	if (f == NULL)
		return -1;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			char *nb;
			cap = cap ? cap * 2 : 8192;
			if ((nb = realloc(buf, cap)) == NULL)
				goto fail;
			buf = nb;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0) {
			if (ferror(f))
				goto fail;
			break;
		}
	}
	fclose(f);
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
fail:
	saved = errno;
	free(buf);
	fclose(f);
	errno = saved ? saved : ENOMEM;
	return -1;
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
