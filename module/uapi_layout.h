/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What uapi/linux/irqwire.h promises about KVM's ABI, checked by the
 * compiler: "the layout of struct kvm_*" means every field at the same
 * offset with the same size, and the constants it shares with KVM have
 * KVM's values. Included once, by module/ioctl.c.
 */
#ifndef IRQWIRE_UAPI_LAYOUT_H
#define IRQWIRE_UAPI_LAYOUT_H

#include <linux/kvm_host.h>
#include <linux/stddef.h>
#include <uapi/linux/irqwire.h>

/* @ours, @kvms: a parenthesized (type, member) pair each */
#define IRQWIRE_SAME_MEMBER(ours, kvms)					\
	static_assert(offsetof ours == offsetof kvms &&			\
		      sizeof_field ours == sizeof_field kvms)
#define IRQWIRE_SAME_FIELD(ours, kvms, field, kfield)			\
	IRQWIRE_SAME_MEMBER((struct ours, field), (struct kvms, kfield))
#define IRQWIRE_SAME_SIZE(ours, kvms) \
	static_assert(sizeof(struct ours) == sizeof(struct kvms))

IRQWIRE_SAME_SIZE(irqwire_msi, kvm_msi);
IRQWIRE_SAME_FIELD(irqwire_msi, kvm_msi, address_lo, address_lo);
IRQWIRE_SAME_FIELD(irqwire_msi, kvm_msi, address_hi, address_hi);
IRQWIRE_SAME_FIELD(irqwire_msi, kvm_msi, data, data);
IRQWIRE_SAME_FIELD(irqwire_msi, kvm_msi, flags, flags);
IRQWIRE_SAME_FIELD(irqwire_msi, kvm_msi, devid, devid);
IRQWIRE_SAME_FIELD(irqwire_msi, kvm_msi, pad, pad);

IRQWIRE_SAME_SIZE(irqwire_routing_entry, kvm_irq_routing_entry);
IRQWIRE_SAME_FIELD(irqwire_routing_entry, kvm_irq_routing_entry, gsi, gsi);
IRQWIRE_SAME_FIELD(irqwire_routing_entry, kvm_irq_routing_entry, type, type);
IRQWIRE_SAME_FIELD(irqwire_routing_entry, kvm_irq_routing_entry, flags, flags);
IRQWIRE_SAME_FIELD(irqwire_routing_entry, kvm_irq_routing_entry, pad, pad);
IRQWIRE_SAME_FIELD(irqwire_routing_entry, kvm_irq_routing_entry,
		   u.irqchip.irqchip, u.irqchip.irqchip);
IRQWIRE_SAME_FIELD(irqwire_routing_entry, kvm_irq_routing_entry,
		   u.irqchip.pin, u.irqchip.pin);
IRQWIRE_SAME_FIELD(irqwire_routing_entry, kvm_irq_routing_entry,
		   u.msi.address_lo, u.msi.address_lo);
IRQWIRE_SAME_FIELD(irqwire_routing_entry, kvm_irq_routing_entry,
		   u.msi.address_hi, u.msi.address_hi);
IRQWIRE_SAME_FIELD(irqwire_routing_entry, kvm_irq_routing_entry,
		   u.msi.data, u.msi.data);
IRQWIRE_SAME_FIELD(irqwire_routing_entry, kvm_irq_routing_entry,
		   u.msi.devid, u.msi.devid);
IRQWIRE_SAME_FIELD(irqwire_routing_entry, kvm_irq_routing_entry, u.pad, u.pad);

IRQWIRE_SAME_SIZE(irqwire_routing, kvm_irq_routing);
IRQWIRE_SAME_FIELD(irqwire_routing, kvm_irq_routing, nr, nr);
IRQWIRE_SAME_FIELD(irqwire_routing, kvm_irq_routing, flags, flags);
static_assert(offsetof(struct irqwire_routing, entries) ==
	      offsetof(struct kvm_irq_routing, entries));

IRQWIRE_SAME_SIZE(irqwire_irqfd, kvm_irqfd);
IRQWIRE_SAME_FIELD(irqwire_irqfd, kvm_irqfd, fd, fd);
IRQWIRE_SAME_FIELD(irqwire_irqfd, kvm_irqfd, gsi, gsi);
IRQWIRE_SAME_FIELD(irqwire_irqfd, kvm_irqfd, flags, flags);
IRQWIRE_SAME_FIELD(irqwire_irqfd, kvm_irqfd, resamplefd, resamplefd);
IRQWIRE_SAME_FIELD(irqwire_irqfd, kvm_irqfd, pad, pad);

IRQWIRE_SAME_SIZE(irqwire_ioeventfd, kvm_ioeventfd);
IRQWIRE_SAME_FIELD(irqwire_ioeventfd, kvm_ioeventfd, datamatch, datamatch);
IRQWIRE_SAME_FIELD(irqwire_ioeventfd, kvm_ioeventfd, addr, addr);
IRQWIRE_SAME_FIELD(irqwire_ioeventfd, kvm_ioeventfd, len, len);
IRQWIRE_SAME_FIELD(irqwire_ioeventfd, kvm_ioeventfd, fd, fd);
IRQWIRE_SAME_FIELD(irqwire_ioeventfd, kvm_ioeventfd, flags, flags);
IRQWIRE_SAME_FIELD(irqwire_ioeventfd, kvm_ioeventfd, pad, pad);

/* Constants that are KVM's (irqwire's own flag bits are not: api.rst). */
static_assert(IRQWIRE_ROUTING_IRQCHIP == KVM_IRQ_ROUTING_IRQCHIP);
static_assert(IRQWIRE_ROUTING_MSI == KVM_IRQ_ROUTING_MSI);
static_assert(IRQWIRE_IRQCHIP_PIC_MASTER == KVM_IRQCHIP_PIC_MASTER);
static_assert(IRQWIRE_IRQCHIP_PIC_SLAVE == KVM_IRQCHIP_PIC_SLAVE);
static_assert(IRQWIRE_IRQCHIP_IOAPIC == KVM_IRQCHIP_IOAPIC);
static_assert(IRQWIRE_IRQFD_FLAG_DEASSIGN == KVM_IRQFD_FLAG_DEASSIGN);
static_assert(IRQWIRE_IOEVENTFD_FLAG_DATAMATCH == KVM_IOEVENTFD_FLAG_DATAMATCH);
static_assert(IRQWIRE_IOEVENTFD_FLAG_PIO == KVM_IOEVENTFD_FLAG_PIO);
static_assert(IRQWIRE_IOEVENTFD_FLAG_DEASSIGN == KVM_IOEVENTFD_FLAG_DEASSIGN);
static_assert(IRQWIRE_BUS_MMIO == KVM_MMIO_BUS);
static_assert(IRQWIRE_BUS_PIO == KVM_PIO_BUS);
static_assert(IRQWIRE_BUS_VIRTIO_CCW == KVM_VIRTIO_CCW_NOTIFY_BUS);
static_assert(IRQWIRE_BUS_FAST_MMIO == KVM_FAST_MMIO_BUS);

#endif /* IRQWIRE_UAPI_LAYOUT_H */
