// SPDX-License-Identifier: GPL-2.0
/*
 * irqfd: irqwire's variant of virt/kvm/eventfd.c's irqfd.
 *
 * An irqfd is a priority entry on an eventfd's wait queue. Its wakeup
 * runs in whatever context signalled the eventfd, with the wait-queue lock
 * held and interrupts off: there it drains the counter and, when the GSI's
 * only route is an MSI (cached, seqcount-protected), injects at once
 * through KVM's kvm_set_msi(); anything else (PIC/IOAPIC lines, several
 * routes, no route) is a pulse on the GSI from a work item.
 *
 * Masking (beyond KVM) holds signals without deassigning or re-routing:
 * the wakeup then only records that one came, and unmask delivers it.
 *
 * A resampling irqfd (resample.c) asserts its GSI instead of pulsing it
 * and leaves the deassert to the guest's EOI.
 *
 * Lifetime: created by IRQWIRE_IRQFD; deactivated (removed from
 * vm->irqfds, so it injects nothing more and its route is no longer kept
 * fresh) by deassign, by EPOLLHUP when the eventfd's last reference goes,
 * or by the VM's release; then freed by irqwire_irqfd_shutdown() on
 * irqwire_cleanup_wq, which every deactivator flushes before it returns.
 */
#include <linux/eventfd.h>
#include <linux/file.h>
#include <linux/hash.h>
#include <linux/poll.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <uapi/linux/irqwire.h>

#include "inject.h"
#include "inspect.h"
#include "ioctl.h"
#include "irqfd.h"
#include "kvm_irqchip.h"
#include "kvm_syms.h"
#include "resample.h"
#include "routing.h"
#include "trace.h"

/**
 * struct irqwire_kernel_irqfd - one (eventfd, GSI) pair
 * @vm: owner; outlives the irqfd (its release shuts every irqfd down).
 * @eventfd: referenced until irqwire_irqfd_shutdown().
 * @gsi: fixed.
 * @wait: our entry on the eventfd's wait queue (WQ_FLAG_PRIORITY).
 * @pt: used once, by vfs_poll() at assign.
 * @wait_busy: set at assign when the eventfd already had a priority waiter.
 * @list: in vm->irqfds while active; empty once deactivated. Written under
 *	vm->irqfds_lock; the wakeup reads list_empty() locklessly and at
 *	worst sees "active" one last time, before irqwire_irqfd_shutdown() unhooks.
 * @by_eventfd: in vm->irqfd_by_eventfd while active (vm->irqfds_lock).
 * @by_resamplefd: in vm->irqfd_by_resamplefd while active, if @resample
 *	(vm->irqfds_lock).
 * @by_gsi: in vm->irqfd_by_gsi while active (vm->irqfds_lock).
 * @route_sc: makes @route readable as a whole without the lock; written
 *	under vm->irqfds_lock only.
 * @route: copy of the GSI's route when it is a single MSI, else .type 0.
 * @state: IRQFD_MASKED (set and cleared by the mask ioctls) and
 *	IRQFD_PENDING (a signal came while masked); atomic bit operations,
 *	so the wakeup and the ioctls need no common lock.
 * @stats: counters, atomic because the wakeup, the work item and unmask
 *	update them from different contexts; read for IRQWIRE_GET_IRQFD_STATS
 *	and debugfs.
 * @inject: the slow path (system workqueue), flushed by irqwire_irqfd_shutdown().
 * @shutdown: on irqwire_cleanup_wq.
 * @resample: fixed at assign; then @resampler is live until shutdown.
 * @resampler: the EOI side of a resampling irqfd.
 */
struct irqwire_kernel_irqfd {
	struct irqwire_vm *vm;
	struct eventfd_ctx *eventfd;
	u32 gsi;
	wait_queue_entry_t wait;
	poll_table pt;
	bool wait_busy;
	struct list_head list;
	struct hlist_node by_eventfd;
	struct hlist_node by_resamplefd;
	struct hlist_node by_gsi;
	seqcount_spinlock_t route_sc;
	struct irqwire_route route;
	unsigned long state;
	struct {
		atomic64_t signals, fast, slow, held, dropped;
	} stats;
	struct work_struct inject;
	struct work_struct shutdown;
	bool resample;
	struct irqwire_resampler resampler;
};

