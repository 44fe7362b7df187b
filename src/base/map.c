#include "base/map.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

uint32_t dy_hash(const char *s, size_t n)
{
	/* FNV-1a: short keys (words) dominate, so it is as good as anything. */
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h ? h : 1;
}

void dy_map_init(dy_map *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->count = 0;
}

void dy_map_release(dy_map *m)
{
	free(m->slots);
	dy_map_init(m);
}

static dy_map_slot *find(const dy_map *m, const char *key, size_t len, uint32_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		dy_map_slot *s = &m->slots[i];
		if (!s->key)
			return s;
		if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)
			return s;
	}
}

void *dy_map_get(const dy_map *m, const char *key, size_t len)
{
	if (!m->cap)
		return NULL;
	dy_map_slot *s = find(m, key, len, dy_hash(key, len));
	return s->key ? s->val : NULL;
}

static void rehash(dy_map *m, size_t cap)
{
	dy_map_slot *old = m->slots;
	size_t oldcap = m->cap;
	m->slots = dy_xcalloc(cap, sizeof(*m->slots));
	m->cap = cap;
	for (size_t i = 0; i < oldcap; i++) {
		if (!old[i].key)
			continue;
		dy_map_slot *s = find(m, old[i].key, old[i].len, old[i].hash);
		*s = old[i];
	}
	free(old);
}

void **dy_map_put(dy_map *m, const char *key, size_t len, int *created)
{
	if ((m->count + 1) * 4 >= m->cap * 3)
		rehash(m, m->cap ? m->cap * 2 : 64);
	uint32_t h = dy_hash(key, len);
	dy_map_slot *s = find(m, key, len, h);
	if (created)
		*created = !s->key;
	if (!s->key) {
		s->key = key;
		s->len = (uint32_t)len;
		s->hash = h;
		s->val = NULL;
		m->count++;
	}
	return &s->val;
}

void dy_map_set(dy_map *m, const char *key, size_t len, void *val)
{
	*dy_map_put(m, key, len, NULL) = val;
}

void dy_map_each(const dy_map *m, void (*fn)(const char *, size_t, void *, void *), void *ctx)
{
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			fn(m->slots[i].key, m->slots[i].len, m->slots[i].val, ctx);
}

void dy_intern_init(dy_interner *in)
{
	dy_map_init(&in->map);
	dy_arena_init(&in->arena);
}

void dy_intern_release(dy_interner *in)
{
	dy_map_release(&in->map);
	dy_arena_release(&in->arena);
}

const char *dy_intern(dy_interner *in, const char *s, size_t n)
{
	const char *found = dy_map_get(&in->map, s, n);
	if (found)
		return found;
	char *copy = dy_arena_strndup(&in->arena, s, n);
	dy_map_set(&in->map, copy, n, copy);
	return copy;
}

const char *dy_intern_find(const dy_interner *in, const char *s, size_t n)
{
	return dy_map_get(&in->map, s, n);
}
