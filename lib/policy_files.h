/*
 * policy_files.h: the policy files of a directory, as `complaints policy
 * list` and `complaints policy check` see them (complaints-policy(1)).
 *
 * Every other command finds policy ID as the file DIR/ID.yaml of the
 * policies directory (policy_load); these list what is there and check a
 * file before it is put there.
 */
#ifndef CPL_POLICY_FILES_H
#define CPL_POLICY_FILES_H

#include "error.h"
#include "policy.h"

/* The ids of the files DIR/ID.yaml (not those whose name starts with
 * '.'), sorted; CPL_POLICY if dir can't be read. Free with
 * policy_ids_free. */
int policy_ids(const char *dir, char ***ids, int *n, struct cpl_error *err);
void policy_ids_free(char **ids, int n);

/*
 * Check the policy file at path as the other commands would read it:
 * strictly parsed, with the calendar it names and its closure days
 * from the policies directory dir, every fault named at its
 * FILE:LINE:COLUMN. On success *p is the policy (free with policy_free)
 * and *found says whether the other commands find it under its id (its
 * file is ID.yaml).
 */
int policy_check_file(const char *path, const char *dir, struct policy *p,
    int *found, struct cpl_error *err);

#endif
