// SPDX-License-Identifier: GPL-2.0
/*
 * wire_inspect_test: irqwire's OWN state read back through
 * IRQWIRE_INSPECT_VM (what "irqwire routes" and "stats" print, without
 * debugfs): the bound VMs, the routing table, every irqfd with its
 * counters and every doorbell, by VM fd and by id, each record checked
 * against what the test set up and what the guest counted; the access
 * rules (a VM fd is enough, an id or the list needs CAP_SYS_ADMIN) and
 * the errors of a VM irqwire does not know.
 */
#include <sys/eventfd.h>
#include <sys/wait.h>

#include "kvm_harness.h"
#include "guest_rx.h"
#include "irqwire_dev.h"
#include "irqwire_test.h"

#define MSI_GSI		40
#define PIN_GSI		5
#define VEC		RX_VEC_BASE
#define DB_ADDR		0xd0000008ull
#define DB_PORT		0x5a0
#define SIGNALS		3

FIXTURE(wire) {
	int fd, efd, lfd, rfd, dbfd, piofd;
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	struct irqwire_inspect_wire_vm self_vm;
};

FIXTURE_SETUP(wire)
{
	struct irqwire_routing_entry table[2] = {
		irqwire_route_irqchip(PIN_GSI, IRQWIRE_IRQCHIP_IOAPIC, PIN_GSI),
		irqwire_route_msi(MSI_GSI, 0, VEC),
	};
	int i;

	self->fd = irqwire_open(_metadata);
	self->vm = rx_create_vm(1, true, &self->vcpu);
	ASSERT_EQ(0, __irqwire_bind(self->fd, self->vm->fd));
	ASSERT_EQ(0, __irqwire_set_routing(self->fd, table, 2));
	self->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	self->lfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	self->rfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	self->dbfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	self->piofd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, MSI_GSI, 0));
	ASSERT_EQ(0, __irqwire_irqfd_resample(self->fd, self->lfd, PIN_GSI, self->rfd));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->dbfd, DB_ADDR, 4,
					 IRQWIRE_IOEVENTFD_FLAG_DATAMATCH, 0x1234));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->piofd, DB_PORT, 2,
					 IRQWIRE_IOEVENTFD_FLAG_PIO, 0));
	for (i = 0; i < SIGNALS; i++) {
		ASSERT_EQ(0, eventfd_write(self->efd, 1));
		rx_wait(self->vcpu);
	}
	ASSERT_EQ(SIGNALS, rx_count(self->vm, 0, VEC));
}

FIXTURE_TEARDOWN(wire)
{
	close(self->efd);
	close(self->lfd);
	close(self->rfd);
	close(self->dbfd);
	close(self->piofd);
	close(self->fd);
	kvm_vm_free(self->vm);
}

static __u64 eventfd_id(struct __test_metadata *_metadata, int dev, int efd)
{
	struct irqwire_eventfd_id id = { .fd = efd };

	EXPECT_EQ(0, __irqwire_ioctl(dev, IRQWIRE_GET_EVENTFD_ID, &id));
	return id.id;
}

/* This process's VM in the list of every bound VM, into *@out. */
static bool find_self(int dev, struct irqwire_inspect_wire_vm *out)
{
	struct irqwire_inspect_wire_vm *r;
	int n, i;
	bool found = false;

	n = irqwire_inspect_records(dev, 0, IRQWIRE_INSPECT_WIRE_VMS,
				    IRQWIRE_INSPECT_FLAG_ALL, sizeof(*r), (void **)&r);
	for (i = 0; i < n; i++) {
		if (r[i].pid == getpid()) {
			*out = r[i];
			found = true;
		}
	}
	free(r);
	return found;
}

TEST_F(wire, bound_vms_list_this_vm)
{
	struct irqwire_inspect_wire_vm *r, me;

	ASSERT_TRUE(find_self(self->fd, &me));
	ASSERT_EQ(2, me.nr_doorbells);
	ASSERT_EQ(1, me.bus_devices[IRQWIRE_BUS_MMIO]);
	ASSERT_EQ(1, me.bus_devices[IRQWIRE_BUS_PIO]);
	ASSERT_EQ(0, me.pad);
	/* the same record through the VM fd */
	ASSERT_EQ(1, irqwire_inspect_records(self->fd, self->vm->fd,
					     IRQWIRE_INSPECT_WIRE_VMS, 0,
					     sizeof(*r), (void **)&r));
	ASSERT_EQ(0, memcmp(r, &me, sizeof(me)));
	free(r);
}

