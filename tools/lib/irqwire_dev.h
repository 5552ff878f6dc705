/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Opening /dev/irqwire from userspace: every program that drives the
 * module (the irqwire tool, its demo and bench helpers) checks the ABI
 * version the same way before its first ioctl.
 */
#ifndef IRQWIRE_LIB_DEV_H
#define IRQWIRE_LIB_DEV_H

#include <stddef.h>

#include <linux/types.h>

/*
 * Opens /dev/irqwire (O_CLOEXEC) and checks that the module speaks this
 * header's IRQWIRE_API_VERSION. Returns the fd, or -1 after one line on
 * stderr, prefixed with @prog, that says why.
 */
int irqwire_dev_open(const char *prog);

/* The same, saying why in @why (of @len bytes) instead of on stderr. */
int irqwire_dev_open_quiet(char *why, size_t len);

/*
 * IRQWIRE_INSPECT_VM on the /dev/irqwire fd @dev: every record of kind
 * @what (of @size bytes) of the VM @vm (a VM fd, or an id with
 * IRQWIRE_INSPECT_FLAG_BY_ID in @flags), in a malloc()ed array at
 * *@records. Returns their number, or -errno (*@records then NULL).
 */
int irqwire_inspect_records(int dev, __u32 vm, __u32 what, __u32 flags,
			    size_t size, void **records);

#endif /* IRQWIRE_LIB_DEV_H */
