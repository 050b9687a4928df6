/*
 * report_html.c: the annual report as one self-contained HTML page
 * (`complaints report annual --year Y --format html`).
 *
 * Everything is in the one file: the CSS inline in <style>, the charts as
 * inline SVG (complaints per month, % on time per stage, outcomes), no
 * script, font, image or link to anything outside, so a council can publish
 * the page as it is. Every figure printed in a table cell or drawn as a bar
 * carries data-section, data-group, data-figure and data-col (value,
 * percent, previous_value, previous_percent, ...) naming the row and column
 * of the CSV output it comes from, so a test can check one against the
 * other.
 */
#include <stdio.h>
#include <string.h>

#include "report_html.h"
#include "vocabulary.h"

/* Text for HTML content or a quoted attribute. */
static void
esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			/* Control characters would be invalid HTML. */
			if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
				fputs("&#xfffd;", f);
			else
				putc(*s, f);
		}
	}
}

/* Labels for people: a few in words (and the close reasons' from the
 * vocabulary), the rest from the figure's name ("stage1.outcome.upheld"
 * -> "Stage 1 outcome: upheld"). */
static const struct {
	const char *suffix, *label;
} labels[] = {
	{"received", "cases received"},
	{"opened", "complaints"},
	{"acknowledged_on_time", "acknowledged within the policy's timescale"},
	{"responded_on_time", "answered within the policy's timescale "
	    "(extensions counted)"},
	{"responded_on_time_without_extension", "answered on time, not "
	    "extended"},
	{"responded_on_time_with_extension", "answered on time, extended"},
	{"responded_within_original_timescale", "answered within the "
	    "original timescale"},
	{"responded", "answered"},
	{"working_days_to_respond_mean", "working days to answer (mean)"},
	{"working_days_to_respond_median", "working days to answer (median)"},
	{"extended", "extended"},
	{"extensions", "extensions granted"},
	{"extension_days", "working days of extension granted"},
	{"escalated", "escalated to the next stage"},
	{"handled_by_different_person", "handled by a different person from "
	    "the stage before"},
	{"ombudsman.referred", "referred to the ombudsman"},
};

static void
figure_label(const char *figure, char *buf, size_t n)
{
	const char *rest = figure;
	size_t len = 0;
	int stage = 0, used = 0, reason;

	if (sscanf(figure, "stage%d.%n", &stage, &used) == 1 && used > 0) {
		rest = figure + used;
		len = (size_t)snprintf(buf, n, "Stage %d ", stage);
	}
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(rest, labels[i].suffix) == 0) {
			snprintf(buf + len, n - len, "%s", labels[i].label);
			goto cap;
		}
	if (strncmp(rest, "closed.", 7) == 0 &&
	    (reason = word_index(close_reasons, rest + 7)) >= 0 &&
	    close_reason_rules[reason].label != NULL) {
		snprintf(buf + len, n - len, "%s",
		    close_reason_rules[reason].label);
		goto cap;
	}
	/* Words from the name: '_' a space, '.' a colon. */
	for (const char *p = rest; *p && len + 3 < n; p++) {
		if (*p == '_')
			buf[len++] = ' ';
		else if (*p == '.') {
			buf[len++] = ':';
			buf[len++] = ' ';
		} else
			buf[len++] = *p;
	}
	buf[len < n ? len : n - 1] = '\0';
cap:
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)(buf[0] - 'a' + 'A');
}

/* The attributes naming the CSV row and column a figure's cell or bar
 * shows: data-section, data-group, data-figure and data-col. */
static void
data_attrs(FILE *f, const struct fig *fg, const char *col)
{
	fputs(" data-section=\"", f);
	esc(f, fg->section);
	fputs("\" data-group=\"", f);
	esc(f, fg->group ? fg->group : "");
	fputs("\" data-figure=\"", f);
	esc(f, fg->figure);
	fprintf(f, "\" data-col=\"%s\"", col);
}

/* One table cell holding column col of a figure (a dash when empty). */
static void
cell(FILE *f, const struct fig *fg, const char *col, const char *v)
{
	fputs("<td class=\"n\"", f);
	data_attrs(f, fg, col);
	putc('>', f);
	esc(f, v ? v : "\xe2\x80\x93");	/* an en dash */
	fputs("</td>", f);
}

/* A figure's row up to its cells of the year before: its label, then its
 * value, "of" and percentage this year. */
