/*
 * import.c: complaints import (see import.h).
 *
 * The columns are columns.h's, shared with export (export.c).
 *
 * Import applies the rules of the commands (case_file_new, as log takes
 * a case in; case_file_ack, case_file_respond, ...) to each row's case in
 * memory, and reads the file twice (import_cases). The first pass checks
 * every row so, against the store as it is, and takes no lock: every bad
 * row is found and reported, and a file with one fails there (without
 * --skip-bad). The second, inside one write transaction, reads the rows
 * again, works each good row's case out again against the store as it is
 * then, and writes it as it ends up, in one go (case_write): the file is
 * imported whole or not at all. Between the passes only what the second
 * needs is kept, not the rows: the lines of the bad rows and of the
 * duplicates, and the external_refs met (below). When no other writer has
 * changed the store between the passes, what the first found of each row
 * still holds, and the second does not look again for the duplicates.
 *
 * Into a store with no case, a CSV file that gives no reference and no
 * history (once_readable) is read once, inside the write, when its lock
 * is free at once (import_once): each row judged as the first pass judges
 * it and written as the second writes it, the bad rows told as they are
 * met, the warnings held until the end. Nothing in the store can make a
 * row a duplicate, and no row keeps a number the new cases must go past,
 * so one reading finds what two would.
 *
 * An external_ref or a reference given by two rows of one file is judged
 * by the rows' values: the external_ref (or reference), the line of its
 * first row and a hash of that row's values are kept (store_seen.h), never
 * the rows. A reference the store holds is judged against the stored case
 * as export writes it (export_row_read). A restriction's line is a row too
 * (see import.h).
 */
/* fopencookie and mkostemp: the copy of a pipe read twice. */
#define _GNU_SOURCE
#include <ctype.h>
#include <endian.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "action.h"
#include "columns.h"
#include "csv.h"
#include "export.h"
#include "import.h"
#include "links.h"
#include "links_io.h"
#include "output.h"
#include "store_seen.h"
#include "util.h"

/* One row as read: each column's text (NULL: absent or empty). */
struct row {
	const char *v[N_COLS];
	char has[N_COLS];	/* the file gives the column (empty or not) */
	json_t *history;	/* the history column, parsed */
	json_t *json;		/* a JSON line (owns the strings) */
	json_t *restriction;	/* a restriction's line: its object (json
				 * owns it), and no case */
	json_t *linked;		/* a group of linked cases' line: its list
				 * (json owns it), and no case */
	char *xref;		/* the external_ref without the spaces around
				 * it (v[C_EXTERNAL_REF] points to it) */
	char *ref;		/* the reference, without the spaces around
				 * it, in capitals; NULL: none */
	long line;
	const char *malformed;	/* what is wrong with its shape, or NULL */
	const char *attachments;	/* import_opts' attachments */
};

