/*
 * letter_template.c: parsing and filling a letter template (see
 * letter_template.h for the language).
 */
#include <stdlib.h>
#include <string.h>

#include "letter_template.h"

#define TMPL_MAX_DEPTH 16	/* sections inside sections */

void
tmpl_free(struct tmpl *t)
{
	free(t->text);
	free(t->file);
	free(t->tok);
	memset(t, 0, sizeof(*t));
}

static int
add_token(struct tmpl *t, int *cap, enum tmpl_op op, const char *text,
    size_t len, int line, int column, struct cpl_error *err)
{
	struct tmpl_token *k;

	if (op == TMPL_TEXT && len == 0)
		return 0;
	if (t->n_tok == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		if ((k = realloc(t->tok, *cap * sizeof(*k))) == NULL)
			return cpl_nomem(err);
		t->tok = k;
	}
	k = &t->tok[t->n_tok++];
	memset(k, 0, sizeof(*k));
	k->op = op;
	k->text = text;
	k->len = len;
	k->line = line;
	k->column = column;
	return 0;
}

/* The line and column (from 1) of p in text. */
static void
where(const char *text, const char *p, int *line, int *column)
{
	*line = 1;
	*column = 1;
	for (const char *c = text; c < p; c++) {
		if (*c == '\n') {
			(*line)++;
			*column = 1;
		} else if (((unsigned char)*c & 0xC0) != 0x80)
			(*column)++;
	}
}

static int
blanks(const char *a, const char *b)
{
	for (; a < b; a++)
		if (*a != ' ' && *a != '\t')
			return 0;
	return 1;
}

int
tmpl_parse(struct tmpl *t, const char *file, const char *text, size_t len,
    int (*known_element)(const char *name), struct cpl_error *err)
{
	const char *p, *end, *open, *close, *from;
	int cap = 0, depth = 0, line, column, rc;
	struct {
		enum tmpl_op op;
		char name[48];
		int line, column;
	} open_at[TMPL_MAX_DEPTH];

	memset(t, 0, sizeof(*t));
	if ((t->text = malloc(len + 1)) == NULL ||
	    (t->file = strdup(file)) == NULL) {
		tmpl_free(t);
		return cpl_nomem(err);
	}
	memcpy(t->text, text, len);
	t->text[len] = '\0';
	if (memchr(t->text, '\0', len) != NULL) {
		rc = cpl_fail(err, CPL_POLICY, "%s: a template is text, with no "
		    "NUL byte", file);
		goto fail;
	}
	p = from = t->text;
	end = t->text + len;
	while ((open = strstr(p, "{{")) != NULL) {
		const char *word, *line_start, *after, *eol;
		enum tmpl_op op = TMPL_VALUE;
		size_t n;

		where(t->text, open, &line, &column);
		if ((close = strstr(open + 2, "}}")) == NULL ||
		    memchr(open, '\n', close - open) != NULL) {
			rc = cpl_fail(err, CPL_POLICY, "%s:%d:%d: '{{' is not "
			    "closed by '}}' on its line", file, line, column);
			goto fail;
		}
		word = open + 2;
		while (*word == ' ')
			word++;
		if (strncmp(word, "#if ", 4) == 0) {
			op = TMPL_IF;
			word += 4;
		} else if (strncmp(word, "#unless ", 8) == 0) {
			op = TMPL_UNLESS;
			word += 8;
		} else if (strncmp(word, "/if", 3) == 0 ||
		    strncmp(word, "/unless", 7) == 0) {
			op = TMPL_END;
		}
		while (*word == ' ')
			word++;
		n = (size_t)(close - word);
		while (n > 0 && word[n - 1] == ' ')
			n--;
		if (op == TMPL_END) {
			int is_if = strncmp(word, "/if", 3) == 0;

			if (depth == 0 ||
			    is_if != (open_at[depth - 1].op == TMPL_IF) ||
			    n != (is_if ? 3u : 7u)) {
				rc = cpl_fail(err, CPL_POLICY, "%s:%d:%d: '%.*s' "
				    "closes no open {{#%s}}", file, line, column,
				    (int)(close + 2 - open), open,
				    is_if ? "if" : "unless");
				goto fail;
			}
			depth--;
		} else {
			char name[48];

			if (n == 0 || n >= sizeof(name)) {
				rc = cpl_fail(err, CPL_POLICY, "%s:%d:%d: '%.*s' "
				    "names no element", file, line, column,
				    (int)(close + 2 - open), open);
				goto fail;
			}
			memcpy(name, word, n);
			name[n] = '\0';
			if (!known_element(name)) {
				rc = cpl_fail(err, CPL_POLICY, "%s:%d:%d: unknown "
				    "element '%s' (complaints-policy(5), LETTERS, "
				    "lists them)", file, line, column, name);
				goto fail;
			}
			if (op != TMPL_VALUE) {
				if (depth == TMPL_MAX_DEPTH) {
					rc = cpl_fail(err, CPL_POLICY, "%s:%d:%d: "
					    "sections nest %d deep at most", file,
					    line, column, TMPL_MAX_DEPTH);
					goto fail;
				}
				open_at[depth].op = op;
				strcpy(open_at[depth].name, name);
				open_at[depth].line = line;
				open_at[depth].column = column;
				depth++;
			}
		}
		/* A section's tag alone on its line takes the line with it,
		 * so that it leaves no blank line behind. */
		after = close + 2;
		line_start = open;
		while (line_start > from && line_start[-1] != '\n')
			line_start--;
		eol = strchr(after, '\n');
		if (eol == NULL)
			eol = end;
		if (op != TMPL_VALUE && blanks(line_start, open) &&
		    blanks(after, eol) && (line_start == t->text ||
		    line_start[-1] == '\n')) {
			if ((rc = add_token(t, &cap, TMPL_TEXT, from,
			    (size_t)(line_start - from), 0, 0, err)))
				goto fail;
			after = eol < end ? eol + 1 : end;
		} else if ((rc = add_token(t, &cap, TMPL_TEXT, from,
		    (size_t)(open - from), 0, 0, err)))
			goto fail;
		if ((rc = add_token(t, &cap, op, NULL, 0, line, column, err)))
			goto fail;
		if (op != TMPL_END)
			snprintf(t->tok[t->n_tok - 1].name,
			    sizeof(t->tok[0].name), "%.*s", (int)n, word);
		p = from = after;
	}
	if (depth > 0) {
		rc = cpl_fail(err, CPL_POLICY, "%s:%d:%d: {{#%s %s}} is not "
		    "closed", file, open_at[depth - 1].line,
		    open_at[depth - 1].column,
		    open_at[depth - 1].op == TMPL_IF ? "if" : "unless",
		    open_at[depth - 1].name);
		goto fail;
	}
	if ((rc = add_token(t, &cap, TMPL_TEXT, from, (size_t)(end - from), 0,
	    0, err)))
		goto fail;
	return 0;
fail:
	tmpl_free(t);
	return rc;
}

