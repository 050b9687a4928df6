/*
 * calendar.c: complaints calendar show|import: the days off of a calendar
 * for a year (with a policy's closure days), and a calendar file made
 * from the official list of bank holidays (JSON), printed or written to
 * a file of its own, whole (under a temporary name beside it, renamed
 * into place).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "../lib/calendar_files.h"
#include "../lib/policy_files.h"
#include "../lib/util.h"

const char usage_calendar[] = "complaints calendar show [ID]"
    " [--policy ID] [--year YYYY]\n"
    "complaints calendar import FILE [--division NAME] [--out FILE]";

enum { OPT_POLICY = OPT_FIRST_LOCAL, OPT_YEAR, OPT_DIVISION, OPT_OUT };

struct calendar_args {
	const char *policy;	/* show: the policy whose days off */
	int year;		/* show: 0, this year */
	const char *division;	/* import */
	const char *out;	/* import: the file to write, or NULL */
};

static int
calendar_option(int ch, const char *v, void *arg, struct cpl_error *err)
{
	struct calendar_args *a = arg;

	switch (ch) {
	case OPT_POLICY: a->policy = v; break;
	case OPT_YEAR: return number_option("--year", v, 1900, 9999, &a->year,
	    err);
	case OPT_DIVISION:
		if (!policy_id_ok(v))
			return cpl_fail(err, CPL_USAGE, "--division: '%s' is not a "
			    "division of the official list (england-and-wales, "
			    "scotland, northern-ireland)", v);
		a->division = v;
		break;
	case OPT_OUT:
		if (*v == '\0')
			return cpl_fail(err, CPL_USAGE, "--out: the file name is "
			    "empty");
		a->out = v;
		break;
	}
	return 0;
}

/* --- show --- */

static const struct out_col show_cols[] = {{"calendar", 0}, {"date", 0},
    {"weekday", 0}, {"title", 0}, {"kind", 0}};
#define N_SHOW_COLS (int)(sizeof(show_cols) / sizeof(show_cols[0]))

/* The file of calendar id in the policies directory: a new string. */
static char *
calendar_path(const struct cmd_ctx *ctx, const char *id)
{
	char file[256];

	snprintf(file, sizeof(file), "calendars/%s.yaml", id);
	return path_join(ctx->policies, file);
}

/* The days off of cal (with p's closure days) in year, as rows of t. */
static int
show_days(struct out_table *t, const struct calendar *cal, const char *path,
    const struct policy *p, int year, struct cpl_error *err)
{
	static const char *const wday[] = {"Mon", "Tue", "Wed", "Thu", "Fri",
	    "Sat", "Sun"};
	struct day_off *d;
	int n, rc;

	if ((rc = calendar_days_off(cal, path, p, year, &d, &n, err)))
		return rc;
	for (int i = 0; rc == 0 && i < n; i++) {
		char date[DATE_LEN];
		const char *v[N_SHOW_COLS] = {d[i].calendar, date,
		    wday[date_weekday(d[i].day)], d[i].title,
		    d[i].closure ? "closure-day" : "bank-holiday"};

		date_format(d[i].day, date);
		if (out_table_row(t, v) != 0)
			rc = cpl_nomem(err);
	}
	free(d);
	return rc;
}

static int
calendar_show(struct cmd_ctx *ctx, const char *id, const struct calendar_args *a,
    struct cpl_error *err)
{
	int year = a->year ? a->year : date_year(ctx->s.today);
	struct out_table *t = NULL;
	struct calendar cal;
	struct policy p;
	char **ids = NULL, *path = NULL, *dir = NULL;
	int n = 0, rc = 0, bad = 0;