static int
fail_col(struct cpl_error *err, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "column: message". */
static int
fail_col(struct cpl_error *err, int col, const char *fmt, ...)
{
	char msg[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return cpl_fail(err, CPL_USAGE, "%s: %s", columns[col].name, msg);
}

/*
 * The column a case function's refusal is about, when it came from the
 * replay of a step: each subject as the column that gives it for that
 * step. The step is named by its own column (C_ACKNOWLEDGED for the
 * acknowledgement, C_EXTENSION_DAYS for an extension, ...; -1 for the log
 * of the row). A subject the step does not name is the column of the
 * same name (what log reads), else the step's own column.
 */
#define LOG_STEP (-1)
static const struct {
	int step;
	enum cpl_subject subject;
	int column;
} step_columns[] = {
	{LOG_STEP, CPL_ABOUT_DATE, C_RECEIVED},
	{C_ACKNOWLEDGED, CPL_ABOUT_STAGE_OFFICER, C_OFFICER},
	{C_EXTENSION_DAYS, CPL_ABOUT_REASON, C_EXTENSION_REASON},
	{C_EXTENSION_DAYS, CPL_ABOUT_TOLD, C_EXTENSION_TOLD},
	{C_EXTENSION_DAYS, CPL_ABOUT_STAGE_OFFICER, C_OFFICER},
	{C_RESPONDED, CPL_ABOUT_STAGE_OFFICER, C_OFFICER},
	{C_STAGE2_ACKNOWLEDGED, CPL_ABOUT_STAGE_OFFICER, C_STAGE2_OFFICER},
	{C_STAGE2_EXTENSION_DAYS, CPL_ABOUT_REASON, C_STAGE2_EXTENSION_REASON},
	{C_STAGE2_EXTENSION_DAYS, CPL_ABOUT_TOLD, C_STAGE2_EXTENSION_TOLD},
	{C_STAGE2_EXTENSION_DAYS, CPL_ABOUT_DAYS, C_STAGE2_EXTENSION_DAYS},
	{C_STAGE2_EXTENSION_DAYS, CPL_ABOUT_STAGE_OFFICER, C_STAGE2_OFFICER},
	{C_STAGE2_RESPONDED, CPL_ABOUT_OUTCOME, C_STAGE2_OUTCOME},
	{C_STAGE2_RESPONDED, CPL_ABOUT_REMEDY, C_STAGE2_REMEDY},
	{C_STAGE2_RESPONDED, CPL_ABOUT_LEARNING, C_STAGE2_LEARNING},
	{C_STAGE2_RESPONDED, CPL_ABOUT_STAGE_OFFICER, C_STAGE2_OFFICER},
	{C_ESCALATED, CPL_ABOUT_REASON, C_ESCALATION_REASON},
	{C_CLOSED, CPL_ABOUT_REASON, C_CLOSE_REASON},
	{C_REFERRED, CPL_ABOUT_BODY, C_OMBUDSMAN_BODY},
	{C_REFERRED, CPL_ABOUT_REFERENCE, C_OMBUDSMAN_REFERENCE},
};

/* The column of the same name as a subject: what log reads. */
static const struct {
	enum cpl_subject subject;
	int column;
} subject_columns[] = {
	{CPL_ABOUT_RECEIVED, C_RECEIVED}, {CPL_ABOUT_OCCURRED, C_OCCURRED},
	{CPL_ABOUT_COMPLAINANT, C_COMPLAINANT},
	{CPL_ABOUT_ANONYMOUS, C_ANONYMOUS}, {CPL_ABOUT_CONTACT, C_CONTACT},
	{CPL_ABOUT_ON_BEHALF_OF, C_ON_BEHALF_OF},
	{CPL_ABOUT_CONSENT, C_CONSENT}, {CPL_ABOUT_KIND, C_KIND},
	{CPL_ABOUT_CHANNEL, C_CHANNEL}, {CPL_ABOUT_SERVICE, C_SERVICE},
	{CPL_ABOUT_CATEGORY, C_CATEGORY}, {CPL_ABOUT_SUMMARY, C_SUMMARY},
	{CPL_ABOUT_POLICY, C_POLICY}, {CPL_ABOUT_EXTERNAL_REF, C_EXTERNAL_REF},
	{CPL_ABOUT_LATE_REASON, C_LATE_REASON},
	{CPL_ABOUT_ACCEPT_ANYWAY, C_ACCEPT_ANYWAY},
	{CPL_ABOUT_ABOUT_STAFF, C_ABOUT_STAFF},
	{CPL_ABOUT_DISCRIMINATION, C_DISCRIMINATION},
	{CPL_ABOUT_LATE_GRANTED_BY, C_LATE_GRANTED_BY},
	{CPL_ABOUT_INFORMAL, C_RESOLVED_INFORMALLY},
	{CPL_ABOUT_OUTCOME, C_OUTCOME}, {CPL_ABOUT_REMEDY, C_REMEDY},
	{CPL_ABOUT_LEARNING, C_LEARNING}, {CPL_ABOUT_DAYS, C_EXTENSION_DAYS},
	{CPL_ABOUT_DECISION, C_OMBUDSMAN_DECISION},
};

/* A case function's message, told of the column it is about: "column:
 * message" (see step_columns); "row: message" when the log of the row
 * failed on nothing one column gives. */
static int
as_column(struct cpl_error *err, int step)
{
	char msg[sizeof(err->msg)];
	int c = -1, which, k = step >= 0 ? column_stage(step, &which) : -1;
	/* A later stage's columns are told as stage 2's, moved. */
	int shift = k > 1 ? (k - 1) * N_STAGE_COLS : 0;

	for (size_t i = 0; c < 0 && i < sizeof(step_columns) /
	    sizeof(step_columns[0]); i++)
		if (step_columns[i].step == step - shift &&
		    step_columns[i].subject == err->subject)
			c = step_columns[i].column + shift;
	for (size_t i = 0; c < 0 && err->subject != CPL_ABOUT_NOTHING &&
	    i < sizeof(subject_columns) / sizeof(subject_columns[0]); i++)
		if (subject_columns[i].subject == err->subject)
			c = subject_columns[i].column;
	if (c < 0)
		c = step;
	snprintf(msg, sizeof(msg), "%s", err->msg);
	return cpl_fail(err, err->code, "%s: %s", c >= 0 ? columns[c].name :
	    "row", msg);
}

/* The member of a history event that gives a subject, for a refusal of
 * the event's replay ("history: event 3 (extended 2026-03-02): told:
 * ..."), or NULL (the date is in the event's name already). */
static const char *
event_key(enum cpl_subject subject)
{
	static const struct {
		enum cpl_subject subject;
		const char *key;
	} keys[] = {
		{CPL_ABOUT_OUTCOME, "outcome"},
		{CPL_ABOUT_REMEDY, "remedies"}, {CPL_ABOUT_LEARNING, "learning"},
		{CPL_ABOUT_DAYS, "days"}, {CPL_ABOUT_REASON, "reason"},
		{CPL_ABOUT_TOLD, "told"}, {CPL_ABOUT_STAGE_OFFICER, "officer"},
		{CPL_ABOUT_NOTE, "detail"}, {CPL_ABOUT_BODY, "body"},
		{CPL_ABOUT_REFERENCE, "reference"},
		{CPL_ABOUT_DECISION, "decision"},
		{CPL_ABOUT_ACTION, "corrects"}, {CPL_ABOUT_UNTIL, "until"},
		{CPL_ABOUT_WHAT, "what"}, {CPL_ABOUT_DUE, "due"},
		{CPL_ABOUT_OWNER, "owner"},
	};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (keys[i].subject == subject)
			return keys[i].key;
	return NULL;
}

static int
get_date(const struct row *r, int col, cpl_date *d, struct cpl_error *err)
{
	*d = NO_DATE;
	if (r->v[col] != NULL && date_parse(r->v[col], d) != 0)
		return fail_col(err, col, "'%s' is not a date (YYYY-MM-DD)",
		    r->v[col]);
	return 0;
}

/* A yes/no column's text: 1, 0 (NULL too), or -1: neither. */
static int
truth(const char *v)
{
	static const char *const yes[] = {"true", "yes", "y", "1", NULL};
	static const char *const no[] = {"false", "no", "n", "0", NULL};

	if (v == NULL)
		return 0;
	for (int i = 0; yes[i]; i++)
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
	for (int i = 0; no[i]; i++)
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	return -1;
}

static int
get_bool(const struct row *r, int col, int *b, struct cpl_error *err)
{
	if ((*b = truth(r->v[col])) < 0) {
		*b = 0;
		return fail_col(err, col, "'%s' is not true or false", r->v[col]);
	}
	return 0;
}

static int
get_days(const struct row *r, int col, int *days, struct cpl_error *err)
{
	char *end;
	long n;

	*days = 0;
	if (r->v[col] == NULL)
		return 0;
	errno = 0;
	n = strtol(r->v[col], &end, 10);
	if (*end != '\0' || errno || n < 1 || n > 400)
		return fail_col(err, col, "'%s' is not a whole number of working "
		    "days from 1 to 400", r->v[col]);
	*days = (int)n;
	return 0;
}

/*
 * A JSON number as a whole number: 0; -1 when it is not a number or has a
 * fraction; -2 when it is too big (past 2^53, where a double no longer
 * holds every whole number, and has no fraction left). JSON has one kind
 * of number, and many writers (a spreadsheet's, a script's floats) write
 * 5 as 5.0: it is 5 all the same.
 */
static int
json_whole(const json_t *v, json_int_t *n)
{
	double d;

	if (json_is_integer(v)) {
		*n = json_integer_value(v);
		return 0;
	}
	if (!json_is_real(v))
		return -1;
	d = json_real_value(v);
	if (!(d >= -9007199254740992.0 && d <= 9007199254740992.0))
		return -2;
	if (d != (double)(json_int_t)d)
		return -1;
	*n = (json_int_t)d;
	return 0;
}

/* A number as a message shows it: the fewest digits that read back as
 * it (5.5, not 5.5000000000000000). */
static void
number_text(double d, char *buf, size_t size)
{
	for (int p = 1; p <= 17; p++) {
		snprintf(buf, size, "%.*g", p, d);
		if (strtod(buf, NULL) == d)
			return;
	}
}

/* Lines of text (remedies, learning): a list of pointers into a copy. */
struct lines {
	char *text;
	const char *v[64];
	int n;
};

static int
split_lines(const char *text, struct lines *l, int col,
    struct cpl_error *err)
{
	char *p, *save = NULL;

	l->n = 0;
	l->text = NULL;
	if (text == NULL)
		return 0;
	if ((l->text = strdup(text)) == NULL)
		return cpl_nomem(err);
	for (p = strtok_r(l->text, "\r\n", &save); p != NULL;
	    p = strtok_r(NULL, "\r\n", &save)) {
		if (l->n == 64) {
			free(l->text);
			l->text = NULL;
			return fail_col(err, col, "more than 64 lines");
		}
		l->v[l->n++] = p;
	}
	return 0;
}

/* --- replaying what happened to a case --- */

/* Who does the next step: an officer named in the file, or the one
 * importing. */
static void
act_as(struct session *s, const char *officer, const char *fallback)
{
	s->officer = officer != NULL ? officer : fallback;
}

/* A column that says what happened after an event that did not. */
static int
needs(const struct row *r, int col, int after, struct cpl_error *err)
{
	if (r->v[col] != NULL && r->v[after] == NULL)
		return fail_col(err, col, "given without %s",
		    columns[after].name);
	return 0;
}

static int
flat_stage(struct session *s, const struct row *r, struct case_file *cf,
    int k,
    const char *importer, struct cpl_error *err)
{
	const struct stage_cols *c = &stage_cols[k];
	struct lines rem = {0}, learn = {0};
	cpl_date ack, ext, resp, start;
	int days, told, rc;

	if ((rc = needs(r, c->reason, c->days, err)) ||
	    (rc = needs(r, c->told, c->days, err)) ||
	    (rc = needs(r, c->extended, c->days, err)) ||
	    (rc = needs(r, c->outcome, c->responded, err)) ||
	    (rc = needs(r, c->remedy, c->responded, err)) ||
	    (rc = needs(r, c->learning, c->responded, err)) ||
	    (rc = get_date(r, c->acknowledged, &ack, err)) ||
	    (rc = get_date(r, c->extended, &ext, err)) ||
	    (rc = get_date(r, c->responded, &resp, err)) ||
	    (rc = get_days(r, c->days, &days, err)) ||
	    (rc = get_bool(r, c->told, &told, err)))
		return rc;
	act_as(s, r->v[c->officer], importer);
	if (ack != NO_DATE && (rc = case_file_ack(s, cf, ack, err)))
		return as_column(err, c->acknowledged);
	if (days > 0) {
		/* Without its own date, an extension is dated with what came
		 * before it: the acknowledgement, else the stage's opening. */
		start = ack;
		if (start == NO_DATE &&
		    (rc = get_date(r, k == 0 ? C_RECEIVED : c->escalated, &start,
		    err)))
			return rc;
		if ((rc = case_file_extend(s, cf, days, r->v[c->reason], told,
		    ext != NO_DATE ? ext : start != NO_DATE ? start : s->today,
		    err)))
			return as_column(err, c->days);
	}
	if (resp != NO_DATE) {
		if ((rc = split_lines(r->v[c->remedy], &rem, c->remedy, err)) ||
		    (rc = split_lines(r->v[c->learning], &learn, c->learning,
		    err)))
			goto out;
		if ((rc = case_file_respond(s, cf, r->v[c->outcome], rem.v, rem.n,
		    learn.v, learn.n, resp, err)))
			rc = as_column(err, c->responded);
	}
out:
	free(rem.text);
	free(learn.text);
	return rc;
}

/* The columns of stage k (from 1) are given only with the stage's
 * request (its escalated column), and that only with the request of the
 * stage before. */
static int
flat_requests(const struct row *r, struct cpl_error *err)
{
	for (int k = 1; k < CPL_MAX_STAGES; k++) {
		const struct stage_cols *c = &stage_cols[k];
		int rc;

		for (int j = c->escalated + 1; j < c->escalated + N_STAGE_COLS;
		    j++)
			if (!columns[j].computed &&
			    (rc = needs(r, j, c->escalated, err)))
				return rc;
		if (k > 1 && (rc = needs(r, c->escalated,
		    stage_cols[k - 1].escalated, err)))
			return rc;
	}
	return 0;
}

static int
flat_history(struct session *s, const struct row *r, struct case_file *cf,
    const char *importer, struct cpl_error *err)
{
	cpl_date esc[CPL_MAX_STAGES], closed, referred, decided, informal;
	int rc;

	for (int k = 1; k < CPL_MAX_STAGES; k++)
		if ((rc = get_date(r, stage_cols[k].escalated, &esc[k], err)))
			return rc;
	if ((rc = get_date(r, C_CLOSED, &closed, err)) ||
	    (rc = get_date(r, C_REFERRED, &referred, err)) ||
	    (rc = get_date(r, C_OMBUDSMAN_DECIDED, &decided, err)) ||
	    (rc = flat_requests(r, err)) ||
	    (rc = needs(r, C_CLOSE_REASON, C_CLOSED, err)) ||
	    (rc = needs(r, C_OMBUDSMAN_BODY, C_REFERRED, err)) ||
	    (rc = needs(r, C_OMBUDSMAN_REFERENCE, C_REFERRED, err)) ||
	    (rc = needs(r, C_OMBUDSMAN_DECISION, C_REFERRED, err)) ||
	    (rc = needs(r, C_OMBUDSMAN_DECIDED, C_OMBUDSMAN_DECISION, err)) ||
	    (rc = flat_stage(s, r, cf, 0, importer, err)))
		return rc;
	/* Each later stage: its request, then what was done at it. */
	for (int k = 1; k < CPL_MAX_STAGES; k++) {
		const struct stage_cols *c = &stage_cols[k];

		if (esc[k] == NO_DATE)
			break;
		act_as(s, r->v[C_OFFICER], importer);
		if ((rc = case_file_escalate(s, cf, r->v[c->escalation_reason],
		    esc[k], err)))
			return as_column(err, c->escalated);
		if ((rc = flat_stage(s, r, cf, k, importer, err)))
			return rc;
	}
	act_as(s, r->v[C_OFFICER], importer);
	if ((rc = get_date(r, C_RESOLVED_INFORMALLY, &informal, err)) ||
	    (rc = needs(r, C_RESOLVED_INFORMALLY, C_CLOSED, err)))
		return rc;
	if (informal != NO_DATE && informal != closed)
		return fail_col(err, C_RESOLVED_INFORMALLY, "a case resolved "
		    "informally is closed that day: closed is %s",
		    r->v[C_CLOSED]);
	if (informal != NO_DATE && r->v[C_CLOSE_REASON] != NULL &&
	    strcmp(r->v[C_CLOSE_REASON], "resolved") != 0)
		return fail_col(err, C_RESOLVED_INFORMALLY, "a case resolved "
		    "informally is closed as resolved, not '%s'",
		    r->v[C_CLOSE_REASON]);
	if (informal != NO_DATE &&
	    (rc = case_file_close_informally(s, cf, closed, err)))
		return as_column(err, C_RESOLVED_INFORMALLY);
	if (closed != NO_DATE && informal == NO_DATE &&
	    (rc = case_file_close(s, cf, r->v[C_CLOSE_REASON], closed, err)))
		return as_column(err, C_CLOSED);
	if (referred != NO_DATE) {
		if ((rc = case_file_ombudsman(s, cf, r->v[C_OMBUDSMAN_BODY],
		    r->v[C_OMBUDSMAN_REFERENCE], NULL, referred, err)))
			return as_column(err, C_REFERRED);
		if (r->v[C_OMBUDSMAN_DECISION] != NULL &&
		    (rc = case_file_ombudsman(s, cf, NULL, NULL,
		    r->v[C_OMBUDSMAN_DECISION], decided != NO_DATE ? decided :
		    referred, err)))
			return as_column(err, C_OMBUDSMAN_DECISION);
	}
	return 0;
}

/* A member of a history event: its text, NULL when absent or null. */
static const char *
ev_str(json_t *ev, const char *key)
{
	json_t *v = json_object_get(ev, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A list of strings of an event, as the case functions take it. */
static int
ev_list(json_t *ev, const char *key, const char **v, int max, int *n)
{
	json_t *a = json_object_get(ev, key), *x;
	size_t i;

	*n = 0;
	if (a == NULL || json_is_null(a))
		return 0;
	if (!json_is_array(a) || json_array_size(a) > (size_t)max)
		return -1;
	json_array_foreach(a, i, x) {
		if (!json_is_string(x))
			return -1;
		v[(*n)++] = json_string_value(x);
	}
	return 0;
}

/* --- amendments and corrections in a history --- */

/* Up to how many fields one amendment or correction changes. */
#define MAX_FIELDS 16

/*
 * Does event b belong with event a, as the same amendment or correction
 * (one command changes several fields, an event each): the same action,
 * day, officer and reason, and (a correction) the same action corrected
 * of the same stage.
 */
static int
same_change(json_t *a, json_t *b)
{
	static const char *const keys[] = {"action", "date", "officer",
	    "reason", "corrects"};
	json_t *sa, *sb;

	if (!json_is_object(b))
		return 0;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *x = ev_str(a, keys[i]), *y = ev_str(b, keys[i]);
		if (x == NULL ? y != NULL : y == NULL || strcmp(x, y) != 0)
			return 0;
	}
	sa = json_object_get(a, "stage");
	sb = json_object_get(b, "stage");
	return json_equal(sa ? sa : json_null(), sb ? sb : json_null()) &&
	    json_equal(json_object_get(a, "item") ? json_object_get(a, "item") :
	    json_null(), json_object_get(b, "item") ? json_object_get(b, "item") :
	    json_null());
}

/* A field's new value as a date, when it is one. */
static int
change_date(json_t *ev, const char *key, cpl_date *d)
{
	const char *v = ev_str(ev, key);

	*d = NO_DATE;
	return v != NULL && date_parse(v, d) != 0 ? -1 : 0;
}

/*
 * The events from i on that make one amendment (action "amended") or
 * correction ("corrected"), replayed together through the command's rule
 * (case_file_amend, case_file_correct): *n is how many there were.
 * *named: the failure is about an event's shape, and names it already.
 */
static int
replay_change(struct session *s, json_t *history, size_t i,
    struct case_file *cf, cpl_date date, size_t *n, int *named,
    struct cpl_error *err)
{
	json_t *first = json_array_get(history, i), *ev;
	const char *action = ev_str(first, "action");
	const char *fields[MAX_FIELDS];
	struct amendment a;
	struct correction c;
	struct lines texts[2] = {{0}, {0}};
	int rc = 0;

	*named = 1;
	memset(&a, 0, sizeof(a));
	memset(&c, 0, sizeof(c));
	a.received = a.occurred = c.date = NO_DATE;
	a.discrimination = -1;
	a.reason = c.reason = ev_str(first, "reason");
	c.action = ev_str(first, "corrects");
	for (*n = 0; i + *n < json_array_size(history) &&
	    (ev = json_array_get(history, i + *n)) != NULL &&
	    (*n == 0 || same_change(first, ev)); (*n)++) {
		const char *field = ev_str(ev, "field"), *v = ev_str(ev, "new");
		cpl_date d;
		size_t k;

		if (*n == MAX_FIELDS || field == NULL)
			return fail_col(err, C_HISTORY, "event %zu: %s", i + *n + 1,
			    field == NULL ? "an amendment or a correction needs "
			    "its field" : "too many fields changed at once");
		/* A field changed again is another change, made after. */
		for (k = 0; k < *n; k++)
			if (strcmp(fields[k], field) == 0)
				break;
		if (k < *n)
			break;
		fields[*n] = field;
		if (change_date(ev, "new", &d) != 0 &&
		    (strcmp(field, "received") == 0 ||
		    strcmp(field, "occurred") == 0 || strcmp(field, "date") == 0))
			return fail_col(err, C_HISTORY, "event %zu: new: '%s' is not "
			    "a date (YYYY-MM-DD)", i + *n + 1, v);
		if (strcmp(action, "amended") == 0) {
			if (strcmp(field, "complainant") == 0)
				a.complainant = v;
			else if (strcmp(field, "contact") == 0)
				a.contact = v;
			else if (strcmp(field, "service") == 0)
				a.service = v;
			else if (strcmp(field, "category") == 0)
				a.category = v;
			else if (strcmp(field, "channel") == 0)
				a.channel = v;
			else if (strcmp(field, "summary") == 0)
				a.summary = v;
			else if (strcmp(field, "received") == 0)
				a.received = d;
			else if (strcmp(field, "occurred") == 0)
				a.occurred = d;
			else if (strcmp(field, "about_staff") == 0)
				a.about_staff = v;
			else if (strcmp(field, "discrimination") == 0)
				a.discrimination = v != NULL && strcmp(v, "true") == 0;
			else
				return fail_col(err, C_HISTORY, "event %zu: '%s' is not "
				    "a detail amend changes", i + *n + 1, field);
		} else if (strcmp(field, "date") == 0) {
			c.date = d;
		} else if (strcmp(field, "resolved_informally") == 0) {
			;	/* follows the closing's corrected date */
		} else if (strcmp(field, "outcome") == 0) {
			c.outcome = v;
		} else if (strcmp(field, "days") == 0) {
			json_int_t days = 0;
			json_t *nv = json_object_get(ev, "new");
			char *end = NULL;

			if (json_is_string(nv))
				days = strtol(v, &end, 10);
			if (end == NULL || *end != '\0' || days < 1 || days > 400)
				return fail_col(err, C_HISTORY, "event %zu: new: an "
				    "extension is a number of working days from 1 to "
				    "400", i + *n + 1);
			c.days = (int)days;
		} else if (strcmp(field, "remedies") == 0 ||
		    strcmp(field, "learning") == 0) {
			int k = strcmp(field, "learning") == 0;

			/* A line each, as the event holds them. */
			free(texts[k].text);
			if ((rc = split_lines(v, &texts[k], C_HISTORY, err)))
				goto out;
			if (k) {
				c.learning = texts[1].v;
				c.n_learning = texts[1].n;
				c.learning_given = 1;
			} else {
				c.remedies = texts[0].v;
				c.n_remedies = texts[0].n;
				c.remedies_given = 1;
			}
		} else {
			rc = fail_col(err, C_HISTORY, "event %zu: '%s' is not a "
			    "field correct changes", i + *n + 1, field);
			goto out;
		}
	}
	*named = 0;
	rc = strcmp(action, "amended") == 0 ?
	    case_file_amend(s, cf, &a, date, err) :
	    case_file_correct(s, cf, &c, date, err);
out:
	free(texts[0].text);
	free(texts[1].text);
	return rc;
}

/*
 * What a row says of a case is what it is now; a history that amends its
 * details starts from what they were: each detail amended is logged as
 * the first amendment of it found it (its old value), and the history's
 * amendments then change it as they did.
 */
static int
details_as_logged(const struct row *r, struct log_input *in,
    struct cpl_error *err)
{
	int seen[10] = {0};
	static const char *const fields[10] = {"complainant", "contact",
	    "service", "category", "channel", "summary", "received",
	    "occurred", "about_staff", "discrimination"};
	json_t *ev;
	size_t i;

	if (!json_is_array(r->history))
		return 0;
	json_array_foreach(r->history, i, ev) {
		const char *action = ev_str(ev, "action");
		const char *field = ev_str(ev, "field");
		const char *old = ev_str(ev, "old");
		int k;

		if (action == NULL || strcmp(action, "amended") != 0 ||
		    field == NULL)
			continue;
		for (k = 0; k < 10 && strcmp(fields[k], field) != 0; k++)
			;
		if (k == 10 || seen[k]++)
			continue;
		switch (k) {
		case 0: in->complainant = old; break;
		case 1: in->contact = old; break;
		case 2: in->service = old; break;
		case 3: in->category = old; break;
		case 4: in->channel = old; break;
		case 5: in->summary = old; break;
		case 8: in->about_staff = old; break;
		case 9:
			in->discrimination = old != NULL && strcmp(old, "true") == 0;
			break;
		default:
			if (change_date(ev, "old", k == 6 ? &in->received :
			    &in->occurred) != 0)
				return fail_col(err, C_HISTORY, "event %zu: old: '%s' "
				    "is not a date (YYYY-MM-DD)", i + 1, old);
		}
	}
	return 0;
}

/*
 * An "attached" event (event i): the document it describes (name,
 * media_type, size, sha256, note), its bytes read from the file named by
 * its SHA-256 in the attachments directory, which must be given and hold
 * them exactly. *shape: what is wrong is the event's shape, or the
 * directory not given (a message naming the event already).
 */
static int
replay_attached(struct session *s, const struct row *r, json_t *ev,
    size_t i, struct case_file *cf, cpl_date date, int *shape,
    struct cpl_error *err)
{
	struct attachment_rec a;
	const char *sha = ev_str(ev, "sha256");
	json_int_t size;
	char *path;
	int rc;

	memset(&a, 0, sizeof(a));
	*shape = 1;
	a.name = (char *)ev_str(ev, "name");
	a.media_type = (char *)ev_str(ev, "media_type");
	a.note = (char *)ev_str(ev, "note");
	a.date = date;
	/* The SHA-256 names a file: 64 hexadecimal digits, nothing that
	 * could lead out of the directory. */
	if (sha == NULL || strlen(sha) != 64 ||
	    strspn(sha, "0123456789abcdef") != 64)
		return fail_col(err, C_HISTORY, "event %zu: a document needs "
		    "its sha256, 64 lowercase hexadecimal digits", i + 1);
	if (a.name == NULL || a.media_type == NULL ||
	    json_whole(json_object_get(ev, "size"), &size) != 0 || size < 0)
		return fail_col(err, C_HISTORY, "event %zu: a document needs "
		    "its name, media_type and size (bytes)", i + 1);
	if (r->attachments == NULL)
		return fail_col(err, C_HISTORY, "event %zu: the document '%s' "
		    "is not in this file: its bytes are in the directory the "
		    "export wrote them to, which is needed", i + 1, a.name);
	a.sha256 = (char *)sha;
	a.size = size;
	*shape = 0;
	if ((path = path_join(r->attachments, sha)) == NULL)
		return cpl_nomem(err);
	rc = case_file_attach_from(s, cf, &a, path, err);
	free(path);
	return rc;
}

/*
 * A "letter-sent" event (event i): the letter (kind, via, text) kept
 * whole, as it was sent, about the event's stage. The rule its sending
 * was (acknowledged, extended) is an event of its own, replayed as such.
 */
static int
replay_letter(struct session *s, json_t *ev, size_t i, struct case_file *cf,
    cpl_date date, struct cpl_error *err)
{
	const char *kind = ev_str(ev, "kind"), *via = ev_str(ev, "via");
	const char *text = ev_str(ev, "text");
	json_t *jv = json_object_get(ev, "via");
	json_int_t stage;

	if (kind == NULL || kind[strspn(kind, " \t")] == '\0' || text == NULL)
		return fail_col(err, C_HISTORY, "event %zu: a letter sent needs "
		    "its kind and its text", i + 1);
	if (json_whole(json_object_get(ev, "stage"), &stage) != 0 ||
	    stage < 1 || stage > cf->n_stages)
		return fail_col(err, C_HISTORY, "event %zu: a letter sent needs "
		    "the stage it is about, from 1 to %d", i + 1, cf->n_stages);
	if ((jv != NULL && !json_is_null(jv) && via == NULL) ||
	    (via != NULL && !one_of(via, letter_vias)))
		return fail_col(err, C_HISTORY, "event %zu: '%s' is not how a "
		    "letter is sent (email, post or hand)", i + 1,
		    via ? via : "?");
	return case_file_letter_sent(s, cf, (int)stage, kind, via, date, text,
	    err);
}

/*
 * An "action-added" event (event i): the outstanding action it adds
 * (what, due, owner), numbered after the case's others; an
 * "action-done" one: the action it names (number) done. *shape: what is
 * wrong is the event's shape (a message naming the event already).
 */
static int
replay_action(struct session *s, json_t *ev, size_t i, struct case_file *cf,
    cpl_date date, int *shape, struct cpl_error *err)
{
	struct action_input in;
	const char *due = ev_str(ev, "due");
	json_int_t n;

	*shape = 1;
	if (strcmp(ev_str(ev, "action"), "action-done") == 0) {
		if (json_whole(json_object_get(ev, "number"), &n) != 0 || n < 1 ||
		    n > 100000)
			return fail_col(err, C_HISTORY, "event %zu: an action "
			    "done needs its number, a whole number from 1",
			    i + 1);
		*shape = 0;
		return case_file_action_done(s, cf, (int)n, date, err);
	}
	memset(&in, 0, sizeof(in));
	in.what = ev_str(ev, "what");
	in.owner = ev_str(ev, "owner");
	in.date = date;
	if (due == NULL || date_parse(due, &in.due) != 0)
		return fail_col(err, C_HISTORY, "event %zu: an action needs the "
		    "day it is due (YYYY-MM-DD)", i + 1);
	*shape = 0;
	return case_file_action_add(s, cf, &in, err);
}

/*
 * Replay every event of the history column, in order, each as the officer
 * who did it on the day it was done. What log itself records (logged,
 * accepted-late, accepted-anyway) was made by the log of this row; who
 * read the case in another store (viewed, exported) is no change to it.
 */
static int
replay_history(struct session *s, const struct row *r,
    struct case_file *cf,
    const char *importer, struct cpl_error *err)
{
	json_t *ev;
	size_t i, more;

	if (!json_is_array(r->history))
		return fail_col(err, C_HISTORY, "not a list of events");
	for (i = 0; i < json_array_size(r->history); i += 1 + more) {
		const char *action, *d, *detail;
		const char *rem[64], *learn[64];
		cpl_date date;
		int rc = 0, n_rem = 0, n_learn = 0;
		json_t *days;
		json_int_t n_days;

		more = 0;
		ev = json_array_get(r->history, i);
		action = ev_str(ev, "action");
		d = ev_str(ev, "date");
		detail = ev_str(ev, "detail");
		days = json_object_get(ev, "days");
		if (!json_is_object(ev) || action == NULL || d == NULL ||
		    date_parse(d, &date) != 0)
			return fail_col(err, C_HISTORY, "event %zu: needs an "
			    "action and a date (YYYY-MM-DD)", i + 1);
		act_as(s, ev_str(ev, "officer"), importer);
		if (strcmp(action, "logged") == 0 ||
		    strcmp(action, "late-granted") == 0 ||
		    strcmp(action, "resolved-informally") == 0 ||
		    strcmp(action, "accepted-late") == 0 ||
		    strcmp(action, "accepted-anyway") == 0 ||
		    strcmp(action, "viewed") == 0 ||
		    strcmp(action, "exported") == 0 ||
		    strcmp(action, "opened") == 0)
			continue;
		if (strcmp(action, "acknowledged") == 0)
			rc = case_file_ack(s, cf, date, err);
		else if (strcmp(action, "responded") == 0) {
			if (ev_list(ev, "remedies", rem, 64, &n_rem) != 0 ||
			    ev_list(ev, "learning", learn, 64, &n_learn) != 0)
				return fail_col(err, C_HISTORY, "event %zu: remedies "
				    "and learning are lists of text", i + 1);
			rc = case_file_respond(s, cf, ev_str(ev, "outcome"), rem,
			    n_rem, learn, n_learn, date, err);
		} else if (strcmp(action, "extended") == 0) {
			if (json_whole(days, &n_days) != 0)
				return fail_col(err, C_HISTORY, "event %zu: an "
				    "extension needs its days, a whole number",
				    i + 1);
			/* case_file_extend refuses days not from 1 to 400: one
			 * beyond an int is not cut down to one that is. */
			rc = case_file_extend(s, cf, n_days >= 1 && n_days <= 400 ?
			    (int)n_days : 0,
			    ev_str(ev, "reason"),
			    json_is_true(json_object_get(ev, "told")), date, err);
		} else if (strcmp(action, "escalated") == 0)
			rc = case_file_escalate(s, cf, ev_str(ev, "reason"), date, err);
		else if (strcmp(action, "assigned") == 0)
			rc = case_file_assign(s, cf, ev_str(ev, "to") ? ev_str(ev, "to") :
			    detail, date, err);
		else if (strcmp(action, "note") == 0)
			rc = case_file_note(s, cf, detail, date, err);
		else if (strcmp(action, "attached") == 0) {
			int shape = 0;

			if ((rc = replay_attached(s, r, ev, i, cf, date, &shape,
			    err)) && shape)
				return rc;
		}
		else if (strcmp(action, "linked") == 0 ||
		    strcmp(action, "unlinked") == 0)
			rc = case_file_link_event(s, cf, action, detail, date,
			    err);
		else if (strcmp(action, "letter-sent") == 0) {
			if ((rc = replay_letter(s, ev, i, cf, date, err)))
				return rc;
		}
		else if (strcmp(action, "action-added") == 0 ||
		    strcmp(action, "action-done") == 0) {
			int shape = 0;

			if ((rc = replay_action(s, ev, i, cf, date, &shape,
			    err)) && shape)
				return rc;
		}
		else if (strcmp(action, "held") == 0) {
			/* The reason and the day to end: the event's keys, or
			 * its detail ("REASON[, until YYYY-MM-DD]"). */
			char why[64] = "";
			const char *u = ev_str(ev, "until");
			cpl_date until = NO_DATE;

			if (ev_str(ev, "reason") == NULL && detail != NULL)
				sscanf(detail, "%63[^,]", why);
			if (u != NULL && date_parse(u, &until) != 0)
				return fail_col(err, C_HISTORY, "event %zu: until "
				    "'%s' is not a date (YYYY-MM-DD)", i + 1, u);
			rc = case_file_hold(s, cf, ev_str(ev, "reason") ?
			    ev_str(ev, "reason") : why, until, date, err);
		} else if (strcmp(action, "resumed") == 0)
			rc = case_file_resume(s, cf, date, err);
		else if (strcmp(action, "closed") == 0) {
			json_t *next = json_array_get(r->history, i + 1);
			const char *na = next ? ev_str(next, "action") : NULL;

			/* Resolved informally: its own rule, on the closing. */
			if (na != NULL && strcmp(na, "resolved-informally") == 0)
				rc = case_file_close_informally(s, cf, date, err);
			else
				rc = case_file_close(s, cf, ev_str(ev, "reason") ?
				    ev_str(ev, "reason") : detail, date, err);
		}
		else if (strcmp(action, "reopened") == 0)
			rc = case_file_reopen(s, cf, ev_str(ev, "reason") ?
			    ev_str(ev, "reason") : detail, date, err);
		else if (strcmp(action, "referred") == 0)
			rc = case_file_ombudsman(s, cf, ev_str(ev, "body"),
			    ev_str(ev, "reference"), NULL, date, err);
		else if (strcmp(action, "ombudsman-reference") == 0)
			rc = case_file_ombudsman(s, cf, NULL, ev_str(ev, "reference") ?
			    ev_str(ev, "reference") : detail, NULL, date, err);
		else if (strcmp(action, "ombudsman-decision") == 0)
			rc = case_file_ombudsman(s, cf, NULL, NULL,
			    ev_str(ev, "decision") ? ev_str(ev, "decision") :
			    detail, date, err);
		else if (strcmp(action, "ombudsman-remedy") == 0) {
			struct ombudsman_remedy m = {ev_str(ev, "remedy"),
			    NO_DATE, NO_DATE};

			if (ev_str(ev, "due") != NULL &&
			    date_parse(ev_str(ev, "due"), &m.due) != 0)
				return fail_col(err, C_HISTORY, "event %zu: the "
				    "remedy's due day '%s' is not a date "
				    "(YYYY-MM-DD)", i + 1, ev_str(ev, "due"));
			if (m.remedy == NULL)
				return fail_col(err, C_HISTORY, "event %zu: an "
				    "ombudsman's remedy needs its remedy", i + 1);
			rc = case_file_ombudsman_remedy(s, cf, &m, date, err);
		} else if (strcmp(action, "ombudsman-complied") == 0) {
			struct ombudsman_remedy m = {NULL, NO_DATE, date};

			rc = case_file_ombudsman_remedy(s, cf, &m, date, err);
		}
		else if (strcmp(action, "amended") == 0 ||
		    strcmp(action, "corrected") == 0) {
			size_t n = 0;
			int named = 0;

			rc = replay_change(s, r->history, i, cf, date, &n, &named,
			    err);
			if (rc && named)
				return rc;
			more = n > 0 ? n - 1 : 0;
		} else
			return fail_col(err, C_HISTORY, "event %zu: unknown action "
			    "'%s'", i + 1, action);
		if (rc) {
			char msg[sizeof(err->msg)];
			const char *key = event_key(err->subject);
			snprintf(msg, sizeof(msg), "%s", err->msg);
			return cpl_fail(err, rc, "history: event %zu (%s %s): "
			    "%s%s%s", i + 1, action, d, key ? key : "",
			    key ? ": " : "", msg);
		}
	}
	return 0;
}

/* --- a row --- */

/* A row's warnings, kept until the row is imported: a row that is then
 * refused is named once, by its error. */
struct row_warnings {
	void (*prev)(void *, const char *);
	void *prev_arg;
	char **msg;
	int n, lost;		/* lost: kept none for want of memory */
};

static void
row_warning(void *arg, const char *msg)
{
	struct row_warnings *w = arg;
	char **nv, *copy;

	if ((copy = strdup(msg)) == NULL ||
	    (nv = realloc(w->msg, (w->n + 1) * sizeof(*nv))) == NULL) {
		free(copy);
		w->lost++;
		return;
	}
	w->msg = nv;
	w->msg[w->n++] = copy;
}

static void
row_warnings_free(struct row_warnings *w)
{
	for (int i = 0; i < w->n; i++)
		free(w->msg[i]);
	free(w->msg);
}

/* --- an external_ref given again --- */

/* What tells a row given again from another row under its external_ref. */
struct repeats {
	struct store_seen *seen;	/* each external_ref met, its first
					 * line and the hash of its values */
	uint64_t key[2];	/* the hash's: random, so that no file can be
				 * written for two rows to hash alike */
	unsigned char *buf;	/* a row's values, end to end, hashed */
	size_t cap;
};

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND do {							\
	v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);	\
	v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;				\
	v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;				\
	v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);	\
} while (0)

/* SipHash-2-4 (Aumasson and Bernstein, 2012) of m under key k. */
static uint64_t
siphash(const uint64_t k[2], const unsigned char *m, size_t len)
{
	uint64_t v0 = k[0] ^ 0x736f6d6570736575ULL;
	uint64_t v1 = k[1] ^ 0x646f72616e646f6dULL;
	uint64_t v2 = k[0] ^ 0x6c7967656e657261ULL;
	uint64_t v3 = k[1] ^ 0x7465646279746573ULL;
	uint64_t b = (uint64_t)len << 56, w;
	size_t i, left = len & 7;

	for (i = 0; i + 8 <= len; i += 8) {
		/* A word read little-endian, in one load. */
		memcpy(&w, m + i, 8);
		w = le64toh(w);
		v3 ^= w;
		SIPROUND;
		SIPROUND;
		v0 ^= w;
	}
	for (size_t j = 0; j < left; j++)
		b |= (uint64_t)m[i + j] << (8 * j);
	v3 ^= b;
	SIPROUND;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

static int
repeats_open(struct repeats *rp, struct cpl_error *err)
{
	memset(rp, 0, sizeof(*rp));
	if (getrandom(rp->key, sizeof(rp->key), 0) != (ssize_t)sizeof(rp->key)) {
		/* No random bytes (an old kernel): less secret, still not
		 * the same from one run to the next. */
		struct timespec t;
		clock_gettime(CLOCK_REALTIME, &t);
		rp->key[0] = (uint64_t)t.tv_nsec << 32 ^ (uint64_t)t.tv_sec;
		rp->key[1] = (uint64_t)getpid() << 32 ^ (uint64_t)(uintptr_t)rp;
	}
	return store_seen_open(&rp->seen, err);
}

static void
repeats_close(struct repeats *rp)
{
	store_seen_close(rp->seen);
	free(rp->buf);
	rp->seen = NULL;
	rp->buf = NULL;
}

/* Add len bytes at p to the row's values. */
static int
put_value(struct repeats *rp, size_t *n, const void *p, size_t len)
{
	if (*n + len > rp->cap) {
		size_t cap = rp->cap ? rp->cap : 4096;
		unsigned char *nb;
		while (cap < *n + len)
			cap *= 2;
		if ((nb = realloc(rp->buf, cap)) == NULL)
			return -1;
		rp->buf = nb;
		rp->cap = cap;
	}
	memcpy(rp->buf + *n, p, len);
	*n += len;
	return 0;
}

/*
 * The hash of a row's values, as import reads them: each column it does
 * not ignore, by name and value, so the same row is the same whatever the
 * order of the columns, their quoting or the file's line ends; a history
 * as its JSON with the keys in order.
 */
static int
row_hash(struct repeats *rp, struct row *r, uint64_t *hash,
    struct cpl_error *err)
{
	size_t n = 0;

	for (int c = 0; c < N_COLS; c++) {
		const char *v = r->v[c];
		char *dump = NULL;
		uint64_t len;
		unsigned char col = (unsigned char)c;
		int bad;

		if (columns[c].computed)
			continue;
		if (c == C_HISTORY) {
			/* Parsed once, for row_case too; text that is not
			 * JSON is hashed as it is (and row_case says what is
			 * wrong with it). */
			if (r->history == NULL && v != NULL)
				r->history = json_loads(v, JSON_REJECT_DUPLICATES,
				    NULL);
			if (r->history != NULL && (v = dump = json_dumps(
			    r->history, JSON_COMPACT | JSON_SORT_KEYS)) == NULL)
				return cpl_nomem(err);
		}
		if (v == NULL)
			continue;
		len = strlen(v);
		bad = put_value(rp, &n, &col, 1) || put_value(rp, &n, &len,
		    sizeof(len)) || put_value(rp, &n, v, len);
		free(dump);
		if (bad)
			return cpl_nomem(err);
	}
	*hash = siphash(rp->key, rp->buf, n);
	return 0;
}

/* --- a row's case --- */

/*
 * The numbers of the file's cases (PREFIX-YYYY-N), as the store gives
 * them: the numbers it has given so far, then one a good row. The first
 * pass gives them for its messages ("stage 1 of case 'SSC-2026-00042' was
 * acknowledged on ..."); the second, under the write lock, gives them for
 * good, from the numbers as the store has them then (the same, unless
 * others logged cases meanwhile), and records the last of each once, at
 * the end (numbering_store), rather than once a case.
 *
 * A row that gives its reference keeps it (a case exported from a store),
 * and the last number of its prefix and year is then at least the one it
 * keeps, so that no case logged later takes it. The first pass notes the
 * highest number the file's rows keep for each prefix and year; the
 * second gives its new cases numbers past those (floor), so that none
 * takes the reference of a row further on in the file.
 */
struct numbering {
	struct number_slot {
		char *prefix;
		int year;
		int stored;	/* the last number the store had given */
		int last;	/* the last number given, in the store or by
				 * a good row of the file */
		int kept;	/* the highest number a good row of the
				 * file kept with its reference, or 0 */
	} *v;
	int n;
	const struct numbering *floor;	/* the first pass's numbering: new
					 * cases go past what it kept */
};

static void
numbering_free(struct numbering *nb)
{
	for (int i = 0; i < nb->n; i++)
		free(nb->v[i].prefix);
	free(nb->v);
	nb->v = NULL;
	nb->n = 0;
}

/* The slot of prefix and year: made the first time, from the store's
 * last number and past the numbers the file keeps. Good until the next
 * call. */
static int
number_slot(struct session *s, struct numbering *nb, const char *prefix,
    int year, struct number_slot **slot, struct cpl_error *err)
{
	struct number_slot *nv;
	int rc, i;

	for (i = 0; i < nb->n; i++)
		if (nb->v[i].year == year && strcmp(nb->v[i].prefix, prefix) == 0) {
			*slot = &nb->v[i];
			return 0;
		}
	if ((nv = realloc(nb->v, (nb->n + 1) * sizeof(*nv))) == NULL)
		return cpl_nomem(err);
	nb->v = nv;
	memset(&nv[i], 0, sizeof(nv[i]));
	if ((nv[i].prefix = strdup(prefix)) == NULL)
		return cpl_nomem(err);
	nv[i].year = year;
	if ((rc = store_last_ref_number(s->st, prefix, year, &nv[i].last,
	    err))) {
		free(nv[i].prefix);
		return rc;
	}
	nv[i].stored = nv[i].last;
	for (int k = 0; nb->floor != NULL && k < nb->floor->n; k++) {
		const struct number_slot *f = &nb->floor->v[k];

		if (f->year == year && strcmp(f->prefix, prefix) == 0 &&
		    f->kept > nv[i].last)
			nv[i].last = f->kept;
	}
	nb->n++;
	*slot = &nv[i];
	return 0;
}

/*
 * ref as "PREFIX-YYYY-NNNNN" (snprintf's "%s-%04d-%05d"), its digits put
 * by hand: a reference is made twice a row, and a format parsed each
 * time costs more than the rest of the numbering.
 */
static void
ref_text(char *ref, size_t size, const char *prefix, int year, int number)
{
	char digits[16];
	size_t n = strlen(prefix), k = 0;

	if (year < 0 || year > 9999 || number < 0 || n + 1 + 4 + 1 + 10 + 1 >
	    size) {
		snprintf(ref, size, "%s-%04d-%05d", prefix, year, number);
		return;
	}
	memcpy(ref, prefix, n);
	ref[n++] = '-';
	for (int i = 3; i >= 0; i--, year /= 10)
		ref[n + (size_t)i] = (char)('0' + year % 10);
	n += 4;
	ref[n++] = '-';
	do {
		digits[k++] = (char)('0' + number % 10);
		number /= 10;
	} while (number > 0);
	while (k < 5)
		digits[k++] = '0';
	while (k > 0)
		ref[n++] = digits[--k];
	ref[n] = '\0';
}

/* Number cf as the next case of its prefix and year, without counting it
 * (*slot: where to, once the row is found good). */
static int
number_tentatively(struct session *s, struct numbering *nb,
    struct case_file *cf, struct number_slot **slot, struct cpl_error *err)
{
	const char *prefix = cf->pol->prefix;
	int year = date_year(cf->c.received), rc;
	char ref[64];

	if ((rc = number_slot(s, nb, prefix, year, slot, err)))
		return rc;
	ref_text(ref, sizeof(ref), prefix, year, (*slot)->last + 1);
	free(cf->c.ref);
	if ((cf->c.ref = strdup(ref)) == NULL)
		return cpl_nomem(err);
	return 0;
}

/*
 * The number of ref when it is a reference of a policy with this prefix,
 * as log writes one (PREFIX-YYYY-NNNNN: five digits at least, no more
 * zeros before them), its year in *year; else 0. The year need not be the
 * year the case was received: a reference keeps the year it was given.
 */
static int
ref_number(const char *ref, const char *prefix, int *year)
{
	size_t n = strlen(prefix), digits;
	const char *p;
	char canon[64];
	long number;
	int y;

	if (strncmp(ref, prefix, n) != 0 || ref[n] != '-')
		return 0;
	p = ref + n + 1;
	if (strspn(p, "0123456789") != 4 || p[4] != '-')
		return 0;
	y = (int)strtol(p, NULL, 10);
	p += 5;
	digits = strspn(p, "0123456789");
	if (digits < 5 || digits > 9 || p[digits] != '\0')
		return 0;
	number = strtol(p, NULL, 10);
	snprintf(canon, sizeof(canon), "%s-%04d-%05ld", prefix, y, number);
	if (y < 1000 || number < 1 || strcmp(canon, ref) != 0)
		return 0;
	*year = y;
	return (int)number;
}

/* Give cf the reference its row keeps: *kept its number, *slot where it
 * counts. */
static int
keep_ref(struct session *s, struct numbering *nb, const struct row *r,
    struct case_file *cf, struct number_slot **slot, int *kept,
    struct cpl_error *err)
{
	const char *prefix = cf->pol->prefix;
	int year = 0, rc;

	if ((*kept = ref_number(r->ref, prefix, &year)) == 0)
		return fail_col(err, C_REF, "'%.100s' is not a reference of "
		    "policy '%s', whose cases are %s-YYYY-NNNNN: leave ref empty "
		    "for the case to be numbered anew", r->ref, cf->pol->id,
		    prefix);
	if ((rc = number_slot(s, nb, prefix, year, slot, err)))
		return rc;
	free(cf->c.ref);
	if ((cf->c.ref = strdup(r->ref)) == NULL)
		return cpl_nomem(err);
	return 0;
}

/* A good row's number counted: a new case's, or the one it kept. */
static void
count_number(struct number_slot *slot, int kept)
{
	if (slot == NULL)
		return;
	if (kept == 0)
		slot->last++;
	else if (kept > slot->kept)
		slot->kept = kept;
}

/* The last number of each prefix and year, where the file gave any. */
static int
numbering_store(struct session *s, const struct numbering *nb,
    struct cpl_error *err)
{
	int rc;

	for (int i = 0; i < nb->n; i++) {
		int last = nb->v[i].kept > nb->v[i].last ? nb->v[i].kept :
		    nb->v[i].last;

		if (last != nb->v[i].stored &&
		    (rc = store_set_ref_number(s->st, nb->v[i].prefix,
		    nb->v[i].year, last, err)))
			return rc;
	}
	return 0;
}

/* The history column, parsed once; not JSON, an error naming it. */
static int
row_history(struct row *r, struct cpl_error *err)
{
	json_error_t je;

	if (r->v[C_HISTORY] == NULL || r->history != NULL)
		return 0;
	if ((r->history = json_loads(r->v[C_HISTORY], JSON_REJECT_DUPLICATES,
	    &je)) == NULL)
		return fail_col(err, C_HISTORY, "not JSON: %s", je.text);
	return 0;
}

/* What row_case works a row's case out for. */
enum row_for {
	ROW_CHECK,		/* the first pass: no warning, nothing stored */
	ROW_WRITE,		/* the second: to be written, warned of */
	ROW_WRITE_UNRESTRICTED,	/* the same, in a store with no restriction
				 * in force: none to look up for the row */
};

/*
 * The case of row r as it ends up, in memory: logged as log takes it in,
 * numbered (see number_tentatively) or with the reference it gives, and
 * every step that happened to it replayed, each through the rule of the
 * command that records it. To be written (the second pass, inside the
 * write): with the version of its policy's text in the store, and the
 * warnings a log gives. *slot and *kept: what count_number counts once
 * the row is found good.
 */
static int
row_case(struct session *s, struct row *r, struct numbering *nb,
    enum row_for what, struct number_slot **slot, int *kept,
    struct case_file *cf, struct cpl_error *err)
{
	int to_write = what != ROW_CHECK;
	const char *importer = s->officer;
	struct log_input in;
	int rc;

	*kept = 0;
	memset(&in, 0, sizeof(in));
	in.policy = r->v[C_POLICY];
	in.kind = r->v[C_KIND];
	in.complainant = r->v[C_COMPLAINANT];
	in.contact = r->v[C_CONTACT];
	in.on_behalf_of = r->v[C_ON_BEHALF_OF];
	in.channel = r->v[C_CHANNEL];
	in.service = r->v[C_SERVICE];
	in.category = r->v[C_CATEGORY];
	in.summary = r->v[C_SUMMARY];
	in.external_ref = r->v[C_EXTERNAL_REF];
	in.external_ref_new = 1;	/* looked up by the caller */
	in.late_reason = r->v[C_LATE_REASON];
	in.accept_anyway = r->v[C_ACCEPT_ANYWAY];
	in.about_staff = r->v[C_ABOUT_STAFF];
	in.late_granted_by = r->v[C_LATE_GRANTED_BY];
	if ((rc = get_bool(r, C_DISCRIMINATION, &in.discrimination, err)) ||
	    (rc = get_bool(r, C_ANONYMOUS, &in.anonymous, err)) ||
	    (rc = get_bool(r, C_CONSENT, &in.consent, err)) ||
	    (rc = get_date(r, C_RECEIVED, &in.received, err)) ||
	    (rc = get_date(r, C_OCCURRED, &in.occurred, err)) ||
	    (rc = row_history(r, err)))
		return rc;
	if ((rc = details_as_logged(r, &in, err)))
		return rc;
	act_as(s, r->v[C_OFFICER], importer);
	if ((rc = case_file_new(s, &in, cf, err))) {
		rc = as_column(err, LOG_STEP);
		goto out;
	}
	if (cf->warning != NULL)
		session_warn(s, "%s", cf->warning);
	if (what == ROW_WRITE && !in.anonymous)
		warn_restrictions(s, in.complainant);
	if ((rc = r->ref != NULL ? keep_ref(s, nb, r, cf, slot, kept, err) :
	    number_tentatively(s, nb, cf, slot, err)) ||
	    (to_write && (rc = session_policy_version(s, cf->pol,
	    &cf->c.policy_version, err))))
		goto out;
	rc = r->history != NULL ? replay_history(s, r, cf, importer, err) :
	    flat_history(s, r, cf, importer, err);
	/* As the case ends up: only an open one is warned of another. */
	if (rc == 0 && to_write)
		warn_related(s, cf);
out:
	s->officer = importer;
	return rc;
}

/* --- a row given again: in the file, in the store --- */

/* What the first pass found a row to be: good, or a duplicate: of an
 * earlier row of the file (a repeat), or of what the store holds. */
enum verdict { ROW_GOOD, ROW_DUPLICATE, ROW_REPEAT };

/* A key of the file's seen set: a name a row gives, tagged with what it
 * names ('x' an external_ref, 'r' a reference, 'p' a restriction, 'c' a
 * complainant), so that none is taken for another. In buf when it fits
 * (most do: no allocation a row), else a new string; NULL: no memory. */
#define SEEN_KEY_BUF 256
static char *
seen_key(char tag, const char *name, char *buf)
{
	size_t n = strlen(name);
	char *k = n + 2 <= SEEN_KEY_BUF ? buf : malloc(n + 2);

	if (k != NULL) {
		k[0] = tag;
		memcpy(k + 1, name, n + 1);
	}
	return k;
}

static void
seen_key_free(char *key, char *buf)
{
	if (key != buf)
		free(key);
}

/* Note name (tagged) as met on line, with the row's values hashed to
 * hash: *first the line it was first met on (0: this is the first), and
 * the hash of the values there. */
static int
seen_add(struct repeats *rp, char tag, const char *name, long line,
    uint64_t hash, long *first, uint64_t *first_hash, struct cpl_error *err)
{
	char buf[SEEN_KEY_BUF], *key = seen_key(tag, name, buf);
	int rc;

	if (key == NULL)
		return cpl_nomem(err);
	rc = store_seen_add(rp->seen, key, line, hash, first, first_hash, err);
	seen_key_free(key, buf);
	return rc;
}

/* The line name (tagged) was first met on, or 0. */
static int
seen_first(struct repeats *rp, char tag, const char *name, long *first,
    struct cpl_error *err)
{
	char buf[SEEN_KEY_BUF], *key;
	int rc;

	*first = 0;
	if (name == NULL || *name == '\0')
		return 0;
	if ((key = seen_key(tag, name, buf)) == NULL)
		return cpl_nomem(err);
	rc = store_seen_first(rp->seen, key, first, err);
	seen_key_free(key, buf);
	return rc;
}

/*
 * Is name (an external_ref, a reference: col) given by an earlier row of
 * the file? The same row again is a duplicate (*v: a repeat); another row
 * under it is bad (which of the two is the case?), whatever became of the
 * first.
 */
static int
repeated(struct repeats *rp, char tag, const char *name, int col,
    const struct row *r, uint64_t hash, enum verdict *v,
    struct cpl_error *err)
{
	uint64_t first_hash = 0;
	long first = 0;
	int rc;

	if (name == NULL || *name == '\0')
		return 0;
	if ((rc = seen_add(rp, tag, name, r->line, hash, &first, &first_hash,
	    err)))
		return rc;
	if (first != 0 && first_hash == hash)
		*v = ROW_REPEAT;
	else if (first != 0)
		return fail_col(err, col, "'%.200s' is on line %ld too, with "
		    "other values", name, first);
	return 0;
}

/* The external_ref and the reference as they are matched and kept:
 * without the spaces around them; a reference in capitals, as log gives
 * them. */
static int
row_names(struct row *r, struct cpl_error *err)
{
	if (r->v[C_EXTERNAL_REF] != NULL && r->xref == NULL) {
		if ((r->xref = trimmed(r->v[C_EXTERNAL_REF])) == NULL)
			return cpl_nomem(err);
		r->v[C_EXTERNAL_REF] = r->xref;
	}
	if (r->v[C_REF] != NULL && r->ref == NULL) {
		if ((r->ref = trimmed(r->v[C_REF])) == NULL)
			return cpl_nomem(err);
		for (char *p = r->ref; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		r->v[C_REF] = r->ref;
		if (*r->ref == '\0') {
			free(r->ref);
			r->ref = NULL;
			r->v[C_REF] = NULL;
		}
	}
	return 0;
}

/* Remedies or lessons, a line each: the same lines, empty ones aside
 * (import reads them so). */
static int
same_lines(const char *a, const char *b)
{
	for (;;) {
		size_t la, lb;

		while (a != NULL && (*a == '\r' || *a == '\n'))
			a++;
		while (b != NULL && (*b == '\r' || *b == '\n'))
			b++;
		if (a == NULL || *a == '\0' || b == NULL || *b == '\0')
			return (a == NULL || *a == '\0') &&
			    (b == NULL || *b == '\0');
		la = strcspn(a, "\r\n");
		lb = strcspn(b, "\r\n");
		if (la != lb || memcmp(a, b, la) != 0)
			return 0;
		a += la;
		b += lb;
	}
}

/* A whole number's text, or -1. */
static long
whole(const char *v)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	return *end != '\0' || errno || n < 0 ? -1 : n;
}

/* Column c's value a as a row gives it, and b as export writes it: the
 * same, as import reads them? */
static int
same_value(int c, const char *a, const char *b)
{
	int which;

	if (a != NULL && *a == '\0')
		a = NULL;
	if (b != NULL && *b == '\0')
		b = NULL;
	if (column_stage(c, &which) < 0)
		which = -1;
	if (c == C_ANONYMOUS || c == C_CONSENT || which == SC_EXTENSION_TOLD)
		return truth(a) == truth(b);
	if (which == SC_REMEDY || which == SC_LEARNING)
		return same_lines(a, b);
	if (which == SC_EXTENSION_DAYS && a != NULL && b != NULL)
		return whole(a) >= 0 && whole(a) == whole(b);
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* An event that records who read the case (where reads are audited):
 * no change to it, and no part of what makes two cases the same. */
static int
read_event(json_t *ev)
{
	const char *a = ev_str(ev, "action");

	return a != NULL && (strcmp(a, "viewed") == 0 ||
	    strcmp(a, "exported") == 0 || strcmp(a, "opened") == 0);
}

/* The same events, the reads aside? */
static int
same_history(json_t *a, json_t *b)
{
	size_t i = 0, j = 0;

	if (!json_is_array(a) || !json_is_array(b))
		return 0;
	for (;;) {
		while (i < json_array_size(a) && read_event(json_array_get(a, i)))
			i++;
		while (j < json_array_size(b) && read_event(json_array_get(b, j)))
			j++;
		if (i == json_array_size(a) || j == json_array_size(b))
			return i == json_array_size(a) && j == json_array_size(b);
		if (!json_equal(json_array_get(a, i++), json_array_get(b, j++)))
			return 0;
	}
}

/*
 * Row r gives the reference of a case: *found when the store holds it,
 * and then *dup when every column the row gives has the stored case's
 * value (as export writes it; with a history, its events, the reads of it
 * aside): the row is that case again. Else the row is bad, named by the
 * first column that differs. A column import fills in when it is empty
 * (the store's default policy, a complaint, the officer importing, today)
 * is compared only when given.
 */
static int
stored_case(struct session *s, struct row *r, int *found, int *dup,
    struct cpl_error *err)
{
	struct export_row e;
	const char *differs = NULL;
	char purged[DATE_LEN];
	int rc, which;

	*found = *dup = 0;
	if ((rc = row_history(r, err)))
		return rc;
	if ((rc = export_row_read(s, r->ref, r->history != NULL, 0, &e,
	    err)) == CPL_REFUSED)
		rc = 0;		/* no such case */
	else if (rc == 0)
		*found = 1;
	if (rc || !*found) {
		export_row_free(&e);
		return rc;
	}
	if (e.cf.c.purged != NO_DATE) {
		date_format(e.cf.c.purged, purged);
		export_row_free(&e);
		return fail_col(err, C_REF, "case '%s' is in the store, its "
		    "personal data purged on %s: it is not imported again",
		    r->ref, purged);
	}
	for (int c = 0; differs == NULL && c < N_COLS; c++) {
		if (!r->has[c] || columns[c].computed || c == C_REF ||
		    c == C_HISTORY)
			continue;
		/* With a history, what happened is in it alone. */
		if (r->history != NULL && c > C_OFFICER)
			continue;
		if (r->v[c] == NULL && (c == C_POLICY || c == C_KIND ||
		    c == C_RECEIVED || (column_stage(c, &which) >= 0 &&
		    which == SC_OFFICER)))
			continue;
		if (!same_value(c, r->v[c], e.v[c]))
			differs = columns[c].name;
	}
	if (differs == NULL && r->history != NULL &&
	    !same_history(r->history, e.history))
		differs = "history";
	export_row_free(&e);
	if (differs != NULL)
		return fail_col(err, C_REF, "case '%s' is in the store already, "
		    "and its %s differs: a stored case is changed with the "
		    "commands, not imported again", r->ref, differs);
	*dup = 1;
	return 0;
}

/* --- a restriction's line --- */

/* A restriction as its line gives it (export's {"restriction": ...}). */
struct restriction_in {
	const char *complainant, *kind, *detail, *reason, *officer;
	const char *lifted_reason;
	const char *decided_by;	/* who decided it, or NULL */
	cpl_date imposed, review, lifted;
	const char *imposed_by;	/* from its events: who imposed it */
	const char *lifted_by;	/* and who lifted it */
	char *key;		/* what tells it from another: its
				 * complainant, kind and first day */
	uint64_t hash;		/* of its values */
};

static int
fail_restriction(struct cpl_error *err, const char *field, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

/* "restriction: field: message". */
static int
fail_restriction(struct cpl_error *err, const char *field, const char *fmt,
    ...)
{
	char msg[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return cpl_fail(err, CPL_USAGE, "restriction: %s%s%s", field ? field :
	    "", field ? ": " : "", msg);
}

/* A refusal of the rules of restrictions, told of the field it is about:
 * of imposing it, or (lift) of lifting it. */
static int
restriction_field(struct cpl_error *err, int lift)
{
	static const struct {
		enum cpl_subject subject;
		const char *impose, *lift;
	} fields[] = {
		{CPL_ABOUT_COMPLAINANT, "complainant", "complainant"},
		{CPL_ABOUT_RESTRICTION_KIND, "kind", "kind"},
		{CPL_ABOUT_REASON, "reason", "lifted_reason"},
		{CPL_ABOUT_DETAIL, "detail", "detail"},
		{CPL_ABOUT_REVIEW, "review", "review"},
		{CPL_ABOUT_DATE, "imposed", "lifted"},
		{CPL_ABOUT_DECIDED_BY, "decided_by", "decided_by"},
	};
	char msg[sizeof(err->msg)];
	const char *field = NULL;
	int code = err->code;

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i].subject == err->subject)
			field = lift ? fields[i].lift : fields[i].impose;
	snprintf(msg, sizeof(msg), "%s", err->msg);
	fail_restriction(err, field, "%s", msg);
	err->code = code;
	return code;
}

static void
restriction_in_free(struct restriction_in *in)
{
	free(in->key);
	in->key = NULL;
}

/* Read a restriction's line: its fields, each text or null. */
static int
restriction_read(struct repeats *rp, const struct row *r,
    struct restriction_in *in, struct cpl_error *err)
{
	static const char *const fields[] = {"complainant", "kind", "detail",
	    "reason", "imposed", "review", "officer", "lifted", "lifted_reason",
	    "history", "decided_by", NULL};
	static const struct {
		const char *field;
		size_t at;
	} dates[] = {
		{"imposed", offsetof(struct restriction_in, imposed)},
		{"review", offsetof(struct restriction_in, review)},
		{"lifted", offsetof(struct restriction_in, lifted)},
	};
	json_t *o = r->restriction, *v, *h, *ev;
	const char *field;
	char *dump, *nk, imposed[DATE_LEN];
	size_t i, len;

	memset(in, 0, sizeof(*in));
	json_object_foreach(o, field, v) {
		int k;

		for (k = 0; fields[k] != NULL && strcmp(fields[k], field) != 0;
		    k++)
			;
		if (fields[k] == NULL)
			return fail_restriction(err, NULL, "'%.100s' is not a "
			    "field of a restriction (see complaints-import(1))",
			    field);
		if (strcmp(field, "history") == 0 ? !json_is_array(v) &&
		    !json_is_null(v) : !json_is_string(v) && !json_is_null(v))
			return fail_restriction(err, field, "%s", strcmp(field,
			    "history") == 0 ? "not a list of events" :
			    "not text");
	}
	in->complainant = ev_str(o, "complainant");
	in->kind = ev_str(o, "kind");
	in->detail = ev_str(o, "detail");
	in->reason = ev_str(o, "reason");
	in->officer = ev_str(o, "officer");
	in->lifted_reason = ev_str(o, "lifted_reason");
	in->decided_by = ev_str(o, "decided_by");
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		const char *d = ev_str(o, dates[i].field);
		cpl_date *at = (cpl_date *)((char *)in + dates[i].at);

		*at = NO_DATE;
		if (d != NULL && date_parse(d, at) != 0)
			return fail_restriction(err, dates[i].field, "'%.40s' is "
			    "not a date (YYYY-MM-DD)", d);
	}
	if (in->imposed == NO_DATE)
		return fail_restriction(err, "imposed", "the day the restriction "
		    "was imposed is needed");
	if (in->lifted_reason != NULL && in->lifted == NO_DATE)
		return fail_restriction(err, "lifted_reason", "given without "
		    "lifted");
	if (json_is_array(h = json_object_get(o, "history")))
		json_array_foreach(h, i, ev) {
			const char *action = ev_str(ev, "action");

			if (!json_is_object(ev) || action == NULL)
				return fail_restriction(err, "history", "event %zu: "
				    "needs an action", i + 1);
			if (strcmp(action, "restricted") == 0)
				in->imposed_by = ev_str(ev, "officer");
			else if (strcmp(action, "restriction-lifted") == 0)
				in->lifted_by = ev_str(ev, "officer");
			else
				return fail_restriction(err, "history", "event %zu: "
				    "'%.40s' is not an action on a restriction",
				    i + 1, action);
		}
	/* Told apart by whom, what and from when: the same three again are
	 * the same restriction. */
	date_format(in->imposed, imposed);
	nk = name_key(in->complainant ? in->complainant : "");
	len = (nk ? strlen(nk) : 0) + (in->kind ? strlen(in->kind) : 0) + 16;
	if (nk == NULL || (in->key = malloc(len)) == NULL) {
		free(nk);
		return cpl_nomem(err);
	}
	snprintf(in->key, len, "%s\n%s\n%s", nk, in->kind ? in->kind : "",
	    imposed);
	free(nk);
	if ((dump = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS)) == NULL)
		return cpl_nomem(err);
	in->hash = siphash(rp->key, (const unsigned char *)dump, strlen(dump));
	free(dump);
	return 0;
}

static int
same_text(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* Is the restriction in the store (*found: one on the complainant, of
 * its kind, imposed that day), and with these values (*same)? */
static int
restriction_stored(struct session *s, const struct restriction_in *in,
    int *found, int *same, struct cpl_error *err)
{
	struct restriction_rec *r;
	int n, rc;

	*found = *same = 0;
	if (in->complainant == NULL || in->kind == NULL)
		return 0;
	if ((rc = store_restrictions(s->st, in->complainant, 1, &r, &n, err)))
		return rc;
	for (int i = 0; i < n && !*found; i++) {
		if (strcmp(r[i].kind, in->kind) != 0 || r[i].imposed != in->imposed)
			continue;
		*found = 1;
		*same = same_text(r[i].detail, in->detail) &&
		    same_text(r[i].reason, in->reason) &&
		    r[i].review == in->review && r[i].lifted == in->lifted &&
		    same_text(r[i].lifted_reason, in->lifted_reason) &&
		    (in->officer == NULL || same_text(r[i].officer, in->officer));
	}
	store_restrictions_free(r, n);
	return 0;
}

static int
restriction_clash(const struct restriction_in *in, struct cpl_error *err)
{
	char d[DATE_LEN];

	date_format(in->imposed, d);
	return fail_restriction(err, NULL, "'%.100s' is under a restriction "
	    "'%s' imposed on %s in the store already, with other values: "
	    "lift or add restrictions with complaints restriction, not by "
	    "importing them again", in->complainant, in->kind, d);
}

/*
 * The first pass over a restriction's line: checked by the rules of
 * imposing it and lifting it, without writing. Its complainant must have
 * a case in the store or on a line before it (export writes the cases
 * first).
 */
static int
check_restriction(struct session *s, struct row *r, struct repeats *rp,
    enum verdict *v, struct cpl_error *err)
{
	struct restriction_in in;
	char *name = NULL, *nk;
	uint64_t first_hash = 0;
	long first = 0;
	int rc, found, same;

	if ((rc = restriction_read(rp, r, &in, err)) ||
	    (rc = seen_add(rp, 'p', in.key, r->line, in.hash, &first,
	    &first_hash, err)))
		goto out;
	/* Met before: the same line again, or another under it. */
	if (first != 0) {
		if (first_hash == in.hash)
			*v = ROW_DUPLICATE;
		else
			rc = fail_restriction(err, NULL, "the same restriction "
			    "(complainant, kind and day imposed) is on line %ld "
			    "too, with other values", first);
		goto out;
	}
	if ((rc = restriction_stored(s, &in, &found, &same, err)))
		goto out;
	if (found) {
		if (same)
			*v = ROW_DUPLICATE;
		else
			rc = restriction_clash(&in, err);
		goto out;
	}
	if ((rc = case_restrict(s, in.complainant, in.kind, in.detail,
	    in.reason, in.decided_by, in.review, in.imposed, NULL, err))) {
		rc = restriction_field(err, 0);
		goto out;
	}
	if (in.lifted != NO_DATE && (rc = case_lift_restriction(s, 0,
	    in.lifted_reason, in.lifted, err))) {
		rc = restriction_field(err, 1);
		goto out;
	}
	/* Whose cases the store holds, or a row of the file before it. */
	if ((rc = store_complainant_name(s->st, in.complainant, &name, err)))
		goto out;
	if (name == NULL) {
		if ((nk = name_key(in.complainant)) == NULL) {
			rc = cpl_nomem(err);
			goto out;
		}
		rc = seen_first(rp, 'c', nk, &first, err);
		free(nk);
		if (rc == 0 && first == 0)
			rc = fail_restriction(err, "complainant", "no case of a "
			    "complainant named '%.100s' in the store or on a line "
			    "before this one", in.complainant);
	}
out:
	free(name);
	restriction_in_free(&in);
	return rc;
}

/* The second pass over a restriction's line: imposed (and lifted) as the
 * officers who did so, on their days; a number of its own here. */
static int
write_restriction(struct session *s, struct row *r, struct repeats *rp,
    int *dup, struct cpl_error *err)
{
	const char *importer = s->officer;
	struct restriction_in in;
	int64_t id = 0;
	long first = 0;
	int rc, found, same;

	*dup = 0;
	if ((rc = restriction_read(rp, r, &in, err)) ||
	    (rc = seen_first(rp, 'p', in.key, &first, err)))
		goto out;
	if (first != 0 && first != r->line) {
		*dup = 1;
		goto out;
	}
	if ((rc = restriction_stored(s, &in, &found, &same, err)))
		goto out;
	if (found) {
		if (same)
			*dup = 1;
		else
			rc = restriction_clash(&in, err);
		goto out;
	}
	act_as(s, in.imposed_by ? in.imposed_by : in.officer, importer);
	if ((rc = case_restrict_within(s, in.complainant, in.kind, in.detail,
	    in.reason, in.decided_by, in.review, in.imposed, &id, err))) {
		rc = restriction_field(err, 0);
		goto out;
	}
	act_as(s, in.lifted_by, importer);
	if (in.lifted != NO_DATE && (rc = case_lift_restriction_within(s, id,
	    in.lifted_reason, in.lifted, err)))
		rc = restriction_field(err, 1);
out:
	s->officer = importer;
	restriction_in_free(&in);
	return rc;
}

/* --- a row, in each pass --- */

/* Where a group's line finds its cases (ref_known). */
struct known_refs {
	struct session *s;
	struct repeats *rp;
};

/* *yes: the store holds case ref, or an earlier row of the file gives
 * it (a group's line comes after its cases). */
static int
ref_known(void *arg, const char *ref, int *yes, struct cpl_error *err)
{
	struct known_refs *k = arg;
	struct case_rec c;
	long first = 0;
	int rc;

	memset(&c, 0, sizeof(c));
	*yes = 0;
	rc = store_find_case(k->s->st, ref, &c, err);
	case_rec_free(&c);
	if (rc == 0 || rc != CPL_REFUSED) {
		*yes = rc == 0;
		return rc;
	}
	if ((rc = seen_first(k->rp, 'r', ref, &first, err)))
		return rc;
	*yes = first != 0;
	return 0;
}

/*
 * The first pass over a row: 0 and *v, or the reason it is bad (an error
 * about the row), or one about the store or the file. Nothing is written:
 * the row's case is worked out in memory, as the second pass will write
 * it, with the store as it is now. A row whose external_ref is in the
 * store, or came with the same values on an earlier line, is a duplicate;
 * so is one whose reference names a case the store holds with the same
 * values (with others, it is bad).
 */
static int
check_row(struct session *s, struct row *r, struct repeats *rp,
    struct numbering *nb, int no_cases, enum verdict *v,
    struct cpl_error *err)
{
	struct case_file cf;
	struct number_slot *slot = NULL;
	uint64_t hash = 0;
	long first = 0;
	int rc, exists = 0, found = 0, dup = 0, kept = 0;

	*v = ROW_GOOD;
	if (r->restriction != NULL)
		return check_restriction(s, r, rp, v, err);
	if (r->linked != NULL) {
		struct known_refs k = {s, rp};

		return links_line_check(s, r->linked, ref_known, &k, err);
	}
	if ((rc = row_names(r, err)))
		return rc;
	if (((r->xref != NULL && *r->xref != '\0') || r->ref != NULL) &&
	    (rc = row_hash(rp, r, &hash, err)))
		return rc;
	/* Given again in this file: the same row again is a duplicate;
	 * another row under the same external_ref or reference is bad. */
	if ((rc = repeated(rp, 'x', r->xref, C_EXTERNAL_REF, r, hash, v,
	    err)) || *v != ROW_GOOD ||
	    (rc = repeated(rp, 'r', r->ref, C_REF, r, hash, v, err)) ||
	    *v != ROW_GOOD)
		return rc;
	/* A case the store holds under the reference (with none, the
	 * history is still read first, and its error comes first). */
	if (r->ref != NULL && r->malformed == NULL &&
	    (rc = no_cases ? row_history(r, err) :
	    stored_case(s, r, &found, &dup, err)))
		return rc;
	/* A row already imported is skipped, whatever else is wrong with it:
	 * a file corrected and run again adds nothing twice. */
	if (!dup && r->xref != NULL && *r->xref != '\0' && !no_cases &&
	    (rc = store_external_ref_exists(s->st, r->xref, &exists, err)))
		return rc;
	if (dup || exists) {
		*v = ROW_DUPLICATE;
		return 0;
	}
	if (r->malformed != NULL)
		return cpl_fail(err, CPL_USAGE, "%s", r->malformed);
	memset(&cf, 0, sizeof(cf));
	if ((rc = row_case(s, r, nb, ROW_CHECK, &slot, &kept, &cf, err)) == 0)
		count_number(slot, kept);
	/* A restriction further on may be on this complainant: only in a
	 * file of JSON lines (a CSV file has no restriction's line). */
	if (rc == 0 && r->json != NULL && !cf.c.anonymous &&
	    cf.c.complainant != NULL) {
		char *nk = name_key(cf.c.complainant);
		rc = nk == NULL ? cpl_nomem(err) : seen_add(rp, 'c', nk, r->line,
		    0, &first, &(uint64_t){0}, err);
		free(nk);
	}
	case_file_free(&cf);
	return rc;
}

/*
 * The warnings of the rows a single pass writes (import_once), held until
 * every row is read: a bad row further on means nothing is imported and
 * nothing warned of, and with --skip-bad the bad rows are all named
 * before the first warning, as when the file is read twice. In memory up
 * to HELD_IN_MEMORY bytes; past that in an unlinked temporary file, as
 * the copy of a pipe is, so that memory stays flat however many there
 * are. Each as its line, its length and its bytes.
 */
#define HELD_IN_MEMORY (256 * 1024)

static FILE *spool_file(void);

struct held_warnings {
	char *buf;		/* the first ones */
	size_t len, cap;
	FILE *f;		/* all of them, once they outgrow buf */
	int failed;		/* errno of a write that failed, or 0 */
};

/* Add len bytes at p to what is held. */
static void
held_put(struct held_warnings *h, const void *p, size_t len)
{
	if (h->failed != 0)
		return;
	if (h->f == NULL && h->len + len > HELD_IN_MEMORY) {
		if ((h->f = spool_file()) == NULL ||
		    fwrite(h->buf, 1, h->len, h->f) != h->len) {
			h->failed = errno ? errno : EIO;
			return;
		}
		free(h->buf);
		h->buf = NULL;
		h->len = h->cap = 0;
	}
	if (h->f != NULL) {
		if (fwrite(p, 1, len, h->f) != len)
			h->failed = errno ? errno : EIO;
		return;
	}
	if (h->len + len > h->cap) {
		size_t cap = h->cap ? h->cap : 4096;
		char *nb;

		while (cap < h->len + len)
			cap *= 2;
		if ((nb = realloc(h->buf, cap)) == NULL) {
			h->failed = ENOMEM;
			return;
		}
		h->buf = nb;
		h->cap = cap;
	}
	memcpy(h->buf + h->len, p, len);
	h->len += len;
}

static void
hold_warning(struct held_warnings *h, long line, const char *msg)
{
	size_t len = strlen(msg);

	held_put(h, &line, sizeof(line));
	held_put(h, &len, sizeof(len));
	held_put(h, msg, len);
}

/* The next n bytes held into p (at *at in memory); 0, or -1 at the end
 * or on a read error. */
static int
held_get(struct held_warnings *h, size_t *at, void *p, size_t n)
{
	if (h->f != NULL)
		return fread(p, 1, n, h->f) == n ? 0 : -1;
	if (n > h->len - *at)
		return -1;
	memcpy(p, h->buf + *at, n);
	*at += n;
	return 0;
}

/* Each held warning to o->warning, in the order of the rows. */
static int
give_warnings(struct held_warnings *h, struct import_opts *o,
    const char *name, struct cpl_error *err)
{
	size_t at = 0, len;
	char *msg;
	long line;

	if (h->failed == 0 && h->f != NULL && (fflush(h->f) != 0 ||
	    fseeko(h->f, 0, SEEK_SET) != 0))
		h->failed = errno ? errno : EIO;
	while (h->failed == 0 && held_get(h, &at, &line, sizeof(line)) == 0) {
		if (held_get(h, &at, &len, sizeof(len)) != 0 ||
		    (msg = malloc(len + 1)) == NULL) {
			h->failed = errno ? errno : EIO;
			break;
		}
		if (held_get(h, &at, msg, len) != 0) {
			free(msg);
			h->failed = errno ? errno : EIO;
			break;
		}
		msg[len] = '\0';
		if (o->warning != NULL)
			o->warning(o->arg, line, msg);
		free(msg);
	}
	if (h->failed == 0 && h->f != NULL && ferror(h->f))
		h->failed = errno ? errno : EIO;
	if (h->failed != 0)
		return cpl_fail(err, CPL_STORE, "%s: can't keep the warnings "
		    "of its rows: %s", name, strerror(h->failed));
	return 0;
}

static void
held_warnings_free(struct held_warnings *h)
{
	if (h->f != NULL)
		fclose(h->f);
	free(h->buf);
	memset(h, 0, sizeof(*h));
}

/*
 * Row r's case worked out with the store as it is now (under the write
 * lock), and written, in one go; the row's warnings given once it is
 * (held, when held is not NULL). A row that is bad is an error about
 * the row.
 */
static int
write_case(struct session *s, struct row *r, struct import_opts *o,
    struct numbering *nb, int restricted, struct held_warnings *held,
    struct cpl_error *err)
{
	struct row_warnings w = {s->warn, s->warn_arg, NULL, 0, 0};
	struct number_slot *slot = NULL;
	struct case_file cf;
	int rc, kept = 0;

	if (r->malformed != NULL)
		return cpl_fail(err, CPL_USAGE, "%s", r->malformed);
	memset(&cf, 0, sizeof(cf));
	s->warn = row_warning;
	s->warn_arg = &w;
	if ((rc = row_case(s, r, nb, restricted ? ROW_WRITE :
	    ROW_WRITE_UNRESTRICTED, &slot, &kept, &cf, err)) == 0 &&
	    (rc = case_write(s, &cf, err)) == 0)
		count_number(slot, kept);
	s->warn = w.prev;
	s->warn_arg = w.prev_arg;
	case_file_free(&cf);
	for (int i = 0; rc == 0 && i <= w.n; i++) {
		const char *msg = i < w.n ? w.msg[i] : w.lost ? "more "
		    "warnings, lost for want of memory" : NULL;

		if (msg == NULL)
			break;
		if (held != NULL)
			hold_warning(held, r->line, msg);
		else if (o->warning != NULL)
			o->warning(o->arg, r->line, msg);
	}
	row_warnings_free(&w);
	return rc;
}

/*
 * The second pass over a row the first found good or a duplicate, inside
 * the write: the row's case worked out again with the store as it is now,
 * and written, in one go. *dup: skipped, a duplicate (found so by the
 * first pass, or since: its external_ref stored meanwhile). A row that has
 * become bad is an error about the row.
 *
 * unchanged: no other connection has written to the store since the first
 * pass began, and the row is one it found good (write_rows skips the
 * duplicates it found). Then the row is known to be no duplicate, and is
 * not looked up again: what the store held then it holds now, and a case
 * this file has written since is under the external_ref or reference of
 * an earlier line, which the first pass found a later row giving again
 * (a repeat, or a bad row).
 *
 * *restricted: the store may hold a restriction in force (0: it holds
 * none, and a row's complainant is not looked up for one); a restriction's
 * line sets it.
 */
static int
write_row(struct session *s, struct row *r, struct import_opts *o,
    struct repeats *rp, struct numbering *nb, int unchanged, int *restricted,
    int *dup, struct cpl_error *err)
{
	long first = 0;
	int rc, exists = 0, found = 0;

	*dup = 0;
	if (r->restriction != NULL) {
		*restricted = 1;
		return write_restriction(s, r, rp, dup, err);
	}
	if (r->linked != NULL)
		return links_line_write(s, r->linked, dup, err);
	if ((rc = row_names(r, err)))
		return rc;
	if (unchanged)
		goto write;
	/* The first pass met each external_ref and reference first on one
	 * line: another line with it is the same row again (another row
	 * under it was bad, and is not read again). */
	if ((rc = seen_first(rp, 'x', r->xref, &first, err)))
		return rc;
	if (first == 0 || first == r->line) {
		if ((rc = seen_first(rp, 'r', r->ref, &first, err)))
			return rc;
	}
	if (first != 0 && first != r->line) {
		*dup = 1;
		return 0;
	}
	if (r->ref != NULL && r->malformed == NULL &&
	    (rc = stored_case(s, r, &found, dup, err)))
		return rc;
	if (!*dup && r->xref != NULL && *r->xref != '\0' &&
	    (rc = store_external_ref_exists(s->st, r->xref, &exists, err)))
		return rc;
	if (*dup || exists) {
		*dup = 1;
		return 0;
	}
write:
	return write_case(s, r, o, nb, *restricted, NULL, err);
}

/* --- reading rows --- */

struct reader {
	enum import_format format;
	struct csv_reader csv;
	int map[256];		/* CSV field i -> column, or -1: ignored */
	int n_map;
	FILE *in;
	const char *name;
	char *line;		/* a JSON line (its first CSV_MAX_RECORD + 1
				 * bytes: a longer one is bad) */
	size_t line_len;
	long line_no;
	long bytes;
	const char *raw;	/* the row as read */
	size_t raw_len;
	long raw_offset;	/* where it starts in the input */
	long raw_size;		/* its bytes there (more than raw_len when
				 * only the first were kept) */
	char malformed[128];	/* what is wrong with a row's shape */
};

/* The next line of a JSON lines file into rd->line, NUL-terminated:
 * its length in the file (a line longer than the limit is read to its end
 * but only the limit kept, so memory stays one row's worth), -1 at the end
 * or on a read error, -2 out of memory. */
static ssize_t
read_line(struct reader *rd)
{
	size_t n = 0, kept = 0;
	int c;

	if (rd->line == NULL) {
		if ((rd->line = malloc(CSV_MAX_RECORD + 2)) == NULL)
			return -2;
	}
	while ((c = getc(rd->in)) != EOF) {
		if (kept < CSV_MAX_RECORD + 1)
			rd->line[kept++] = (char)c;
		n++;
		if (c == '\n')
			break;
	}
	rd->line[kept] = '\0';
	rd->line_len = kept;
	if (n == 0)
		return -1;
	return (ssize_t)n;
}

/* The next CSV record (csv_next), a read error named with the file. */
static int
csv_record(struct reader *rd, struct cpl_error *err)
{
	int rc = csv_next(&rd->csv, err);

	if (rc == CPL_STORE && ferror(rd->in))
		return cpl_fail(err, CPL_STORE, "%s: can't read: %s", rd->name,
		    strerror(errno));
	return rc;
}

/* The CSV header: each name a column, once. */
static int
read_header(struct reader *rd, struct cpl_error *err)
{
	int rc;

	if ((rc = csv_record(rd, err)) == CPL_USAGE) {
		char msg[sizeof(err->msg)];
		snprintf(msg, sizeof(msg), "%s", err->msg);
		return cpl_fail(err, CPL_USAGE, "%s:%ld: header %s", rd->name,
		    rd->csv.rec_line, msg);
	}
	if (rc != 0 && rc != 1)
		return rc;
	if (rc == 0)
		return cpl_fail(err, CPL_USAGE, "%s: the file is empty: the first "
		    "line names the columns", rd->name);
	if (rd->csv.n_fields > 256)
		return cpl_fail(err, CPL_USAGE, "%s:%ld: more than 256 columns",
		    rd->name, rd->csv.rec_line);
	rd->n_map = rd->csv.n_fields;
	for (int i = 0; i < rd->n_map; i++) {
		const char *name = csv_field(&rd->csv, i);
		int c = column_of(name);

		/* A column with no name (a spreadsheet's trailing comma) is
		 * ignored, as long as it holds nothing (see next_row). */
		if (strspn(name, " \t") == strlen(name)) {
			rd->map[i] = -1;
			continue;
		}
		if (c < 0)
			return cpl_fail(err, CPL_USAGE, "%s:%ld: column '%s' is not "
			    "one complaints knows (see complaints-import(1))",
			    rd->name, rd->csv.rec_line, name);
		for (int k = 0; k < i; k++)
			if (rd->map[k] == c)
				return cpl_fail(err, CPL_USAGE, "%s:%ld: column '%s' "
				    "is named twice", rd->name, rd->csv.rec_line,
				    name);
		rd->map[i] = c;
	}
	return 0;
}

/*
 * The next row into r: 1, 0 at the end, or an error about this row
 * (CPL_USAGE: the row is bad, reading goes on) or the file.
 */
static int
next_row(struct reader *rd, struct row *r, struct cpl_error *err)
{
	json_error_t je;
	const char *key;
	json_t *v;
	json_int_t n;
	ssize_t len;
	int rc, whole = 0;

	memset(r, 0, sizeof(*r));
	if (rd->format == IMPORT_CSV) {
		rc = csv_record(rd, err);
		r->line = rd->csv.rec_line;
		rd->raw = rd->csv.raw;
		rd->raw_len = rd->csv.raw_len;
		rd->raw_offset = rd->csv.rec_offset;
		rd->raw_size = rd->csv.rec_size;
		rd->bytes = rd->csv.bytes;
		if (rc != 1)
			return rc;
		/* A row of the wrong length is bad, but it may still name its
		 * external_ref, and be a duplicate. */
		if (rd->csv.n_fields != rd->n_map) {
			snprintf(rd->malformed, sizeof(rd->malformed), "row: %d "
			    "fields where the header names %d columns",
			    rd->csv.n_fields, rd->n_map);
			r->malformed = rd->malformed;
		}
		for (int i = 0; i < rd->n_map; i++)
			if (rd->map[i] >= 0)
				r->has[rd->map[i]] = 1;
		for (int i = 0; i < rd->n_map && i < rd->csv.n_fields; i++) {
			const char *f = csv_field(&rd->csv, i);
			if (*f == '\0')
				continue;
			if (rd->map[i] >= 0)
				r->v[rd->map[i]] = f;
			else if (r->malformed == NULL) {
				snprintf(rd->malformed, sizeof(rd->malformed),
				    "row: field %d holds '%.40s' under a column "
				    "the header does not name", i + 1, f);
				r->malformed = rd->malformed;
			}
		}
		return 1;
	}
	do {
		rd->raw_offset = rd->bytes;
		if ((len = read_line(rd)) < 0) {
			if (len == -2)
				return cpl_nomem(err);
			if (ferror(rd->in))
				return cpl_fail(err, CPL_STORE, "%s: can't read: %s",
				    rd->name, strerror(errno));
			return 0;
		}
		rd->line_no++;
		rd->bytes += len;
		/* A UTF-8 byte order mark before the first line. */
		if (rd->line_no == 1 && len >= 3 &&
		    memcmp(rd->line, "\xEF\xBB\xBF", 3) == 0) {
			memmove(rd->line, rd->line + 3, rd->line_len - 2);
			rd->line_len -= 3;
			rd->raw_offset += 3;
			len -= 3;
		}
	} while (strspn(rd->line, " \t\r\n") == (size_t)rd->line_len);
	r->line = rd->line_no;
	rd->raw = rd->line;
	rd->raw_len = rd->line_len;
	rd->raw_size = (long)len;
	if (len > CSV_MAX_RECORD)
		return cpl_fail(err, CPL_USAGE, "row: longer than %d bytes",
		    CSV_MAX_RECORD);
	if ((r->json = json_loadb(rd->line, rd->line_len, JSON_REJECT_DUPLICATES,
	    &je)) == NULL)
		return cpl_fail(err, CPL_USAGE, "row: not JSON: %s", je.text);
	if (!json_is_object(r->json))
		return cpl_fail(err, CPL_USAGE, "row: not a JSON object");
	/* A restriction's line (export writes them after the cases): its
	 * object, alone. */
	if ((v = json_object_get(r->json, "restriction")) != NULL) {
		if (json_object_size(r->json) != 1)
			return cpl_fail(err, CPL_USAGE, "row: a restriction's line "
			    "holds its \"restriction\" alone");
		if (!json_is_object(v))
			return cpl_fail(err, CPL_USAGE, "restriction: not a JSON "
			    "object");
		r->restriction = v;
		return 1;
	}
	/* A group of linked cases' line (lib/links_io.c), after the
	 * cases. */
	if ((v = json_object_get(r->json, "linked")) != NULL) {
		if (json_object_size(r->json) != 1)
			return cpl_fail(err, CPL_USAGE, "row: a group's line "
			    "holds its \"linked\" alone");
		r->linked = v;
		return 1;
	}
	json_object_foreach(r->json, key, v) {
		int c = column_of(key);
		if (c < 0)
			return cpl_fail(err, CPL_USAGE, "%s: not a column complaints "
			    "knows (see complaints-import(1))", key);
		r->has[c] = 1;
		if (json_is_null(v))
			continue;
		if (c == C_HISTORY && json_is_array(v))
			r->history = json_incref(v);
		else if (json_is_string(v))
			r->v[c] = *json_string_value(v) ? json_string_value(v) : NULL;
		else if (json_is_true(v))
			r->v[c] = "true";
		else if (json_is_false(v))
			r->v[c] = "false";
		else if ((whole = json_whole(v, &n)) == 0) {
			/* Kept in the object, so it lives as long as the row. */
			char num[32];
			json_t *s;
			snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, n);
			if ((s = json_string(num)) == NULL ||
			    json_object_set_new(r->json, key, s) != 0)
				return cpl_nomem(err);
			r->v[c] = json_string_value(s);
		} else if (json_is_real(v)) {
			/* Every number complaints reads (days) is whole; other
			 * columns take text, and a number as its digits. */
			char num[32];
			number_text(json_real_value(v), num, sizeof(num));
			return fail_col(err, c, whole == -2 ?
			    "%s is too big a number" :
			    "%s is not a whole number (text goes in quotes)",
			    num);
		} else
			return fail_col(err, c, "a JSON %s, where text is wanted",
			    json_is_object(v) ? "object" : "list");
	}
	return 1;
}

static void
row_free(struct row *r)
{
	json_decref(r->history);
	json_decref(r->json);
	free(r->xref);
	free(r->ref);
	r->history = r->json = r->restriction = r->linked = NULL;
	r->xref = r->ref = NULL;
}

/* --- the input, read twice --- */

/*
 * The first pass reads the input, the second reads it again: a file from
 * where reading began; anything else (a pipe) through a tee that copies
 * what the first pass reads into a temporary file, unlinked, its owner's
 * only, in TMPDIR, which the second pass reads.
 */
struct input {
	FILE *in;		/* the caller's */
	off_t start;		/* where reading began in it, or -1: it can't
				 * be read again */
	FILE *spool;		/* a copy of what the first pass read */
	FILE *tee;		/* what the first pass reads: in, copied */
	int spool_failed;	/* errno of a write to the spool, or 0 */
};

/* What the first pass reads of a pipe: what has come so far (a read of
 * the descriptor, not a fill of the buffer: rows are checked as they
 * come), copied to the spool. */
static ssize_t
tee_read(void *cookie, char *buf, size_t size)
{
	struct input *ip = cookie;
	ssize_t got;

	while ((got = read(fileno(ip->in), buf, size)) < 0 && errno == EINTR)
		;
	if (got > 0 && ip->spool_failed == 0 &&
	    fwrite(buf, 1, (size_t)got, ip->spool) != (size_t)got)
		ip->spool_failed = errno ? errno : EIO;
	return got;
}

/* An unlinked temporary file in TMPDIR (else /tmp), mode 0600. */
static FILE *
spool_file(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	FILE *f;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#else
	fd = -1;
#endif
	if (fd < 0) {
		snprintf(path, sizeof(path), "%s/.complaints-import.XXXXXX", dir);
		if ((fd = mkostemp(path, O_CLOEXEC)) < 0)
			return NULL;
		unlink(path);
	}
	if (fchmod(fd, 0600) != 0 || (f = fdopen(fd, "w+")) == NULL) {
		close(fd);
		return NULL;
	}
	return f;
}

/* Set up ip for reading in twice: *first is what the first pass reads. */
static int
input_open(struct input *ip, FILE *in, const char *name, FILE **first,
    struct cpl_error *err)
{
	static cookie_io_functions_t tee = {tee_read, NULL, NULL, NULL};
	struct stat sb;

	memset(ip, 0, sizeof(*ip));
	ip->in = in;
	ip->start = -1;
	if (fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode))
		ip->start = ftello(in);
	if (ip->start >= 0) {
		*first = in;
		return 0;
	}
	if ((ip->spool = spool_file()) == NULL)
		return cpl_fail(err, CPL_STORE, "%s: can't keep a copy of it to "
		    "read again: %s", name, strerror(errno));
	if ((ip->tee = fopencookie(ip, "r", tee)) == NULL) {
		fclose(ip->spool);
		ip->spool = NULL;
		return cpl_nomem(err);
	}
	*first = ip->tee;
	return 0;
}

