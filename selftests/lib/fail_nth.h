/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Failing the N-th allocation of the calling thread, as syzkaller does:
 * /proc/thread-self/fail-nth with failslab and fail_page_alloc (the debug
 * kernel has them, Debian's kernels do not).
 */
#ifndef IRQWIRE_FAIL_NTH_H
#define IRQWIRE_FAIL_NTH_H

#include <stdbool.h>

/*
 * Makes GFP_KERNEL slab and order-0 page allocations failable, silently
 * (no stack dump per failure), and locks this process's memory so that
 * no page fault of it allocates inside a call. False if the kernel has
 * no fault injection.
 */
bool fail_nth_arm(void);

/*
 * Count (and fail) slab allocations only, or page allocations too (the
 * default after fail_nth_arm()). Page allocations include the slab's own
 * refills, which come at points that differ from run to run: a call's
 * N-th allocation is then not always the same one.
 */
bool fail_nth_pages(bool on);

/* The @n-th allocation from now on fails (0: none). */
void fail_nth_set(int n);

/* After a call: was the armed failure injected? Disarms either way. */
bool fail_nth_fired(void);

/*
 * After a call armed with fail_nth_set(@n) that did not fire: how many
 * allocations it made (@n minus those still to go). Disarms.
 */
int fail_nth_made(int n);

#endif /* IRQWIRE_FAIL_NTH_H */
