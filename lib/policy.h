/*
 * policy.h: a council's complaint rules, read from policies/ID.yaml.
 *
 * The format is documented in complaints-policy(5). Policies are data: what
 * differs between councils (timescales, the clock each runs from, extension
 * caps, who may handle a stage) lives in the file, never in C.
 *
 * A case keeps the policy text it was logged under (the store holds a copy),
 * so rules come from that copy; the working-day calendar and the council's
 * closure days are read afresh each time (README, "Deadlines").
 */
#ifndef CPL_POLICY_H
#define CPL_POLICY_H

#include "calendar.h"
#include "date.h"
#include "error.h"
#include "ydoc.h"

/* The event a stage's clock runs from. */
enum clock {
	CLOCK_OPENED,		/* received (stage 1) or escalated (stage 2+) */
	CLOCK_ACKNOWLEDGED,	/* the stage's acknowledgement */
};

struct timescale {
	int set;		/* 0: the policy sets no timescale */
	int days;		/* working days */
	enum clock from;	/* what the days count from */
	int target_days;	/* an aim shorter than days, or 0 */
	const char *source;	/* seed citation */
};

struct stage_rules {
	int stage;			/* 1, 2, ... */
	const char *name;		/* "Stage 1", "Stage 2 (review)" */
	struct timescale acknowledge;
	struct timescale respond;
	int extension_allowed;		/* the policy has an extension rule */
	int extension_cap;		/* working days in all, or -1: no cap */
	int extension_reason_required;
	int extension_tell;		/* the complainant must be told */
	const char *extension_source;
	/*
	 * Asking for this stage: a review of the previous stage's answer
	 * (stage 2 and later; the policy file's 'request').
	 */
	int review_request_window;	/* the working days after the previous
					 * stage's response within which the
					 * complainant may ask, or -1: no window */
	int review_reasons_required;	/* the complainant's written reasons
					 * are needed to escalate */
	const char *review_request_source;
	/*
	 * Someone else at this stage: not the officer who handled the
	 * previous one: "not be the same person that considered the
	 * complaint at stage 1" (seed 000), "must NOT be the same person who
	 * responded at stage 1" (seed 003); the policy file's 'handler:
	 * different_officer').
	 */
	int someone_else;
	const char *handler_who;	/* who handles the stage, in words */
	const char *handler_source;
};

enum anonymous_handling { ANON_ACCEPT, ANON_REFUSE, ANON_SERVICE_REQUEST };

struct exclusion {
	const char *category;
	const char *route;	/* where the matter goes instead, or NULL */
	int refuse;		/* 1: log refuses it (unless accepted anyway);
				 * 0: log only warns and names the route */
	const char *source;
};

struct ombudsman {
	const char *id, *name;
	/* The services or categories it is for (any one of them), or none:
	 * the body for everything else. */
	const char **matters;
	int n_matters;
	/* How a complainant reaches it, as a letter gives it (address a
	 * line a line); NULL: not given. */
	const char *address, *phone, *email, *website;
	const char *contact_source;	/* where the details come from */
};

/*
 * A letter the policy prescribes (the 'letters' key): what the seed
 * requires it to state, each an element a template fills (complaints-
 * policy(5) lists them), checked by policy check against its template
 * (policies/letters/ID/KIND.tmpl) and by letter against the case.
 */
struct letter_rules {
	const char *kind;		/* acknowledgement, holding-reply,
					 * response, response-stage2, ... */
	const char **requires;		/* element names */
	yaml_node_t **requires_nodes;	/* where each is written */
	int n_requires;
	const char *source;		/* seed citation */
	yaml_node_t *node;		/* the letter's key */
};

/*
 * The most stages a policy may have. Each stage of a case has columns of
 * its own in the flat import and export (stage2_..., stage3_...) and
 * figures of its own in the reports, and those are laid out in tables of
 * this size; no known complaints procedure has more than three stages.
 */
