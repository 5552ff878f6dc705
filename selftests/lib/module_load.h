/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unloading and loading irqwire.ko from a test: IRQWIRE_KO is its path
 * (tools/testing/with-module.sh sets it). Tests that unload load it back.
 */
#ifndef IRQWIRE_MODULE_LOAD_H
#define IRQWIRE_MODULE_LOAD_H

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

/* rmmod irqwire without waiting: 0 or -errno (-EWOULDBLOCK while in use). */
static inline int __irqwire_module_unload(void)
{
	return syscall(__NR_delete_module, "irqwire", O_NONBLOCK) ? -errno : 0;
}

/* /sys/module/irqwire/refcnt: who might still hold the module, for logs. */
static inline int irqwire_module_refcnt(void)
{
	char buf[16] = "";
	int fd = open("/sys/module/irqwire/refcnt", O_RDONLY), n = -1;

	if (fd >= 0 && read(fd, buf, sizeof(buf) - 1) > 0)
		n = atoi(buf);
	if (fd >= 0)
		close(fd);
	return n;
}

/* insmod $IRQWIRE_KO, failing the test if it does not load. */
static inline void irqwire_module_load(struct __test_metadata *_metadata)
{
	const char *ko = getenv("IRQWIRE_KO");
	int fd = ko ? open(ko, O_RDONLY | O_CLOEXEC) : -1;

	ASSERT_LE(0, fd) TH_LOG("open $IRQWIRE_KO (%s): %m", ko ? ko : "unset");
	ASSERT_EQ(0, syscall(__NR_finit_module, fd, "", 0)) TH_LOG("load: %m");
	close(fd);
}

#endif /* IRQWIRE_MODULE_LOAD_H */
