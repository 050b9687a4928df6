/*
 * report_html.c: the annual report as one self-contained HTML page
 * (`complaints report annual --year Y --format html`), for a council's
 * members and the public to read, on screen or printed.
 *
 * Everything is in the one file: the CSS inline in <style>, the charts as
 * inline SVG (complaints a month, % on time a stage, outcomes), no script,
 * font, image or link to anything outside, so a council can publish the
 * page as it is. The page, in order: the council, the period and the day
 * it was produced (provisional before the period's end); the year at a
 * glance; one "answered on time" figure a stage, beside the Complaint
 * Handling Code's where the policy's timescale differs; the year's figures
 * (those zero in both years left out); services; compliments; the
 * recommendations (outstanding actions) and their progress; the Code's
 * self-assessment with the cases that missed; the learning and remedies,
 * each once; and an appendix holding every figure of the CSV output, in a
 * compact table of its own.
 *
 * So that a test can hold the page against the CSV output, every value
 * the body shows names its CSV row and column (complaints-report(1)):
 * data-section, data-group and data-figure on the element showing it or
 * on one around it (the nearest holding each counts: a table, a row, a
 * chart's group), and data-col on the element, or data-cols on its table
 * listing the columns of a row's <td>s in order (a row's label is a <th>;
 * "-" a cell showing no figure); a chart's bar may give its number in
 * data-value. The cases that missed a measure of the self-assessment are
 * a <tbody> naming the measure's figure (data-missed), a case a row. The
 * appendix's rows are a figure's name, then its values in the CSV's
 * order, under a row naming the section and group (data-section,
 * data-group). Its cells leave out their end tags, as HTML allows: the
 * appendix is most of the page's bytes, and a year of 115 cases is about
 * 75 KB in all.
 */
#include <stdio.h>
#include <string.h>

#include "report_holds.h"
#include "report_html.h"
#include "report_code.h"
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

/* --- words --- */

static const char *const month_names[] = {"January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December"};
static const char *const day_names[] = {"Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday"};

#define NO_SERVICE "(no service recorded)"
#define DASH "\xe2\x80\x93"	/* an en dash: nothing to show */

/* "20 November 2026" (with the weekday first: "Friday 20 November 2026"). */
static void
day_words(FILE *f, cpl_date d, int weekday)
{
	int y, m, dd;

	date_ymd(d, &y, &m, &dd);
	if (weekday)
		fprintf(f, "%s ", day_names[date_weekday(d)]);
	fprintf(f, "%d %s %d", dd, month_names[m - 1], y);
}

/* The name of the year that starts in month start of year: "2026", or
 * "2026/27" for one that runs into the next. */
static const char *
year_label(int year, int start, char buf[16])
{
	if (start == 1)
		snprintf(buf, 16, "%d", year % 10000);
	else
		snprintf(buf, 16, "%d/%02d", year % 10000, (year + 1) % 100);
	return buf;
}

/* The period in words: "1 January to 31 December 2026", "1 April 2026 to
 * 31 March 2027". */
static void
period_words(FILE *f, cpl_date from, cpl_date to)
{
	int y1, m1, d1, y2, m2, d2;

	date_ymd(from, &y1, &m1, &d1);
	date_ymd(to, &y2, &m2, &d2);
	if (y1 == y2)
		fprintf(f, "%d %s to %d %s %d", d1, month_names[m1 - 1], d2,
		    month_names[m2 - 1], y2);
	else
		fprintf(f, "%d %s %d to %d %s %d", d1, month_names[m1 - 1], y1,
		    d2, month_names[m2 - 1], y2);
}

/* Labels for people: the figure's name in words, without its stage
 * ("stage1.outcome.upheld" -> "Upheld"), the stage being the heading of
 * the rows it is in. */
static const struct {
	const char *suffix, *label;
} labels[] = {
	{"received", "Cases received, of every kind"},
	{"received.complaint", "Complaints"},
	{"received.comment", "Comments"},
	{"received.compliment", "Compliments"},
	{"received.service-request", "Service requests"},
	{"channel.email", "By email"},
	{"channel.phone", "By phone"},
	{"channel.letter", "By letter"},
	{"channel.web", "Through the website"},
	{"channel.in-person", "In person"},
	{"channel.social", "Through social media"},
	{"channel.other", "By other means"},
	{"channel.unrecorded", "How it came: not recorded"},
	{"overall.resolved_on_time", "Resolved within the policy's overall "
	    "timescale, from receipt"},
	{"opened", "Complaints"},
	{"acknowledged_on_time", "Acknowledged within the policy's timescale"},
	{"responded_on_time", "Answered within the policy's timescale, "
	    "extensions included"},
	{"responded_on_time_without_extension", "Of those not extended, "
	    "answered on time"},
	{"responded_on_time_with_extension", "Of those extended, answered on "
	    "time"},
	{"responded_within_original_timescale", "Answered within the "
	    "policy's timescale, extensions not counted"},
	{"responded", "Answered"},
	{"working_days_to_respond_mean", "Working days to answer (mean)"},
	{"working_days_to_respond_median", "Working days to answer (median)"},
	{"extended", "Extended"},
	{"extensions", "Extensions granted"},
	{"extension_days", "Working days of extension granted"},
	{"escalated", "Taken on to the next stage"},
	{"handled_by_different_person", "Handled by someone other than the "
	    "stage before's officer"},
	{"ombudsman.referred", "Referred to the ombudsman"},
	{"ombudsman.pending", "Not decided yet"},
	{"ombudsman.other", "Another decision"},
};

/* The rest of a figure's name after "stageN.", and N (0: none). */
static const char *
figure_stage(const char *figure, int *stage)
{
	int used = 0;

	*stage = 0;
	if (sscanf(figure, "stage%d.%n", stage, &used) == 1 && used > 0)
		return figure + used;
	*stage = 0;
	return figure;
}

