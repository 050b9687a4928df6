/*
 * completion.h: what shell completion asks for (complaints-completion(1)):
 * the references of a store's cases that start with what was typed.
 */
#ifndef CPL_COMPLETION_H
#define CPL_COMPLETION_H

#include "error.h"

/*
 * Call fn(ref, arg) for each case of the store at db_path whose reference
 * starts with prefix, in the order the cases were logged; fn's non-zero
 * return stops the walk and is returned. The store is opened to read
 * only: nothing is written to it or upgraded, and no read is recorded (a
 * reference is not what a case holds).
 */
int complete_refs(const char *db_path, const char *prefix,
    int (*fn)(const char *ref, void *arg), void *arg, struct cpl_error *err);

#endif
