/* util.h: small helpers shared by lib/. */
#ifndef CPL_UTIL_H
#define CPL_UTIL_H

#include <stddef.h>

/* Read a whole file into a NUL-terminated buffer; -1 with errno set. */
int read_file(const char *path, char **text, size_t *len);
/* A person's name as a key to find it by: spaces around it dropped and
 * runs of them made one, letters in lower case (Latin with its accents,
 * Greek, Cyrillic): "  SIÂN  Jones" and "siân jones" are one key. A new
 * string (NULL for NULL, or out of memory). */
char *name_key(const char *name);
/* Join dir and name with a '/': a new string, or NULL. */
char *path_join(const char *dir, const char *name);
/* s without the white space (isspace) around it: a new string (NULL for
 * NULL, or out of memory). */
char *trimmed(const char *s);

#endif