#define IRQFD_MASKED	0
#define IRQFD_PENDING	1

/*
 * The active irqfds are also hashed by eventfd (each at most once) and,
 * for resampling ones, by resamplefd (shared ones too): assign, deassign
 * and lookups scan a bucket, not every irqfd as KVM does. Plain hash
 * lists under irqfds_lock, which is taken with interrupts off:
 * rhashtable's bucket locks would enable softirqs on unlock.
 */
#define IRQWIRE_IRQFD_HASH_BITS	10

static struct workqueue_struct *irqwire_cleanup_wq;

/* vm->irqfds_lock held: the irqfd is on vm->irqfds. */
static bool irqwire_irqfd_is_active(struct irqwire_kernel_irqfd *irqfd)
{
	lockdep_assert_held(&irqfd->vm->irqfds_lock);
	return !list_empty(&irqfd->list);
}

/*
 * Any context, no lock: as irqwire_irqfd_is_active(), but may say "active"
 * once more after deactivation. Only the wakeup and the work item ask, and
 * irqwire_irqfd_shutdown() unhooks the one and flushes the other before
 * the irqfd goes, so what slips through is a signal that raced with
 * deassign, delivered on the route it was sent for.
 */
static bool irqwire_irqfd_is_active_unlocked(struct irqwire_kernel_irqfd *irqfd)
{
	return !list_empty(&irqfd->list);
}

static struct hlist_head *irqwire_irqfd_bucket(struct hlist_head *table,
					       struct eventfd_ctx *ctx)
{
	return &table[hash_ptr(ctx, IRQWIRE_IRQFD_HASH_BITS)];
}

/* GSIs are below 4096: at most four share a bucket, by their low bits. */
static struct hlist_head *irqwire_irqfd_gsi_bucket(struct irqwire_vm *vm, u32 gsi)
{
	return &vm->irqfd_by_gsi[gsi & ((1 << IRQWIRE_IRQFD_HASH_BITS) - 1)];
}

/* vm->irqfds_lock held: the active irqfd on @eventfd, or NULL. */
static struct irqwire_kernel_irqfd *irqwire_irqfd_by_eventfd(struct irqwire_vm *vm,
							     struct eventfd_ctx *eventfd)
{
	struct irqwire_kernel_irqfd *irqfd;

	lockdep_assert_held(&vm->irqfds_lock);
	hlist_for_each_entry(irqfd, irqwire_irqfd_bucket(vm->irqfd_by_eventfd, eventfd),
			     by_eventfd)
		if (irqfd->eventfd == eventfd)
			return irqfd;
	return NULL;
}

/*
 * vm->irqfds_lock held: whether @irqfd, not yet active, shares an eventfd
 * with an active one. The eventfds of a VM's irqfds are distinct, and
 * none is also a resamplefd of the VM: an EOI would then trigger the
 * next interrupt from inside the guest's own EOI.
 */
static bool irqwire_irqfd_conflicts(struct irqwire_vm *vm, struct irqwire_kernel_irqfd *irqfd)
{
	struct irqwire_kernel_irqfd *tmp;

	lockdep_assert_held(&vm->irqfds_lock);
	if (irqwire_irqfd_by_eventfd(vm, irqfd->eventfd))
		return true;
	if (irqfd->resample && irqwire_irqfd_by_eventfd(vm, irqfd->resampler.resamplefd))
		return true;
	hlist_for_each_entry(tmp, irqwire_irqfd_bucket(vm->irqfd_by_resamplefd, irqfd->eventfd),
			     by_resamplefd)
		if (tmp->resampler.resamplefd == irqfd->eventfd)
			return true;
	return false;
}