#define CPL_MAX_STAGES 9

/*
 * Who may do what a seed reserves to someone: answer a complaint about a
 * named officer (a senior officer), accept a late complaint, decide a
 * restriction. The names (or posts) listed, any one of them; where the
 * policy lists none, anyone it is recorded was, the post in words.
 */
struct deciders {
	int set;			/* the policy says who */
	const char **names;		/* NULL-terminated; n_names of them */
	int n_names;
	const char *role;		/* who, in words, or NULL */
	const char *source;		/* seed citation */
};

/* Is name one of d's names (by the key of a name: letters in any case,
 * spaces not counted), or may anyone be (d lists none)? */
int deciders_allow(const struct deciders *d, const char *name, int *ok);
/* Are a and b the same person's name (by the key of a name)? -1: out of
 * memory. */
int policy_same_name(const char *a, const char *b);

struct policy {
	struct ydoc y;			/* owns every string below */
	int stored;			/* parsed from a stored text */
	char *text;			/* the file's text, stored with cases */
	size_t text_len;
	const char *id, *name, *version, *seed, *prefix, *calendar_id;
	const char *council;		/* the council (or company) the policy
					 * is for, as a report's title names
					 * it; NULL: not given */
	/* The letterhead of an HTML letter: who sends it and their address
	 * block (the 'letterhead' key); NULL where not given. */
	const char *letterhead_name, *letterhead_address, *letterhead_phone,
	    *letterhead_email, *letterhead_website;
	struct letter_rules *letters;	/* the 'letters' key, in file order */
	int n_letters;
	int reporting_month;		/* the month its reporting year starts:
					 * 1 (January, the default) to 12 */
	int time_limit_months;
	const char *time_limit_late, *time_limit_source;
	enum anonymous_handling anonymous;
	const char **anonymous_unless;	/* categories the handling spares */
	int n_anonymous_unless;
	const char *anonymous_source;
	int consent_required;
	const char *consent_source;
	int overall_weeks;		/* 0: no overall clock */
	const char *overall_source;
	int informal_hours;		/* 0: no informal step */
	const char *informal_source;
	struct timescale feedback_ack;	/* comments and compliments: their
					 * acknowledgement, from receipt */
	int retention_years;		/* keep a closed case's personal
					 * data this long; 0: not set */
	const char *retention_source;
	int homes;			/* the homes the council owns, for the
					 * housing measures; 0: not set */
	const char *homes_source;	/* NULL: not given */
	int attach_max_mib;		/* the largest document a case file
					 * keeps, MiB; 0: not set (the
					 * default, ATTACH_MAX_MIB) */
	const char *attach_source;
	const char *restrictions_who;	/* who decides restrictions on a
					 * complainant, or NULL */
	const char *restrictions_source;	/* NULL: the policy says nothing */
	struct deciders restriction_deciders;	/* restrictions' deciders,
						 * where it lists them */
	struct deciders senior_officers;	/* who answers a complaint
						 * about a named officer */
	struct deciders late_granted;		/* who may accept a late
						 * complaint */
	/* Who may amend a case's details and correct its recorded actions
	 * (the 'corrections' key): any officer, or only those it names. */
	int corrections_named;		/* 1: only correction_officers */
	const char **correction_officers;
	int n_correction_officers;
	const char *corrections_source;	/* NULL: the policy says nothing
					 * (any officer may) */
	/* The clock stops the policy allows (the 'holds' key): the words
	 * of hold_reasons it lists; none: holds are refused. */
	const char **hold_reasons;
	int n_hold_reasons;
	const char *holds_source;
	yaml_node_t *holds_node;	/* where the key is written */
	/* Linked cases (the 'linked' key): whether the reports count a
	 * group of linked complaints once (one investigation, one
	 * response) or each complaint of it. */
	int linked_count_once;		/* 1: once; 0: each (the default) */
	const char *linked_source;	/* NULL: the policy says nothing */
	struct exclusion *exclusions;
	int n_exclusions;
	struct ombudsman *ombudsmen;
	int n_ombudsmen;
	const char *ombudsman_source;
	struct stage_rules *stages;
	int n_stages;		/* 1 to CPL_MAX_STAGES */
	cpl_date *closures;		/* closure days, expanded */
	yaml_node_t **closure_nodes;	/* where each is written: its date,
					 * or the range it is in */
	int n_closures;
	struct calendar cal;		/* working days: calendar + closures */
	int has_cal;
};

