/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The KVM selftest library and the kselftest harness in one test file.
 *
 * In 6.1 both define ASSERT_EQ (upstream later renamed the KVM one to
 * TEST_ASSERT_EQ). The library's own code keeps its definition; test files
 * get the harness's, which records the failure in _metadata.
 */
#ifndef IRQWIRE_KVM_HARNESS_H
#define IRQWIRE_KVM_HARNESS_H

#include "kvm_util.h"
#include "processor.h"
#include "apic.h"

#undef ASSERT_EQ
#include "kselftest_harness.h"

/*
 * The harness kills a test after 30 s, a budget for native runs. Under TCG
 * on the debug kernel (KASAN, lockdep) everything takes about ten times
 * longer; long loops have their own knobs, this only keeps the harness
 * from killing the rest (the runner's per-program timeout still applies).
 */
#undef TEST_TIMEOUT_DEFAULT
#define TEST_TIMEOUT_DEFAULT	300

/* Asserts that string @out contains the printf()-formatted text. */
#define ASSERT_HAS(out, fmt, ...) do {					\
	char _want[256];						\
	snprintf(_want, sizeof(_want), fmt, ##__VA_ARGS__);		\
	ASSERT_NE(NULL, strstr(out, _want))				\
		TH_LOG("missing \"%s\" in:\n%s", _want, out);		\
} while (0)

#endif /* IRQWIRE_KVM_HARNESS_H */
