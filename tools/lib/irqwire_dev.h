/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Opening /dev/irqwire from userspace: every program that drives the
 * module (the irqwire tool, its demo and bench helpers) checks the ABI
 * version the same way before its first ioctl.
 */
#ifndef IRQWIRE_LIB_DEV_H
#define IRQWIRE_LIB_DEV_H

#include <stddef.h>

/*
 * Opens /dev/irqwire (O_CLOEXEC) and checks that the module speaks this
 * header's IRQWIRE_API_VERSION. Returns the fd, or -1 after one line on
 * stderr, prefixed with @prog, that says why.
 */
int irqwire_dev_open(const char *prog);

/* The same, saying why in @why (of @len bytes) instead of on stderr. */
int irqwire_dev_open_quiet(char *why, size_t len);

#endif /* IRQWIRE_LIB_DEV_H */