static void
row_start(FILE *f, const struct fig *fg)
{
	char label[256], b[3][FIG_TEXT];

	figure_label(fg->figure, label, sizeof(label));
	fputs("<tr><td>", f);
	esc(f, label);
	fputs("</td>", f);
	cell(f, fg, "value", fig_value(fg, 0, b[0]));
	cell(f, fg, "of", fig_of(fg, 0, b[1]));
	cell(f, fg, "percent", fig_percent(fg, 0, b[2]));
}

/* A table of a group's figures: this year, and the year before beside. */
static void
figure_table(FILE *f, const struct figures *fs, const char *section,
    const char *group, int year)
{
	fprintf(f, "<table>\n<thead><tr><th>Figure</th><th class=\"n\">%d</th>"
	    "<th class=\"n\">of</th><th class=\"n\">%%</th>"
	    "<th class=\"n\">%d</th><th class=\"n\">of</th>"
	    "<th class=\"n\">%%</th></tr></thead>\n<tbody>\n", year, year - 1);
	for (size_t i = 0; i < fs->n; i++) {
		const struct fig *fg = &fs->v[i];
		char b[3][FIG_TEXT];

		if (strcmp(fg->section, section) != 0 ||
		    (group == NULL ? fg->group != NULL :
		    fg->group == NULL || strcmp(fg->group, group) != 0))
			continue;
		row_start(f, fg);
		cell(f, fg, "previous_value", fig_value(fg, 1, b[0]));
		cell(f, fg, "previous_of", fig_of(fg, 1, b[1]));
		cell(f, fg, "previous_percent", fig_percent(fg, 1, b[2]));
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
}

/* The SVG attributes naming a bar's figure, and its value. */
static void
bar_data(FILE *f, const struct fig *fg, const char *col, const char *v)
{
	data_attrs(f, fg, col);
	fputs(" data-value=\"", f);
	esc(f, v ? v : "");
	fputs("\"", f);
}

static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

#define BLUE "#1d70b8"
#define GREY "#b1b4b6"
#define GREEN "#00703c"
#define ORANGE "#f47738"
#define RED "#d4351c"

/* Complaints per month: this year's bars, last year's beside them. */
static void
chart_months(FILE *f, const struct figures *fs, int year)
{
	const struct fig *m[12];
	int64_t max = 1;
	const int w = 640, h = 260, left = 40, top = 20, bottom = 40;
	const double plot = h - top - bottom, step = (w - left - 10) / 12.0;

	for (int i = 0; i < 12; i++) {
		char g[16];

		snprintf(g, sizeof(g), "%04d-%02d", year % 10000, i + 1);
		m[i] = fig_find(fs, "month", g, "stage1.opened");
		for (int k = 0; m[i] && k < 2; k++)
			if (m[i]->period[k].count > max)
				max = m[i]->period[k].count;
	}
	fprintf(f, "<figure><figcaption>Stage 1 complaints received each month"
	    "</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"Stage 1 complaints per month, %d and %d\">\n",
	    w, h, w, h, year, year - 1);
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#505a5f\"/>\n", left, h - bottom, w - 10, h - bottom);
	for (int i = 0; i < 12; i++) {
		double x = left + i * step + 4;

		for (int k = 1; k >= 0 && m[i]; k--) {
			double bh = plot * (double)m[i]->period[k].count /
			    (double)max;
			double bx = x + (k == 0 ? step / 2 - 4 : 0);
			char v[32];

			snprintf(v, sizeof(v), "%lld",
			    (long long)m[i]->period[k].count);
			fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			    "height=\"%.1f\" fill=\"%s\"", bx, h - bottom - bh,
			    step / 2 - 4, bh, k == 0 ? BLUE : GREY);
			bar_data(f, m[i], k == 0 ? "value" : "previous_value", v);
			fprintf(f, "><title>%s %d: %s</title></rect>\n",
			    month_names[i], year - k, v);
			if (k == 0)
				fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" "
				    "font-size=\"11\" text-anchor=\"middle\">%s"
				    "</text>\n", bx + (step / 2 - 4) / 2,
				    h - bottom - bh - 3, v);
		}
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" "
		    "text-anchor=\"middle\">%s</text>\n", x + step / 2 - 4,
		    h - bottom + 16, month_names[i]);
	}
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" "
	    "fill=\"" BLUE "\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%d"
	    "</text>\n", left, h - 14, left + 16, h - 4, year);
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" "
	    "fill=\"" GREY "\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%d"
	    "</text>\n", left + 70, h - 14, left + 86, h - 4, year - 1);
	fputs("</svg></figure>\n", f);
}

/* The last stage with figures in the "all" section. */
static int
last_stage(const struct figures *fs)
{
	int n = 0;

	for (size_t i = 0; i < fs->n; i++) {
		int s;

		if (strcmp(fs->v[i].section, "all") == 0 &&
		    sscanf(fs->v[i].figure, "stage%d.", &s) == 1 && s > n)
			n = s;
	}
	return n;
}

