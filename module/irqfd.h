/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqfd: an eventfd signal becomes an interrupt for the guest.
 */
#ifndef IRQWIRE_IRQFD_H
#define IRQWIRE_IRQFD_H

#include <linux/seq_file.h>

#include "vm.h"

int irqwire_irqfd_init(void);
void irqwire_irqfd_exit(void);

int irqwire_irqfd_vm_init(struct irqwire_vm *vm);
void irqwire_irqfd_vm_release(struct irqwire_vm *vm);

/* debugfs: one line per irqfd with its route kind and counters. */
void irqwire_irqfd_show(struct seq_file *m, struct irqwire_vm *vm);

/* Routing writers: after publishing, refresh the irqfds' cached routes. */
struct irqwire_routing_diff;
void irqwire_irqfd_routes_changed(struct irqwire_vm *vm,
				  const struct irqwire_routing_diff *diff);

#endif /* IRQWIRE_IRQFD_H */