TEST_F(wire, routes_are_the_table_set)
{
	struct irqwire_routing_entry *by_fd, *by_id, *get;
	struct irqwire_inspect_wire_vm me;
	int n;

	ASSERT_TRUE(find_self(self->fd, &me));
	n = __irqwire_get_routing(self->fd, &get);
	ASSERT_EQ(2, n);
	ASSERT_EQ(n, irqwire_inspect_records(self->fd, self->vm->fd,
					     IRQWIRE_INSPECT_WIRE_ROUTES, 0,
					     sizeof(*by_fd), (void **)&by_fd));
	ASSERT_EQ(n, irqwire_inspect_records(self->fd, me.id,
					     IRQWIRE_INSPECT_WIRE_ROUTES,
					     IRQWIRE_INSPECT_FLAG_BY_ID,
					     sizeof(*by_id), (void **)&by_id));
	ASSERT_EQ(0, memcmp(get, by_fd, n * sizeof(*get)));
	ASSERT_EQ(0, memcmp(get, by_id, n * sizeof(*get)));
	ASSERT_EQ(PIN_GSI, by_fd[0].gsi);
	ASSERT_EQ(MSI_GSI, by_fd[1].gsi);
	free(get);
	free(by_fd);
	free(by_id);
}

TEST_F(wire, irqfds_carry_their_counters)
{
	struct irqwire_inspect_wire_irqfd *r;
	struct irqwire_irqfd_stats st = { .fd = self->efd, .gsi = MSI_GSI };

	ASSERT_EQ(2, irqwire_inspect_records(self->fd, self->vm->fd,
					     IRQWIRE_INSPECT_WIRE_IRQFDS, 0,
					     sizeof(*r), (void **)&r));
	/* in assignment order */
	ASSERT_EQ(MSI_GSI, r[0].gsi);
	ASSERT_EQ(eventfd_id(_metadata, self->fd, self->efd), r[0].eventfd_id);
	ASSERT_EQ(IRQWIRE_INSPECT_IRQFD_MSI, r[0].flags);
	ASSERT_EQ(0, r[0].resamplefd_id);
	ASSERT_EQ(SIGNALS, r[0].signals);
	ASSERT_EQ(SIGNALS, r[0].fast);
	ASSERT_EQ(0, r[0].slow);
	/* the same counters as IRQWIRE_GET_IRQFD_STATS */
	ASSERT_EQ(0, __irqwire_ioctl(self->fd, IRQWIRE_GET_IRQFD_STATS, &st));
	ASSERT_EQ(st.signals, r[0].signals);
	ASSERT_EQ(st.fast, r[0].fast);

	ASSERT_EQ(PIN_GSI, r[1].gsi);
	ASSERT_EQ(IRQWIRE_INSPECT_IRQFD_RESAMPLE, r[1].flags);
	ASSERT_EQ(eventfd_id(_metadata, self->fd, self->lfd), r[1].eventfd_id);
	ASSERT_EQ(eventfd_id(_metadata, self->fd, self->rfd), r[1].resamplefd_id);
	ASSERT_EQ(0, r[1].signals);
	free(r);

	/* masking shows */
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, MSI_GSI,
				     IRQWIRE_IRQFD_FLAG_MASK));
	ASSERT_EQ(2, irqwire_inspect_records(self->fd, self->vm->fd,
					     IRQWIRE_INSPECT_WIRE_IRQFDS, 0,
					     sizeof(*r), (void **)&r));
	ASSERT_EQ(IRQWIRE_INSPECT_IRQFD_MSI | IRQWIRE_INSPECT_IRQFD_MASKED, r[0].flags);
	free(r);
}