/* % acknowledged and answered on time, per stage, this year. */
static void
chart_on_time(FILE *f, const struct figures *fs, int year)
{
	static const struct {
		const char *figure, *what;
	} bars[] = {
		{"acknowledged_on_time", "acknowledged on time"},
		{"responded_on_time", "answered on time"},
	};
	int stages = last_stage(fs), rows = 0;
	const int w = 640, left = 200, barw = 360, rowh = 26;

	fprintf(f, "<figure><figcaption>%% on time per stage, %d"
	    "</figcaption>\n", year);
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"Percentage on time per stage\">\n", w,
	    stages * 2 * rowh + 10, w, stages * 2 * rowh + 10);
	for (int s = 1; s <= stages; s++)
		for (int b = 0; b < 2; b++, rows++) {
			char name[64], pb[FIG_TEXT];
			const struct fig *fg;
			const char *pct;
			double y = 5 + rows * rowh, len;

			snprintf(name, sizeof(name), "stage%d.%s", s,
			    bars[b].figure);
			if ((fg = fig_find(fs, "all", NULL, name)) == NULL)
				continue;
			pct = fig_percent(fg, 0, pb);
			len = pct ? barw * 100.0 * (double)fg->period[0].count /
			    (double)fg->period[0].of / 100.0 : 0;
			fprintf(f, "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" "
			    "text-anchor=\"end\">Stage %d %s</text>\n", left - 8,
			    y + 15, s, bars[b].what);
			fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" "
			    "height=\"18\" fill=\"#f3f2f1\"/>\n", left, y, barw);
			fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" "
			    "height=\"18\" fill=\"%s\"", left, y, len,
			    b == 0 ? GREEN : BLUE);
			bar_data(f, fg, "percent", pct);
			fprintf(f, "><title>Stage %d %s: %s%%</title></rect>\n", s,
			    bars[b].what, pct ? pct : "no cases");
			fprintf(f, "<text x=\"%d\" y=\"%.1f\" font-size=\"12\">"
			    "%s%s</text>\n", left + barw + 8, y + 14,
			    pct ? pct : "no cases", pct ? "%" : "");
		}
	fputs("</svg></figure>\n", f);
}

/* Outcomes per stage, this year: one stacked bar a stage. */
static void
chart_outcomes(FILE *f, const struct figures *fs, int year)
{
	static const char *const colour[N_OUTCOMES] = {
		[OUTCOME_UPHELD] = RED,
		[OUTCOME_PARTLY_UPHELD] = ORANGE,
		[OUTCOME_NOT_UPHELD] = GREEN,
	};
	int stages = last_stage(fs);
	const int w = 640, left = 100, barw = 440, rowh = 30;
	const int h = stages * rowh + 30;

	fprintf(f, "<figure><figcaption>Outcomes of the responses, %d"
	    "</figcaption>\n", year);
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"Outcomes per stage\">\n", w, h, w, h);
	for (int s = 1; s <= stages; s++) {
		double x = left, y = 5 + (s - 1) * rowh;
		int64_t total = 0;
		const struct fig *fg[N_OUTCOMES];

		for (int i = 0; i < N_OUTCOMES; i++) {
			char name[64];

			snprintf(name, sizeof(name), "stage%d.outcome.%s", s,
			    case_outcomes[i]);
			fg[i] = fig_find(fs, "all", NULL, name);
			total += fg[i] ? fg[i]->period[0].count : 0;
		}
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" "
		    "text-anchor=\"end\">Stage %d</text>\n", left - 8, y + 15, s);
		fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"20\" "
		    "fill=\"#f3f2f1\"/>\n", left, y, barw);
		for (int i = 0; i < N_OUTCOMES; i++) {
			double len;
			char v[32];

			if (fg[i] == NULL || total == 0)
				continue;
			len = barw * (double)fg[i]->period[0].count /
			    (double)total;
			snprintf(v, sizeof(v), "%lld",
			    (long long)fg[i]->period[0].count);
			fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			    "height=\"20\" fill=\"%s\"", x, y, len,
			    colour[i]);
			bar_data(f, fg[i], "value", v);
			fprintf(f, "><title>Stage %d %s: %s</title></rect>\n", s,
			    case_outcome_labels[i], v);
			if (len > 24)
				fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" "
				    "font-size=\"11\" fill=\"#fff\" "
				    "text-anchor=\"middle\">%s</text>\n",
				    x + len / 2, y + 14, v);
			x += len;
		}
		if (total == 0)
			fprintf(f, "<text x=\"%d\" y=\"%.1f\" font-size=\"12\">"
			    "no responses</text>\n", left + 8, y + 14);
	}
	for (int i = 0; i < N_OUTCOMES; i++)
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" "
		    "fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%s"
		    "</text>\n", left + i * 120, h - 16, colour[i],
		    left + i * 120 + 16, h - 6, case_outcome_labels[i]);
	fputs("</svg></figure>\n", f);
}

