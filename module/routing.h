/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqwire's per-VM GSI routing table.
 */
#ifndef IRQWIRE_ROUTING_H
#define IRQWIRE_ROUTING_H

#include <linux/kvm_host.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <uapi/linux/irqwire.h>

#include "vm.h"

#define IRQWIRE_NR_IRQCHIPS		3
#define IRQWIRE_IRQCHIP_NUM_PINS	24	/* KVM_IOAPIC_NUM_PINS */
#define IRQWIRE_PIC_PINS		8	/* per PIC */

/**
 * struct irqwire_routes_block - the memory of every set one full replace
 *	(or one per-GSI update) creates: one allocation, however many GSIs
 *	(KVM allocates each entry on its own).
 * @rcu: frees the block a grace period after its last set left the
 *	live table (kvfree_rcu).
 * @live: its sets in the live table; routing_lock, or the last reference
 *	at teardown.
 * @nr_sets: sets made from it, fixed once its table is published.
 * @kept: scratch of irqwire_routes_block_count() (in a build: how many
 *	of its sets the new table shares; for debugfs: whether it was
 *	seen); 0 outside them; routing_lock.
 * @next_kept: the same scratch: the blocks counted.
 * @mem: the sets, each irqwire_gsi_routes_size() bytes.
 *
 * A full replace shares the unchanged sets of older blocks, so one set
 * could keep a large block alive: a build copies the sets of a block it
 * would keep less than a quarter of (irqwire_table_build()), which bounds
 * the memory of all blocks to about four times that of the live sets.
 */
struct irqwire_routes_block {
	struct rcu_head rcu;
	struct irqwire_routes_block *next_kept;
	u32 live, nr_sets, kept;
	u64 mem[];
};

/**
 * struct irqwire_route - one route as irqwire keeps it: what KVM's
 *	kvm_kernel_irq_routing_entry would hold for it, in 20 bytes instead
 *	of 72 (most of KVM's is a union and a list node irqwire has no use
 *	for). irqwire_route_to_kvm() makes KVM's form, for its ->set
 *	callbacks; irqwire_route_to_user() userspace's, as it was given.
 * @gsi: the GSI.
 * @type: IRQWIRE_ROUTING_IRQCHIP or IRQWIRE_ROUTING_MSI.
 * @irqchip: chip and pin, the pin as KVM numbers it (PIC slave 8..15).
 * @msi: the message; irqwire accepts no devid.
 */
struct irqwire_route {
	u32 gsi;
	u32 type;
	union {
		struct {
			u32 irqchip, pin;
		} irqchip;
		struct {
			u32 address_lo, address_hi, data;
		} msi;
	};
};

/**
 * struct irqwire_gsi_routes - every route of one GSI, immutable once
 *	published: a change replaces the whole set, so a reader sees either
 *	the old routes of a GSI or the new ones, never a mix.
 * @block: the allocation it lives in; freed with the block's last set.
 * @nr: number of routes, 1..@cap once published.
 * @cap: room in @r, fixed when made: exactly the routes the GSI was given.
 * @r: sorted: irqchip routes in irqchip order, or one MSI.
 */
struct irqwire_gsi_routes {
	struct irqwire_routes_block *block;
	u32 nr, cap;
	struct irqwire_route r[];
};

/**
 * struct irqwire_routing_table - shaped like KVM's kvm_irq_routing_table,
 *	but with one RCU pointer per GSI so that a single GSI can change
 *	without copying the table (KVM copies all of it on every change).
 *	A build sizes it like KVM's: room for the GSIs up to the highest one
 *	routed; per-GSI changes only grow it.
 * @rcu: frees the table after a full replace, a growth or VM teardown.
 * @nr_entries: entries in all sets; writers only (routing_lock).
 * @nr_sets: GSIs with a set in @map; writers only (routing_lock). Lets
 *	a full replace see that every old set was either kept or replaced
 *	by the new table, so it retires only the replaced ones.
 * @nr_gsi: room in @map, fixed at allocation; a per-GSI update beyond it
 *	publishes a larger copy of the table.
 * @chip: irqchip pin -> GSI (-1: none), PIC slave pins at 8..15 as in
 *	KVM; written under routing_lock, read locklessly (READ_ONCE) for
 *	display.
 * @map: GSI -> its routes or NULL; rcu_dereference() for readers,
 *	routing_lock for writers.
 *
 * Sets are shared: a full replace keeps every set whose routes did not
 * change, and a growth keeps them all. So a replaced table is freed
 * without its sets (irqwire_table_shell_free_rcu), and a writer drops a
 * set itself when the live table drops it (its block goes with its last
 * set); only teardown and a build that failed free a table with its sets.
 */
