/*
 * case.c: the case rules (see case.h).
 *
 * Each action follows one shape: BEGIN IMMEDIATE; read the case inside the
 * transaction (so two officers can't both answer the same stage); check the
 * rules; write the change and its event; COMMIT. Any failure rolls back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "util.h"

const char *const case_kinds[] = {"complaint", "comment", "compliment",
    "service-request", NULL};
const char *const case_channels[] = {"email", "phone", "letter", "web",
    "in-person", "social", "other", NULL};
const char *const case_outcomes[] = {"upheld", "partly-upheld", "not-upheld",
    NULL};
const char *const close_reasons[] = {"resolved", "withdrawn", "out-of-scope",
    "refused", "ombudsman", "no-further-action", NULL};

int
one_of(const char *word, const char *const *values)
{
	for (; *values != NULL; values++)
		if (strcmp(word, *values) == 0)
			return 1;
	return 0;
}

void
session_free(struct session *s)
{
	for (int i = 0; i < s->n_cache; i++)
		policy_free(&s->cache[i].pol);
	s->n_cache = 0;
}

void
case_file_free(struct case_file *cf)
{
	case_rec_free(&cf->c);
	store_stages_free(cf->stages, cf->n_stages);
	cf->stages = NULL;
	cf->n_stages = 0;
}

/*
 * The rules come from the policy text stored with the case; the calendar and
 * the closure days from today's files, so a bank holiday announced after the
 * case was logged still moves its deadlines (SPEC section 4).
 */
int
case_policy(struct session *s, int64_t version, const struct policy **pol,
    struct cpl_error *err)
{
	struct policy *p, live;
	char *text = NULL, name[64];
	int rc, have_live = 0;

	for (int i = 0; i < s->n_cache; i++)
		if (s->cache[i].version == version) {
			*pol = &s->cache[i].pol;
			return 0;
		}
	if (s->n_cache == MAX_CACHED_POLICIES) {
		policy_free(&s->cache[0].pol);
		memmove(&s->cache[0], &s->cache[1],
		    (MAX_CACHED_POLICIES - 1) * sizeof(s->cache[0]));
		s->n_cache--;
	}
	p = &s->cache[s->n_cache].pol;
	if ((rc = store_policy_text(s->st, version, &text, err)))
		return rc;
	snprintf(name, sizeof(name), "stored policy version %lld",
	    (long long)version);
	rc = policy_parse(p, name, text, strlen(text), err);
	free(text);
	if (rc)
		return rc;
	/* Today's closure days, when the council's file is still there. */
	rc = policy_read(&live, s->policies, p->id, err);
	if (rc == 0)
		have_live = 1;
	else if (rc != CPL_USAGE) {	/* present but unusable */
		policy_free(p);
		return rc;
	}
	rc = policy_load_calendar(p, s->policies,
	    have_live ? live.closures : NULL, have_live ? live.n_closures : 0,
	    err);
	if (have_live)
		policy_free(&live);
	if (rc) {
		policy_free(p);
		return rc;
	}
	s->cache[s->n_cache++].version = version;
	*pol = p;
	return 0;
}

int
case_load(struct session *s, const char *ref, struct case_file *cf,
    struct cpl_error *err)
{
	int rc;

	memset(cf, 0, sizeof(*cf));
	if ((rc = store_find_case(s->st, ref, &cf->c, err)) ||
	    (rc = store_stages(s->st, cf->c.id, &cf->stages, &cf->n_stages,
	    err)) ||
	    (rc = case_policy(s, cf->c.policy_version, &cf->pol, err))) {
		case_file_free(cf);
		return rc;
	}
	if (cf->n_stages == 0) {
		rc = cpl_fail(err, CPL_STORE, "case '%s' has no stage", ref);
		case_file_free(cf);
	}
	return rc;
}

int
stage_deadlines(const struct calendar *cal, const struct stage_rec *st,
    struct deadlines *d, struct cpl_error *err)
{
	cpl_date start;
	int rc;

