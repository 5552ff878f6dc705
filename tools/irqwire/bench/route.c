// SPDX-License-Identifier: GPL-2.0
/*
 * Case "route": tables of 1 to 4096 MSI entries. Changing one route,
 * KVM's full replace against irqwire's full replace and per-GSI update;
 * and a fresh table, every route changed, through both full replaces.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/ioctl.h>
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

enum route_call { KVM_FULL, IRQWIRE_FULL, IRQWIRE_PER_GSI };

/*
 * ROUTE_CHANGES calls through @call, each re-pointing GSI 0 (every GSI
 * with @fresh) at the other vector. @rt is the ioctl argument, built once
 * (KVM's struct kvm_irq_routing has irqwire's layout): timing a table's
 * allocation and copy in userspace would add the same to both sides.
 */
static int route_changes(struct bench *b, int rep, struct kvm_vm *vm, int fd,
			 struct irqwire_routing *rt, int n, enum route_call call,
			 bool fresh, const char *name, const char *baseline)
{
	struct irqwire_routing_entry *e = rt->entries;
	double t0 = now();
	int i, k, err;

	rt->nr = n;
	for (i = 0; i < ROUTE_CHANGES; i++) {
		for (k = 0; k < (fresh ? n : 1); k++)
			e[k].u.msi.data = RX_VEC_BASE + (i & 1);
		if (call == KVM_FULL)
			err = ioctl(vm->fd, KVM_SET_GSI_ROUTING, rt) ? -errno : 0;
		else if (call == IRQWIRE_PER_GSI)
			err = __irqwire_route_set(fd, 0, &e[0], 1);
		else
			err = __irqwire_ioctl(fd, IRQWIRE_SET_GSI_ROUTING, rt);
		if (err)
			return -1;
	}
	record(b, rep, "route_update", name, baseline, now() - t0, ROUTE_CHANGES);
	return 0;
}

int bench_route_update(struct bench *b)
{
	struct irqwire_routing *rt = calloc(1, sizeof(*rt) + 4096 * sizeof(rt->entries[0]));
	char kvm[32], full[32], one[32], kvm_fresh[40], fresh[40];
	struct kvm_vm *vm;
	int fd, i, j, rep, n;

	_Static_assert(sizeof(struct kvm_irq_routing_entry) ==
		       sizeof(struct irqwire_routing_entry), "one layout");
	if (!rt)
		return -1;
	for (i = 0; i < 4096; i++)
		rt->entries[i] = irqwire_route_msi(i, 0, RX_VEC_BASE);
	for (j = 0; j < (int)(sizeof(table_sizes) / sizeof(table_sizes[0])); j++) {
		n = table_sizes[j];
		snprintf(kvm, sizeof(kvm), "kvm_set_gsi_routing/%d", n);
		snprintf(full, sizeof(full), "irqwire_set_gsi_routing/%d", n);
		snprintf(one, sizeof(one), "irqwire_route_set/%d", n);
		snprintf(kvm_fresh, sizeof(kvm_fresh), "kvm_fresh_table/%d", n);
		snprintf(fresh, sizeof(fresh), "irqwire_fresh_table/%d", n);
		fd = irqwire_dev_open("irqwire");
		vm = vm_create_barebones();
		vm_create_irqchip(vm);
		if (fd < 0 || __irqwire_bind(fd, vm->fd) ||
		    __irqwire_set_kvm_routing(vm, rt->entries, n) ||
		    __irqwire_set_routing(fd, rt->entries, n)) {
			perror("irqwire bench: routing VM");
			return -1;
		}
		for (rep = -1; rep < b->reps; rep++) {
			if (route_changes(b, rep, vm, -1, rt, n, KVM_FULL, false, kvm, NULL) ||
			    route_changes(b, rep, vm, fd, rt, n, IRQWIRE_FULL, false, full, kvm) ||
			    route_changes(b, rep, vm, fd, rt, n, IRQWIRE_PER_GSI, false, one, kvm) ||
			    route_changes(b, rep, vm, -1, rt, n, KVM_FULL, true, kvm_fresh, NULL) ||
			    route_changes(b, rep, vm, fd, rt, n, IRQWIRE_FULL, true, fresh,
					  kvm_fresh))
				return -1;
		}
		close(fd);
		kvm_vm_free(vm);
	}
	free(rt);
	return 0;
}
