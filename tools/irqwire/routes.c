// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire routes: the routing tables of VMs bound to irqwire.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boundvms.h"
#include "cmd.h"
#include "routes_fmt.h"

struct routes_opts {
	bool json;
	int printed;
};

static void print_vm(int dev, const struct bound_vm *vm, void *data)
{
	struct routes_opts *o = data;
	struct irqwire_routing_entry *e;
	int n;

	n = irqwire_inspect_records(dev, vm->rec.id, IRQWIRE_INSPECT_WIRE_ROUTES,
				    IRQWIRE_INSPECT_FLAG_BY_ID, sizeof(*e),
				    (void **)&e);
	if (n < 0)	/* unbound since it was listed */
		return;
	if (o->json) {
		printf("%s{\"vm\": \"%s\", \"table\": ", o->printed ? ", " : "",
		       vm->name);
		routes_print(stdout, e, n, true);
		printf("}");
	} else {
		printf("%s# %s\n", o->printed ? "\n" : "", vm->name);
		routes_print(stdout, e, n, false);
	}
	o->printed++;
	free(e);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: irqwire routes [--json] [VM | --all]\n\n"
		"Prints the GSI routing table of each VM bound to irqwire (VM: its\n"
		"name, vm<ID>-pid<PID>; default --all) as 'gsi=G type=T ...' lines\n"
		"and the chip[][] matrix, or as JSON.\n"
		"Needs root (CAP_SYS_ADMIN) and /dev/irqwire. Exit 0, 1 if VM is not\n"
		"bound, 3 no /dev/irqwire, 4 not root.\n");
}

int cmd_routes(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "all", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct routes_opts o = {};
	const char *only = NULL;
	int c, n, dev;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			o.json = true;
			break;
		case 'a':
			break;
		default:	/* --help, or a bad option */
			return tool_usage(c, usage);
		}
	}
	if (optind < argc)
		only = argv[optind++];
	if (optind < argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	dev = irqwire_dev_open("irqwire");
	if (dev < 0)
		return EXIT_ENV;
	if (o.json)
		printf("{\"schema\": %d, \"vms\": [", TOOL_JSON_SCHEMA);
	n = boundvms_for_each(dev, only, print_vm, &o);
	if (o.json)
		printf("]}\n");
	close(dev);
	if (n < 0)
		return -n;
	if (only && !n) {
		fprintf(stderr, "irqwire: no VM %s is bound to irqwire\n", only);
		return EXIT_CHECK_FAILED;
	}
	return EXIT_OK;
}