static void
figure_label(const char *figure, char *buf, size_t n)
{
	int stage, reason, i;
	const char *rest = figure_stage(figure, &stage), *p;
	size_t len = 0;

	for (size_t k = 0; k < sizeof(labels) / sizeof(labels[0]); k++)
		if (strcmp(rest, labels[k].suffix) == 0) {
			snprintf(buf, n, "%s", labels[k].label);
			return;
		}
	if (strncmp(rest, "outcome.", 8) == 0 &&
	    (i = word_index(case_outcomes, rest + 8)) >= 0) {
		snprintf(buf, n, "%s", case_outcome_labels[i]);
		goto cap;
	}
	if (strncmp(rest, "ombudsman.", 10) == 0 &&
	    word_index(ombudsman_decisions, rest + 10) >= 0) {
		snprintf(buf, n, "Decided: %s", rest + 10);
		for (char *q = buf; *q; q++)
			if (*q == '-')
				*q = ' ';
		return;
	}
	if (strncmp(rest, "closed.", 7) == 0) {
		const char *cat = strchr(rest + 7, '.');
		char word[64];

		snprintf(word, sizeof(word), "%.*s", cat ? (int)(cat - rest - 7) :
		    (int)sizeof(word) - 1, rest + 7);
		if ((reason = word_index(close_reasons, word)) >= 0 &&
		    close_reason_rules[reason].label != NULL) {
			if (cat == NULL)
				snprintf(buf, n, "%s",
				    close_reason_rules[reason].label);
			else
				snprintf(buf, n, "%s: %s",
				    close_reason_rules[reason].label, cat + 1);
			goto cap;
		}
	}
	/* Words from the name: '_' a space, '.' a colon. */
	for (p = rest; *p && len + 3 < n; p++) {
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

/* --- figures in tables --- */

/* The attributes naming the CSV row of a figure. */
static void
row_attrs(FILE *f, const struct fig *fg)
{
	fputs(" data-section=\"", f);
	esc(f, fg->section);
	fputs("\" data-group=\"", f);
	esc(f, fg->group ? fg->group : "");
	fputs("\" data-figure=\"", f);
	esc(f, fg->figure);
	putc('"', f);
}

/*
 * A table of figures names the CSV columns of its cells once, in
 * data-cols on <table>: a row's <td>s, in order (its label is a <th>),
 * show those columns of the figure its <tr> names; "-" is a cell that
 * shows none.
 */
#define COLS_YEARS "value of percent previous_value previous_of " \
	"previous_percent"

/* One table cell holding a value (a dash when empty). */
static void
cell(FILE *f, const char *v)
{
	fputs("<td>", f);
	esc(f, v ? v : DASH);
	fputs("</td>", f);
}

/* A figure's value, "of" and percentage in period k, as cells. */
static void
cells3(FILE *f, const struct fig *fg, int k)
{
	char b[3][FIG_TEXT];

	cell(f, fig_value(fg, k, b[0]));
	cell(f, fig_of(fg, k, b[1]));
	cell(f, fig_percent(fg, k, b[2]));
}

/* Nothing counted in period k: no value, or 0 of nothing (a measure of
 * time counts its 0 of 5 met; a share its 0 of 113 as none). */
static int
empty_in(const struct fig *fg, int k)
{
	const struct fig_amount *a = &fg->period[k];
	int stage;
	const char *rest = figure_stage(fg->figure, &stage);
	int measure = strstr(rest, "on_time") != NULL ||
	    strstr(rest, "within") != NULL ||
	    strstr(rest, "different_person") != NULL;

	if (!a->set)
		return 1;
	if (fg->decimal)
		return 0;
	return a->count == 0 && (!measure || a->of == 0);
}

static int
empty_both(const struct fig *fg)
{
	return empty_in(fg, 0) && empty_in(fg, 1);
}

/* The two rows of a table's head whose figures have a value, "of" and %
 * a year: the headings of the n_first columns before them, then the
 * years. */
static void
head_years(FILE *f, const char *const *first, int n_first, int year,
    int start)
{
	char y0[16], y1[16];

	fputs("<thead><tr>", f);
	for (int i = 0; i < n_first; i++) {
		fputs("<th rowspan=\"2\">", f);
		esc(f, first[i]);
		fputs("</th>", f);
	}
	fprintf(f, "<th colspan=\"3\" class=\"y\">%s</th>"
	    "<th colspan=\"3\" class=\"y prev\">%s, the year before</th></tr>\n"
	    "<tr><th class=\"n\">Number</th><th class=\"n\">Out of</th>"
	    "<th class=\"n\">%%</th><th class=\"n prev\">Number</th>"
	    "<th class=\"n prev\">Out of</th><th class=\"n prev\">%%</th>"
	    "</tr></thead>\n", year_label(year, start, y0),
	    year_label(year - 1, start, y1));
}

/* The heading of the rows of a figure in the summary, from its name. */
static void
group_heading(const char *figure, char *buf, size_t n)
{
	int stage;
	const char *rest = figure_stage(figure, &stage);

	if (stage > 0)
		snprintf(buf, n, "Stage %d complaints", stage);
	else if (strncmp(rest, "received", 8) == 0 ||
	    strncmp(rest, "channel.", 8) == 0)
		snprintf(buf, n, "Cases received");
	else if (strncmp(rest, "overall.", 8) == 0)
		snprintf(buf, n, "From receipt to resolution");
	else if (strncmp(rest, "closed.", 7) == 0)
		snprintf(buf, n, "Closed without being taken up");
	else if (strncmp(rest, "ombudsman.", 10) == 0)
		snprintf(buf, n, "The ombudsman");
	else
		snprintf(buf, n, "Other figures");
}

/* The year's figures ("all"), under a heading a group of rows, those zero
 * in both years left out; the number left out. */
static int
summary_table(FILE *f, const struct annual_page *pg, const struct figures *fs)
{
	char heading[64] = "", h[64], label[256];
	int left_out = 0, shown = 0;

	fputs("<table class=\"figures\" data-section=\"all\" data-group=\"\" "
	    "data-cols=\"" COLS_YEARS "\">\n", f);
	head_years(f, (const char *const[]){"Figure"}, 1, pg->year,
	    pg->start_month);
	fputs("<tbody>\n", f);
	for (size_t i = 0; i < fs->n; i++) {
		const struct fig *fg = &fs->v[i];

		if (strcmp(fg->section, "all") != 0)
			continue;
		if (empty_both(fg)) {
			left_out++;
			continue;
		}
		shown++;
		group_heading(fg->figure, h, sizeof(h));
		if (strcmp(h, heading) != 0) {
			snprintf(heading, sizeof(heading), "%s", h);
			fputs("<tr class=\"sub\"><th colspan=\"7\">", f);
			esc(f, heading);
			fputs("</th></tr>\n", f);
		}
		figure_label(fg->figure, label, sizeof(label));
		fputs("<tr data-figure=\"", f);
		esc(f, fg->figure);
		fputs("\"><th>", f);
		esc(f, label);
		fputs("</th>", f);
		cells3(f, fg, 0);
		cells3(f, fg, 1);
		fputs("</tr>\n", f);
	}
	if (shown == 0)
		fputs("<tr><td colspan=\"7\" class=\"none\">Nothing recorded in "
		    "either year.</td></tr>\n", f);
	fputs("</tbody>\n</table>\n", f);
	return left_out;
}

/* --- charts --- */

/*
 * Colours: the Okabe-Ito palette, told apart by people with any common
 * kind of colour blindness; no red and green, and no colour that says an
 * outcome is bad. This year is blue, the year before grey.
 */
#define BLUE "#0072b2"
#define SKY "#56b4e9"
#define ORANGE "#e69f00"
#define GREY "#a0a0a0"
#define INK "#0b0c0c"
#define PALE "#f3f2f1"

/* The SVG attributes naming a bar's figure and column, and its value. */
static void
bar_data(FILE *f, const struct fig *fg, const char *col, const char *v)
{
	row_attrs(f, fg);
	fprintf(f, " data-col=\"%s\" data-value=\"", col);
	esc(f, v ? v : "");
	putc('"', f);
}

static void
svg_open(FILE *f, int w, int h, const char *label)
{
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"",
	    w, h, w, h);
	esc(f, label);
	fputs("\" font-size=\"12\">\n", f);
}

/* A legend's key: a square of colour and its words. */
static void
legend(FILE *f, int x, int y, const char *colour, const char *words)
{
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" "
	    "fill=\"%s\"/><text x=\"%d\" y=\"%d\">", x, y, colour, x + 16,
	    y + 10);
	esc(f, words);
	fputs("</text>\n", f);
}

