// SPDX-License-Identifier: GPL-2.0
/*
 * See boundvms.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boundvms.h"
#include "cmd.h"

void boundvm_name(const struct irqwire_inspect_wire_vm *r, char *name, size_t len)
{
	snprintf(name, len, "vm%u-pid%d", r->id, r->pid);
}

int boundvms_for_each(int dev, const char *only,
		      void (*fn)(int dev, const struct bound_vm *vm, void *data),
		      void *data)
{
	struct irqwire_inspect_wire_vm *r;
	struct bound_vm vm;
	int n, i, visited = 0;

	n = irqwire_inspect_records(dev, 0, IRQWIRE_INSPECT_WIRE_VMS,
				    IRQWIRE_INSPECT_FLAG_ALL, sizeof(*r), (void **)&r);
	if (n < 0) {
		fprintf(stderr, "irqwire: listing the VMs bound to irqwire: %s%s\n",
			strerror(-n), n == -EPERM ? " (needs root: CAP_SYS_ADMIN)" : "");
		return n == -EPERM ? -EXIT_PERM : -EXIT_ENV;
	}
	for (i = 0; i < n; i++) {
		vm.rec = r[i];
		boundvm_name(&r[i], vm.name, sizeof(vm.name));
		if (only && strcmp(only, vm.name))
			continue;
		fn(dev, &vm, data);
		visited++;
	}
	free(r);
	return visited;
}
