// SPDX-License-Identifier: GPL-2.0
/*
 * vmm_test: Debian's unmodified qemu-system-x86_64 on irqwire through
 * "irqwire run" (tools/preload), driving QEMU's real device models from
 * the project's tiny guest (selftests/guest, vmm_guest.elf):
 *
 * - pci-testdev: MMIO and PIO doorbells with and without datamatch, MMIO
 *   of length 0; each guest write that an ioeventfd takes is counted on
 *   irqwire's side (its irqwire_ioeventfd_write tracepoint, hit=1) and
 *   never reaches QEMU's handler (the device's count stays 0);
 * - virtio-blk-pci, modern, MSI-X, on an iothread: QEMU kicks through an
 *   ioeventfd and completes through an irqfd. Every request completes,
 *   the data reads back and is in the backing file, the guest counts one
 *   interrupt per completion; irqwire injected every completion on its
 *   fast path and took every kick on a doorbell, and "irqwire inspect"
 *   of the live QEMU shows no KVM irqfd or ioeventfd. The guest then moves
 *   the queue's MSI-X entry to a new vector on its second vCPU: QEMU
 *   re-commits its routes, which irqwire applies as the difference to the
 *   last commit (debugfs's replaces line), its table shows the new vector
 *   and destination, and the next completions arrive there, injected so.
 * Both with kernel-irqchip=on and =split (variants), and each once
 * without "irqwire run": the same guest results with irqwire counting
 * nothing. Faults: no module (QEMU refuses with one line and status 3, or
 * runs on KVM with --fallback kvm), rmmod refused while QEMU runs, QEMU
 * killed mid-I/O (no debugfs leftovers, the module unloads).
 */
#define _GNU_SOURCE	/* pipe2() */
#include <fcntl.h>
#include <glob.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>

#include "kvm_harness.h"

#include "irqwire_state.h"
#include "irqwire_test.h"
#include "module_load.h"
#include "tool_run.h"
#include "tracefs.h"

#define QEMU		"qemu-system-x86_64"
#define REQUESTS	8
#define MOVE_AFTER	4	/* requests before the MSI-X vector moves */
#define MOVED_ROUTE	"dest=1 vector=66"	/* guest VEC_BASE + 2, on the AP */
#define BLK_APPEND	"test=blk requests=8 move=4 move_to=1 hold=1"
#define LINE_TIMEOUT_MS	(300 * 1000)
#define BOOT_TIMEOUT_MS	(120 * 1000)	/* the debug kernel boots QEMU in ~30 s */
/* the harness's limit for a test that boots: every try stalled, and the run */
#define BOOT_TEST_TIMEOUT	(BOOT_TRIES * BOOT_TIMEOUT_MS / 1000 + 300)
#define SECTOR		512

struct qemu {
	pid_t pid;
	int in, out;		/* the guest's serial port, QEMU's stderr too */
	char buf[4096];		/* read from @out, not yet a whole line */
	size_t len;
	char before[512];	/* the last line before the guest's first */
	char dir[64];		/* scratch: disk image, run log */
	char disk[96], log[96];
};

/* vmm_guest.elf beside this test */
static void guest_path(char *path, size_t size)
{
	char exe[PATH_MAX] = "";

	if (readlink("/proc/self/exe", exe, sizeof(exe) - 1) < 0)
		exe[0] = 0;
	snprintf(path, size, "%s/vmm_guest.elf", dirname(exe));
}

/*
 * Starts QEMU with the guest: through "irqwire run @run_opts" unless
 * @run_opts is NULL; @irqchip "on" or "split"; @append the guest's
 * command line; @blk adds the virtio-blk disk on an iothread and a second
 * vCPU for its MSI-X move, otherwise a pci-testdev. The serial port is on
 * pipes.
 */