/* What the second pass reads: the input again, from where the first
 * began. */
static int
input_again(struct input *ip, const char *name, FILE **second,
    struct cpl_error *err)
{
	if (ip->spool == NULL) {
		if (fseeko(ip->in, ip->start, SEEK_SET) != 0)
			return cpl_fail(err, CPL_STORE, "%s: can't read it again: "
			    "%s", name, strerror(errno));
		*second = ip->in;
		return 0;
	}
	if (ip->spool_failed != 0 || fflush(ip->spool) != 0 ||
	    fseeko(ip->spool, 0, SEEK_SET) != 0)
		return cpl_fail(err, CPL_STORE, "%s: can't keep a copy of it to "
		    "read again: %s", name, strerror(ip->spool_failed ?
		    ip->spool_failed : errno));
	*second = ip->spool;
	return 0;
}

static void
input_close(struct input *ip)
{
	if (ip->tee != NULL)
		fclose(ip->tee);
	if (ip->spool != NULL)
		fclose(ip->spool);
	ip->tee = ip->spool = NULL;
}

/* --- the import --- */

/* Start reading f: the CSV header (read again on the second pass). */
static int
reader_start(struct reader *rd, FILE *f, struct cpl_error *err)
{
	csv_free(&rd->csv);
	csv_init(&rd->csv, f);
	rd->in = f;
	rd->line_no = 0;
	rd->bytes = 0;
	if (rd->format == IMPORT_CSV)
		return read_header(rd, err);
	return 0;
}

