/* pipeline.h - what the command line may ask a loaded coder beyond dyad.h.
 *
 * dy_coder_load reads dyad's own dictionaries with dyad's own coder, or,
 * when the dictionaries it is given are TABARI's or PETRARCH's (by
 * content, dy_compat_wanted), holds the TABARI/PETRARCH coder of
 * compat/compat.h instead; dy_worker_code then codes with that. The
 * commands reach the compat coder's extras (the malformed lines it
 * skipped, a project's text files, the files it read) through here.
 */
#ifndef DY_PIPELINE_H
#define DY_PIPELINE_H

#include "compat/compat.h"
#include "dyad.h"

/* The TABARI/PETRARCH coder c codes with, or NULL when c is dyad's own.
 * It lives as long as c. */
const dy_compat *dy_coder_compat(const dy_coder *c);

#endif
