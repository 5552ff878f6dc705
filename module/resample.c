// SPDX-License-Identifier: GPL-2.0
/*
 * Resampling irqfds, after virt/kvm/eventfd.c's irqfd_resampler.
 *
 * KVM reports the EOI of a PIC/IOAPIC pin to the ack notifiers on
 * kvm->irq_ack_notifier_list whose gsi is KVM's GSI for that pin (from
 * KVM's own routing table, not irqwire's). kvm_register_irq_ack_notifier()
 * is not exported and KVM never takes its address, so Debian 6.12 seals
 * its ENDBR; irqwire does what it does: add to the list under
 * kvm->irq_lock, then have every vCPU recompute which IOAPIC vectors need
 * EOI exits (kvm_arch_post_irq_ack_notifier_list_update() is
 * kvm_make_scan_ioapic_request(): KVM_REQ_SCAN_IOAPIC to all vCPUs).
 *
 * The pin is the one irqwire's route of the GSI names at assign time (its
 * IOAPIC entry, else its PIC entry); it stays fixed, so a resampled GSI
 * moved to another pin needs a new assign. The level is held as KVM's
 * resampler IRQ source (KVM_IRQFD_RESAMPLE_IRQ_SOURCE_ID), which KVM
 * reserves for exactly this: the VMM's own KVM_IRQ_LINE/IRQWIRE_IRQ_LINE
 * on the same pin stays an independent input of the line.
 */
#include <linux/kvm_host.h>

#include "compat.h"
#include "inject.h"
#include "kvm_irqchip.h"
#include "resample.h"
#include "routing.h"

/* KVM's GSI for an irqchip pin, as kvm_irq_map_chip_pin() reads it. */
static int irqwire_kvm_gsi_of_pin(struct kvm *kvm, u32 irqchip, u32 pin)
{
	struct kvm_irq_routing_table *rt;
	int idx, gsi = -1;

	idx = srcu_read_lock(&kvm->irq_srcu);
	rt = srcu_dereference(kvm->irq_routing, &kvm->irq_srcu);
	if (rt)
		gsi = rt->chip[irqchip][pin];
	srcu_read_unlock(&kvm->irq_srcu, idx);
	return gsi;
}

/* The irqchip pin whose EOI resamples @gsi: its IOAPIC route, else PIC. */
static int irqwire_resample_pin(struct irqwire_vm *vm, u32 gsi, u32 *irqchip,
				u32 *pin)
{
	const struct irqwire_gsi_routes *set;
	int i, ret = -EINVAL;

	rcu_read_lock();
	set = irqwire_routing_lookup(vm, gsi);
	for (i = 0; set && i < set->nr; i++) {
		if (set->r[i].type != KVM_IRQ_ROUTING_IRQCHIP)
			continue;
		if (ret || set->r[i].irqchip.irqchip == KVM_IRQCHIP_IOAPIC) {
			*irqchip = set->r[i].irqchip.irqchip;
			*pin = set->r[i].irqchip.pin;
			ret = 0;
		}
	}
	rcu_read_unlock();
	return ret;
}

static void irqwire_resample_line(struct irqwire_resampler *rs, int level, int path)
{
	irqwire_irq_line(rs->vm, rs->gsi, level,
			 KVM_IRQFD_RESAMPLE_IRQ_SOURCE_ID, path);
}

/* vCPU context (EOI emulation), kvm->irq_srcu held. */
static void irqwire_resample_acked(struct kvm_irq_ack_notifier *kian)
{
	struct irqwire_resampler *rs =
		container_of(kian, struct irqwire_resampler, kian);

	atomic64_inc(&rs->acks);
	irqwire_resample_line(rs, 0, IRQWIRE_PATH_IRQFD_RESAMPLE);
	irqwire_eventfd_signal(rs->resamplefd);
}

int irqwire_resampler_start(struct irqwire_resampler *rs,
			    struct irqwire_vm *vm, u32 gsi, int resamplefd)
{
	struct kvm *kvm = vm->kvm;
	u32 irqchip, pin;
	int kvm_gsi;

	if (!irqwire_full_irqchip(kvm))
		return -ENXIO;
	if (irqwire_resample_pin(vm, gsi, &irqchip, &pin))
		return -EINVAL;
	kvm_gsi = irqwire_kvm_gsi_of_pin(kvm, irqchip, pin);
	if (kvm_gsi < 0)
		return -EINVAL;
	rs->resamplefd = eventfd_ctx_fdget(resamplefd);
	if (IS_ERR(rs->resamplefd))
		return PTR_ERR(rs->resamplefd);

	rs->vm = vm;
	rs->gsi = gsi;
	atomic64_set(&rs->acks, 0);
	rs->kian.gsi = kvm_gsi;
	rs->kian.irq_acked = irqwire_resample_acked;
	mutex_lock(&kvm->irq_lock);
	hlist_add_head_rcu(&rs->kian.link, &kvm->irq_ack_notifier_list);
	mutex_unlock(&kvm->irq_lock);
	kvm_make_all_cpus_request(kvm, KVM_REQ_SCAN_IOAPIC);
	return 0;
}

void irqwire_resampler_stop(struct irqwire_resampler *rs, bool was_live)
{
	struct kvm *kvm = rs->vm->kvm;

	might_sleep();	/* for the kvm->irq_srcu grace period */
	mutex_lock(&kvm->irq_lock);
	hlist_del_init_rcu(&rs->kian.link);
	mutex_unlock(&kvm->irq_lock);
	synchronize_srcu(&kvm->irq_srcu);	/* no irqwire_resample_acked() after this */
	kvm_make_all_cpus_request(kvm, KVM_REQ_SCAN_IOAPIC);
	/* as KVM does: a line left asserted would fire after every EOI */
	if (was_live)
		irqwire_resample_line(rs, 0, IRQWIRE_PATH_IRQFD_RESAMPLE);
	eventfd_ctx_put(rs->resamplefd);
}

void irqwire_resampler_assert(struct irqwire_resampler *rs, int path)
{
	irqwire_resample_line(rs, 1, path);
}