/* vm->irqfds_lock held: @irqfd joins the VM's active irqfds. */
static void irqwire_irqfd_list(struct irqwire_vm *vm, struct irqwire_kernel_irqfd *irqfd)
{
	lockdep_assert_held(&vm->irqfds_lock);
	list_add_tail(&irqfd->list, &vm->irqfds);
	hlist_add_head(&irqfd->by_eventfd,
		       irqwire_irqfd_bucket(vm->irqfd_by_eventfd, irqfd->eventfd));
	hlist_add_head(&irqfd->by_gsi, irqwire_irqfd_gsi_bucket(vm, irqfd->gsi));
	if (irqfd->resample)
		hlist_add_head(&irqfd->by_resamplefd,
			       irqwire_irqfd_bucket(vm->irqfd_by_resamplefd,
						    irqfd->resampler.resamplefd));
}

/* vm->irqfds_lock held: @irqfd, active, leaves the VM's active irqfds. */
static void irqwire_irqfd_unlist(struct irqwire_vm *vm, struct irqwire_kernel_irqfd *irqfd)
{
	lockdep_assert_held(&vm->irqfds_lock);
	list_del_init(&irqfd->list);
	hlist_del_init(&irqfd->by_eventfd);
	hlist_del_init(&irqfd->by_gsi);
	if (irqfd->resample)
		hlist_del_init(&irqfd->by_resamplefd);
}

/* vm->irqfds_lock held. */
static void irqwire_irqfd_deactivate(struct irqwire_kernel_irqfd *irqfd)
{
	irqwire_irqfd_unlist(irqfd->vm, irqfd);
	queue_work(irqwire_cleanup_wq, &irqfd->shutdown);
}

/* vm->irqfds_lock held: caches the GSI's route if the fast path can use it. */
static void irqwire_irqfd_update(struct irqwire_vm *vm, struct irqwire_kernel_irqfd *irqfd)
{
	const struct irqwire_gsi_routes *set;

	lockdep_assert_held(&vm->irqfds_lock);
	rcu_read_lock();
	set = irqwire_routing_lookup(vm, irqfd->gsi);
	write_seqcount_begin(&irqfd->route_sc);
	if (set && set->nr == 1 && set->r[0].type == IRQWIRE_ROUTING_MSI)
		irqfd->route = set->r[0];
	else
		irqfd->route.type = 0;
	write_seqcount_end(&irqfd->route_sc);
	rcu_read_unlock();
}

/* Process context (workqueue): the slow path, an edge on the GSI. */
static void irqwire_irqfd_inject(struct work_struct *work)
{
	struct irqwire_kernel_irqfd *irqfd =
		container_of(work, struct irqwire_kernel_irqfd, inject);

	if (!irqwire_irqfd_is_active_unlocked(irqfd)) {
		atomic64_inc(&irqfd->stats.dropped);
		return;
	}
	atomic64_inc(&irqfd->stats.slow);
	if (irqfd->resample) {
		irqwire_resampler_assert(&irqfd->resampler,
					 IRQWIRE_PATH_IRQFD_SLOW);
		return;
	}
	irqwire_irq_line(irqfd->vm, irqfd->gsi, 1, KVM_USERSPACE_IRQ_SOURCE_ID,
			 IRQWIRE_PATH_IRQFD_SLOW);
	irqwire_irq_line(irqfd->vm, irqfd->gsi, 0, KVM_USERSPACE_IRQ_SOURCE_ID,
			 IRQWIRE_PATH_IRQFD_SLOW);
}

/* Process context (irqwire_cleanup_wq). Ordering is what makes it safe. */
static void irqwire_irqfd_shutdown(struct work_struct *work)
{
	struct irqwire_kernel_irqfd *irqfd =
		container_of(work, struct irqwire_kernel_irqfd, shutdown);
	u64 cnt;

	trace_irqwire_irqfd_shutdown(irqfd->vm->id, irqfd->gsi);
	/* 1. Unhook under the wait-queue lock: no wakeup runs after this. */
	eventfd_ctx_remove_wait_queue(irqfd->eventfd, &irqfd->wait, &cnt);
	/* 2. Only a wakeup queues @inject: wait for the last one to finish. */
	flush_work(&irqfd->inject);
	/* 3. No EOI callback after this, and the line is deasserted. */
	if (irqfd->resample)
		irqwire_resampler_stop(&irqfd->resampler, true);
	/* 4. Nothing refers to the irqfd any more. */
	eventfd_ctx_put(irqfd->eventfd);
	kfree(irqfd);
}

