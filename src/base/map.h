/* map.h - an open-addressing hash map from byte strings to pointers, and
 * string interning built on it.
 *
 * Keys are (pointer, length) pairs; the map does not copy them, so the
 * caller keeps them alive (usually in an arena or an interner). Maps are
 * filled while dictionaries load and then only read, so any number of
 * threads may call dy_map_get on a map nobody writes to.
 */
#ifndef DY_MAP_H
#define DY_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

typedef struct dy_map_slot {
	const char *key;
	uint32_t len;
	uint32_t hash;
	void *val;
} dy_map_slot;

typedef struct dy_map {
	dy_map_slot *slots;
	size_t cap;   /* power of two, or 0 */
	size_t count;
} dy_map;

#define DY_MAP_INIT {NULL, 0, 0}

uint32_t dy_hash(const char *s, size_t n);
void dy_map_init(dy_map *m);
void dy_map_release(dy_map *m);
/* Returns the value stored under key, or NULL. */
void *dy_map_get(const dy_map *m, const char *key, size_t len);
/* Returns the slot's value pointer for key, inserting it (with NULL value)
 * when absent; *created tells which. The pointer is valid until the next insert. */
void **dy_map_put(dy_map *m, const char *key, size_t len, int *created);
/* Convenience: stores val under key, replacing any earlier value. */
void dy_map_set(dy_map *m, const char *key, size_t len, void *val);

/* Calls fn for every entry, in no particular order. */
void dy_map_each(const dy_map *m, void (*fn)(const char *key, size_t len, void *val, void *ctx), void *ctx);

/* An interner returns one stable copy of each distinct string, so that
 * interned strings compare equal exactly when their pointers are equal. */
typedef struct dy_interner {
	dy_map map;
	dy_arena arena;
} dy_interner;

void dy_intern_init(dy_interner *in);
void dy_intern_release(dy_interner *in);
/* Returns the interned, NUL-terminated copy of s[0..n). */
const char *dy_intern(dy_interner *in, const char *s, size_t n);
/* Returns the interned copy if s[0..n) was interned before, else NULL. */
const char *dy_intern_find(const dy_interner *in, const char *s, size_t n);

#endif
