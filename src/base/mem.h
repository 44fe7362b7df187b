/* mem.h - allocation that never returns NULL.
 *
 * dyad treats running out of memory as fatal: these wrappers print one line
 * naming the size that failed and abort. Everything else in dyad allocates
 * through them or through an arena (arena.h).
 */
#ifndef DY_MEM_H
#define DY_MEM_H

#include <stddef.h>

void *dy_xmalloc(size_t n);
void *dy_xcalloc(size_t count, size_t size);
void *dy_xrealloc(void *p, size_t n);
char *dy_xstrdup(const char *s);
char *dy_xstrndup(const char *s, size_t n);

/* Grows *p (an array of elem-byte items with capacity *cap) to hold need items. */
void dy_grow(void **p, size_t *cap, size_t need, size_t elem);
#define DY_GROW(arr, cap, need) dy_grow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

#endif