/*
 * Any context. The fast path when the cached route is a single MSI, else
 * the work item. A deactivated irqfd injects nothing: its route is no
 * longer refreshed, and a deassigned pair must stay silent.
 */
static void irqwire_irqfd_inject_now(struct irqwire_kernel_irqfd *irqfd)
{
	struct irqwire_route route;
	unsigned int seq;

	do {
		seq = read_seqcount_begin(&irqfd->route_sc);
		route = irqfd->route;
	} while (read_seqcount_retry(&irqfd->route_sc, seq));

	if (!irqwire_irqfd_is_active_unlocked(irqfd)) {
		atomic64_inc(&irqfd->stats.dropped);
	} else if (route.type == IRQWIRE_ROUTING_MSI) {
		atomic64_inc(&irqfd->stats.fast);
		irqwire_inject_msi(irqfd->vm, route.msi.address_lo,
				   route.msi.address_hi, route.msi.data,
				   irqfd->gsi, IRQWIRE_PATH_IRQFD_FAST);
	} else {
		schedule_work(&irqfd->inject);
	}
}

/*
 * Any context. While masked, a signal only leaves IRQFD_PENDING behind.
 * Both this and unmask end in test_and_clear_bit(IRQFD_PENDING), so a
 * signal racing with unmask is delivered exactly once, never lost.
 */
static void irqwire_irqfd_signal(struct irqwire_kernel_irqfd *irqfd)
{
	if (test_bit(IRQFD_MASKED, &irqfd->state)) {
		atomic64_inc(&irqfd->stats.held);
		set_bit(IRQFD_PENDING, &irqfd->state);
		smp_mb__after_atomic();	/* pairs with irqwire_irqfd_unmask() */
		if (test_bit(IRQFD_MASKED, &irqfd->state) ||
		    !test_and_clear_bit(IRQFD_PENDING, &irqfd->state))
			return;
	}
	irqwire_irqfd_inject_now(irqfd);
}

/* Process context. */
static void irqwire_irqfd_unmask(struct irqwire_kernel_irqfd *irqfd)
{
	clear_bit(IRQFD_MASKED, &irqfd->state);
	smp_mb__after_atomic();		/* pairs with irqwire_irqfd_signal() */
	if (test_and_clear_bit(IRQFD_PENDING, &irqfd->state))
		irqwire_irqfd_inject_now(irqfd);
}

/* Any context, the eventfd's wait-queue lock held, interrupts off. */
static int irqwire_irqfd_wakeup(wait_queue_entry_t *wait, unsigned int mode,
				int sync, void *key)
{
	struct irqwire_kernel_irqfd *irqfd =
		container_of(wait, struct irqwire_kernel_irqfd, wait);
	__poll_t flags = key_to_poll(key);
	struct irqwire_vm *vm = irqfd->vm;
	unsigned long iflags;
	int ret = 0;
	u64 cnt;

	if (flags & EPOLLIN) {
		eventfd_ctx_do_read(irqfd->eventfd, &cnt);
		atomic64_inc(&irqfd->stats.signals);
		trace_irqwire_irqfd_wakeup(vm->id, irqfd->gsi, cnt,
					   test_bit(IRQFD_MASKED, &irqfd->state));
		irqwire_irqfd_signal(irqfd);
		ret = 1;
	}

	if (flags & EPOLLHUP) {
		/* the eventfd is going away: detach (once) */
		spin_lock_irqsave(&vm->irqfds_lock, iflags);
		if (irqwire_irqfd_is_active(irqfd))
			irqwire_irqfd_deactivate(irqfd);
		spin_unlock_irqrestore(&vm->irqfds_lock, iflags);
	}
	return ret;
}

