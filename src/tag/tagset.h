/* tagset.h - the Penn Treebank part-of-speech tags dyad uses.
 *
 * The tagger maps the model's own tag names onto these; everything after
 * the tagger speaks only DY_TAG_*. dy_tag_name() gives the Penn name.
 */
#ifndef DY_TAGSET_H
#define DY_TAGSET_H

#define DY_TAGS(X) \
	X(NONE, "?") X(CC, "CC") X(CD, "CD") X(DT, "DT") X(EX, "EX") X(FW, "FW") X(IN, "IN") \
	X(JJ, "JJ") X(JJR, "JJR") X(JJS, "JJS") X(LS, "LS") X(MD, "MD") X(NN, "NN") \
	X(NNS, "NNS") X(NNP, "NNP") X(NNPS, "NNPS") X(PDT, "PDT") X(POS, "POS") X(PRP, "PRP") \
	X(PRPS, "PRP$") X(RB, "RB") X(RBR, "RBR") X(RBS, "RBS") X(RP, "RP") X(SYM, "SYM") \
	X(TO, "TO") X(UH, "UH") X(VB, "VB") X(VBD, "VBD") X(VBG, "VBG") X(VBN, "VBN") \
	X(VBP, "VBP") X(VBZ, "VBZ") X(WDT, "WDT") X(WP, "WP") X(WPS, "WP$") X(WRB, "WRB") \
	X(COMMA, ",") X(END, ".") X(COLON, ":") X(LQUOTE, "``") X(RQUOTE, "''") \
	X(LRB, "-LRB-") X(RRB, "-RRB-") X(DOLLAR, "$") X(HASH, "#")

enum dy_tag {
#define DY_TAG_ENUM(name, str) DY_TAG_##name,
	DY_TAGS(DY_TAG_ENUM)
#undef DY_TAG_ENUM
	DY_TAG_COUNT
};

const char *dy_tag_name(int tag);

static inline int dy_tag_is_verb(int t) { return t >= DY_TAG_VB && t <= DY_TAG_VBZ; }
static inline int dy_tag_is_noun(int t) { return t >= DY_TAG_NN && t <= DY_TAG_NNPS; }
static inline int dy_tag_is_adj(int t) { return t >= DY_TAG_JJ && t <= DY_TAG_JJS; }
static inline int dy_tag_is_adv(int t) { return t >= DY_TAG_RB && t <= DY_TAG_RBS; }

#endif