int
tmpl_names(const struct tmpl *t, const char *name)
{
	for (int i = 0; i < t->n_tok; i++)
		if (t->tok[i].op != TMPL_TEXT &&
		    t->tok[i].op != TMPL_END &&
		    strcmp(t->tok[i].name, name) == 0)
			return 1;
	return 0;
}

int
tmpl_produces(const struct tmpl *t, const char *name)
{
	const char *cond[TMPL_MAX_DEPTH];
	int depth = 0;

	for (int i = 0; i < t->n_tok; i++) {
		const struct tmpl_token *k = &t->tok[i];
		int other = 0;

		switch (k->op) {
		case TMPL_IF:
		case TMPL_UNLESS:
			/* {{#unless name}} never shows name's value. */
			cond[depth++] = k->op == TMPL_UNLESS &&
			    strcmp(k->name, name) == 0 ? "" : k->name;
			break;
		case TMPL_END:
			depth--;
			break;
		case TMPL_VALUE:
			if (strcmp(k->name, name) != 0)
				break;
			for (int d = 0; d < depth; d++)
				if (strcmp(cond[d], name) != 0)
					other = 1;
			if (!other)
				return 1;
			break;
		case TMPL_TEXT:
			break;
		}
	}
	return 0;
}

static int
has_value(const struct tmpl_value *v)
{
	return v != NULL && ((v->text != NULL && v->text[0] != '\0') ||
	    v->n_items > 0);
}

/* One value's text: as it is, but for control characters, shown as
 * \xNN (a letter holds none); for CommonMark, escaped (see
 * letter_template.h). indent: what starts each line after the first (a
 * list item's continuation). */
static void
put_value(FILE *f, const char *s, int markdown, const char *indent)
{
	int line_start = 1;

	for (const char *c = s; *c; c++) {
		unsigned char u = (unsigned char)*c;

		if (*c == '\r')
			continue;
		if (*c == '\n') {
			const char *next = c + 1;

			while (*next == ' ' || *next == '\t' || *next == '\r')
				next++;
			/* A line break inside a paragraph is kept as a hard
			 * break; a blank line still ends the paragraph. */
			if (markdown && *next != '\n' && *next != '\0')
				fputc('\\', f);
			fputc('\n', f);
			fputs(indent, f);
			line_start = 1;
			continue;
		}
		if (markdown && line_start && (*c == ' ' || *c == '\t'))
			continue;
		line_start = 0;
		if ((u < 0x20 && *c != '\t') || u == 0x7f) {
			fprintf(f, markdown ? "\\\\x%02x" : "\\x%02x", u);
			continue;
		}
		if (markdown && u < 0x80 && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
		    *c) != NULL)
			fputc('\\', f);
		fputc(*c, f);
	}
}

void
tmpl_render(const struct tmpl *t, tmpl_lookup lookup, void *arg,
    int markdown, FILE *f)
{
	int skip[TMPL_MAX_DEPTH + 1];
	int depth = 0;

	skip[0] = 0;
	for (int i = 0; i < t->n_tok; i++) {
		const struct tmpl_token *k = &t->tok[i];
		const struct tmpl_value *v;

		switch (k->op) {
		case TMPL_TEXT:
			if (!skip[depth])
				fwrite(k->text, 1, k->len, f);
			break;
		case TMPL_IF:
		case TMPL_UNLESS:
			v = lookup(arg, k->name);
			skip[depth + 1] = skip[depth] ||
			    has_value(v) != (k->op == TMPL_IF);
			depth++;
			break;
		case TMPL_END:
			depth--;
			break;
		case TMPL_VALUE:
			if (skip[depth] || (v = lookup(arg, k->name)) == NULL)
				break;
			if (v->text != NULL)
				put_value(f, v->text, markdown, "");
			for (int n = 0; n < v->n_items; n++) {
				fputs(n ? "\n- " : "- ", f);
				put_value(f, v->items[n], markdown, "  ");
			}
			break;
		}
	}
}