/*
 * Process context, from vfs_poll() at assign. Adds the priority entry
 * unless one is there already: a second exclusive priority waiter (KVM's
 * own irqfd, another irqwire VM) would silently take every event from the
 * first on these kernels.
 */
static void irqwire_irqfd_ptable_queue_proc(struct file *file, wait_queue_head_t *wqh,
					    poll_table *pt)
{
	struct irqwire_kernel_irqfd *irqfd = container_of(pt, struct irqwire_kernel_irqfd, pt);
	wait_queue_entry_t *first;
	unsigned long flags;

	spin_lock_irqsave(&wqh->lock, flags);
	first = list_first_entry_or_null(&wqh->head, wait_queue_entry_t, entry);
	if (first && (first->flags & WQ_FLAG_PRIORITY)) {
		irqfd->wait_busy = true;
	} else {
		irqfd->wait.flags |= WQ_FLAG_EXCLUSIVE | WQ_FLAG_PRIORITY;
		__add_wait_queue(wqh, &irqfd->wait);
	}
	spin_unlock_irqrestore(&wqh->lock, flags);
}

/*
 * Process context, vm->irqfds_mutex held. @resamplefd is used with
 * @resample only.
 */
static int irqwire_irqfd_assign(struct irqwire_vm *vm, struct file *file, u32 gsi,
				bool resample, int resamplefd)
{
	struct irqwire_kernel_irqfd *irqfd;
	struct eventfd_ctx *eventfd;
	__poll_t events;
	int ret = 0;

	lockdep_assert_held(&vm->irqfds_mutex);

	eventfd = eventfd_ctx_fileget(file);
	if (IS_ERR(eventfd))
		return PTR_ERR(eventfd);
	irqfd = kzalloc(sizeof(*irqfd), GFP_KERNEL_ACCOUNT);
	if (!irqfd) {
		eventfd_ctx_put(eventfd);
		return -ENOMEM;
	}
	irqfd->vm = vm;
	irqfd->eventfd = eventfd;
	irqfd->gsi = gsi;
	INIT_LIST_HEAD(&irqfd->list);
	INIT_WORK(&irqfd->inject, irqwire_irqfd_inject);
	INIT_WORK(&irqfd->shutdown, irqwire_irqfd_shutdown);
	seqcount_spinlock_init(&irqfd->route_sc, &vm->irqfds_lock);
	init_waitqueue_func_entry(&irqfd->wait, irqwire_irqfd_wakeup);
	init_poll_funcptr(&irqfd->pt, irqwire_irqfd_ptable_queue_proc);
	if (resample) {
		ret = irqwire_resampler_start(&irqfd->resampler, vm, gsi,
					      resamplefd);
		if (ret)
			goto fail;
		irqfd->resample = true;
	}

	if (resample && irqfd->resampler.resamplefd == eventfd)
		ret = -EBUSY;
	spin_lock_irq(&vm->irqfds_lock);
	if (!ret && irqwire_irqfd_conflicts(vm, irqfd))
		ret = -EBUSY;
	if (!ret) {
		irqwire_irqfd_update(vm, irqfd);
		irqwire_irqfd_list(vm, irqfd);
	}
	spin_unlock_irq(&vm->irqfds_lock);
	if (ret)
		goto fail;

	/*
	 * Hook the wait queue outside irqfds_lock (the wakeup nests
	 * irqfds_lock inside the wait-queue lock). Deassign cannot run
	 * meanwhile (irqfds_mutex) and EPOLLHUP cannot come (the caller
	 * holds a reference to the eventfd's file).
	 */
	events = vfs_poll(file, &irqfd->pt);
	if (irqfd->wait_busy) {
		spin_lock_irq(&vm->irqfds_lock);
		irqwire_irqfd_unlist(vm, irqfd);
		spin_unlock_irq(&vm->irqfds_lock);
		ret = -EBUSY;
		goto fail;
	}
	/* a signal that came before assign is not lost */
	if (events & EPOLLIN)
		schedule_work(&irqfd->inject);
	return 0;
fail:
	/* never hooked, so it never asserted: a rejected call changes nothing */
	if (irqfd->resample)
		irqwire_resampler_stop(&irqfd->resampler, false);
	eventfd_ctx_put(eventfd);
	kfree(irqfd);
	return ret;
}