/* Stage 1 complaints a month: this year's bars, the year before's beside
 * them, each with its number. */
static void
chart_months(FILE *f, const struct annual_page *pg, const struct figures *fs)
{
	const struct fig *m[12];
	int n = 0;
	int64_t max = 1;
	const int w = 640, h = 250, left = 10, top = 18, bottom = 44;
	const double plot = h - top - bottom, step = (w - left - 10) / 12.0;
	char y0[16], y1[16], what[64];

	for (size_t i = 0; i < fs->n && n < 12; i++)
		if (strcmp(fs->v[i].section, "month") == 0)
			m[n++] = &fs->v[i];
	for (int i = 0; i < n; i++)
		for (int k = 0; k < 2; k++)
			if (m[i]->period[k].count > max)
				max = m[i]->period[k].count;
	year_label(pg->year, pg->start_month, y0);
	year_label(pg->year - 1, pg->start_month, y1);
	fputs("<figure><figcaption>Stage 1 complaints received each month"
	    "</figcaption>\n", f);
	snprintf(what, sizeof(what), "Stage 1 complaints a month, %s and %s",
	    y0, y1);
	svg_open(f, w, h, what);
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#505a5f\"/>\n<g text-anchor=\"middle\">\n", left,
	    h - bottom, w - 10, h - bottom);
	for (int i = 0; i < n; i++) {
		double x = left + i * step + 3, bw = step / 2 - 3;
		int mm = 0;

		if (m[i]->group != NULL)
			sscanf(m[i]->group + 5, "%d", &mm);
		fputs("<g", f);
		row_attrs(f, m[i]);
		fputs(">\n", f);
		for (int k = 0; k < 2; k++) {
			double bh = plot * (double)m[i]->period[k].count /
			    (double)max;
			double bx = x + (k == 0 ? 0 : bw);
			char v[32];

			snprintf(v, sizeof(v), "%lld",
			    (long long)m[i]->period[k].count);
			/* The bar, and its number above it. */
			fprintf(f, "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" "
			    "height=\"%.0f\" fill=\"%s\"/>", bx, h - bottom - bh,
			    bw, bh, k == 0 ? BLUE : GREY);
			fprintf(f, "<text x=\"%.0f\" y=\"%.0f\" class=\"%s\" "
			    "data-col=\"%s\">%s</text>\n", bx + bw / 2,
			    h - bottom - bh - 3, k ? "v p" : "v", k == 0 ?
			    "value" : "previous_value", v);
		}
		fprintf(f, "<text x=\"%.0f\" y=\"%d\">%.3s</text></g>\n", x + bw,
		    h - bottom + 15, mm >= 1 && mm <= 12 ?
		    month_names[mm - 1] : "?");
	}
	fputs("</g>\n", f);
	legend(f, left, h - 16, BLUE, y0);
	snprintf(what, sizeof(what), "%s, the year before", y1);
	legend(f, left + 90, h - 16, GREY, what);
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

/* % acknowledged and answered on time, a stage: this year's bars, with
 * the year before's percentage in words. */
static void
chart_on_time(FILE *f, const struct annual_page *pg, const struct figures *fs)
{
	static const struct {
		const char *figure, *what, *colour;
	} bars[] = {
		{"acknowledged_on_time", "acknowledged on time", SKY},
		{"responded_on_time", "answered on time", BLUE},
	};
	int stages = last_stage(fs), rows = 0;
	const int w = 640, left = 190, barw = 300, rowh = 28;
	char y0[16], y1[16], what[64];

	year_label(pg->year, pg->start_month, y0);
	year_label(pg->year - 1, pg->start_month, y1);
	fprintf(f, "<figure><figcaption>On time, by the policy's timescales, %s"
	    "</figcaption>\n", y0);
	snprintf(what, sizeof(what), "Percentage on time a stage, %s", y0);
	svg_open(f, w, stages * 2 * rowh + 8, what);
	for (int s = 1; s <= stages; s++)
		for (int b = 0; b < 2; b++, rows++) {
			char name[64], pb[2][FIG_TEXT];
			const struct fig *fg;
			const char *pct, *prev;
			double y = 4 + rows * rowh, len;

			snprintf(name, sizeof(name), "stage%d.%s", s,
			    bars[b].figure);
			if ((fg = fig_find(fs, "all", NULL, name)) == NULL)
				continue;
			pct = fig_percent(fg, 0, pb[0]);
			prev = fig_percent(fg, 1, pb[1]);
			len = pct ? barw * (double)fg->period[0].count /
			    (double)fg->period[0].of : 0;
			fputs("<g", f);
			row_attrs(f, fg);
			fprintf(f, "><text x=\"%d\" y=\"%.1f\" "
			    "text-anchor=\"end\">Stage %d %s</text>\n", left - 8,
			    y + 14, s, bars[b].what);
			fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" "
			    "height=\"20\" fill=\"" PALE "\"/>\n", left, y, barw);
			fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" "
			    "height=\"20\" fill=\"%s\" data-col=\"percent\" "
			    "data-value=\"%s\"/>", left, y, len, bars[b].colour,
			    pct ? pct : "");
			fprintf(f, "<text x=\"%d\" y=\"%.1f\" "
			    "font-weight=\"bold\">%s%s</text>", left + barw + 8,
			    y + 14, pct ? pct : "none due", pct ? "%" : "");
			fprintf(f, "<text x=\"%d\" y=\"%.1f\" fill=\"#505a5f\">"
			    "%s: <tspan data-col=\"previous_percent\">%s</tspan>"
			    "%s</text></g>\n", left + barw + 72, y + 14, y1,
			    prev ? prev : DASH, prev ? "%" : "");
		}
	fputs("</svg></figure>\n", f);
}