static void qemu_start(struct __test_metadata *_metadata, struct qemu *q,
		       const char *const *run_opts, const char *irqchip,
		       const char *append, bool blk)
{
	char tool[PATH_MAX], guest[PATH_MAX], machine[64], drive[160];
	const char *argv[64];
	int in[2], out[2], n = 0, i, fd;

	snprintf(q->dir, sizeof(q->dir), "/tmp/vmm_test.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(q->dir));
	snprintf(q->disk, sizeof(q->disk), "%s/disk.img", q->dir);
	snprintf(q->log, sizeof(q->log), "%s/run.log", q->dir);
	fd = open(q->disk, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ftruncate(fd, 1 << 20));
	close(fd);
	tool_path(tool, sizeof(tool));
	guest_path(guest, sizeof(guest));
	snprintf(machine, sizeof(machine), "pc,kernel-irqchip=%s", irqchip);
	snprintf(drive, sizeof(drive), "file=%s,if=none,id=d0,format=raw", q->disk);

	if (run_opts) {
		argv[n++] = tool;
		argv[n++] = "run";
		argv[n++] = "--log";
		argv[n++] = q->log;
		for (i = 0; run_opts[i]; i++)
			argv[n++] = run_opts[i];
		argv[n++] = "--";
	}
	argv[n++] = QEMU;
	argv[n++] = "-accel";
	argv[n++] = "kvm";
	argv[n++] = "-M";
	argv[n++] = machine;
	argv[n++] = "-m";
	argv[n++] = "64";
	argv[n++] = "-nodefaults";
	argv[n++] = "-display";
	argv[n++] = "none";
	argv[n++] = "-serial";
	argv[n++] = "stdio";
	argv[n++] = "-no-reboot";
	argv[n++] = "-device";
	argv[n++] = "isa-debug-exit,iobase=0xf4,iosize=4";
	argv[n++] = "-kernel";
	argv[n++] = guest;
	argv[n++] = "-append";
	argv[n++] = append;
	if (blk) {
		argv[n++] = "-smp";
		argv[n++] = "2";
		argv[n++] = "-object";
		argv[n++] = "iothread,id=io0";
		argv[n++] = "-drive";
		argv[n++] = drive;
		argv[n++] = "-device";
		argv[n++] = "virtio-blk-pci,drive=d0,iothread=io0,disable-legacy=on";
	} else {
		argv[n++] = "-device";
		argv[n++] = "pci-testdev";
	}
	argv[n] = NULL;

	ASSERT_EQ(0, pipe2(in, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(out, O_CLOEXEC));
	q->pid = fork();
	ASSERT_LE(0, q->pid);
	if (!q->pid) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(out[1], 2);
		execvp(argv[0], (char *const *)argv);
		dprintf(2, "exec %s: %m\n", argv[0]);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	q->in = in[1];
	q->out = out[0];
	q->len = 0;
}

/* The next line QEMU or the guest printed, without its newline; false at EOF. */
static bool qemu_line_within(struct qemu *q, char *line, size_t size, int timeout_ms);

static bool qemu_line(struct qemu *q, char *line, size_t size)
{
	return qemu_line_within(q, line, size, LINE_TIMEOUT_MS);
}

static bool qemu_line_within(struct qemu *q, char *line, size_t size, int timeout_ms)
{
	struct pollfd p = { .fd = q->out, .events = POLLIN };
	char *nl;
	ssize_t n;
	size_t l;

	while (!(nl = memchr(q->buf, '\n', q->len))) {
		if (q->len == sizeof(q->buf))
			nl = q->buf + q->len - 1;	/* an overlong line: cut */
		else if (poll(&p, 1, timeout_ms) <= 0 ||
			 (n = read(q->out, q->buf + q->len, sizeof(q->buf) - q->len)) <= 0)
			return false;
		else
			q->len += n;
		if (nl)
			break;
	}
	l = nl - q->buf;
	snprintf(line, size, "%.*s", (int)l, q->buf);
	if (l && line[l - 1] == '\r')
		line[l - 1] = 0;
	memmove(q->buf, nl + 1, q->len - l - 1);
	q->len -= l + 1;
	/* stderr: the harness ends a test with _exit(), stdout's buffer is lost */
	fprintf(stderr, "# qemu: %s\n", line);
	return true;
}

/*
 * Reads lines until one starts with @prefix (copied to @buf); false at
 * the end of QEMU's output, having said how QEMU ended.
 */
static bool qemu_expect(struct qemu *q, const char *prefix, char *buf, size_t size)
{
	int status;

	while (qemu_line(q, buf, size))
		if (!strncmp(buf, prefix, strlen(prefix)))
			return true;
	if (waitpid(q->pid, &status, WNOHANG) == q->pid) {
		fprintf(stderr, "# no \"%s\": QEMU %s %d\n", prefix,
		       WIFEXITED(status) ? "exited with" : "killed by signal",
		       WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		q->pid = 0;
	} else {
		fprintf(stderr, "# no \"%s\": QEMU still runs, output ended or timed out\n", prefix);
	}
	return false;
}

/* Waits for QEMU; its exit status, or 128 + signal. */
static int qemu_wait(struct qemu *q)
{
	struct pollfd p = { .fd = q->out, .events = POLLIN };
	char line[512];
	int status;

	while (qemu_line(q, line, sizeof(line)))
		;
	/* silent rather than ended: a stalled guest would hold the test forever */
	if (!poll(&p, 1, 0)) {
		fprintf(stderr, "# qemu: silent for %d s, killed\n", LINE_TIMEOUT_MS / 1000);
		kill(q->pid, SIGKILL);
	}
	close(q->out);
	close(q->in);
	waitpid(q->pid, &status, 0);
	q->pid = 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void qemu_cleanup(struct qemu *q)
{
	unlink(q->disk);
	unlink(q->log);
	rmdir(q->dir);
}

/*
 * qemu_start(), then the guest's first line. Under nested SVM on TCG a
 * boot now and then stalls in the firmware, before the guest prints
 * anything (Documentation/testing.rst: a halted L2 vCPU not woken), on
 * KVM's paths as much as on irqwire's, more often with two vCPUs (about
 * one two-vCPU boot in ten, in SeaBIOS's wait for the second one; in a
 * loaded debug lane 4 of 8 boots, 3 in a row once): such a boot is
 * killed and retried, up to BOOT_TRIES boots, saying so. A stall after
 * the guest started is a failure.
 */
#define BOOT_TRIES	5
static void qemu_boot(struct __test_metadata *_metadata, struct qemu *q,
		      const char *const *run_opts, const char *irqchip,
		      const char *append, bool blk)
{
	char line[512];
	int try;

	for (try = 0; try < BOOT_TRIES; try++) {
		qemu_start(_metadata, q, run_opts, irqchip, append, blk);
		q->before[0] = 0;
		while (qemu_line_within(q, line, sizeof(line), BOOT_TIMEOUT_MS)) {
			if (!strncmp(line, "guest-start", 11))
				return;
			snprintf(q->before, sizeof(q->before), "%s", line);
		}
		fprintf(stderr, "# boot %d: no guest line in %d s, QEMU killed%s\n",
			try + 1, BOOT_TIMEOUT_MS / 1000,
			try + 1 < BOOT_TRIES ? "; retrying" : "");
		close(q->out);
		close(q->in);
		kill(q->pid, SIGKILL);
		waitpid(q->pid, NULL, 0);
		q->pid = 0;
		qemu_cleanup(q);
		tracefs_write("trace", "");	/* the stalled boot's events */
	}
	ASSERT_TRUE(false) TH_LOG("QEMU did not boot the guest %d times in a row", BOOT_TRIES);
}

/* Occurrences of @needle in @text. */
static int count_in(const char *text, const char *needle)
{
	int n = 0;

	for (; (text = strstr(text, needle)); text++)
		n++;
	return n;
}

/* isa-debug-exit: the guest wrote 0, all its checks passed */
#define GUEST_OK	1

/* Lines of file @path that contain @needle and @n2 (NULL: any). */
static int file_count2(const char *path, const char *needle, const char *n2)
{
	char line[512];
	FILE *f = fopen(path, "r");
	int n = 0;

	while (f && fgets(line, sizeof(line), f))
		n += strstr(line, needle) && (!n2 || strstr(line, n2));
	if (f)
		fclose(f);
	return n;
}

static int file_count(const char *path, const char *needle)
{
	return file_count2(path, needle, NULL);
}

static void trace_start(struct __test_metadata *_metadata)
{
	ASSERT_NE(NULL, tracefs());
	ASSERT_EQ(0, tracefs_write("buffer_size_kb", "4096"));
	ASSERT_EQ(0, tracefs_write("events/irqwire/enable", "1"));
	ASSERT_EQ(0, tracefs_write("trace", ""));
}

static void trace_stop(void)
{
	tracefs_write("events/irqwire/enable", "0");
}

/* A QEMU a failed test left running would hold the module: teardown kills it. */
static void qemu_reap(struct qemu *q)
{
	if (q->pid > 0 && !waitpid(q->pid, NULL, WNOHANG)) {
		kill(q->pid, SIGKILL);
		waitpid(q->pid, NULL, 0);
	}
	q->pid = 0;
}

FIXTURE(vmm) {
	struct qemu q;
};

FIXTURE_VARIANT(vmm) {
	const char *irqchip;
};

FIXTURE_VARIANT_ADD(vmm, kernel_irqchip) {
	.irqchip = "on",
};

FIXTURE_VARIANT_ADD(vmm, split_irqchip) {
	.irqchip = "split",
};

FIXTURE_SETUP(vmm)
{
	if (access("/usr/bin/" QEMU, X_OK))
		SKIP(return, QEMU " is not installed");
	trace_start(_metadata);
}

FIXTURE_TEARDOWN(vmm)
{
	qemu_reap(&self->q);
	trace_stop();
}

static const char *const on_irqwire[] = { NULL };

/*
 * The KVM-only baselines exercise nothing of irqwire's: the debug lane,
 * where every boot costs minutes, skips them (IRQWIRE_VMM_BASELINES=0).
 */
#define SKIP_BASELINE_IF_ASKED() do {					\
	const char *b = getenv("IRQWIRE_VMM_BASELINES");		\
									\
	if (b && !strcmp(b, "0"))					\
		SKIP(return, "KVM baseline (IRQWIRE_VMM_BASELINES=0)");	\
} while (0)

/* The guest's testdev lines: every eventfd test's writes, counted by irqwire. */
static void testdev_check(struct __test_metadata *_metadata, struct qemu *q,
			  bool irqwire)
{
	char line[512], name[64], addr[32], needle[48];
	unsigned int a, writes, count, tests = 0;

	while (qemu_expect(q, "testdev ", line, sizeof(line))) {
		ASSERT_EQ(4, sscanf(line, "testdev %63s addr=%x writes=%u count=%u",
				    name, &a, &writes, &count));
		tests++;
		snprintf(addr, sizeof(addr), "addr=0x%x ", a);
		snprintf(needle, sizeof(needle), "bus=%s %s",
			 strncmp(name, "portio", 6) ? "mmio" : "pio", addr);
		if (strstr(name, "no-eventfd")) {
			/* QEMU's handler saw every write, irqwire none */
			EXPECT_EQ(writes, count) TH_LOG("%s", name);
		} else {
			EXPECT_EQ(0, count) TH_LOG("%s reached QEMU's handler", name);
			EXPECT_EQ(irqwire ? writes : 0,
				  trace_count("irqwire_ioeventfd_write", needle, "hit=1"))
				TH_LOG("%s: writes irqwire signalled", name);
		}
		if (tests == 6)
			break;
	}
	EXPECT_EQ(6, tests);
	EXPECT_EQ(GUEST_OK, qemu_wait(q));
}

TEST_F_TIMEOUT(vmm, testdev_doorbells, BOOT_TEST_TIMEOUT)
{
	struct qemu *q = &self->q;

	qemu_boot(_metadata, q, on_irqwire, variant->irqchip, "test=testdev writes=16", false);
	testdev_check(_metadata, q, true);
	/* the MMIO wildcard test is QEMU's length-0 doorbell */
	EXPECT_LT(0, file_count(q->log, "KVM_IOEVENTFD mmio"));
	EXPECT_LT(0, file_count(q->log, "len=0 "));
	EXPECT_LT(0, file_count(q->log, "KVM_IOEVENTFD pio"));
	/* QEMU's start-up probe: port-0 datamatch doorbells, added and removed */
	EXPECT_LT(0, file_count2(q->log, "pio addr=0 len=2 datamatch=", "flags=0x3 "));
	EXPECT_EQ(file_count2(q->log, "pio addr=0 len=2 datamatch=", "flags=0x3 "),
		  file_count2(q->log, "pio addr=0 len=2 datamatch=", "flags=0x7 "));
	EXPECT_EQ(0, file_count2(q->log, "pio addr=0 len=2 datamatch=", "-> irqwire -1"));
	qemu_cleanup(q);
}

TEST_F_TIMEOUT(vmm, testdev_on_kvm_baseline, BOOT_TEST_TIMEOUT)
{
	struct qemu *q = &self->q;

	SKIP_BASELINE_IF_ASKED();
	qemu_boot(_metadata, q, NULL, variant->irqchip, "test=testdev writes=16", false);
	testdev_check(_metadata, q, false);
	EXPECT_EQ(0, trace_count("irqwire_", "", ""));
	qemu_cleanup(q);
}

/* The VM's debugfs directory, for QEMU's pid: 0 if found. */
static int vm_dir(pid_t pid, char *dir, size_t size)
{
	char pattern[128];
	glob_t g;
	int ret;

	snprintf(pattern, sizeof(pattern), "/sys/kernel/debug/irqwire/vm*-pid%d", pid);
	ret = glob(pattern, 0, NULL, &g);
	if (!ret)
		snprintf(dir, size, "%s", g.gl_pathv[0]);
	globfree(&g);
	return ret;
}

static bool disk_has_pattern(const char *disk, int sectors)
{
	unsigned char buf[SECTOR];
	int fd = open(disk, O_RDONLY), s, i;
	bool ok = fd >= 0;

	for (s = 0; ok && s < sectors; s++) {
		ok = pread(fd, buf, SECTOR, (off_t)s * SECTOR) == SECTOR;
		for (i = 0; ok && i < SECTOR; i++)
			ok = buf[i] == (unsigned char)(s * 31 + i * 7 + 1);
	}
	if (fd >= 0)
		close(fd);
	return ok;
}

static void blk_check_end(struct __test_metadata *_metadata, struct qemu *q,
			  bool irqwire)
{
	unsigned int n, done, irqs, moved, at_dest, unexpected;
	char line[512];

	ASSERT_TRUE(qemu_expect(q, "blk requests=", line, sizeof(line)));
	ASSERT_EQ(6, sscanf(line, "blk requests=%u completions=%u irqs=%u moved_irqs=%u moved_irqs_at_dest=%u unexpected=%u",
			    &n, &done, &irqs, &moved, &at_dest, &unexpected));
	EXPECT_EQ(REQUESTS, n);
	EXPECT_EQ(2 * REQUESTS, done);
	EXPECT_EQ(done, irqs);
	EXPECT_EQ(2 * (REQUESTS - MOVE_AFTER), moved);
	EXPECT_EQ(moved, at_dest);	/* every one on the second vCPU */
	EXPECT_EQ(GUEST_OK, qemu_wait(q));
	EXPECT_TRUE(disk_has_pattern(q->disk, REQUESTS));
	/* every completion on irqwire's fast path, every kick on its doorbell */
	EXPECT_EQ(irqwire ? (int)done : 0, trace_count("irqwire_inject", "path=irqfd_fast", ""));
	EXPECT_EQ(irqwire ? (int)moved : 0,
		  trace_count("irqwire_inject", "path=irqfd_fast", MOVED_ROUTE));
	EXPECT_EQ(irqwire ? (int)done : 0,
		  trace_count("irqwire_ioeventfd_write", "bus=mmio", "hit=1"));
}

TEST_F_TIMEOUT(vmm, virtio_blk_iothread, BOOT_TEST_TIMEOUT)
{
	char line[512], dir[128], routes[192], pid[16];
	const char *inspect[] = { "inspect", "--pid", pid, NULL };
	int built, diffed, built_moved, diffed_moved;
	struct tool_out t;
	struct qemu *q = &self->q;

	qemu_boot(_metadata, q, on_irqwire, variant->irqchip, BLK_APPEND, true);
	ASSERT_TRUE(qemu_expect(q, "hold ready", line, sizeof(line)));

	/* the live VM: irqwire holds its irqfd and doorbell, KVM none */
	snprintf(pid, sizeof(pid), "%d", q->pid);
	t = tool_run(-1, inspect);
	EXPECT_EQ(0, t.status) TH_LOG("%s", t.out);
	EXPECT_NE(NULL, strstr(t.out, "irqfds: 0\n")) TH_LOG("%s", t.out);
	EXPECT_EQ(NULL, strstr(t.out, "ops=ioeventfd_ops")) TH_LOG("%s", t.out);
	/* KVM's and irqwire's tables side by side: both have the queue's route */
	EXPECT_NE(NULL, strstr(t.out, "irqwire routes (vm")) TH_LOG("%s", t.out);
	EXPECT_LE(2, count_in(t.out, "vector=65 ")) TH_LOG("%s", t.out);
	free(t.out);
	ASSERT_EQ(0, vm_dir(q->pid, dir, sizeof(dir)));
	/* like any bound VM: in irqwire routes and irqwire stats */
	t = tool_run(-1, (const char *[]){ "routes", basename(dir), NULL });
	EXPECT_EQ(0, t.status) TH_LOG("%s", t.out);
	EXPECT_LE(1, count_in(t.out, "vector=65 ")) TH_LOG("%s", t.out);
	free(t.out);
	t = tool_run(-1, (const char *[]){ "stats", basename(dir), NULL });
	EXPECT_EQ(0, t.status) TH_LOG("%s", t.out);
	EXPECT_NE(NULL, strstr(t.out, basename(dir))) TH_LOG("%s", t.out);
	free(t.out);
	snprintf(routes, sizeof(routes), "%s/irqfds", dir);
	EXPECT_LT(0, file_count(routes, "route=msi")) TH_LOG("no irqwire irqfd on an MSI route");
	snprintf(routes, sizeof(routes), "%s/ioeventfds", dir);
	EXPECT_LT(0, file_count(routes, "bus=mmio")) TH_LOG("no irqwire doorbell");
	/* the module is in use while the VMM runs */
	EXPECT_EQ(-EWOULDBLOCK, __irqwire_module_unload());
	ASSERT_EQ(0, irqwire_routes_line(q->pid, "replaces built=%d diffed=%d", &built, &diffed));
	ASSERT_EQ(1, write(q->in, "\n", 1));

	/* after the move: irqwire's table has the new vector and vCPU */
	ASSERT_TRUE(qemu_expect(q, "hold moved", line, sizeof(line)));
	snprintf(routes, sizeof(routes), "%s/routes", dir);
	EXPECT_LT(0, file_count(routes, MOVED_ROUTE));
	/* QEMU re-sent its whole table; irqwire applied it as the difference */
	ASSERT_EQ(0, irqwire_routes_line(q->pid, "replaces built=%d diffed=%d",
					 &built_moved, &diffed_moved));
	EXPECT_EQ(built, built_moved);
	EXPECT_LT(diffed, diffed_moved);
	ASSERT_EQ(1, write(q->in, "\n", 1));

	blk_check_end(_metadata, q, true);
	EXPECT_LT(0, file_count(q->log, "KVM_SET_GSI_ROUTING"));
	qemu_cleanup(q);
}

TEST_F_TIMEOUT(vmm, virtio_blk_on_kvm_baseline, BOOT_TEST_TIMEOUT)
{
	char line[512];
	struct qemu *q = &self->q;

	SKIP_BASELINE_IF_ASKED();
	qemu_boot(_metadata, q, NULL, variant->irqchip, BLK_APPEND, true);
	ASSERT_TRUE(qemu_expect(q, "hold ready", line, sizeof(line)));
	ASSERT_EQ(1, write(q->in, "\n", 1));
	ASSERT_TRUE(qemu_expect(q, "hold moved", line, sizeof(line)));
	ASSERT_EQ(1, write(q->in, "\n", 1));
	blk_check_end(_metadata, q, false);
	qemu_cleanup(q);
}

FIXTURE(vmm_fault) {
	struct qemu q;
};

FIXTURE_SETUP(vmm_fault)
{
	if (access("/usr/bin/" QEMU, X_OK))
		SKIP(return, QEMU " is not installed");
	if (!getenv("IRQWIRE_KO"))
		SKIP(return, "IRQWIRE_KO (the module's path) not set");
}

FIXTURE_TEARDOWN(vmm_fault)
{
	qemu_reap(&self->q);
}

TEST_F_TIMEOUT(vmm_fault, killed_mid_io_leaves_nothing, BOOT_TEST_TIMEOUT)
{
	char line[512], dir[128];
	struct qemu *q = &self->q;

	qemu_boot(_metadata, q, on_irqwire, "on", "test=blk requests=8 hold=1", true);
	ASSERT_TRUE(qemu_expect(q, "hold ready", line, sizeof(line)));
	ASSERT_EQ(0, vm_dir(q->pid, dir, sizeof(dir)));
	ASSERT_EQ(0, kill(q->pid, SIGKILL));
	EXPECT_EQ(128 + SIGKILL, qemu_wait(q));
	EXPECT_NE(0, vm_dir(q->pid, dir, sizeof(dir))) TH_LOG("%s is left", dir);
	EXPECT_EQ(0, __irqwire_module_unload())
		TH_LOG("refcnt %d", irqwire_module_refcnt());
	irqwire_module_load(_metadata);
	qemu_cleanup(q);
}

TEST_F_TIMEOUT(vmm_fault, no_module, BOOT_TEST_TIMEOUT)
{
	static const char *const fallback[] = { "--fallback", "kvm", NULL };
	char line[512];
	struct qemu *q = &self->q;

	ASSERT_EQ(0, __irqwire_module_unload()) TH_LOG("refcnt %d", irqwire_module_refcnt());
	/* refused before QEMU starts, with one line and status 3 */
	qemu_start(_metadata, q, on_irqwire, "on", "test=testdev", false);
	ASSERT_TRUE(qemu_expect(q, "irqwire run:", line, sizeof(line)));
	EXPECT_STREQ("irqwire run: /dev/irqwire: No such file or directory (is irqwire.ko loaded?)",
		     line);
	EXPECT_EQ(3, qemu_wait(q));
	qemu_cleanup(q);

	/* --fallback kvm: one warning, and the VM runs on KVM */
	qemu_boot(_metadata, q, fallback, "on", "test=testdev", false);
	EXPECT_NE(NULL, strstr(q->before, "irqwire run: warning: /dev/irqwire"))
		TH_LOG("%s", q->before);
	EXPECT_EQ(GUEST_OK, qemu_wait(q));
	qemu_cleanup(q);
	irqwire_module_load(_metadata);
}

IRQWIRE_TEST_HARNESS_MAIN
