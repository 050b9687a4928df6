/*
 * attachment.c: complaints attach, a document kept in the case file (see
 * correspondence.h).
 *
 * A document is read twice, a piece at a time, never whole in memory:
 * once, before the write begins, for its size, its SHA-256 (nettle) and
 * its media type (libmagic, from its first bytes: the file(1) database,
 * which reads what a file is, not what its name says); once more, inside
 * the write, into the store, only when the store does not hold those
 * bytes already, checked against the first reading. What can be read
 * only once (a pipe, standard input) is copied first, as read, into a
 * temporary file of this account's only, removed at once, which is then
 * read as a file is.
 */
#include <errno.h>
#include <fcntl.h>
#include <magic.h>
#include <nettle/sha2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case_int.h"
#include "correspondence.h"
#include "util.h"

/* The pieces a document is read in. */
#define PIECE (64 * 1024)
/* What libmagic is shown of a document: its first bytes, where every
 * format it knows of is told (a PDF's header, an email's first lines). */
#define HEAD (256 * 1024)

/* A document being read. */
struct doc {
	const char *what;	/* its path, or "standard input", for messages */
	int fd;			/* a file to read with pread */
	int own;		/* fd is ours to close */
	int64_t size;		/* bytes, as first read */
	char sha256[2 * SHA256_DIGEST_SIZE + 1];
	char media_type[128];
	struct sha256_ctx again;	/* the second reading's hash */
};