	d->ack_due = d->response_due = d->response_target = NO_DATE;
	if (st->ack_days > 0 &&
	    (rc = working_days_after(cal, st->opened, st->ack_days, &d->ack_due,
	    err)))
		return rc;
	if (st->respond_days == 0)
		return 0;
	start = st->respond_from == CLOCK_ACKNOWLEDGED ? st->acknowledged :
	    st->opened;
	if (start == NO_DATE)
		return 0;
	/* An extension adds its working days to the deadline in force. */
	if ((rc = working_days_after(cal, start, st->respond_days + st->ext_days,
	    &d->response_due, err)))
		return rc;
	if (st->respond_target > 0 &&
	    (rc = working_days_after(cal, start, st->respond_target,
	    &d->response_target, err)))
		return rc;
	return 0;
}

const char *
stage_next_action(const struct stage_rec *st, const struct deadlines *d,
    cpl_date *due)
{
	*due = NO_DATE;
	if (st->responded != NO_DATE)
		return NULL;
	if (st->acknowledged == NO_DATE && st->ack_days > 0) {
		*due = d->ack_due;
		return "acknowledge";
	}
	*due = d->response_due;
	return "respond";
}

/* --- helpers shared by the actions --- */

static struct stage_rec *
current_stage(struct case_file *cf)
{
	return &cf->stages[cf->n_stages - 1];
}

/* flag names the option the date came from, for the message. */
static int
check_flag_date(struct session *s, const char *flag, cpl_date date,
    cpl_date not_before, const char *before_what, struct cpl_error *err)
{
	char d[DATE_LEN], b[DATE_LEN];

	date_format(date, d);
	if (date > s->today) {
		date_format(s->today, b);
		return cpl_fail(err, CPL_USAGE,
		    "%s %s is in the future (today is %s)", flag, d, b);
	}
	if (not_before != NO_DATE && date < not_before) {
		date_format(not_before, b);
		return cpl_fail(err, CPL_REFUSED, "%s is before %s (%s)", d,
		    before_what, b);
	}
	return 0;
}

/* An action's --date: not after today, not before not_before. */
static int
check_date(struct session *s, cpl_date date, cpl_date not_before,
    const char *before_what, struct cpl_error *err)
{
	return check_flag_date(s, "--date", date, not_before, before_what, err);
}

static int
check_open(struct case_file *cf, struct cpl_error *err)
{
	char d[DATE_LEN];

	if (cf->c.closed == NO_DATE)
		return 0;
	date_format(cf->c.closed, d);
	return cpl_fail(err, CPL_REFUSED, "case '%s' is closed (%s, %s)",
	    cf->c.ref, cf->c.close_reason, d);
}

/*
 * Where a stage must be handled by someone other than the officer who
 * handled the previous one, refuse that officer.
 */
static int
check_handler(struct case_file *cf, int stage, const char *officer,
    struct cpl_error *err)
{
	const struct stage_rules *r = policy_stage(cf->pol, stage);
	const struct stage_rec *prev;
	const char *who;

	if (r == NULL || !r->different_officer || stage < 2)
		return 0;
	prev = &cf->stages[stage - 2];
	who = prev->responded_by ? prev->responded_by : prev->officer;
	if (who == NULL || strcmp(who, officer) != 0)
		return 0;
	return cpl_fail(err, CPL_REFUSED,
	    "'%s' handled stage %d of case '%s'; policy '%s' needs someone else "
	    "at stage %d (%s)", officer, stage - 1, cf->c.ref, cf->pol->id, stage,
	    r->handler_source ? r->handler_source : "handler");
}

/* Deadlines must be computable: a date outside the calendar refuses the
 * action before anything is written. */
static int
check_deadlines(struct case_file *cf, const struct stage_rec *st,
    struct cpl_error *err)
{
	struct deadlines d;

	return stage_deadlines(&cf->pol->cal, st, &d, err);
}

static void
copy_timescales(const struct stage_rules *r, struct stage_rec *st)
{
	st->ack_days = r->acknowledge.set ? r->acknowledge.days : 0;
	st->respond_days = r->respond.set ? r->respond.days : 0;
	st->respond_from = r->respond.set ? (int)r->respond.from : CLOCK_OPENED;
	st->respond_target = r->respond.set ? r->respond.target_days : 0;
}

