/* coder.c - finding events in one sentence: pattern matching, source and
 * target, passive voice, negation, coordination, event nouns. */
#include "event/coder.h"

#include <string.h>

#include "base/mem.h"

#define GAP_WORDS 3    /* tokens that may stand between two pattern words */
#define GAP_STAR 6     /* ... after a '*' */
#define TARGET_LEAD 5  /* tokens that may stand before the target at a '+' */
#define TARGET_REACH 14 /* how far after the pattern a target may be */

static int is(const dy_token *t, const char *w)
{
	return strcmp(t->lower, w) == 0;
}

static int lemma_is(const dy_token *t, const char *w)
{
	return t->lemma && strcmp(t->lemma, w) == 0;
}

/* A token that ends the clause a pattern or a target search may span. */
static int clause_break(const dy_token *t)
{
	return t->tag == DY_TAG_COLON || t->tag == DY_TAG_END || t->tag == DY_TAG_LRB || (t->wc & DY_WC_CLAUSE);
}

static int alt_match(const dy_pitem *it, const dy_token *t)
{
	for (size_t i = 0; i < it->nalts; i++)
		if ((t->lemma && t->lemma == it->alts[i]) || strcmp(t->lower, it->alts[i]) == 0 ||
		    (t->lemma && strcmp(t->lemma, it->alts[i]) == 0))
			return 1;
	return 0;
}

/* The mention starting at token i, or -1. */
static long mention_at(const dy_sent_ctx *c, size_t i)
{
	for (size_t k = 0; k < c->nm; k++)
		if (c->m[k].first == i)
			return (long)k;
	return -1;
}

static long mention_covering(const dy_sent_ctx *c, size_t i)
{
	for (size_t k = 0; k < c->nm; k++)
		if (c->m[k].first <= i && i <= c->m[k].last)
			return (long)k;
	return -1;
}

static int usable(const dy_mention_tok *m)
{
	return m->code != NULL;
}

/* Matches pattern p whose head is at token h. On success fills *end (last
 * token matched) and *tgt (mention index at '+', or -1). */
static int match_pattern(const dy_sent_ctx *c, const dy_pattern *p, size_t h, size_t *end, long *tgt)
{
	size_t pos = h + 1;
	size_t gap = GAP_WORDS;
	*tgt = -1;
	*end = h;
	/* Words before the head, nearest first, each at most one modifier away. */
	size_t back = h;
	for (size_t k = 0; k < p->npre; k++) {
		int ok = 0;
		for (size_t s = 0; s < 2 && back > 0; s++) {
			back--;
			if (alt_match(&p->pre[k], &c->toks[back])) {
				ok = 1;
				break;
			}
			const dy_token *t = &c->toks[back];
			if (!(dy_tag_is_adj(t->tag) || dy_tag_is_noun(t->tag) || t->tag == DY_TAG_CD))
				break;
		}
		if (!ok)
			return 0;
	}
	for (size_t k = 0; k < p->nitems; k++) {
		const dy_pitem *it = &p->items[k];
		if (it->kind == DY_PI_GAP) {
			gap = GAP_STAR;
			continue;
		}
		if (it->kind == DY_PI_TARGET) {
			long found = -1;
			for (size_t i = pos; i < c->n && i <= pos + TARGET_LEAD; i++) {
				long mk = mention_at(c, i);
				if (mk >= 0 && usable(&c->m[mk])) {
					found = mk;
					break;
				}
				const dy_token *t = &c->toks[i];
				if (clause_break(t) || dy_tag_is_verb(t->tag))
					break;
			}
			if (found < 0)
				return 0;
			*tgt = found;
			pos = c->m[found].last + 1;
			*end = c->m[found].last;
			gap = GAP_WORDS;
			continue;
		}
		size_t limit = pos + gap;
		size_t i = pos;
		int ok = 0;
		for (; i < c->n && i <= limit; i++) {
			const dy_token *t = &c->toks[i];
			if (alt_match(it, t)) {
				ok = 1;
				/* "expelled 23 Russian diplomats": a pattern word inside an
				 * actor makes that actor the target. */
				long mk = mention_covering(c, i);
				if (mk >= 0 && *tgt < 0 && usable(&c->m[mk]))
					*tgt = mk;
				break;
			}
			if (clause_break(t) || t->tag == DY_TAG_COMMA)
				break;
			/* Words of a pattern do not reach over another verb, except
			 * participles used as adjectives and "to" infinitives. */
			if (dy_tag_is_verb(t->tag) && t->tag != DY_TAG_VBN && t->tag != DY_TAG_VBG)
				break;
		}
		if (!ok)
			return 0;
		pos = i + 1;
		*end = i;
		gap = GAP_WORDS;
	}
	return 1;
}

