// SPDX-License-Identifier: GPL-2.0
/*
 * routing_test: irqwire's GSI routing table without a guest: the default
 * table, full replace, per-GSI updates, the size limits, and many
 * incremental updates against a model. Rejected tables and entries, each
 * against KVM's rules: badinput_test.
 */
#include <stdlib.h>
#include <sys/mman.h>

#include "kvm_harness.h"

#include "irqwire_state.h"
#include "irqwire_test.h"
#include "tracefs.h"

#define MAX_GSI		IRQWIRE_MAX_GSI
#define MAX_ENTRIES	IRQWIRE_MAX_ROUTING_ENTRIES

/* A VM with the full in-kernel irqchip (KVM_CREATE_IRQCHIP), no vCPUs. */
static struct kvm_vm *irqchip_vm(void)
{
	struct kvm_vm *vm = vm_create_barebones();

	vm_create_irqchip(vm);
	return vm;
}

/* KVM's default routing, in irqwire's read-back order. */
static int kvm_default_routing(struct irqwire_routing_entry *e)
{
	int gsi, n = 0;

	for (gsi = 0; gsi < 24; gsi++) {
		if (gsi < 8)
			e[n++] = irqwire_route_irqchip(gsi, IRQWIRE_IRQCHIP_PIC_MASTER, gsi);
		else if (gsi < 16)
			e[n++] = irqwire_route_irqchip(gsi, IRQWIRE_IRQCHIP_PIC_SLAVE, gsi - 8);
		e[n++] = irqwire_route_irqchip(gsi, IRQWIRE_IRQCHIP_IOAPIC, gsi);
	}
	return n;
}

/* The table read back is exactly @nr entries of @want. */
static void assert_table(struct __test_metadata *_metadata, int fd,
			 const struct irqwire_routing_entry *want, int nr)
{
	struct irqwire_routing_entry *got;
	int n = __irqwire_get_routing(fd, &got);

	ASSERT_EQ(nr, n);
	ASSERT_EQ(0, memcmp(want, got, nr * sizeof(*want)));
	free(got);
}

static void assert_default_table(struct __test_metadata *_metadata, int fd)
{
	struct irqwire_routing_entry want[48];

	assert_table(_metadata, fd, want, kvm_default_routing(want));
}

/* A bound handle on a VM with the full irqchip (KVM's default routing). */
FIXTURE(vm) {
	int fd;
	struct kvm_vm *vm;
};

FIXTURE_SETUP(vm)
{
	self->fd = irqwire_open(_metadata);
	self->vm = irqchip_vm();
	ASSERT_EQ(0, __irqwire_bind(self->fd, self->vm->fd));
}

FIXTURE_TEARDOWN(vm)
{
	close(self->fd);
	kvm_vm_free(self->vm);
}

static int cmp_gsi(const void *a, const void *b)
{
	const struct irqwire_routing_entry *x = a, *y = b;

	if (x->gsi != y->gsi)
		return x->gsi < y->gsi ? -1 : 1;
	return (int)x->u.irqchip.irqchip - (int)y->u.irqchip.irqchip;
}

TEST_F(vm, default_table_is_kvms)
{
	int fd = self->fd;

	assert_default_table(_metadata, fd);
}

TEST_F(vm, size_query)
{
	int fd = self->fd;
	struct {
		struct irqwire_routing rt;
		struct irqwire_routing_entry e[64];
	} buf = {};

	ASSERT_EQ(-E2BIG, __irqwire_ioctl(fd, IRQWIRE_GET_GSI_ROUTING, &buf));
	ASSERT_EQ(40, buf.rt.nr);
	buf.rt.nr = 39;
	ASSERT_EQ(-E2BIG, __irqwire_ioctl(fd, IRQWIRE_GET_GSI_ROUTING, &buf));
	ASSERT_EQ(40, buf.rt.nr);
	buf.rt.nr = 64;
	ASSERT_EQ(0, __irqwire_ioctl(fd, IRQWIRE_GET_GSI_ROUTING, &buf));
	ASSERT_EQ(40, buf.rt.nr);
	buf.rt.flags = 1;
	ASSERT_EQ(-EINVAL, __irqwire_ioctl(fd, IRQWIRE_GET_GSI_ROUTING, &buf));
	ASSERT_EQ(-EFAULT, __irqwire_ioctl(fd, IRQWIRE_GET_GSI_ROUTING, (void *)8));
}

