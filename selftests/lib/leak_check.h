/* SPDX-License-Identifier: GPL-2.0 */
/*
 * After a test closed everything: no irqwire VM of this process is left
 * (its debugfs directory is gone) and no file holds the module. For test
 * files that include the kselftest harness (kvm_harness.h).
 */
#ifndef IRQWIRE_LEAK_CHECK_H
#define IRQWIRE_LEAK_CHECK_H

#include <glob.h>
#include <stdio.h>
#include <unistd.h>

static inline void assert_nothing_left(struct __test_metadata *_metadata)
{
	char pattern[64];
	glob_t g;
	FILE *f;
	int refs = -1;

	snprintf(pattern, sizeof(pattern), "/sys/kernel/debug/irqwire/vm*-pid%d",
		 getpid());
	ASSERT_EQ(GLOB_NOMATCH, glob(pattern, 0, NULL, &g));
	f = fopen("/sys/module/irqwire/refcnt", "r");
	if (f) {
		ASSERT_EQ(1, fscanf(f, "%d", &refs));
		fclose(f);
		ASSERT_EQ(0, refs);
	}
}

#endif /* IRQWIRE_LEAK_CHECK_H */
