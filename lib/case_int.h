/*
 * case_int.h: what the files of the case rules (case.c, case_file.c, action.c,
 * intake.c, lifecycle.c, ombudsman.c, restriction.c, retention.c, audit.c,
 * deadlines.c, settings.c, letter.c) share, and nothing else may include: the checks
 * every action makes and the shape of an action on a stored case.
 */
#ifndef CPL_CASE_INT_H
#define CPL_CASE_INT_H

#include "case.h"

/* Text that says nothing: none, empty, or only spaces (a reason of "  "
 * is no written reason). */
int blank(const char *s);
/* A text given for a case, and what and where it is, for a refusal. */
struct given_text {
	enum cpl_subject subject;
	const char *what;	/* "the summary", ... */
	const char *text;	/* NULL: not given */
};
/* Each text given no longer than TEXT_MAX bytes and, with not_blank, not
 * empty: 0, or bad input naming the first that is not. */
int check_given_texts(const struct given_text *t, size_t n, int not_blank,
    struct cpl_error *err);
int is_complaint(const struct case_rec *c);

/* The stage the case is at: its last. */
struct stage_rec *current_stage(struct case_file *cf);
/* The day of the last thing that happened to the case (its receipt, a
 * stage opened, acknowledged, extended or answered), and what it was
 * ("the stage 1 response"): what closes or refers a case comes after it. */
#define STEP_LEN 64
cpl_date last_step(const struct case_file *cf, char what[STEP_LEN]);
/* The first day of a stage, as a refusal of a step dated before it names
 * it: "the day the case was received" at stage 1, else PREFIX "the stage
 * N request" (written in what). */
const char *stage_start(const struct stage_rec *st, const char *prefix,
    char what[STEP_LEN]);

/* The ombudsman a case goes to after the last stage (ombudsman.c): the
 * body for its matter (its service or category), else the general one;
 * the referral and the letters choose alike. */
const struct ombudsman *choose_ombudsman(const struct policy *p,
    const struct case_rec *c);

/* --- the days an action may have (case.c) --- */

/*
 * A day recorded on a case: not after today, not before not_before
 * (before_what says what that day is), and (p not NULL) inside the years
 * of p's calendar. A refusal is about subject (the day received, ...).
 */
int check_day(struct session *s, const struct policy *p,
    enum cpl_subject subject, cpl_date date, cpl_date not_before,
    const char *before_what, struct cpl_error *err);
/* The day of an action on a case of policy p (see check_day). */
int check_date(struct session *s, const struct policy *p, cpl_date date,
    cpl_date not_before, const char *before_what, struct cpl_error *err);

/* --- what the case allows (case.c) --- */

/* A purged case is a record of figures only: nothing is added to it. */
int check_not_purged(struct case_file *cf, struct cpl_error *err);
/* The case is open, and was on date (not before its last reopening). */
int check_open(struct case_file *cf, cpl_date date, struct cpl_error *err);
/*
 * What each kind of case allows: comments and compliments are
 * acknowledged and closed, never answered, extended or escalated; service
 * requests have no complaint stages at all. verb: acknowledge|answer|
 * extend|escalate|refer; done: its past participle.
 */
int check_kind(struct case_file *cf, const char *verb, const char *done,
    struct cpl_error *err);

/* --- deadlines inside the calendar (deadlines.c) --- */

/*
 * Refuse what would be recorded on, or run to, a day outside the years
 * the policy's calendar covers (CPL_POLICY: the calendar needs the
 * missing year). what names the day ("2031-01-03", "the stage 1 response
 * deadline, 10 working days after 2030-12-20,"); year is the one to add.
 */
int beyond_calendar(struct session *s, const struct policy *p,
    const char *what, int year, struct cpl_error *err);
/* A day recorded on a case of policy p: inside the calendar's years (a
 * refusal about subject). */
int check_in_calendar(struct session *s, const struct policy *p,
    enum cpl_subject subject, cpl_date day, struct cpl_error *err);
/* A stage's deadlines must be computable: one outside the calendar
 * refuses the action before anything is written. */
int check_deadlines(struct session *s, struct case_file *cf,
    const struct stage_rec *st, struct cpl_error *err);
/*
 * The last day a complainant may ask for stage n (a review of stage
 * n - 1; r: stage n's rules): the review request window's working days
 * after the previous stage's response on responded. Outside the calendar
 * it refuses as check_deadlines does.
 */
