// SPDX-License-Identifier: GPL-2.0
/*
 * See irqwire_dev.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/irqwire.h>

#include "irqwire_dev.h"

int irqwire_dev_open_quiet(char *why, size_t len)
{
	int fd = open("/dev/irqwire", O_RDWR | O_CLOEXEC);
	int api;

	if (fd < 0) {
		snprintf(why, len, "/dev/irqwire: %s%s", strerror(errno),
			 errno == ENOENT ? " (is irqwire.ko loaded?)" : "");
		return -1;
	}
	api = ioctl(fd, IRQWIRE_GET_API_VERSION, 0);
	if (api != IRQWIRE_API_VERSION) {
		snprintf(why, len, "module ABI %d, tool ABI %d: rebuild one of them",
			 api, IRQWIRE_API_VERSION);
		close(fd);
		return -1;
	}
	return fd;
}

int irqwire_dev_open(const char *prog)
{
	char why[256];
	int fd = irqwire_dev_open_quiet(why, sizeof(why));

	if (fd < 0)
		fprintf(stderr, "%s: %s\n", prog, why);
	return fd;
}

int irqwire_inspect_records(int dev, __u32 vm, __u32 what, __u32 flags,
			    size_t size, void **records)
{
	struct irqwire_inspect in = { .vm_fd = vm, .what = what, .flags = flags };
	int err;

	*records = NULL;
	for (;;) {
		in.records = (unsigned long)*records;
		if (!ioctl(dev, IRQWIRE_INSPECT_VM, &in))
			return in.nr;
		err = errno;
		free(*records);
		*records = NULL;
		if (err != E2BIG)
			return -err;
		/* the count it wrote back; the state may grow meanwhile: loop */
		*records = calloc(in.nr, size);
		if (!*records)
			return -ENOMEM;
	}
}
