/* tag_int.h - helpers shared by the tagger and the lexicon; not part of the
 * interface (dy__ names are internal to src/tag).
 */
#ifndef DY_TAG_INT_H
#define DY_TAG_INT_H

#include <stddef.h>

#include "base/error.h"

/* A model file, mapped read-only into memory (or read into the heap when
 * it cannot be mapped). data is NOT NUL-terminated: use len. Mapping
 * matters for load time: the pages come from the page cache in large
 * batches instead of being faulted in one by one as a copy would be. */
typedef struct dy__file {
	const char *data;
	size_t len;
	void *map;      /* the mapping, or NULL */
	char *heap;     /* the copy, or NULL */
} dy__file;

/* Opens path; returns 0, or DY_ENOENT/DY_EIO with err filled
 * ("cannot open 'path': reason"). */
int dy__file_open(dy__file *f, const char *path, dy_error *err);
void dy__file_close(dy__file *f);

/* Joins dir and name into buf (size n); returns 0, or DY_EINVAL with err
 * filled when the path does not fit. */
int dy__path(char *buf, size_t n, const char *dir, const char *name, dy_error *err);

/* The directory to load from: dir if not NULL, else $env if set and not
 * empty, else def. */
const char *dy__data_dir(const char *dir, const char *env, const char *def);

#endif
