/*
 * completion.c: complaints completion bash|zsh: the shell script that
 * completes complaints' commands, sub-words, options, the words an option
 * takes, policy ids and case references; and the two look-ups the script
 * makes as it completes (refs, policies).
 *
 * The script is written from the table of commands and each command's
 * usage text (the SYNOPSIS of its manual page, which t0450 holds to its
 * --help), so it completes what the binary accepts and cannot drift from
 * it. A usage line is "complaints VERB [SUB-WORD] WORDS...": a sub-word
 * is a lowercase word right after the command; "--opt" is an option,
 * taking the word after it as its value unless a bracket closes after it
 * ("[--all]") or the next word starts a group, an alternative or another
 * option; a word of capitals is an operand ("REF"), and "a|b" an operand
 * or value that is one of those words.
 *
 * The script is plain sh with one function a shell (bash's COMPREPLY and
 * compgen, zsh's compadd and _files) to offer what the shared function
 * _complaints_what decided: words (_cpl_list), case references, policy
 * ids, files, directories, or nothing (free text, a date, a number).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/completion.h"
#include "../lib/policy_files.h"

const char usage_completion[] = "complaints completion bash|zsh\n"
    "complaints completion refs|policies [PREFIX]";

#define MAX_WORDS 64
#define WORD_LEN 64

/* A usage line's word, its brackets taken off. */
struct word {
	char text[WORD_LEN];
	int opens;		/* a bracket opened before it: a new group */
	int closes;		/* a bracket closed after it */
};

/* One form of a command: a line of its usage. */
struct form {
	const char *command;
	char sub[WORD_LEN];			/* "" for none */
	char opt[MAX_WORDS][WORD_LEN];		/* "--kind" */
	char arg[MAX_WORDS][WORD_LEN];		/* "KIND", "" for a flag */
	int n_opts;
	char operand[MAX_WORDS][WORD_LEN];	/* "REF" */
	int n_operands;
};

/* The options every command takes after its name (cmd.h, GLOBAL_OPTIONS):
 * a command whose usage names --format takes that one instead. */
static const char *const global_opts[][2] = {
	{"--db", "PATH"}, {"--policies", "DIR"}, {"--officer", "NAME"},
	{"--format", "table|csv|json"}, {"--help", ""},
};
#define N_GLOBAL (int)(sizeof(global_opts) / sizeof(global_opts[0]))

/* The words of one line of a usage (up to a newline), in w; how many. */
static int
split_line(const char *line, struct word *w, int max)
{
	int n = 0;

	while (*line && *line != '\n' && n < max) {
		const char *end;
		size_t len;

		while (*line == ' ')
			line++;
		if (*line == '\0' || *line == '\n')
			break;
		for (end = line; *end && *end != ' ' && *end != '\n'; end++)
			;
		memset(&w[n], 0, sizeof(w[n]));
		while (line < end && *line == '[') {
			w[n].opens = 1;
			line++;
		}
		len = (size_t)(end - line);
		while (len > 0 && line[len - 1] == ']') {
			w[n].closes = 1;
			len--;
		}
		if (len >= WORD_LEN)
			len = WORD_LEN - 1;
		memcpy(w[n].text, line, len);
		n++;
		line = end;
	}
	return n;
}

/* A word into dst (of WORD_LEN), cut short to fit. */
static void
copy_word(char *dst, const char *src)
{
	size_t len = strnlen(src, WORD_LEN - 1);

	memcpy(dst, src, len);
	dst[len] = '\0';
}

