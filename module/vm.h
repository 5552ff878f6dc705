/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct irqwire_vm: irqwire's state for one KVM VM, shared by every
 * handle bound to it.
 */
#ifndef IRQWIRE_VM_H
#define IRQWIRE_VM_H

#include <linux/kref.h>
#include <linux/kvm_host.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

#include "ioeventfd.h"

struct irqwire_routing_table;
struct irqwire_routing_entry;
struct irqwire_replace_diff;

/**
 * struct irqwire_routing_input - the entries of the last full replace, as
 *	userspace gave them, kept while the live table is exactly what they
 *	build: the next full replace is compared with them position by
 *	position (module/routing_diff.c). Protected by the VM's routing_lock.
 * @e: the entries, or NULL (none kept: a per-GSI update came after, or
 *	no full replace yet); freed with the VM.
 * @nr: entries in @e.
 * @cap: room in @e.
 * @built: full replaces that built a new table (debugfs).
 * @diffed: full replaces applied as the difference to @e (debugfs).
 * @scratch: the comparison's working memory, made by the first one and
 *	kept with the VM (a few KiB; an allocation each time would be
 *	cleared each time).
 */
struct irqwire_routing_input {
	struct irqwire_routing_entry *e;
	u32 nr, cap;
	u32 built, diffed;
	struct irqwire_replace_diff *scratch;
};

/**
 * struct irqwire_vm - irqwire's per-VM state
 * @node: entry in the global VM list, protected by irqwire_vms_lock.
 * @ref: one per bound handle; the last put unlinks and frees (process
 *	context, irqwire_vms_lock taken by kref_put_mutex()).
 * @kvm: the VM, referenced (kvm_get_kvm) for the life of this object.
 * @vm_owner: module implementing the VM file (kvm_amd/kvm_intel), pinned
 *	because the final kvm_put_kvm() may run here and calls into it.
 * @id: small number naming the VM in debugfs and IRQWIRE_INSPECT_VM,
 *	unique while loaded.
 * @routing_lock: serialises every writer of @routing and of the table it
 *	points to (full replace, per-GSI updates).
 * @routing: the GSI routing table, never NULL after creation. Readers
 *	(injection, possibly atomic) use rcu_read_lock(); writers hold
 *	@routing_lock and free replaced data with RCU callbacks.
 * @routing_input: what the last full replace was given; @routing_lock.
 * @debugfs: this VM's debugfs directory.
 * @irqfds_lock: protects @irqfds and every irqfd's cached route; taken
 *	with interrupts off (the eventfd wakeup nests inside it on the
 *	EPOLLHUP path, under the eventfd's wait-queue lock).
 * @irqfds: active irqfds (struct irqwire_kernel_irqfd.list).
 * @irqfd_by_eventfd, @irqfd_by_resamplefd, @irqfd_by_gsi: the same, hashed
 *	(module/irqfd.c); fixed-size bucket arrays in one allocation, their
 *	lists changed under @irqfds_lock.
 * @irqfds_mutex: serialises irqfd assign and deassign (process context).
 * @doorbells: ioeventfds and the bus devices behind them (own locking).
 */
struct irqwire_vm {
	struct list_head node;
	struct kref ref;
	struct kvm *kvm;
	struct module *vm_owner;
	unsigned int id;
	struct mutex routing_lock;	/* writers of @routing */
	struct irqwire_routing_table __rcu *routing;
	struct irqwire_routing_input routing_input;	/* @routing_lock */
	struct dentry *debugfs;
	spinlock_t irqfds_lock;	/* @irqfds, irqfd route caches */
	struct list_head irqfds;
	struct hlist_head *irqfd_by_eventfd;
	struct hlist_head *irqfd_by_resamplefd;
	struct hlist_head *irqfd_by_gsi;
	struct mutex irqfds_mutex;	/* irqfd assign/deassign */
	struct irqwire_doorbells doorbells;
};

struct irqwire_vm *irqwire_vm_get(struct file *vm_file);
struct irqwire_vm *irqwire_vm_find(struct kvm *kvm, unsigned int id);
void irqwire_vm_put(struct irqwire_vm *vm);

#endif /* IRQWIRE_VM_H */