/* A bad row, told to o->bad_row and noted for the second pass. */
static int
reject(struct reader *rd, struct import_opts *o, struct repeats *rp,
    long line, const struct cpl_error *rowerr, struct cpl_error *err)
{
	struct import_raw raw;
	int rc;

	raw.bytes = rd->raw;
	raw.len = rd->raw_len;
	raw.offset = rd->raw_offset;
	raw.size = rd->raw_size;
	if ((rc = store_seen_mark(rp->seen, line, line, SEEN_BAD, err)))
		return rc;
	if (o->bad_row != NULL &&
	    (rc = o->bad_row(o->arg, line, rowerr->msg, &raw, err)))
		return rc;
	return 0;
}

/* An error about a row (it is bad), not about the store or the file. */
static int
row_error(const struct cpl_error *e)
{
	return e->code == CPL_USAGE || e->code == CPL_REFUSED ||
	    e->code == CPL_POLICY;
}

/*
 * The first pass: every row read and checked, in memory, against the
 * store as it is, with no lock taken (and no warning given: the second
 * pass gives them, for the rows it imports). Each bad row is told to
 * o->bad_row; n counts the rows, duplicates and bad rows.
 */
static int
check_rows(struct session *s, struct reader *rd, struct import_opts *o,
    struct repeats *rp, struct numbering *nb, int64_t *version,
    struct import_counts *n, struct cpl_error *err)
{
	void (*warn)(void *, const char *) = s->warn;
	struct cpl_error rowerr;
	struct row r;
	enum verdict v = ROW_GOOD;
	enum seen_mark what, run_what = SEEN_STORED;
	long lines = 0, run_first = 0, run_last = 0;	/* the duplicates
				 * met in a row, marked once for the second
				 * pass, which skips them (0: none) */
	int64_t last_case = 0;	/* the store's last case, in this read */
	int rc = 0, got;