/* Is the verb at h negated ("did not recognise", "never signed", "refused to sign")? */
static int negated(const dy_sent_ctx *c, size_t h)
{
	for (size_t k = 1; k <= 5 && k <= h; k++) {
		const dy_token *t = &c->toks[h - k];
		if (t->wc & DY_WC_NEG)
			return 1;
		/* "had no plans to recognise", "has no intention of signing". */
		if (dy_tag_is_noun(t->tag) && (c->toks[h - k + 1].wc & (DY_WC_TO | DY_WC_OF))) {
			/* "had no (legal) plans to recognise", "no intention of signing". */
			size_t j = h - k;
			while (j > 0 && dy_tag_is_adj(c->toks[j - 1].tag))
				j--;
			return j > 0 && (c->toks[j - 1].wc & DY_WC_NEG);
		}
		if ((lemma_is(t, "refuse") || lemma_is(t, "fail") || lemma_is(t, "decline")) && k <= 2)
			return 1;
		if (t->tag == DY_TAG_COMMA || clause_break(t) || mention_covering(c, h - k) >= 0)
			return 0;
		if (!(dy_tag_is_adv(t->tag) || t->tag == DY_TAG_MD || dy_tag_is_verb(t->tag) || t->tag == DY_TAG_TO))
			return 0;
	}
	return 0;
}

/* "capable of fighting", "able to recognise": an ability, not an act. */
static int hypothetical(const dy_sent_ctx *c, size_t h)
{
	if (h < 2)
		return 0;
	const dy_token *p1 = &c->toks[h - 1], *p2 = &c->toks[h - 2];
	if (dy_tag_is_adv(p1->tag) && h >= 3) {
		p1 = p2;
		p2 = &c->toks[h - 3];
	}
	/* "easier to trade with", "hard to reach": nobody in particular acts. */
	if (is(p1, "to") && (p2->tag == DY_TAG_JJ || p2->tag == DY_TAG_JJR) && !is(p2, "ready") &&
	    !is(p2, "prepared") && !is(p2, "willing") && !is(p2, "due"))
		return 1;
	if (is(p1, "of") && (is(p2, "capable") || is(p2, "incapable") || lemma_is(p2, "capability")))
		return 1;
	if (is(p1, "to") && (is(p2, "able") || is(p2, "unable") || lemma_is(p2, "ability") ||
			     lemma_is(p2, "capacity") || lemma_is(p2, "inability")))
		return 1;
	return 0;
}

/* "Iran denied (accusations) that it had supplied weapons": what is
 * denied did not happen, as far as the text says. */
static int denied(const dy_sent_ctx *c, size_t h)
{
	for (size_t i = h; i-- > 0;) {
		const dy_token *t = &c->toks[i];
		if (t->tag == DY_TAG_END || t->tag == DY_TAG_COLON)
			return 0;
		if (!(t->wc & DY_WC_SUBORD) || !(t->wc & DY_WC_CLAUSE))
			continue;
		/* A "that" clause: is it the complement of a denial? */
		for (size_t j = i; j-- > 0 && j + 4 >= i;) {
			const dy_token *v = &c->toks[j];
			if (lemma_is(v, "deny") || lemma_is(v, "dismiss") || lemma_is(v, "refute") ||
			    lemma_is(v, "denial") || (lemma_is(v, "reject") && i > j + 1))
				return 1;
		}
		return 0;
	}
	return 0;
}

/* Passive: a participle after a form of "be" ("was received by"), or a
 * reduced relative ("the dialogue, hosted by Uzbekistan"). Returns 1 for
 * the first, 2 for the second, 0 for active. */
