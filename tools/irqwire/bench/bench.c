// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire bench: irqwire's paths against KVM's own, side by side in one
 * run. This is the driver: the cases table, the command line and the
 * report; each case is a file of its own (bench.h lists them). Every case
 * runs its variants interleaved (one batch of each, then the next
 * repetition), after a warm-up batch, so drift and noise hit both sides
 * alike; each figure is the median over the repetitions with its min and
 * max, and each irqwire figure is also given as a ratio to its KVM
 * counterpart from the same run. Under TCG only the ratios mean anything.
 * Documentation/performance.rst describes the cases.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "bench.h"
#include "cmd.h"

static void print_table(struct bench *b, const char *kernel)
{
	const char *group = "", *fmt = b->instructions ? "%12.0f" : "%12.2f";
	double lo, hi, r;
	int i;

	printf("irqwire bench on %s: median of %d repetitions (min-max), "
	       "%d operations per batch;\n%s;\nratio = irqwire / KVM, same run\n",
	       kernel, b->reps, b->batch, b->instructions ?
	       "instructions per operation (the clock counts instructions), "
	       "except *_over_* (a ratio)" :
	       "microseconds per operation, except *_over_* (a ratio) and qemu "
	       "(guest TSC cycles)");
	for (i = 0; i < b->nr; i++) {
		struct series *s = &b->s[i];

		if (!strcmp(s->group, "stages"))
			continue;	/* print_stages() has them */
		if (strcmp(group, s->group)) {
			group = s->group;
			printf("\n%-34s %12s %22s %8s\n", group, "median", "min-max", "ratio");
		}
		spread(s, &lo, &hi);
		r = ratio(b, s);
		printf("  %-32s ", s->name);
		printf(fmt, shown(b, s, median(s)));
		printf(b->instructions ? " %10.0f-%-11.0f" : " %10.2f-%-11.2f",
		       shown(b, s, lo), shown(b, s, hi));
		if (r)
			printf(" %7.3fx", r);
		printf("\n");
	}
}

static int write_json(struct bench *b, const char *path, const char *kernel)
{
	FILE *f = fopen(path, "w");
	double lo, hi;
	int i, j;

	if (!f) {
		perror(path);
		return -1;
	}
	fprintf(f, "{\n  \"schema\": %d,\n  \"kernel\": \"%s\",\n  \"clock\": \"%s\",\n"
		"  \"repetitions\": %d,\n  \"batch\": %d,\n  \"series\": [\n",
		TOOL_JSON_SCHEMA, kernel,
		b->instructions ? "instructions" : "time", b->reps, b->batch);
	for (i = 0; i < b->nr; i++) {
		struct series *s = &b->s[i];

		spread(s, &lo, &hi);
		fprintf(f, "    {\"group\": \"%s\", \"name\": \"%s\", \"unit\": \"%s\", "
			"\"median\": %.3f, \"min\": %.3f, \"max\": %.3f", s->group, s->name,
			unit_of(b, s), shown(b, s, median(s)), shown(b, s, lo), shown(b, s, hi));
		if (s->baseline[0])
			fprintf(f, ", \"baseline\": \"%s\", \"ratio\": %.4f",
				s->baseline, ratio(b, s));
		fprintf(f, ", \"values\": [");
		for (j = 0; j < s->n; j++)
			fprintf(f, "%s%.3f", j ? ", " : "", shown(b, s, s->us[j]));
		fprintf(f, "]}%s\n", i + 1 < b->nr ? "," : "");
	}
	fprintf(f, "  ]\n}\n");
	return fclose(f);
}

/*
 * In report order; --only runs some. A time-only case measures
 * concurrency (several vCPU threads at once), which an instruction count
 * of one machine does not show: --clock instructions leaves it out.
 */
static const struct {
	const char *name;
	int (*run)(struct bench *b);
	bool time_only;
} cases[] = {
	{ "inject", bench_inject },
	{ "doorbell", bench_doorbell },
	{ "pingpong", bench_pingpong },
	{ "route", bench_route_update },
	{ "msix", bench_msix_commits },
	{ "scale", bench_scale },
	{ "fill", bench_fill },
	{ "multi", bench_multi_vcpu, true },
	{ "qemu", bench_qemu },
	{ "stages", bench_stages },
};
#define NR_CASES	(sizeof(cases) / sizeof(cases[0]))

/* Marks the cases named in @list (comma-separated) in @run; false if one is unknown. */
static bool select_cases(const char *list, bool *run)
{
	char *copy = strdup(list), *name, *save = NULL;
	bool ok = copy;
	size_t i;

	for (name = strtok_r(copy, ",", &save); ok && name; name = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < NR_CASES && strcmp(name, cases[i].name); i++)
			;
		ok = i < NR_CASES;
		if (ok)
			run[i] = true;
	}
	free(copy);
	return ok;
}

