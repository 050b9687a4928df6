/*
 * letter.h: the letters a policy prescribes (complaints-letter(1)),
 * filled from a case.
 *
 * The rules come from the policy the case was logged under; what a letter
 * says and how (its template, policies/letters/ID/KIND.tmpl, the
 * letterhead, the ombudsman's contact details) from the policy file as it
 * is now, so that a council rewords its letters for open cases too, and
 * cases logged before letters existed get them.
 *
 * What the seed requires a letter to state (the policy's 'letters' key,
 * 'requires') is checked twice: policy check refuses a template that can't
 * write an element (letter_check_templates); letter refuses a case that
 * lacks its value (CPL_REFUSED, naming the element and the seed).
 */
#ifndef CPL_LETTER_H
#define CPL_LETTER_H

#include <stddef.h>

#include "case.h"

/* What an officer asks of letter. */
struct letter_request {
	const char *kind;	/* acknowledgement, holding-reply, ... */
	int stage;		/* 0: the case's current stage */
	int html;		/* one printable page, else plain text */
	const char *body;	/* the officer's own words, or NULL */
	/* A holding reply's extension (days 0: none asked for): with sent,
	 * granted with the letter; else shown as if granted. */
	int days;
	const char *reason;
	int sent;		/* record the letter as sent */
	cpl_date date;		/* the day it is dated (and sent) */
	const char *via;	/* email, post or hand; NULL: not said */
};

/* The elements a template may name, NULL-terminated. */
extern const char *const letter_elements[];
int letter_element_known(const char *name);

/*
 * The letter rq asks for, filled from case ref: *out (caller frees) its
 * text, *len bytes. With rq->sent, in one write transaction: a sent
 * acknowledgement is the stage's acknowledgement and a holding reply's
 * extension is granted with the complainant told (the rules of ack and
 * extend), and the letter's text (the plain text, whatever rq->html) is
 * kept in the case file with an event saying who sent it, when and how.
 * Without it, the read is audited as show's is.
 */
int case_letter(struct session *s, const char *ref,
    const struct letter_request *rq, char **out, size_t *len,
    struct cpl_error *err);

/*
 * policy check's part: every letter of p has a readable template in
 * dir/letters/ID/ (dir: the directory of the policy file), which parses,
 * and which can write every element the letter requires; else CPL_POLICY
 * at the 'requires' entry's FILE:LINE:COLUMN, or the template's.
 */
int letter_check_templates(const struct policy *p, const char *dir,
    struct cpl_error *err);

#endif
