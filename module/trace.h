/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqwire tracepoints (system "irqwire"): stable names for bpftrace and
 * perf instead of kprobes on internal functions. No kernel pointers.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM irqwire

#if !defined(_IRQWIRE_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _IRQWIRE_TRACE_H

#include <linux/tracepoint.h>

#include "inject.h"

TRACE_DEFINE_ENUM(IRQWIRE_PATH_IRQFD_FAST);
TRACE_DEFINE_ENUM(IRQWIRE_PATH_IRQFD_SLOW);
TRACE_DEFINE_ENUM(IRQWIRE_PATH_SIGNAL_MSI);
TRACE_DEFINE_ENUM(IRQWIRE_PATH_IRQ_LINE);
TRACE_DEFINE_ENUM(IRQWIRE_PATH_IRQFD_RESAMPLE);

/* The eventfd of an irqfd was signalled (wait-queue lock held). */
TRACE_EVENT(irqwire_irqfd_wakeup,
	    TP_PROTO(unsigned int vm, u32 gsi, u64 count, bool masked),
	    TP_ARGS(vm, gsi, count, masked),
	    TP_STRUCT__entry(__field(unsigned int, vm)
			     __field(u32, gsi)
			     __field(u64, count)
			     __field(bool, masked)),
	    TP_fast_assign(__entry->vm = vm;
			   __entry->gsi = gsi;
			   __entry->count = count;
			   __entry->masked = masked;),
	    TP_printk("vm=%u gsi=%u count=%llu masked=%d", __entry->vm,
		      __entry->gsi, __entry->count, __entry->masked)
);

/*
 * An injection into KVM: MSIs with their decoded destination and vector,
 * GSI lines (irq_line, irqfd_slow) with the level; result as KVM's
 * (>0 delivered, 0 not, <0 error).
 */
TRACE_EVENT(irqwire_inject,
	    TP_PROTO(unsigned int vm, int gsi, int path, u32 dest, u8 vector,
		     int level, int result),
	    TP_ARGS(vm, gsi, path, dest, vector, level, result),
	    TP_STRUCT__entry(__field(unsigned int, vm)
			     __field(int, gsi)
			     __field(int, path)
			     __field(u32, dest)
			     __field(u8, vector)
			     __field(int, level)
			     __field(int, result)),
	    TP_fast_assign(__entry->vm = vm;
			   __entry->gsi = gsi;
			   __entry->path = path;
			   __entry->dest = dest;
			   __entry->vector = vector;
			   __entry->level = level;
			   __entry->result = result;),
	    TP_printk("vm=%u gsi=%d path=%s dest=%u vector=%u level=%d result=%d",
		      __entry->vm, __entry->gsi,
		      __print_symbolic(__entry->path,
				       { IRQWIRE_PATH_IRQFD_FAST, "irqfd_fast" },
				       { IRQWIRE_PATH_IRQFD_SLOW, "irqfd_slow" },
				       { IRQWIRE_PATH_SIGNAL_MSI, "signal_msi" },
				       { IRQWIRE_PATH_IRQ_LINE, "irq_line" },
				       { IRQWIRE_PATH_IRQFD_RESAMPLE, "irqfd_resample" }),
		      __entry->dest, __entry->vector, __entry->level,
		      __entry->result)
);

/* An irqfd was unhooked and is being freed. */
TRACE_EVENT(irqwire_irqfd_shutdown,
	    TP_PROTO(unsigned int vm, u32 gsi),
	    TP_ARGS(vm, gsi),
	    TP_STRUCT__entry(__field(unsigned int, vm)
			     __field(u32, gsi)),
	    TP_fast_assign(__entry->vm = vm;
			   __entry->gsi = gsi;),
	    TP_printk("vm=%u gsi=%u", __entry->vm, __entry->gsi)
);

/*
 * A full replace (IRQWIRE_SET_GSI_ROUTING) of @nr entries took effect: as
 * the difference to the last one, @changes positions changed, added or
 * gone (0: the same table again), or as a table built (@changes -1).
 */
TRACE_EVENT(irqwire_routing_replace,
	    TP_PROTO(unsigned int vm, u32 nr, int changes),
	    TP_ARGS(vm, nr, changes),
	    TP_STRUCT__entry(__field(unsigned int, vm)
			     __field(u32, nr)
			     __field(int, changes)),
	    TP_fast_assign(__entry->vm = vm;
			   __entry->nr = nr;
			   __entry->changes = changes;),
	    TP_printk("vm=%u nr=%u how=%s changes=%d", __entry->vm, __entry->nr,
		      __entry->changes < 0 ? "built" : "diffed", __entry->changes)
);

/*
 * A guest write reached an irqwire bus device: @hit when it signalled a
 * doorbell's eventfd, else it goes on to the next device or to userspace
 * (a DATAMATCH miss, or an address in a window with no doorbell).
 */
TRACE_EVENT(irqwire_ioeventfd_write,
	    TP_PROTO(unsigned int vm, bool pio, u64 addr, int len, u64 data,
		     bool hit),
	    TP_ARGS(vm, pio, addr, len, data, hit),
	    TP_STRUCT__entry(__field(unsigned int, vm)
			     __field(bool, pio)
			     __field(u64, addr)
			     __field(int, len)
			     __field(u64, data)
			     __field(bool, hit)),
	    TP_fast_assign(__entry->vm = vm;
			   __entry->pio = pio;
			   __entry->addr = addr;
			   __entry->len = len;
			   __entry->data = data;
			   __entry->hit = hit;),
	    TP_printk("vm=%u bus=%s addr=0x%llx len=%d data=0x%llx hit=%d",
		      __entry->vm, __entry->pio ? "pio" : "mmio", __entry->addr,
		      __entry->len, __entry->data, __entry->hit)
);

#endif /* _IRQWIRE_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
