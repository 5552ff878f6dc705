// SPDX-License-Identifier: GPL-2.0
/*
 * tool_test: the irqwire tool against real VMs. "inspect" reads KVM's own
 * routing table, irqfds (resampling too) and bus devices of a VM this test
 * set up with plain KVM ioctls, refuses a process it has no ptrace rights
 * over, and names missing processes and VMs; "routes" and "stats" show an
 * irqwire-bound VM's table and counters, with or without debugfs;
 * "version" agrees with the module; every subcommand has --help.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* unshare() */
#endif
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/eventfd.h>
#include <sys/wait.h>

#include "kvm_harness.h"
#include "guest_rx.h"
#include "irqwire_test.h"
#include "tool_run.h"

#define MSI_GSI		40
#define PIN_GSI		5
#define VEC		RX_VEC_BASE
#define DEST		3
#define DOORBELL	0xd0000000ull

static struct tool_out run(const char *const *argv)
{
	return tool_run(-1, argv);
}

/* kallsyms names KVM's symbols "name [kvm]" unless KVM is built in */
static const char *kvm_mod(void)
{
	return access("/sys/module/kvm/initstate", F_OK) ? "" : " [kvm]";
}

/* A VM wired with KVM's own ioctls only: irqwire knows nothing of it. */
FIXTURE(kvm_vm) {
	struct kvm_vm *vm;
	int efd, rfd, lfd, dfd;
	char pid[16];
};

FIXTURE_SETUP(kvm_vm)
{
	struct irqwire_routing_entry table[2] = {
		irqwire_route_irqchip(PIN_GSI, IRQWIRE_IRQCHIP_IOAPIC, PIN_GSI),
		irqwire_route_msi(MSI_GSI, DEST, VEC),
	};
	struct kvm_irqfd irqfd = { .gsi = MSI_GSI };
	struct kvm_ioeventfd db = { .addr = DOORBELL, .len = 4 };

	self->vm = vm_create_barebones();
	vm_create_irqchip(self->vm);
	ASSERT_EQ(0, __irqwire_set_kvm_routing(self->vm, table, 2));

	self->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	self->lfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	self->rfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	self->dfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	irqfd.fd = self->efd;
	vm_ioctl(self->vm, KVM_IRQFD, &irqfd);
	irqfd = (struct kvm_irqfd){ .fd = self->lfd, .gsi = PIN_GSI,
				    .flags = KVM_IRQFD_FLAG_RESAMPLE,
				    .resamplefd = self->rfd };
	vm_ioctl(self->vm, KVM_IRQFD, &irqfd);
	db.fd = self->dfd;
	vm_ioctl(self->vm, KVM_IOEVENTFD, &db);
	snprintf(self->pid, sizeof(self->pid), "%d", getpid());
}

FIXTURE_TEARDOWN(kvm_vm)
{
	kvm_vm_free(self->vm);
	close(self->efd);
	close(self->lfd);
	close(self->rfd);
	close(self->dfd);
}

TEST_F(kvm_vm, inspect_prints_kvms_own_state)
{
	const char *argv[] = { "inspect", "--pid", self->pid, NULL };
	struct tool_out r = run(argv);

	ASSERT_EQ(0, r.status) TH_LOG("%s", r.out);
	ASSERT_HAS(r.out, "# pid %s, VM fd %d\nroutes: 2\n", self->pid, self->vm->fd);
	ASSERT_HAS(r.out, "gsi=%d type=1 2 %d\n", PIN_GSI, PIN_GSI);
	ASSERT_HAS(r.out, "gsi=%d type=2 address_lo=0xfee%02x000 address_hi=0x00000000 data=0x%08x dest=%d vector=%d delivery=fixed",
		   MSI_GSI, DEST, VEC, DEST, VEC);
	ASSERT_HAS(r.out, "chip[2] IOAPIC     = {-1, -1, -1, -1, -1, %d, -1", PIN_GSI);
	ASSERT_HAS(r.out, "irqfds: 2\n");
	ASSERT_HAS(r.out, "  gsi=%d eventfd=%d\n", MSI_GSI, self->efd);
	ASSERT_HAS(r.out, "  gsi=%d eventfd=%d resamplefd=%d\n", PIN_GSI,
		   self->lfd, self->rfd);
	ASSERT_HAS(r.out, "  bus=mmio addr=0x%llx len=4 ops=ioeventfd_ops%s\n",
		   DOORBELL, kvm_mod());
	/* KVM's own devices: the IOAPIC's MMIO window, the PIC's ports */
	ASSERT_HAS(r.out, "  bus=mmio addr=0xfec00000 len=256 ops=ioapic_mmio_ops%s\n",
		   kvm_mod());
	ASSERT_HAS(r.out, "  bus=pio addr=0x20 len=2 ops=picdev_master_ops%s\n",
		   kvm_mod());
	/* irqwire's side of the comparison: this VM is KVM's alone */
	ASSERT_HAS(r.out, "irqwire routes: not bound to irqwire\n");
	free(r.out);

	/* read-only: KVM's irqfd still takes every signal */
	ASSERT_EQ(0, eventfd_write(self->efd, 1));
	ASSERT_EQ(-1, efd_counter(self->efd));
}

