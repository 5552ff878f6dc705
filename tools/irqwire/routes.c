// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire routes: the routing tables of VMs bound to irqwire.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "routes_fmt.h"
#include "vmdirs.h"

struct routes_opts {
	bool json;
	int printed;
};

int routes_read_vmdir(const char *path, struct irqwire_routing_entry **out)
{
	struct irqwire_routing_entry *e = NULL;
	char *text = vmdirs_read(path, "routes"), *line, *save;
	int n = 0;

	*out = NULL;
	if (!text)
		return -1;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		e = realloc(e, (n + 1) * sizeof(*e));
		if (e && routes_parse_line(line, &e[n]))
			n++;
	}
	free(text);
	*out = e;
	return n;
}

static void print_vm(const char *name, const char *path, void *data)
{
	struct routes_opts *o = data;
	struct irqwire_routing_entry *e;
	int n = routes_read_vmdir(path, &e);

	if (n < 0)
		return;
	if (o->json) {
		printf("%s{\"vm\": \"%s\", \"table\": ", o->printed ? ", " : "", name);
		routes_print(stdout, e, n, true);
		printf("}");
	} else {
		printf("%s# %s\n", o->printed ? "\n" : "", name);
		routes_print(stdout, e, n, false);
	}
	o->printed++;
	free(e);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: irqwire routes [--json] [VM | --all]\n\n"
		"Prints the GSI routing table of each VM bound to irqwire (VM: a\n"
		"directory name of %s, e.g. vm3-pid1234; default --all)\n"
		"as 'gsi=G type=T ...' lines and the chip[][] matrix, or as JSON.\n"
		"Needs root (debugfs). Exit 0, 3 if irqwire's debugfs is missing,\n"
		"1 if VM is not bound.\n", IRQWIRE_DEBUGFS);
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
	int c, n;

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
	if (o.json)
		printf("[");
	n = vmdirs_for_each(only, print_vm, &o);
	if (o.json)
		printf("]\n");
	if (n < 0)
		return EXIT_ENV;
	if (only && !n) {
		fprintf(stderr, "irqwire: no VM %s is bound to irqwire\n", only);
		return EXIT_CHECK_FAILED;
	}
	return EXIT_OK;
}