/* Run fn inside one write transaction on the case named ref. */
static int
with_case(struct session *s, const char *ref, struct cpl_error *err,
    int (*fn)(struct session *, struct case_file *, void *,
    struct cpl_error *), void *arg)
{
	struct case_file cf;
	int rc;

	if ((rc = store_begin(s->st, err)))
		return rc;
	if ((rc = case_load(s, ref, &cf, err)) == 0) {
		rc = fn(s, &cf, arg, err);
		case_file_free(&cf);
	}
	if (rc == 0)
		return store_commit(s->st, err);
	store_rollback(s->st);
	return rc;
}

/* --- the actions --- */

int
case_init(struct session *s, const char *db_path, const char *policy,
    struct cpl_error *err)
{
	struct policy p;
	char *current = NULL;
	int rc;

	/* Only a policy that loads may become the default; check it before
	 * the file is created, so a refused init leaves nothing behind. */
	if (policy != NULL) {
		if ((rc = policy_load(&p, s->policies, policy, err)))
			return rc;
		policy_free(&p);
	}
	if ((rc = store_open(db_path, 1, &s->st, err)) ||
	    (rc = store_begin(s->st, err)))
		return rc;
	if ((rc = store_get_setting(s->st, "default_policy", &current, err)))
		goto out;
	if (policy != NULL && (current == NULL || strcmp(current, policy) != 0) &&
	    ((rc = store_set_setting(s->st, "default_policy", policy, err)) ||
	    (rc = store_add_event(s->st, 0, 0, s->today, s->officer,
	    "default-policy", policy, err))))
		goto out;
	rc = store_commit(s->st, err);
out:
	free(current);
	if (rc)
		store_rollback(s->st);
	return rc;
}

static int
validate_log(const struct log_input *in, cpl_date received,
    struct cpl_error *err)
{
	if (in->anonymous && in->complainant != NULL)
		return cpl_fail(err, CPL_USAGE,
		    "--anonymous and --complainant don't go together");
	if (!in->anonymous && (in->complainant == NULL || !*in->complainant))
		return cpl_fail(err, CPL_USAGE,
		    "--complainant NAME is needed (or --anonymous)");
	if (in->consent && in->on_behalf_of == NULL)
		return cpl_fail(err, CPL_USAGE, "--consent needs --on-behalf-of");
	if (in->kind != NULL && !one_of(in->kind, case_kinds))
		return cpl_fail(err, CPL_USAGE, "--kind '%s' is not one of "
		    "complaint, comment, compliment, service-request", in->kind);
	if (in->channel != NULL && !one_of(in->channel, case_channels))
		return cpl_fail(err, CPL_USAGE, "--channel '%s' is not one of "
		    "email, phone, letter, web, in-person, social, other",
		    in->channel);
	if (in->occurred != NO_DATE && in->occurred > received)
		return cpl_fail(err, CPL_USAGE,
		    "--occurred is after the day the case was received");
	if (in->external_ref != NULL && *in->external_ref == '\0')
		return cpl_fail(err, CPL_USAGE, "--external-ref is empty");
	return 0;
}

int
case_log(struct session *s, const struct log_input *in, char **ref,
    struct cpl_error *err)
{
	struct case_rec c;
	struct stage_rec st;
	struct policy p;
	struct case_file cf;
	char *def = NULL, refbuf[64];
	const char *policy = in->policy;
	cpl_date received = in->received == NO_DATE ? s->today : in->received;
	int rc, number = 0, exists = 0, have_policy = 0;

	*ref = NULL;
	if ((rc = validate_log(in, received, err)) ||
	    (rc = check_flag_date(s, "--received", received, NO_DATE, NULL,
	    err)))
		return rc;
	if (policy == NULL) {
		if ((rc = store_get_setting(s->st, "default_policy", &def, err)))
			return rc;
		if (def == NULL)
			return cpl_fail(err, CPL_USAGE, "no policy: give --policy ID "
			    "or set a default with 'complaints init --policy ID'");
		policy = def;
	}
	if ((rc = policy_load(&p, s->policies, policy, err)))
		goto out;
	have_policy = 1;

