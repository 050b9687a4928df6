/*
 * policy_describe.c: a policy's rules in plain English, each with the seed
 * citation it came from (the `source` strings of the YAML), so an officer
 * can check the file against the seed without reading YAML.
 *
 * The output is a list of rules (struct policy_rule: topic, rule, source,
 * and the command and option that record what a rule asks for), given one
 * at a time to a callback: complaints policy show prints them as a table,
 * CSV or JSON, naming the option beside its rule.
 * A new policy key needs a line here, or `policy show` hides it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

struct describe {
	void (*fn)(void *arg, const struct policy_rule *r);
	void *arg;
};

static void
say_how(struct describe *d, const char *topic, const char *source,
    const char *command, const char *option, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* A rule, and (command not NULL) the command and option that record what
 * it asks for. */
static void
say_how(struct describe *d, const char *topic, const char *source,
    const char *command, const char *option, const char *fmt, ...)
{
	char rule[2048];
	struct policy_rule r = {topic, rule, source, command, option};
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rule, sizeof(rule), fmt, ap);
	va_end(ap);
	d->fn(d->arg, &r);
}

/* A rule with nothing to record. */
#define say(d, topic, source, ...) \
	say_how(d, topic, source, NULL, NULL, __VA_ARGS__)

static const char *
clock_name(int stage, enum clock from)
{
	if (from == CLOCK_ACKNOWLEDGED)
		return "the stage's acknowledgement";
	return stage == 1 ? "the day the complaint is received" :
	    "the day the request for this stage is received";
}

static void
stage_rules(struct describe *d, const struct stage_rules *s)
{
	char topic[64];
	const char *who;

	snprintf(topic, sizeof(topic), "stage %d", s->stage);
	say(d, topic, NULL, "%s", s->name);
	if (s->stage > 1) {
		say(d, topic, s->review_request_source, "may be asked for only after "
		    "the stage %d response", s->stage - 1);
		if (s->review_request_window > 0)
			say(d, topic, s->review_request_source, "the request must come "
			    "within %d working days of the stage %d response",
			    s->review_request_window, s->stage - 1);
		if (s->review_reasons_required)
			say_how(d, topic, s->review_request_source, "escalate",
			    "reason", "the complainant's written reasons are "
			    "required");
		else
			say(d, topic, s->review_request_source, "written reasons are "
			    "not required");
	}
	if (s->acknowledge.set)
		say(d, topic, s->acknowledge.source, "acknowledge within %d "
		    "working days of %s", s->acknowledge.days,
		    clock_name(s->stage, s->acknowledge.from));
	else
		say(d, topic, NULL, "no acknowledgement timescale");
	if (s->respond.set) {
		say(d, topic, s->respond.source, "respond within %d working "
		    "days of %s", s->respond.days,
		    clock_name(s->stage, s->respond.from));
		if (s->respond.target_days > 0)
			say(d, topic, s->respond.source, "aim to respond within %d "
			    "working days", s->respond.target_days);
	} else {
		say(d, topic, NULL, "no response timescale");
	}
	if (!s->extension_allowed) {
		say(d, topic, NULL, "the response may not be extended");
	} else {
		char cap[64] = ", with no cap";

		if (s->extension_cap >= 0)
			snprintf(cap, sizeof(cap), " by at most %d working days "
			    "in all", s->extension_cap);
		say_how(d, topic, s->extension_source, "extend",
		    s->extension_tell ? "told" : NULL, "the response may be "
		    "extended%s%s%s", cap, s->extension_reason_required ?
		    "; a reason is required" : "", s->extension_tell ?
		    "; the complainant must be told" : "");
	}
	if (s->someone_else || s->handler_who) {
		who = s->handler_who ? s->handler_who : "";
		say(d, topic, s->handler_source, "%s%s%s",
		    s->someone_else ? "handled by someone other than the "
		    "stage's previous responder" : "", s->someone_else &&
		    *who ? ": " : "", who);
	}
}

/* Who may do what a seed reserves to someone (struct deciders), as a
 * rule: what, then the names listed or the post in words. */
static void
describe_deciders(struct describe *d, const struct deciders *w,
    const char *topic, const char *command, const char *option,
    const char *what)
{
	char who[1024] = "";

	if (!w->set)
		return;
	for (int i = 0; i < w->n_names; i++)
		snprintf(who + strlen(who), sizeof(who) - strlen(who), "%s%s",
		    i == 0 ? "" : i == w->n_names - 1 ? " or " : ", ",
		    w->names[i]);
	if (w->n_names == 0)
		snprintf(who, sizeof(who), "%s", w->role ? w->role : "");
	say_how(d, topic, w->source, command, option, "%s %s", what, who);
}