/* The first figure of each service of the "service" section, in order
 * (a service's figures are together): the one after prev (NULL: the
 * first), looking from figure *i on; NULL after the last. */
static const struct fig *
next_service(const struct figures *fs, size_t *i, const struct fig *prev)
{
	for (; *i < fs->n; (*i)++) {
		const struct fig *fg = &fs->v[*i];

		if (strcmp(fg->section, "service") != 0 || (prev != NULL &&
		    (prev->group == NULL ? fg->group == NULL :
		    fg->group != NULL && strcmp(prev->group, fg->group) == 0)))
			continue;
		(*i)++;
		return fg;
	}
	return NULL;
}

/* Services, in the order of the "service" section. */
static void
service_tables(FILE *f, const struct figures *fs, int year)
{
	static const char *const key[] = {"stage1.opened", "stage2.opened",
	    "stage1.responded_on_time", "stage2.responded_on_time",
	    "stage1.outcome.upheld", "stage1.outcome.partly-upheld"};
	const struct fig *fg = NULL;
	size_t i = 0;
	int any = 0;

	/* An overview: a few figures a service, then every figure. */
	fputs("<table>\n<thead><tr><th>Service</th>", f);
	for (size_t k = 0; k < sizeof(key) / sizeof(key[0]); k++) {
		char label[256];

		figure_label(key[k], label, sizeof(label));
		fputs("<th class=\"n\">", f);
		esc(f, label);
		fprintf(f, " %d</th><th class=\"n\">%d</th>", year, year - 1);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	while ((fg = next_service(fs, &i, fg)) != NULL) {
		any = 1;
		fputs("<tr><td>", f);
		esc(f, fg->group ? fg->group : "(no service recorded)");
		fputs("</td>", f);
		for (size_t k = 0; k < sizeof(key) / sizeof(key[0]); k++) {
			const struct fig *kf = fig_find(fs, "service", fg->group,
			    key[k]);
			int pct = strstr(key[k], "opened") == NULL;
			char b[2][FIG_TEXT];

			if (kf == NULL) {
				fputs("<td></td><td></td>", f);
				continue;
			}
			cell(f, kf, pct ? "percent" : "value",
			    pct ? fig_percent(kf, 0, b[0]) : fig_value(kf, 0, b[0]));
			cell(f, kf, pct ? "previous_percent" : "previous_value",
			    pct ? fig_percent(kf, 1, b[1]) : fig_value(kf, 1, b[1]));
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n<p class=\"note\">Percentages: answered "
	    "on time, and upheld or partly upheld, of the stage's responses."
	    "</p>\n", f);
	if (!any)
		return;
	i = 0;
	while ((fg = next_service(fs, &i, fg)) != NULL) {
		fputs("<details><summary>Every figure: ", f);
		esc(f, fg->group ? fg->group : "(no service recorded)");
		fputs("</summary>\n", f);
		figure_table(f, fs, "service", fg->group, year);
		fputs("</details>\n", f);
	}
}

static void
compliments_table(FILE *f, const struct figures *fs, int year)
{
	int any = 0;

	fprintf(f, "<table>\n<thead><tr><th>Service</th><th class=\"n\">%d"
	    "</th><th class=\"n\">%d</th></tr></thead>\n<tbody>\n", year,
	    year - 1);
	for (size_t i = 0; i < fs->n; i++) {
		const struct fig *fg = &fs->v[i];
		char b[2][FIG_TEXT];

		if (strcmp(fg->section, "compliments") != 0)
			continue;
		any = 1;
		fputs("<tr><td>", f);
		esc(f, fg->group ? fg->group : "(no service recorded)");
		fputs("</td>", f);
		cell(f, fg, "value", fig_value(fg, 0, b[0]));
		cell(f, fg, "previous_value", fig_value(fg, 1, b[1]));
		fputs("</tr>\n", f);
	}
	if (!any)
		fputs("<tr><td colspan=\"3\">No compliments recorded.</td></tr>\n",
		    f);
	fputs("</tbody>\n</table>\n", f);
}

static void
self_assessment(FILE *f, const struct figures *fs, int year)
{
	fprintf(f, "<table>\n<thead><tr><th>Measure</th><th class=\"n\">Met"
	    "</th><th class=\"n\">Of</th><th class=\"n\">%%</th>"
	    "<th class=\"n\">%% in %d</th><th>Cases that missed</th></tr>"
	    "</thead>\n<tbody>\n", year - 1);
	for (size_t i = 0; i < fs->n; i++) {
		const struct fig *fg = &fs->v[i];
		char b[FIG_TEXT];

		if (strcmp(fg->section, "self-assessment") != 0)
			continue;
		row_start(f, fg);
		cell(f, fg, "previous_percent", fig_percent(fg, 1, b));
		fputs("<td class=\"missed\"", f);
		data_attrs(f, fg, "detail");
		putc('>', f);
		esc(f, fg->detail ? fg->detail : "");
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
}

void
html_begin(FILE *f, int year, const struct figures *fs)
{
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<title>Complaints annual report %d</title>\n", year);
	fputs("<style>\n"
	    "body{font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;"
	    "background:#fff;max-width:62rem;margin:1.5rem auto;padding:0 1rem;"
	    "line-height:1.4}\n"
	    "h1{border-bottom:6px solid " BLUE ";padding-bottom:.3rem}\n"
	    "h2{color:" BLUE ";margin-top:2rem}\n"
	    "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;"
	    "font-size:.9rem}\n"
	    "th,td{border-bottom:1px solid #b1b4b6;padding:.3rem .5rem;"
	    "text-align:left;vertical-align:top}\n"
	    "th{background:#f3f2f1}\n"
	    ".n{text-align:right;font-variant-numeric:tabular-nums}\n"
	    ".charts{display:flex;flex-wrap:wrap;gap:1.5rem}\n"
	    "figure{margin:0}figcaption{font-weight:bold;margin:.3rem 0}\n"
	    ".missed{font-size:.8rem;color:#505a5f}\n"
	    ".note{font-size:.85rem;color:#505a5f}\n"
	    "details{margin:.3rem 0}summary{cursor:pointer}\n"
	    "li{margin:.2rem 0}\n"
	    "</style>\n</head>\n<body>\n", f);
	fprintf(f, "<h1>Complaints annual report %d</h1>\n", year);
	fprintf(f, "<p>Comments, compliments and complaints received from 1 "
	    "January to 31 December %d, with %d beside them. A stage counts in "
	    "the year it opened (stage 1: the day the complaint was received; "
	    "stage 2: the day the complainant asked for it). Timescales are in "
	    "working days: weekends, bank holidays and the council's closure "
	    "days do not count.</p>\n", year, year - 1);
	fputs("<h2>At a glance</h2>\n<div class=\"charts\">\n", f);
	chart_months(f, fs, year);
	chart_on_time(f, fs, year);
	chart_outcomes(f, fs, year);
	fputs("</div>\n", f);
	fprintf(f, "<h2>Summary of %d</h2>\n", year);
	figure_table(f, fs, "all", NULL, year);
	fputs("<h2>By service</h2>\n", f);
	service_tables(f, fs, year);
	fputs("<h2>Compliments by service</h2>\n", f);
	compliments_table(f, fs, year);
	fputs("<h2>Self-assessment against the Complaint Handling Code</h2>\n"
	    "<p>The Code's own timescales, whatever the council's policy: "
	    "acknowledge within 5 working days at each stage; answer stage 1 "
	    "within 10 working days of the acknowledgement and stage 2 within "
	    "20; extend by no more than 10 further working days at stage 1 and "
	    "20 at stage 2; stage 2 considered by someone other than the "
	    "stage 1 officer.</p>\n", f);
	self_assessment(f, fs, year);
	fprintf(f, "<h2>Learning and remedies</h2>\n<p>Recorded with the "
	    "responses sent in %d.</p>\n", year);
}

void
html_text(FILE *f, int heading, const char *ref, const char *service,
    int stage, const char *kind, const char *text)
{
	if (heading) {
		fputs(heading > 1 ? "</ul>\n<h3>" : "<h3>", f);
		esc(f, service ? service : "(no service recorded)");
		fputs("</h3>\n<ul>\n", f);
	}
	fputs("<li><strong>", f);
	esc(f, ref);
	fprintf(f, "</strong> (stage %d, %s): ", stage,
	    strcmp(kind, "remedy") == 0 ? "remedy" : "learning");
	esc(f, text);
	fputs("</li>\n", f);
}

void
html_end(FILE *f, int n_texts)
{
	if (n_texts == 0)
		fputs("<p>None recorded.</p>\n", f);
	else
		fputs("</ul>\n", f);
	fputs("</body>\n</html>\n", f);
}