static int passive(const dy_sent_ctx *c, size_t h)
{
	/* The tagger often takes a reduced relative for a past tense: "the
	 * dialogue, hosted by Uzbekistan" with "hosted" as VBD. */
	if (c->toks[h].tag == DY_TAG_VBD && h > 0 && h + 1 < c->n && is(&c->toks[h + 1], "by") &&
	    (c->toks[h - 1].tag == DY_TAG_COMMA ||
	     (dy_tag_is_noun(c->toks[h - 1].tag) && mention_covering(c, h - 1) < 0)))
		return 2;
	if (c->toks[h].tag != DY_TAG_VBN && c->toks[h].tag != DY_TAG_VBD)
		return 0;
	for (size_t k = 1; k <= 4 && k <= h; k++) {
		const dy_token *t = &c->toks[h - k];
		if (lemma_is(t, "be") || lemma_is(t, "get"))
			return 1;
		if (lemma_is(t, "have"))
			return 0;
		if (!(dy_tag_is_adv(t->tag) || is(t, "not") || is(t, "n't") || t->tag == DY_TAG_MD))
			break;
	}
	if (c->toks[h].tag == DY_TAG_VBD)
		return 0;
	/* Reduced relative: needs a "by" phrase after the verb. */
	for (size_t i = h + 1; i < c->n && i <= h + 3; i++)
		if (is(&c->toks[i], "by"))
			return 2;
	return 0;
}

/* The "by" agent after token from: the first usable mention after "by". */
static long by_agent(const dy_sent_ctx *c, size_t from)
{
	for (size_t i = from; i < c->n && i <= from + 8; i++) {
		if (clause_break(&c->toks[i]))
			return -1;
		if (!(c->toks[i].wc & DY_WC_BY))
			continue;
		for (size_t j = i + 1; j < c->n && j <= i + 5; j++) {
			long mk = mention_at(c, j);
			if (mk >= 0 && usable(&c->m[mk]))
				return mk;
			if (clause_break(&c->toks[j]))
				break;
		}
		return -1;
	}
	return -1;
}

/* The first finite verb of the sentence before h, or h. */
static size_t first_verb(const dy_sent_ctx *c, size_t h)
{
	for (size_t i = 0; i < h; i++) {
		int tg = c->toks[i].tag;
		if ((tg == DY_TAG_VBD || tg == DY_TAG_VBZ || tg == DY_TAG_VBP || tg == DY_TAG_MD) &&
		    mention_covering(c, i) < 0)
			return i;
	}
	return h;
}

static long subject_scan(const dy_sent_ctx *c, size_t h, int depth);

/* The subject of a verb at h: the nearest usable mention before it that is
 * not a prepositional object, a place, a possessor or the object of another
 * verb; none when a noun that is no actor stands right before the verb. */
static long subject_of(const dy_sent_ctx *c, size_t h)
{
	return subject_scan(c, h, 0);
}

