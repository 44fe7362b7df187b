#include "base/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#define DY_ARENA_ALIGN 16
#define DY_ARENA_DEFAULT_BLOCK (64 * 1024)

struct dy_arena_block {
	dy_arena_block *next;
	size_t size;  /* usable bytes in data */
	size_t used;
	_Alignas(DY_ARENA_ALIGN) unsigned char data[];
};

void dy_arena_init(dy_arena *a)
{
	a->head = NULL;
	a->block_size = DY_ARENA_DEFAULT_BLOCK;
	a->used_total = 0;
}

static dy_arena_block *new_block(size_t size)
{
	dy_arena_block *b = dy_xmalloc(sizeof(*b) + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

void *dy_arena_alloc(dy_arena *a, size_t n)
{
	if (n == 0)
		n = 1;
	n = (n + DY_ARENA_ALIGN - 1) & ~(size_t)(DY_ARENA_ALIGN - 1);
	a->used_total += n;
#ifdef DY_ARENA_MALLOC
	/* One block per allocation, so that tools see each object. */
	dy_arena_block *b = new_block(n);
	b->used = n;
	b->next = a->head;
	a->head = b;
	return b->data;
#else
	if (!a->block_size)
		a->block_size = DY_ARENA_DEFAULT_BLOCK;
	dy_arena_block *b = a->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > a->block_size ? n : a->block_size;
		dy_arena_block *nb = new_block(size);
		nb->next = b;
		a->head = nb;
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += n;
	return p;
#endif
}

void *dy_arena_calloc(dy_arena *a, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size) {
		fprintf(stderr, "dyad: fatal: arena allocation overflow\n");
		abort();
	}
	void *p = dy_arena_alloc(a, count * size);
	memset(p, 0, count * size);
	return p;
}

char *dy_arena_strndup(dy_arena *a, const char *s, size_t n)
{
	char *p = dy_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *dy_arena_strdup(dy_arena *a, const char *s)
{
	return dy_arena_strndup(a, s, strlen(s));
}

char *dy_arena_printf(dy_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = dy_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void dy_arena_reset(dy_arena *a)
{
	dy_arena_block *keep = NULL;
	dy_arena_block *b = a->head;
#ifndef DY_ARENA_MALLOC
	/* Keep the largest block: documents of similar size then allocate nothing. */
	for (dy_arena_block *x = b; x; x = x->next)
		if (!keep || x->size > keep->size)
			keep = x;
#endif
	while (b) {
		dy_arena_block *next = b->next;
		if (b != keep)
			free(b);
		b = next;
	}
	if (keep) {
		keep->next = NULL;
		keep->used = 0;
	}
	a->head = keep;
	a->used_total = 0;
}

void dy_arena_release(dy_arena *a)
{
	dy_arena_block *b = a->head;
	while (b) {
		dy_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used_total = 0;
}
