/*
 * store_write.h: a case file's rows written in one go (lib/store_write.c,
 * for case_write in lib/case_file.c): a new case's rows each inserted
 * once in their final state, a stored case's changed rows each updated
 * once. Inside a write transaction (store_begin).
 */
#ifndef CPL_STORE_WRITE_H
#define CPL_STORE_WRITE_H

#include <stdint.h>

#include "error.h"
#include "record.h"
#include "store.h"

/* A new case's row, as it is after every action on it (closed or not);
 * sets c->id. */
int store_insert_case(struct store *st, struct case_rec *c,
    struct cpl_error *err);
/* The day a stored case was closed, and why, or (NO_DATE, NULL) open
 * again. */
int store_set_closed(struct store *st, int64_t case_id, cpl_date closed,
    const char *reason, struct cpl_error *err);
/* A stage's row as it is: every column, inserted once (a new stage). */
int store_insert_stage(struct store *st, int64_t case_id,
    const struct stage_rec *s, struct cpl_error *err);
/* A stored stage's row brought up to date: who handles it, when it was
 * acknowledged and answered, how and by whom; one statement. */
int store_update_stage(struct store *st, int64_t case_id,
    const struct stage_rec *s, struct cpl_error *err);

/* The last number given to a case PREFIX-YEAR-N, or 0: none yet (what
 * store_next_ref_number goes on from). */
int store_last_ref_number(struct store *st, const char *prefix, int year,
    int *last, struct cpl_error *err);

/* Record last as the last number given to a case PREFIX-YEAR-N (a batch
 * that numbered its cases itself, from store_last_ref_number, inside one
 * write). */
int store_set_ref_number(struct store *st, const char *prefix, int year,
    int last, struct cpl_error *err);

#endif