/* vm->irqfds_lock held: the active irqfd of the pair, or NULL. */
static struct irqwire_kernel_irqfd *irqwire_irqfd_find(struct irqwire_vm *vm,
						       struct eventfd_ctx *eventfd,
					       u32 gsi)
{
	struct irqwire_kernel_irqfd *irqfd = irqwire_irqfd_by_eventfd(vm, eventfd);

	return irqfd && irqfd->gsi == gsi ? irqfd : NULL;
}

/*
 * Process context, vm->irqfds_mutex held: deassign, mask or unmask the
 * (eventfd, GSI) pair. Deassign returns once no injection from the pair
 * can happen any more.
 */
static int irqwire_irqfd_change(struct irqwire_vm *vm, struct file *file, u32 gsi,
				u32 op)
{
	struct irqwire_kernel_irqfd *found;
	struct eventfd_ctx *eventfd;

	lockdep_assert_held(&vm->irqfds_mutex);

	eventfd = eventfd_ctx_fileget(file);
	if (IS_ERR(eventfd))
		return PTR_ERR(eventfd);
	spin_lock_irq(&vm->irqfds_lock);
	found = irqwire_irqfd_find(vm, eventfd, gsi);
	if (found && op == IRQWIRE_IRQFD_FLAG_DEASSIGN)
		irqwire_irqfd_deactivate(found);
	spin_unlock_irq(&vm->irqfds_lock);
	eventfd_ctx_put(eventfd);
	if (!found)
		return -ENOENT;

	/*
	 * The irqfd stays allocated: only deassign (excluded by irqfds_mutex)
	 * or EPOLLHUP (excluded by the caller's file reference) free it.
	 */
	if (op == IRQWIRE_IRQFD_FLAG_MASK)
		set_bit(IRQFD_MASKED, &found->state);
	else if (op == IRQWIRE_IRQFD_FLAG_UNMASK)
		irqwire_irqfd_unmask(found);
	else
		flush_workqueue(irqwire_cleanup_wq);
	return 0;
}

long irqwire_ioctl_irqfd(struct irqwire_handle *h, struct irqwire_vm *vm,
			 void *arg, void __user *uarg)
{
	struct irqwire_irqfd *args = arg;
	struct file *file;
	int ret;

	const u32 ops = IRQWIRE_IRQFD_FLAG_DEASSIGN | IRQWIRE_IRQFD_FLAG_MASK |
			IRQWIRE_IRQFD_FLAG_UNMASK;
	bool resample = args->flags & IRQWIRE_IRQFD_FLAG_RESAMPLE;

	/* at most one operation, none meaning assign, which may resample */
	if (args->flags & ~(ops | IRQWIRE_IRQFD_FLAG_RESAMPLE) ||
	    hweight32(args->flags) > 1 || (!resample && args->resamplefd) ||
	    !irqwire_zeroed(args->pad, sizeof(args->pad)) ||
	    args->gsi >= IRQWIRE_MAX_GSI)
		return -EINVAL;
	if (!irqwire_lapic_in_kernel(vm->kvm))
		return -ENXIO;
	file = fget(args->fd);
	if (!file)
		return -EBADF;

	mutex_lock(&vm->irqfds_mutex);
	if (args->flags & ops)
		ret = irqwire_irqfd_change(vm, file, args->gsi, args->flags);
	else
		ret = irqwire_irqfd_assign(vm, file, args->gsi, resample,
					   args->resamplefd);
	mutex_unlock(&vm->irqfds_mutex);
	fput(file);
	return ret;
}

