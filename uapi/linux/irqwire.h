/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * irqwire: userspace ABI of /dev/irqwire.
 *
 * One open file of /dev/irqwire is one handle. A handle is bound to exactly
 * one KVM VM with IRQWIRE_BIND_VM and then accepts the injection ioctls.
 * The reference is Documentation/api.rst.
 */
#ifndef _UAPI_LINUX_IRQWIRE_H
#define _UAPI_LINUX_IRQWIRE_H

#include <linux/types.h>
#include <linux/ioctl.h>

/* Bumped on every incompatible change of the structures below. */
#define IRQWIRE_API_VERSION	1

/* 0xAE is KVM's; 0xAF 0x80-0xFF is free in ioctl-number.rst. */
#define IRQWIRE_IO		0xAF
#define IRQWIRE_IOC_BASE	0x80

/* IRQWIRE_BIND_VM */
struct irqwire_bind_vm {
	__u32 vm_fd;		/* a KVM VM fd, from KVM_CREATE_VM */
	__u32 flags;		/* must be 0 */
	__u64 reserved[3];	/* must be 0 */
};

/* IRQWIRE_SIGNAL_MSI: the layout of struct kvm_msi */
struct irqwire_msi {
	__u32 address_lo;
	__u32 address_hi;
	__u32 data;
	__u32 flags;		/* must be 0: x86 MSIs carry no device id */
	__u32 devid;		/* must be 0 */
	__u8  pad[12];		/* must be 0 */
};

#define IRQWIRE_GET_API_VERSION	_IO(IRQWIRE_IO, IRQWIRE_IOC_BASE + 0x00)
#define IRQWIRE_BIND_VM		_IOW(IRQWIRE_IO, IRQWIRE_IOC_BASE + 0x01, \
				     struct irqwire_bind_vm)
#define IRQWIRE_SIGNAL_MSI	_IOW(IRQWIRE_IO, IRQWIRE_IOC_BASE + 0x02, \
				     struct irqwire_msi)

#endif /* _UAPI_LINUX_IRQWIRE_H */