static void
hex_digest(struct sha256_ctx *ctx, char out[2 * SHA256_DIGEST_SIZE + 1])
{
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_digest(ctx, sizeof(d), d);
	for (size_t i = 0; i < sizeof(d); i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* "30.0 MiB (31457280 bytes)": a size as people read it. */
static void
size_words(int64_t size, char *buf, size_t len)
{
	snprintf(buf, len, "%.1f MiB (%lld bytes)", size / 1048576.0,
	    (long long)size);
}

/* Refuse a document of size bytes (exact: its whole size; else it is at
 * least that large, read so far) past the limit of max_mib. */
static int
too_large(const struct doc *d, int64_t size, int exact, int max_mib,
    const struct policy *p, struct cpl_error *err)
{
	char words[64], cite[256] = "";

	size_words(size, words, sizeof(words));
	if (p != NULL && p->attach_max_mib > 0 && p->attach_source != NULL) {
		char c[200];

		policy_cite(p->attach_source, c, sizeof(c));
		snprintf(cite, sizeof(cite), " (%s)", c);
	}
	return cpl_fail(err, CPL_REFUSED, "'%s' is %s%s: a case file keeps "
	    "documents of at most %d MiB%s", d->what, exact ? "" :
	    "more than ", exact ? words : "the limit", max_mib, cite);
}

/* The media type of the first len bytes of a document. */
static int
media_type(const void *head, size_t len, char *out, size_t size,
    struct cpl_error *err)
{
	magic_t m = magic_open(MAGIC_MIME_TYPE);
	const char *t;
	int rc = 0;

	if (m == NULL)
		return cpl_nomem(err);
	if (magic_load(m, NULL) != 0)
		rc = cpl_fail(err, CPL_STORE, "can't read the file type "
		    "database: %s", magic_error(m) ? magic_error(m) :
		    strerror(errno));
	else if ((t = magic_buffer(m, head, len)) == NULL)
		rc = cpl_fail(err, CPL_STORE, "can't tell the type of the "
		    "document: %s", magic_error(m) ? magic_error(m) : "unknown");
	else
		snprintf(out, size, "%s", t);
	magic_close(m);
	return rc;
}

/* A copy of what fd gives, to its end, in a temporary file removed at
 * once (d->fd then), refused past max bytes. */
static int
spool(struct doc *d, int in, int64_t max, int max_mib,
    const struct policy *p, struct cpl_error *err)
{
	const char *dir = getenv("TMPDIR");
	char *tmp, *buf;
	int64_t total = 0;
	ssize_t got;
	int rc = 0, fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	if ((tmp = path_join(dir, "complaints-attach-XXXXXX")) == NULL)
		return cpl_nomem(err);
	if ((fd = mkstemp(tmp)) < 0) {
		rc = cpl_fail(err, CPL_USAGE, "can't keep a copy of %s in "
		    "'%s': %s", d->what, dir, strerror(errno));
		free(tmp);
		return rc;
	}
	unlink(tmp);
	free(tmp);
	d->fd = fd;
	d->own = 1;
	if ((buf = malloc(PIECE)) == NULL)
		return cpl_nomem(err);
	while ((got = read(in, buf, PIECE)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			rc = cpl_fail(err, CPL_USAGE, "can't read %s: %s",
			    d->what, strerror(errno));
			break;
		}
		total += got;
		if (total > max) {
			rc = too_large(d, total, 0, max_mib, p, err);
			break;
		}
		if (write_all(fd, buf, (size_t)got) != 0) {
			rc = cpl_fail(err, CPL_USAGE, "can't keep a copy of %s "
			    "in '%s': %s", d->what, dir, strerror(errno));
			break;
		}
	}
	free(buf);
	return rc;
}

/* Read d->fd from its start: its size, hash and media type. */
static int
first_reading(struct doc *d, int64_t max, int max_mib,
    const struct policy *p, struct cpl_error *err)
{
	struct sha256_ctx ctx;
	char *head;
	size_t in_head = 0;
	ssize_t got;
	int rc = 0;

	if ((head = malloc(HEAD)) == NULL)
		return cpl_nomem(err);
	sha256_init(&ctx);
	d->size = 0;
	for (;;) {
		char *at = in_head < HEAD ? head + in_head : head;
		size_t want = in_head < HEAD ? HEAD - in_head : PIECE;

		got = pread(d->fd, at, want, d->size);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = cpl_fail(err, CPL_USAGE, "can't read '%s': %s",
			    d->what, strerror(errno));
			goto out;
		}
		if (got == 0)
			break;
		sha256_update(&ctx, (size_t)got, (const uint8_t *)at);
		d->size += got;
		if (in_head < HEAD)
			in_head += (size_t)got;
		if (d->size > max) {
			rc = too_large(d, d->size, 0, max_mib, p, err);
			goto out;
		}
	}
	hex_digest(&ctx, d->sha256);
	rc = media_type(head, in_head, d->media_type, sizeof(d->media_type),
	    err);
out:
	free(head);
	return rc;
}

/* Open what in names and read it once (first_reading). */
static int
doc_open(struct doc *d, const char *path, int max_mib,
    const struct policy *p, struct cpl_error *err)
{
	int64_t max = (int64_t)max_mib << 20;
	struct stat sb;
	int fd, rc;

	memset(d, 0, sizeof(*d));
	d->fd = -1;
	if (strcmp(path, "-") == 0) {
		d->what = "standard input";
		if ((rc = spool(d, STDIN_FILENO, max, max_mib, p, err)))
			return rc;
		return first_reading(d, max, max_mib, p, err);
	}
	d->what = path;
	/* Looked at before it is opened: opening a device may do
	 * something (a tape rewinds). */
	if (stat(path, &sb) != 0)
		return cpl_fail(err, CPL_USAGE, "can't read '%s': %s", path,
		    strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return cpl_fail(err, CPL_USAGE, "'%s' is a directory, not a "
		    "document", path);
	if (!S_ISREG(sb.st_mode) && !S_ISFIFO(sb.st_mode))
		return cpl_fail(err, CPL_USAGE, "'%s' is not a regular file "
		    "(a device or a socket)", path);
	if (S_ISREG(sb.st_mode) && sb.st_size > max)
		return too_large(d, sb.st_size, 1, max_mib, p, err);
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC)) < 0)
		return cpl_fail(err, CPL_USAGE, "can't read '%s': %s", path,
		    strerror(errno));
	if (fstat(fd, &sb) != 0 || (!S_ISREG(sb.st_mode) &&
	    !S_ISFIFO(sb.st_mode))) {
		close(fd);
		return cpl_fail(err, CPL_USAGE, "'%s' is not a regular file",
		    path);
	}
	if (S_ISFIFO(sb.st_mode)) {
		rc = spool(d, fd, max, max_mib, p, err);
		close(fd);
		if (rc)
			return rc;
	} else {
		d->fd = fd;
		d->own = 1;
	}
	return first_reading(d, max, max_mib, p, err);
}