	s->warn = NULL;
	if (o->progress != NULL)
		o->progress(o->arg, IMPORT_CHECKING, 0, 0);
	for (;;) {
		/* Each 4,096 rows are checked in one read of the store: a
		 * snapshot that blocks no writer, and not a lock taken and
		 * given back for each row's lookups. */
		if (lines++ % 4096 == 0) {
			/* On a server, the open cases of the complainants
			 * these rows name, in one read, for the second
			 * pass's duplicate warnings (store_open_cases_want). */
			if ((rc = store_open_cases_read(s->st, err)))
				break;
			store_read_end(s->st);
			if ((rc = store_read_begin(s->st, err)))
				break;
			/* The store as the first of those reads sees it: the
			 * second pass compares (store_version). */
			if (lines == 1 &&
			    (rc = store_version(s->st, version, err)))
				break;
			/* A store with no case (an import into a new store)
			 * holds none of the rows' references: none is looked
			 * up while this read lasts. */
			if ((rc = store_last_case_id(s->st, &last_case, err)))
				break;
		}
		rowerr.code = 0;
		if ((got = next_row(rd, &r, &rowerr)) == 0)
			break;
		r.attachments = o->attachments;
		if (got == 1 || got == CPL_USAGE)
			n->rows++;
		if (got == 1)
			got = check_row(s, &r, rp, nb, last_case == 0, &v,
			    &rowerr);
		if (got == 0 && v == ROW_GOOD && (rc = store_open_cases_want(s->st,
		    r.v[C_COMPLAINANT], err))) {
			row_free(&r);
			break;
		}
		row_free(&r);
		what = v == ROW_REPEAT ? SEEN_REPEAT : SEEN_STORED;
		if (got == 0 && v != ROW_GOOD && run_first != 0 &&
		    what == run_what)
			run_last = r.line;
		else if (run_first != 0) {
			if ((rc = store_seen_mark(rp->seen, run_first, run_last,
			    run_what, err)))
				break;
			run_first = 0;
		}
		if (got == 0 && v != ROW_GOOD) {
			n->duplicates++;
			if (run_first == 0) {
				run_first = run_last = r.line;
				run_what = what;
			}
		}
		if (got != 0) {
			if (!row_error(&rowerr)) {
				/* The store or the file failed: stop. */
				*err = rowerr;
				rc = rowerr.code;
				break;
			}
			n->rejected++;
			if ((rc = reject(rd, o, rp, r.line, &rowerr, err)))
				break;
		}
		if (o->progress != NULL && n->rows % 4096 == 0)
			o->progress(o->arg, IMPORT_CHECKING, n->rows, rd->bytes);
	}
	if (rc == 0 && run_first != 0)
		rc = store_seen_mark(rp->seen, run_first, run_last, run_what, err);
	if (rc == 0)
		rc = store_open_cases_read(s->st, err);
	store_read_end(s->st);
	s->warn = warn;
	return rc;
}