TEST_F(wire, doorbells_as_assigned)
{
	struct irqwire_inspect_doorbell *r;

	ASSERT_EQ(2, irqwire_inspect_records(self->fd, self->vm->fd,
					     IRQWIRE_INSPECT_WIRE_DOORBELLS, 0,
					     sizeof(*r), (void **)&r));
	ASSERT_EQ(DB_ADDR, r[0].addr);
	ASSERT_EQ(4, r[0].len);
	ASSERT_EQ(0x1234, r[0].datamatch);
	ASSERT_EQ(IRQWIRE_IOEVENTFD_FLAG_DATAMATCH,
		  r[0].flags & ~IRQWIRE_INSPECT_DOORBELL_WINDOW);
	ASSERT_EQ(eventfd_id(_metadata, self->fd, self->dbfd), r[0].eventfd_id);
	ASSERT_EQ(0, r[0].hits);
	ASSERT_EQ(DB_PORT, r[1].addr);
	ASSERT_EQ(2, r[1].len);
	ASSERT_EQ(0, r[1].datamatch);
	ASSERT_EQ(IRQWIRE_IOEVENTFD_FLAG_PIO, r[1].flags & ~IRQWIRE_INSPECT_DOORBELL_WINDOW);
	free(r);
}

TEST_F(wire, a_short_buffer_gets_the_count)
{
	struct irqwire_inspect_wire_irqfd one;
	struct irqwire_inspect in = {
		.vm_fd = self->vm->fd, .what = IRQWIRE_INSPECT_WIRE_IRQFDS,
		.nr = 1, .records = (unsigned long)&one,
	};

	ASSERT_EQ(-E2BIG, __irqwire_ioctl(self->fd, IRQWIRE_INSPECT_VM, &in));
	ASSERT_EQ(2, in.nr);
}

TEST_F(wire, vms_irqwire_does_not_know)
{
	struct irqwire_inspect_wire_vm *r, me;
	struct kvm_vm *other = vm_create_barebones();
	void *rec;

	/* a KVM VM never bound to irqwire */
	ASSERT_EQ(-ENOENT, irqwire_inspect_records(self->fd, other->fd,
						   IRQWIRE_INSPECT_WIRE_ROUTES, 0,
						   64, &rec));
	ASSERT_EQ(-ENOENT, irqwire_inspect_records(self->fd, other->fd,
						   IRQWIRE_INSPECT_WIRE_VMS, 0,
						   sizeof(*r), (void **)&r));
	kvm_vm_free(other);
	/* an id no VM has: one past the largest listed */
	ASSERT_TRUE(find_self(self->fd, &me));
	ASSERT_EQ(-ENOENT, irqwire_inspect_records(self->fd, me.id + 1000000,
						   IRQWIRE_INSPECT_WIRE_ROUTES,
						   IRQWIRE_INSPECT_FLAG_BY_ID, 64, &rec));
}

/* Without CAP_SYS_ADMIN: the VM fd still works, ids and the list do not. */
TEST_F(wire, ids_and_the_list_need_cap_sys_admin)
{
	struct irqwire_inspect_wire_vm me;
	pid_t child;
	int status;

	ASSERT_TRUE(find_self(self->fd, &me));
	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		void *rec;
		int ok = 1;

		if (setgid(65534) || setuid(65534))
			_exit(2);
		ok &= irqwire_inspect_records(self->fd, self->vm->fd,
					      IRQWIRE_INSPECT_WIRE_ROUTES, 0,
					      sizeof(struct irqwire_routing_entry),
					      &rec) == 2;
		ok &= irqwire_inspect_records(self->fd, me.id,
					      IRQWIRE_INSPECT_WIRE_ROUTES,
					      IRQWIRE_INSPECT_FLAG_BY_ID, 64,
					      &rec) == -EPERM;
		ok &= irqwire_inspect_records(self->fd, 0, IRQWIRE_INSPECT_WIRE_VMS,
					      IRQWIRE_INSPECT_FLAG_ALL,
					      sizeof(me), &rec) == -EPERM;
		_exit(ok ? 0 : 1);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
}

IRQWIRE_TEST_HARNESS_MAIN
