/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Resampling for level-triggered irqfds: KVM's resampler semantics on
 * irqwire's routes. The irqfd asserts its GSI (and holds it); when the
 * guest EOIs the interrupt, the line is deasserted and the resamplefd
 * signalled, so the VMM can check its device and signal again if the
 * interrupt is still pending.
 */
#ifndef IRQWIRE_RESAMPLE_H
#define IRQWIRE_RESAMPLE_H

#include <linux/eventfd.h>
#include <linux/kvm_host.h>

struct irqwire_vm;

/**
 * struct irqwire_resampler - the EOI side of one resampling irqfd
 * @kian: on kvm->irq_ack_notifier_list (under kvm->irq_lock, read by
 *	KVM under kvm->irq_srcu) from irqwire_resampler_start() to _stop();
 *	@kian.gsi is KVM's GSI of the acked pin, see resample.c.
 * @vm: owner of the irqfd.
 * @gsi: irqwire's GSI, deasserted on EOI.
 * @resamplefd: referenced from start to stop.
 * @acks: EOIs seen (irqwire_irqfd_stats.resampled).
 */
struct irqwire_resampler {
	struct kvm_irq_ack_notifier kian;
	struct irqwire_vm *vm;
	u32 gsi;
	struct eventfd_ctx *resamplefd;
	atomic64_t acks;
};

/*
 * Process context. Checks that @gsi can be resampled and listens for its
 * EOIs. Errors: -ENXIO without the full in-kernel irqchip, -EBADF/-EINVAL
 * for a @resamplefd that is not an open eventfd, -EINVAL when @gsi has no
 * PIC/IOAPIC route or KVM's routing has no GSI for that pin.
 */
int irqwire_resampler_start(struct irqwire_resampler *rs,
			    struct irqwire_vm *vm, u32 gsi, int resamplefd);

/*
 * Process context: no EOI callback after this. @was_live: the irqfd was
 * hooked and may have asserted the line, which is then deasserted; a
 * resampler whose assign failed never asserted, and must not deassert a
 * line that another resampling irqfd (the source is shared) holds.
 */
void irqwire_resampler_stop(struct irqwire_resampler *rs, bool was_live);

/* Any context: assert the GSI as the resampler's source (held until EOI). */
void irqwire_resampler_assert(struct irqwire_resampler *rs, int path);

#endif /* IRQWIRE_RESAMPLE_H */
