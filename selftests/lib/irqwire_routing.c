// SPDX-License-Identifier: GPL-2.0
/*
 * Routing-table helpers for the selftests and the tool (irqwire_test.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/irqwire.h>

#include "kvm_util.h"

#include "irqwire_test.h"

int __irqwire_set_routing(int fd, const struct irqwire_routing_entry *e,
			uint32_t nr)
{
	struct irqwire_routing *rt;
	int ret;

	rt = calloc(1, sizeof(*rt) + nr * sizeof(*e));
	if (!rt)
		return -ENOMEM;
	rt->nr = nr;
	if (nr)
		memcpy(rt->entries, e, nr * sizeof(*e));
	ret = __irqwire_ioctl(fd, IRQWIRE_SET_GSI_ROUTING, rt);
	free(rt);
	return ret;
}

int __irqwire_get_routing(int fd, struct irqwire_routing_entry **out)
{
	struct irqwire_routing probe = { .nr = 0 }, *rt;
	int ret;

	*out = NULL;
	ret = __irqwire_ioctl(fd, IRQWIRE_GET_GSI_ROUTING, &probe);
	if (ret && ret != -E2BIG)
		return ret;
	rt = calloc(1, sizeof(*rt) + (probe.nr + 1) * sizeof(rt->entries[0]));
	if (!rt)
		return -ENOMEM;
	rt->nr = probe.nr;
	ret = __irqwire_ioctl(fd, IRQWIRE_GET_GSI_ROUTING, rt);
	if (ret) {
		free(rt);
		return ret;
	}
	*out = malloc((rt->nr + 1) * sizeof(rt->entries[0]));
	if (!*out) {
		free(rt);
		return -ENOMEM;
	}
	memcpy(*out, rt->entries, rt->nr * sizeof(rt->entries[0]));
	ret = rt->nr;
	free(rt);
	return ret;
}

int __irqwire_route_set(int fd, uint32_t gsi,
		      const struct irqwire_routing_entry *e, uint32_t nr)
{
	struct irqwire_gsi_route r = { .gsi = gsi, .nr = nr };

	if (nr > IRQWIRE_MAX_ROUTES_PER_GSI)
		nr = IRQWIRE_MAX_ROUTES_PER_GSI;	/* r.nr still says more */
	memcpy(r.entries, e, nr * sizeof(*e));
	return __irqwire_ioctl(fd, IRQWIRE_ROUTE_SET, &r);
}

int __irqwire_set_kvm_routing(struct kvm_vm *vm,
			      const struct irqwire_routing_entry *e, uint32_t nr)
{
	struct kvm_irq_routing *rt;
	int ret;

	rt = calloc(1, sizeof(*rt) + nr * sizeof(rt->entries[0]));
	if (!rt)
		return -ENOMEM;
	rt->nr = nr;
	/* same layout, by design of irqwire's ABI */
	memcpy(rt->entries, e, nr * sizeof(rt->entries[0]));
	ret = __vm_ioctl(vm, KVM_SET_GSI_ROUTING, rt) ? -errno : 0;
	free(rt);
	return ret;
}
