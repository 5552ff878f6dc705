// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire: command-line front end of the irqwire module. The commands
 * that create VMs (demo, bench) are helper programs built on the KVM
 * selftest library (tools/irqwire/demo.c, tools/irqwire/bench/); this
 * binary runs them, so it needs nothing but the uapi header itself.
 */
#include <stdio.h>
#include <string.h>

#include <linux/irqwire.h>

#include "cmd.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} cmds[] = {
	{ "demo", cmd_helper, "inject MSIs into a tiny guest, irqwire vs KVM" },
	{ "bench", cmd_helper, "irqwire's paths against KVM's, interleaved, with ratios" },
	{ "routes", cmd_routes, "routing tables of the VMs bound to irqwire" },
	{ "stats", cmd_stats, "irqfd, GSI and doorbell counters (--watch)" },
	{ "inspect", cmd_inspect, "KVM's own routes, irqfds and bus devices of a process's VM" },
	{ "trace", cmd_trace, "run a bpftrace script of tools/bpftrace" },
	{ "run", cmd_run, "run an unmodified VMM (QEMU, ...) on irqwire" },
	{ "version", cmd_version, "the tool's, the uapi's and the loaded module's versions" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: irqwire COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(f, "\n'irqwire COMMAND --help' describes each command.\n"
		   "Exit codes: 0 ok, 1 check failed, 2 usage, 3 environment missing,\n"
		   "4 no permission, 5 not found.\n");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "irqwire: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
