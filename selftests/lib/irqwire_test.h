/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host-side helpers shared by the irqwire selftests. Named as in KVM's
 * selftest library: a __irqwire_x() helper returns what the call did (0
 * or -errno) and leaves the verdict to the caller's assert; asserting
 * helpers (irqwire_open()) fail the test themselves.
 */
#ifndef IRQWIRE_TEST_H
#define IRQWIRE_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/irqwire.h>

#include "module_load.h"

#define IRQWIRE_DEV	"/dev/irqwire"

/*
 * Opens a new irqwire handle, failing the calling test (or fixture setup)
 * if that is not possible. Missing KVM or module are handled once, for the
 * whole program, by IRQWIRE_TEST_HARNESS_MAIN.
 */
#define irqwire_open(_metadata) ({					\
	int __fd = open(IRQWIRE_DEV, O_RDWR | O_CLOEXEC);		\
	ASSERT_LE(0, __fd) TH_LOG("open %s: %m", IRQWIRE_DEV);		\
	__fd;								\
})

/*
 * main() of every irqwire selftest: the whole program is skipped, saying
 * why, without a usable /dev/kvm or /dev/irqwire; fixtures can then
 * assert instead of skipping (the 6.1 harness runs a test body even when
 * its FIXTURE_SETUP skips).
 */
#define IRQWIRE_TEST_HARNESS_MAIN					\
int main(int argc, char **argv)						\
{									\
	if (access("/dev/kvm", R_OK | W_OK))				\
		ksft_exit_skip("no usable /dev/kvm\n");			\
	if (access(IRQWIRE_DEV, R_OK | W_OK))				\
		ksft_exit_skip(IRQWIRE_DEV " missing: insmod irqwire.ko\n"); \
	irqwire_module_restore_at_exit();				\
	return test_harness_run(argc, argv);				\
}

/* ioctl() that returns -errno instead of -1, for one-line asserts. */
static inline int __irqwire_ioctl(int fd, unsigned long cmd, void *arg)
{
	int r = ioctl(fd, cmd, arg);

	return r < 0 ? -errno : r;
}

static inline int __irqwire_bind(int fd, int vm_fd)
{
	struct irqwire_bind_vm b = { .vm_fd = vm_fd };

	return __irqwire_ioctl(fd, IRQWIRE_BIND_VM, &b);
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

static inline int __irqwire_signal_msi(int fd, uint32_t dest, uint8_t vector)
{
	struct irqwire_msi m = irqwire_msi_fixed(dest, vector);

	return __irqwire_ioctl(fd, IRQWIRE_SIGNAL_MSI, &m);
}

static inline struct irqwire_routing_entry
irqwire_route_irqchip(uint32_t gsi, uint32_t irqchip, uint32_t pin)
{
	struct irqwire_routing_entry e = {
		.gsi = gsi,
		.type = IRQWIRE_ROUTING_IRQCHIP,
		.u.irqchip = { .irqchip = irqchip, .pin = pin },
	};
	return e;
}

static inline struct irqwire_routing_entry
irqwire_route_msi(uint32_t gsi, uint32_t dest, uint8_t vector)
{
	struct irqwire_msi m = irqwire_msi_fixed(dest, vector);
	struct irqwire_routing_entry e = {
		.gsi = gsi,
		.type = IRQWIRE_ROUTING_MSI,
		.u.msi = {
			.address_lo = m.address_lo,
			.address_hi = m.address_hi,
			.data = m.data,
		},
	};
	return e;
}

/*
 * The seed of a randomized test: $IRQWIRE_SEED, else the time. The test
 * prints it, so that IRQWIRE_SEED replays the run.
 */
static inline unsigned int irqwire_seed(void)
{
	const char *env = getenv("IRQWIRE_SEED");

	return env ? strtoul(env, NULL, 0) : time(NULL);
}

/* IRQWIRE_SET_GSI_ROUTING with @nr entries; returns 0 or -errno. */
struct kvm_vm;

/*
 * KVM's own KVM_SET_GSI_ROUTING from irqwire-layout entries (the same
 * layout): lets a test give KVM and irqwire the same table. 0 or -errno.
 */
int __irqwire_set_kvm_routing(struct kvm_vm *vm,
			      const struct irqwire_routing_entry *e, uint32_t nr);

int __irqwire_set_routing(int fd, const struct irqwire_routing_entry *e,
			uint32_t nr);

/*
 * IRQWIRE_GET_GSI_ROUTING: asks for the size first, then reads. Returns
 * the number of entries and a malloc()ed copy in *out, or -errno.
 */
int __irqwire_get_routing(int fd, struct irqwire_routing_entry **out);

/* IRQWIRE_ROUTE_SET for one GSI; returns 0 or -errno. */
int __irqwire_route_set(int fd, uint32_t gsi,
		      const struct irqwire_routing_entry *e, uint32_t nr);

static inline int __irqwire_route_del(int fd, uint32_t gsi)
{
	struct irqwire_gsi g = { .gsi = gsi };

	return __irqwire_ioctl(fd, IRQWIRE_ROUTE_DEL, &g);
}

static inline int __irqwire_irq_line(int fd, uint32_t gsi, uint32_t level)
{
	struct irqwire_irq_level l = { .gsi = gsi, .level = level };

	return __irqwire_ioctl(fd, IRQWIRE_IRQ_LINE, &l);
}

/* IRQWIRE_IRQFD; returns 0 or -errno. */
static inline int __irqwire_irqfd(int fd, int efd, uint32_t gsi, uint32_t flags)
{
	struct irqwire_irqfd a = { .fd = efd, .gsi = gsi, .flags = flags };

	return __irqwire_ioctl(fd, IRQWIRE_IRQFD, &a);
}

/* IRQWIRE_IRQFD with RESAMPLE and @rfd as resamplefd; 0 or -errno. */
static inline int __irqwire_irqfd_resample(int fd, int efd, uint32_t gsi, int rfd)
{
	struct irqwire_irqfd a = {
		.fd = efd, .gsi = gsi, .flags = IRQWIRE_IRQFD_FLAG_RESAMPLE,
		.resamplefd = rfd,
	};

	return __irqwire_ioctl(fd, IRQWIRE_IRQFD, &a);
}

/*
 * Reads (and so resets) a non-blocking eventfd's counter: -1 when it is 0
 * (drained by an irqfd, or never signalled).
 */
static inline long long efd_counter(int efd)
{
	eventfd_t v;

	return eventfd_read(efd, &v) ? -1 : (long long)v;
}

/* IRQWIRE_IOEVENTFD; returns 0 or -errno. */
static inline int __irqwire_ioeventfd(int fd, int efd, uint64_t addr,
				    uint32_t len, uint32_t flags,
				    uint64_t datamatch)
{
	struct irqwire_ioeventfd a = {
		.datamatch = datamatch, .addr = addr, .len = len, .fd = efd,
		.flags = flags,
	};

	return __irqwire_ioctl(fd, IRQWIRE_IOEVENTFD, &a);
}

/* IRQWIRE_GET_IOEVENTFD_STATS into *st; returns 0 or -errno. */
static inline int __irqwire_ioeventfd_stats(int fd, uint64_t addr, uint32_t len,
					  uint32_t flags, uint64_t datamatch,
					  struct irqwire_ioeventfd_stats *st)
{
	*st = (struct irqwire_ioeventfd_stats){
		.datamatch = datamatch, .addr = addr, .len = len,
		.flags = flags,
	};
	return __irqwire_ioctl(fd, IRQWIRE_GET_IOEVENTFD_STATS, st);
}

#endif /* IRQWIRE_TEST_H */
