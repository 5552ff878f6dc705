/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /sys/kernel/debug/irqwire/: what irqwire knows, readable without a tool.
 */
#ifndef IRQWIRE_DEBUGFS_H
#define IRQWIRE_DEBUGFS_H

#include "vm.h"

void irqwire_debugfs_init(void);
void irqwire_debugfs_exit(void);
void irqwire_debugfs_add_vm(struct irqwire_vm *vm);
void irqwire_debugfs_remove_vm(struct irqwire_vm *vm);

#endif /* IRQWIRE_DEBUGFS_H */
