// SPDX-License-Identifier: GPL-2.0
/*
 * install_test: irqwire as an installed package, the VM half of
 * tools/testing/stage-install.sh (which ran "make install" into
 * build/staged/root and DKMS into build/staged/dkms on the host).
 *
 * - The installed tool, from PATH, with the checkout hidden: its scripts,
 *   helpers and version come from /usr (the staged tree is overlaid on
 *   /usr in this test's own mount namespace), and a bpftrace script runs
 *   from there.
 * - modprobe loads the module that DKMS (and "make install") put under
 *   /lib/modules/<kver>/updates (overlaid there likewise, then depmod),
 *   and a guest counts one interrupt sent through it. The lane's module
 *   is loaded back afterwards.
 *
 * The debug kernel has no /lib/modules tree and no DKMS build: skipped.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* unshare() */
#endif
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include "kvm_harness.h"
#include "guest_rx.h"
#include "irqwire_test.h"
#include "module_load.h"

#define VEC	RX_VEC_BASE

/* The checkout's root: build/selftests/irqwire/<test> is four levels down. */
static void proj_dir(char *dir, size_t len)
{
	char exe[PATH_MAX] = "";
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	int i;

	exe[n > 0 ? n : 0] = '\0';
	for (i = 0; i < 4; i++)
		*strrchr(exe, '/') = '\0';
	snprintf(dir, len, "%s", exe);
}

/* Runs @cmd with sh; its output in *@out (free()), its exit status returned. */
static int sh(char **out, const char *fmt, ...)
{
	char cmd[2048], buf[4096];
	size_t len = 0, n;
	va_list ap;
	FILE *p;
	int status;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	*out = calloc(1, 1);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0) {
		*out = realloc(*out, len + n + 1);
		memcpy(*out + len, buf, n);
		len += n;
		(*out)[len] = '\0';
	}
	status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static bool debug_kernel(void)
{
	struct utsname u;

	return !uname(&u) && strstr(u.release, "-irqwire-debug");
}

/*
 * A mount namespace of this test's process only, nothing propagated out,
 * with overlayfs (a module on Debian's kernels) at hand.
 */
static void private_mounts(struct __test_metadata *_metadata)
{
	char *out;

	ASSERT_EQ(0, sh(&out, "modprobe overlay 2>&1")) TH_LOG("%s", out);
	free(out);
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
}

struct staged {
	char proj[PATH_MAX], root[PATH_MAX + 32], version[64];
};

/* The staged trees and the version they carry. */
static void staged_find(struct __test_metadata *_metadata, struct staged *st)
{
	char *out;

	proj_dir(st->proj, sizeof(st->proj));
	snprintf(st->root, sizeof(st->root), "%s/build/staged/root", st->proj);
	ASSERT_EQ(0, access(st->root, F_OK))
		TH_LOG("%s missing: tools/testing/stage-install.sh runs before the VM", st->root);
	ASSERT_EQ(0, sh(&out, "sed -n 's/^PACKAGE_VERSION=\"\\(.*\\)\"/\\1/p' %s/dkms.conf",
			st->proj));
	snprintf(st->version, sizeof(st->version), "%.*s",
		 (int)strcspn(out, "\n"), out);
	free(out);
	ASSERT_NE(0, st->version[0]);
}

FIXTURE(staged) {
	struct staged st;
};

FIXTURE_SETUP(staged)
{
	if (!debug_kernel())
		staged_find(_metadata, &self->st);
}

FIXTURE_TEARDOWN(staged)
{
}