int review_request_window_end(struct session *s, struct case_file *cf,
    int n, const struct stage_rules *r, cpl_date responded,
    cpl_date *last_day, struct cpl_error *err);
/* A new stage's timescales, from its rules in the policy. */
void stage_timescales(const struct stage_rules *r, struct stage_rec *st);

/* --- the intake rules again (intake.c) --- */

/*
 * The intake rules a logged case's details are held to when they are
 * amended (correction.c), as if it had been logged with them: the texts
 * as log checks them and, for a complaint, the time limit (received
 * against occurred) and the exclusions (its category). A reason recorded
 * at log that the details no longer need (a complaint no longer late)
 * stays recorded. An exclusion that only warns: its warning in *warning
 * (caller frees), else NULL.
 */
int case_intake_recheck(struct session *s, const struct case_file *cf,
    char **warning, struct cpl_error *err);

/* --- the clock stops (hold.c) --- */

/* Nothing that answers or moves the current stage is recorded while its
 * clock is stopped, nor dated inside a hold since resumed. */
int check_not_held(const struct case_file *cf, cpl_date date,
    struct cpl_error *err);
/* Write the new holds of stage i of cf, and the one resumed
 * (case_write). */
int case_write_holds(struct session *s, struct case_file *cf, int i,
    struct cpl_error *err);

/* --- the seeds' smaller rules (rules.c) --- */

/* What log is given for them, checked against policy p for a case of
 * kind (as the intake rules take it). */
int rules_log_check(struct session *s, const struct policy *p,
    const struct log_input *in, const char *kind, struct cpl_error *err);
/* Recorded on a new case file (its first stage added): the case's rules,
 * and the case closed when resolved informally. */
int rules_log_apply(struct session *s, struct case_file *cf,
    const struct log_input *in, struct cpl_error *err);
/* A complaint past the time limit (late) accepted by one the policy
 * names, where it names who may. */
int rule_late_granted(const struct policy *p, const struct log_input *in,
    int late, struct cpl_error *err);
/* The officer complained about never handles the case: officer (who is
 * to handle it; a refusal about subject) must not be them. */
int rule_named_handler(const struct case_file *cf, const char *officer,
    enum cpl_subject subject, struct cpl_error *err);
/* Who answers a complaint about a named officer: not them, and a senior
 * officer where the policy lists them. */
int rule_named_officer(const struct case_file *cf, const char *officer,
    struct cpl_error *err);
/* No stage of cf handled or answered by the officer complained about. */
int rules_check_handlers(const struct case_file *cf, struct cpl_error *err);
/* Who decided a restriction (decided_by, or NULL): where the store's
 * default policy lists who may decide one (PSPS §6), one of them. */
int rule_restriction_decider(struct session *s, const char *decided_by,
    struct cpl_error *err);

/* --- a case file in memory (case_file.c) --- */

/* Set a string field to a copy of v (NULL: none): 0, or -1 when out of
 * memory. */
int set_text(char **field, const char *v);
/* Append an event to what happened to the case (officer, action and
 * detail copied). */
int case_event(struct case_file *cf, int stage, cpl_date date,
    const char *officer, const char *action, const char *detail,
    struct cpl_error *err);
/* Append a new stage, a copy of st's own fields (no extensions or texts). */
int case_add_stage(struct case_file *cf, const struct stage_rec *st,
    struct cpl_error *err);
/* Mark stage st's row as changed (st one of cf's stages). */
void stage_changed(struct case_file *cf, const struct stage_rec *st);

/* --- an action on a stored case (case.c) --- */

/* Run fn inside one write transaction on the case named ref: the case
 * read, fn's rule applied in memory (no store call), what it did written
 * (case_write). */
/* Write document k of cf->documents into the store, inside the write,
 * just after its event: its bytes read again and checked. */
int case_document_write(struct session *s, struct case_file *cf, int k,
    struct cpl_error *err);
void new_documents_free(struct new_document *d, int n);
int with_case(struct session *s, const char *ref, struct cpl_error *err,
    int (*fn)(struct session *, struct case_file *, void *,
    struct cpl_error *), void *arg);
/* Give stage st its officer, when it has none: the session's, who first
 * acts on it. */
int first_officer(struct session *s, struct case_file *cf,
    struct stage_rec *st, struct cpl_error *err);


#endif