static long subject_scan(const dy_sent_ctx *c, size_t h, int depth)
{
	/* A gerund after a preposition takes the nearest actor, subject or
	 * object: "Moscow responded by inviting", "criticised Moscow for hosting". */
	int gerund_pp = c->toks[h].tag == DY_TAG_VBG && h > 0 && c->toks[h - 1].tag == DY_TAG_IN;
	/* Right before the verb (past adverbs, auxiliaries and modals). */
	for (size_t i = h; i-- > 0;) {
		const dy_token *t = &c->toks[i];
		if (dy_tag_is_adv(t->tag) || t->tag == DY_TAG_MD || (t->wc & (DY_WC_NEG | DY_WC_AUX)))
			continue;
		/* "bne IntelliNews warned": a noun that is no actor is the subject;
		 * so is a pronoun that stands for no actor ("they could threaten"). */
		long mc = mention_covering(c, i);
		if (dy_tag_is_noun(t->tag) && mc < 0)
			return -1;
		if (t->tag == DY_TAG_PRP && (mc < 0 || !usable(&c->m[mc])))
			return -1;
		/* "the summit, which was hosted by": the relative pronoun's noun. */
		if (t->tag == DY_TAG_WDT || t->tag == DY_TAG_WP) {
			size_t j = i;
			if (j > 0 && c->toks[j - 1].tag == DY_TAG_COMMA)
				j--;
			long mk = j > 0 ? mention_covering(c, j - 1) : -1;
			if (mk >= 0 && usable(&c->m[mk]) && !(c->m[mk].flags & DY_MN_PLACE))
				return mk;
			return -1;
		}
		/* "X said ... and urged": coordinated verbs share the first one's subject. */
		if ((t->wc & DY_WC_AND) && depth == 0) {
			size_t fv = first_verb(c, i);
			if (fv < i)
				return subject_scan(c, fv, 1);
		}
		break;
	}
	/* "commits Washington to pull its troops out", "invited Russian
	 * companies to invest": the actor right before "to" does it. */
	if (h >= 2 && (c->toks[h - 1].wc & DY_WC_TO) && c->toks[h].tag == DY_TAG_VB) {
		long mk = mention_covering(c, h - 2);
		if (mk >= 0 && usable(&c->m[mk]) && !(c->m[mk].flags & (DY_MN_PLACE | DY_MN_ADJ)))
			return mk;
	}
	for (long k = (long)c->nm - 1; k >= 0; k--) {
		const dy_mention_tok *m = &c->m[k];
		if (m->last >= h)
			continue;
		/* Nothing reaches back over a semicolon or the start of a quotation. */
		for (size_t i = m->last + 1; i < h; i++) {
			const dy_token *t = &c->toks[i];
			if (t->tag == DY_TAG_COLON || (t->flags & DY_TOK_QOPEN))
				return -1;
		}
		if (!usable(m) || (m->flags & (DY_MN_INPP | DY_MN_PLACE)))
			continue;
		if ((m->flags & DY_MN_POSS) && m->last + 1 < h)
			continue; /* "Russia's announcement that it ...": a possessor is not a subject */
		if (m->flags & DY_MN_ADJ)
			continue;
		/* "the US withdrawal": an actor modifying a noun is not the subject. */
		if (m->last + 1 < h && dy_tag_is_noun(c->toks[m->last + 1].tag) && mention_covering(c, m->last + 1) < 0)
			continue;
		/* The object of an earlier verb is not this verb's subject. */
		if (!gerund_pp && m->last + 1 < h) {
			size_t f = m->first;
			while (f > 0 && (c->toks[f - 1].tag == DY_TAG_DT || dy_tag_is_adj(c->toks[f - 1].tag) ||
					 c->toks[f - 1].tag == DY_TAG_CD))
				f--;
			if (f > 0 && dy_tag_is_verb(c->toks[f - 1].tag) && !(c->toks[f - 1].wc & DY_WC_AUX))
				continue;
		}
		return k;
	}
	return -1;
}

/* The first usable mention after token from in the same clause. Places
 * count only when allow_place; *place tells whether one was used. */
static int is_violent(const dy_pattern *p)
{
	return p->cameo && p->cameo->root && p->cameo->root[0] >= '1' &&
	       (strcmp(p->cameo->root, "18") == 0 || strcmp(p->cameo->root, "19") == 0 ||
		strcmp(p->cameo->root, "20") == 0);
}

/* Whether token t is a noun that names violence ("attack", "bombing"). */
static int violent_noun(const dy_sent_ctx *c, const dy_token *t)
{
	if (!dy_tag_is_noun(t->tag) || !t->lemma)
		return 0;
	const dy_pattern_list *pl = dy_verbs_heads(c->verbs, t->lemma, 1);
	for (size_t k = 0; pl && k < pl->n; k++)
		if (pl->items[k]->cameo && is_violent(pl->items[k]))
			return 1;
	return 0;
}

static long target_after(const dy_sent_ctx *c, size_t from, long not_this, int allow_place, int *place)
{
	long place_k = -1;
	*place = 0;
	for (size_t i = from; i < c->n && i <= from + TARGET_REACH; i++) {
		const dy_token *t = &c->toks[i];
		/* "condemned the attack on Kabul": the victim of the attack is not
		 * the one condemned; only "the attack by X" names a target. */
		if (!allow_place && violent_noun(c, t) && mention_covering(c, i) < 0) {
			long by = by_agent(c, i + 1);
			if (by >= 0 && by != not_this)
				return by;
			return -1;
		}
		long mk = mention_at(c, i);
		if (mk >= 0 && mk != not_this && usable(&c->m[mk])) {
			if (!(c->m[mk].flags & DY_MN_PLACE))
				return mk;
			/* "near the Afghan border": a demonym describing a place is no victim. */
			if (place_k < 0 && !(c->m[mk].flags & DY_MN_ADJ))
				place_k = mk;
		}
		if (clause_break(t))
			break;
		/* ", brushing aside ...": a participle after a comma starts another clause. */
		if (t->tag == DY_TAG_COMMA && i + 1 < c->n && c->toks[i + 1].tag == DY_TAG_VBG)
			break;
		/* A finite verb after the first few words starts another clause. */
		if ((t->tag == DY_TAG_VBD || t->tag == DY_TAG_VBZ || t->tag == DY_TAG_VBP) && i > from + 1)
			break;
	}
	if (allow_place && place_k >= 0) {
		*place = 1;
		return place_k;
	}
	return -1;
}