static void bench_usage(FILE *f)
{
	fprintf(f,
		"usage: irqwire bench [--reps N] [--batch N] [--json FILE] [--xapic]\n"
		"                     [--only CASE[,CASE...]] [--clock time|instructions]\n\n"
		"Measures irqwire's paths against KVM's own in one run, interleaved:\n"
		"guest-acked injection round trips (irqfd, SIGNAL_MSI, IRQ_LINE), the\n"
		"vCPU round-trip floor, doorbells (ioeventfd vs exits to userspace),\n"
		"doorbell->irqfd ping-pong, route updates in tables of 1-4096 entries,\n"
		"QEMU's MSI-X pattern (8 devices x 65 vectors, a full commit each),\n"
		"injection and doorbell cost with up to 4096 irqfds and 10000\n"
		"doorbells assigned, assigning one more of 1k-64k irqfds and doorbells,\n"
		"4 vCPUs signalled by 4 threads at once, and\n"
		"QEMU with the test guest on KVM and under irqwire run (virtio-blk\n"
		"round trip at queue depth 1, pci-testdev doorbell; guest TSC cycles);\n"
		"then, under tools/bpftrace/inject_stages.bt, where each injection\n"
		"round trip spends its time. Prints median, min-max and irqwire/KVM\n"
		"ratios; --json writes every value. Under TCG only the ratios mean\n"
		"anything, and only instruction counts repeat (make bench).\n\n"
		"  --reps N    repetitions after one warm-up (default 7, at most %d)\n"
		"  --batch N   operations per batch (default 200)\n"
		"  --json FILE also write the results as JSON\n"
		"  --xapic     guests use xAPIC (default x2APIC)\n"
		"  --only CASE[,CASE...]\n"
		"              run these cases: inject, doorbell, pingpong, route,\n"
		"              msix, scale, fill, multi, qemu, stages\n"
		"  --clock instructions\n"
		"              the clock counts instructions (QEMU -icount shift=0):\n"
		"              report instructions per operation; leaves out multi,\n"
		"              which only means something in time (default: time)\n",
		MAX_REPS);
}

int cmd_bench(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reps", required_argument, NULL, 'r' },
		{ "batch", required_argument, NULL, 'b' },
		{ "json", required_argument, NULL, 'j' },
		{ "xapic", no_argument, NULL, 'x' },
		{ "only", required_argument, NULL, 'o' },
		{ "clock", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	static struct bench b = { .reps = 7, .batch = 200, .x2apic = true };
	const char *json = NULL, *only = NULL, *clock = "time";
	bool run[NR_CASES] = { false };
	struct utsname u;
	size_t i;
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			b.reps = atoi(optarg);
			break;
		case 'b':
			b.batch = atoi(optarg);
			break;
		case 'j':
			json = optarg;
			break;
		case 'x':
			b.x2apic = false;
			break;
		case 'o':
			only = optarg;
			break;
		case 'c':
			clock = optarg;
			break;
		default:	/* --help, or a bad option */
			return tool_usage(c, bench_usage);
		}
	}
	b.instructions = !strcmp(clock, "instructions");
	for (i = 0; !only && i < NR_CASES; i++)
		run[i] = !(cases[i].time_only && b.instructions);
	if (optind < argc || (only && !select_cases(only, run)) ||
	    (!b.instructions && strcmp(clock, "time")) ||
	    b.reps < 1 || b.reps > MAX_REPS || b.batch < 1 || b.batch > DB_WRITES) {
		bench_usage(stderr);
		return EXIT_USAGE;
	}
	if (access("/dev/kvm", R_OK | W_OK)) {
		fprintf(stderr, "irqwire bench: /dev/kvm is not usable\n");
		return EXIT_ENV;
	}
	uname(&u);
	for (i = 0; i < NR_CASES; i++) {
		if (run[i] && cases[i].time_only && b.instructions) {
			printf("%s: not run: it measures concurrency, which only time shows "
			       "(--clock time)\n", cases[i].name);
			continue;
		}
		if (run[i] && cases[i].run(&b))
			return EXIT_CHECK_FAILED;
	}
	print_table(&b, u.release);
	print_stages(&b);
	if (json && write_json(&b, json, u.release))
		return EXIT_ENV;
	return EXIT_OK;
}


/* irqwire-bench, run by "irqwire bench" */
int main(int argc, char **argv)
{
	return cmd_bench(argc, argv);
}
