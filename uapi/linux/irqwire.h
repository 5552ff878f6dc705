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

/*
 * Bumped on every incompatible change of the structures or numbers below
 * (2: the ioctl type moved from 0xAF, vhost's, to 0xBA).
 */
#define IRQWIRE_API_VERSION	3

/* Free in Documentation/userspace-api/ioctl/ioctl-number.rst of 6.1-6.12. */
#define IRQWIRE_IO		0xBA

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

/*
 * GSI routing. The entry and table layouts are those of KVM's
 * struct kvm_irq_routing_entry / struct kvm_irq_routing, so a VMM can pass
 * the arrays it builds for KVM_SET_GSI_ROUTING unchanged.
 */
#define IRQWIRE_MAX_GSI			4096	/* GSIs are 0..4095 */
#define IRQWIRE_MAX_ROUTING_ENTRIES	4096	/* per table */
#define IRQWIRE_MAX_ROUTES_PER_GSI	3	/* PIC, IOAPIC, ... or one MSI */

#define IRQWIRE_ROUTING_IRQCHIP	1
#define IRQWIRE_ROUTING_MSI	2

#define IRQWIRE_IRQCHIP_PIC_MASTER	0	/* pins 0-7 */
#define IRQWIRE_IRQCHIP_PIC_SLAVE	1	/* pins 0-7 */
#define IRQWIRE_IRQCHIP_IOAPIC		2	/* pins 0-23 */

struct irqwire_routing_irqchip {
	__u32 irqchip;
	__u32 pin;
};

struct irqwire_routing_msi {
	__u32 address_lo;
	__u32 address_hi;
	__u32 data;
	__u32 devid;		/* must be 0 */
};

struct irqwire_routing_entry {
	__u32 gsi;
	__u32 type;		/* IRQWIRE_ROUTING_* */
	__u32 flags;		/* must be 0 */
	__u32 pad;		/* must be 0 */
	union {
		struct irqwire_routing_irqchip irqchip;
		struct irqwire_routing_msi msi;
		__u32 pad[8];	/* bytes the type does not use: 0 */
	} u;
};

/* IRQWIRE_SET_GSI_ROUTING, IRQWIRE_GET_GSI_ROUTING */
struct irqwire_routing {
	__u32 nr;		/* entries[] length; GET: capacity in, count out */
	__u32 flags;		/* must be 0 */
	struct irqwire_routing_entry entries[];
};

/* IRQWIRE_ROUTE_SET: replace every entry of one GSI */
struct irqwire_gsi_route {
	__u32 gsi;
	__u32 nr;		/* 1..IRQWIRE_MAX_ROUTES_PER_GSI */
	__u32 flags;		/* must be 0 */
	__u32 pad;		/* must be 0 */
	struct irqwire_routing_entry entries[IRQWIRE_MAX_ROUTES_PER_GSI];
};

/* IRQWIRE_ROUTE_DEL: remove every entry of one GSI */
struct irqwire_gsi {
	__u32 gsi;
	__u32 flags;		/* must be 0 */
};

/* IRQWIRE_IRQ_LINE */
struct irqwire_irq_level {
	__u32 gsi;
	__u32 level;		/* 0 or 1 */
};

/* IRQWIRE_IRQFD: the layout of struct kvm_irqfd */
#define IRQWIRE_IRQFD_FLAG_DEASSIGN	0x1u
/* hold signals of an assigned pair; unmask delivers one if any came */
#define IRQWIRE_IRQFD_FLAG_MASK		0x2u
#define IRQWIRE_IRQFD_FLAG_UNMASK	0x4u
/* assign: level-triggered, deasserted and resamplefd signalled on EOI */
#define IRQWIRE_IRQFD_FLAG_RESAMPLE	0x8u

struct irqwire_irqfd {
	__u32 fd;		/* an eventfd */
	__u32 gsi;		/* < IRQWIRE_MAX_GSI */
	__u32 flags;		/* IRQWIRE_IRQFD_FLAG_* */
	__u32 resamplefd;	/* with RESAMPLE: an eventfd; else 0 */
	__u8  pad[16];		/* must be 0 */
};

/* IRQWIRE_GET_IRQFD_STATS: counters of one assigned (eventfd, GSI) pair */
#define IRQWIRE_IRQFD_STATS_MASKED	0x1u	/* out: the pair is masked */

struct irqwire_irqfd_stats {
	__u32 fd;		/* in: the eventfd */
	__u32 gsi;		/* in */
	__u32 flags;		/* in: 0; out: IRQWIRE_IRQFD_STATS_* */
	__u32 pad;		/* in: 0 */
	__u64 signals;		/* wakeups with a count (EPOLLIN) */
	__u64 fast;		/* injected by the wakeup (single MSI route) */
	__u64 slow;		/* pulses of the GSI from the work item */
	__u64 held;		/* signals that came while masked */
	__u64 dropped;		/* signals after deactivation, not injected */
	__u64 resampled;	/* EOIs that deasserted a resampling irqfd */
	__u64 reserved[2];	/* in: 0; out: 0 */
};

