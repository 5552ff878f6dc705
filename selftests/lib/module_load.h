/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unloading and loading irqwire.ko from a test: IRQWIRE_KO is its path
 * (tools/testing/with-module.sh sets it). Tests that unload load it back.
 */
#ifndef IRQWIRE_MODULE_LOAD_H
#define IRQWIRE_MODULE_LOAD_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* insmod $IRQWIRE_KO: 0 or -errno (-ENOENT without IRQWIRE_KO). */
static inline int __irqwire_module_load(void)
{
	const char *ko = getenv("IRQWIRE_KO");
	int fd = ko ? open(ko, O_RDONLY | O_CLOEXEC) : -1, r;

	if (fd < 0)
		return ko ? -errno : -ENOENT;
	r = syscall(__NR_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	return r;
}

/*
 * insmod $IRQWIRE_KO, failing the test if it does not load (a macro: this
 * header serves programs without the kselftest harness too).
 */
#define irqwire_module_load(_metadata) do {				\
	int __r = __irqwire_module_load();				\
									\
	ASSERT_EQ(0, __r) TH_LOG("load $IRQWIRE_KO (%s): %s",		\
				 getenv("IRQWIRE_KO") ?: "unset",	\
				 strerror(-__r));			\
} while (0)

/*
 * A test that unloads the module loads it back at its end; killed before
 * that (the harness's timeout), it would leave every later program of
 * the run skipping. The program that found the module loaded loads it
 * back as it exits (atexit(); the harness's test children _exit()).
 */
static pid_t irqwire_module_restore_pid;

static inline void irqwire_module_restore(void)
{
	int r;

	if (getpid() != irqwire_module_restore_pid || !access("/dev/irqwire", F_OK))
		return;
	r = __irqwire_module_load();
	fprintf(stderr, "# irqwire.ko was left unloaded by a test that did not end: %s%s\n",
		r ? "loading it back failed: " : "loaded back", r ? strerror(-r) : "");
}

static inline void irqwire_module_restore_at_exit(void)
{
	irqwire_module_restore_pid = getpid();
	atexit(irqwire_module_restore);
}

#endif /* IRQWIRE_MODULE_LOAD_H */
