/* wordclass.c - the function words later stages ask about, as bits. */
#include <pthread.h>
#include <string.h>

#include "base/map.h"
#include "text/text.h"

static const struct {
	const char *word;
	uint16_t wc;
} words[] = {
	{"that", DY_WC_CLAUSE | DY_WC_SUBORD}, {"which", DY_WC_CLAUSE}, {"who", DY_WC_CLAUSE},
	{"whom", DY_WC_CLAUSE}, {"whose", DY_WC_CLAUSE}, {"while", DY_WC_CLAUSE | DY_WC_SUBORD},
	{"because", DY_WC_CLAUSE | DY_WC_SUBORD}, {"although", DY_WC_CLAUSE | DY_WC_SUBORD},
	{"but", DY_WC_CLAUSE}, {"when", DY_WC_CLAUSE}, {"after", DY_WC_CLAUSE}, {"before", DY_WC_CLAUSE},
	{"if", DY_WC_CLAUSE | DY_WC_SUBORD}, {"unless", DY_WC_CLAUSE | DY_WC_SUBORD},
	{"whereas", DY_WC_CLAUSE | DY_WC_SUBORD}, {"whether", DY_WC_SUBORD}, {"though", DY_WC_SUBORD},
	{"as", DY_WC_SUBORD}, {"since", DY_WC_SUBORD}, {"until", DY_WC_SUBORD}, {"so", DY_WC_SUBORD},
	{"once", DY_WC_SUBORD},
	{"not", DY_WC_NEG}, {"n't", DY_WC_NEG}, {"never", DY_WC_NEG}, {"no", DY_WC_NEG},
	{"by", DY_WC_BY}, {"and", DY_WC_AND}, {"the", DY_WC_THE}, {"of", DY_WC_OF}, {"for", DY_WC_FOR},
	{"to", DY_WC_TO},
	{"it", DY_WC_IT}, {"its", DY_WC_IT | DY_WC_POSSPRON},
	{"they", DY_WC_THEY | DY_WC_NOM}, {"their", DY_WC_THEY | DY_WC_POSSPRON}, {"them", DY_WC_THEY},
	{"he", DY_WC_HE | DY_WC_NOM}, {"she", DY_WC_HE | DY_WC_NOM}, {"his", DY_WC_HE | DY_WC_POSSPRON},
	{"him", DY_WC_HE}, {"her", DY_WC_HE | DY_WC_POSSPRON},
	{"in", DY_WC_PLACE}, {"at", DY_WC_PLACE}, {"near", DY_WC_PLACE}, {"outside", DY_WC_PLACE},
	{"across", DY_WC_PLACE}, {"inside", DY_WC_PLACE}, {"throughout", DY_WC_PLACE},
	{"within", DY_WC_PLACE}, {"around", DY_WC_PLACE},
	{"be", DY_WC_AUX}, {"is", DY_WC_AUX}, {"are", DY_WC_AUX}, {"was", DY_WC_AUX}, {"were", DY_WC_AUX},
	{"been", DY_WC_AUX}, {"being", DY_WC_AUX}, {"am", DY_WC_AUX}, {"'re", DY_WC_AUX}, {"'m", DY_WC_AUX},
	{"have", DY_WC_AUX}, {"has", DY_WC_AUX}, {"had", DY_WC_AUX}, {"having", DY_WC_AUX}, {"'ve", DY_WC_AUX},
	{"do", DY_WC_AUX}, {"does", DY_WC_AUX}, {"did", DY_WC_AUX},
	{"get", DY_WC_AUX}, {"got", DY_WC_AUX}, {"gets", DY_WC_AUX}, {"gotten", DY_WC_AUX},
};

static dy_map table;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build(void)
{
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		void **slot = dy_map_put(&table, words[i].word, strlen(words[i].word), NULL);
		*slot = (void *)(uintptr_t)((uintptr_t)*slot | words[i].wc);
	}
}

void dy_wordclass_init(void)
{
	pthread_once(&once, build);
}

void dy_wordclass_assign(dy_token *toks, size_t n)
{
	dy_wordclass_init();
	for (size_t i = 0; i < n; i++) {
		const char *w = toks[i].lower;
		size_t len = strlen(w);
		toks[i].wc = len <= 8 ? (uint16_t)(uintptr_t)dy_map_get(&table, w, len) : 0;
	}
}