/*
 * IRQWIRE_IOEVENTFD: the layout of struct kvm_ioeventfd. A guest write of
 * @len bytes (0: any length, MMIO only) to @addr signals the eventfd @fd,
 * with DATAMATCH only when the value written equals @datamatch.
 */
#define IRQWIRE_IOEVENTFD_FLAG_DATAMATCH	0x1u
#define IRQWIRE_IOEVENTFD_FLAG_PIO		0x2u	/* port I/O, else MMIO */
#define IRQWIRE_IOEVENTFD_FLAG_DEASSIGN		0x4u

/* Doorbells per VM (KVM's own bound is the number of open files). */
#define IRQWIRE_MAX_IOEVENTFDS	65536

struct irqwire_ioeventfd {
	__u64 datamatch;	/* with DATAMATCH: fits in @len bytes; else 0 */
	__u64 addr;		/* guest physical address or port */
	__u32 len;		/* 0 (MMIO only), 1, 2, 4 or 8 (MMIO only) */
	__s32 fd;		/* an eventfd */
	__u32 flags;		/* IRQWIRE_IOEVENTFD_FLAG_* */
	__u8  pad[36];		/* must be 0 */
};

/*
 * IRQWIRE_GET_IOEVENTFD_STATS: counters of one doorbell, named as in
 * IRQWIRE_IOEVENTFD (flags: DATAMATCH and PIO only).
 */
struct irqwire_ioeventfd_stats {
	__u64 datamatch;	/* in */
	__u64 addr;		/* in */
	__u32 len;		/* in */
	__u32 flags;		/* in */
	__u64 hits;		/* out: writes that signalled the eventfd */
	__u32 bus_devices;	/* out: KVM bus devices irqwire holds on the bus */
	__u32 pad;		/* in: 0 */
	__u64 reserved[2];	/* in: 0; out: 0 */
};

/*
 * IRQWIRE_INSPECT_VM: a read-only copy of KVM's OWN state of any VM whose fd
 * the caller holds (e.g. taken from a VMM with pidfd_getfd(), which needs
 * ptrace rights), or of irqwire's own state of a VM bound to irqwire.
 * @what selects the records written to @records:
 */
#define IRQWIRE_INSPECT_ROUTES		1	/* struct irqwire_routing_entry */
#define IRQWIRE_INSPECT_IRQFDS		2	/* struct irqwire_inspect_irqfd */
#define IRQWIRE_INSPECT_BUS_DEVICES	3	/* struct irqwire_inspect_bus_device */
/* irqwire's own state of a VM bound to it (else ENOENT) */
#define IRQWIRE_INSPECT_WIRE_VMS	4	/* struct irqwire_inspect_wire_vm */
#define IRQWIRE_INSPECT_WIRE_ROUTES	5	/* struct irqwire_routing_entry */
#define IRQWIRE_INSPECT_WIRE_IRQFDS	6	/* struct irqwire_inspect_wire_irqfd */
#define IRQWIRE_INSPECT_WIRE_DOORBELLS	7	/* struct irqwire_inspect_doorbell */

#define IRQWIRE_MAX_INSPECT_RECORDS	65536

/*
 * Both need CAP_SYS_ADMIN (any process's VM, as debugfs shows to root) and
 * go with IRQWIRE_INSPECT_WIRE_* only. BY_ID: @vm_fd is the id of a
 * WIRE_VMS record, not an fd. ALL (WIRE_VMS, @vm_fd 0): every bound VM.
 */
#define IRQWIRE_INSPECT_FLAG_BY_ID	0x1u
#define IRQWIRE_INSPECT_FLAG_ALL	0x2u

struct irqwire_inspect {
	__u32 vm_fd;		/* a KVM VM fd of any process; see BY_ID */
	__u32 what;		/* IRQWIRE_INSPECT_* */
	__u32 nr;		/* in: capacity of @records; out: records held */
	__u32 flags;		/* IRQWIRE_INSPECT_FLAG_* */
	__u64 records;		/* user address of @nr records */
	__u64 reserved[2];	/* must be 0 */
};

/* One of KVM's irqfds; eventfds are named by IRQWIRE_GET_EVENTFD_ID. */
#define IRQWIRE_INSPECT_IRQFD_RESAMPLE	0x1u

struct irqwire_inspect_irqfd {
	__u64 eventfd_id;
	__u64 resamplefd_id;	/* 0 unless IRQWIRE_INSPECT_IRQFD_RESAMPLE */
	__u32 gsi;
	__u32 flags;		/* IRQWIRE_INSPECT_IRQFD_* */
};