/*
 * The second pass, inside the write: the rows read again and each good
 * one's case worked out again and written; the rows the first pass found
 * bad are left out. A row that has become a duplicate since is skipped
 * and counted; one that has become bad (the store changed between the
 * passes) is told to o->bad_row and fails the import. New cases are
 * numbered past the references the first pass found the file keeps
 * (floor).
 */
static int
write_rows(struct session *s, struct reader *rd, struct import_opts *o,
    struct repeats *rp, const struct numbering *floor, int64_t checked,
    struct import_counts *n, struct cpl_error *err)
{
	struct numbering nb = {NULL, 0, floor};
	struct cpl_error rowerr;
	struct row r;
	enum seen_mark what = SEEN_BAD;
	int64_t had;		/* the cases the store had before */
	int64_t version;
	long rows = 0, first = 0, last = -1;	/* the next run of rows the
				 * first pass marked (last 0: none; -1: not
				 * looked up yet) */
	struct restriction_rec *in_force;
	int rc, got, dup, unchanged, marked, restricted;

	if ((rc = store_last_case_id(s->st, &had, err)) ||
	    (rc = store_version(s->st, &version, err)) ||
	    (rc = store_restrictions(s->st, NULL, 0, &in_force, &restricted,
	    err)))
		return rc;
	/* With no restriction in force (and none in the file), no case's
	 * complainant is looked up for one (see write_row). */
	store_restrictions_free(in_force, restricted);
	restricted = restricted > 0;
	/* Nobody else has written since the first pass read the store: what
	 * it found of each row still holds (see write_row). */
	unchanged = version == checked;
	/* The open cases the first pass read for the duplicate warnings
	 * are the store's only while it is unchanged. */
	if (!unchanged)
		store_open_cases_drop(s->st);
	/* The rows the first pass found good each add a case (but a
	 * restriction's line or a group's): on a server their ids are
	 * taken a batch at a time, not read back from each insert. */
	store_expect_cases(s->st, n->rows - n->duplicates - n->rejected);
	n->imported = n->duplicates = 0;
	if (o->progress != NULL)
		o->progress(o->arg, IMPORT_WRITING, 0, 0);
	for (;;) {
		/* Once the file has brought as many cases as the store had
		 * (at once, into an empty store), the indexes no row reads
		 * are dropped, to be built once at the commit: a sort of
		 * the whole table costs less than the rows kept in them one
		 * at a time. */
		if (n->imported % 4096 == 0 && n->imported >= had &&
		    (rc = store_defer_indexes(s->st, err)))
			goto out;
		rowerr.code = 0;
		if ((got = next_row(rd, &r, &rowerr)) == 0)
			break;
		r.attachments = o->attachments;
		if (got == 1 || got == CPL_USAGE)
			rows++;
		/* The first pass's marks, read in the order of the lines as
		 * the rows are: a lookup a marked row, none for the others. */
		if ((got == 1 || got == CPL_USAGE) && last != 0 &&
		    last < r.line && (rc = store_seen_next_mark(rp->seen, r.line,
		    &first, &last, &what, err))) {
			row_free(&r);
			goto out;
		}
		marked = (got == 1 || got == CPL_USAGE) && first != 0 &&
		    first <= r.line && r.line <= last;
		if (marked && what == SEEN_BAD) {
			row_free(&r);	/* rejected by the first pass */
			goto next;
		}
		if (got == 1 && marked && unchanged) {
			row_free(&r);	/* a duplicate, and still one */
			n->duplicates++;
			goto next;
		}
		if (got == 1)
			got = write_row(s, &r, o, rp, &nb, unchanged && !marked,
			    &restricted, &dup, &rowerr);
		row_free(&r);
		if (got == 0 && dup)
			n->duplicates++;
		else if (got == 0)
			n->imported++;
		else if (!row_error(&rowerr)) {
			*err = rowerr;
			rc = rowerr.code;
			goto out;
		} else {
			n->rejected++;
			if ((rc = reject(rd, o, rp, r.line, &rowerr, err)) == 0)
				rc = cpl_fail(err, CPL_USAGE, "%s: the store changed "
				    "while the file was checked, and line %ld is a "
				    "bad row now: nothing imported", rd->name,
				    r.line);
			goto out;
		}
next:
		if (o->progress != NULL && rows % 4096 == 0)
			o->progress(o->arg, IMPORT_WRITING, rows, rd->bytes);
	}
	rc = numbering_store(s, &nb, err);
out:
	numbering_free(&nb);
	return rc;
}