static int
is_sub_word(const char *s)
{
	if (!islower((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && *s != '-')
			return 0;
	return 1;
}

/* Read one line of command's usage into f. */
static void
read_form(const char *command, const char *line, struct form *f)
{
	struct word w[MAX_WORDS];
	int n = split_line(line, w, MAX_WORDS), i = 2;

	memset(f, 0, sizeof(*f));
	f->command = command;
	/* "complaints VERB": the words from the third. */
	if (i < n && is_sub_word(w[i].text))
		copy_word(f->sub, w[i++].text);
	for (; i < n; i++) {
		if (strcmp(w[i].text, "|") == 0 || w[i].text[0] == '\0')
			continue;
		if (strncmp(w[i].text, "--", 2) == 0) {
			if (f->n_opts == MAX_WORDS)
				continue;
			copy_word(f->opt[f->n_opts], w[i].text);
			if (!w[i].closes && i + 1 < n && !w[i + 1].opens &&
			    strcmp(w[i + 1].text, "|") != 0 &&
			    strncmp(w[i + 1].text, "--", 2) != 0)
				copy_word(f->arg[f->n_opts], w[++i].text);
			f->n_opts++;
		} else if (f->n_operands < MAX_WORDS) {
			copy_word(f->operand[f->n_operands++], w[i].text);
		}
	}
	for (int g = 0; g < N_GLOBAL && f->n_opts < MAX_WORDS; g++) {
		int k = 0;

		/* The usage's own (report's --format, list's --officer
		 * filter) rather than the global one. */
		while (k < f->n_opts && strcmp(f->opt[k], global_opts[g][0]))
			k++;
		if (k < f->n_opts)
			continue;
		copy_word(f->opt[f->n_opts], global_opts[g][0]);
		copy_word(f->arg[f->n_opts], global_opts[g][1]);
		f->n_opts++;
	}
}

/* The kinds of completion of a value or an operand. */
enum kind { K_NONE, K_WORDS, K_REFS, K_POLICIES, K_FILES, K_DIRS, K_COMMANDS };
static const char *const kind_names[] = {"none", "words", "refs",
    "policies", "files", "dirs", "commands"};

/* What the value of option opt (its placeholder arg) is in command; the
 * words, space-separated, in words. */
static enum kind
value_kind(const char *command, const char *opt, const char *arg,
    char *words, size_t size)
{
	char full[2 * WORD_LEN + 2];
	const char *const *list;

	words[0] = '\0';
	snprintf(full, sizeof(full), "%s %s", opt, arg);
	if ((list = option_words(command, full)) != NULL) {
		for (size_t len = 0; *list != NULL && len < size; list++)
			len += (size_t)snprintf(words + len, size - len, "%s%s",
			    len ? " " : "", *list);
		return K_WORDS;
	}
	if (strchr(arg, '|') != NULL) {
		snprintf(words, size, "%s", arg);
		for (char *p = words; *p; p++)
			if (*p == '|')
				*p = ' ';
		return K_WORDS;
	}
	if (strcmp(full, "--policy ID") == 0)
		return K_POLICIES;
	if (strcmp(arg, "DIR") == 0)
		return K_DIRS;
	if (strcmp(arg, "FILE") == 0 || strcmp(arg, "PATH") == 0)
		return K_FILES;
	return K_NONE;
}

/* What an operand (its placeholder) of command is. */
static enum kind
operand_kind(const char *command, const char *operand, char *words,
    size_t size)
{
	words[0] = '\0';
	if (strchr(operand, '|') != NULL)
		return value_kind(command, "", operand, words, size);
	if (strcmp(operand, "REF") == 0)
		return K_REFS;
	if (strcmp(operand, "FILE") == 0)
		return K_FILES;
	if (strcmp(operand, "COMMAND") == 0)
		return K_COMMANDS;
	/* policy show ID; elsewhere an ID is a number (restriction lift). */
	if (strcmp(operand, "ID") == 0 && strcmp(command, "policy") == 0)
		return K_POLICIES;
	return K_NONE;
}

/* Each form of each command, in f (at most max); how many. */
static int
read_forms(struct form *f, int max)
{
	int n = 0;

	for (int c = 0; c < n_commands; c++) {
		const char *line = commands[c].usage;
		int first = n;

		while (line != NULL && n < max) {
			read_form(commands[c].name, line, &f[n]);
			/* A command without sub-words is one form: its first
			 * line (completion's other line is for the script). */
			if (n == first || f[n].sub[0] != '\0')
				n++;
			line = strchr(line, '\n');
			if (line != NULL)
				line++;
		}
	}
	return n;
}

/* The part of the script both shells run: the data, and _complaints_what. */
static void
print_common(FILE *out, const struct form *f, int n)
{
	char words[1024];

	fputs("_complaints_commands='", out);
	for (int c = 0; c < n_commands; c++)
		fprintf(out, "%s%s", c ? " " : "", commands[c].name);
	fputs("'\n\n"
	    "# _complaints_form COMMAND SUB-WORD: its sub-words (_cpl_subs), its\n"
	    "# options (_cpl_opts), those that take a value (_cpl_valued).\n"
	    "_complaints_form() {\n"
	    "\t_cpl_subs= _cpl_opts= _cpl_valued=\n"
	    "\tcase \"$1/$2\" in\n"
	    "\t/)\n"
	    "\t\t_cpl_opts='--version", out);
	for (int g = 0; g < N_GLOBAL; g++)
		fprintf(out, " %s", global_opts[g][0]);
	fputs("'\n\t\t_cpl_valued='", out);
	for (int g = 0, k = 0; g < N_GLOBAL; g++)
		if (global_opts[g][1][0] != '\0')
			fprintf(out, "%s%s", k++ ? " " : "", global_opts[g][0]);
	fputs("' ;;\n", out);
	/* A command with sub-words, before its sub-word: those, and --help. */
	for (int i = 0; i < n; i++) {
		if (f[i].sub[0] == '\0' ||
		    (i > 0 && f[i - 1].command == f[i].command))
			continue;
		fprintf(out, "\t%s/)\n\t\t_cpl_subs='", f[i].command);
		for (int k = i; k < n && f[k].command == f[i].command; k++)
			fprintf(out, "%s%s", k > i ? " " : "", f[k].sub);
		fputs("'\n\t\t_cpl_opts='--help'\n\t\t_cpl_valued= ;;\n", out);
	}
	for (int i = 0; i < n; i++) {
		fprintf(out, "\t%s/%s)\n\t\t_cpl_opts='", f[i].command, f[i].sub);
		for (int k = 0; k < f[i].n_opts; k++)
			fprintf(out, "%s%s", k ? " " : "", f[i].opt[k]);
		fputs("'\n\t\t_cpl_valued='", out);
		for (int k = 0, m = 0; k < f[i].n_opts; k++)
			if (f[i].arg[k][0] != '\0')
				fprintf(out, "%s%s", m++ ? " " : "", f[i].opt[k]);
		fputs("' ;;\n", out);
	}
	fputs("\tesac\n}\n\n"
	    "# _complaints_value COMMAND SUB-WORD OPTION: what the option's value\n"
	    "# is (_cpl_kind), and its words (_cpl_list).\n"
	    "_complaints_value() {\n"
	    "\t_cpl_kind=none _cpl_list=\n"
	    "\tcase \"$1/$2/$3\" in\n", out);
	for (int g = 0; g < N_GLOBAL; g++) {
		enum kind k = value_kind("", global_opts[g][0],
		    global_opts[g][1], words, sizeof(words));
		if (k != K_NONE)
			fprintf(out, "\t//%s) _cpl_kind=%s _cpl_list='%s' ;;\n",
			    global_opts[g][0], kind_names[k], words);
	}
	for (int i = 0; i < n; i++)
		for (int o = 0; o < f[i].n_opts; o++) {
			enum kind k;

			if (f[i].arg[o][0] == '\0')
				continue;
			k = value_kind(f[i].command, f[i].opt[o], f[i].arg[o],
			    words, sizeof(words));
			if (k != K_NONE)
				fprintf(out, "\t%s/%s/%s) _cpl_kind=%s "
				    "_cpl_list='%s' ;;\n", f[i].command,
				    f[i].sub, f[i].opt[o], kind_names[k], words);
		}
	fputs("\tesac\n}\n\n"
	    "# _complaints_operand COMMAND SUB-WORD N: what operand N is\n"
	    "# (_cpl_kind), and its words (_cpl_list).\n"
	    "_complaints_operand() {\n"
	    "\t_cpl_kind=none _cpl_list=\n"
	    "\tcase \"$1/$2/$3\" in\n", out);
	for (int i = 0; i < n; i++)
		for (int o = 0; o < f[i].n_operands; o++) {
			enum kind k = operand_kind(f[i].command, f[i].operand[o],
			    words, sizeof(words));

			if (k == K_COMMANDS)
				fprintf(out, "\t%s/%s/%d) _cpl_kind=words "
				    "_cpl_list=$_complaints_commands ;;\n",
				    f[i].command, f[i].sub, o + 1);
			else if (k != K_NONE)
				fprintf(out, "\t%s/%s/%d) _cpl_kind=%s "
				    "_cpl_list='%s' ;;\n", f[i].command,
				    f[i].sub, o + 1, kind_names[k], words);
		}
	fputs("\tesac\n}\n\n"
	    "# _complaints_what WORD WORDS...: what WORD, being completed after\n"
	    "# WORDS (the line from the word after the command's name), can be:\n"
	    "# _cpl_kind and _cpl_list; the store and the policies the line\n"
	    "# names, in _cpl_db and _cpl_policies.\n"
	    "_complaints_what() {\n"
	    "\tlocal cur=$1 cmd= sub= need_sub= skip= n=0 w\n"
	    "\tshift\n"
	    "\t_cpl_db= _cpl_policies=\n"
	    "\t_complaints_form '' ''\n"
	    "\tfor w in \"$@\"; do\n"
	    "\t\tif [ -n \"$skip\" ]; then\n"
	    "\t\t\tcase $skip in\n"
	    "\t\t\t--db) _cpl_db=$w ;;\n"
	    "\t\t\t--policies) _cpl_policies=$w ;;\n"
	    "\t\t\tesac\n"
	    "\t\t\tskip=\n"
	    "\t\t\tcontinue\n"
	    "\t\tfi\n"
	    "\t\tcase $w in\n"
	    "\t\t--db=*) _cpl_db=${w#--db=} ;;\n"
	    "\t\t--policies=*) _cpl_policies=${w#--policies=} ;;\n"
	    "\t\t--*=*) ;;\n"
	    "\t\t-*)\n"
	    "\t\t\tcase \" $_cpl_valued \" in\n"
	    "\t\t\t*\" $w \"*) skip=$w ;;\n"
	    "\t\t\tesac ;;\n"
	    "\t\t*)\n"
	    "\t\t\tif [ -z \"$cmd\" ]; then\n"
	    "\t\t\t\tcmd=$w\n"
	    "\t\t\t\t_complaints_form \"$cmd\" ''\n"
	    "\t\t\t\t[ -z \"$_cpl_subs\" ] || need_sub=1\n"
	    "\t\t\telif [ -n \"$need_sub\" ]; then\n"
	    "\t\t\t\tsub=$w need_sub=\n"
	    "\t\t\t\t_complaints_form \"$cmd\" \"$sub\"\n"
	    "\t\t\telse\n"
	    "\t\t\t\tn=$((n + 1))\n"
	    "\t\t\tfi ;;\n"
	    "\t\tesac\n"
	    "\tdone\n"
	    "\tcase $_cpl_db in \"~/\"*) _cpl_db=$HOME/${_cpl_db#\"~/\"} ;; esac\n"
	    "\tcase $_cpl_policies in\n"
	    "\t\"~/\"*) _cpl_policies=$HOME/${_cpl_policies#\"~/\"} ;;\n"
	    "\tesac\n"
	    "\tif [ -n \"$skip\" ]; then\n"
	    "\t\t_complaints_value \"$cmd\" \"$sub\" \"$skip\"\n"
	    "\t\treturn\n"
	    "\tfi\n"
	    "\tcase $cur in\n"
	    "\t-*)\n"
	    "\t\t_cpl_kind=words _cpl_list=$_cpl_opts\n"
	    "\t\treturn ;;\n"
	    "\tesac\n"
	    "\tif [ -z \"$cmd\" ]; then\n"
	    "\t\t_cpl_kind=words _cpl_list=$_complaints_commands\n"
	    "\telif [ -n \"$need_sub\" ]; then\n"
	    "\t\t_cpl_kind=words _cpl_list=$_cpl_subs\n"
	    "\telse\n"
	    "\t\t_complaints_operand \"$cmd\" \"$sub\" $((n + 1))\n"
	    "\tfi\n"
	    "}\n", out);
}

static void
print_bash(FILE *out, const struct form *f, int n)
{
	fputs("# bash completion for complaints(1), written by 'complaints "
	    "completion bash'\n# from its commands and their usage: "
	    "regenerate it, never edit it.\n\n", out);
	print_common(out, f, n);
	fputs("\n"
	    "_complaints() {\n"
	    "\tlocal cur=${COMP_WORDS[COMP_CWORD]} IFS=$'\\n'\n"
	    "\tlocal -a run=(\"${COMP_WORDS[0]}\")\n"
	    "\t_complaints_what \"$cur\" \"${COMP_WORDS[@]:1:COMP_CWORD-1}\"\n"
	    "\t[ -z \"$_cpl_db\" ] || run+=(--db \"$_cpl_db\")\n"
	    "\t[ -z \"$_cpl_policies\" ] || run+=(--policies \"$_cpl_policies\")\n"
	    "\tCOMPREPLY=()\n"
	    "\tcase $_cpl_kind in\n"
	    "\twords)\n"
	    "\t\tCOMPREPLY=($(IFS=' '; compgen -W \"$_cpl_list\" -- "
	    "\"$cur\")) ;;\n"
	    "\trefs|policies)\n"
	    "\t\tCOMPREPLY=($(\"${run[@]}\" completion \"$_cpl_kind\" -- "
	    "\"$cur\" \\\n"
	    "\t\t    2>/dev/null </dev/null)) ;;\n"
	    "\tfiles)\n"
	    "\t\tcompopt -o filenames 2>/dev/null\n"
	    "\t\tCOMPREPLY=($(compgen -f -- \"$cur\")) ;;\n"
	    "\tdirs)\n"
	    "\t\tcompopt -o filenames 2>/dev/null\n"
	    "\t\tCOMPREPLY=($(compgen -d -- \"$cur\")) ;;\n"
	    "\tesac\n"
	    "}\n"
	    "complete -F _complaints complaints\n", out);
}

static void
print_zsh(FILE *out, const struct form *f, int n)
{
	fputs("#compdef complaints\n"
	    "# zsh completion for complaints(1), written by 'complaints "
	    "completion zsh'\n# from its commands and their usage: "
	    "regenerate it, never edit it.\n\n", out);
	print_common(out, f, n);
	fputs("\n"
	    "_complaints() {\n"
	    "\tlocal -a run found\n"
	    "\trun=(\"${words[1]}\")\n"
	    "\t_complaints_what \"${words[CURRENT]}\" "
	    "\"${(@)words[2,CURRENT-1]}\"\n"
	    "\t[[ -z $_cpl_db ]] || run+=(--db \"$_cpl_db\")\n"
	    "\t[[ -z $_cpl_policies ]] || run+=(--policies \"$_cpl_policies\")\n"
	    "\tcase $_cpl_kind in\n"
	    "\twords) compadd -- ${=_cpl_list} ;;\n"
	    "\trefs|policies)\n"
	    "\t\tfound=(${(f)\"$(\"${run[@]}\" completion \"$_cpl_kind\" -- \\\n"
	    "\t\t    \"${words[CURRENT]}\" 2>/dev/null </dev/null)\"})\n"
	    "\t\tcompadd -- \"${found[@]}\" ;;\n"
	    "\tfiles) _files ;;\n"
	    "\tdirs) _files -/ ;;\n"
	    "\tesac\n"
	    "}\n\n"
	    "# Autoloaded from fpath, this file is the function: define it and "
	    "run it.\n# Sourced, it registers it.\n"
	    "if [[ $funcstack[1] == _complaints ]]; then\n"
	    "\t_complaints \"$@\"\n"
	    "else\n"
	    "\tcompdef _complaints complaints\n"
	    "fi\n", out);
}

/* complete_refs' and the policies' look-up: each word on a line. */
static int
print_word(const char *word, void *arg)
{
	(void)arg;
	printf("%s\n", word);
	return 0;
}

int
cmd_completion(struct cmd_ctx *ctx, int argc, char **argv,
    struct cpl_error *err)
{
	static const struct option opts[] = {GLOBAL_OPTIONS};
	static struct form forms[128];
	const char *what, *prefix;
	int rc, n;

	if ((rc = parse_options(ctx, argc, argv, opts, NULL, NULL, err)))
		return rc;
	if (!ctx->help && argc == optind)
		return cpl_fail(err, CPL_USAGE, "completion: for bash or zsh? "
		    "(see 'complaints completion --help')");
	what = ctx->help ? "" : argv[optind];
	prefix = argc - optind > 1 ? argv[optind + 1] : "";
	if (!ctx->help && argc - optind > 2)
		return cpl_fail(err, CPL_USAGE, "completion: unexpected argument "
		    "'%s'", argv[optind + 2]);
	if ((rc = cmd_ready(ctx, err)))
		return rc;
	if (strcmp(what, "bash") == 0 || strcmp(what, "zsh") == 0) {
		if (argc - optind > 1)
			return cpl_fail(err, CPL_USAGE, "completion: unexpected "
			    "argument '%s'", argv[optind + 1]);
		n = read_forms(forms, (int)(sizeof(forms) / sizeof(forms[0])));
		if (what[0] == 'b')
			print_bash(stdout, forms, n);
		else
			print_zsh(stdout, forms, n);
		return 0;
	}
	if (strcmp(what, "refs") == 0)
		return complete_refs(ctx->db_path, prefix, print_word, NULL,
		    err);
	if (strcmp(what, "policies") == 0) {
		char **ids;

		if ((rc = policy_ids(ctx->policies, &ids, &n, err)))
			return rc;
		for (int i = 0; i < n; i++)
			if (strncmp(ids[i], prefix, strlen(prefix)) == 0)
				print_word(ids[i], NULL);
		policy_ids_free(ids, n);
		return 0;
	}
	return cpl_fail(err, CPL_USAGE, "completion: '%s' is not bash, zsh, "
	    "refs or policies", what);
}