	memset(&c, 0, sizeof(c));
	c.policy = (char *)p.id;
	c.kind = (char *)(in->kind ? in->kind : "complaint");
	c.anonymous = in->anonymous;
	c.complainant = (char *)in->complainant;
	c.contact = (char *)in->contact;
	c.on_behalf_of = (char *)in->on_behalf_of;
	c.consent = in->consent;
	c.channel = (char *)in->channel;
	c.service = (char *)in->service;
	c.category = (char *)in->category;
	c.summary = (char *)in->summary;
	c.received = received;
	c.occurred = in->occurred;
	c.external_ref = (char *)in->external_ref;
	c.logged_by = (char *)s->officer;
	c.closed = NO_DATE;

	memset(&st, 0, sizeof(st));
	st.stage = 1;
	st.opened = received;
	st.officer = (char *)s->officer;
	st.acknowledged = st.responded = NO_DATE;
	copy_timescales(policy_stage(&p, 1), &st);

	/* Refuse now a case whose deadlines the calendar can't give. */
	memset(&cf, 0, sizeof(cf));
	cf.pol = &p;
	if ((rc = check_deadlines(&cf, &st, err)))
		goto out;

	if ((rc = store_begin(s->st, err)))
		goto out;
	if (in->external_ref != NULL) {
		if ((rc = store_external_ref_exists(s->st, in->external_ref,
		    &exists, err)))
			goto fail;
		if (exists) {
			rc = cpl_fail(err, CPL_REFUSED,
			    "a case with external reference '%s' is already logged",
			    in->external_ref);
			goto fail;
		}
	}
	if ((rc = store_policy_version(s->st, p.id, p.text, &c.policy_version,
	    err)) ||
	    (rc = store_next_ref_number(s->st, p.prefix, date_year(received),
	    &number, err)))
		goto fail;
	snprintf(refbuf, sizeof(refbuf), "%s-%04d-%05d", p.prefix,
	    date_year(received), number);
	c.ref = refbuf;
	if ((rc = store_add_case(s->st, &c, err)) ||
	    (rc = store_add_stage(s->st, c.id, &st, err)) ||
	    (rc = store_add_event(s->st, c.id, 1, received, s->officer, "logged",
	    c.kind, err)) ||
	    (rc = store_commit(s->st, err)))
		goto fail;
	if ((*ref = strdup(refbuf)) == NULL)
		rc = cpl_fail(err, CPL_STORE, "out of memory");
	goto out;
fail:
	store_rollback(s->st);
out:
	if (have_policy)
		policy_free(&p);
	free(def);
	return rc;
}

struct dated {
	cpl_date date;
	const char *text;	/* a reason, outcome, officer or note */
	int days;
};

static int
do_ack(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct dated *a = arg;
	struct stage_rec *st = current_stage(cf);
	char d[DATE_LEN];
	int rc;

	if ((rc = check_open(cf, err)))
		return rc;
	if (st->acknowledged != NO_DATE) {
		date_format(st->acknowledged, d);
		return cpl_fail(err, CPL_REFUSED,
		    "stage %d of case '%s' was acknowledged on %s", st->stage,
		    cf->c.ref, d);
	}
	if (st->responded != NO_DATE)
		return cpl_fail(err, CPL_REFUSED,
		    "stage %d of case '%s' is already answered", st->stage,
		    cf->c.ref);
	if ((rc = check_date(s, a->date, st->opened, st->stage == 1 ?
	    "the day the case was received" : "the day of the stage 2 request",
	    err)) ||
	    (rc = check_handler(cf, st->stage, s->officer, err)))
		return rc;
	st->acknowledged = a->date;
	if ((rc = check_deadlines(cf, st, err)))
		return rc;
	if (st->officer == NULL &&
	    (rc = store_set_stage_officer(s->st, cf->c.id, st->stage, s->officer,
	    err)))
		return rc;
	if ((rc = store_set_acknowledged(s->st, cf->c.id, st->stage, a->date,
	    err)))
		return rc;
	return store_add_event(s->st, cf->c.id, st->stage, a->date, s->officer,
	    "acknowledged", NULL, err);
}

