// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire stats: per-irqfd, per-GSI and per-doorbell counters of the VMs
 * bound to irqwire, read with IRQWIRE_INSPECT_VM; --watch redraws them
 * like top.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boundvms.h"
#include "cmd.h"

struct gsi_sum {
	unsigned long long irqfds, signals, fast, slow;
};

static void print_irqfds(const struct irqwire_inspect_wire_irqfd *r, int n)
{
	static struct gsi_sum sum[IRQWIRE_MAX_GSI];
	unsigned long long fast = 0, slow = 0;
	unsigned int gsi;
	int i;

	memset(sum, 0, sizeof(sum));
	printf("irqfds:\n");
	for (i = 0; i < n; i++) {
		printf("  gsi=%u route=%s masked=%d resample=%d signals=%llu fast=%llu slow=%llu held=%llu dropped=%llu resampled=%llu\n",
		       r[i].gsi, r[i].flags & IRQWIRE_INSPECT_IRQFD_MSI ? "msi" : "line",
		       !!(r[i].flags & IRQWIRE_INSPECT_IRQFD_MASKED),
		       !!(r[i].flags & IRQWIRE_INSPECT_IRQFD_RESAMPLE),
		       (unsigned long long)r[i].signals, (unsigned long long)r[i].fast,
		       (unsigned long long)r[i].slow, (unsigned long long)r[i].held,
		       (unsigned long long)r[i].dropped,
		       (unsigned long long)r[i].resampled);
		if (r[i].gsi >= IRQWIRE_MAX_GSI)
			continue;
		sum[r[i].gsi].irqfds++;
		sum[r[i].gsi].signals += r[i].signals;
		sum[r[i].gsi].fast += r[i].fast;
		sum[r[i].gsi].slow += r[i].slow;
	}
	printf("per GSI:\n");
	for (gsi = 0; gsi < IRQWIRE_MAX_GSI; gsi++) {
		if (!sum[gsi].irqfds)
			continue;
		printf("  gsi=%u irqfds=%llu signals=%llu fast=%llu slow=%llu\n",
		       gsi, sum[gsi].irqfds, sum[gsi].signals, sum[gsi].fast,
		       sum[gsi].slow);
		fast += sum[gsi].fast;
		slow += sum[gsi].slow;
	}
	printf("fast path %llu, slow path %llu\n", fast, slow);
}

static void print_doorbells(const struct bound_vm *vm,
			    const struct irqwire_inspect_doorbell *r, int n)
{
	int i;

	printf("doorbells:\n");
	for (i = 0; i < n; i++) {
		printf("  bus=%s addr=0x%llx len=%u ",
		       r[i].flags & IRQWIRE_IOEVENTFD_FLAG_PIO ? "pio" : "mmio",
		       (unsigned long long)r[i].addr, r[i].len);
		if (r[i].flags & IRQWIRE_IOEVENTFD_FLAG_DATAMATCH)
			printf("datamatch=0x%llx", (unsigned long long)r[i].datamatch);
		else
			printf("datamatch=any");
		printf(" hits=%llu busdev=%s\n", (unsigned long long)r[i].hits,
		       r[i].flags & IRQWIRE_INSPECT_DOORBELL_WINDOW ? "window" : "exact");
	}
	printf("  bus_devices mmio=%u pio=%u unmatched mmio=%llu pio=%llu\n",
	       vm->rec.bus_devices[IRQWIRE_BUS_MMIO], vm->rec.bus_devices[IRQWIRE_BUS_PIO],
	       (unsigned long long)vm->rec.unmatched[IRQWIRE_BUS_MMIO],
	       (unsigned long long)vm->rec.unmatched[IRQWIRE_BUS_PIO]);
}

static void print_vm(int dev, const struct bound_vm *vm, void *data)
{
	struct irqwire_inspect_wire_irqfd *irqfds;
	struct irqwire_inspect_doorbell *doorbells;
	int ni, nd;

	ni = irqwire_inspect_records(dev, vm->rec.id, IRQWIRE_INSPECT_WIRE_IRQFDS,
				     IRQWIRE_INSPECT_FLAG_BY_ID, sizeof(*irqfds),
				     (void **)&irqfds);
	nd = irqwire_inspect_records(dev, vm->rec.id, IRQWIRE_INSPECT_WIRE_DOORBELLS,
				     IRQWIRE_INSPECT_FLAG_BY_ID, sizeof(*doorbells),
				     (void **)&doorbells);
	printf("# %s\n", vm->name);
	if (ni >= 0)
		print_irqfds(irqfds, ni);
	if (nd >= 0)
		print_doorbells(vm, doorbells, nd);
	free(irqfds);
	free(doorbells);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: irqwire stats [--watch SECONDS [--count N]] [VM]\n\n"
		"Prints the counters of every irqfd (signals, fast and slow path,\n"
		"held, dropped, resampled), their sums per GSI and every doorbell\n"
		"(hits) of each VM bound to irqwire (VM: its name, vm<ID>-pid<PID>).\n"
		"--watch redraws every SECONDS, N times (default: until interrupted).\n"
		"Needs root (CAP_SYS_ADMIN) and /dev/irqwire.\n"
		"Exit 0, 3 no /dev/irqwire, 4 not root.\n");
}

int cmd_stats(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "watch", required_argument, NULL, 'w' },
		{ "count", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	double interval = 0;
	long count = -1;
	const char *only;
	int c, n, dev;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'w':
			interval = atof(optarg);
			if (interval <= 0) {
				usage(stderr);
				return EXIT_USAGE;
			}
			break;
		case 'c':
			count = atol(optarg);
			break;
		default:	/* --help, or a bad option */
			return tool_usage(c, usage);
		}
	}
	only = optind < argc ? argv[optind] : NULL;
	dev = irqwire_dev_open("irqwire");
	if (dev < 0)
		return EXIT_ENV;
	for (;;) {
		if (interval && isatty(STDOUT_FILENO))
			printf("\033[H\033[2J");
		n = boundvms_for_each(dev, only, print_vm, NULL);
		fflush(stdout);
		if (n < 0 || !interval || (count > 0 && --count == 0))
			break;
		usleep(interval * 1e6);
	}
	close(dev);
	return n < 0 ? -n : EXIT_OK;
}