TEST_F(kvm_vm, inspect_json)
{
	const char *argv[] = { "inspect", "--pid", self->pid, "--json", NULL };
	struct tool_out r = run(argv);

	ASSERT_EQ(0, r.status) TH_LOG("%s", r.out);
	ASSERT_HAS(r.out, "{\"schema\": 1, \"vms\": [{\"pid\": %s, \"vm_fd\": %d, \"table\": {\"routes\": [",
		   self->pid, self->vm->fd);
	ASSERT_HAS(r.out, "{\"gsi\": %d, \"type\": \"msi\", \"address_lo\": %u, \"address_hi\": 0, \"data\": %d, \"dest\": %d, \"vector\": %d}",
		   MSI_GSI, 0xfee00000u | DEST << 12, VEC, DEST, VEC);
	ASSERT_HAS(r.out, "{\"gsi\": %d, \"eventfd\": %d, \"resamplefd\": %d}",
		   PIN_GSI, self->lfd, self->rfd);
	ASSERT_HAS(r.out, "{\"bus\": \"mmio\", \"addr\": %llu, \"len\": 4, \"ops\": \"ioeventfd_ops%s\"}",
		   DOORBELL, kvm_mod());
	ASSERT_HAS(r.out, ", \"irqwire_table\": null}]}\n");
	free(r.out);
}

/* Sizing: E2BIG says how many records there are, a big enough buffer gets them. */
TEST_F(kvm_vm, inspect_ioctl_sizes_and_copies)
{
	struct irqwire_inspect_bus_device dev[64];
	struct irqwire_routing_entry e[2];
	struct irqwire_inspect in = {
		.vm_fd = self->vm->fd, .what = IRQWIRE_INSPECT_ROUTES,
	};
	int fd = irqwire_open(_metadata), i, found = 0;

	ASSERT_EQ(-E2BIG, __irqwire_ioctl(fd, IRQWIRE_INSPECT_VM, &in));
	ASSERT_EQ(2, in.nr);
	in.records = (unsigned long)e;
	ASSERT_EQ(0, __irqwire_ioctl(fd, IRQWIRE_INSPECT_VM, &in));
	ASSERT_EQ(2, in.nr);
	ASSERT_EQ(PIN_GSI, e[0].gsi);
	ASSERT_EQ(IRQWIRE_ROUTING_IRQCHIP, e[0].type);
	ASSERT_EQ(MSI_GSI, e[1].gsi);
	ASSERT_EQ(VEC, e[1].u.msi.data);

	in = (struct irqwire_inspect){ .vm_fd = self->vm->fd, .nr = 64,
		.what = IRQWIRE_INSPECT_BUS_DEVICES, .records = (unsigned long)dev };
	ASSERT_EQ(0, __irqwire_ioctl(fd, IRQWIRE_INSPECT_VM, &in));
	for (i = 0; i < in.nr; i++) {
		/* no record shows an address in place of a symbol */
		ASSERT_NE(0, strncmp(dev[i].ops, "0x", 2));
		found += dev[i].addr == DOORBELL && dev[i].bus == IRQWIRE_BUS_MMIO;
	}
	ASSERT_EQ(1, found);
	close(fd);
}