/* What is set is what is read back, sorted by GSI then irqchip. */
TEST_F(vm, full_replace_round_trip)
{
	int fd = self->fd;
	struct irqwire_routing_entry e[] = {
		irqwire_route_msi(40, 1, 0x41),
		irqwire_route_irqchip(3, IRQWIRE_IRQCHIP_IOAPIC, 3),
		irqwire_route_msi(24, 0, 0x40),
		irqwire_route_irqchip(3, IRQWIRE_IRQCHIP_PIC_MASTER, 3),
		irqwire_route_irqchip(9, IRQWIRE_IRQCHIP_PIC_SLAVE, 1),
		irqwire_route_irqchip(4095, IRQWIRE_IRQCHIP_IOAPIC, 23),
	};
	int nr = sizeof(e) / sizeof(e[0]);

	ASSERT_EQ(0, __irqwire_set_routing(fd, e, nr));
	qsort(e, nr, sizeof(e[0]), cmp_gsi);
	assert_table(_metadata, fd, e, nr);

	ASSERT_EQ(0, __irqwire_set_routing(fd, NULL, 0));
	assert_table(_metadata, fd, NULL, 0);
}

/* IRQWIRE_MAX_ROUTING_ENTRIES entries are accepted, one more is not. */
TEST_F(vm, maximum_table_size)
{
	int fd = self->fd;
	struct irqwire_routing_entry *e = calloc(MAX_ENTRIES + 1, sizeof(*e));
	struct irqwire_routing_entry pic_and_ioapic[2] = {
		irqwire_route_irqchip(0, IRQWIRE_IRQCHIP_PIC_MASTER, 0),
		irqwire_route_irqchip(0, IRQWIRE_IRQCHIP_IOAPIC, 0),
	};
	int i;

	ASSERT_NE(NULL, e);
	for (i = 0; i < MAX_ENTRIES; i++)
		e[i] = irqwire_route_msi(i, 0, 0x40 + i % 8);
	e[MAX_ENTRIES] = irqwire_route_irqchip(0, IRQWIRE_IRQCHIP_IOAPIC, 0);

	ASSERT_EQ(-EINVAL, __irqwire_set_routing(fd, e, MAX_ENTRIES + 1));
	assert_default_table(_metadata, fd);
	ASSERT_EQ(0, __irqwire_set_routing(fd, e, MAX_ENTRIES));
	assert_table(_metadata, fd, e, MAX_ENTRIES);

	/* a full table cannot grow by a per-GSI update either */
	ASSERT_EQ(0, __irqwire_route_del(fd, 0));
	ASSERT_EQ(-ENOSPC, __irqwire_route_set(fd, 0, pic_and_ioapic, 2));
	ASSERT_EQ(0, __irqwire_route_set(fd, 0, &e[0], 1));
	assert_table(_metadata, fd, e, MAX_ENTRIES);
	free(e);
}

