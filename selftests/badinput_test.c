// SPDX-License-Identifier: GPL-2.0
/*
 * badinput_test: one table with every rejected input of every irqwire
 * ioctl and its documented errno (Documentation/api.rst). Each call runs
 * against a handle holding real state (a routing table, an irqfd, a
 * doorbell); after each, that state is read back (the routing table and
 * the VM's debugfs files and irqwire's records through IRQWIRE_INSPECT_VM,
 * which list every irqfd and doorbell with its counters) and must be
 * byte-for-byte what it was.
 */
#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/mman.h>

#include "kvm_harness.h"
#include "guest_rx.h"
#include "irqwire_state.h"
#include "irqwire_test.h"

#define MSI_GSI		30	/* an MSI route with an irqfd */
#define PIN_GSI		5	/* an IOAPIC pin route */
#define DB_ADDR		0xd0000010ull
#define VEC		RX_VEC_BASE
#define MAX_GSI		IRQWIRE_MAX_GSI

/* Stand-ins for fds, replaced by real ones before each call. */
enum {
	F_VM = -100,	/* the bound VM */
	F_EFD,		/* an unused eventfd */
	F_EFD_IRQFD,	/* the eventfd of the assigned irqfd */
	F_EFD_DB,	/* the eventfd of the doorbell */
	F_RFD,		/* an unused eventfd for resampling */
	F_EFD_RS,	/* the eventfd of the resampling irqfd */
	F_RFD_LIVE,	/* the resamplefd of the resampling irqfd */
	F_NULL,		/* /dev/null */
	F_CLOSED,	/* a number that was just closed */
	F_VCPU,		/* a vCPU fd */
	F_KVM,		/* /dev/kvm */
	F_DEV,		/* an /dev/irqwire handle */
	F_LAST,
};

union arg {
	struct irqwire_bind_vm bind;
	struct irqwire_msi msi;
	struct {
		struct irqwire_routing h;
		struct irqwire_routing_entry e[2];
	} rt;
	struct irqwire_gsi_route gr;
	struct irqwire_gsi g;
	struct irqwire_irq_level l;
	struct irqwire_irqfd irqfd;
	struct irqwire_irqfd_stats ist;
	struct irqwire_ioeventfd io;
	struct irqwire_ioeventfd_stats dst;
	struct irqwire_inspect in;
	struct irqwire_eventfd_id eid;
	__u64 raw[16];
};

/* BOUND: the handle with state; NOIRQCHIP: one bound to a VM without irqchip */
enum where { BOUND, UNBOUND, NOIRQCHIP };
enum ptr { PTR_ARG, PTR_BAD, PTR_ENTRIES_UNREADABLE };

struct bad {
	const char *what;
	unsigned long cmd;
	union arg arg;
	int err;
	enum where on;
	enum ptr ptr;
};

#define MSI_ENTRY(g)	{ .gsi = g, .type = IRQWIRE_ROUTING_MSI,		\
			  .u.msi = { .address_lo = 0xfee00000, .data = VEC } }
#define PIN_ENTRY(g, c, p) { .gsi = g, .type = IRQWIRE_ROUTING_IRQCHIP,	\
			  .u.irqchip = { .irqchip = c, .pin = p } }
#define IOAPIC		IRQWIRE_IRQCHIP_IOAPIC
#define PIC_M		IRQWIRE_IRQCHIP_PIC_MASTER
#define PIC_S		IRQWIRE_IRQCHIP_PIC_SLAVE
/* a one-entry table, the same entry per GSI, and after a good entry */
#define BAD_ENTRY(name, g, ...)						\
	{ "SET_GSI_ROUTING: " name, IRQWIRE_SET_GSI_ROUTING,		\
	  { .rt = { { .nr = 1 }, { __VA_ARGS__ } } }, EINVAL },	\
	{ "SET_GSI_ROUTING: " name " after a good one", IRQWIRE_SET_GSI_ROUTING, \
	  { .rt = { { .nr = 2 }, { MSI_ENTRY(31), __VA_ARGS__ } } }, EINVAL }, \
	{ "ROUTE_SET: " name, IRQWIRE_ROUTE_SET,			\
	  { .gr = { .gsi = g, \
		    .nr = 1, .entries = { __VA_ARGS__ } } }, EINVAL }
#define IRQFD(...)	{ .irqfd = { __VA_ARGS__ } }
#define IOEVENTFD(...)	{ .io = { __VA_ARGS__ } }
#define INSPECT(...)	{ .in = { .vm_fd = F_VM, __VA_ARGS__ } }
#define RESAMPLE	IRQWIRE_IRQFD_FLAG_RESAMPLE
#define DM		IRQWIRE_IOEVENTFD_FLAG_DATAMATCH
#define PIO		IRQWIRE_IOEVENTFD_FLAG_PIO
#define DEASSIGN	IRQWIRE_IOEVENTFD_FLAG_DEASSIGN