/* Whether mentions a and b (b after a) are linked as members of a list:
 * adjacent but for "and", commas and "the". *conj tells whether "and" was
 * among the words between. */
static int list_link(const dy_sent_ctx *c, const dy_mention_tok *a, const dy_mention_tok *b, int *conj)
{
	*conj = 0;
	if (!usable(a) || !usable(b) || b->first < a->last + 2 || b->first > a->last + 3)
		return 0;
	for (size_t i = a->last + 1; i < b->first; i++) {
		const dy_token *t = &c->toks[i];
		if (t->wc & DY_WC_AND)
			*conj = 1;
		else if (!(t->tag == DY_TAG_COMMA || (t->wc & DY_WC_THE)))
			return 0;
	}
	return 1;
}

/* Mentions coordinated with mention k ("Uzbekistan and Turkmenistan"). */
static size_t conjuncts(const dy_sent_ctx *c, long k, long *out, size_t max)
{
	size_t n = 0;
	int conj;
	out[n++] = k;
	/* Backwards: "A, B and C" - the link next to C must be "and"; a comma
	 * alone ("Afghanistan, Pakistani officials") is no list. A
	 * prepositional object joins only a list that is one too. */
	for (long j = k - 1; j >= 0 && n < max; j--) {
		const dy_mention_tok *a = &c->m[j];
		if (!list_link(c, a, &c->m[j + 1], &conj) || (j == k - 1 && !conj) ||
		    ((a->flags & DY_MN_INPP) && !(c->m[k].flags & DY_MN_INPP)) ||
		    (a->flags & DY_MN_PLACE) != (c->m[k].flags & DY_MN_PLACE))
			break;
		out[n++] = j;
	}
	/* Forwards: a list goes on with commas and ends with "and". */
	for (long j = k + 1; j < (long)c->nm && n < max; j++) {
		if (!list_link(c, &c->m[j - 1], &c->m[j], &conj) || (c->m[j].flags & DY_MN_POSS))
			break;
		int more = 0;
		if (!conj)
			for (long q = j + 1; q < (long)c->nm && q <= j + 4; q++)
				for (size_t i = c->m[q - 1].last + 1; i < c->m[q].first && i < c->n; i++)
					if (c->toks[i].wc & DY_WC_AND)
						more = 1;
		if (!conj && !more)
			break;
		out[n++] = j;
	}
	return n;
}

/* For an event noun: the possessor or adjective actor before it, "by X"
 * after it, or the claimant in "claimed responsibility for the ...". */
static long noun_source(const dy_sent_ctx *c, size_t h, size_t end)
{
	size_t i = h;
	size_t np_start = h;
	for (size_t s = 0; s < 6 && i > 0; s++) {
		i--;
		long mk = mention_covering(c, i);
		if (mk >= 0) {
			const dy_mention_tok *m = &c->m[mk];
			if (usable(m) && (m->flags & (DY_MN_POSS | DY_MN_ADJ)))
				return mk;
			/* "the Russian recognition": a bare country before the noun. */
			if (usable(m) && m->last + 1 == h && !(m->flags & DY_MN_INPP))
				return mk;
			break;
		}
		const dy_token *t = &c->toks[i];
		if (!(dy_tag_is_adj(t->tag) || t->tag == DY_TAG_NN || t->tag == DY_TAG_NNP || t->tag == DY_TAG_CD ||
		      t->tag == DY_TAG_DT || t->tag == DY_TAG_VBN || t->tag == DY_TAG_VBG || t->tag == DY_TAG_POS))
			break;
		np_start = i;
	}
	long by = by_agent(c, end + 1);
	if (by >= 0)
		return by;
	/* "X claimed (responsibility for) the attack(s)": the claimant did it. */
	for (size_t v = np_start; v-- > 0;) {
		const dy_token *t = &c->toks[v];
		if (t->tag == DY_TAG_COLON || t->tag == DY_TAG_END)
			break;
		if (dy_tag_is_verb(t->tag) && (lemma_is(t, "claim") ||
					       ((lemma_is(t, "take") || lemma_is(t, "accept")) && v + 1 < c->n &&
						lemma_is(&c->toks[v + 1], "responsibility"))))
			return subject_of(c, v);
	}
	return -1;
}


