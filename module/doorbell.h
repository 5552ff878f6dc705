/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What module/ioeventfd.c (doorbells, their bus devices, the VM-wide
 * hash) and module/window_index.c (a page's own index of its doorbells)
 * share.
 */
#ifndef IRQWIRE_DOORBELL_H
#define IRQWIRE_DOORBELL_H

#include <linux/kvm_host.h>
#include <linux/rhashtable-types.h>
#include <kvm/iodev.h>

#include "ioeventfd.h"

#define WINDOW_SHIFT	PAGE_SHIFT
#define WINDOW_SIZE	BIT(WINDOW_SHIFT)

/* A doorbell's identity; no implicit padding, so it hashes as bytes. */
struct irqwire_doorbell_key {
	u64 addr;
	u64 data;	/* the DATAMATCH value, 0 for a wildcard */
	u8 bus;		/* enum kvm_bus */
	u8 len;		/* 0: any length (MMIO) */
	u8 match;	/* DATAMATCH */
	u8 pad[5];
};

/**
 * struct irqwire_doorbell - one assigned ioeventfd
 * @hnode: in vm->doorbells.table.
 * @key: fixed.
 * @node: in vm->doorbells.list; vm->doorbells.lock.
 * @bd_node: in @busdev's doorbells; vm->doorbells.lock.
 * @eventfd: referenced until the doorbell is freed.
 * @busdev: the bus device that brings writes here; fixed.
 * @hits: writes that signalled @eventfd.
 * @takes: the writes it takes besides its address, from @key in one
 *	halfword a write compares at once: irqwire_doorbell_takes().
 */
struct irqwire_doorbell {
	struct rhash_head hnode;
	struct irqwire_doorbell_key key;
	struct list_head node;
	struct list_head bd_node;
	struct eventfd_ctx *eventfd;
	struct irqwire_busdev *busdev;
	atomic64_t hits;
	u16 takes;
};

/*
 * A doorbell's length (0: any), with IRQWIRE_TAKES_VALUE when it also
 * compares the written value (DATAMATCH); fixed when it is assigned.
 */
#define IRQWIRE_TAKES_VALUE	0x100

static inline u16 irqwire_doorbell_takes(const struct irqwire_doorbell_key *key)
{
	return key->len | (key->match ? IRQWIRE_TAKES_VALUE : 0);
}

#define IRQWIRE_FEW_DOORBELLS	4

/**
 * struct irqwire_few_doorbells - up to IRQWIRE_FEW_DOORBELLS doorbells a
 *	write scans: all of a page's, or those at one address of it;
 *	immutable once published, replaced whole.
 * @rcu: links it on vm->doorbells.retired once replaced, until the next
 *	kvm->srcu grace period irqwire waits for (KVM calls bus devices
 *	inside the vCPU's kvm->srcu read section, so the write needs no
 *	section of its own); module/window_index.c.
 * @nr: entries in @db.
 * @db: the doorbells, DATAMATCH ones first, then wildcards, then any
 *	length, so the first that matches a write is the one that takes it;
 *	each stays allocated while a write may read it (removal waits for
 *	kvm->srcu before freeing a doorbell). NULL after the last, so a
 *	write scans without reading @nr.
 */
struct irqwire_few_doorbells {
	struct rcu_head rcu;
	unsigned int nr;
	struct irqwire_doorbell *db[IRQWIRE_FEW_DOORBELLS + 1];
};

struct irqwire_window_map;

/**
 * struct irqwire_busdev - one irqwire device on a KVM bus
 * @dev: what the bus's range array points to.
 * @vm: owner; outlives the device (its release removes every doorbell).
 * @bus: KVM_MMIO_BUS or KVM_PIO_BUS; fixed.
 * @addr: start of the range on the bus; fixed.
 * @len: length of the range; fixed.
 * @window: shared by the doorbells of one page (found on the bus by
 *	its range, the page), else owned by one doorbell; fixed.
 * @users: doorbells using the device; vm->doorbells.lock.
 * @doorbells: those doorbells (struct irqwire_doorbell.bd_node);
 *	vm->doorbells.lock.
 * @few: for a window with at most IRQWIRE_FEW_DOORBELLS doorbells, all
 *	of them; else NULL. Written under vm->doorbells.lock, read under
 *	kvm->srcu (module/window_index.c).
 * @map: for a window with more, its doorbells by address; NULL while
 *	@few serves, or without memory for it (the write hashes). Same
 *	rules as @few.
 * @first_few: the first array a window publishes (its first doorbell's),
 *	allocated with the device; never reused once replaced, since a
 *	write may still read it until the device goes (vm->doorbells.lock).
 * @first_few_used: @first_few has been published (vm->doorbells.lock).
 * @scan: what a write scans before anything else: @few while it serves
 *	and the bus has no single-doorbell device (one of those may share
 *	an address with @few's doorbells, and then the VM-wide hash
 *	decides), else &irqwire_few_none: the write looks further.
 *	Written under vm->doorbells.lock, read under kvm->srcu; never NULL.
 * @node: in vm->doorbells.busdevs; vm->doorbells.lock.
 */
struct irqwire_busdev {
	struct kvm_io_device dev;
	struct irqwire_vm *vm;
	enum kvm_bus bus;
	gpa_t addr;
	int len;
	bool window;
	unsigned int users;
	struct list_head doorbells;
	struct irqwire_few_doorbells __rcu *few;
	struct irqwire_window_map __rcu *map;
	struct irqwire_few_doorbells first_few;
	bool first_few_used;
	struct irqwire_few_doorbells __rcu *scan;
	struct list_head node;
};

static inline struct irqwire_busdev *irqwire_busdev_of(struct kvm_io_device *dev)
{
	return container_of(dev, struct irqwire_busdev, dev);
}

static inline enum irqwire_doorbell_kind
irqwire_doorbell_kind(const struct irqwire_doorbell_key *key)
{
	if (key->match)
		return IRQWIRE_DB_DATAMATCH;
	return key->len ? IRQWIRE_DB_WILDCARD : IRQWIRE_DB_ANY_LENGTH;
}

/*
 * The value a write of @len bytes at @val carries, 0 for a length no
 * doorbell compares a value at. Loads, as KVM's ioeventfd_in_range()
 * does: memcpy() is a call.
 */
static __always_inline u64 irqwire_write_value(const void *val, int len)
{
	switch (len) {
	case 1:
		return *(const u8 *)val;
	case 2:
		return *(const u16 *)val;
	case 4:
		return *(const u32 *)val;
	case 8:
		return *(const u64 *)val;
	default:
		return 0;
	}
}

#endif /* IRQWIRE_DOORBELL_H */