struct irqwire_routing_table {
	struct rcu_head rcu;
	u32 nr_entries, nr_sets, nr_gsi;
	int chip[IRQWIRE_NR_IRQCHIPS][IRQWIRE_IRQCHIP_NUM_PINS];
	struct irqwire_gsi_routes __rcu *map[];
};

/**
 * struct irqwire_routing_diff - the GSIs whose routes a routing change
 *	replaced, for the writer that published it (routing_lock held).
 * @old: NULL if @gsi lists every such GSI; otherwise the table a full
 *	replace replaced, and the GSIs are those whose set the live table
 *	does not share with it (irqwire_routing_gsi_changed()).
 * @gsi: the GSIs given a new set, or no set any more.
 * @nr: entries in @gsi.
 */
struct irqwire_routing_diff {
	const struct irqwire_routing_table *old;
	const u16 *gsi;
	u32 nr;
};

int irqwire_routing_init(struct irqwire_vm *vm);
void irqwire_routing_free(struct irqwire_vm *vm);

/*
 * Process context. Replaces the table with the @nr entries of @ue, a
 * kvmalloc()ed array it keeps (vm->routing_input) when it returns 0; the
 * caller frees it otherwise.
 */
int irqwire_routing_replace(struct irqwire_vm *vm, struct irqwire_routing_entry *ue, u32 nr);

/*
 * Process context: a full replace from the @nr entries at @uent as the
 * difference to the last one: 0 or a negative errno like the full path's,
 * or 1 if irqwire_routing_replace() must build the table instead.
 */
int irqwire_routing_replace_changed(struct irqwire_vm *vm,
				    const struct irqwire_routing_entry __user *uent, u32 nr);

/* Process context: IRQWIRE_ROUTE_SET's @r (checked) and IRQWIRE_ROUTE_DEL's @gsi. */
int irqwire_routing_set_gsi(struct irqwire_vm *vm, const struct irqwire_gsi_route *r);
int irqwire_routing_del_gsi(struct irqwire_vm *vm, u32 gsi);

/* Changed positions a full replace may have and still go by difference. */
#define IRQWIRE_DIFF_MAX_CHANGES	16
/* GSIs one edit changes at most: each changed position's old and new GSI. */
#define IRQWIRE_MAX_EDITS		(2 * IRQWIRE_DIFF_MAX_CHANGES)

/*
 * routing_lock held: gives each GSI of @edit (GSIs < IRQWIRE_MAX_GSI, each
 * once, nr <= IRQWIRE_MAX_ROUTES_PER_GSI) its @nr routes, none meaning the
 * GSI goes; one GSI changes in place, several in a copy of the table
 * published at once. 0, or -ENOMEM/-EINVAL/-ENOSPC with nothing changed.
 */
int irqwire_routing_edit_locked(struct irqwire_vm *vm, const struct irqwire_gsi_route *edit,
				u32 n);

/* routing_lock held: the live table is no longer what vm->routing_input builds. */
void irqwire_routing_input_forget(struct irqwire_vm *vm);
int irqwire_routing_read(struct irqwire_vm *vm,
			 struct irqwire_routing_entry *out, u32 cap);

/*
 * routing_lock held: whether @gsi's routes in the live table @t are not
 * those of the table @old it replaced, i.e. a full replace did not keep
 * the set.
 */
bool irqwire_routing_gsi_changed(const struct irqwire_routing_table *old,
				 const struct irqwire_routing_table *t, u32 gsi);

/*
 * routing_lock held: counts @set in its block's @kept and, the first
 * time, lists the block on *@counted (true); irqwire_routes_blocks_uncount()
 * puts the listed blocks' counts back to 0.
 */
bool irqwire_routes_block_count(const struct irqwire_gsi_routes *set,
				struct irqwire_routes_block **counted);
void irqwire_routes_blocks_uncount(struct irqwire_routes_block *counted);

/* Userspace's form of route @r, as it was given. */
void irqwire_route_to_user(const struct irqwire_route *r, struct irqwire_routing_entry *ue);

/* KVM's form of route @r, with the ->set callback KVM would give it. */
void irqwire_route_to_kvm(const struct irqwire_route *r,
			  struct kvm_kernel_irq_routing_entry *ke);

/* routing_lock held: the routes of @gsi in the live table, or NULL. */
const struct irqwire_gsi_routes *irqwire_routing_set_locked(struct irqwire_vm *vm, u32 gsi);

/* rcu_read_lock() held: the routes of @gsi, or NULL. */
const struct irqwire_gsi_routes *irqwire_routing_lookup(struct irqwire_vm *vm,
							u32 gsi);

void irqwire_routing_show(struct seq_file *m, struct irqwire_vm *vm);

#endif /* IRQWIRE_ROUTING_H */