static const struct bad bad[] = {
	/* any command */
	{ "unknown command", _IOW(IRQWIRE_IO, 0x03, __u64), {}, ENOTTY },
	{ "BIND_VM number with another size", _IOW(IRQWIRE_IO, 0x01, __u64), {}, ENOTTY },
	{ "BIND_VM of API version 1 (type 0xAF, vhost's)",
	  _IOW(0xAF, 0x81, struct irqwire_bind_vm), {}, ENOTTY, UNBOUND },
	{ "unbound and unreadable: ENOTCONN first", IRQWIRE_SET_GSI_ROUTING, {}, ENOTCONN,
	  UNBOUND, PTR_BAD },
	{ "unbound and bad flags: ENOTCONN first", IRQWIRE_IRQFD,
	  IRQFD(F_EFD, MSI_GSI, 1u << 31), ENOTCONN, UNBOUND },
	{ "KVM's ioctl number", 0xAE03, {}, ENOTTY },
	{ "GET_API_VERSION with an argument", IRQWIRE_GET_API_VERSION, {}, EINVAL,
	  BOUND, PTR_BAD },

	{ "BIND_VM: flags bit 0", IRQWIRE_BIND_VM, { .bind = { F_VM, 1 } }, EINVAL, UNBOUND },
	{ "BIND_VM: flags bit 31", IRQWIRE_BIND_VM, { .bind = { F_VM, 1u << 31 } }, EINVAL, UNBOUND },
	{ "BIND_VM: reserved[0]", IRQWIRE_BIND_VM, { .bind = { F_VM, 0, { 1 } } }, EINVAL, UNBOUND },
	{ "BIND_VM: reserved[2]", IRQWIRE_BIND_VM, { .bind = { F_VM, 0, { 0, 0, 1 } } }, EINVAL, UNBOUND },
	{ "BIND_VM: unreadable", IRQWIRE_BIND_VM, {}, EFAULT, UNBOUND, PTR_BAD },
	{ "BIND_VM: fd -1", IRQWIRE_BIND_VM, { .bind = { -1 } }, EBADF, UNBOUND },
	{ "BIND_VM: closed fd", IRQWIRE_BIND_VM, { .bind = { F_CLOSED } }, EBADF, UNBOUND },
	{ "BIND_VM: /dev/null", IRQWIRE_BIND_VM, { .bind = { F_NULL } }, EINVAL, UNBOUND },
	{ "BIND_VM: an eventfd", IRQWIRE_BIND_VM, { .bind = { F_EFD } }, EINVAL, UNBOUND },
	{ "BIND_VM: /dev/kvm", IRQWIRE_BIND_VM, { .bind = { F_KVM } }, EINVAL, UNBOUND },
	{ "BIND_VM: a vCPU fd", IRQWIRE_BIND_VM, { .bind = { F_VCPU } }, EINVAL, UNBOUND },
	{ "BIND_VM: an irqwire handle", IRQWIRE_BIND_VM, { .bind = { F_DEV } }, EINVAL, UNBOUND },
	{ "BIND_VM: already bound", IRQWIRE_BIND_VM, { .bind = { F_VM } }, EBUSY },

	{ "SIGNAL_MSI: unbound", IRQWIRE_SIGNAL_MSI,
	  { .msi = { 0xfee00000, 0, VEC } }, ENOTCONN, UNBOUND },
	{ "SIGNAL_MSI: VALID_DEVID", IRQWIRE_SIGNAL_MSI,
	  { .msi = { 0xfee00000, 0, VEC, KVM_MSI_VALID_DEVID } }, EINVAL },
	{ "SIGNAL_MSI: devid", IRQWIRE_SIGNAL_MSI,
	  { .msi = { 0xfee00000, 0, VEC, 0, 1 } }, EINVAL },
	{ "SIGNAL_MSI: pad[11]", IRQWIRE_SIGNAL_MSI,
	  { .msi = { 0xfee00000, 0, VEC, .pad[11] = 1 } }, EINVAL },
	{ "SIGNAL_MSI: unreadable", IRQWIRE_SIGNAL_MSI, {}, EFAULT, BOUND, PTR_BAD },

	BAD_ENTRY("gsi 4096", MAX_GSI, { .gsi = MAX_GSI, .type = IRQWIRE_ROUTING_MSI }),
	BAD_ENTRY("entry flags", 1, { .gsi = 1, .type = IRQWIRE_ROUTING_MSI, .flags = 1 }),
	BAD_ENTRY("entry pad", 1, { .gsi = 1, .type = IRQWIRE_ROUTING_MSI, .pad = 1 }),
	BAD_ENTRY("type 0", 1, { .gsi = 1, .type = 0 }),
	BAD_ENTRY("type S390 adapter", 1, { .gsi = 1, .type = 3 }),
	BAD_ENTRY("type Hyper-V SINT", 1, { .gsi = 1, .type = 4 }),
	BAD_ENTRY("MSI devid", 1, { .gsi = 1, .type = IRQWIRE_ROUTING_MSI, .u.msi.devid = 1 }),
	BAD_ENTRY("MSI unused bytes", 1, { .gsi = 1, .type = IRQWIRE_ROUTING_MSI, .u.pad[7] = 1 }),
	BAD_ENTRY("irqchip 3", 1, PIN_ENTRY(1, 3, 0)),
	BAD_ENTRY("PIC master pin 8", 1, PIN_ENTRY(1, PIC_M, 8)),
	BAD_ENTRY("PIC slave pin 8", 9, PIN_ENTRY(9, PIC_S, 8)),
	BAD_ENTRY("IOAPIC pin 24", 1, PIN_ENTRY(1, IOAPIC, 24)),
	BAD_ENTRY("irqchip unused bytes", 1, { .gsi = 1, .type = IRQWIRE_ROUTING_IRQCHIP,
		  .u.irqchip = { IOAPIC, 1 }, .u.pad[2] = 1 }),
	{ "SET_GSI_ROUTING: two IOAPIC pins on a GSI", IRQWIRE_SET_GSI_ROUTING,
	  { .rt = { { .nr = 2 }, { PIN_ENTRY(5, IOAPIC, 5), PIN_ENTRY(5, IOAPIC, 6) } } }, EINVAL },
	{ "SET_GSI_ROUTING: MSI and a pin on a GSI", IRQWIRE_SET_GSI_ROUTING,
	  { .rt = { { .nr = 2 }, { PIN_ENTRY(5, IOAPIC, 5), MSI_ENTRY(5) } } }, EINVAL },
	{ "SET_GSI_ROUTING: two MSIs on a GSI", IRQWIRE_SET_GSI_ROUTING,
	  { .rt = { { .nr = 2 }, { MSI_ENTRY(5), MSI_ENTRY(5) } } }, EINVAL },
	{ "SET_GSI_ROUTING: flags", IRQWIRE_SET_GSI_ROUTING,
	  { .rt = { { .nr = 0, .flags = 1 } } }, EINVAL },
	{ "SET_GSI_ROUTING: 4097 entries", IRQWIRE_SET_GSI_ROUTING,
	  { .rt = { { .nr = IRQWIRE_MAX_ROUTING_ENTRIES + 1 } } }, EINVAL },
	{ "SET_GSI_ROUTING: unreadable header", IRQWIRE_SET_GSI_ROUTING, {}, EFAULT,
	  BOUND, PTR_BAD },
	{ "SET_GSI_ROUTING: unreadable entries", IRQWIRE_SET_GSI_ROUTING,
	  { .rt = { { .nr = 1 } } }, EFAULT, BOUND, PTR_ENTRIES_UNREADABLE },
	{ "SET_GSI_ROUTING: 4097 unreadable entries: EINVAL first", IRQWIRE_SET_GSI_ROUTING,
	  { .rt = { { .nr = IRQWIRE_MAX_ROUTING_ENTRIES + 1 } } }, EINVAL,
	  BOUND, PTR_ENTRIES_UNREADABLE },
	{ "SET_GSI_ROUTING: empty table without irqchip", IRQWIRE_SET_GSI_ROUTING,
	  { .rt = { { .nr = 0 } } }, ENXIO, NOIRQCHIP },
	{ "SET_GSI_ROUTING: flags without irqchip: EINVAL first", IRQWIRE_SET_GSI_ROUTING,
	  { .rt = { { .nr = 0, .flags = 1 } } }, EINVAL, NOIRQCHIP },
	{ "GET_GSI_ROUTING: flags", IRQWIRE_GET_GSI_ROUTING,
	  { .rt = { { .nr = 2, .flags = 1 } } }, EINVAL },
	{ "GET_GSI_ROUTING: buffer too small", IRQWIRE_GET_GSI_ROUTING,
	  { .rt = { { .nr = 1 } } }, E2BIG },
	{ "GET_GSI_ROUTING: unreadable", IRQWIRE_GET_GSI_ROUTING, {}, EFAULT, BOUND, PTR_BAD },

	{ "ROUTE_SET: gsi differs from its entry", IRQWIRE_ROUTE_SET,
	  { .gr = { .gsi = 31, .nr = 1, .entries = { MSI_ENTRY(30) } } }, EINVAL },
	{ "ROUTE_SET: nr 0", IRQWIRE_ROUTE_SET, { .gr = { .gsi = 30 } }, EINVAL },
	{ "ROUTE_SET: nr 4", IRQWIRE_ROUTE_SET,
	  { .gr = { .gsi = 30, .nr = 4, .entries = { MSI_ENTRY(30) } } }, EINVAL },
	{ "ROUTE_SET: flags", IRQWIRE_ROUTE_SET,
	  { .gr = { .gsi = 30, .nr = 1, .flags = 1, .entries = { MSI_ENTRY(30) } } }, EINVAL },
	{ "ROUTE_SET: pad", IRQWIRE_ROUTE_SET,
	  { .gr = { .gsi = 30, .nr = 1, .pad = 1, .entries = { MSI_ENTRY(30) } } }, EINVAL },
	{ "ROUTE_SET: two IOAPIC pins", IRQWIRE_ROUTE_SET,
	  { .gr = { .gsi = 5, .nr = 2, .entries = { PIN_ENTRY(5, IOAPIC, 5),
						    PIN_ENTRY(5, IOAPIC, 6) } } }, EINVAL },
	{ "ROUTE_SET: an entry beyond nr", IRQWIRE_ROUTE_SET,
	  { .gr = { .gsi = 30, .nr = 1, .entries = { MSI_ENTRY(30), MSI_ENTRY(30) } } },
	  EINVAL },
	{ "ROUTE_SET: unreadable", IRQWIRE_ROUTE_SET, {}, EFAULT, BOUND, PTR_BAD },
	{ "ROUTE_DEL: gsi 4096", IRQWIRE_ROUTE_DEL, { .g = { MAX_GSI } }, EINVAL },
	{ "ROUTE_DEL: flags", IRQWIRE_ROUTE_DEL, { .g = { 30, 1 } }, EINVAL },
	{ "ROUTE_DEL: unrouted gsi", IRQWIRE_ROUTE_DEL, { .g = { 31 } }, ENOENT },
	{ "ROUTE_DEL: unreadable", IRQWIRE_ROUTE_DEL, {}, EFAULT, BOUND, PTR_BAD },
	{ "IRQ_LINE: level 2", IRQWIRE_IRQ_LINE, { .l = { PIN_GSI, 2 } }, EINVAL },
	{ "IRQ_LINE: gsi 4096", IRQWIRE_IRQ_LINE, { .l = { MAX_GSI, 1 } }, EINVAL },
	{ "IRQ_LINE: unrouted gsi", IRQWIRE_IRQ_LINE, { .l = { 100, 1 } }, ENOENT },
	{ "IRQ_LINE: unreadable", IRQWIRE_IRQ_LINE, {}, EFAULT, BOUND, PTR_BAD },
	{ "IRQ_LINE: unrouted gsi without irqchip: ENXIO first", IRQWIRE_IRQ_LINE,
	  { .l = { 100, 1 } }, ENXIO, NOIRQCHIP },
	{ "IRQ_LINE: level 2 without irqchip: EINVAL first", IRQWIRE_IRQ_LINE,
	  { .l = { 100, 2 } }, EINVAL, NOIRQCHIP },

	{ "IRQFD: fd -1", IRQWIRE_IRQFD, IRQFD(-1, MSI_GSI), EBADF },
	{ "IRQFD: closed fd", IRQWIRE_IRQFD, IRQFD(F_CLOSED, MSI_GSI), EBADF },
	{ "IRQFD: /dev/null", IRQWIRE_IRQFD, IRQFD(F_NULL, MSI_GSI), EINVAL },
	{ "IRQFD: gsi 4096", IRQWIRE_IRQFD, IRQFD(F_EFD, MAX_GSI), EINVAL },
	{ "IRQFD: flag 0x10", IRQWIRE_IRQFD, IRQFD(F_EFD, MSI_GSI, 0x10), EINVAL },
	{ "IRQFD: flag bit 31", IRQWIRE_IRQFD, IRQFD(F_EFD, MSI_GSI, 1u << 31), EINVAL },
	{ "IRQFD: resamplefd without RESAMPLE", IRQWIRE_IRQFD,
	  IRQFD(F_EFD, PIN_GSI, 0, F_RFD), EINVAL },
	{ "IRQFD: pad[15]", IRQWIRE_IRQFD, IRQFD(F_EFD, MSI_GSI, .pad[15] = 1), EINVAL },
	{ "IRQFD: unreadable", IRQWIRE_IRQFD, {}, EFAULT, BOUND, PTR_BAD },
	{ "IRQFD: eventfd already assigned", IRQWIRE_IRQFD, IRQFD(F_EFD_IRQFD, MSI_GSI), EBUSY },
	{ "IRQFD: eventfd assigned to another GSI", IRQWIRE_IRQFD,
	  IRQFD(F_EFD_IRQFD, MSI_GSI + 1), EBUSY },
	{ "IRQFD: deassign unknown", IRQWIRE_IRQFD,
	  IRQFD(F_EFD, MSI_GSI, IRQWIRE_IRQFD_FLAG_DEASSIGN), ENOENT },
	{ "IRQFD: mask unknown", IRQWIRE_IRQFD,
	  IRQFD(F_EFD, MSI_GSI, IRQWIRE_IRQFD_FLAG_MASK), ENOENT },
	{ "IRQFD: mask and unmask", IRQWIRE_IRQFD,
	  IRQFD(F_EFD_IRQFD, MSI_GSI, IRQWIRE_IRQFD_FLAG_MASK | IRQWIRE_IRQFD_FLAG_UNMASK),
	  EINVAL },
	{ "IRQFD: RESAMPLE on an MSI route", IRQWIRE_IRQFD,
	  IRQFD(F_EFD, MSI_GSI, RESAMPLE, F_RFD), EINVAL },
	{ "IRQFD: RESAMPLE on an unrouted GSI", IRQWIRE_IRQFD,
	  IRQFD(F_EFD, 31, RESAMPLE, F_RFD), EINVAL },
	{ "IRQFD: RESAMPLE, resamplefd closed", IRQWIRE_IRQFD,
	  IRQFD(F_EFD, PIN_GSI, RESAMPLE, F_CLOSED), EBADF },
	{ "IRQFD: RESAMPLE, resamplefd /dev/null", IRQWIRE_IRQFD,
	  IRQFD(F_EFD, PIN_GSI, RESAMPLE, F_NULL), EINVAL },
	{ "IRQFD: RESAMPLE, fd /dev/null and resamplefd -1: fd first", IRQWIRE_IRQFD,
	  IRQFD(F_NULL, PIN_GSI, RESAMPLE, -1), EINVAL },
	{ "IRQFD: eventfd is a live resamplefd", IRQWIRE_IRQFD,
	  IRQFD(F_RFD_LIVE, MSI_GSI + 2), EBUSY },
	{ "IRQFD: RESAMPLE, resamplefd is an irqfd's eventfd", IRQWIRE_IRQFD,
	  IRQFD(F_EFD, PIN_GSI, RESAMPLE, F_EFD_IRQFD), EBUSY },
	{ "IRQFD: RESAMPLE, resamplefd is its own eventfd", IRQWIRE_IRQFD,
	  IRQFD(F_EFD, PIN_GSI, RESAMPLE, F_EFD), EBUSY },
	{ "IRQFD: gsi 4096 without irqchip: EINVAL first", IRQWIRE_IRQFD,
	  IRQFD(F_EFD, MAX_GSI), EINVAL, NOIRQCHIP },
	{ "IRQFD: RESAMPLE with DEASSIGN", IRQWIRE_IRQFD,
	  IRQFD(F_EFD_IRQFD, MSI_GSI, RESAMPLE | IRQWIRE_IRQFD_FLAG_DEASSIGN, F_RFD), EINVAL },
	{ "GET_IRQFD_STATS: flags", IRQWIRE_GET_IRQFD_STATS,
	  { .ist = { F_EFD_IRQFD, MSI_GSI, 1 } }, EINVAL },
	{ "GET_IRQFD_STATS: pad", IRQWIRE_GET_IRQFD_STATS,
	  { .ist = { F_EFD_IRQFD, MSI_GSI, 0, 1 } }, EINVAL },
	{ "GET_IRQFD_STATS: reserved[1]", IRQWIRE_GET_IRQFD_STATS,
	  { .ist = { F_EFD_IRQFD, MSI_GSI, .reserved[1] = 1 } }, EINVAL },
	{ "GET_IRQFD_STATS: gsi 4096", IRQWIRE_GET_IRQFD_STATS,
	  { .ist = { F_EFD_IRQFD, MAX_GSI } }, EINVAL },
	{ "GET_IRQFD_STATS: not an eventfd", IRQWIRE_GET_IRQFD_STATS,
	  { .ist = { F_NULL, MSI_GSI } }, EINVAL },
	{ "GET_IRQFD_STATS: fd -1", IRQWIRE_GET_IRQFD_STATS, { .ist = { -1, MSI_GSI } }, EBADF },
	{ "GET_IRQFD_STATS: other GSI", IRQWIRE_GET_IRQFD_STATS,
	  { .ist = { F_EFD_IRQFD, MSI_GSI + 1 } }, ENOENT },
	{ "GET_IRQFD_STATS: unreadable", IRQWIRE_GET_IRQFD_STATS, {}, EFAULT, BOUND, PTR_BAD },

	{ "IOEVENTFD: unknown flag", IRQWIRE_IOEVENTFD,
	  IOEVENTFD(0, 0xd0001000, 4, F_EFD, 0x8), EINVAL },
	{ "IOEVENTFD: length 3", IRQWIRE_IOEVENTFD, IOEVENTFD(0, 0xd0001000, 3, F_EFD), EINVAL },
	{ "IOEVENTFD: length 16", IRQWIRE_IOEVENTFD, IOEVENTFD(0, 0xd0001000, 16, F_EFD), EINVAL },
	{ "IOEVENTFD: address wraps", IRQWIRE_IOEVENTFD, IOEVENTFD(0, ~0ull - 1, 4, F_EFD), EINVAL },
	{ "IOEVENTFD: length 0 with DATAMATCH", IRQWIRE_IOEVENTFD,
	  IOEVENTFD(0, 0xd0001000, 0, F_EFD, DM), EINVAL },
	{ "IOEVENTFD: length 0 on PIO", IRQWIRE_IOEVENTFD, IOEVENTFD(0, 0x510, 0, F_EFD, PIO), EINVAL },
	{ "IOEVENTFD: PIO length 8", IRQWIRE_IOEVENTFD, IOEVENTFD(0, 0x510, 8, F_EFD, PIO), EINVAL },
	{ "IOEVENTFD: port beyond 64K", IRQWIRE_IOEVENTFD, IOEVENTFD(0, 0xfffe, 4, F_EFD, PIO), EINVAL },
	{ "IOEVENTFD: datamatch wider than length", IRQWIRE_IOEVENTFD,
	  IOEVENTFD(0x100, 0xd0001000, 1, F_EFD, DM), EINVAL },
	{ "IOEVENTFD: datamatch without DATAMATCH", IRQWIRE_IOEVENTFD,
	  IOEVENTFD(1, 0xd0001000, 4, F_EFD), EINVAL },
	{ "IOEVENTFD: pad[35]", IRQWIRE_IOEVENTFD,
	  IOEVENTFD(0, 0xd0001000, 4, F_EFD, .pad[35] = 1), EINVAL },
	{ "IOEVENTFD: fd 1000", IRQWIRE_IOEVENTFD, IOEVENTFD(0, 0xd0001000, 4, 1000), EBADF },
	{ "IOEVENTFD: fd -1", IRQWIRE_IOEVENTFD, IOEVENTFD(0, 0xd0001000, 4, -1), EBADF },
	{ "IOEVENTFD: /dev/null", IRQWIRE_IOEVENTFD, IOEVENTFD(0, 0xd0001000, 4, F_NULL), EINVAL },
	{ "IOEVENTFD: already assigned", IRQWIRE_IOEVENTFD,
	  IOEVENTFD(0, DB_ADDR, 4, F_EFD), EEXIST },
	{ "IOEVENTFD: deassign unknown", IRQWIRE_IOEVENTFD,
	  IOEVENTFD(0, DB_ADDR + 0x10, 4, F_EFD_DB, DEASSIGN), ENOENT },
	{ "IOEVENTFD: deassign with another eventfd", IRQWIRE_IOEVENTFD,
	  IOEVENTFD(0, DB_ADDR, 4, F_EFD, DEASSIGN), ENOENT },
	{ "IOEVENTFD: unreadable", IRQWIRE_IOEVENTFD, {}, EFAULT, BOUND, PTR_BAD },
	{ "GET_IOEVENTFD_STATS: pad", IRQWIRE_GET_IOEVENTFD_STATS,
	  { .dst = { .addr = DB_ADDR, .len = 4, .pad = 1 } }, EINVAL },
	{ "GET_IOEVENTFD_STATS: reserved[0]", IRQWIRE_GET_IOEVENTFD_STATS,
	  { .dst = { .addr = DB_ADDR, .len = 4, .reserved[0] = 1 } }, EINVAL },
	{ "GET_IOEVENTFD_STATS: DEASSIGN flag", IRQWIRE_GET_IOEVENTFD_STATS,
	  { .dst = { .addr = DB_ADDR, .len = 4, .flags = DEASSIGN } }, EINVAL },
	{ "GET_IOEVENTFD_STATS: length 3", IRQWIRE_GET_IOEVENTFD_STATS,
	  { .dst = { .addr = DB_ADDR, .len = 3 } }, EINVAL },
	{ "GET_IOEVENTFD_STATS: unknown doorbell", IRQWIRE_GET_IOEVENTFD_STATS,
	  { .dst = { .addr = DB_ADDR + 0x10, .len = 4 } }, ENOENT },
	{ "GET_IOEVENTFD_STATS: unreadable", IRQWIRE_GET_IOEVENTFD_STATS, {}, EFAULT,
	  BOUND, PTR_BAD },

	{ "INSPECT_VM: flags", IRQWIRE_INSPECT_VM,
	  INSPECT(.what = IRQWIRE_INSPECT_ROUTES, .flags = 1), EINVAL },
	{ "INSPECT_VM: what 0", IRQWIRE_INSPECT_VM, INSPECT(.what = 0), EINVAL },
	{ "INSPECT_VM: what 8", IRQWIRE_INSPECT_VM, INSPECT(.what = 8), EINVAL },
	{ "INSPECT_VM: flags 4", IRQWIRE_INSPECT_VM,
	  INSPECT(.what = IRQWIRE_INSPECT_WIRE_ROUTES, .flags = 4), EINVAL },
	{ "INSPECT_VM: an id for KVM's routes", IRQWIRE_INSPECT_VM,
	  { .in = { .what = IRQWIRE_INSPECT_ROUTES,
		    .flags = IRQWIRE_INSPECT_FLAG_BY_ID } }, EINVAL },
	{ "INSPECT_VM: all for one VM's routes", IRQWIRE_INSPECT_VM,
	  { .in = { .what = IRQWIRE_INSPECT_WIRE_ROUTES,
		    .flags = IRQWIRE_INSPECT_FLAG_ALL } }, EINVAL },
	{ "INSPECT_VM: all VMs with a VM fd", IRQWIRE_INSPECT_VM,
	  INSPECT(.what = IRQWIRE_INSPECT_WIRE_VMS, .flags = IRQWIRE_INSPECT_FLAG_ALL),
	  EINVAL },
	{ "INSPECT_VM: by id and all", IRQWIRE_INSPECT_VM,
	  { .in = { .what = IRQWIRE_INSPECT_WIRE_VMS,
		    .flags = IRQWIRE_INSPECT_FLAG_BY_ID | IRQWIRE_INSPECT_FLAG_ALL } },
	  EINVAL },
	{ "INSPECT_VM: an id no VM has", IRQWIRE_INSPECT_VM,
	  { .in = { .vm_fd = 0xffffffff, .what = IRQWIRE_INSPECT_WIRE_IRQFDS,
		    .flags = IRQWIRE_INSPECT_FLAG_BY_ID } }, ENOENT },
	{ "INSPECT_VM: irqwire's state, buffer too small", IRQWIRE_INSPECT_VM,
	  INSPECT(.what = IRQWIRE_INSPECT_WIRE_IRQFDS, .nr = 1, .records = 8), E2BIG },
	{ "INSPECT_VM: reserved[1]", IRQWIRE_INSPECT_VM,
	  INSPECT(.what = IRQWIRE_INSPECT_ROUTES, .reserved[1] = 1), EINVAL },
	{ "INSPECT_VM: nr above the maximum", IRQWIRE_INSPECT_VM,
	  INSPECT(.what = IRQWIRE_INSPECT_ROUTES, .nr = IRQWIRE_MAX_INSPECT_RECORDS + 1),
	  EINVAL },
	{ "INSPECT_VM: fd -1", IRQWIRE_INSPECT_VM,
	  { .in = { .vm_fd = -1, .what = IRQWIRE_INSPECT_ROUTES } }, EBADF },
	{ "INSPECT_VM: /dev/null", IRQWIRE_INSPECT_VM,
	  { .in = { .vm_fd = F_NULL, .what = IRQWIRE_INSPECT_ROUTES } }, EINVAL },
	{ "INSPECT_VM: a vCPU fd", IRQWIRE_INSPECT_VM,
	  { .in = { .vm_fd = F_VCPU, .what = IRQWIRE_INSPECT_ROUTES } }, EINVAL },
	{ "INSPECT_VM: buffer too small", IRQWIRE_INSPECT_VM,
	  INSPECT(.what = IRQWIRE_INSPECT_ROUTES, .nr = 1, .records = 8), E2BIG },
	{ "INSPECT_VM: records unwritable", IRQWIRE_INSPECT_VM,
	  INSPECT(.what = IRQWIRE_INSPECT_ROUTES, .nr = 64, .records = 8), EFAULT },
	{ "INSPECT_VM: unreadable", IRQWIRE_INSPECT_VM, {}, EFAULT, BOUND, PTR_BAD },
	{ "GET_EVENTFD_ID: pad", IRQWIRE_GET_EVENTFD_ID, { .eid = { F_EFD, 1 } }, EINVAL },
	{ "GET_EVENTFD_ID: fd -1", IRQWIRE_GET_EVENTFD_ID, { .eid = { -1 } }, EBADF },
	{ "GET_EVENTFD_ID: /dev/null", IRQWIRE_GET_EVENTFD_ID, { .eid = { F_NULL } }, EINVAL },
	{ "GET_EVENTFD_ID: unreadable", IRQWIRE_GET_EVENTFD_ID, {}, EFAULT, BOUND, PTR_BAD },
};

