// SPDX-License-Identifier: GPL-2.0
/*
 * unload_test: 100 cycles of: bind two VMs through three handles, each
 * with a route, an irqfd and doorbells, signal, close every handle,
 * eventfd and VM in a random order, unload the module and load it again.
 * The unload must succeed at once each time: nothing may keep a module
 * reference once its files are closed. The seed is printed
 * (IRQWIRE_SEED replays); IRQWIRE_UNLOAD_CYCLES overrides the count.
 *
 * Needs IRQWIRE_KO, the path of irqwire.ko (tools/testing/with-module.sh sets it),
 * and leaves the module loaded as it found it.
 */
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <time.h>

#include "kvm_harness.h"

#include "irqwire_test.h"
#include "module_load.h"

#define CYCLES		100
#define NR_H		3
#define GSI		7
#define MMIO		0xd0000000ULL
#define TIMEOUT_S	500	/* below the runner's 600 (settings) */

FIXTURE(unload) {
};

FIXTURE_SETUP(unload)
{
}

FIXTURE_TEARDOWN(unload)
{
}

static struct kvm_vm *small_vm(void)
{
	struct kvm_vm *vm = vm_create_barebones();

	vm_create_irqchip(vm);	/* in-kernel LAPIC for the irqfds */
	return vm;
}

/* One open thing of a cycle: closed in a random order. */
struct obj {
	int fd;
	struct kvm_vm *vm;
};

TEST_F_TIMEOUT(unload, cycles_with_irqfds_and_doorbells, TIMEOUT_S)
{
	struct irqwire_routing_entry r = irqwire_route_msi(GSI, 0, 0x40);
	const char *ko = getenv("IRQWIRE_KO");
	const char *env_cycles = getenv("IRQWIRE_UNLOAD_CYCLES");
	unsigned int seed = irqwire_seed();
	int cycles = env_cycles ? atoi(env_cycles) : CYCLES;
	struct obj o[2 * NR_H + 2], tmp;
	struct kvm_vm *vm[2];
	int c, i, j, n;

	if (!ko)
		SKIP(return, "IRQWIRE_KO (the module's path) not set");
	TH_LOG("seed %u (IRQWIRE_SEED=%u replays it), %d cycles", seed, seed,
	       cycles);
	srandom(seed);

	for (c = 0; c < cycles; c++) {
		n = 0;
		vm[0] = small_vm();
		vm[1] = small_vm();
		for (i = 0; i < NR_H; i++) {
			int h = irqwire_open(_metadata);
			int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);

			ASSERT_LE(0, efd);
			ASSERT_EQ(0, __irqwire_bind(h, vm[i % 2]->fd));
			r.gsi = GSI + i;
			ASSERT_EQ(0, __irqwire_route_set(h, GSI + i, &r, 1));
			ASSERT_EQ(0, __irqwire_irqfd(h, efd, GSI + i, 0));
			for (j = 0; j < 3; j++)
				ASSERT_EQ(0, __irqwire_ioeventfd(h, efd,
							       MMIO + 0x1000 * i + 8 * j,
							       4, 0, 0));
			ASSERT_EQ(0, eventfd_write(efd, 1));
			o[n++] = (struct obj){ .fd = h };
			o[n++] = (struct obj){ .fd = efd };
		}
		o[n++] = (struct obj){ .vm = vm[0] };
		o[n++] = (struct obj){ .vm = vm[1] };
		for (i = n - 1; i > 0; i--) {
			j = random() % (i + 1);
			tmp = o[i];
			o[i] = o[j];
			o[j] = tmp;
		}
		for (i = 0; i < n; i++) {
			if (o[i].vm)
				kvm_vm_free(o[i].vm);
			else
				close(o[i].fd);
		}
		ASSERT_EQ(0, __irqwire_module_unload()) TH_LOG("cycle %d: unload", c);
		irqwire_module_load(_metadata);
	}
}

IRQWIRE_TEST_HARNESS_MAIN