TEST_F(staged, installed_tool_runs_from_path_without_the_checkout)
{
	struct staged *st = &self->st;
	char *out;

	if (debug_kernel())
		SKIP(return, "the debug kernel has no /lib/modules tree and no DKMS build");
	private_mounts(_metadata);
	/* the staged /usr over the real one, read-only */
	ASSERT_EQ(0, sh(&out, "mount -t overlay overlay -o lowerdir=%s/usr:/usr /usr 2>&1",
			st->root)) TH_LOG("%s", out);
	free(out);
	/* the overlay keeps its lower layer; nothing else may use the checkout */
	ASSERT_EQ(0, mount("none", st->proj, "tmpfs", MS_RDONLY, NULL));
	ASSERT_NE(0, access(st->root, F_OK));
	ASSERT_EQ(0, access("/usr/bin/irqwire", X_OK));

	ASSERT_EQ(0, sh(&out, "cd / && env -i PATH=/usr/bin:/bin irqwire version 2>&1"))
		TH_LOG("%s", out);
	ASSERT_HAS(out, "tool    %s\nuapi    ABI %d\nmodule  ", st->version,
		   IRQWIRE_API_VERSION);
	free(out);
	/* the scripts where the installed tool looks, all of them */
	ASSERT_EQ(0, sh(&out, "cd / && env -i PATH=/usr/bin:/bin irqwire trace --help 2>&1"))
		TH_LOG("%s", out);
	ASSERT_HAS(out, "/usr/share/irqwire/bpftrace");
	free(out);
	ASSERT_EQ(0, sh(&out, "cd / && env -i PATH=/usr/bin:/bin irqwire trace --list 2>&1"))
		TH_LOG("%s", out);
	ASSERT_HAS(out, "inject_stacks");
	ASSERT_HAS(out, "vector_counts");
	free(out);
	/* and one runs from there: bpftrace attaches, runs a command, ends */
	ASSERT_EQ(0, sh(&out, "cd / && env -i PATH=/usr/bin:/bin irqwire trace registrations -c /bin/true 2>&1"))
		TH_LOG("%s", out);
	ASSERT_HAS(out, "Tracing irqfd, ioeventfd and routing registrations");
	free(out);
	/* a helper from /usr/libexec/irqwire: a guest counts every interrupt */
	ASSERT_EQ(0, sh(&out, "cd / && env -i PATH=/usr/bin:/bin irqwire demo -n 20 2>&1"))
		TH_LOG("%s", out);
	ASSERT_HAS(out, "every interrupt was counted by the guest");
	free(out);
	ASSERT_EQ(0, access("/usr/share/man/man8/irqwire.8", R_OK));
	ASSERT_EQ(0, access("/usr/include/linux/irqwire.h", R_OK));
}

/* One MSI through the module now loaded, counted by the guest. */
static void one_interrupt(struct __test_metadata *_metadata)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	int fd = irqwire_open(_metadata);

	vm = rx_create_vm(1, true, &vcpu);
	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));
	ASSERT_EQ(1, __irqwire_signal_msi(fd, 0, VEC));
	rx_wait(vcpu);
	ASSERT_EQ(1, rx_count(vm, 0, VEC));
	close(fd);
	kvm_vm_free(vm);
}

/*
 * modprobe loads the module staged under build/staged/@from (with %s the
 * kernel), overlaid on /lib/modules/<kver>/@to.
 */
static void modprobe_staged(struct __test_metadata *_metadata, struct staged *st,
			    const char *from_fmt, const char *to)
{
	char from[PATH_MAX + 256], sub[128], *out;
	struct utsname u;
	int rc;

	ASSERT_EQ(0, uname(&u));
	snprintf(sub, sizeof(sub), from_fmt, u.release);
	snprintf(from, sizeof(from), "%s/build/staged/%s", st->proj, sub);
	private_mounts(_metadata);
	/* /lib/modules/<kver> with the staged module in a writable upper layer */
	ASSERT_EQ(0, sh(&out, "set -e; t=$(mktemp -d); mount -t tmpfs none $t; "
			"mkdir -p $t/upper/%s $t/work; cp %s/irqwire.ko* $t/upper/%s/; "
			"mount -t overlay overlay -o lowerdir=/lib/modules/%s,upperdir=$t/upper,workdir=$t/work /lib/modules/%s; "
			"depmod -a %s 2>&1",
			to, from, to, u.release, u.release, u.release))
		TH_LOG("%s", out);
	free(out);

	ASSERT_EQ(0, __irqwire_module_unload()) TH_LOG("refcnt %d", irqwire_module_refcnt());
	rc = sh(&out, "modprobe -v irqwire 2>&1");
	EXPECT_EQ(0, rc) TH_LOG("%s", out);
	EXPECT_NE(NULL, strstr(out, to)) TH_LOG("modprobe loaded another file: %s", out);
	free(out);
	if (!rc) {
		sh(&out, "cat /sys/module/irqwire/version");
		EXPECT_EQ(0, strncmp(out, st->version, strlen(st->version)))
			TH_LOG("version %s", out);
		free(out);
		one_interrupt(_metadata);
		ASSERT_EQ(0, __irqwire_module_unload());
	}
	/* the lane's module back, whatever happened above */
	irqwire_module_load(_metadata);
}

TEST_F(staged, modprobe_loads_the_dkms_module)
{
	if (debug_kernel())
		SKIP(return, "the debug kernel has no /lib/modules tree and no DKMS build");
	modprobe_staged(_metadata, &self->st, "dkms/install/%s/updates/dkms", "updates/dkms");
}

TEST_F(staged, modprobe_loads_make_installs_module)
{
	if (debug_kernel())
		SKIP(return, "the debug kernel has no /lib/modules tree and no DKMS build");
	modprobe_staged(_metadata, &self->st, "root/lib/modules/%s/updates", "updates");
}

IRQWIRE_TEST_HARNESS_MAIN