FIXTURE(state) {
	int fd, unbound, noirqchip;
	int fds[F_LAST - F_VM];
	struct kvm_vm *vm, *noirqchip_vm;
	struct kvm_vcpu *vcpu;
	void *tail_page;
};

static int *fd_slot(FIXTURE_DATA(state) *self, int sym)
{
	return &self->fds[sym - F_VM];
}

FIXTURE_SETUP(state)
{
	struct irqwire_routing_entry table[2] = {
		PIN_ENTRY(PIN_GSI, IOAPIC, PIN_GSI), MSI_ENTRY(MSI_GSI),
	};
	long pg = getpagesize();
	int closed;

	self->fd = irqwire_open(_metadata);
	self->unbound = irqwire_open(_metadata);
	self->noirqchip = irqwire_open(_metadata);
	self->vm = rx_create_vm(1, true, &self->vcpu);
	ASSERT_EQ(0, __irqwire_bind(self->fd, self->vm->fd));
	self->noirqchip_vm = vm_create_barebones();
	ASSERT_EQ(0, __irqwire_bind(self->noirqchip, self->noirqchip_vm->fd));
	ASSERT_EQ(0, __irqwire_set_routing(self->fd, table, 2));

	*fd_slot(self, F_VM) = self->vm->fd;
	*fd_slot(self, F_EFD) = eventfd(0, EFD_CLOEXEC);
	*fd_slot(self, F_EFD_IRQFD) = eventfd(0, EFD_CLOEXEC);
	*fd_slot(self, F_EFD_DB) = eventfd(0, EFD_CLOEXEC);
	*fd_slot(self, F_RFD) = eventfd(0, EFD_CLOEXEC);
	*fd_slot(self, F_EFD_RS) = eventfd(0, EFD_CLOEXEC);
	*fd_slot(self, F_RFD_LIVE) = eventfd(0, EFD_CLOEXEC);
	*fd_slot(self, F_NULL) = open("/dev/null", O_RDWR | O_CLOEXEC);
	*fd_slot(self, F_VCPU) = self->vcpu->fd;
	*fd_slot(self, F_KVM) = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	*fd_slot(self, F_DEV) = self->unbound;
	/* last: no fd opened later may reuse the number */
	closed = dup(self->vm->fd);
	close(closed);
	*fd_slot(self, F_CLOSED) = closed;
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, *fd_slot(self, F_EFD_IRQFD), MSI_GSI, 0));
	ASSERT_EQ(0, __irqwire_irqfd_resample(self->fd, *fd_slot(self, F_EFD_RS), PIN_GSI,
					    *fd_slot(self, F_RFD_LIVE)));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, *fd_slot(self, F_EFD_DB), DB_ADDR, 4, 0, 0));

	/* a routing header whose entries lie on an unreadable page */
	self->tail_page = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->tail_page);
	ASSERT_EQ(0, mprotect(self->tail_page + pg, pg, PROT_NONE));
}

