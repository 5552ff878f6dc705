// SPDX-License-Identifier: GPL-2.0
/*
 * msi_route_test: an MSI route on a GSI, driven by IRQWIRE_IRQ_LINE,
 * reaches the guest; re-routing takes effect on the next injection;
 * deleting the route stops delivery. Full replaces with a few changes
 * each, as QEMU commits its table after every MSI-X change, against a
 * model: irqfds deliver on their GSI's current route, kept or changed.
 */
#include "kvm_harness.h"

#include "guest_rx.h"
#include "irqwire_test.h"

#define GSI	40
#define VEC_A	(RX_VEC_BASE + 2)
#define VEC_B	(RX_VEC_BASE + 3)

TEST(route_reroute_delete)
{
	int fd = irqwire_open(_metadata);
	struct irqwire_routing_entry r;
	struct kvm_vcpu *vcpus[2];
	struct kvm_vm *vm;
	int i;

	vm = rx_create_vm(2, true, vcpus);
	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));

	/* GSI -> vCPU 0, vector A */
	r = irqwire_route_msi(GSI, 0, VEC_A);
	ASSERT_EQ(0, __irqwire_route_set(fd, GSI, &r, 1));
	for (i = 1; i <= 16; i++) {
		ASSERT_EQ(1, __irqwire_irq_line(fd, GSI, 1));
		/* an MSI has no level: deassert delivers nothing */
		ASSERT_EQ(0, __irqwire_irq_line(fd, GSI, 0));
		rx_wait(vcpus[0]);
		ASSERT_EQ(i, rx_count(vm, 0, VEC_A));
	}

	/* re-route: vCPU 1, vector B; the next injection follows it */
	r = irqwire_route_msi(GSI, 1, VEC_B);
	ASSERT_EQ(0, __irqwire_route_set(fd, GSI, &r, 1));
	ASSERT_EQ(1, __irqwire_irq_line(fd, GSI, 1));
	ASSERT_FALSE(rx_irr_pending(vcpus[0], VEC_A));
	ASSERT_FALSE(rx_irr_pending(vcpus[0], VEC_B));
	rx_wait(vcpus[1]);
	ASSERT_EQ(1, rx_count(vm, 1, VEC_B));
	ASSERT_EQ(0, rx_count(vm, 1, VEC_A));

	/* the same through a full replace */
	r = irqwire_route_msi(GSI, 0, VEC_B);
	ASSERT_EQ(0, __irqwire_set_routing(fd, &r, 1));
	ASSERT_EQ(1, __irqwire_irq_line(fd, GSI, 1));
	rx_wait(vcpus[0]);
	ASSERT_EQ(1, rx_count(vm, 0, VEC_B));

	/* deleted: nothing routed, nothing delivered */
	ASSERT_EQ(0, __irqwire_route_del(fd, GSI));
	ASSERT_EQ(-ENOENT, __irqwire_irq_line(fd, GSI, 1));
	ASSERT_FALSE(rx_irr_pending(vcpus[0], VEC_B));
	ASSERT_FALSE(rx_irr_pending(vcpus[1], VEC_B));
	ASSERT_EQ(16, rx_count(vm, 0, VEC_A));

	close(fd);
	kvm_vm_free(vm);
}

#define MODEL_GSIS	32	/* each with an irqfd */
#define MODEL_ROUNDS	150
#define SWEEP_EVERY	50	/* rounds between signals on every GSI */

struct model {
	struct irqwire_routing_entry e[MODEL_GSIS];
	uint32_t dest[MODEL_GSIS], vec[MODEL_GSIS];
	bool present[MODEL_GSIS];
	uint32_t want[2][RX_NR_VEC];	/* interrupts each vCPU should have counted */
};

static void model_route(struct model *m, int g, uint32_t dest, uint32_t vec)
{
	m->e[g] = irqwire_route_msi(g, dest, RX_VEC_BASE + vec);
	m->dest[g] = dest;
	m->vec[g] = vec;
	m->present[g] = true;
}

/*
 * Gives irqwire and KVM the model as one full replace each, in GSI order
 * or shuffled (irqwire applies the first as the difference to the last
 * replace when few positions changed, module/routing_diff.c), with
 * @high (a GSI beyond the model's, or 0 for none) so that the table's
 * size moves both ways; then reads both back in GSI order:
 * irqwire's with IRQWIRE_GET_GSI_ROUTING, KVM's with IRQWIRE_INSPECT_VM.
 */