/* Per-GSI set and delete touch exactly that GSI. */
TEST_F(vm, incremental_round_trip)
{
	int fd = self->fd;
	struct irqwire_routing_entry want[48], r[2];
	int n;

	n = kvm_default_routing(want);

	r[0] = irqwire_route_msi(100, 2, 0x44);
	ASSERT_EQ(0, __irqwire_route_set(fd, 100, r, 1));
	want[n] = r[0];
	assert_table(_metadata, fd, want, n + 1);

	r[0] = irqwire_route_msi(100, 3, 0x45);		/* replace */
	ASSERT_EQ(0, __irqwire_route_set(fd, 100, r, 1));
	want[n] = r[0];
	assert_table(_metadata, fd, want, n + 1);

	ASSERT_EQ(0, __irqwire_route_del(fd, 100));
	assert_table(_metadata, fd, want, n);
	ASSERT_EQ(-ENOENT, __irqwire_route_del(fd, 100));

	/* GSI 3 (PIC master 3 + IOAPIC 3) becomes IOAPIC 7 only */
	r[0] = irqwire_route_irqchip(3, IRQWIRE_IRQCHIP_IOAPIC, 7);
	ASSERT_EQ(0, __irqwire_route_set(fd, 3, r, 1));
	ASSERT_EQ(want[6].gsi, 3);
	ASSERT_EQ(want[7].gsi, 3);
	want[6] = r[0];
	memmove(&want[7], &want[8], (n - 8) * sizeof(want[0]));
	assert_table(_metadata, fd, want, n - 1);
}

/* 10k random per-GSI updates on a 4096-entry table match a model. */
TEST_F(vm, many_incremental_updates)
{
	struct {
		struct irqwire_routing_entry model[MAX_GSI], want[MAX_GSI];
		bool present[MAX_GSI];
	} *st = calloc(1, sizeof(*st));
	unsigned int seed = 0x1ee7;
	int fd = self->fd;
	int i, n;

	ASSERT_NE(NULL, st);
	for (i = 0; i < MAX_GSI; i++) {
		st->model[i] = irqwire_route_msi(i, i % 4, 0x40 + i % 8);
		st->present[i] = true;
	}
	ASSERT_EQ(0, __irqwire_set_routing(fd, st->model, MAX_GSI));

	for (i = 0; i < 10000; i++) {
		uint32_t gsi = rand_r(&seed) % MAX_GSI;

		if (st->present[gsi] && rand_r(&seed) % 4 == 0) {
			ASSERT_EQ(0, __irqwire_route_del(fd, gsi));
			st->present[gsi] = false;
			continue;
		}
		st->model[gsi] = irqwire_route_msi(gsi, rand_r(&seed) % 256,
						   0x20 + rand_r(&seed) % 0xd0);
		ASSERT_EQ(0, __irqwire_route_set(fd, gsi, &st->model[gsi], 1));
		st->present[gsi] = true;
	}
	for (i = 0, n = 0; i < MAX_GSI; i++)
		if (st->present[i])
			st->want[n++] = st->model[i];
	TH_LOG("%d of %d GSIs routed after 10000 updates", n, MAX_GSI);
	assert_table(_metadata, fd, st->want, n);
	free(st);
}

/* A split irqchip has no PIC/IOAPIC: no IRQCHIP routes, no default. */
TEST(split_irqchip)
{
	int fd = irqwire_open(_metadata);
	struct kvm_vm *vm = vm_create_barebones();
	struct irqwire_routing_entry e = irqwire_route_irqchip(1, IRQWIRE_IRQCHIP_IOAPIC, 1);
	struct irqwire_routing_entry msi = irqwire_route_msi(1, 0, 0x40);

	vm_enable_cap(vm, KVM_CAP_SPLIT_IRQCHIP, 24);
	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));
	assert_table(_metadata, fd, NULL, 0);
	ASSERT_EQ(-EINVAL, __irqwire_set_routing(fd, &e, 1));
	ASSERT_EQ(-EINVAL, __irqwire_route_set(fd, 1, &e, 1));
	ASSERT_EQ(0, __irqwire_set_routing(fd, &msi, 1));
	assert_table(_metadata, fd, &msi, 1);
	close(fd);
	kvm_vm_free(vm);
}

TEST(no_irqchip_enxio)
{
	int fd = irqwire_open(_metadata);
	struct kvm_vm *vm = vm_create_barebones();
	struct irqwire_routing_entry msi = irqwire_route_msi(1, 0, 0x40);

	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));
	ASSERT_EQ(-ENXIO, __irqwire_set_routing(fd, &msi, 1));
	ASSERT_EQ(-ENXIO, __irqwire_route_set(fd, 1, &msi, 1));
	ASSERT_EQ(-ENXIO, __irqwire_irq_line(fd, 1, 1));
	assert_table(_metadata, fd, NULL, 0);
	close(fd);
	kvm_vm_free(vm);
}