/* vm->irqfds_lock held: the irqfd cannot be freed while it is read. */
static void irqwire_irqfd_stats_read(struct irqwire_kernel_irqfd *irqfd,
				     struct irqwire_irqfd_stats *st)
{
	lockdep_assert_held(&irqfd->vm->irqfds_lock);
	st->flags = test_bit(IRQFD_MASKED, &irqfd->state) ?
		    IRQWIRE_IRQFD_STATS_MASKED : 0;
	st->signals = atomic64_read(&irqfd->stats.signals);
	st->fast = atomic64_read(&irqfd->stats.fast);
	st->slow = atomic64_read(&irqfd->stats.slow);
	st->held = atomic64_read(&irqfd->stats.held);
	st->dropped = atomic64_read(&irqfd->stats.dropped);
	st->resampled = irqfd->resample ?
			atomic64_read(&irqfd->resampler.acks) : 0;
}

long irqwire_ioctl_get_irqfd_stats(struct irqwire_handle *h,
				   struct irqwire_vm *vm, void *arg,
				   void __user *uarg)
{
	struct irqwire_irqfd_stats *in = arg, out = {};
	struct irqwire_kernel_irqfd *irqfd;
	struct eventfd_ctx *eventfd;

	if (in->flags || in->pad || in->gsi >= IRQWIRE_MAX_GSI ||
	    !irqwire_zeroed(in->reserved, sizeof(in->reserved)))
		return -EINVAL;
	eventfd = eventfd_ctx_fdget(in->fd);
	if (IS_ERR(eventfd))
		return PTR_ERR(eventfd);
	out.fd = in->fd;
	out.gsi = in->gsi;
	spin_lock_irq(&vm->irqfds_lock);
	irqfd = irqwire_irqfd_find(vm, eventfd, in->gsi);
	if (irqfd)
		irqwire_irqfd_stats_read(irqfd, &out);
	spin_unlock_irq(&vm->irqfds_lock);
	eventfd_ctx_put(eventfd);
	if (!irqfd)
		return -ENOENT;
	return copy_to_user(uarg, &out, sizeof(out)) ? -EFAULT : 0;
}

/* Process context (debugfs): every irqfd, then totals per GSI. */
void irqwire_irqfd_show(struct seq_file *m, struct irqwire_vm *vm)
{
	struct irqwire_kernel_irqfd *irqfd;
	struct irqwire_irqfd_stats st;

	spin_lock_irq(&vm->irqfds_lock);
	list_for_each_entry(irqfd, &vm->irqfds, list) {
		irqwire_irqfd_stats_read(irqfd, &st);
		seq_printf(m, "gsi=%u route=%s masked=%d resample=%d signals=%llu fast=%llu slow=%llu held=%llu dropped=%llu resampled=%llu\n",
			   irqfd->gsi,
			   irqfd->route.type == IRQWIRE_ROUTING_MSI ? "msi" : "line",
			   !!(st.flags & IRQWIRE_IRQFD_STATS_MASKED),
			   irqfd->resample, st.signals, st.fast, st.slow,
			   st.held, st.dropped, st.resampled);
	}
	spin_unlock_irq(&vm->irqfds_lock);
}

/* Process context: one record per active irqfd, in assignment order. */
void irqwire_irqfd_collect(struct irqwire_vm *vm, struct irqwire_collector *c)
{
	struct irqwire_inspect_wire_irqfd *r;
	struct irqwire_kernel_irqfd *irqfd;
	struct irqwire_irqfd_stats st;

	spin_lock_irq(&vm->irqfds_lock);
	list_for_each_entry(irqfd, &vm->irqfds, list) {
		r = irqwire_collector_next(c);
		if (!r)
			continue;
		irqwire_irqfd_stats_read(irqfd, &st);
		r->eventfd_id = irqwire_eventfd_id(irqfd->eventfd);
		r->gsi = irqfd->gsi;
		if (st.flags & IRQWIRE_IRQFD_STATS_MASKED)
			r->flags |= IRQWIRE_INSPECT_IRQFD_MASKED;
		if (irqfd->route.type == IRQWIRE_ROUTING_MSI)
			r->flags |= IRQWIRE_INSPECT_IRQFD_MSI;
		if (irqfd->resample) {
			r->flags |= IRQWIRE_INSPECT_IRQFD_RESAMPLE;
			r->resamplefd_id =
				irqwire_eventfd_id(irqfd->resampler.resamplefd);
		}
		r->signals = st.signals;
		r->fast = st.fast;
		r->slow = st.slow;
		r->held = st.held;
		r->dropped = st.dropped;
		r->resampled = st.resampled;
	}
	spin_unlock_irq(&vm->irqfds_lock);
}

