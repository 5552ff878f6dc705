/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ioeventfd: a guest write to a doorbell address signals an eventfd.
 */
#ifndef IRQWIRE_IOEVENTFD_H
#define IRQWIRE_IOEVENTFD_H

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/rhashtable-types.h>
#include <linux/seq_file.h>

struct irqwire_vm;
struct kvm_io_bus;

/* The buses irqwire puts doorbells on: KVM_MMIO_BUS and KVM_PIO_BUS. */
#define IRQWIRE_NR_BUSES	2

/* Replaced bus arrays kept before a grace period is waited for to free them. */
#define IRQWIRE_RETIRED_BUSES		8
#define IRQWIRE_RETIRED_BUS_BYTES	(16 * 1024)

/* The kinds of doorbell a write is looked up as, in probe order. */
enum irqwire_doorbell_kind {
	IRQWIRE_DB_DATAMATCH,	/* address, length and value */
	IRQWIRE_DB_WILDCARD,	/* address and length */
	IRQWIRE_DB_ANY_LENGTH,	/* address (MMIO length 0) */
	IRQWIRE_NR_DB_KINDS,
};

/**
 * struct irqwire_doorbells - a VM's doorbells
 * @lock: serialises assign and deassign; protects @list, @nr,
 *	@nr_busdevs, @busdevs and every bus device's user count. Taken before
 *	kvm->slots_lock.
 * @table: every doorbell by (bus, address, length, datamatch or
 *	wildcard); vCPUs look up under rcu_read_lock(), writers hold @lock.
 * @list: every doorbell (struct irqwire_doorbell.node).
 * @nr: number of doorbells, at most IRQWIRE_MAX_IOEVENTFDS.
 * @nr_kind: per bus, doorbells of each lookup kind (IRQWIRE_DB_*):
 *	written under @lock, read by vCPUs (READ_ONCE) to skip the hash
 *	probes of kinds that have no doorbell.
 * @nr_busdevs: per bus, KVM bus devices irqwire holds.
 * @nr_busdevs_single: per bus, those of them that are not windows: written
 *	under @lock, read by vCPUs (READ_ONCE); while any exists, writes
 *	hash instead of using a window's own index.
 * @busdevs: those devices (struct irqwire_busdev.node).
 * @unmatched: per bus, writes that reached irqwire and matched no doorbell
 *	(they went on to the next device or to userspace).
 * @retired: pieces of the windows' indexes that no write can reach any
 *	more once a kvm->srcu grace period has passed, linked by their
 *	rcu_head (module/window_index.c); @lock.
 * @retired_buses: KVM bus arrays that adding a bus device replaced, free
 *	after a kvm->srcu grace period too; @nr_retired_buses of them,
 *	@retired_bus_bytes in all; @lock.
 *
 * Both are freed after the next grace period irqwire waits for anyway (a
 * deassign's, a bus device's removal, the VM's release), or once the bus
 * arrays reach IRQWIRE_RETIRED_BUSES or IRQWIRE_RETIRED_BUS_BYTES, after
 * one waited for then: registering a doorbell waits for no grace period
 * of its own, where KVM's registration always does (most of its cost).
 */
struct irqwire_doorbells {
	struct mutex lock;	/* assign/deassign, see above */
	struct rhashtable table;
	struct list_head list;
	unsigned int nr;
	unsigned int nr_kind[IRQWIRE_NR_BUSES][IRQWIRE_NR_DB_KINDS];
	unsigned int nr_busdevs[IRQWIRE_NR_BUSES];
	unsigned int nr_busdevs_single[IRQWIRE_NR_BUSES];
	struct list_head busdevs;
	atomic64_t unmatched[IRQWIRE_NR_BUSES];
	struct rcu_head *retired;
	struct kvm_io_bus *retired_buses[IRQWIRE_RETIRED_BUSES];
	unsigned int nr_retired_buses;
	size_t retired_bus_bytes;
};

int irqwire_ioeventfd_vm_init(struct irqwire_vm *vm);
void irqwire_ioeventfd_vm_release(struct irqwire_vm *vm);

/* debugfs: one line per doorbell, then the bus devices and misses. */
void irqwire_ioeventfd_show(struct seq_file *m, struct irqwire_vm *vm);

#endif /* IRQWIRE_IOEVENTFD_H */
