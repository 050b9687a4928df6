/* util.h: small helpers shared by lib/. */
#ifndef CPL_UTIL_H
#define CPL_UTIL_H

#include <stddef.h>

/* Read a whole file into a NUL-terminated buffer; -1 with errno set. */
int read_file(const char *path, char **text, size_t *len);
/* Join dir and name with a '/': a new string, or NULL. */
char *path_join(const char *dir, const char *name);

#endif
