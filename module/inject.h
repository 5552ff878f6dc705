/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Injection primitives shared by every path into the guest.
 */
#ifndef IRQWIRE_INJECT_H
#define IRQWIRE_INJECT_H

#include <linux/kvm_host.h>

int irqwire_deliver_msi(struct kvm *kvm, u32 address_lo, u32 address_hi,
			u32 data);

#endif /* IRQWIRE_INJECT_H */