/* Outcomes a stage, this year: one bar a stage, its parts labelled. */
static void
chart_outcomes(FILE *f, const struct annual_page *pg, const struct figures *fs)
{
	/* Three colours of one palette, none of them a verdict. */
	static const char *const colour[N_OUTCOMES] = {
		[OUTCOME_UPHELD] = BLUE,
		[OUTCOME_PARTLY_UPHELD] = SKY,
		[OUTCOME_NOT_UPHELD] = ORANGE,
	};
	static const char *const ink[N_OUTCOMES] = {
		[OUTCOME_UPHELD] = "#fff",
		[OUTCOME_PARTLY_UPHELD] = INK,
		[OUTCOME_NOT_UPHELD] = INK,
	};
	int stages = last_stage(fs);
	const int w = 640, left = 70, barw = 540, rowh = 30;
	const int h = stages * rowh + 30;
	char y0[16], what[64];

	year_label(pg->year, pg->start_month, y0);
	fprintf(f, "<figure><figcaption>Outcomes of the responses, %s"
	    "</figcaption>\n", y0);
	snprintf(what, sizeof(what), "Outcomes a stage, %s", y0);
	svg_open(f, w, h, what);
	for (int s = 1; s <= stages; s++) {
		double x = left, y = 4 + (s - 1) * rowh;
		int64_t total = 0;
		const struct fig *fg[N_OUTCOMES];

		for (int i = 0; i < N_OUTCOMES; i++) {
			char name[64];

			snprintf(name, sizeof(name), "stage%d.outcome.%s", s,
			    case_outcomes[i]);
			fg[i] = fig_find(fs, "all", NULL, name);
			total += fg[i] ? fg[i]->period[0].count : 0;
		}
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">"
		    "Stage %d</text>\n", left - 8, y + 15, s);
		fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"22\" "
		    "fill=\"" PALE "\"/>\n", left, y, barw);
		for (int i = 0; i < N_OUTCOMES; i++) {
			double len;
			char v[32];

			if (fg[i] == NULL || total == 0 ||
			    fg[i]->period[0].count == 0)
				continue;
			len = barw * (double)fg[i]->period[0].count /
			    (double)total;
			snprintf(v, sizeof(v), "%lld",
			    (long long)fg[i]->period[0].count);
			fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			    "height=\"22\" fill=\"%s\"", x, y, len, colour[i]);
			bar_data(f, fg[i], "value", v);
			fputs("/>", f);
			fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" "
			    "text-anchor=\"middle\">%s</text>\n", x + len / 2,
			    y + 15, ink[i], v);
			x += len;
		}
		if (total == 0)
			fprintf(f, "<text x=\"%d\" y=\"%.1f\">no responses"
			    "</text>\n", left + 8, y + 15);
	}
	for (int i = 0; i < N_OUTCOMES; i++)
		legend(f, left + i * 130, h - 16, colour[i],
		    case_outcome_labels[i]);
	fputs("</svg></figure>\n", f);
}

/* --- the sections --- */

/* The headline numbers, this year and the year before. */
static void
glance(FILE *f, const struct annual_page *pg, const struct figures *fs)
{
	static const struct {
		const char *figure, *words;
	} cards[] = {
		{"received", "cases received"},
		{"stage1.opened", "stage 1 complaints"},
		{"stage2.opened", "stage 2 complaints"},
		{"received.compliment", "compliments"},
	};
	char y1[16], b[2][FIG_TEXT];

	year_label(pg->year - 1, pg->start_month, y1);
	fputs("<div class=\"cards\">\n", f);
	for (size_t i = 0; i < sizeof(cards) / sizeof(cards[0]); i++) {
		const struct fig *fg = fig_find(fs, "all", NULL, cards[i].figure);
		const char *v, *p;

		if (fg == NULL)
			continue;
		v = fig_value(fg, 0, b[0]);
		p = fig_value(fg, 1, b[1]);
		fputs("<p class=\"card\"", f);
		row_attrs(f, fg);
		fprintf(f, "><b data-col=\"value\">%s</b> %s<br><span>%s: "
		    "<span data-col=\"previous_value\">%s</span></span></p>\n",
		    v ? v : DASH, cards[i].words, y1, p ? p : DASH);
	}
	fputs("</div>\n", f);
}

/* The self-assessment's figure of that name, whatever the Code's
 * paragraph it is grouped by. */
static const struct fig *
code_figure(const struct figures *fs, const char *name)
{
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].section, "self-assessment") == 0 &&
		    strcmp(fs->v[i].figure, name) == 0)
			return &fs->v[i];
	return NULL;
}

/* The Code's response timescale at stage (it counts from the
 * acknowledgement). */
static int
code_days(const struct annual_page *pg, int stage)
{
	return pg->code->respond[stage > 1 ? 1 : 0];
}

/* Does any policy's response timescale at stage differ from the Code's?
 * *n: how many timescales the stage has. */
static int
differs(const struct annual_page *pg, int stage, int *n)
{
	int d = 0;

	*n = 0;
	for (int i = 0; i < pg->n_timescales; i++) {
		const struct stage_timescale *t = &pg->timescales[i];

		if (t->stage != stage)
			continue;
		(*n)++;
		if (!t->set || t->days != code_days(pg, stage) || !t->from_ack)
			d = 1;
	}
	return d || *n == 0;
}

/* What a timescale counts from, in words. */
static const char *
counts_from(int stage, int from_ack)
{
	if (from_ack)
		return "the acknowledgement";
	return stage == 1 ? "the day the complaint was received" :
	    "the day the complainant asked for it";
}

/* The policies' response timescales at stage, in words. */
static void
policy_timescales(FILE *f, const struct annual_page *pg, int stage, int n)
{
	int k = 0;

	for (int i = 0; i < pg->n_timescales; i++) {
		const struct stage_timescale *t = &pg->timescales[i];

		if (t->stage != stage)
			continue;
		if (k++ > 0)
			fputs(";<br>", f);
		if (t->set)
			fprintf(f, "%d working days from %s", t->days,
			    counts_from(stage, t->from_ack));
		else
			fputs("none set", f);
		if (n > 1) {
			fputs(" (", f);
			esc(f, t->policies);
			putc(')', f);
		}
	}
	fputs(k ? "; plus any extension granted" : "none set", f);
}

/* One row of the on-time table: the figure fg (may be NULL) measured by
 * the policy or the Code (by), under its stage's cell (rows > 0: this row
 * starts the stage, spanning rows). */
