/* when.h - dates in the text: finding temporal expressions in a sentence,
 * resolving them against the document's date, and giving each event the
 * date of its own clause.
 *
 * Forms (case as in news text; month and weekday names capitalised):
 *   ISO            2025-07-04, 2025-07                         day, month
 *   day and month  July 4, July 4th, 4 July, the 4th of July,
 *                  Friday, July 4 (each with an optional year:
 *                  July 4, 2025; 4 July 2025)                  day
 *   month          in April, early April, mid-April, March 2024,
 *                  March of 2024                               month
 *   year           in 2014, since 2022, by 2030, early 2021,
 *                  mid-2023, the 2014 election                 year
 *   weekday        on Saturday, Saturday, last Saturday,
 *                  next Saturday, this Saturday                day
 *   relative       yesterday, today, tomorrow, tonight          day
 *                  last/this/next/past/coming week, earlier
 *                  this week, N days/weeks ago                 day
 *                  last/this/next month, earlier this month,
 *                  later this month, N months ago              month
 *                  last/this/next year, earlier this year,
 *                  N years ago                                 year
 *
 * Resolution against the document's date D:
 *  - A month or weekday without a year is the most recent one not after
 *    D (D's own month or weekday included: "on Monday" in a Monday's
 *    paper is that day), unless the clause points forward ("will",
 *    "shall", "'ll", "going to", "due to", "set to", "scheduled",
 *    "expected to", "plans to", "upcoming", "next"): then the next one
 *    not before D for a month or a day of the month, and strictly after
 *    D for a weekday ("will meet on Monday" written on a Monday is a week
 *    later). "last Monday" is strictly before D, "next Monday" strictly
 *    after. A January paper's "in December" is the previous December.
 *  - Week expressions resolve to a day: "last week" is D minus 7 days,
 *    "this week" and "earlier this week" are D itself, "next week" D
 *    plus 7 (approximate, as the words are).
 *  - Without a document date only expressions that carry a year resolve;
 *    the others are found but have date 0.
 *
 * Thread-safe; nothing is allocated: results go to arrays the caller owns.
 */
#ifndef DY_WHEN_H
#define DY_WHEN_H

#include <stddef.h>
#include <stdint.h>

#include "text/text.h"

enum { DY_PREC_NONE, DY_PREC_YEAR, DY_PREC_MONTH, DY_PREC_DAY };

typedef struct dy_when {
	uint32_t first, last; /* token range [first, last] within the sentence */
	int32_t date;         /* yyyymmdd (month 00 and day 00 below the precision); 0 when unresolved */
	uint8_t precision;    /* DY_PREC_*; NONE when unresolved */
	uint8_t relative;     /* 1 when resolved against the document's date */
} dy_when;

/* The most expressions dy_when_find reports for one sentence. */
#define DY_WHEN_MAX 16

/* Finds the temporal expressions of one sentence (tagged tokens) and
 * resolves them against docdate (yyyymmdd, 0 when the document has no
 * date). Writes at most cap of them to out, in text order; returns how
 * many. */
size_t dy_when_find(const dy_token *toks, size_t n, int32_t docdate, dy_when *out, size_t cap);

/* Which of the sentence's expressions dates an event whose trigger starts
 * at token trig: the nearest in the trigger's clause, else the last one of
 * the clause a "that", "when", "which", "who" or "where" clause hangs
 * from ("in April, when the court removed ..."; "the July 4 announcement
 * that it had recognised ..."). Returns an index into w, or -1 for none
 * (the event keeps the document's date). */
int dy_when_for_event(const dy_token *toks, size_t n, const dy_when *w, size_t nw, uint32_t trig);

/* The clause of token i: [*cs, *ce], where a clause starts at ; : -- ( )
 * or a quotation mark, or at a clause word (that, which, who, when,
 * while, because, but, after, before, if ...; text.h's DY_WC_CLAUSE).
 * Shared by the stages that attach things to events. */
void dy_clause_bounds(const dy_token *toks, size_t n, size_t i, size_t *cs, size_t *ce);

/* Writes date as "YYYY-MM-DD", "YYYY-MM" or "YYYY" by precision into buf
 * (at least 11 bytes); returns buf. */
char *dy_when_format(int32_t date, int precision, char *buf);
/* "day", "month", "year", or NULL for DY_PREC_NONE. */
const char *dy_when_precision_name(int precision);

/* Calendar helpers on yyyymmdd dates (proleptic Gregorian). */
int32_t dy_when_add_days(int32_t date, long days);
/* 0 Monday ... 6 Sunday. */
int dy_when_weekday(int32_t date);
/* 1 when date is a real calendar day. */
int dy_when_valid(int32_t date);

#endif
