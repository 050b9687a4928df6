/* record.c: freeing what the store hands out (see record.h). */
#include <stdlib.h>
#include <string.h>

#include "record.h"

void
case_rec_free(struct case_rec *c)
{
	free(c->ref);
	free(c->policy);
	free(c->kind);
	free(c->complainant);
	free(c->contact);
	free(c->on_behalf_of);
	free(c->channel);
	free(c->service);
	free(c->category);
	free(c->summary);
	free(c->external_ref);
	free(c->logged_by);
	free(c->close_reason);
	free(c->late_reason);
	free(c->accepted_anyway);
	memset(c, 0, sizeof(*c));
}

/* A copy of one string field: 0, or -1 when out of memory. */
static int
copy_text(char **dst, const char *src)
{
	*dst = NULL;
	return src != NULL && (*dst = strdup(src)) == NULL ? -1 : 0;
}

int
case_rec_copy(struct case_rec *dst, const struct case_rec *src)
{
	*dst = *src;
	if (copy_text(&dst->ref, src->ref) | copy_text(&dst->policy, src->policy) |
	    copy_text(&dst->kind, src->kind) |
	    copy_text(&dst->complainant, src->complainant) |
	    copy_text(&dst->contact, src->contact) |
	    copy_text(&dst->on_behalf_of, src->on_behalf_of) |
	    copy_text(&dst->channel, src->channel) |
	    copy_text(&dst->service, src->service) |
	    copy_text(&dst->category, src->category) |
	    copy_text(&dst->summary, src->summary) |
	    copy_text(&dst->external_ref, src->external_ref) |
	    copy_text(&dst->logged_by, src->logged_by) |
	    copy_text(&dst->close_reason, src->close_reason) |
	    copy_text(&dst->late_reason, src->late_reason) |
	    copy_text(&dst->accepted_anyway, src->accepted_anyway)) {
		case_rec_free(dst);
		return -1;
	}
	return 0;
}

void
restriction_rec_free(struct restriction_rec *r)
{
	free(r->complainant);
	free(r->kind);
	free(r->detail);
	free(r->reason);
	free(r->officer);
	free(r->lifted_reason);
	free(r->decided_by);
	memset(r, 0, sizeof(*r));
}

void
referral_rec_free(struct referral_rec *r)
{
	free(r->body);
	free(r->reference);
	free(r->decision);
	free(r->officer);
	free(r->remedy);
	memset(r, 0, sizeof(*r));
}

void
stage_rec_free(struct stage_rec *s)
{
	free(s->officer);
	free(s->responded_by);
	free(s->outcome);
	free(s->escalation_reason);
	for (int i = 0; i < s->n_ext; i++) {
		free(s->ext[i].reason);
		free(s->ext[i].officer);
	}
	free(s->ext);
	for (int i = 0; i < s->n_remedies; i++)
		free(s->remedies[i]);
	free(s->remedies);
	for (int i = 0; i < s->n_learning; i++)
		free(s->learning[i]);
	free(s->learning);
	for (int i = 0; i < s->n_holds; i++) {
		free(s->holds[i].reason);
		free(s->holds[i].officer);
		free(s->holds[i].resumed_by);
	}
	free(s->holds);
	memset(s, 0, sizeof(*s));
}

void
event_rec_free(struct event_rec *e)
{
	free(e->recorded);
	free(e->officer);
	free(e->action);
	free(e->detail);
	free(e->corrects);
	free(e->field);
	free(e->old_value);
	free(e->new_value);
	free(e->reason);
	memset(e, 0, sizeof(*e));
}