static void
doc_close(struct doc *d)
{
	if (d->own && d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}

/* store_add_content's reader: the second reading, hashed again. */
static int
read_again(void *arg, void *buf, size_t n, int64_t offset,
    struct cpl_error *err)
{
	struct doc *d = arg;
	size_t done = 0;

	while (done < n) {
		ssize_t got = pread(d->fd, (char *)buf + done, n - done,
		    offset + (int64_t)done);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return cpl_fail(err, CPL_USAGE, "can't read '%s': %s",
			    d->what, strerror(errno));
		if (got == 0)
			return cpl_fail(err, CPL_USAGE, "'%s' changed while it "
			    "was read", d->what);
		done += (size_t)got;
	}
	sha256_update(&d->again, n, buf);
	return 0;
}

/* Keep d's bytes in the store, unless they are there already; inside
 * the write. */
static int
keep_bytes(struct store *st, struct doc *d, struct cpl_error *err)
{
	char again[2 * SHA256_DIGEST_SIZE + 1];
	int found, rc;

	if ((rc = store_content_exists(st, d->sha256, &found, err)) || found)
		return rc;
	sha256_init(&d->again);
	if ((rc = store_add_content(st, d->sha256, d->size, read_again, d,
	    err)))
		return rc;
	hex_digest(&d->again, again);
	if (strcmp(again, d->sha256) != 0)
		return cpl_fail(err, CPL_USAGE, "'%s' changed while it was read",
		    d->what);
	return 0;
}

/* A document's name: what the officer gave, or the base name of its
 * file. */
static int
doc_name(const struct attach_input *in, char **name, struct cpl_error *err)
{
	const char *base, *slash;

	if (in->name != NULL) {
		if (blank(in->name))
			return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_NAME,
			    "the document's name is empty");
		base = in->name;
	} else if (strcmp(in->path, "-") == 0) {
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_NAME,
		    "a document read from standard input needs a name");
	} else {
		base = in->path;
		/* "dir/" has no base name: the directory is refused when
		 * it is opened. */
		while ((slash = strchr(base, '/')) != NULL && slash[1] != '\0')
			base = slash + 1;
	}
	if (strlen(base) > 1024)
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_NAME,
		    "the document's name is longer than 1024 bytes");
	if ((*name = strdup(base)) == NULL)
		return cpl_nomem(err);
	return 0;
}

/* What do_attach is given. */
struct attaching {
	struct doc *d;
	struct attachment_rec a;	/* its strings the caller's */
	int *n;			/* the entry's number, once added (set
				 * before the commit, for what the caller
				 * prints then) */
};

static int add_document(struct session *s, struct case_file *cf,
    const struct attachment_rec *a, const char *path, struct doc *open,
    struct cpl_error *err);

static int
do_attach(struct session *s, struct case_file *cf, void *arg,
    struct cpl_error *err)
{
	struct attaching *at = arg;
	struct paper *p;
	int np, rc;

	/* Like a note, a document may come after the case is closed: the
	 * file stays a record. */
	if ((rc = check_not_purged(cf, err)) ||
	    (rc = check_date(s, cf->pol, at->a.date, cf->c.received,
	    "the day the case was received", err)) ||
	    (rc = papers_of(s, cf, &p, &np, err)))
		return rc;
	papers_free(p, np);
	/* Recorded last: the next number. */
	*at->n = np + 1;
	return add_document(s, cf, &at->a, NULL, at->d, err);
}

/* The limit of a case's policy, MiB. */
static int
max_mib_of(const struct policy *p)
{
	return p != NULL && p->attach_max_mib > 0 ? p->attach_max_mib :
	    ATTACH_MAX_MIB;
}

int
case_attach(struct session *s, const char *ref,
    const struct attach_input *in, int *n, struct cpl_error *err)
{
	struct attaching at;
	struct case_file cf;
	struct doc d;
	int rc, max_mib, number = 0;

	memset(&at, 0, sizeof(at));
	at.n = n != NULL ? n : &number;
	d.fd = -1;
	d.own = 0;
	if ((rc = doc_name(in, &at.a.name, err)))
		return rc;
	if (in->note != NULL && blank(in->note)) {
		free(at.a.name);
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_FILE_NOTE,
		    "the note is empty: say why the document is kept, or give "
		    "no note");
	}
	/* The case's own policy sets the limit: read before the document
	 * is, so that a wrong reference reads nothing. */
	if ((rc = case_load(s, ref, &cf, err))) {
		free(at.a.name);
		return rc;
	}
	max_mib = max_mib_of(cf.pol);
	rc = doc_open(&d, in->path, max_mib, cf.pol, err);
	case_file_free(&cf);
	if (rc)
		goto out;
	at.d = &d;
	at.a.media_type = d.media_type;
	at.a.sha256 = d.sha256;
	at.a.size = d.size;
	at.a.note = (char *)in->note;
	at.a.date = in->date;
	rc = with_case(s, ref, err, do_attach, &at);