/*
 * A row of the single pass (import_once): judged as the first of two
 * passes judges it (check_row), then, while the pass writes, its case
 * written as the second writes it (write_case); once it no longer writes,
 * only worked out. The store held no case when the pass began and the
 * file gives no reference: a row is a duplicate only of an earlier row of
 * the file, which the seen set finds (the cases this pass wrote are under
 * the external_refs of earlier lines), and the store is not asked.
 */
static int
once_row(struct session *s, struct row *r, struct import_opts *o,
    struct repeats *rp, struct numbering *nb, int writing, int restricted,
    struct held_warnings *held, enum verdict *v, struct cpl_error *err)
{
	struct number_slot *slot = NULL;
	struct case_file cf;
	uint64_t hash = 0;
	int rc, kept = 0;

	*v = ROW_GOOD;
	if ((rc = row_names(r, err)))
		return rc;
	if (r->xref != NULL && *r->xref != '\0' &&
	    (rc = row_hash(rp, r, &hash, err)))
		return rc;
	if ((rc = repeated(rp, 'x', r->xref, C_EXTERNAL_REF, r, hash, v,
	    err)) || *v != ROW_GOOD)
		return rc;
	if (writing)
		return write_case(s, r, o, nb, restricted, held, err);
	if (r->malformed != NULL)
		return cpl_fail(err, CPL_USAGE, "%s", r->malformed);
	memset(&cf, 0, sizeof(cf));
	if ((rc = row_case(s, r, nb, ROW_CHECK, &slot, &kept, &cf, err)) == 0)
		count_number(slot, kept);
	case_file_free(&cf);
	return rc;
}