/*
 * Parse policy text (name is used in messages). The calendar is not loaded:
 * see policy_load_calendar.
 */
int policy_parse(struct policy *p, const char *name, const char *text,
    size_t len, struct cpl_error *err);
/* The same, for a text stored with cases: what an older complaints took
 * (a stage without 'respond') is taken, so its cases stay readable. */
int policy_parse_stored(struct policy *p, const char *name,
    const char *text, size_t len, struct cpl_error *err);
/* Read and parse DIR/ID.yaml, without its calendar; CPL_USAGE if there is
 * no such file. */
int policy_read(struct policy *p, const char *dir, const char *id,
    struct cpl_error *err);
/* Read and parse DIR/ID.yaml and its calendar. */
int policy_load(struct policy *p, const char *dir, const char *id,
    struct cpl_error *err);
/*
 * Read DIR/calendars/<p->calendar_id>.yaml and mark the closure days of
 * closures_of (a policy read from the same file, its closure days as they
 * are today), or p's own when that is NULL. A calendar that can't be read
 * is an error at p's 'calendar' key; a closure day outside the calendar,
 * at that day in the file it comes from.
 */
int policy_load_calendar(struct policy *p, const char *dir,
    struct policy *closures_of, struct cpl_error *err);
void policy_free(struct policy *p);

/* The rules of stage n, or NULL past the last stage. */
const struct stage_rules *policy_stage(const struct policy *p, int n);

/* A valid policy id: [a-z0-9-]+ (it names a file). */
int policy_id_ok(const char *id);

/* One rule of a policy in plain English (lib/policy_describe.c). */
struct policy_rule {
	const char *topic;	/* "time limit", "stage 1", ... */
	const char *rule;	/* the rule */
	const char *source;	/* the seed citation it came from, or NULL
				 * where the file gives none */
	const char *command;	/* what records it: a command ("extend") */
	const char *option;	/* and its option without "--" ("told"), or
				 * NULL */
};

/* Every rule of p, in order: fn is called once a rule. */
void policy_describe(const struct policy *p,
    void (*fn)(void *arg, const struct policy_rule *r), void *arg);

/*
 * A rule's citation without the council's words: the source up to the
 * quotation ("seed 000 §6 Stages, Stage 1" of "seed 000 §6 Stages, Stage
 * 1: 'the complainant will be informed ...'"), into buf; the whole source
 * when it quotes nothing. policy show gives the words.
 */
void policy_cite(const char *source, char *buf, size_t size);

/* The letter rules of kind (acknowledgement, response-stage2, ...), or
 * NULL: the policy prescribes no such letter. */
const struct letter_rules *policy_letter(const struct policy *p,
    const char *kind);

/* The ombudsman a case of that service and category (either NULL) goes to
 * after the last stage (lib/ombudsman.c): the body for its matter, else
 * the general one. Every part of complaints that names the ombudsman of a
 * case asks this. */
const struct ombudsman *ombudsman_for(const struct policy *p,
    const char *service, const char *category);
/* The ombudsman of that id, or NULL. */
const struct ombudsman *policy_ombudsman(const struct policy *p,
    const char *id);

/* Are a and b the same category (letters in any case, spaces around them
 * not counted)? */
int policy_same_category(const char *a, const char *b);
/* The exclusion for category (policy_same_category), or NULL. */
const struct exclusion *policy_exclusion(const struct policy *p,
    const char *category);

#endif
