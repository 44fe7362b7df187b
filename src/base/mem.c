#include "base/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void dy_oom(size_t n)
{
	fprintf(stderr, "dyad: fatal: out of memory allocating %zu bytes\n", n);
	abort();
}

void *dy_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		dy_oom(n);
	return p;
}

void *dy_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		dy_oom(count * size);
	return p;
}

void *dy_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		dy_oom(n);
	return q;
}

char *dy_xstrndup(const char *s, size_t n)
{
	char *p = dy_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *dy_xstrdup(const char *s)
{
	return dy_xstrndup(s, strlen(s));
}

void dy_grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return;
	size_t n = *cap ? *cap : 8;
	while (n < need)
		n *= 2;
	*p = dy_xrealloc(*p, n * elem);
	*cap = n;
}
