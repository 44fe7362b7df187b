/* test_when.c - dates: every form of when.h, resolution against the
 * document's date (year boundaries, weekdays on their own day, tense), and
 * which date an event takes. Sentences are split and tagged as the
 * pipeline does; the tests skip when the tagger's model is not installed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actor/actor.h"
#include "tag/tag.h"
#include "test.h"
#include "tagged.h"
#include "text/text.h"
#include "when/when.h"


/* Splits and tags text (one sentence expected) into T as the pipeline
 * does and finds its date expressions against docdate into w[0..*nw);
 * 0 when the text does not split. */
static int find_dates(const char *text, const char *docdate, dy_when *w, size_t *nw)
{
	if (!tagged_split(text))
		return 0;
	*nw = dy_when_find(T.toks, T.ntoks, dy_date_num(docdate), w, DY_WHEN_MAX);
	return 1;
}

/* The expressions of text resolved against docdate, as
 * "DATE 'words'; ..." (DATE "?" when unresolved). */
static const char *dates(const char *text, const char *docdate)
{
	static char out[1024];
	dy_when w[DY_WHEN_MAX];
	size_t nw;
	out[0] = '\0';
	if (!find_dates(text, docdate, w, &nw))
		return "(no text)";
	for (size_t k = 0; k < nw; k++) {
		char d[16];
		size_t l = strlen(out);
		uint32_t s = T.toks[w[k].first].start, e = T.toks[w[k].last].end;
		snprintf(out + l, sizeof(out) - l, "%s%s '%.*s'", k ? "; " : "",
			 w[k].precision ? dy_when_format(w[k].date, w[k].precision, d) : "?", (int)(e - s), text + s);
	}
	return out;
}

/* The date the event whose trigger is the word `trig` takes. */
static const char *event_date(const char *text, const char *docdate, const char *trig)
{
	static char out[64];
	dy_when w[DY_WHEN_MAX];
	size_t nw;
	if (!find_dates(text, docdate, w, &nw))
		return "(no text)";
	size_t t = 0;
	while (t < T.ntoks && strcmp(T.toks[t].lemma ? T.toks[t].lemma : T.toks[t].lower, trig) != 0)
		t++;
	if (t == T.ntoks)
		return "(no trigger)";
	int k = dy_when_for_event(T.toks, T.ntoks, w, nw, (uint32_t)t);
	if (k < 0)
		return "document";
	return dy_when_format(w[k].date, w[k].precision, out);
}

TEST(calendar)
{
	CHECK_INT(dy_when_weekday(20250707), 0); /* a Monday */
	CHECK_INT(dy_when_weekday(20250706), 6);
	CHECK_INT(dy_when_weekday(20000229), 1);
	CHECK_INT(dy_when_add_days(20250101, -1), 20241231);
	CHECK_INT(dy_when_add_days(20240228, 1), 20240229);
	CHECK_INT(dy_when_add_days(20230228, 1), 20230301);
	CHECK_INT(dy_when_add_days(20251231, 7), 20260107);
	CHECK(dy_when_valid(20240229));
	CHECK(!dy_when_valid(20230229));
	CHECK(!dy_when_valid(20251301));
	char b[16];
	CHECK_STR(dy_when_format(20250704, DY_PREC_DAY, b), "2025-07-04");
	CHECK_STR(dy_when_format(20250400, DY_PREC_MONTH, b), "2025-04");
	CHECK_STR(dy_when_format(20140000, DY_PREC_YEAR, b), "2014");
	CHECK_STR(dy_when_precision_name(DY_PREC_MONTH), "month");
	CHECK(dy_when_precision_name(DY_PREC_NONE) == NULL);
}

TEST(day_and_month)
{
	NEED_TAGGER();
	CHECK_STR(dates("Russia recognised the Taliban on July 4.", "2025-07-07"), "2025-07-04 'July 4'");
	CHECK_STR(dates("Russia recognised the Taliban on July 4th.", "2025-07-07"), "2025-07-04 'July 4th'");
	CHECK_STR(dates("Russia recognised the Taliban on 4 July 2025.", "2025-07-07"), "2025-07-04 '4 July 2025'");
	CHECK_STR(dates("Russia recognised the Taliban on July 4, 2024.", "2025-07-07"), "2024-07-04 'July 4, 2024'");
	CHECK_STR(dates("The talks ended on the 4th of July.", "2025-07-07"), "2025-07-04 '4th of July'");
	CHECK_STR(dates("The talks ended on Friday, July 4.", "2025-07-07"), "2025-07-04 'Friday, July 4'");
	CHECK_STR(dates("The talks ended on Sept. 12.", "2025-10-01"), "2025-09-12 'Sept. 12'");
	/* A day later in the year than the document: last year's. */
	CHECK_STR(dates("The talks ended on July 9.", "2025-07-07"), "2024-07-09 'July 9'");
	/* Not a real day. */
	CHECK_STR(dates("The talks ended on February 30.", "2025-07-07"), "? 'February 30'");
}

