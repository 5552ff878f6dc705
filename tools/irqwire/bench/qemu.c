// SPDX-License-Identifier: GPL-2.0
/*
 * Case "qemu": Debian's unmodified QEMU with the project's test guest
 * (selftests/guest, test=bench), on KVM and under "irqwire run", boots
 * alternated. The guest times with its TSC, so the figures are TSC cycles
 * per operation: a virtio-blk round trip at queue depth 1 on an iothread
 * (kick through an ioeventfd, completion through an irqfd) and a
 * pci-testdev doorbell write (an ioeventfd of length 0). Each boot gives
 * one repetition: the median of --batch operations.
 */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "cmd.h"

#define BOOT_TIMEOUT_S	300
#define TAIL_LINES	12

/* The guest image: $IRQWIRE_GUEST, else the build tree's selftests. */
static int guest_path(char *path, size_t size)
{
	char self[PATH_MAX];
	const char *env = getenv("IRQWIRE_GUEST");
	ssize_t n;

	if (env) {
		snprintf(path, size, "%s", env);
		return access(path, R_OK);
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return -1;
	self[n] = '\0';
	snprintf(path, size, "%s/../selftests/irqwire/vmm_guest.elf", dirname(self));
	return access(path, R_OK);
}

/* One boot; the guest's two figures in @blk and @db, 0 on success. */
static int qemu_boot(const struct bench *b, const char *prefix, const char *guest,
		     double *blk, double *db)
{
	char cmd[PATH_MAX * 3], line[256], disk[] = "/tmp/irqwire-bench.XXXXXX";
	char tail[TAIL_LINES][256];	/* QEMU's last lines, for a failure */
	unsigned int c, nr_lines = 0, i;
	int fd = mkstemp(disk), found = 0, status;
	FILE *p;

	if (fd < 0 || ftruncate(fd, 1 << 20))
		return -1;
	close(fd);
	/* a boot never takes minutes: one that does fails the case, never hangs it */
	snprintf(cmd, sizeof(cmd),
		 "timeout -s KILL %d %s qemu-system-x86_64 -accel kvm -M pc -m 64 -nodefaults "
		 "-display none -serial stdio -no-reboot "
		 "-device isa-debug-exit,iobase=0xf4,iosize=4 -kernel '%s' "
		 "-append 'test=bench n=%d' -object iothread,id=io0 "
		 "-drive file=%s,if=none,id=d0,format=raw "
		 "-device virtio-blk-pci,drive=d0,iothread=io0,disable-legacy=on "
		 "-device pci-testdev </dev/null 2>&1",
		 bench_wait_s(b, BOOT_TIMEOUT_S), prefix, guest, b->batch, disk);
	p = popen(cmd, "r");
	while (p && fgets(line, sizeof(line), p)) {
		snprintf(tail[nr_lines++ % TAIL_LINES], sizeof(tail[0]), "%s", line);
		if (sscanf(line, "bench blk_qd1 cycles=%u", &c) == 1)
			*blk = c, found++;
		else if (sscanf(line, "bench doorbell cycles=%u", &c) == 1)
			*db = c, found++;
		else if (strstr(line, "FAIL") || strstr(line, "irqwire run:"))
			fprintf(stderr, "irqwire bench: qemu: %s", line);
	}
	/* isa-debug-exit: status 1 when the guest's checks passed */
	status = p ? pclose(p) : -1;
	if (status != 1 << 8 || found != 2) {
		fprintf(stderr, "irqwire bench: QEMU run failed (wait status 0x%x, %d of 2 results): %s\n",
			status, found, cmd);
		for (i = nr_lines > TAIL_LINES ? nr_lines - TAIL_LINES : 0; i < nr_lines; i++)
			fprintf(stderr, "irqwire bench: qemu: %s", tail[i % TAIL_LINES]);
		found = -1;
	}
	unlink(disk);
	return found == 2 ? 0 : -1;
}

int bench_qemu(struct bench *b)
{
	char guest[PATH_MAX], tool[PATH_MAX], prefix[PATH_MAX + 16];
	double blk = 0, db = 0;
	int rep, side;

	if (guest_path(guest, sizeof(guest)) ||
	    system("command -v qemu-system-x86_64 >/dev/null")) {
		printf("qemu case skipped: no qemu-system-x86_64 or no test guest (%s; make selftests)\n",
		       guest);
		return 0;
	}
	tool_file("irqwire", "/usr/sbin", tool, sizeof(tool));
	for (rep = -1; rep < b->reps; rep++) {
		/* alternate which side boots first */
		for (side = 0; side < 2; side++) {
			bool irqwire = (side + rep) & 1;

			snprintf(prefix, sizeof(prefix), "%s", irqwire ? tool : "");
			if (irqwire)
				strcat(prefix, " run --");
			if (qemu_boot(b, prefix, guest, &blk, &db))
				return -1;
			record_value(b, rep, "qemu",
				     irqwire ? "irqwire_virtio_blk_qd1" : "kvm_virtio_blk_qd1",
				     irqwire ? "kvm_virtio_blk_qd1" : NULL, blk);
			record_value(b, rep, "qemu",
				     irqwire ? "irqwire_testdev_doorbell" : "kvm_testdev_doorbell",
				     irqwire ? "kvm_testdev_doorbell" : NULL, db);
		}
	}
	return 0;
}
