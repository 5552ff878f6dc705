/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host-side helpers shared by the irqwire selftests.
 */
#ifndef IRQWIRE_TEST_H
#define IRQWIRE_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/irqwire.h>

#define IRQWIRE_DEV	"/dev/irqwire"

/*
 * Opens /dev/irqwire, or exits the calling test with KSFT_SKIP when KVM or
 * the module is not there (use inside a kselftest harness TEST).
 */
#define irqwire_open_or_skip(_metadata) ({				\
	int __fd;							\
	if (access("/dev/kvm", R_OK | W_OK))				\
		SKIP(return, "no usable /dev/kvm");			\
	__fd = open(IRQWIRE_DEV, O_RDWR | O_CLOEXEC);			\
	if (__fd < 0 && errno == ENOENT)				\
		SKIP(return, IRQWIRE_DEV " missing: insmod irqwire.ko");	\
	ASSERT_LE(0, __fd) TH_LOG("open %s: %m", IRQWIRE_DEV);		\
	__fd;								\
})

/* ioctl() that returns -errno instead of -1, for one-line asserts. */
static inline int irqwire_ioctl(int fd, unsigned long cmd, void *arg)
{
	int r = ioctl(fd, cmd, arg);

	return r < 0 ? -errno : r;
}

static inline int irqwire_bind(int fd, int vm_fd)
{
	struct irqwire_bind_vm b = { .vm_fd = vm_fd };

	return irqwire_ioctl(fd, IRQWIRE_BIND_VM, &b);
}

/* A fixed, edge-triggered, physical-destination MSI. */
static inline struct irqwire_msi irqwire_msi_fixed(uint32_t dest, uint8_t vector)
{
	struct irqwire_msi m = {
		.address_lo = 0xfee00000u | ((dest & 0xff) << 12),
		/* bits 31:8 of an x2APIC id (KVM_X2APIC_API_USE_32BIT_IDS) */
		.address_hi = dest & 0xffffff00u,
		.data = vector,
	};
	return m;
}

static inline int irqwire_signal_msi(int fd, uint32_t dest, uint8_t vector)
{
	struct irqwire_msi m = irqwire_msi_fixed(dest, vector);

	return irqwire_ioctl(fd, IRQWIRE_SIGNAL_MSI, &m);
}

#endif /* IRQWIRE_TEST_H */