TEST(iso_dates)
{
	NEED_TAGGER();
	CHECK_STR(dates("The decree of 2025-04-17 took effect.", "2025-07-07"), "2025-04-17 '2025-04-17'");
	CHECK_STR(dates("The report (2024-11) was cited.", "2025-07-07"), "2024-11 '2024-11'");
	CHECK_STR(dates("The code 2025-13-01 is no date.", "2025-07-07"), "");
}

TEST(months_and_years)
{
	NEED_TAGGER();
	CHECK_STR(dates("The court ruled in April.", "2025-07-07"), "2025-04 'April'");
	CHECK_STR(dates("The assault came in March 2024.", "2025-07-07"), "2024-03 'March 2024'");
	CHECK_STR(dates("The assault came in March of 2024.", "2025-07-07"), "2024-03 'March of 2024'");
	CHECK_STR(dates("Concerns have grown since 2014.", "2025-07-07"), "2014 '2014'");
	CHECK_STR(dates("Talks began in 2014.", "2025-07-07"), "2014 '2014'");
	CHECK_STR(dates("Talks began in early April.", "2025-07-07"), "2025-04 'early April'");
	CHECK_STR(dates("Talks began in mid-April.", "2025-07-07"), "2025-04 'mid-April'");
	CHECK_STR(dates("Talks began in late 2021.", "2025-07-07"), "2021 'late 2021'");
	CHECK_STR(dates("Talks began in mid-2023.", "2025-07-07"), "2023 'mid-2023'");
	CHECK_STR(dates("The 2014 election was disputed.", "2025-07-07"), "2014 '2014'");
	/* Counts and amounts are not years. */
	CHECK_STR(dates("In all, 2014 people fled.", "2025-07-07"), "");
	CHECK_STR(dates("They sent 1500 troops.", "2025-07-07"), "");
	/* "May" the modal, "march" the noun. */
	CHECK_STR(dates("Russia may recognise the Taliban.", "2025-07-07"), "");
	CHECK_STR(dates("The march ended peacefully.", "2025-07-07"), "");
	CHECK_STR(dates("Elections were held in May.", "2025-07-07"), "2025-05 'May'");
	CHECK_STR(dates("The talks ended in May 2023.", "2025-07-07"), "2023-05 'May 2023'");
}

TEST(weekdays)
{
	NEED_TAGGER();
	/* 2025-07-07 is a Monday. */
	CHECK_STR(dates("Russia recognised the Taliban on Friday.", "2025-07-07"), "2025-07-04 'Friday'");
	CHECK_STR(dates("Russia recognised the Taliban on Saturday.", "2025-07-07"), "2025-07-05 'Saturday'");
	/* The document's own weekday: that day when past... */
	CHECK_STR(dates("Russia recognised the Taliban on Monday.", "2025-07-07"), "2025-07-07 'Monday'");
	/* ... next week's when the clause points forward. */
	CHECK_STR(dates("Russia will recognise the Taliban on Monday.", "2025-07-07"), "2025-07-14 'Monday'");
	CHECK_STR(dates("The delegation is due to arrive on Wednesday.", "2025-07-07"), "2025-07-09 'Wednesday'");
	CHECK_STR(dates("Officials said on Friday that talks will resume.", "2025-07-07"), "2025-07-04 'Friday'");
	CHECK_STR(dates("On Thursday, Russia will host the talks.", "2025-07-07"), "2025-07-10 'Thursday'");
	CHECK_STR(dates("Russia recognised the Taliban last Monday.", "2025-07-07"), "2025-06-30 'last Monday'");
	CHECK_STR(dates("Russia recognised the Taliban last Friday.", "2025-07-07"), "2025-07-04 'last Friday'");
	CHECK_STR(dates("The talks resume next Monday.", "2025-07-07"), "2025-07-14 'next Monday'");
}

TEST(relative_days_weeks)
{
	NEED_TAGGER();
	CHECK_STR(dates("Russia recognised the Taliban yesterday.", "2025-07-07"), "2025-07-06 'yesterday'");
	CHECK_STR(dates("Talks resume tomorrow.", "2025-12-31"), "2026-01-01 'tomorrow'");
	CHECK_STR(dates("Russia recognised the Taliban today.", "2025-07-07"), "2025-07-07 'today'");
	CHECK_STR(dates("Russia recognised the Taliban last week.", "2025-07-07"), "2025-06-30 'last week'");
	CHECK_STR(dates("Russia recognised the Taliban earlier this week.", "2025-07-07"),
		  "2025-07-07 'earlier this week'");
	CHECK_STR(dates("Talks resume next week.", "2025-07-07"), "2025-07-14 'next week'");
	CHECK_STR(dates("Russia recognised the Taliban two days ago.", "2025-07-07"), "2025-07-05 'two days ago'");
	CHECK_STR(dates("Russia recognised the Taliban a week ago.", "2025-01-03"), "2024-12-27 'a week ago'");
}

