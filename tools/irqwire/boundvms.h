/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VMs bound to irqwire, as IRQWIRE_INSPECT_VM lists them (which needs
 * CAP_SYS_ADMIN, as debugfs did): for "routes" and "stats".
 */
#ifndef IRQWIRE_TOOL_BOUNDVMS_H
#define IRQWIRE_TOOL_BOUNDVMS_H

#include <linux/irqwire.h>

struct bound_vm {
	struct irqwire_inspect_wire_vm rec;
	char name[48];		/* "vm<ID>-pid<PID>", as debugfs names it */
};

/*
 * Calls @fn for every VM bound to irqwire, oldest first, or only for the
 * one named @only. Returns how many it visited, or minus an exit code
 * (EXIT_PERM, EXIT_ENV) after one line on stderr.
 */
int boundvms_for_each(int dev, const char *only,
		      void (*fn)(int dev, const struct bound_vm *vm, void *data),
		      void *data);

/* The name of @r in @name (of @len bytes). */
void boundvm_name(const struct irqwire_inspect_wire_vm *r, char *name, size_t len);

#endif /* IRQWIRE_TOOL_BOUNDVMS_H */
