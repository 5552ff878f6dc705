// SPDX-License-Identifier: GPL-2.0
/*
 * See irqwire_state.h.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "irqwire_dev.h"
#include "irqwire_state.h"
#include "irqwire_test.h"

int irqwire_routes_line(int pid, const char *fmt, int *a, int *b)
{
	char path[128], line[512];
	int found = -1;
	glob_t g;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/kernel/debug/irqwire/vm*-pid%d/routes", pid);
	if (glob(path, 0, NULL, &g))
		return -1;
	f = fopen(g.gl_pathv[0], "r");
	globfree(&g);
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, fmt, a, b) == 2)
			found = 0;
	fclose(f);
	return found;
}

static void add_debugfs(FILE *out)
{
	static const char * const files[] = { "routes", "irqfds", "ioeventfds" };
	char path[512], line[1024];
	unsigned int i;
	size_t j;
	glob_t g;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/kernel/debug/irqwire/vm*-pid%d", getpid());
	if (glob(path, 0, NULL, &g)) {
		fprintf(out, "no debugfs directory\n");
		return;
	}
	for (j = 0; j < g.gl_pathc; j++) {
		for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
			snprintf(path, sizeof(path), "%s/%s", g.gl_pathv[j], files[i]);
			f = fopen(path, "r");
			if (!f) {
				fprintf(out, "%s unreadable\n", path);
				continue;
			}
			/*
			 * Not where the routes' memory lies ("blocks=") nor
			 * how replaces went ("replaces "): a success taken
			 * back puts the same routes in new allocations, and
			 * counts (faults_test's undo).
			 */
			while (fgets(line, sizeof(line), f))
				if (strncmp(line, "blocks=", 7) && strncmp(line, "replaces ", 9))
					fputs(line, out);
			fclose(f);
		}
	}
	globfree(&g);
}

static void add_records(FILE *out, int fd, int vm_fd)
{
	static const struct {
		__u32 what;
		size_t size;
	} wire[] = {
		{ IRQWIRE_INSPECT_WIRE_VMS, sizeof(struct irqwire_inspect_wire_vm) },
		{ IRQWIRE_INSPECT_WIRE_IRQFDS, sizeof(struct irqwire_inspect_wire_irqfd) },
		{ IRQWIRE_INSPECT_WIRE_DOORBELLS, sizeof(struct irqwire_inspect_doorbell) },
	};
	unsigned char *r;
	unsigned int i;
	size_t j;
	int n;

	for (i = 0; i < sizeof(wire) / sizeof(wire[0]); i++) {
		n = irqwire_inspect_records(fd, vm_fd, wire[i].what, 0,
					    wire[i].size, (void **)&r);
		if (n < 0)
			fprintf(out, "records %u: error %d\n", wire[i].what, n);
		for (j = 0; n > 0 && j < n * wire[i].size; j++)
			fprintf(out, "%02x%s", r[j], (j + 1) % wire[i].size ? "" : "\n");
		free(r);
	}
}

char *irqwire_state_snapshot(int fd, int vm_fd)
{
	struct irqwire_routing_entry *e;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	int n, i;

	if (!out)
		return NULL;
	n = __irqwire_get_routing(fd, &e);
	if (n < 0)
		fprintf(out, "routing: error %d\n", n);
	for (i = 0; i < n; i++)
		fprintf(out, "%u %u %u %u %u\n", e[i].gsi, e[i].type,
			e[i].u.pad[0], e[i].u.pad[1], e[i].u.pad[2]);
	if (n >= 0)
		free(e);
	add_debugfs(out);
	add_records(out, fd, vm_fd);
	fclose(out);
	return buf;
}