static void
on_time_row(FILE *f, const struct annual_page *pg, int stage, int rows,
    int code, int n, const struct fig *fg)
{
	fputs("<tr", f);
	if (fg != NULL)
		row_attrs(f, fg);
	putc('>', f);
	if (rows > 0)
		fprintf(f, "<th rowspan=\"%d\">Stage %d</th>", rows, stage);
	fprintf(f, "<th>%s</th><td class=\"def\">", code ? "The Code" :
	    n > 1 ? "The policies" : "The policy");
	if (code)
		fprintf(f, "%d working days from the acknowledgement (from the "
		    "day the stage opened where there was none); no extension "
		    "counted", code_days(pg, stage));
	else
		policy_timescales(f, pg, stage, n);
	fputs("</td>", f);
	if (fg == NULL) {
		fputs("<td colspan=\"6\">" DASH "</td></tr>\n", f);
		return;
	}
	cells3(f, fg, 0);
	cells3(f, fg, 1);
	fputs("</tr>\n", f);
}

/* One "answered on time" figure a stage, by the policy's timescale with
 * the timescale beside it; the Code's in the next row where the two
 * timescales differ, and why. */
static void
on_time(FILE *f, const struct annual_page *pg, const struct figures *fs)
{
	static const char *const head[] = {"Stage", "By", "Timescale"};
	int stages = last_stage(fs);

	fputs("<h2 id=\"on-time\">Answered on time</h2>\n<p>One figure a stage: "
	    "the complaints answered by their deadline, out of those answered "
	    "or whose deadline has passed, with the timescale it measures "
	    "beside it.</p>\n<table class=\"figures ontime\" data-cols=\"- "
	    COLS_YEARS "\">\n", f);
	head_years(f, head, 3, pg->year, pg->start_month);
	fputs("<tbody>\n", f);
	for (int s = 1; s <= stages; s++) {
		char name[128];
		const struct fig *pf, *cf;
		int n, both;

		snprintf(name, sizeof(name), "stage%d.responded_on_time", s);
		pf = fig_find(fs, "all", NULL, name);
		snprintf(name, sizeof(name), "stage%d.answered_within_%d_"
		    "working_days_of_acknowledgement", s, code_days(pg, s));
		cf = code_figure(fs, name);
		both = differs(pg, s, &n) && cf != NULL;
		on_time_row(f, pg, s, both ? 2 : 1, 0, n, pf);
		if (both)
			on_time_row(f, pg, s, 0, 1, n, cf);
	}
	fputs("</tbody>\n</table>\n", f);
	for (int s = 1; s <= stages; s++) {
		int n, some_start = 0, some_days = 0;

		if (!differs(pg, s, &n) || n == 0)
			continue;
		for (int i = 0; i < pg->n_timescales; i++) {
			const struct stage_timescale *t = &pg->timescales[i];

			if (t->stage != s || !t->set)
				continue;
			some_start |= !t->from_ack;
			some_days |= t->days != code_days(pg, s);
		}
		fprintf(f, "<p class=\"why\">Why the two differ at stage %d: ",
		    s);
		if (some_start)
			fprintf(f, "%s from %s, the Code from the "
			    "acknowledgement, which may come up to %d working "
			    "days later; ", n > 1 ?
			    "some of the policies count their days" :
			    "the policy counts its days", counts_from(s, 0),
			    pg->code->ack);
		if (some_days)
			fprintf(f, "%s a number of working days other than the "
			    "Code's %d; ", n > 1 ? "some give" : "it gives",
			    code_days(pg, s));
		fputs("and the policy's figure counts a deadline as extended "
		    "where an extension was granted, the Code's its timescale "
		    "alone. So a complaint may be on time by one and late by "
		    "the other.</p>\n", f);
	}
	report_holds_html(f, fs);
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

/* Services, in the order of the "service" section: a few figures a
 * service, this year and the year before. */
static void
service_table(FILE *f, const struct annual_page *pg, const struct figures *fs)
{
	static const struct {
		const char *figure, *head;
		int pct;
	} key[] = {
		{"stage1.opened", "Stage 1 complaints", 0},
		{"stage2.opened", "Stage 2 complaints", 0},
		{"stage1.responded_on_time", "Stage 1 on time (%)", 1},
		{"stage2.responded_on_time", "Stage 2 on time (%)", 1},
		{"stage1.outcome.upheld", "Stage 1 upheld (%)", 1},
		{"stage1.outcome.partly-upheld", "Stage 1 partly upheld (%)", 1},
	};
	const size_t n_key = sizeof(key) / sizeof(key[0]);
	const struct fig *fg = NULL;
	char y0[16], y1[16];
	size_t i = 0;
	int shown = 0, left_out = 0;

	year_label(pg->year, pg->start_month, y0);
	year_label(pg->year - 1, pg->start_month, y1);
	fputs("<table class=\"services\">\n<thead><tr><th rowspan=\"2\">"
	    "Service</th>", f);
	for (size_t k = 0; k < n_key; k++)
		fprintf(f, "<th colspan=\"2\" class=\"y\">%s</th>", key[k].head);
	fputs("</tr>\n<tr>", f);
	for (size_t k = 0; k < n_key; k++)
		fprintf(f, "<th class=\"n\">%s</th><th class=\"n prev\">%s</th>",
		    y0, y1);
	fputs("</tr></thead>\n<tbody>\n", f);
	while ((fg = next_service(fs, &i, fg)) != NULL) {
		const struct fig *kf[sizeof(key) / sizeof(key[0])];
		int any = 0;

		for (size_t k = 0; k < n_key; k++) {
			kf[k] = fig_find(fs, "service", fg->group, key[k].figure);
			any |= kf[k] != NULL && !empty_both(kf[k]);
		}
		if (!any) {
			left_out++;
			continue;
		}
		shown++;
		fputs("<tr data-section=\"service\" data-group=\"", f);
		esc(f, fg->group ? fg->group : "");
		fputs("\"><th>", f);
		esc(f, fg->group ? fg->group : NO_SERVICE);
		fputs("</th>", f);
		for (size_t k = 0; k < n_key; k++) {
			char b[2][FIG_TEXT];

			if (kf[k] == NULL) {
				fputs("<td></td><td></td>", f);
				continue;
			}
			/* Each cell names its own figure: the row has six. */
			for (int y = 0; y < 2; y++) {
				const char *v = key[k].pct ?
				    fig_percent(kf[k], y, b[y]) :
				    fig_value(kf[k], y, b[y]);

				fputs("<td data-figure=\"", f);
				esc(f, kf[k]->figure);
				fprintf(f, "\" data-col=\"%s%s\">",
				    y ? "previous_" : "",
				    key[k].pct ? "percent" : "value");
				esc(f, v ? v : DASH);
				fputs("</td>", f);
			}
		}
		fputs("</tr>\n", f);
	}
	if (shown == 0)
		fprintf(f, "<tr><td colspan=\"%d\" class=\"none\">No complaints "
		    "recorded.</td></tr>\n", (int)(1 + 2 * n_key));
	fputs("</tbody>\n</table>\n<p class=\"note\">On time: answered within "
	    "the policy's timescale, extensions included, of the responses "
	    "due. Upheld and partly upheld: of the stage's responses. A dash: "
	    "nothing to count.", f);
	if (left_out)
		fprintf(f, " %d service%s with no complaint in either year %s "
		    "left out.", left_out, left_out == 1 ? "" : "s",
		    left_out == 1 ? "is" : "are");
	fputs(" The appendix has every figure of each service.</p>\n", f);
}

static void
compliments_table(FILE *f, const struct annual_page *pg,
    const struct figures *fs)
{
	char y0[16], y1[16];
	int any = 0;

	fprintf(f, "<table class=\"narrow\" data-cols=\"value previous_value\">"
	    "\n<thead><tr><th>Service</th>"
	    "<th class=\"n\">%s</th><th class=\"n prev\">%s, the year before"
	    "</th></tr></thead>\n<tbody>\n",
	    year_label(pg->year, pg->start_month, y0),
	    year_label(pg->year - 1, pg->start_month, y1));
	for (size_t i = 0; i < fs->n; i++) {
		const struct fig *fg = &fs->v[i];
		char b[2][FIG_TEXT];

		if (strcmp(fg->section, "compliments") != 0)
			continue;
		any = 1;
		fputs("<tr", f);
		row_attrs(f, fg);
		fputs("><th>", f);
		esc(f, fg->group ? fg->group : NO_SERVICE);
		fputs("</th>", f);
		cell(f, fig_value(fg, 0, b[0]));
		cell(f, fig_value(fg, 1, b[1]));
		fputs("</tr>\n", f);
	}
	if (!any)
		fputs("<tr><td colspan=\"3\" class=\"none\">No compliments "
		    "recorded.</td></tr>\n", f);
	fputs("</tbody>\n</table>\n", f);
}

/*
 * The outstanding actions undertaken in each year and how far they got
 * (lib/report_actions.c; seed 002 §4: "a summary of recommendations ...
 * including progress on implementing them"), each as it stood at the end
 * of its year.
 */
static void
recommendations_table(FILE *f, const struct annual_page *pg,
    const struct figures *fs)
{
	static const struct {
		const char *figure, *label;
	} rows[] = {
		{"recommendations.made", "Actions undertaken"},
		{"recommendations.done_on_time", "Done by the day due"},
		{"recommendations.done_late", "Done after the day due"},
		{"recommendations.still_open", "Still open"},
	};

	fputs("<p>The actions the council undertook in its responses "
	    "(<code>complaints action</code>) in each year, and where each "
	    "stood at the end of that year.</p>\n<table class=\"figures\" "
	    "data-section=\"recommendations\" data-group=\"\" data-cols=\""
	    COLS_YEARS "\">\n", f);
	head_years(f, (const char *const[]){"Actions"}, 1, pg->year,
	    pg->start_month);
	fputs("<tbody>\n", f);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct fig *fg = fig_find(fs, "recommendations", NULL,
		    rows[i].figure);

		if (fg == NULL)
			continue;
		fputs("<tr data-figure=\"", f);
		esc(f, fg->figure);
		fputs("\"><th>", f);
		esc(f, rows[i].label);
		fputs("</th>", f);
		cells3(f, fg, 0);
		cells3(f, fg, 1);
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
}

/* What a self-assessment figure measures, short, for the cases that
 * missed it. */
static void
missed_words(const struct fig *fg, char *buf, size_t n)
{
	int stage, days = 0;
	const char *rest = figure_stage(fg->figure, &stage);

	if (sscanf(rest, "acknowledged_within_%d", &days) == 1)
		snprintf(buf, n, "Stage %d acknowledgement (%d working days)",
		    stage, days);
	else if (sscanf(rest, "answered_within_%d", &days) == 1)
		snprintf(buf, n, "Stage %d response (%d working days)", stage,
		    days);
	else if (sscanf(rest, "extended_by_no_more_than_%d", &days) == 1)
		snprintf(buf, n, "Stage %d extended by more than %d working "
		    "days", stage, days);
	else if (strcmp(rest, "handled_by_different_person") == 0)
		snprintf(buf, n, "Stage %d by the stage before's officer", stage);
	else
		figure_label(fg->figure, buf, n);
}

/* One case that missed, a row. */
static int
missed_row(const struct fig_case *c, void *arg)
{
	FILE *f = arg;

	fputs("<tr><td>", f);
	esc(f, c->ref);
	fputs("</td><td>", f);
	esc(f, c->service ? c->service : NO_SERVICE);
	if (c->late >= 0)
		fprintf(f, "</td><td class=\"n\">%d</td></tr>\n", c->late);
	else
		fputs("</td><td class=\"n\">" DASH "</td></tr>\n", f);
	return 0;
}

static int
self_assessment(FILE *f, const struct annual_page *pg,
    const struct figures *fs)
{
	char y1[16], label[256];
	int64_t missed = 0;

	fprintf(f, "<table class=\"narrow\" data-cols=\"value of percent "
	    "previous_percent\">\n<thead><tr><th>Measure</th>"
	    "<th class=\"n\">Met</th><th class=\"n\">Out of</th>"
	    "<th class=\"n\">%%</th><th class=\"n prev\">%% in %s, the year "
	    "before</th></tr></thead>\n<tbody>\n",
	    year_label(pg->year - 1, pg->start_month, y1));
	for (size_t i = 0; i < fs->n; i++) {
		const struct fig *fg = &fs->v[i];
		char b[FIG_TEXT];
		int stage;

		if (strcmp(fg->section, "self-assessment") != 0)
			continue;
		missed += fg->n_missed;
		figure_label(fg->figure, label, sizeof(label));
		figure_stage(fg->figure, &stage);
		fputs("<tr", f);
		row_attrs(f, fg);
		fprintf(f, "><th>Stage %d: ", stage);
		esc(f, label);
		if (fg->group != NULL) {
			fputs(" (Code &sect;", f);
			esc(f, fg->group);
			fputs(")", f);
		}
		fputs("</th>", f);
		cells3(f, fg, 0);
		cell(f, fig_percent(fg, 1, b));
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n<h3>Cases that missed</h3>\n", f);
	if (missed == 0) {
		fputs("<p>None.</p>\n", f);
		return 0;
	}
	/* A <tbody> a measure, naming its figure (data-missed); a case a
	 * row. */
	fputs("<table class=\"narrow missed\">\n<thead><tr><th>Case</th>"
	    "<th>Service</th><th class=\"n\">Working days late</th></tr>"
	    "</thead>\n", f);
	for (size_t i = 0; i < fs->n; i++) {
		const struct fig *fg = &fs->v[i];
		int rc;

		if (strcmp(fg->section, "self-assessment") != 0 ||
		    fg->n_missed == 0)
			continue;
		missed_words(fg, label, sizeof(label));
		fputs("<tbody data-missed=\"", f);
		esc(f, fg->figure);
		fputs("\"><tr class=\"sub\"><th colspan=\"3\">", f);
		esc(f, label);
		fprintf(f, ": %lld</th></tr>\n", (long long)fg->n_missed);
		/* Read as they are written: the list is never held. */
		if ((rc = pg->missed(pg->missed_arg, fg, missed_row, f)))
			return rc;
		fputs("</tbody>\n", f);
	}
	fputs("</table>\n<p class=\"note\">Working days late: from "
	    "the Code's deadline to the day the stage was acknowledged or "
	    "answered, or to today (or the day the case was closed) where it "
	    "was not; 0 when it was done on the day off after the deadline. "
	    "For an extension, its working days beyond the Code's limit."
	    "</p>\n", f);
	return 0;
}

static const char style[] =
    "<style>\n"
    "body{font-family:Arial,Helvetica,sans-serif;color:" INK ";"
    "background:#fff;max-width:62rem;margin:1.5rem auto;padding:0 1rem;"
    "line-height:1.4}\n"
    "h1{font-size:1.9rem;margin:.2rem 0 .4rem}\n"
    "h2{border-top:4px solid " BLUE ";padding-top:.5rem;margin-top:2.2rem}\n"
    "h3{margin:1.2rem 0 .3rem}\n"
    ".lead{font-size:1.1rem}\n"
    ".provisional{border-left:6px solid " ORANGE ";background:#fdf3dc;"
    "padding:.5rem .8rem}\n"
    "nav ol{columns:2;padding-left:1.2rem}\n"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0 .8rem;"
    "font-size:.9rem}\n"
    "table.narrow{width:auto;min-width:60%}\n"
    "th,td{border-bottom:1px solid #b1b4b6;padding:.25rem .45rem;"
    "text-align:left;vertical-align:top}\n"
    "thead th{background:" PALE ";vertical-align:bottom}\n"
    "tbody th{font-weight:normal}\n"    "table.ontime tbody th{white-space:nowrap}\n"
    "th.y{text-align:center;border-bottom:2px solid " BLUE "}\n"
    "th.y.prev{border-bottom-color:" GREY "}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    "table[data-cols] td,td[data-col]{text-align:right;"
    "font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "table[data-cols] td.none{text-align:left}\n"
    "table[data-cols] td.def{text-align:left;white-space:normal;"
    "color:#505a5f;font-size:.85rem;min-width:14rem}\n"
    "th.prev{color:#505a5f}\n"
    "tr.sub th{background:#fff;font-weight:bold;padding-top:.8rem}\n"

    "table.services th.y{font-size:.8rem;font-weight:bold}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}\n"
    ".card{margin:0;padding:.6rem 1rem;background:" PALE ";min-width:10rem}"
    "\n.card b{display:block;font-size:2rem}.card span{color:#505a5f}\n"
    ".charts{display:flex;flex-wrap:wrap;gap:1.2rem}\n"
    "figure{margin:0}figcaption{font-weight:bold;margin:.4rem 0}\n"
    ".note,.why{font-size:.85rem;color:#505a5f}\n"
    ".why{color:" INK "}\n"
    "details{margin:.5rem 0}summary{cursor:pointer;font-weight:bold}\n"
    "code{white-space:nowrap}\n"
    "table.csv{font-size:.75rem;width:auto}\n"
    "table.csv td{padding:.05rem .4rem;border:0}\n"
    "table.csv tr.g th{padding-top:.5rem}\n"
    "svg .v{font-size:10px}svg .p{fill:#505a5f}\n"
    "@page{margin:1.5cm}\n"
    "@media print{body{max-width:none;margin:0;font-size:10pt}"
    "nav{display:none}"
    "h2,h3{break-after:avoid}tr,figure{break-inside:avoid}}\n"
    "</style>\n";

int
html_begin(FILE *f, const struct annual_page *pg, const struct figures *fs)
{
	char y0[16], y1[16], title[512];
	int left_out, rc;

	year_label(pg->year, pg->start_month, y0);
	year_label(pg->year - 1, pg->start_month, y1);
	if (pg->council != NULL)
		snprintf(title, sizeof(title), "%s: complaints annual report %s",
		    pg->council, y0);
	else
		snprintf(title, sizeof(title), "Complaints annual report %s", y0);
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>", f);
	esc(f, title);
	fputs("</title>\n", f);
	fputs(style, f);
	fputs("</head>\n<body>\n<header>\n<h1>", f);
	esc(f, title);
	fputs("</h1>\n<p class=\"lead\">", f);
	period_words(f, pg->from, pg->to);
	if (pg->start_month == 4)
		fprintf(f, ": the financial year %s", y0);
	else if (pg->start_month != 1)
		fprintf(f, ": the reporting year %s, from %s", y0,
		    month_names[pg->start_month - 1]);
	fputs(". Produced on ", f);
	day_words(f, pg->today, 1);
	fputs(".</p>\n", f);
	if (pg->today <= pg->to) {
		fputs("<p class=\"provisional\"><strong>Provisional.</strong> "
		    "The year ends on ", f);
		day_words(f, pg->to, 0);
		fputs(": until then its figures are incomplete, and they will "
		    "change.</p>\n", f);
	}
	fputs("</header>\n", f);
	fprintf(f, "<p>The comments, compliments and complaints received in %s, "
	    "with %s, the year before, beside them. A stage counts in the year "
	    "it opened (stage 1: the day the complaint was received; a later "
	    "stage: the day the complainant asked for it). Timescales are in "
	    "working days: weekends, bank holidays and the council's closure "
	    "days do not count.</p>\n", y0, y1);
	fputs("<nav><ol><li><a href=\"#glance\">At a glance</a></li>"
	    "<li><a href=\"#on-time\">Answered on time</a></li>"
	    "<li><a href=\"#summary\">The year's figures</a></li>"
	    "<li><a href=\"#services\">By service</a></li>"
	    "<li><a href=\"#compliments\">Compliments by service</a></li>"
	    "<li><a href=\"#recommendations\">Recommendations and their "
	    "progress</a></li>"
	    "<li><a href=\"#code\">Self-assessment against the Code</a></li>"
	    "<li><a href=\"#learning\">Learning and remedies</a></li>"
	    "<li><a href=\"#every-figure\">Appendix: every figure</a></li>"
	    "</ol></nav>\n", f);
	fputs("<h2 id=\"glance\">At a glance</h2>\n", f);
	glance(f, pg, fs);
	fputs("<div class=\"charts\">\n", f);
	chart_months(f, pg, fs);
	chart_on_time(f, pg, fs);
	chart_outcomes(f, pg, fs);
	fputs("</div>\n", f);
	on_time(f, pg, fs);
	fprintf(f, "<h2 id=\"summary\">The year's figures</h2>\n");
	left_out = summary_table(f, pg, fs);
	fputs("<p class=\"note\">Out of: what a number is counted out of (the "
	    "cases received, the stages opened, the responses due); % is the "
	    "number as a share of it.", f);
	if (left_out)
		fprintf(f, " %d figure%s zero in both years %s left out.",
		    left_out, left_out == 1 ? "" : "s", left_out == 1 ? "is" :
		    "are");
	fputs(" Every figure is in the <a href=\"#every-figure\">appendix</a>."
	    "</p>\n", f);
	fputs("<h2 id=\"services\">By service</h2>\n", f);
	service_table(f, pg, fs);
	fputs("<h2 id=\"compliments\">Compliments by service</h2>\n", f);
	compliments_table(f, pg, fs);
	fputs("<h2 id=\"recommendations\">Recommendations and their "
	    "progress</h2>\n", f);
	recommendations_table(f, pg, fs);
	fprintf(f, "<h2 id=\"code\">Self-assessment against the Complaint "
	    "Handling Code</h2>\n<p>By the Code's own timescales, whatever the "
	    "council's policy: acknowledge within %d working days at each "
	    "stage; answer stage 1 within %d working days of the "
	    "acknowledgement and stage 2 within %d; extend by no more than %d "
	    "further working days at stage 1 and %d at stage 2; stage 2 "
	    "considered by someone other than the stage 1 officer.</p>\n",
	    pg->code->ack, pg->code->respond[0], pg->code->respond[1],
	    pg->code->respond[0], pg->code->respond[1]);
	if ((rc = self_assessment(f, pg, fs)))
		return rc;
	fputs("<h2 id=\"learning\">Learning and remedies</h2>\n<p>Recorded "
	    "with the responses sent from ", f);
	period_words(f, pg->from, pg->to);
	fputs(": each once, with the number of complaints and of services it "
	    "came from, the most frequent first.</p>\n", f);
	return 0;
}

void
html_lesson(FILE *f, struct lessons_html *l, const struct lesson_row *r)
{
	int kind = strcmp(r->kind, "learning") == 0 ? 1 : 2;

	if (!r->first) {
		fputs(", ", f);
		esc(f, r->service ? r->service : NO_SERVICE);
		return;
	}
	if (l->n > 0)
		fputs("</td></tr>\n", f);
	if (kind != l->kind) {
		if (l->kind != 0)
			fputs("</tbody>\n</table>\n", f);
		fprintf(f, "<h3>%s</h3>\n<table class=\"lessons\">\n<thead><tr>"
		    "<th>%s</th><th class=\"n\">Complaints</th><th>Services</th>"
		    "</tr></thead>\n<tbody>\n", kind == 1 ? "Learning" :
		    "Remedies", kind == 1 ? "What the council learnt" :
		    "What the complainant was given");
		l->kind = kind;
	}
	l->n++;
	fputs("<tr><td>", f);
	esc(f, r->text);
	fprintf(f, "</td><td class=\"n\">%lld</td><td>%lld: ",
	    (long long)r->cases, (long long)r->services);
	esc(f, r->service ? r->service : NO_SERVICE);
}

/* The appendix: every figure of the CSV output, in its order, zeros
 * included; a row a figure under a row naming its section and group. */
static void
appendix(FILE *f, const struct figures *fs)
{
	const char *section = NULL, *group = NULL;
	size_t n = fs->n;

	fprintf(f, "<h2 id=\"every-figure\">Appendix: every figure</h2>\n<p>"
	    "The %zu figures of the report as its CSV output gives them "
	    "(<code>complaints report annual --format csv</code>), under "
	    "their names in <code>complaints-report(1)</code>, zeros "
	    "included.</p>\n"
	    "<details><summary>Show the %zu figures</summary>\n"
	    "<table class=\"csv\" id=\"figures\">\n<thead><tr><th>figure</th>"
	    "<th class=\"n\">value</th><th class=\"n\">of</th>"
	    "<th class=\"n\">percent</th><th class=\"n\">previous_value</th>"
	    "<th class=\"n\">previous_of</th><th class=\"n\">previous_percent"
	    "</th></tr></thead>\n<tbody>\n", n, n);
	for (size_t i = 0; i < fs->n; i++) {
		const struct fig *fg = &fs->v[i];
		const char *g = fg->group ? fg->group : "";
		char b[6][FIG_TEXT];
		const char *v[6] = {fig_value(fg, 0, b[0]), fig_of(fg, 0, b[1]),
		    fig_percent(fg, 0, b[2]), fig_value(fg, 1, b[3]),
		    fig_of(fg, 1, b[4]), fig_percent(fg, 1, b[5])};

		if (section == NULL || strcmp(section, fg->section) != 0 ||
		    strcmp(group, g) != 0) {
			section = fg->section;
			group = g;
			fputs("<tr class=\"g\" data-section=\"", f);
			esc(f, section);
			fputs("\" data-group=\"", f);
			esc(f, group);
			fputs("\"><th colspan=\"7\">", f);
			esc(f, section);
			if (*group) {
				fputs(": ", f);
				esc(f, group);
			}
			fputs("</th></tr>\n", f);
		}
		/* Cells without their end tags, which HTML does not need:
		 * the appendix is the bulk of the page. */
		fputs("<tr><td>", f);
		esc(f, fg->figure);
		for (int k = 0; k < 6; k++) {
			fputs("<td>", f);
			esc(f, v[k]);
		}
		putc('\n', f);
	}
	fputs("</tbody>\n</table>\n</details>\n", f);
}

void
html_end(FILE *f, const struct annual_page *pg, const struct figures *fs,
    const struct lessons_html *l)
{
	if (l->n == 0)
		fputs("<p>None recorded.</p>\n", f);
	else
		fputs("</td></tr>\n</tbody>\n</table>\n", f);
	if (pg->letter != NULL)
		html_code_sections(f, fs, pg->letter);
	appendix(f, fs);
	fputs("<footer><p class=\"note\">Produced on ", f);
	day_words(f, pg->today, 1);
	fputs(" by complaints from the cases it records. The figures and "
	    "their names are described in <code>complaints-report(1)</code>."
	    "</p></footer>\n"
	    "</body>\n</html>\n", f);
}
