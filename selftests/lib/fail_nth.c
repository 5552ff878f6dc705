// SPDX-License-Identifier: GPL-2.0
/*
 * See fail_nth.h and Documentation/fault-injection/fault-injection.rst.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fail_nth.h"

/* Their defaults spare GFP_KERNEL and order-0 allocations and dump stacks. */
static const char * const knobs[][2] = {
	{ "/sys/kernel/debug/failslab/ignore-gfp-wait", "N" },
	{ "/sys/kernel/debug/failslab/verbose", "0" },
	{ "/sys/kernel/debug/fail_page_alloc/ignore-gfp-wait", "N" },
	{ "/sys/kernel/debug/fail_page_alloc/ignore-gfp-highmem", "N" },
	{ "/sys/kernel/debug/fail_page_alloc/min-order", "0" },
	{ "/sys/kernel/debug/fail_page_alloc/verbose", "0" },
};

static int fail_nth_fd = -1;

static bool write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	bool ok = fd >= 0 && write(fd, s, strlen(s)) == (ssize_t)strlen(s);

	if (fd >= 0)
		close(fd);
	return ok;
}

bool fail_nth_arm(void)
{
	unsigned int i;

	if (access("/proc/thread-self/fail-nth", W_OK) || access(knobs[0][0], W_OK))
		return false;
	for (i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++)
		if (!write_str(knobs[i][0], knobs[i][1]))
			return false;
	fail_nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	return fail_nth_fd >= 0 && !mlockall(MCL_CURRENT | MCL_FUTURE);
}

bool fail_nth_pages(bool on)
{
	return write_str("/sys/kernel/debug/fail_page_alloc/ignore-gfp-wait", on ? "N" : "Y");
}

void fail_nth_set(int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%d", n);

	if (pwrite(fail_nth_fd, buf, len, 0) != len)
		abort();
}

/* 0: the armed failure was injected; N > 0: N allocations were still to go */
static int fail_nth_left(void)
{
	char buf[16] = "";

	if (pread(fail_nth_fd, buf, sizeof(buf) - 1, 0) <= 0)
		abort();
	fail_nth_set(0);
	return atoi(buf);
}

bool fail_nth_fired(void)
{
	return fail_nth_left() == 0;
}

int fail_nth_made(int n)
{
	return n - fail_nth_left();
}
