/* SPDX-License-Identifier: GPL-2.0 */
/*
 * guest_doorbell: a guest that performs lists of MMIO and port writes.
 *
 * The host hands the guest a list of writes (db_run), the guest performs
 * them in order and syncs. Writes that no in-kernel device claimed reach
 * the host as KVM_EXIT_MMIO / KVM_EXIT_IO and are recorded, so a test sees
 * exactly which writes left the kernel. Built on the KVM selftest library.
 */
#ifndef IRQWIRE_GUEST_DOORBELL_H
#define IRQWIRE_GUEST_DOORBELL_H

#include <stdbool.h>
#include <stdint.h>

#include "kvm_util.h"

/* Guest-physical MMIO space with no memory behind it, identity-mapped. */
#define DB_MMIO_BASE	0xd0000000ULL
#define DB_MMIO_PAGES	64
#define DB_MAX_WRITES	1024

struct db_write {
	uint64_t addr;		/* guest physical address, or port */
	uint64_t val;
	uint8_t len;		/* 1, 2, 4, 8 (MMIO); 1, 2, 4 (PIO) */
	bool pio;
};

/* A write that reached userspace. */
struct db_exit {
	uint64_t addr;
	uint64_t data;
	uint32_t len;
	bool pio;
};

/* A one-vCPU VM running the doorbell guest, ready for db_run(). */
struct kvm_vm *db_create_vm(struct kvm_vcpu **vcpu);

/*
 * Performs @n writes in the guest. Every write that exited to userspace
 * is stored in @exits (at most @max of them); returns how many exited.
 */
int db_run(struct kvm_vcpu *vcpu, const struct db_write *w, int n,
	   struct db_exit *exits, int max);

/* One write, expected not to leave the kernel. */
static inline struct db_write db_mmio(uint64_t addr, uint8_t len, uint64_t val)
{
	return (struct db_write){ .addr = addr, .val = val, .len = len };
}

static inline struct db_write db_pio(uint16_t port, uint8_t len, uint32_t val)
{
	return (struct db_write){ .addr = port, .val = val, .len = len,
				  .pio = true };
}

#endif /* IRQWIRE_GUEST_DOORBELL_H */
