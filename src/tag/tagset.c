#include "tag/tagset.h"

static const char *const dy_tag_names[DY_TAG_COUNT] = {
#define DY_TAG_STR(name, str) str,
	DY_TAGS(DY_TAG_STR)
#undef DY_TAG_STR
};

const char *dy_tag_name(int tag)
{
	if (tag < 0 || tag >= DY_TAG_COUNT)
		return dy_tag_names[DY_TAG_NONE];
	return dy_tag_names[tag];
}