FIXTURE_TEARDOWN(state)
{
	int sym;

	for (sym = F_EFD; sym < F_LAST; sym++)
		if (sym != F_CLOSED && sym != F_VCPU && sym != F_DEV)
			close(*fd_slot(self, sym));
	close(self->unbound);
	close(self->noirqchip);
	close(self->fd);
	kvm_vm_free(self->noirqchip_vm);
	kvm_vm_free(self->vm);
}

static void resolve(FIXTURE_DATA(state) *self, __u32 *field)
{
	int v = (int)*field;

	if (v >= F_VM && v < F_LAST)
		*field = *fd_slot(self, v);
}

/* Replaces the F_* stand-ins in the fd fields of @cmd's argument. */
static void resolve_fds(FIXTURE_DATA(state) *self, unsigned long cmd, union arg *a)
{
	switch (cmd) {
	case IRQWIRE_BIND_VM:
		resolve(self, &a->bind.vm_fd);
		break;
	case IRQWIRE_IRQFD:
		resolve(self, &a->irqfd.fd);
		resolve(self, &a->irqfd.resamplefd);
		break;
	case IRQWIRE_GET_IRQFD_STATS:
		resolve(self, &a->ist.fd);
		break;
	case IRQWIRE_IOEVENTFD:
		resolve(self, (__u32 *)&a->io.fd);
		break;
	case IRQWIRE_INSPECT_VM:
		resolve(self, &a->in.vm_fd);
		break;
	case IRQWIRE_GET_EVENTFD_ID:
		resolve(self, (__u32 *)&a->eid.fd);
		break;
	}
}