/* One VM bound to irqwire, by id. */
struct irqwire_inspect_wire_vm {
	__u32 id;		/* names it with IRQWIRE_INSPECT_FLAG_BY_ID */
	__s32 pid;		/* the process that created the VM */
	__u32 nr_doorbells;
	__u32 bus_devices[2];	/* KVM bus devices irqwire holds: MMIO, PIO */
	__u32 pad;		/* 0 */
	__u64 unmatched[2];	/* writes to them that matched no doorbell */
	__u64 reserved[2];	/* 0 */
};

/* One of irqwire's irqfds, with its counters (IRQWIRE_GET_IRQFD_STATS). */
#define IRQWIRE_INSPECT_IRQFD_MASKED	0x2u
#define IRQWIRE_INSPECT_IRQFD_MSI	0x4u	/* its GSI has one MSI route */

struct irqwire_inspect_wire_irqfd {
	__u64 eventfd_id;
	__u64 resamplefd_id;	/* 0 unless IRQWIRE_INSPECT_IRQFD_RESAMPLE */
	__u32 gsi;
	__u32 flags;		/* IRQWIRE_INSPECT_IRQFD_* */
	__u64 signals;
	__u64 fast;
	__u64 slow;
	__u64 held;
	__u64 dropped;
	__u64 resampled;
};

/* One of irqwire's doorbells, in assignment order. */
#define IRQWIRE_INSPECT_DOORBELL_WINDOW	0x100u	/* on a shared page device */

struct irqwire_inspect_doorbell {
	__u64 datamatch;	/* with IRQWIRE_IOEVENTFD_FLAG_DATAMATCH */
	__u64 addr;
	__u32 len;
	__u32 flags;		/* IRQWIRE_IOEVENTFD_FLAG_DATAMATCH, _PIO, WINDOW */
	__u64 eventfd_id;
	__u64 hits;
};

/* KVM's buses (enum kvm_bus) */
#define IRQWIRE_BUS_MMIO	0
#define IRQWIRE_BUS_PIO		1
#define IRQWIRE_BUS_VIRTIO_CCW	2
#define IRQWIRE_BUS_FAST_MMIO	3

/* One device on one of KVM's buses, in the bus's (address) order. */
struct irqwire_inspect_bus_device {
	__u64 addr;
	__u32 len;
	__u32 bus;		/* IRQWIRE_BUS_* */
	char ops[48];		/* symbol of its ops: "ioeventfd_ops [kvm]" */
};

/*
 * IRQWIRE_GET_EVENTFD_ID: a per-boot, per-module-load name of the eventfd
 * behind @fd (a keyed hash, not an address): the id irqfd records carry.
 */
struct irqwire_eventfd_id {
	__s32 fd;		/* in: an eventfd */
	__u32 pad;		/* in: 0 */
	__u64 id;		/* out: never 0 */
};

#define IRQWIRE_GET_API_VERSION	_IO(IRQWIRE_IO, 0x00)
#define IRQWIRE_BIND_VM		_IOW(IRQWIRE_IO, 0x01, \
				     struct irqwire_bind_vm)
#define IRQWIRE_SIGNAL_MSI	_IOW(IRQWIRE_IO, 0x02, \
				     struct irqwire_msi)
#define IRQWIRE_SET_GSI_ROUTING	_IOW(IRQWIRE_IO, 0x10, \
				     struct irqwire_routing)
#define IRQWIRE_GET_GSI_ROUTING	_IOWR(IRQWIRE_IO, 0x11, \
				      struct irqwire_routing)
#define IRQWIRE_ROUTE_SET	_IOW(IRQWIRE_IO, 0x12, \
				     struct irqwire_gsi_route)
#define IRQWIRE_ROUTE_DEL	_IOW(IRQWIRE_IO, 0x13, \
				     struct irqwire_gsi)
#define IRQWIRE_IRQ_LINE	_IOW(IRQWIRE_IO, 0x14, \
				     struct irqwire_irq_level)
#define IRQWIRE_IRQFD		_IOW(IRQWIRE_IO, 0x20, \
				     struct irqwire_irqfd)
#define IRQWIRE_GET_IRQFD_STATS	_IOWR(IRQWIRE_IO, 0x21, \
				      struct irqwire_irqfd_stats)
#define IRQWIRE_IOEVENTFD	_IOW(IRQWIRE_IO, 0x30, \
				     struct irqwire_ioeventfd)
#define IRQWIRE_GET_IOEVENTFD_STATS _IOWR(IRQWIRE_IO, 0x31, \
					  struct irqwire_ioeventfd_stats)
#define IRQWIRE_INSPECT_VM	_IOWR(IRQWIRE_IO, 0x40, \
				      struct irqwire_inspect)
#define IRQWIRE_GET_EVENTFD_ID	_IOWR(IRQWIRE_IO, 0x41, \
				      struct irqwire_eventfd_id)

#endif /* _UAPI_LINUX_IRQWIRE_H */