/*
 * Process context, vm->routing_lock held by the writer that just published
 * (so no other writer's table can be cached in between): the irqfds of
 * the GSIs @diff names, each GSI's through its bucket; all of them
 * compared with the replaced table only when @diff cannot list them.
 */
void irqwire_irqfd_routes_changed(struct irqwire_vm *vm,
				  const struct irqwire_routing_diff *diff)
{
	const struct irqwire_routing_table *t;
	struct irqwire_kernel_irqfd *irqfd;
	u32 i;

	lockdep_assert_held(&vm->routing_lock);
	t = rcu_dereference_protected(vm->routing, lockdep_is_held(&vm->routing_lock));

	spin_lock_irq(&vm->irqfds_lock);
	if (diff->old) {
		list_for_each_entry(irqfd, &vm->irqfds, list)
			if (irqwire_routing_gsi_changed(diff->old, t, irqfd->gsi))
				irqwire_irqfd_update(vm, irqfd);
	} else {
		for (i = 0; i < diff->nr; i++)
			hlist_for_each_entry(irqfd, irqwire_irqfd_gsi_bucket(vm, diff->gsi[i]),
					     by_gsi)
				if (irqfd->gsi == diff->gsi[i])
					irqwire_irqfd_update(vm, irqfd);
	}
	spin_unlock_irq(&vm->irqfds_lock);
}

/* Process context, VM creation: 0, or -ENOMEM with nothing left allocated. */
int irqwire_irqfd_vm_init(struct irqwire_vm *vm)
{
	vm->irqfd_by_eventfd = kvcalloc(3 << IRQWIRE_IRQFD_HASH_BITS,
					sizeof(*vm->irqfd_by_eventfd), GFP_KERNEL_ACCOUNT);
	if (!vm->irqfd_by_eventfd)
		return -ENOMEM;
	vm->irqfd_by_resamplefd = vm->irqfd_by_eventfd + (1 << IRQWIRE_IRQFD_HASH_BITS);
	vm->irqfd_by_gsi = vm->irqfd_by_eventfd + (2 << IRQWIRE_IRQFD_HASH_BITS);
	spin_lock_init(&vm->irqfds_lock);
	mutex_init(&vm->irqfds_mutex);
	INIT_LIST_HEAD(&vm->irqfds);
	return 0;
}

/* Process context, the VM's last handle is gone: shut every irqfd down. */
void irqwire_irqfd_vm_release(struct irqwire_vm *vm)
{
	struct irqwire_kernel_irqfd *irqfd, *tmp;

	spin_lock_irq(&vm->irqfds_lock);
	list_for_each_entry_safe(irqfd, tmp, &vm->irqfds, list)
		irqwire_irqfd_deactivate(irqfd);
	spin_unlock_irq(&vm->irqfds_lock);
	/* also waits for shutdowns queued by EPOLLHUP */
	flush_workqueue(irqwire_cleanup_wq);
	mutex_destroy(&vm->irqfds_mutex);
	/* every irqfd left them when deactivated */
	kvfree(vm->irqfd_by_eventfd);
}

int irqwire_irqfd_init(void)
{
	irqwire_cleanup_wq = alloc_workqueue("irqwire-irqfd-cleanup", 0, 0);
	return irqwire_cleanup_wq ? 0 : -ENOMEM;
}

void irqwire_irqfd_exit(void)
{
	destroy_workqueue(irqwire_cleanup_wq);
}