	if (id != NULL && !policy_id_ok(id))
		return cpl_fail(err, CPL_USAGE, "calendar show: '%s' is not a "
		    "calendar's id", id);
	/* Each file is read (and a bad one refused) before a row is shown. */
	if (a->policy != NULL) {
		if ((rc = policy_load(&p, ctx->policies, a->policy, err)))
			return rc;
		if ((path = calendar_path(ctx, p.calendar_id)) == NULL)
			rc = cpl_nomem(err);
	} else if (id != NULL) {
		if ((path = calendar_path(ctx, id)) == NULL)
			return cpl_nomem(err);
		if (access(path, F_OK) != 0 && errno == ENOENT)
			rc = cpl_fail(err, CPL_USAGE, "no calendar '%s' in '%s'",
			    id, ctx->policies);
		else
			rc = calendar_load(path, &cal, err);
		if (rc) {
			free(path);
			return rc;
		}
	} else {
		if ((dir = path_join(ctx->policies, "calendars")) == NULL)
			return cpl_nomem(err);
		rc = calendar_ids(dir, &ids, &n, err);
		free(dir);
		if (rc)
			return rc;
	}
	if (rc == 0 && (t = out_table_begin(stdout, ctx->format, show_cols,
	    N_SHOW_COLS)) == NULL)
		rc = cpl_nomem(err);
	if (rc == 0 && a->policy != NULL)
		rc = show_days(t, &p.cal, path, &p, year, err);
	else if (rc == 0 && id != NULL)
		rc = show_days(t, &cal, path, NULL, year, err);
	for (int i = 0; rc == 0 && i < n; i++) {
		struct cpl_error cerr = {0};
		int crc;

		free(path);
		if ((path = calendar_path(ctx, ids[i])) == NULL) {
			rc = cpl_nomem(err);
			break;
		}
		/* A calendar that can't be used (or doesn't cover the year)
		 * is named, and the others still listed. */
		if ((crc = calendar_load(path, &cal, &cerr)) == 0) {
			crc = show_days(t, &cal, path, NULL, year, &cerr);
			calendar_free(&cal);
		}
		if (crc == CPL_NOMEM)
			rc = cpl_nomem(err);
		else if (crc != 0) {
			print_line(stderr, "complaints: %s", cerr.msg);
			bad++;
		}
	}
	if (t != NULL && out_table_end(t) != 0 && rc == 0)
		rc = cpl_nomem(err);
	if (a->policy != NULL)
		policy_free(&p);
	else if (id != NULL)
		calendar_free(&cal);
	policy_ids_free(ids, n);
	free(path);
	if (rc == 0 && bad > 0)
		rc = cpl_fail(err, CPL_POLICY, "%d of the %d calendars in "
		    "'%s/calendars' can't show %d (each named above)", bad, n,
		    ctx->policies, year);
	return rc;
}

/* --- import --- */

/* Write len bytes of text to path, whole (util.h's atomic file), with the
 * mode of the file it replaces, else as the umask makes a new file: a
 * calendar is read by every officer's account, not only its writer's. */
static int
write_whole(const char *path, const char *text, size_t len,
    struct cpl_error *err)
{
	struct atomic_file a;
	struct stat sb;
	mode_t mode, mask;
	int rc, e;

	if ((rc = atomic_open(&a, path, err)))
		return rc;
	mask = umask(0);
	umask(mask);
	mode = stat(path, &sb) == 0 && S_ISREG(sb.st_mode) ?
	    sb.st_mode & 07777 : 0666 & ~mask;
	if (fchmod(a.fd, mode) != 0 || write_all(a.fd, text, len) != 0) {
		e = errno;
		atomic_abort(&a);
		return cpl_fail(err, CPL_USAGE, "can't write '%s': %s", path,
		    strerror(e));
	}
	return atomic_commit(&a, err);
}

/* "2019-2027", or "2027". */
static void
span(char *buf, size_t size, int from, int to)
{
	if (from == to)
		snprintf(buf, size, "%d", from);
	else
		snprintf(buf, size, "%d-%d", from, to);
}

