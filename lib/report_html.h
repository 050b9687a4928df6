/*
 * report_html.h: the annual report as one self-contained HTML page
 * (lib/report_html.c), written from the report's figures (figures.h) as
 * lib/report.c streams them.
 */
#ifndef CPL_REPORT_HTML_H
#define CPL_REPORT_HTML_H

#include <stdio.h>

#include "figures.h"

/* html_begin writes everything up to the list of learning and remedies,
 * html_text one item of it (heading: 1 the first item, 2 the first of
 * another service, else 0), html_end the rest. */
void html_begin(FILE *f, int year, const struct figures *fs);
void html_text(FILE *f, int heading, const char *ref, const char *service,
    int stage, const char *kind, const char *text);
void html_end(FILE *f, int n_texts);

#endif
