// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire stats: per-irqfd, per-GSI and per-doorbell counters of the VMs
 * bound to irqwire, from debugfs; --watch redraws them like top.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "vmdirs.h"

/* The unsigned value of "key=" in a debugfs line, 0 if absent. */
static unsigned long long field(const char *line, const char *key)
{
	size_t len = strlen(key);
	const char *p = line;

	while ((p = strstr(p, key))) {
		if ((p == line || p[-1] == ' ') && p[len] == '=')
			return strtoull(p + len + 1, NULL, 0);
		p += len;
	}
	return 0;
}

struct gsi_sum {
	unsigned long long irqfds, signals, fast, slow;
};

static void print_irqfds(char *text)
{
	static struct gsi_sum sum[IRQWIRE_MAX_GSI];
	unsigned long long fast = 0, slow = 0;
	char *line, *save;
	unsigned int gsi;

	memset(sum, 0, sizeof(sum));
	printf("irqfds:\n");
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		printf("  %s\n", line);
		gsi = field(line, "gsi");
		if (gsi >= IRQWIRE_MAX_GSI)
			continue;
		sum[gsi].irqfds++;
		sum[gsi].signals += field(line, "signals");
		sum[gsi].fast += field(line, "fast");
		sum[gsi].slow += field(line, "slow");
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

static void print_vm(const char *name, const char *path, void *data)
{
	char *irqfds = vmdirs_read(path, "irqfds");
	char *doorbells = vmdirs_read(path, "ioeventfds");
	char *line, *save;

	printf("# %s\n", name);
	if (irqfds)
		print_irqfds(irqfds);
	if (doorbells) {
		printf("doorbells:\n");
		for (line = strtok_r(doorbells, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			printf("  %s\n", line);
	}
	free(irqfds);
	free(doorbells);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: irqwire stats [--watch SECONDS [--count N]] [VM]\n\n"
		"Prints the counters of every irqfd (signals, fast and slow path,\n"
		"held, dropped, resampled), their sums per GSI and every doorbell\n"
		"(hits) of each VM bound to irqwire (VM: a directory name of\n"
		"%s). --watch redraws every SECONDS, N times\n"
		"(default: until interrupted). Needs root (debugfs).\n"
		"Exit 0, 3 if irqwire's debugfs is missing.\n", IRQWIRE_DEBUGFS);
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
	int c;

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
	for (;;) {
		if (interval && isatty(STDOUT_FILENO))
			printf("\033[H\033[2J");
		if (vmdirs_for_each(only, print_vm, NULL) < 0)
			return EXIT_ENV;
		fflush(stdout);
		if (!interval || (count > 0 && --count == 0))
			return EXIT_OK;
		usleep(interval * 1e6);
	}
}