static int
calendar_import(struct cmd_ctx *ctx, const char *file,
    const struct calendar_args *a, struct cpl_error *err)
{
	const char *division = a->division ? a->division : "england-and-wales";
	const char *name = strcmp(file, "-") == 0 ? "<stdin>" : file;
	struct official_import what;
	struct calendar base;
	char *text = NULL, *yaml = NULL, *base_path;
	char all[32], list[32];
	size_t len = 0, yaml_len = 0;
	int rc, have_base = 0;

	if ((strcmp(file, "-") == 0 ? read_stream(stdin, POLICY_FILE_MAX,
	    &text, &len) : read_file(file, POLICY_FILE_MAX, &text, &len)) != 0)
		return cpl_fail(err, CPL_USAGE, "can't read '%s': %s", name,
		    errno == EFBIG ? "it is longer than the " POLICY_FILE_MAX_TEXT
		    " the official list may be" : strerror(errno));
	/* The calendar as it is: the years the list does not give are
	 * kept. */
	if ((base_path = calendar_path(ctx, division)) == NULL) {
		free(text);
		return cpl_nomem(err);
	}
	if (access(base_path, F_OK) == 0 || errno != ENOENT) {
		if ((rc = calendar_load(base_path, &base, err)))
			goto out;
		have_base = 1;
	}
	if ((rc = calendar_from_official(name, text, len, division,
	    have_base ? &base : NULL, base_path, &yaml, &yaml_len, &what,
	    err)))
		goto out;
	if (a->out == NULL) {
		fwrite(yaml, 1, yaml_len, stdout);
		goto out;
	}
	if ((rc = write_whole(a->out, yaml, yaml_len, err)))
		goto out;
	span(all, sizeof(all), what.from, what.to);
	span(list, sizeof(list), what.list_from, what.list_to);
	print_line(stdout, "calendar '%s' (%s) written to %s: %s from %s%s%s",
	    division, all, a->out, list, name, what.from < what.list_from ||
	    what.to > what.list_to ? ", the other years as in " : "",
	    what.from < what.list_from || what.to > what.list_to ? base_path :
	    "");
out:
	if (have_base)
		calendar_free(&base);
	free(base_path);
	free(yaml);
	free(text);
	return rc;
}

int
cmd_calendar(struct cmd_ctx *ctx, int argc, char **argv, struct cpl_error *err)
{
	static const struct option show_opts[] = {
		{"policy", required_argument, NULL, OPT_POLICY},
		{"year", required_argument, NULL, OPT_YEAR},
		GLOBAL_OPTIONS
	};
	static const struct option import_opts[] = {
		{"division", required_argument, NULL, OPT_DIVISION},
		{"out", required_argument, NULL, OPT_OUT},
		GLOBAL_OPTIONS
	};
	struct calendar_args a;
	const char *word = argc > 1 ? argv[1] : NULL;
	int rc;

	memset(&a, 0, sizeof(a));
	if (word == NULL || word[0] == '-') {
		if (word != NULL && (strcmp(word, "--help") == 0 ||
		    strcmp(word, "-h") == 0))
			return parse_args(ctx, argc, argv, show_opts, NULL, NULL,
			    NULL, 0, err);
		return cpl_fail(err, CPL_USAGE, "calendar: show or import? (see "
		    "'complaints calendar --help')");
	}
	argc--;
	argv++;
	if (strcmp(word, "show") == 0) {
		if ((rc = parse_options(ctx, argc, argv, show_opts,
		    calendar_option, &a, err)))
			return rc;
		if (!ctx->help && argc - optind > 1)
			return cpl_fail(err, CPL_USAGE, "calendar show: unexpected "
			    "argument '%s'", argv[optind + 1]);
		if (!ctx->help && optind < argc && a.policy != NULL)
			return cpl_fail(err, CPL_USAGE, "calendar show: a calendar "
			    "or a policy's (--policy), not both");
		if ((rc = cmd_ready(ctx, err)))
			return rc;
		return calendar_show(ctx, optind < argc ? argv[optind] : NULL, &a,
		    err);
	}
	if (strcmp(word, "import") == 0) {
		if ((rc = parse_args(ctx, argc, argv, import_opts, calendar_option,
		    &a, NULL, 1, err)))
			return rc;
		return calendar_import(ctx, argv[optind], &a, err);
	}
	return cpl_fail(err, CPL_USAGE, "calendar: '%s' is not show or import",
	    word);
}
