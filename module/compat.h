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

#include <linux/eventfd.h>
#include <linux/kvm_host.h>

/*
 * eventfd_signal() lost its count argument in 6.8. Kbuild detects the
 * signature in the kernel's own header (IRQWIRE_EVENTFD_SIGNAL_NO_COUNT)
 * rather than trusting the version number, which distributions backport
 * around.
 */
static inline void irqwire_eventfd_signal(struct eventfd_ctx *ctx)
{
#ifdef IRQWIRE_EVENTFD_SIGNAL_NO_COUNT
	eventfd_signal(ctx);
#else
	eventfd_signal(ctx, 1);
#endif
}

/*
 * Who frees a kvm_io_device on unregister differs: the caller of
 * kvm_io_bus_unregister_dev() on 6.1, the device's ops->destructor (called
 * by KVM) on 6.12. irqwire never calls KVM's unregister (module/kvm_bus.c
 * replaces it: KVM's is sealed on IBT kernels) and its devices have no
 * destructor, so irqwire frees its own devices on every version and
 * there is nothing to wrap here.
 */

#endif /* IRQWIRE_COMPAT_H */