TEST(unbound_handle_enotconn)
{
	int fd = irqwire_open(_metadata);
	struct irqwire_routing_entry msi = irqwire_route_msi(1, 0, 0x40);
	struct irqwire_routing_entry *out;

	ASSERT_EQ(-ENOTCONN, __irqwire_set_routing(fd, &msi, 1));
	ASSERT_EQ(-ENOTCONN, __irqwire_get_routing(fd, &out));
	ASSERT_EQ(-ENOTCONN, __irqwire_route_set(fd, 1, &msi, 1));
	ASSERT_EQ(-ENOTCONN, __irqwire_route_del(fd, 1));
	ASSERT_EQ(-ENOTCONN, __irqwire_irq_line(fd, 1, 1));
	close(fd);
}

/* debugfs shows the table in the seed's format, and the chip matrix. */
TEST_F(vm, debugfs_routes)
{
	int fd = self->fd;
	struct irqwire_routing_entry r = irqwire_route_msi(24, 1, 0x41);
	char path[128], line[512];
	bool seen_gsi0 = false, seen_msi = false, seen_chip = false;
	FILE *f;

	ASSERT_EQ(0, __irqwire_route_set(fd, 24, &r, 1));
	snprintf(path, sizeof(path),
		 "sh -c 'cat /sys/kernel/debug/irqwire/vm*-pid%d/routes'", getpid());
	f = popen(path, "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f)) {
		seen_gsi0 |= !strcmp(line, "gsi=0 type=1 2 0\n");
		seen_msi |= !strncmp(line, "gsi=24 type=2 ", 14) &&
			    strstr(line, " dest=1 vector=65 delivery=fixed");
		seen_chip |= !strncmp(line, "chip[2] IOAPIC     = {0, 1, 2, 3,", 33);
	}
	pclose(f);
	if (!seen_gsi0 && access("/sys/kernel/debug/irqwire", F_OK))
		SKIP(return, "debugfs is not mounted");
	ASSERT_TRUE(seen_gsi0);
	ASSERT_TRUE(seen_msi);
	ASSERT_TRUE(seen_chip);
}

/* debugfs's "blocks=B block_sets=S" line; 0 or -1. */
static int read_blocks(int *blocks, int *sets)
{
	return irqwire_routes_line(getpid(), "blocks=%d block_sets=%d", blocks, sets);
}

/* debugfs's "replaces built=B diffed=D" line; 0 or -1. */
static int read_replaces(int *built, int *diffed)
{
	return irqwire_routes_line(getpid(), "replaces built=%d diffed=%d", built, diffed);
}

#define SPREAD	64
#define SINGLES	60

/*
 * A full replace shares unchanged routes where they are, but not from an
 * allocation it would keep for less than a quarter of its routes: those
 * are copied, and the allocation goes (module/routing.h, security.rst).
 */
