/* records_int.h - the common part of the record readers (tabari.c, petrarch.c). */
#ifndef DY_RECORDS_INT_H
#define DY_RECORDS_INT_H

#include "io/records.h"

struct dy_recfile {
	int (*next)(dy_recfile *f, dy_doc *doc, dy_error *err);
	void (*close)(dy_recfile *f);
	const char *parse;
};

#endif