/* Everything a rejected call could have changed, as one string. */
static char *snapshot(struct __test_metadata *_metadata, int fd, struct kvm_vm *vm)
{
	char *state = irqwire_state_snapshot(fd, vm->fd), *buf;
	size_t len;

	EXPECT_NE(NULL, state);
	len = (state ? strlen(state) : 0) + 64;
	buf = malloc(len);
	/* the live resampling irqfd holds its line until an EOI */
	snprintf(buf, len, "%spin %d high %d\n", state ? state : "", PIN_GSI,
		 rx_ioapic_line_high(vm, PIN_GSI));
	free(state);
	return buf;
}

TEST_F(state, every_rejected_input_changes_nothing)
{
	long pg = getpagesize();
	struct irqwire_routing *tail = self->tail_page + pg - sizeof(*tail);
	char *before, *after;
	union arg a;
	void *p;
	int i, fd;

	/*
	 * The resampling irqfd asserts its line (its work item) and holds it:
	 * the guest never runs, so no EOI comes. A rejected call on the same
	 * line must leave it asserted.
	 */
	ASSERT_EQ(0, eventfd_write(*fd_slot(self, F_EFD_RS), 1));
	for (i = 0; i < 1000 && !rx_ioapic_line_high(self->vm, PIN_GSI); i++)
		usleep(1000);
	before = snapshot(_metadata, self->fd, self->vm);

	ASSERT_NE(NULL, strstr(before, "gsi=30 route=msi"));	/* the irqfd */
	ASSERT_NE(NULL, strstr(before, "addr=0xd0000010 len=4"));	/* the doorbell */
	ASSERT_NE(NULL, strstr(before, "gsi=5 route=line masked=0 resample=1"));
	ASSERT_NE(NULL, strstr(before, "pin 5 high 1")) TH_LOG("%s", before);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		a = bad[i].arg;
		resolve_fds(self, bad[i].cmd, &a);
		p = &a;
		if (bad[i].ptr == PTR_BAD)
			p = (void *)8;
		else if (bad[i].ptr == PTR_ENTRIES_UNREADABLE) {
			*tail = a.rt.h;
			p = tail;
		}
		fd = bad[i].on == BOUND ? self->fd :
		     bad[i].on == UNBOUND ? self->unbound : self->noirqchip;
		EXPECT_EQ(-bad[i].err, __irqwire_ioctl(fd, bad[i].cmd, p))
			TH_LOG("%s", bad[i].what);
		after = snapshot(_metadata, self->fd, self->vm);
		EXPECT_STREQ(before, after) TH_LOG("%s changed state", bad[i].what);
		free(after);
	}
	free(before);
	TH_LOG("%zu rejected calls, each with its errno, none changed anything",
	       ARRAY_SIZE(bad));

	/* the unbound handle is still unbound, the bound one still works */
	EXPECT_EQ(-ENOTCONN, __irqwire_signal_msi(self->unbound, 0, VEC));
	ASSERT_EQ(0, eventfd_write(*fd_slot(self, F_EFD_IRQFD), 1));
	rx_wait(self->vcpu);
	ASSERT_EQ(1, rx_count(self->vm, 0, VEC));
}

IRQWIRE_TEST_HARNESS_MAIN