TEST_F(vm, sparse_blocks_are_copied)
{
	struct irqwire_routing_entry e[SPREAD], *out;
	int i, blocks, sets;

	for (i = 0; i < SPREAD; i++)
		e[i] = irqwire_route_msi(100 + i, 0, 0x40);
	ASSERT_EQ(0, __irqwire_set_routing(self->fd, e, SPREAD));
	if (access("/sys/kernel/debug/irqwire", F_OK))
		SKIP(return, "debugfs is not mounted");
	ASSERT_EQ(0, read_blocks(&blocks, &sets));
	ASSERT_EQ(1, blocks);
	ASSERT_EQ(SPREAD, sets);

	/* one at a time: a block each, the first block keeps 4 of 64 */
	for (i = 0; i < SINGLES; i++) {
		e[i] = irqwire_route_msi(100 + i, 0, 0x41);
		ASSERT_EQ(0, __irqwire_route_set(self->fd, 100 + i, &e[i], 1));
	}
	ASSERT_EQ(0, read_blocks(&blocks, &sets));
	ASSERT_EQ(1 + SINGLES, blocks);
	ASSERT_EQ(SPREAD + SINGLES, sets);

	/* a replace changing nothing: the first block's 4 are copied out */
	ASSERT_EQ(0, __irqwire_set_routing(self->fd, e, SPREAD));
	ASSERT_EQ(0, read_blocks(&blocks, &sets));
	ASSERT_EQ(SINGLES + 1, blocks);
	ASSERT_EQ(SPREAD, sets);

	/* again: now every set stays where it is */
	ASSERT_EQ(0, __irqwire_set_routing(self->fd, e, SPREAD));
	ASSERT_EQ(0, read_blocks(&blocks, &sets));
	ASSERT_EQ(SINGLES + 1, blocks);
	ASSERT_EQ(SPREAD, sets);

	/* one change: a block of its own; the copied 4 keep 3 in theirs */
	e[SPREAD - 1] = irqwire_route_msi(100 + SPREAD - 1, 0, 0x42);
	ASSERT_EQ(0, __irqwire_set_routing(self->fd, e, SPREAD));
	ASSERT_EQ(0, read_blocks(&blocks, &sets));
	ASSERT_EQ(SINGLES + 2, blocks);
	ASSERT_EQ(SPREAD + 1, sets);

	ASSERT_EQ(SPREAD, __irqwire_get_routing(self->fd, &out));
	for (i = 0; i < SPREAD; i++)
		ASSERT_EQ(0, memcmp(&e[i], &out[i], sizeof(e[i]))) TH_LOG("GSI %d", 100 + i);
	free(out);
}

#define DIFF_MSIS	20

#define REPLACE_EVENT	"events/irqwire/irqwire_routing_replace/enable"

/*
 * Replaces @n entries of @e and checks the table read back (sorted) and
 * how the replace went: by difference (@diffed) or by a built table, as
 * debugfs counts it and as the irqwire_routing_replace event reports it.
 */
static void replace_and_check(struct __test_metadata *_metadata, int fd,
			      const struct irqwire_routing_entry *e, int n, bool diffed)
{
	struct irqwire_routing_entry want[64];
	int built0, diffed0, built, diffs;
	char how[48];

	ASSERT_EQ(0, read_replaces(&built0, &diffed0));
	ASSERT_EQ(0, tracefs_write(REPLACE_EVENT, "1"));
	ASSERT_EQ(0, tracefs_write("trace", ""));
	ASSERT_EQ(0, __irqwire_set_routing(fd, e, n));
	tracefs_write(REPLACE_EVENT, "0");
	ASSERT_EQ(0, read_replaces(&built, &diffs));
	ASSERT_EQ(built0 + !diffed, built);
	ASSERT_EQ(diffed0 + diffed, diffs);
	snprintf(how, sizeof(how), " nr=%d how=%s ", n, diffed ? "diffed" : "built");
	EXPECT_EQ(1, trace_count("irqwire_routing_replace:", how,
				 diffed ? " changes=" : " changes=-1"));
	memcpy(want, e, n * sizeof(*e));
	qsort(want, n, sizeof(want[0]), cmp_gsi);
	assert_table(_metadata, fd, want, n);
}

/*
 * A full replace that changes a few positions of the last one is applied
 * as the difference (module/routing_diff.c); what is read back is what a
 * built table holds, in every case a VMM produces: a changed entry, one
 * appended or removed, the last moved into a hole (QEMU's
 * kvm_irqchip_release_virq()), a GSI losing one of its two routes. A
 * rejected change leaves everything as it was, the difference included;
 * many changes or a per-GSI update in between build a table.
 */