int
case_ack(struct session *s, const char *ref, cpl_date date,
    struct cpl_error *err)
{
	struct dated a = {date, NULL, 0};

	return with_case(s, ref, err, do_ack, &a);
}

struct response {
	cpl_date date;
	const char *outcome;
	const char *const *remedies, *const *learning;
	int n_remedies, n_learning;
};

static int
do_respond(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct response *r = arg;
	struct stage_rec *st = current_stage(cf);
	char d[DATE_LEN];
	int rc;

	if ((rc = check_open(cf, err)))
		return rc;
	if (st->responded != NO_DATE) {
		date_format(st->responded, d);
		return cpl_fail(err, CPL_REFUSED,
		    "stage %d of case '%s' was answered on %s", st->stage,
		    cf->c.ref, d);
	}
	if ((rc = check_date(s, r->date, st->acknowledged != NO_DATE ?
	    st->acknowledged : st->opened, st->acknowledged != NO_DATE ?
	    "the acknowledgement" : "the day the stage opened", err)) ||
	    (rc = check_handler(cf, st->stage, s->officer, err)))
		return rc;
	if (st->officer == NULL &&
	    (rc = store_set_stage_officer(s->st, cf->c.id, st->stage, s->officer,
	    err)))
		return rc;
	if ((rc = store_set_response(s->st, cf->c.id, st->stage, r->date,
	    r->outcome, s->officer, err)))
		return rc;
	for (int i = 0; i < r->n_remedies; i++)
		if ((rc = store_add_stage_text(s->st, cf->c.id, st->stage, "remedy",
		    r->remedies[i], err)))
			return rc;
	for (int i = 0; i < r->n_learning; i++)
		if ((rc = store_add_stage_text(s->st, cf->c.id, st->stage,
		    "learning", r->learning[i], err)))
			return rc;
	return store_add_event(s->st, cf->c.id, st->stage, r->date, s->officer,
	    "responded", r->outcome, err);
}

int
case_respond(struct session *s, const char *ref, const char *outcome,
    const char *const *remedies, int n_remedies,
    const char *const *learning, int n_learning, cpl_date date,
    struct cpl_error *err)
{
	struct response r = {date, outcome, remedies, learning, n_remedies,
	    n_learning};

	if (outcome == NULL)
		return cpl_fail(err, CPL_USAGE, "--outcome is needed: upheld, "
		    "partly-upheld or not-upheld");
	if (!one_of(outcome, case_outcomes))
		return cpl_fail(err, CPL_USAGE, "--outcome '%s' is not one of "
		    "upheld, partly-upheld, not-upheld", outcome);
	for (int i = 0; i < n_remedies; i++)
		if (*remedies[i] == '\0')
			return cpl_fail(err, CPL_USAGE, "--remedy is empty");
	for (int i = 0; i < n_learning; i++)
		if (*learning[i] == '\0')
			return cpl_fail(err, CPL_USAGE, "--learning is empty");
	return with_case(s, ref, err, do_respond, &r);
}

static int
do_extend(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct dated *a = arg;
	struct stage_rec *st = current_stage(cf);
	const struct stage_rules *r = policy_stage(cf->pol, st->stage);
	struct extension_rec e = {a->days, (char *)a->text, a->date,
	    (char *)s->officer};
	char detail[1200];
	int rc;

	if ((rc = check_open(cf, err)))
		return rc;
	if (st->responded != NO_DATE)
		return cpl_fail(err, CPL_REFUSED,
		    "stage %d of case '%s' is already answered: nothing to extend",
		    st->stage, cf->c.ref);
	if (st->respond_days == 0)
		return cpl_fail(err, CPL_REFUSED,
		    "policy '%s' sets no response deadline at stage %d to extend",
		    cf->pol->id, st->stage);
	/* An extension adds to the deadline in force (SPEC section 4): a
	 * response counted from an acknowledgement not yet made has none. */
	if (st->respond_from == CLOCK_ACKNOWLEDGED &&
	    st->acknowledged == NO_DATE)
		return cpl_fail(err, CPL_REFUSED,
		    "stage %d of case '%s' is not acknowledged: under policy '%s' "
		    "its response deadline runs from the acknowledgement, so there "
		    "is none yet to extend", st->stage, cf->c.ref, cf->pol->id);
	if ((rc = check_date(s, a->date, st->opened, "the day the stage opened",
	    err)))
		return rc;
	if (r != NULL && r->extension_cap >= 0 &&
	    st->ext_days + a->days > r->extension_cap)
		return cpl_fail(err, CPL_REFUSED,
		    "policy '%s' allows %d working days of extension in all at "
		    "stage %d (%s); %d already granted", cf->pol->id,
		    r->extension_cap, st->stage, r->extension_source,
		    st->ext_days);
	st->ext_days += a->days;
	if ((rc = check_deadlines(cf, st, err)))
		return rc;
	snprintf(detail, sizeof(detail), "%d working days: %s", a->days, a->text);
	if ((rc = store_add_extension(s->st, cf->c.id, st->stage, &e, err)))
		return rc;
	return store_add_event(s->st, cf->c.id, st->stage, a->date, s->officer,
	    "extended", detail, err);
}

