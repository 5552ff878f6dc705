/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IRQWIRE_INSPECT_VM (module/inspect.c): the record collector that KVM's
 * state (inspect.c) and irqwire's own (each file that owns the state)
 * are copied into.
 */
#ifndef IRQWIRE_INSPECT_H
#define IRQWIRE_INSPECT_H

#include <linux/eventfd.h>
#include <linux/types.h>

struct irqwire_vm;

/*
 * An irqwire_collector fills at most @cap records of @size bytes into @buf
 * (zeroed) and counts all of them in @n, so one pass both sizes and copies.
 */
struct irqwire_collector {
	void *buf;
	u32 cap, n;
	size_t size;
};

/* The next record to fill, or NULL (still counted) when @c is full. */
static inline void *irqwire_collector_next(struct irqwire_collector *c)
{
	return c->n++ < c->cap ? c->buf + (c->n - 1) * c->size : NULL;
}

void irqwire_inspect_init(void);

/* The name records give an eventfd: a keyed hash, never 0. Any context. */
u64 irqwire_eventfd_id(struct eventfd_ctx *ctx);

/* Each collects irqwire's own records of @vm; process context. */
void irqwire_vm_collect(struct irqwire_vm *vm, struct irqwire_collector *c);
void irqwire_irqfd_collect(struct irqwire_vm *vm, struct irqwire_collector *c);
void irqwire_doorbell_collect(struct irqwire_vm *vm, struct irqwire_collector *c);

#endif /* IRQWIRE_INSPECT_H */