TEST_F(vm, replace_by_difference)
{
	struct irqwire_routing_entry e[64], bad;
	int fd = self->fd, n, i, b, d;
	struct irqwire_routing *rt;
	size_t pg;
	char *m;

	if (access("/sys/kernel/debug/irqwire", F_OK) || read_replaces(&b, &d))
		SKIP(return, "debugfs is not mounted");
	n = kvm_default_routing(e);
	for (i = 0; i < DIFF_MSIS; i++)
		e[n++] = irqwire_route_msi(24 + i, i % 2, 0x40 + i);
	replace_and_check(_metadata, fd, e, n, false);
	replace_and_check(_metadata, fd, e, n, true);		/* the same again */

	e[n - 5] = irqwire_route_msi(24 + DIFF_MSIS - 5, 1, 0x70);
	replace_and_check(_metadata, fd, e, n, true);		/* one changed */
	e[n++] = irqwire_route_msi(900, 0, 0x71);
	replace_and_check(_metadata, fd, e, n, true);		/* appended, table grows */
	n--;
	replace_and_check(_metadata, fd, e, n, true);		/* removed */
	e[n - 10] = e[n - 1];
	n--;
	replace_and_check(_metadata, fd, e, n, true);		/* QEMU's release */

	/* GSI 3 (PIC master first, then IOAPIC) loses its PIC route to a new MSI */
	ASSERT_EQ(3, e[6].gsi);
	ASSERT_EQ(IRQWIRE_IRQCHIP_PIC_MASTER, e[6].u.irqchip.irqchip);
	e[6] = irqwire_route_msi(1000, 0, 0x72);
	replace_and_check(_metadata, fd, e, n, true);

	/* a bad changed entry: EINVAL, and nothing changed or counted */
	bad = e[n - 1];
	e[n - 1].pad = 1;
	ASSERT_EQ(-EINVAL, __irqwire_set_routing(fd, e, n));
	e[n - 1] = irqwire_route_msi(bad.gsi, 0, 0x73);
	e[n - 2] = irqwire_route_msi(e[n - 3].gsi, 0, 0x74);	/* two MSIs on one GSI */
	ASSERT_EQ(-EINVAL, __irqwire_set_routing(fd, e, n));
	e[n - 2] = irqwire_route_msi(5000, 0, 0x74);		/* GSI out of range */
	ASSERT_EQ(-EINVAL, __irqwire_set_routing(fd, e, n));
	e[n - 1] = bad;
	e[n - 2] = irqwire_route_msi(24 + 17, 17 % 2, 0x40 + 17);
	/* entries running into an unmapped page: EFAULT, nothing changed */
	pg = getpagesize();
	m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, m);
	ASSERT_EQ(0, munmap(m + pg, pg));
	rt = (struct irqwire_routing *)(m + pg - sizeof(*rt) - 2 * sizeof(e[0]));
	rt->nr = n;
	rt->flags = 0;
	memcpy(rt->entries, e, 2 * sizeof(e[0]));
	ASSERT_EQ(-EFAULT, __irqwire_ioctl(fd, IRQWIRE_SET_GSI_ROUTING, rt));
	ASSERT_EQ(0, munmap(m, pg));
	replace_and_check(_metadata, fd, e, n, true);		/* as before: no change */

	/* more than IRQWIRE_DIFF_MAX_CHANGES (16) positions: built */
	for (i = 0; i < 17; i++)
		e[n - 1 - i].u.msi.data ^= 0x100;
	replace_and_check(_metadata, fd, e, n, false);
	/* a per-GSI update: the next replace builds, then diffs again */
	ASSERT_EQ(0, __irqwire_route_set(fd, e[n - 1].gsi, &e[n - 1], 1));
	replace_and_check(_metadata, fd, e, n, false);
	replace_and_check(_metadata, fd, e, n, true);
	replace_and_check(_metadata, fd, NULL, 0, false);	/* every entry gone */
	replace_and_check(_metadata, fd, e, 1, true);		/* one appended */
}

IRQWIRE_TEST_HARNESS_MAIN