TEST(relative_months_years)
{
	NEED_TAGGER();
	CHECK_STR(dates("The court ruled earlier this month.", "2025-07-07"), "2025-07 'earlier this month'");
	CHECK_STR(dates("The court ruled last month.", "2025-01-15"), "2024-12 'last month'");
	CHECK_STR(dates("The court rules next month.", "2025-12-15"), "2026-01 'next month'");
	CHECK_STR(dates("The court ruled last year.", "2025-01-15"), "2024 'last year'");
	CHECK_STR(dates("The court ruled earlier this year.", "2025-07-07"), "2025 'earlier this year'");
	CHECK_STR(dates("The court ruled three months ago.", "2025-02-15"), "2024-11 'three months ago'");
	CHECK_STR(dates("The court ruled late last year.", "2025-02-15"), "2024 'late last year'");
}

TEST(year_boundaries)
{
	NEED_TAGGER();
	/* A January paper's December is the previous year's. */
	CHECK_STR(dates("The attack came in December.", "2025-01-10"), "2024-12 'December'");
	CHECK_STR(dates("The attack came on December 30.", "2025-01-10"), "2024-12-30 'December 30'");
	CHECK_STR(dates("The attack came in January.", "2025-01-10"), "2025-01 'January'");
	/* A December paper's future January is the next year's. */
	CHECK_STR(dates("Elections will be held in January.", "2025-12-20"), "2026-01 'January'");
	CHECK_STR(dates("Elections will be held on January 5.", "2025-12-20"), "2026-01-05 'January 5'");
	/* A weekday across the new year. */
	CHECK_STR(dates("The attack came on Wednesday.", "2025-01-02"), "2025-01-01 'Wednesday'");
	CHECK_STR(dates("The attack came on Tuesday.", "2025-01-02"), "2024-12-31 'Tuesday'");
	/* "last December" in December is a year before. */
	CHECK_STR(dates("The attack came last December.", "2025-12-20"), "2024-12 'last December'");
}

TEST(wrong_documents)
{
	NEED_TAGGER();
	/* No document date: only what carries a year resolves. */
	CHECK_STR(dates("The assault came in March 2024 and talks on Friday.", NULL), "2024-03 'March 2024'; ? 'Friday'");
	CHECK_STR(dates("Russia recognised the Taliban yesterday.", NULL), "? 'yesterday'");
	/* A document from the future is a document like any other. */
	CHECK_STR(dates("Russia recognised the Taliban on Friday.", "2099-01-01"), "2098-12-26 'Friday'");
	CHECK_STR(dates("Russia recognised the Taliban in December.", "2099-01-01"), "2098-12 'December'");
	/* A malformed date is no date. */
	CHECK_STR(dates("Russia recognised the Taliban on Friday.", "2025-02-30"), "? 'Friday'");
}

TEST(event_takes_its_clause_date)
{
	NEED_TAGGER();
	const char *s = "Russia recognised the Taliban on Friday, after Uzbekistan hosted talks in March 2024.";
	CHECK_STR(event_date(s, "2025-07-07", "recognize"), "2025-07-04");
	CHECK_STR(event_date(s, "2025-07-07", "host"), "2024-03");
	/* A "when" clause takes the date of the clause it hangs from. */
	s = "The process got a lift in April when the court removed the Taliban from the list.";
	CHECK_STR(event_date(s, "2025-07-07", "remove"), "2025-04");
	/* A "that" clause after a dated noun. */
	s = "It came before the July 4 announcement that Russia would recognise the Taliban.";
	CHECK_STR(event_date(s, "2025-07-07", "recognize"), "2025-07-04");
	/* No date in the clause: the document's. */
	s = "Russia recognised the Taliban, which had seized Kabul.";
	CHECK_STR(event_date(s, "2025-07-07", "recognize"), "document");
	/* The nearer of two in one clause. */
	s = "Russia, which attacked Ukraine in 2022, recognised the Taliban on Friday.";
	CHECK_STR(event_date(s, "2025-07-07", "recognize"), "2025-07-04");
	CHECK_STR(event_date(s, "2025-07-07", "attack"), "2022");
}

int main(void)
{
	tagged_load();
	RUN(calendar);
	RUN(day_and_month);
	RUN(iso_dates);
	RUN(months_and_years);
	RUN(weekdays);
	RUN(relative_days_weeks);
	RUN(relative_months_years);
	RUN(year_boundaries);
	RUN(wrong_documents);
	RUN(event_takes_its_clause_date);
	tagged_release();
	return TEST_DONE();
}
