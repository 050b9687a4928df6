/*
 * case_view.h: what the commands that read cases show, read the way
 * every viewing must be: where the store audits reading (init
 * --audit-reads on), the read is recorded in the case's history before
 * anything is shown, by the same call that reads the case, so that no
 * viewing command can forget it.
 *
 *   show:             the whole case (details, restrictions on the
 *                     complainant, the ombudsman stage, each stage with
 *                     its deadlines, the entries of its case file) and
 *                     its history;
 *   history:          the case's history;
 *   restriction list: the restrictions recorded (not a case: not
 *                     audited).
 *
 * The formats of show's output are in complaints-show(1).
 */
#ifndef CPL_CASE_VIEW_H
#define CPL_CASE_VIEW_H

#include <stdio.h>

#include "case.h"
#include "correspondence.h"
#include "output.h"
#include "store_links.h"

/* What a viewing reads of a case. */
enum case_view_what {
	VIEW_WHOLE_CASE,	/* show: everything, deadlines worked out */
	VIEW_HISTORY,		/* history: the case and its events only */
};

struct case_view {
	struct case_file cf;	/* VIEW_WHOLE_CASE: with the restrictions on
				 * the complainant and the referrals */
	struct deadlines *d;	/* VIEW_WHOLE_CASE: one a stage of cf */
	struct event_rec *ev;	/* the history: VIEW_HISTORY by the day each
				 * thing happened, then when it was
				 * recorded; VIEW_WHOLE_CASE in the order
				 * recorded; this viewing in it where
				 * reading is audited */
	int n_ev;
	struct paper *papers;	/* VIEW_WHOLE_CASE: the case file's entries,
				 * by date (correspondence.h) */
	int n_papers;
	struct link_rec *linked;	/* VIEW_WHOLE_CASE: the other cases of
					 * its group of linked cases */
	int n_linked;
	int loaded;		/* cf holds a case (to free) */
};

/*
 * Read case ref for viewing, recording the read where the store audits
 * reading (action "viewed"); CPL_REFUSED "no case 'REF'" if it is not
 * there. Free v with case_view_free, whatever the result.
 */
int case_view(struct session *s, const char *ref, enum case_view_what what,
    struct case_view *v, struct cpl_error *err);
void case_view_free(struct case_view *v);

/* show's output of a VIEW_WHOLE_CASE view: the case as text for people,
 * one CSV row a stage, or one JSON object with its stages and history. */
void case_view_print(FILE *f, enum out_format fmt, const struct case_view *v);

/* The restrictions on complainant (NULL: on anyone), those lifted too
 * when all; *r (free with store_restrictions_free) oldest first. */
int restriction_list(struct session *s, const char *complainant, int all,
    struct restriction_rec **r, int *n, struct cpl_error *err);

#endif