int
case_extend(struct session *s, const char *ref, int days, const char *reason,
    cpl_date date, struct cpl_error *err)
{
	struct dated a = {date, reason, days};

	if (days < 1 || days > 400)
		return cpl_fail(err, CPL_USAGE,
		    "--days must be a number of working days from 1 to 400");
	if (reason == NULL || *reason == '\0')
		return cpl_fail(err, CPL_USAGE,
		    "--reason is needed: why the response needs longer");
	return with_case(s, ref, err, do_extend, &a);
}

static int
do_escalate(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct dated *a = arg;
	struct stage_rec *st = current_stage(cf), next;
	const struct stage_rules *r = policy_stage(cf->pol, st->stage + 1);
	char d[DATE_LEN];
	cpl_date last_day;
	int rc;

	if ((rc = check_open(cf, err)))
		return rc;
	if (strcmp(cf->c.kind, "complaint") != 0)
		return cpl_fail(err, CPL_REFUSED,
		    "case '%s' is a %s: only complaints are escalated", cf->c.ref,
		    cf->c.kind);
	if (r == NULL)
		return cpl_fail(err, CPL_REFUSED,
		    "stage %d is the last stage of policy '%s': after it the "
		    "complainant may go to the %s", st->stage, cf->pol->id,
		    cf->pol->ombudsmen[0].name);
	if (st->responded == NO_DATE)
		return cpl_fail(err, CPL_REFUSED,
		    "stage %d of case '%s' has not been answered: stage %d "
		    "follows the response", st->stage, cf->c.ref, st->stage + 1);
	if ((rc = check_date(s, a->date, st->responded,
	    "the stage's response", err)))
		return rc;
	if (r->request_window > 0) {
		if ((rc = working_days_after(&cf->pol->cal, st->responded,
		    r->request_window, &last_day, err)))
			return rc;
		if (a->date > last_day) {
			date_format(last_day, d);
			return cpl_fail(err, CPL_REFUSED,
			    "policy '%s' takes stage %d requests up to %d working "
			    "days after the stage %d response: the last day was "
			    "%s (%s)", cf->pol->id, st->stage + 1,
			    r->request_window, st->stage, d, r->request_source);
		}
	}
	if (r->reasons_required && (a->text == NULL || *a->text == '\0'))
		return cpl_fail(err, CPL_REFUSED,
		    "policy '%s' needs the complainant's reasons for stage %d: "
		    "give --reason (%s)", cf->pol->id, st->stage + 1,
		    r->request_source);
	memset(&next, 0, sizeof(next));
	next.stage = st->stage + 1;
	next.opened = a->date;
	next.acknowledged = next.responded = NO_DATE;
	next.escalation_reason = (char *)a->text;
	copy_timescales(r, &next);
	if ((rc = check_deadlines(cf, &next, err)) ||
	    (rc = store_add_stage(s->st, cf->c.id, &next, err)))
		return rc;
	return store_add_event(s->st, cf->c.id, next.stage, a->date, s->officer,
	    "escalated", a->text, err);
}