void
policy_describe(const struct policy *p,
    void (*fn)(void *arg, const struct policy_rule *r), void *arg)
{
	struct describe d = {fn, arg};
	static const char *const anon[] = {"accepted", "refused",
	    "logged as service requests"};

	say(&d, "policy", NULL, "%s (%s)", p->name, p->id);
	say(&d, "policy", NULL, "version %s, encoded from seed %s", p->version,
	    p->seed);
	say(&d, "policy", NULL, "case references %s-YYYY-NNNNN", p->prefix);
	say(&d, "calendar", NULL, "working days are Monday to Friday, less the "
	    "bank holidays of calendar '%s'%s", p->calendar_id,
	    p->n_closures > 0 ? " and the council's closure days" : "");
	for (int i = 0; i < p->n_closures; i++) {
		char day[DATE_LEN];
		date_format(p->closures[i], day);
		say(&d, "calendar", NULL, "closed on %s", day);
	}
	say_how(&d, "time limit", p->time_limit_source, "log", "late-reason",
	    "a complaint is made within %d months of the matter; later ones "
	    "are accepted %s", p->time_limit_months, p->time_limit_late);
	say(&d, "anonymous", p->anonymous_source, "anonymous complaints are %s",
	    anon[p->anonymous]);
	for (int i = 0; i < p->n_anonymous_unless; i++)
		say(&d, "anonymous", p->anonymous_source, "except in category "
		    "'%s', where they are accepted", p->anonymous_unless[i]);
	if (p->consent_source != NULL && p->consent_required)
		say_how(&d, "representative", p->consent_source, "log",
		    "consent", "someone complaining for another needs that "
		    "person's written consent");
	else if (p->consent_source != NULL)
		say(&d, "representative", p->consent_source, "anyone may "
		    "complain for another; no written consent is required");
	if (p->overall_weeks > 0)
		say(&d, "overall clock", p->overall_source, "a complaint is "
		    "resolved within %d weeks of receipt", p->overall_weeks);
	if (p->informal_hours > 0)
		say_how(&d, "informal resolution", p->informal_source, "close",
		    "informal", "a simple problem is first given %d hours to be "
		    "put right informally (actions carry dates: the day "
		    "received and a working day for each 24 hours)",
		    p->informal_hours);
	describe_deciders(&d, &p->late_granted, "time limit", "log",
	    "late-granted-by", "a complaint past the time limit is accepted "
	    "only by");
	describe_deciders(&d, &p->senior_officers, "complaints about staff",
	    "log", "about-staff", "a complaint about a named officer is "
	    "never handled by them, and is answered by");
	describe_deciders(&d, &p->restriction_deciders, "restrictions",
	    "restriction", "decided-by", "a restriction is recorded with who "
	    "decided it:");
	if (p->restrictions_source != NULL)
		say(&d, "restrictions", p->restrictions_source, "contact with an "
		    "unreasonably persistent or vexatious complainant may be "
		    "restricted%s%s", p->restrictions_who ? ", decided by " : "",
		    p->restrictions_who ? p->restrictions_who : "");
	if (p->feedback_ack.set)
		say(&d, "comments and compliments", p->feedback_ack.source,
		    "a comment or compliment is acknowledged within %d working "
		    "days of being received", p->feedback_ack.days);
	if (p->corrections_source != NULL && p->corrections_named) {
		char who[1024] = "";

		for (int i = 0; i < p->n_correction_officers; i++)
			snprintf(who + strlen(who), sizeof(who) - strlen(who),
			    "%s%s", i == 0 ? "" : i == p->n_correction_officers - 1 ?
			    " or " : ", ", p->correction_officers[i]);
		say(&d, "corrections", p->corrections_source, "a case's details "
		    "are amended and its recorded actions corrected only by %s, "
		    "the old value and the reason kept (complaints amend, correct)",
		    who);
	} else if (p->corrections_source != NULL)
		say(&d, "corrections", p->corrections_source, "any officer may "
		    "amend a case's details and correct its recorded actions, the "
		    "old value and the reason kept (complaints amend, correct)");
	if (p->n_hold_reasons > 0) {
		char why[512] = "";

		for (int i = 0; i < p->n_hold_reasons; i++)
			snprintf(why + strlen(why), sizeof(why) - strlen(why),
			    "%s%s", i == 0 ? "" : i == p->n_hold_reasons - 1 ?
			    " or " : ", ", p->hold_reasons[i]);
		say_how(&d, "holds", p->holds_source, "hold", "reason", "a "
		    "stage's clock may stop (%s): its deadlines move by the "
		    "working days it is held, the overall clock by the calendar "
		    "days (complaints hold, resume)", why);
	}
	if (p->linked_source != NULL)
		say(&d, "linked complaints", p->linked_source, "complaints about "
		    "the same issue are linked and answered together, one response "
		    "for the group (complaints link, respond); the reports count a "
		    "group %s",
		    p->linked_count_once ? "once" : "as each of its complaints");
	if (p->retention_years > 0)
		say(&d, "retention", p->retention_source, "the personal data of a "
		    "case is kept %d years after it is closed (complaints purge)",
		    p->retention_years);
	for (int i = 0; i < p->n_exclusions; i++) {
		const struct exclusion *e = &p->exclusions[i];
		say(&d, "exclusion", e->source, "'%s' is outside the procedure%s%s"
		    "%s", e->category, e->route ? ": " : "",
		    e->route ? e->route : "", e->refuse ? "" :
		    " (log warns; it does not refuse)");
	}
	for (int i = 0; i < p->n_stages; i++)
		stage_rules(&d, &p->stages[i]);
	for (int i = 0; i < p->n_ombudsmen; i++) {
		const struct ombudsman *o = &p->ombudsmen[i];
		char matters[512] = "";

		for (int k = 0; k < o->n_matters; k++)
			snprintf(matters + strlen(matters), sizeof(matters) -
			    strlen(matters), "%s%s", k == 0 ? ", for " : k ==
			    o->n_matters - 1 ? " or " : ", ", o->matters[k]);
		say(&d, "ombudsman", p->ombudsman_source, "after the last stage: "
		    "the %s (%s)%s", o->name, o->id, matters);
	}
}