/*
 * The file read once, inside the write (see import_cases for when): each
 * row judged and its case written as it is read, so that the file is
 * neither read nor worked out twice. The counts, messages and warnings
 * are those of two passes: every bad row is told to o->bad_row as it is
 * met; at the first one (without --skip-bad) nothing more is written, the
 * write is rolled back at once (no lock held while the rest is read) and
 * the rest only checked, as a first pass checks it; the warnings are held
 * until every row is read. *began: the write is still open (0 once this
 * commits or rolls it back).
 */
static int
import_once(struct session *s, struct reader *rd, struct import_opts *o,
    struct repeats *rp, struct import_counts *n, int *began,
    struct cpl_error *err)
{
	void (*warn)(void *, const char *) = s->warn;
	struct numbering nb = {NULL, 0, NULL};
	struct held_warnings held = {NULL, 0, 0, NULL, 0};
	struct restriction_rec *in_force;
	struct cpl_error rowerr;
	struct row r;
	enum verdict v;
	int rc, got, restricted, writing = 1;

	if ((rc = store_restrictions(s->st, NULL, 0, &in_force, &restricted,
	    err)))
		goto out;
	/* With no restriction in force, no case's complainant is looked up
	 * for one (see write_row). */
	store_restrictions_free(in_force, restricted);
	restricted = restricted > 0;
	if (o->progress != NULL)
		o->progress(o->arg, IMPORT_WRITING, 0, 0);
	for (;;) {
		/* Into a store with no case: the indexes no row reads are
		 * dropped at once, to be built at the commit (write_rows). */
		if (writing && n->imported % 4096 == 0 &&
		    (rc = store_defer_indexes(s->st, err)))
			goto out;
		rowerr.code = 0;
		if ((got = next_row(rd, &r, &rowerr)) == 0)
			break;
		r.attachments = o->attachments;
		if (got == 1 || got == CPL_USAGE)
			n->rows++;
		v = ROW_GOOD;
		if (got == 1)
			got = once_row(s, &r, o, rp, &nb, writing, restricted,
			    &held, &v, &rowerr);
		row_free(&r);
		if (got == 0 && v != ROW_GOOD)
			n->duplicates++;
		else if (got == 0)
			n->imported++;
		else if (!row_error(&rowerr)) {
			*err = rowerr;
			rc = rowerr.code;
			goto out;
		} else {
			n->rejected++;
			if ((rc = reject(rd, o, rp, r.line, &rowerr, err)))
				goto out;
			if (writing && !o->skip_bad) {
				/* Nothing is imported: the lock goes now. */
				store_rollback(s->st);
				*began = writing = 0;
				s->warn = NULL;
			}
		}
		if (o->progress != NULL && n->rows % 4096 == 0)
			o->progress(o->arg, writing ? IMPORT_WRITING :
			    IMPORT_CHECKING, n->rows, rd->bytes);
	}
	if (n->rejected > 0 && !o->skip_bad) {
		rc = cpl_fail(err, CPL_USAGE, "%s: %ld bad row%s: nothing imported",
		    rd->name, n->rejected, n->rejected == 1 ? "" : "s");
		n->duplicates = 0;
		goto out;
	}
	/* No row written (every one a duplicate, or bad): nothing to commit. */
	if (n->imported == 0) {
		store_rollback(s->st);
		*began = 0;
		if (o->before_commit != NULL)
			rc = o->before_commit(o->arg, err);
		goto out;
	}
	if ((rc = give_warnings(&held, o, rd->name, err)) ||
	    (rc = numbering_store(s, &nb, err)))
		goto out;
	if (o->progress != NULL)
		o->progress(o->arg, IMPORT_COMMITTING, n->rows, -1);
	if (o->before_commit != NULL && (rc = o->before_commit(o->arg, err)))
		goto out;
	rc = store_commit(s->st, err);
	*began = 0;
out:
	s->warn = warn;
	held_warnings_free(&held);
	numbering_free(&nb);
	return rc;
}

/*
 * Whether the file can be read once (import_once): a CSV file that gives
 * neither a reference nor a history (no row keeps a number the new cases
 * must go past, none names another case), read from a file, not a pipe
 * (the write lock is held while it is read, and a pipe may keep it
 * waiting).
 */
static int
once_readable(const struct reader *rd, const struct input *ip)
{
	if (rd->format != IMPORT_CSV || ip->start < 0)
		return 0;
	for (int i = 0; i < rd->n_map; i++)
		if (rd->map[i] == C_REF || rd->map[i] == C_HISTORY)
			return 0;
	return 1;
}

int
import_cases(struct session *s, FILE *in, const char *name,
    struct import_opts *o, struct import_counts *n, struct cpl_error *err)
{
	struct reader *rd;
	struct repeats rp;
	struct input ip;
	struct numbering first = {NULL, 0, NULL};
	int64_t checked = 0;	/* the store's version the first pass read */
	FILE *f = in;
	char *header = NULL;
	int rc, began = 0;

	memset(n, 0, sizeof(*n));
	memset(&rp, 0, sizeof(rp));
	memset(&ip, 0, sizeof(ip));
	if ((rd = calloc(1, sizeof(*rd))) == NULL)
		return cpl_nomem(err);
	rd->format = o->format;
	rd->name = name;
	csv_init(&rd->csv, in);
	if ((rc = repeats_open(&rp, err)) ||
	    (rc = input_open(&ip, in, name, &f, err)) ||
	    (rc = reader_start(rd, f, err)))
		goto out;
	if (o->format == IMPORT_CSV) {
		/* Keep the header's bytes (for a reject file): the reader's
		 * buffer is reused. */
		if ((header = malloc(rd->csv.raw_len + 1)) == NULL) {
			rc = cpl_nomem(err);
			goto out;
		}
		memcpy(header, rd->csv.raw, rd->csv.raw_len);
		o->header = header;
		o->header_len = rd->csv.raw_len;
	}

	/*
	 * Into a store with no case, a file that allows it (once_readable)
	 * is read once, inside the write (import_once): the store holds
	 * nothing to find a row a duplicate of. Asked before the lock is
	 * taken (a file imported again into its store takes none), and again
	 * under it; and only when the lock is free at once: while another
	 * writes, the file is checked first with no lock, as below, and a
	 * file with a bad row fails without waiting for anyone.
	 */
	if (once_readable(rd, &ip)) {
		int64_t last = 0;

		if ((rc = store_last_case_id(s->st, &last, err)) ||
		    (last == 0 &&
		    (rc = store_begin_if_empty(s->st, &began, err))))
			goto out;
		if (began) {
			if ((rc = store_bulk_writes(s->st, err)) == 0)
				rc = import_once(s, rd, o, &rp, n, &began, err);
			goto out;
		}
	}

	/* The first pass takes no lock: officers go on working meanwhile,
	 * and a file with bad rows fails without ever holding up a write. */
	if ((rc = check_rows(s, rd, o, &rp, &first, &checked, n, err)))
		goto out;
	if (n->rejected > 0 && !o->skip_bad) {
		rc = cpl_fail(err, CPL_USAGE, "%s: %ld bad row%s: nothing imported",
		    name, n->rejected, n->rejected == 1 ? "" : "s");
		n->duplicates = 0;
		goto out;
	}

	/* No row to write (every one a duplicate, or bad): nothing to take
	 * the lock for. A file imported again costs one read of it. */
	if (n->rows == n->duplicates + n->rejected) {
		if (o->before_commit != NULL)
			rc = o->before_commit(o->arg, err);
		goto out;
	}

	/* The second: one transaction for the file, all of it or none. Every
	 * row in it is one the first pass found good: any failure undoes the
	 * whole file. */
	if ((rc = input_again(&ip, name, &f, err)) ||
	    (rc = reader_start(rd, f, err)) ||
	    (rc = store_bulk_writes(s->st, err)) ||
	    (rc = store_begin(s->st, err)))
		goto out;
	began = 1;
	if ((rc = write_rows(s, rd, o, &rp, &first, checked, n, err)))
		goto out;
	if (o->progress != NULL)
		o->progress(o->arg, IMPORT_COMMITTING, n->rows, -1);
	if (o->before_commit != NULL && (rc = o->before_commit(o->arg, err)))
		goto out;
	rc = store_commit(s->st, err);
	began = 0;
out:
	if (began)
		store_rollback(s->st);
	if (rc)
		n->imported = 0;
	store_open_cases_drop(s->st);
	repeats_close(&rp);
	numbering_free(&first);
	o->header = NULL;
	free(header);
	csv_free(&rd->csv);
	input_close(&ip);
	free(rd->line);
	free(rd);
	return rc;
}