int
case_escalate(struct session *s, const char *ref, const char *reason,
    cpl_date date, struct cpl_error *err)
{
	struct dated a = {date, reason, 0};

	return with_case(s, ref, err, do_escalate, &a);
}

static int
do_close(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct dated *a = arg;
	int rc;

	if ((rc = check_open(cf, err)) ||
	    (rc = check_date(s, a->date, cf->c.received,
	    "the day the case was received", err)) ||
	    (rc = store_close_case(s->st, cf->c.id, a->date, a->text, err)))
		return rc;
	return store_add_event(s->st, cf->c.id, current_stage(cf)->stage,
	    a->date, s->officer, "closed", a->text, err);
}

int
case_close(struct session *s, const char *ref, const char *reason,
    cpl_date date, struct cpl_error *err)
{
	struct dated a = {date, reason, 0};

	if (reason == NULL)
		return cpl_fail(err, CPL_USAGE, "--reason is needed: resolved, "
		    "withdrawn, out-of-scope, refused, ombudsman or "
		    "no-further-action");
	if (!one_of(reason, close_reasons))
		return cpl_fail(err, CPL_USAGE, "--reason '%s' is not one of "
		    "resolved, withdrawn, out-of-scope, refused, ombudsman, "
		    "no-further-action", reason);
	return with_case(s, ref, err, do_close, &a);
}

static int
do_assign(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct dated *a = arg;
	struct stage_rec *st = current_stage(cf);
	int rc;

	if ((rc = check_open(cf, err)) ||
	    (rc = check_date(s, a->date, cf->c.received,
	    "the day the case was received", err)) ||
	    (rc = check_handler(cf, st->stage, a->text, err)) ||
	    (rc = store_set_stage_officer(s->st, cf->c.id, st->stage, a->text,
	    err)))
		return rc;
	return store_add_event(s->st, cf->c.id, st->stage, a->date, s->officer,
	    "assigned", a->text, err);
}

int
case_assign(struct session *s, const char *ref, const char *to,
    cpl_date date, struct cpl_error *err)
{
	struct dated a = {date, to, 0};

	if (to == NULL || *to == '\0')
		return cpl_fail(err, CPL_USAGE, "--to NAME is needed");
	return with_case(s, ref, err, do_assign, &a);
}

static int
do_note(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct dated *a = arg;
	int rc;

	/* Notes are allowed on closed cases: the file stays a record. */
	if ((rc = check_date(s, a->date, NO_DATE, NULL, err)))
		return rc;
	return store_add_event(s->st, cf->c.id, current_stage(cf)->stage,
	    a->date, s->officer, "note", a->text, err);
}

int
case_note(struct session *s, const char *ref, const char *text, cpl_date date,
    struct cpl_error *err)
{
	struct dated a = {date, text, 0};

	if (text == NULL || *text == '\0')
		return cpl_fail(err, CPL_USAGE, "the note is empty");
	return with_case(s, ref, err, do_note, &a);
}

struct list_walk {
	struct session *s;
	int (*fn)(const struct case_summary *, void *);
	void *arg;
	struct cpl_error *err;
	int rc;			/* a failure inside the walk */
};

static int
list_one(const struct list_row *row, void *arg)
{
	struct list_walk *w = arg;
	struct case_summary cs = {row, {NO_DATE, NO_DATE, NO_DATE}, NULL,
	    NO_DATE};
	const struct policy *pol = NULL;

	if ((w->rc = case_policy(w->s, row->c.policy_version, &pol, w->err)) ||
	    (w->rc = stage_deadlines(&pol->cal, &row->s, &cs.d, w->err)))
		return 1;
	if (row->c.closed == NO_DATE)
		cs.next_action = stage_next_action(&row->s, &cs.d, &cs.due);
	if ((w->rc = w->fn(&cs, w->arg)))
		return 1;
	return 0;
}

int
case_list(struct session *s, const struct list_filter *f,
    int (*fn)(const struct case_summary *cs, void *arg), void *arg,
    struct cpl_error *err)
{
	struct list_walk w = {s, fn, arg, err, 0};
	int rc = store_list(s->st, f, list_one, &w, err);

	return w.rc ? w.rc : rc;
}