out:
	doc_close(&d);
	free(at.a.name);
	return rc;
}

void
new_documents_free(struct new_document *d, int n)
{
	for (int i = 0; i < n; i++) {
		attachment_rec_free(&d[i].a);
		free(d[i].path);
	}
	free(d);
}

/* Open path and check that it holds the document a describes. */
static int
doc_check(struct doc *d, const char *path, const struct attachment_rec *a,
    const struct policy *p, struct cpl_error *err)
{
	int rc;

	if ((rc = doc_open(d, path, max_mib_of(p), p, err)))
		return rc;
	if (d->size != a->size || strcmp(d->sha256, a->sha256) != 0)
		return cpl_fail(err, CPL_USAGE, "'%s' is not the document "
		    "'%s': its %s differs", path, a->name, d->size != a->size ?
		    "size" : "SHA-256");
	return 0;
}

static char *
dup_or_null(const char *s, int *nomem)
{
	char *c;

	if (s == NULL)
		return NULL;
	if ((c = strdup(s)) == NULL)
		*nomem = 1;
	return c;
}

/* Append the document a (its bytes in the file at path, or open) and
 * its event to cf, for case_write. */
static int
add_document(struct session *s, struct case_file *cf,
    const struct attachment_rec *a, const char *path, struct doc *open,
    struct cpl_error *err)
{
	struct new_document *grown, *nd;
	int nomem = 0;

	if ((grown = realloc(cf->documents, (cf->n_documents + 1) *
	    sizeof(*grown))) == NULL)
		return cpl_nomem(err);
	cf->documents = grown;
	nd = &grown[cf->n_documents++];
	memset(nd, 0, sizeof(*nd));
	nd->a.name = dup_or_null(a->name, &nomem);
	nd->a.media_type = dup_or_null(a->media_type, &nomem);
	nd->a.sha256 = dup_or_null(a->sha256, &nomem);
	nd->a.note = dup_or_null(a->note, &nomem);
	nd->a.officer = dup_or_null(s->officer, &nomem);
	nd->a.size = a->size;
	nd->a.date = a->date;
	nd->path = dup_or_null(path, &nomem);
	nd->open = open;
	if (nomem)
		return cpl_nomem(err);
	return case_event(cf, current_stage(cf)->stage, a->date, s->officer,
	    "attached", a->name, err);
}

int
case_file_attach_from(struct session *s, struct case_file *cf,
    const struct attachment_rec *a, const char *path, struct cpl_error *err)
{
	struct doc d;
	int rc;

	if (blank(a->name))
		return cpl_fail_about(err, CPL_USAGE, CPL_ABOUT_NAME,
		    "the document's name is empty");
	if ((rc = check_date(s, cf->pol, a->date, cf->c.received,
	    "the day the case was received", err)))
		return rc;
	rc = doc_check(&d, path, a, cf->pol, err);
	doc_close(&d);
	if (rc)
		return rc;
	return add_document(s, cf, a, path, NULL, err);
}

int
case_document_write(struct session *s, struct case_file *cf, int k,
    struct cpl_error *err)
{
	struct new_document *nd = &cf->documents[k];
	struct doc d, *use = nd->open;
	int rc = 0;

	/* A file named by an import is read again here: what the first
	 * pass checked may have changed since. */
	if (use == NULL) {
		use = &d;
		rc = doc_check(&d, nd->path, &nd->a, cf->pol, err);
	}
	if (rc == 0 && (rc = keep_bytes(s->st, use, err)) == 0)
		rc = store_add_attachment(s->st, cf->c.id, &nd->a, err);
	if (use == &d)
		doc_close(&d);
	return rc;
}
