/* size.h - counts of the dead, the injured and the arrested in a sentence
 * (PLOVER's size fields), and the event each count belongs to.
 *
 * A count is a number with the word that says what happened to whom it
 * counts, in one of these shapes:
 *   killed 30 people, killing at least 12, arrested 11 suspects,
 *   wounded dozens                          the verb, then the number
 *   30 people were killed, 12 soldiers died, 40 dead, 50 injured,
 *   dozens of civilians were wounded        the number, then the word
 *   left more than 140 people ... dead      "left" + number ... dead/injured
 *   30 deaths, 12 fatalities, 11 arrests,
 *   claimed 30 lives, the death toll rose to 30
 * Numbers are digits ("1,200"), words ("thirty-five", "two hundred"),
 * with "million"/"thousand", or vague words, which count as the smallest
 * number they allow and are named as the qualifier: "a dozen" 12,
 * "dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2000. A
 * qualifier before the number is kept in a normal form: "more than"
 * (more than, over, upwards of), "at least", "about" (about, around,
 * approximately, roughly, some, an estimated), "nearly" (nearly, almost,
 * close to), "up to" (up to, as many as), "fewer than" (fewer than, less
 * than). Years, money and percentages are not counts. "No one was
 * killed" gives no count.
 *
 * Killed and injured counts belong to a violent event (CAMEO roots 18,
 * 19, 20 and 175), arrests to an arrest (173); of several, the one whose
 * words are nearest. Nothing is allocated.
 */
#ifndef DY_SIZE_H
#define DY_SIZE_H

#include <stddef.h>
#include <stdint.h>

#include "text/text.h"

enum { DY_COUNT_KILLED, DY_COUNT_INJURED, DY_COUNT_ARRESTED };

typedef struct dy_count {
	uint8_t kind;          /* DY_COUNT_* */
	long n;                /* the number (the lower bound for vague words) */
	const char *qualifier; /* a static string ("more than", "dozens") or NULL */
	uint32_t first, last;  /* tokens of the number and its qualifier */
	uint32_t cue;          /* token of the word that says what happened */
} dy_count;

#define DY_COUNT_MAX 8

/* Finds the counts of one sentence (tagged, lemmatised tokens); writes
 * at most cap to out and returns how many. */
size_t dy_counts_find(const dy_token *toks, size_t n, dy_count *out, size_t cap);

/* Whether an event with this CAMEO code can carry a count of this kind. */
int dy_count_fits(int kind, const char *cameo);

/* Of nev events (their CAMEO codes and first trigger tokens) in the
 * count's sentence, the one the count belongs to, or -1. */
int dy_count_event(const dy_count *c, const char *const *codes, const uint32_t *trigs, size_t nev);

#endif
