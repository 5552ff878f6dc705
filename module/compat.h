/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels irqwire builds for lives here, so the
 * rest of the module is written against one API.
 *
 * Supported: Debian 6.1 and 6.12. Known for later: 6.18 restricts most KVM
 * exports (kvm_get_kvm, file_is_kvm, kvm_set_msi_irq) to kvm-intel/kvm-amd;
 * those must then move to kvm_syms.c as well.
 */
#ifndef IRQWIRE_COMPAT_H
#define IRQWIRE_COMPAT_H

#include <linux/version.h>
#include <linux/eventfd.h>
#include <linux/kvm_host.h>

/* eventfd_signal() lost its count argument in 6.8. */
static inline void irqwire_eventfd_signal(struct eventfd_ctx *ctx)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
	eventfd_signal(ctx);
#else
	eventfd_signal(ctx, 1);
#endif
}

/*
 * The type of KVM's per-route "set" callbacks (kvm_set_msi,
 * kvm_set_pic_irq, kvm_set_ioapic_irq), taken from the kernel's own
 * struct so that a signature change breaks the build, not the machine.
 */
typedef typeof(((struct kvm_kernel_irq_routing_entry *)NULL)->set)
	irqwire_kvm_set_fn;

#endif /* IRQWIRE_COMPAT_H */
