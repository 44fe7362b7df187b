#include "tag/tag_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/mem.h"

static int fail(dy_error *err, const char *what, const char *path, int e)
{
	return dy_error_set(err, e == ENOENT ? DY_ENOENT : DY_EIO, "cannot %s '%s': %s", what, path,
			    strerror(e));
}

int dy__file_open(dy__file *f, const char *path, dy_error *err)
{
	memset(f, 0, sizeof(*f));
	f->data = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, "open", path, errno);
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		return fail(err, "read", path, e);
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return fail(err, "read", path, EISDIR);
	}
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m != MAP_FAILED) {
			close(fd);
			f->map = m;
			f->data = m;
			f->len = (size_t)st.st_size;
			return 0;
		}
	}
	/* Not mappable (a pipe, an empty file): read it. */
	size_t cap = 1 << 16, n = 0;
	char *buf = dy_xmalloc(cap);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			buf = dy_xrealloc(buf, cap);
		}
		ssize_t got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;
			free(buf);
			close(fd);
			return fail(err, "read", path, e);
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	f->heap = buf;
	f->data = buf;
	f->len = n;
	return 0;
}

void dy__file_close(dy__file *f)
{
	if (f->map)
		munmap(f->map, f->len);
	free(f->heap);
	memset(f, 0, sizeof(*f));
	f->data = "";
}

int dy__path(char *buf, size_t n, const char *dir, const char *name, dy_error *err)
{
	size_t dl = strlen(dir);
	int sep = dl > 0 && dir[dl - 1] != '/';
	int w = snprintf(buf, n, "%s%s%s", dir, sep ? "/" : "", name);
	if (w < 0 || (size_t)w >= n)
		return dy_error_set(err, DY_EINVAL, "path too long: '%s/%s'", dir, name);
	return 0;
}

const char *dy__data_dir(const char *dir, const char *env, const char *def)
{
	if (dir)
		return dir;
	const char *e = getenv(env);
	return e && *e ? e : def;
}