static void model_commit(struct __test_metadata *_metadata, int fd, struct kvm_vm *vm,
			 struct model *m, uint32_t high, unsigned int *seed)
{
	struct irqwire_routing_entry t[MODEL_GSIS + 1], want[MODEL_GSIS + 1], tmp, *got;
	struct irqwire_routing_entry kvm[MODEL_GSIS + 1];
	struct irqwire_inspect in = {
		.vm_fd = vm->fd, .what = IRQWIRE_INSPECT_ROUTES,
		.nr = MODEL_GSIS + 1, .records = (unsigned long)kvm,
	};
	int g, i, j, n = 0;

	for (g = 0; g < MODEL_GSIS; g++)
		if (m->present[g])
			want[n++] = m->e[g];
	if (high)
		want[n++] = irqwire_route_msi(high, 0, RX_VEC_BASE);
	memcpy(t, want, n * sizeof(t[0]));
	/* half the time in GSI order, like a VMM's table: few positions change */
	for (i = rand_r(seed) % 2 ? n - 1 : 0; i > 0; i--) {
		j = rand_r(seed) % (i + 1);
		tmp = t[i];
		t[i] = t[j];
		t[j] = tmp;
	}
	ASSERT_EQ(0, __irqwire_set_routing(fd, t, n));
	ASSERT_EQ(n, __irqwire_get_routing(fd, &got));
	ASSERT_EQ(0, memcmp(want, got, n * sizeof(want[0])));
	free(got);
	ASSERT_EQ(0, __irqwire_set_kvm_routing(vm, t, n));
	ASSERT_EQ(0, __irqwire_ioctl(fd, IRQWIRE_INSPECT_VM, &in));
	ASSERT_EQ(n, in.nr);
	ASSERT_EQ(0, memcmp(want, kvm, n * sizeof(want[0])));
}

/* Signals GSI @g's irqfd; the guest must count it on the model's route. */
static void model_signal(struct __test_metadata *_metadata, struct kvm_vm *vm,
			 struct kvm_vcpu **vcpus, struct model *m, int g, int efd)
{
	uint32_t d = m->dest[g], v = m->vec[g];

	ASSERT_EQ(0, eventfd_write(efd, 1));
	m->want[d][v]++;
	rx_wait(vcpus[d]);
	ASSERT_EQ(m->want[d][v], rx_count(vm, d, RX_VEC_BASE + v))
		TH_LOG("GSI %d: vCPU %u vector 0x%x", g, d, RX_VEC_BASE + v);
}

TEST(full_replace_against_model)
{
	unsigned int seed = irqwire_seed();
	int fd = irqwire_open(_metadata), efd[MODEL_GSIS], g, r, c;
	struct model *m = calloc(1, sizeof(*m));
	struct kvm_vcpu *vcpus[2];
	struct kvm_vm *vm;
	uint32_t high = 0;

	TH_LOG("seed %u (IRQWIRE_SEED=%u replays it)", seed, seed);
	ASSERT_NE(NULL, m);
	vm = rx_create_vm(2, true, vcpus);
	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));
	for (g = 0; g < MODEL_GSIS; g++)
		model_route(m, g, g % 2, g % RX_NR_VEC);
	model_commit(_metadata, fd, vm, m, 0, &seed);
	for (g = 0; g < MODEL_GSIS; g++) {
		efd[g] = eventfd(0, EFD_CLOEXEC);
		ASSERT_LE(0, efd[g]);
		ASSERT_EQ(0, __irqwire_irqfd(fd, efd[g], g, 0));
	}

	for (r = 1; r <= MODEL_ROUNDS; r++) {
		for (c = rand_r(&seed) % 3; c >= 0; c--) {
			g = rand_r(&seed) % MODEL_GSIS;
			if (m->present[g] && rand_r(&seed) % 4 == 0)
				m->present[g] = false;
			else
				model_route(m, g, rand_r(&seed) % 2, rand_r(&seed) % RX_NR_VEC);
		}
		if (rand_r(&seed) % 3 == 0)
			high = rand_r(&seed) % 2 ? 0 :
			       MODEL_GSIS + rand_r(&seed) % (IRQWIRE_MAX_GSI - MODEL_GSIS);
		model_commit(_metadata, fd, vm, m, high, &seed);
		for (g = 0; g < MODEL_GSIS; g++)
			if (m->present[g] && (r % SWEEP_EVERY == 0 || rand_r(&seed) % MODEL_GSIS == 0))
				model_signal(_metadata, vm, vcpus, m, g, efd[g]);
	}
	for (g = 0; g < MODEL_GSIS; g++)
		close(efd[g]);
	free(m);
	close(fd);
	kvm_vm_free(vm);
}

IRQWIRE_TEST_HARNESS_MAIN
