/* test.h - a tiny unit-test harness whose output the suite runner counts.
 *
 * Each test file is a program: TEST(name) { ... } defines a case, main()
 * lists them with RUN(name) and returns TEST_DONE(). A case prints
 * "ok - name" or "not ok - name" and, for each failed check, both operands.
 * Tests that need files from ../shared call SKIP("reason") when absent.
 */
#ifndef DY_TEST_H
#define DY_TEST_H

#include <stdio.h>
#include <string.h>

static int test_failed_checks, test_pass, test_fail, test_skip;
static const char *test_skip_reason;

#define TEST(name) static void name(void)

#define CHECK(cond)                                                                    \
	do {                                                                               \
		if (!(cond)) {                                                                 \
			test_failed_checks++;                                                      \
			printf("#   %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);        \
		}                                                                              \
	} while (0)

#define CHECK_INT(a, b)                                                                \
	do {                                                                               \
		long long va_ = (long long)(a), vb_ = (long long)(b);                          \
		if (va_ != vb_) {                                                              \
			test_failed_checks++;                                                      \
			printf("#   %s:%d: %s == %s: %lld != %lld\n", __FILE__, __LINE__, #a, #b,  \
			       va_, vb_);                                                          \
		}                                                                              \
	} while (0)

#define CHECK_STR(a, b)                                                                \
	do {                                                                               \
		const char *sa_ = (a), *sb_ = (b);                                             \
		if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0) {                                   \
			test_failed_checks++;                                                      \
			printf("#   %s:%d: %s == %s: \"%s\" != \"%s\"\n", __FILE__, __LINE__, #a,   \
			       #b, sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)");                    \
		}                                                                              \
	} while (0)

#define SKIP(reason)                                                                   \
	do {                                                                               \
		test_skip_reason = (reason);                                                   \
		return;                                                                        \
	} while (0)

#define RUN(name)                                                                      \
	do {                                                                               \
		test_failed_checks = 0;                                                        \
		test_skip_reason = NULL;                                                       \
		name();                                                                        \
		if (test_skip_reason) {                                                        \
			test_skip++;                                                               \
			printf("ok - %s # SKIP %s\n", #name, test_skip_reason);                    \
		} else if (test_failed_checks) {                                               \
			test_fail++;                                                               \
			printf("not ok - %s\n", #name);                                            \
		} else {                                                                       \
			test_pass++;                                                               \
			printf("ok - %s\n", #name);                                                \
		}                                                                              \
		fflush(stdout);                                                                \
	} while (0)

#define TEST_DONE() (test_fail ? 1 : 0)

#endif