/* pidfd_getfd() needs ptrace rights: nobody may not inspect root's VM. */
TEST_F(kvm_vm, inspect_refused_without_ptrace_rights)
{
	char fdstr[16];
	const char *argv[] = { "inspect", "--pid", self->pid, NULL };
	const char *argv_fd[] = { "inspect", "--pid", self->pid, "--fd", fdstr, NULL };
	struct tool_out r;

	r = tool_run(65534, argv);
	ASSERT_EQ(4, r.status) TH_LOG("%s", r.out);
	ASSERT_HAS(r.out, "needs ptrace rights");
	free(r.out);

	snprintf(fdstr, sizeof(fdstr), "%d", self->vm->fd);
	r = tool_run(65534, argv_fd);
	ASSERT_EQ(4, r.status) TH_LOG("%s", r.out);
	ASSERT_HAS(r.out, "fd %d of process %s: Operation not permitted (inspect needs ptrace rights)",
		   self->vm->fd, self->pid);
	free(r.out);
}

TEST_F(kvm_vm, inspect_not_a_vm_fd)
{
	char fdstr[16];
	const char *argv[] = { "inspect", "--pid", self->pid, "--fd", fdstr, NULL };
	struct tool_out r;

	snprintf(fdstr, sizeof(fdstr), "%d", self->efd);
	r = run(argv);
	ASSERT_EQ(5, r.status) TH_LOG("%s", r.out);
	ASSERT_HAS(r.out, "is not a KVM VM");
	free(r.out);
}

TEST(inspect_missing_process_or_vm)
{
	const char *no_pid[] = { "inspect", "--pid", "2147483647", NULL };
	const char *no_args[] = { "inspect", NULL };
	char pid[16];
	const char *no_vm[] = { "inspect", "--pid", pid, NULL };
	struct tool_out r;
	pid_t child;

	r = run(no_pid);
	ASSERT_EQ(5, r.status) TH_LOG("%s", r.out);
	ASSERT_HAS(r.out, "process 2147483647: No such process");
	free(r.out);

	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		pause();
		_exit(0);
	}
	snprintf(pid, sizeof(pid), "%d", child);
	r = run(no_vm);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	ASSERT_EQ(5, r.status) TH_LOG("%s", r.out);
	ASSERT_HAS(r.out, "process %s holds no KVM VM fd", pid);
	free(r.out);

	r = run(no_args);
	ASSERT_EQ(2, r.status);
	free(r.out);
}

/* An irqwire-bound VM with one MSI route and an irqfd on it. */
FIXTURE(bound) {
	int fd, efd;
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	char name[64];
};

FIXTURE_SETUP(bound)
{
	struct irqwire_routing_entry msi = irqwire_route_msi(MSI_GSI, 0, VEC);

	self->fd = irqwire_open(_metadata);
	self->vm = rx_create_vm(1, true, &self->vcpu);
	ASSERT_EQ(0, __irqwire_bind(self->fd, self->vm->fd));
	/* replaces KVM's default table: the test reads back exactly one route */
	ASSERT_EQ(0, __irqwire_set_routing(self->fd, &msi, 1));
	self->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, MSI_GSI, 0));
}

FIXTURE_TEARDOWN(bound)
{
	close(self->efd);
	close(self->fd);
	kvm_vm_free(self->vm);
}

TEST_F(bound, routes_lists_the_table)
{
	const char *argv[] = { "routes", NULL };
	const char *json[] = { "routes", "--json", NULL };
	const char *none[] = { "routes", "vm-none", NULL };
	struct tool_out r = run(argv);

	ASSERT_EQ(0, r.status) TH_LOG("%s", r.out);
	ASSERT_HAS(r.out, "-pid%d\ngsi=%d type=2 address_lo=0xfee00000 address_hi=0x00000000 data=0x%08x dest=0 vector=%d",
		   getpid(), MSI_GSI, VEC, VEC);
	ASSERT_HAS(r.out, "nr_rt_entries=%d\n", MSI_GSI + 1);
	free(r.out);

	r = run(json);
	ASSERT_EQ(0, r.status) TH_LOG("%s", r.out);
	ASSERT_HAS(r.out, "{\"schema\": 1, \"vms\": [{\"vm\": \"vm");
	ASSERT_HAS(r.out, "-pid%d\", \"table\": {\"routes\": [{\"gsi\": %d, \"type\": \"msi\"",
		   getpid(), MSI_GSI);
	free(r.out);

	r = run(none);
	ASSERT_EQ(1, r.status) TH_LOG("%s", r.out);
	free(r.out);
}

