/* arena.h - a bump allocator for things that live and die together.
 *
 * dyad gives each document an arena: tokens, sentences, strings made while
 * coding and the results all come from it, and one dy_arena_reset() frees
 * them between documents without touching malloc. Building with
 * -DDY_ARENA_MALLOC makes every allocation a separate malloc so that the
 * sanitizers and valgrind see each one.
 */
#ifndef DY_ARENA_H
#define DY_ARENA_H

#include <stddef.h>

typedef struct dy_arena_block dy_arena_block;

typedef struct dy_arena {
	dy_arena_block *head;  /* current block; older ones chained behind */
	size_t block_size;     /* default block size for new blocks */
	size_t used_total;     /* bytes handed out since the last reset */
} dy_arena;

#define DY_ARENA_INIT {NULL, 0, 0}

/* Prepares an empty arena; allocates nothing. */
void dy_arena_init(dy_arena *a);
/* Returns n bytes aligned for any type; never NULL. Contents undefined. */
void *dy_arena_alloc(dy_arena *a, size_t n);
/* Like dy_arena_alloc but zeroed. */
void *dy_arena_calloc(dy_arena *a, size_t count, size_t size);
/* Copies s[0..n) into the arena and NUL-terminates it. */
char *dy_arena_strndup(dy_arena *a, const char *s, size_t n);
char *dy_arena_strdup(dy_arena *a, const char *s);
/* printf into the arena. */
char *dy_arena_printf(dy_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Frees everything allocated since init or the last reset, keeping the
 * largest block for reuse. */
void dy_arena_reset(dy_arena *a);
/* Frees all memory of the arena; it may be reused after dy_arena_init. */
void dy_arena_release(dy_arena *a);

#endif
