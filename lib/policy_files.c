/*
 * policy_files.c: the policy files of a directory (see policy_files.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "letter.h"
#include "policy_files.h"
#include "util.h"

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
policy_ids(const char *dir, char ***ids, int *n, struct cpl_error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	int cnt = 0;

	*ids = NULL;
	*n = 0;
	if (d == NULL)
		return cpl_fail(err, CPL_POLICY, "can't read the policies in '%s': "
		    "%s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char **nv;

		if (len <= 5 || strcmp(e->d_name + len - 5, ".yaml") != 0 ||
		    e->d_name[0] == '.')
			continue;
		if ((nv = realloc(v, (cnt + 1) * sizeof(*v))) == NULL ||
		    (nv[cnt] = strndup(e->d_name, len - 5)) == NULL) {
			if (nv)
				v = nv;
			policy_ids_free(v, cnt);
			closedir(d);
			return cpl_nomem(err);
		}
		v = nv;
		cnt++;
	}
	closedir(d);
	if (cnt > 0)
		qsort(v, cnt, sizeof(*v), compare_names);
	*ids = v;
	*n = cnt;
	return 0;
}

void
policy_ids_free(char **ids, int n)
{
	for (int i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

int
policy_check_file(const char *path, const char *dir, struct policy *p,
    int *found, struct cpl_error *err)
{
	const char *base = strrchr(path, '/');
	char *text = NULL;
	size_t len, n;
	int rc;

	if (read_file(path, POLICY_FILE_MAX, &text, &len) != 0)
		return cpl_fail(err, CPL_POLICY, "can't read '%s': %s", path,
		    errno == EFBIG ? "it is longer than the "
		    POLICY_FILE_MAX_TEXT " a policy file may be" :
		    strerror(errno));
	rc = policy_parse(p, path, text, len, err);
	free(text);
	if (rc)
		return rc;
	/* Its faults are named at their place in this file or in the
	 * calendar's. */
	if ((rc = policy_load_calendar(p, dir, NULL, err))) {
		policy_free(p);
		return rc;
	}
	/* Its letters' templates: beside it (letters/ID/KIND.tmpl), else,
	 * where it has none there, in the policies directory. */
	{
		char *here = strdup(path), *sub = NULL;
		char *slash;
		struct stat sb;

		if (here == NULL) {
			policy_free(p);
			return cpl_nomem(err);
		}
		if ((slash = strrchr(here, '/')) != NULL)
			*slash = '\0';
		else
			strcpy(here, ".");
		if ((sub = malloc(strlen(here) + strlen(p->id) + 10)) != NULL)
			sprintf(sub, "%s/letters/%s", here, p->id);
		rc = letter_check_templates(p, sub != NULL &&
		    stat(sub, &sb) == 0 ? here : dir, err);
		free(sub);
		free(here);
		if (rc) {
			policy_free(p);
			return rc;
		}
	}
	base = base ? base + 1 : path;
	n = strlen(p->id);
	*found = strncmp(base, p->id, n) == 0 && strcmp(base + n, ".yaml") == 0;
	return 0;
}