static void trace_tokens(dy_buf *b, const dy_sent_ctx *c, size_t first, size_t last)
{
	for (size_t i = first; i <= last && i < c->n; i++) {
		if (i > first)
			dy_buf_addc(b, ' ');
		dy_buf_add(b, c->text + c->toks[i].start, c->toks[i].end - c->toks[i].start);
	}
}

size_t dy_code_sentence(const dy_sent_ctx *c, dy_arena *a, dy_raw_event **out)
{
	size_t cap = 8, ne = 0;
	dy_raw_event *ev = dy_arena_alloc(a, cap * sizeof(*ev));
	/* Tokens inside a verb pattern that fired are not coded again as nouns. */
	uint8_t *used = dy_arena_calloc(a, c->n + 1, 1);
	for (int pass = 0; pass < 2; pass++) {
		int noun = pass == 1;
		for (size_t h = 0; h < c->n; h++) {
			const dy_token *t = &c->toks[h];
			if (!t->lemma || used[h])
				continue;
			if (noun ? !dy_tag_is_noun(t->tag) : !dy_tag_is_verb(t->tag))
				continue;
			if (mention_covering(c, h) >= 0)
				continue;
			const dy_pattern_list *pl = dy_verbs_heads(c->verbs, t->lemma, noun);
			if (!pl)
				continue;
			const dy_pattern *best = NULL;
			size_t best_end = h;
			long best_tgt = -1;
			for (size_t k = 0; k < pl->n; k++) {
				size_t end;
				long tg;
				if (match_pattern(c, pl->items[k], h, &end, &tg)) {
					best = pl->items[k];
					best_end = end;
					best_tgt = tg;
					break; /* longest first */
				}
			}
			if (c->trace) {
				dy_buf_addf(c->trace, "  %s '", noun ? "noun" : "verb");
				trace_tokens(c->trace, c, h, h);
				dy_buf_addf(c->trace, "' (lemma %s): %zu pattern%s tried", t->lemma, pl->n,
					    pl->n == 1 ? "" : "s");
				if (best)
					dy_buf_addf(c->trace, ", matched %s \"%s\" [%s]\n", best->rule, best->text,
						    best->cameo ? best->cameo->code : "no event");
				else
					dy_buf_adds(c->trace, ", none matched\n");
			}
			if (!best)
				continue;
			if (!best->cameo) {
				for (size_t i = h; i <= best_end; i++)
					used[i] = 1;
				continue;
			}
			if (!noun && negated(c, h)) {
				if (c->trace)
					dy_buf_adds(c->trace, "    negated: no event\n");
				continue;
			}
			if (!noun && denied(c, h)) {
				if (c->trace)
					dy_buf_adds(c->trace, "    denied: no event\n");
				continue;
			}
			if (!noun && hypothetical(c, h)) {
				if (c->trace)
					dy_buf_adds(c->trace, "    an ability, not an act: no event\n");
				continue;
			}
			long src = -1, tgt = best_tgt;
			int place = 0;
			if (noun) {
				src = noun_source(c, h, best_end);
				if (tgt < 0)
					tgt = target_after(c, best_end + 1, src, is_violent(best), &place);
			} else {
				int pv = passive(c, h);
				if (pv) {
					src = by_agent(c, h + 1);
					long subj = -1;
					if (pv == 1)
						subj = subject_of(c, h);
					else if (h >= 1) {
						/* Reduced relative: the noun just before is the subject. */
						size_t j = h - 1;
						if (c->toks[j].tag == DY_TAG_COMMA && j > 0)
							j--;
						long mk = mention_covering(c, j);
						if (mk >= 0 && usable(&c->m[mk]))
							subj = mk;
					}
					/* In the passive the '+' may have caught the "by" actor: the
					 * grammatical subject is the target then. */
					if (tgt < 0 || tgt == src)
						tgt = subj;
					if (tgt < 0 || tgt == src) {
						size_t from = src >= 0 ? c->m[src].last + 1 : best_end + 1;
						tgt = target_after(c, from, src, is_violent(best), &place);
					}
				} else {
					src = subject_of(c, h);
					/* "warned that ...": what follows is what was said, not a target. */
					if (tgt < 0 && !(best_end > h && (c->toks[best_end].wc & DY_WC_CLAUSE)))
						tgt = target_after(c, best_end + 1, src, is_violent(best), &place);
				}
			}
			if (tgt >= 0 && (c->m[tgt].flags & DY_MN_PLACE) && !place) {
				/* A place is a target only of violence, and then it is the
				 * country that is attacked, not its government. */
				if (is_violent(best))
					place = 1;
				else
					tgt = -1;
			}
			/* "Kyrgyzstan and Tajikistan signed an agreement", "clashes between
			 * the Taliban and Iranian border guards": with no other party,
			 * the members of a list act on each other. */
			if (tgt < 0 && src >= 0 && !noun) {
				long tmp[8];
				if (conjuncts(c, src, tmp, 8) >= 2)
					tgt = src;
			}
			if (src < 0 && tgt >= 0 && noun && best_end + 1 < c->n) {
				long tmp[8];
				size_t b = c->m[tgt].first;
				if (b > 0 && strcmp(c->toks[b - 1].lower, "between") == 0 && conjuncts(c, tgt, tmp, 8) >= 2)
					src = tgt;
			}
			if (src < 0 || tgt < 0) {
				if (c->trace)
					dy_buf_addf(c->trace, "    no %s: no event\n", src < 0 ? "source" : "target");
				continue;
			}
			long srcs[8], tgts[8];
			size_t ns = conjuncts(c, src, srcs, 8);
			size_t nt = conjuncts(c, tgt, tgts, 8);
			for (size_t i = h; i <= best_end; i++)
				used[i] = 1;
			size_t before = ne;
			for (size_t si = 0; si < ns; si++)
				for (size_t ti = 0; ti < nt; ti++) {
					const dy_mention_tok *ms = &c->m[srcs[si]], *mt = &c->m[tgts[ti]];
					const char *tcode = mt->code;
					if (place) {
						/* An attack in a place targets the country, not its government. */
						char *cc = dy_arena_alloc(a, 4);
						memcpy(cc, mt->code, 3);
						cc[3] = 0;
						tcode = cc;
					}
					if (strcmp(ms->code, tcode) == 0 || srcs[si] == tgts[ti])
						continue; /* also skips each member acting on itself in a reciprocal list */
					/* "Washington ... justify the presence of its forces": a
					 * pronoun for the source itself is no other party. */
					if ((mt->flags & DY_MN_PRONOUN) && mt->actor && mt->actor == ms->actor)
						continue;
					int dup = 0;
					for (size_t q = 0; q < ne; q++)
						if (ev[q].pattern->cameo == best->cameo &&
						    strcmp(c->m[ev[q].src].code, ms->code) == 0 &&
						    strcmp(ev[q].tgt_code ? ev[q].tgt_code : c->m[ev[q].tgt].code, tcode) == 0)
							dup = 1;
					if (dup)
						continue;
					if (ne == cap) {
						dy_raw_event *nev = dy_arena_alloc(a, cap * 2 * sizeof(*ev));
						memcpy(nev, ev, cap * sizeof(*ev));
						ev = nev;
						cap *= 2;
					}
					dy_raw_event *e = &ev[ne++];
					e->pattern = best;
					e->src = (size_t)srcs[si];
					e->tgt = (size_t)tgts[ti];
					e->trig_first = (uint32_t)h;
					e->trig_last = (uint32_t)best_end;
					e->tgt_code = place ? tcode : NULL;
					if (c->trace)
						dy_buf_addf(c->trace, "    event %s %s -> %s\n", best->cameo->code, ms->code,
							    tcode);
				}
			if (ne == before && c->trace)
				dy_buf_adds(c->trace, "    source and target are the same actor (or coded already): no event\n");
		}
	}
	*out = ev;
	return ne;
}