TEST_F(bound, stats_count_the_fast_path)
{
	const char *argv[] = { "stats", NULL };
	const char *watch[] = { "stats", "--watch", "0.1", "--count", "3", NULL };
	struct tool_out r;
	const char *p;
	int i, n = 0;

	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, eventfd_write(self->efd, 1));
		rx_wait(self->vcpu);
	}
	ASSERT_EQ(3, rx_count(self->vm, 0, VEC));
	r = run(argv);
	ASSERT_EQ(0, r.status) TH_LOG("%s", r.out);
	ASSERT_HAS(r.out, "-pid%d\nirqfds:\n  gsi=%d route=msi", getpid(), MSI_GSI);
	ASSERT_HAS(r.out, "per GSI:\n  gsi=%d irqfds=1 signals=3 fast=3 slow=0\n", MSI_GSI);
	free(r.out);

	r = run(watch);
	ASSERT_EQ(0, r.status) TH_LOG("%s", r.out);
	for (p = r.out; (p = strstr(p, "signals=3 fast=3 slow=0\n")); p++)
		n++;
	ASSERT_LE(3, n);
	free(r.out);
}

/*
 * routes and stats read ioctls, not debugfs: the same output in a mount
 * namespace (this test's process only) where debugfs is not mounted.
 */
TEST_F(bound, routes_and_stats_need_no_debugfs)
{
	const char *routes[] = { "routes", NULL };
	const char *stats[] = { "stats", NULL };
	char tool[PATH_MAX];
	struct tool_out r;

	/*
	 * Before unsharing: in the lane's chroot, /proc/self/exe names the
	 * file from outside it in a new mount namespace.
	 */
	tool_path(tool, sizeof(tool));
	ASSERT_EQ(0, setenv("IRQWIRE_TOOL", tool, 1));
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	while (!umount2("/sys/kernel/debug", MNT_DETACH))
		;
	ASSERT_NE(0, access("/sys/kernel/debug/irqwire", F_OK));

	r = run(routes);
	ASSERT_EQ(0, r.status) TH_LOG("%s", r.out);
	ASSERT_HAS(r.out, "-pid%d\ngsi=%d type=2 address_lo=0xfee00000", getpid(), MSI_GSI);
	free(r.out);
	ASSERT_EQ(0, eventfd_write(self->efd, 1));
	rx_wait(self->vcpu);
	r = run(stats);
	ASSERT_EQ(0, r.status) TH_LOG("%s", r.out);
	ASSERT_HAS(r.out, "per GSI:\n  gsi=%d irqfds=1 signals=1 fast=1 slow=0\n", MSI_GSI);
	free(r.out);
}

/* version: the tool's, the uapi's and the loaded module's, which agree. */
TEST(version_names_all_three)
{
	const char *argv[] = { "version", NULL };
	char ver[64] = "";
	struct tool_out r;
	FILE *f;

	f = fopen("/sys/module/irqwire/version", "r");
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(ver, sizeof(ver), f));
	fclose(f);
	ver[strcspn(ver, "\n")] = 0;
	r = run(argv);
	ASSERT_EQ(0, r.status) TH_LOG("%s", r.out);
	ASSERT_HAS(r.out, "tool    %s\nuapi    ABI %d\nmodule  %s, ABI %d\n",
		   ver, IRQWIRE_API_VERSION, ver, IRQWIRE_API_VERSION);
	ASSERT_EQ(NULL, strstr(r.out, "disagree"));
	free(r.out);
}

TEST(every_command_has_help)
{
	static const char * const cmds[] = {
		"demo", "bench", "routes", "stats", "inspect", "trace", "run", "version",
	};
	const char *argv[3] = { NULL, "--help", NULL };
	char want[64];
	struct tool_out r;
	int i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		argv[0] = cmds[i];
		r = run(argv);
		EXPECT_EQ(0, r.status) TH_LOG("%s --help: %s", cmds[i], r.out);
		snprintf(want, sizeof(want), "usage: irqwire %s", cmds[i]);
		EXPECT_NE(NULL, strstr(r.out, want)) TH_LOG("%s", r.out);
		free(r.out);
	}
	argv[0] = "no-such-command";
	r = run(argv);
	EXPECT_EQ(2, r.status);
	free(r.out);
}

IRQWIRE_TEST_HARNESS_MAIN
