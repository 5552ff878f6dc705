// SPDX-License-Identifier: GPL-2.0
/*
 * Case "route": changing one MSI route in tables of 1 to 4096 entries,
 * KVM's full replace against irqwire's full replace and per-GSI update.
 */
#include <stdio.h>
#include <stdlib.h>

#include "kvm_util.h"
#include "processor.h"

#include "guest_rx.h"
#include "irqwire_test.h"
#include "bench.h"
#include "cmd.h"
#include "paths.h"

static const int table_sizes[] = { 1, 64, 1024, 4096 };
#define ROUTE_CHANGES	16

/*
 * ROUTE_CHANGES calls, each re-pointing GSI 0 at the other vector: KVM's
 * full replace of @n entries (@fd < 0), irqwire's, or irqwire's per-GSI
 * update (@per_gsi).
 */
static int route_changes(struct bench *b, int rep, struct kvm_vm *vm, int fd,
			 struct irqwire_routing_entry *e, int n, bool per_gsi,
			 const char *name, const char *baseline)
{
	double t0 = now();
	int i, err;

	for (i = 0; i < ROUTE_CHANGES; i++) {
		e[0].u.msi.data = RX_VEC_BASE + (i & 1);
		if (fd < 0)
			err = __irqwire_set_kvm_routing(vm, e, n);
		else if (per_gsi)
			err = __irqwire_route_set(fd, 0, &e[0], 1);
		else
			err = __irqwire_set_routing(fd, e, n);
		if (err)
			return -1;
	}
	record(b, rep, "route_update", name, baseline, now() - t0, ROUTE_CHANGES);
	return 0;
}

int bench_route_update(struct bench *b)
{
	struct irqwire_routing_entry *e = calloc(4096, sizeof(*e));
	char kvm[32], full[32], one[32];
	struct kvm_vm *vm;
	int fd, i, j, rep, n;

	for (i = 0; i < 4096; i++)
		e[i] = irqwire_route_msi(i, 0, RX_VEC_BASE);
	for (j = 0; j < (int)(sizeof(table_sizes) / sizeof(table_sizes[0])); j++) {
		n = table_sizes[j];
		snprintf(kvm, sizeof(kvm), "kvm_set_gsi_routing/%d", n);
		snprintf(full, sizeof(full), "irqwire_set_gsi_routing/%d", n);
		snprintf(one, sizeof(one), "irqwire_route_set/%d", n);
		fd = irqwire_dev_open("irqwire");
		vm = vm_create_barebones();
		vm_create_irqchip(vm);
		if (fd < 0 || __irqwire_bind(fd, vm->fd) || __irqwire_set_kvm_routing(vm, e, n) ||
		    __irqwire_set_routing(fd, e, n)) {
			perror("irqwire bench: routing VM");
			return -1;
		}
		for (rep = -1; rep < b->reps; rep++) {
			if (route_changes(b, rep, vm, -1, e, n, false, kvm, NULL) ||
			    route_changes(b, rep, vm, fd, e, n, false, full, kvm) ||
			    route_changes(b, rep, vm, fd, e, n, true, one, kvm))
				return -1;
		}
		close(fd);
		kvm_vm_free(vm);
	}
	free(e);
	return 0;
}
