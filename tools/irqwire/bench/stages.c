// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire bench, the stage breakdown: case 1's injection round trips run
 * again under tools/bpftrace/inject_stages.bt, which stamps each one at
 * KVM's and irqwire's tracepoints. Per path and stage, the median over a
 * batch is that repetition's value, as in every other case, so spreads
 * and irqwire/KVM ratios come out the same way. The probes add to every
 * stage: compare paths with each other, not with the untraced figures.
 */
#define _GNU_SOURCE	/* sched_setaffinity(), sched_getcpu() */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "cmd.h"
#include "inject_vm.h"

/* The script's offsets per line, in its order. */
enum { PT_WAKEUP, PT_KVM, PT_APIC, PT_RETURN, PT_ENTRY, PT_GUEST, PT_ACK, PT_EXIT, NR_PT };

#define T0	-1	/* the start of the round trip */
#define PREV	-2	/* the last point before the end that it passed */

/*
 * Report order. "wakeup" and "route" split irqwire's irqfd "signal" at
 * its wakeup tracepoint; they come from the second pass, which probes it
 * (its cost lands in "route"), every other stage from the first.
 */
static const struct {
	const char *name;
	int start, end;
	bool split;
} stages[] = {
	{ "signal", T0, PT_KVM }, { "wakeup", T0, PT_WAKEUP, true },
	{ "route", PT_WAKEUP, PT_KVM, true }, { "apic", PREV, PT_APIC },
	{ "return", PREV, PT_RETURN }, { "entry", PREV, PT_ENTRY },
	{ "guest", PREV, PT_GUEST }, { "ack", PREV, PT_ACK },
	{ "exit", PREV, PT_EXIT }, { "total", T0, PT_EXIT },
};
#define NR_STAGES	ARRAY_SIZE(stages)

#define READY_LINE	"inject_stages: tracing"
#define TRACER_WAIT_S	180	/* bpftrace compiles and attaches slowly under TCG */

struct tracer {
	pid_t pid;
	int wait_s;
	char out[64], err[64];
};

/* Whether @path holds a line starting with @prefix. */
static bool file_has_line(const char *path, const char *prefix)
{
	char line[256];
	bool found = false;
	FILE *f = fopen(path, "r");

	while (f && !found && fgets(line, sizeof(line), f))
		found = !strncmp(line, prefix, strlen(prefix));
	if (f)
		fclose(f);
	return found;
}

/*
 * Prints why the tracer ended early, the first line of its stderr: a
 * skip if it is not installed (exit 127), else an error (-1).
 */
static int tracer_why(struct tracer *t, int status)
{
	bool missing = WIFEXITED(status) && WEXITSTATUS(status) == 127;
	char line[256] = "";
	FILE *f = fopen(t->err, "r");

	if (f && !fgets(line, sizeof(line), f))
		line[0] = 0;
	if (f)
		fclose(f);
	fprintf(stderr, "irqwire bench: stages %s: bpftrace did not start%s%s",
		missing ? "skipped" : "failed", line[0] ? ": " : "\n", line);
	return missing ? 1 : -1;
}

/*
 * The script's text; without the probe between its ">>> wakeup" and
 * "<<< wakeup" lines unless @split. NULL (and why) if unreadable.
 */
static char *script_text(bool split)
{
	char path[512], line[512], *text = NULL;
	bool keep = true;
	size_t size;
	FILE *f, *m;

	snprintf(path, sizeof(path), "%s/inject_stages.bt", tool_bpftrace_dir());
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "irqwire bench: stages failed: %s: %s\n", path,
			strerror(errno));
		return NULL;
	}
	m = open_memstream(&text, &size);
	while (m && fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "// >>> wakeup", 13))
			keep = split;
		if (keep)
			fputs(line, m);
		if (!strncmp(line, "// <<< wakeup", 13))
			keep = true;
	}
	fclose(f);
	if (m)
		fclose(m);
	return text;
}

/*
 * Starts inject_stages.bt on this process, its text on bpftrace's stdin:
 * 0, or (having said why) 1 when bpftrace is not here, -1 on errors.
 */
static int tracer_start(struct tracer *t, bool split)
{
	char *text = script_text(split), pid[16];
	int i, status, in[2];

	if (!text || pipe(in)) {
		free(text);
		return -1;
	}
	snprintf(pid, sizeof(pid), "%d", getpid());
	snprintf(t->out, sizeof(t->out), "/tmp/irqwire-stages-%d.out", getpid());
	snprintf(t->err, sizeof(t->err), "/tmp/irqwire-stages-%d.err", getpid());
	t->pid = fork();
	if (t->pid < 0) {
		free(text);
		return -1;
	}
	if (!t->pid) {
		int out = open(t->out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int err = open(t->err, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (out < 0 || err < 0 || dup2(in[0], 0) < 0 || dup2(out, 1) < 0 ||
		    dup2(err, 2) < 0)
			_exit(127);
		close(in[1]);
		execlp("bpftrace", "bpftrace", "-", pid, NULL);
		fprintf(stderr, "bpftrace: %s\n", strerror(errno));
		_exit(127);
	}
	close(in[0]);
	if (write(in[1], text, strlen(text)) != (ssize_t)strlen(text))
		fprintf(stderr, "irqwire bench: stages: writing the script failed\n");
	close(in[1]);
	free(text);
	for (i = 0; i < t->wait_s * 10; i++) {
		if (file_has_line(t->out, READY_LINE))
			return 0;
		if (waitpid(t->pid, &status, WNOHANG) == t->pid)
			return tracer_why(t, status);
		usleep(100000);
	}
	kill(t->pid, SIGKILL);
	waitpid(t->pid, &status, 0);
	fprintf(stderr, "irqwire bench: stages failed: bpftrace not ready after %d s\n",
		t->wait_s);
	return -1;
}

/*
 * The script exits at our getppid(), after printing every line before
 * it (bpftrace would drop queued output on a signal); SIGKILL only if it
 * hangs, and the pass fails.
 */
static int tracer_stop(struct tracer *t)
{
	int i, status;

	syscall(SYS_getppid);
	for (i = 0; i < t->wait_s * 10; i++) {
		if (waitpid(t->pid, &status, WNOHANG) == t->pid)
			return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
		usleep(100000);
	}
	kill(t->pid, SIGKILL);
	waitpid(t->pid, &status, 0);
	fprintf(stderr, "irqwire bench: stages: bpftrace did not exit\n");
	return -1;
}

/* Round trips of every path, the comm naming repetition and path. */
static int stages_workload(struct bench *b, struct inject_vm *v)
{
	char comm[32];	/* PR_SET_NAME keeps 15 characters: these need fewer */
	double t[INJ_NR];
	int rep;

	for (rep = -1; rep < b->reps; rep++) {
		snprintf(comm, sizeof(comm), "iwst%d.", rep + 1);
		if (inject_interleaved(v, INJ_KVM_IRQFD, INJ_IRQWIRE_LINE,
				       b->batch, t, comm))
			return -1;
	}
	return 0;
}

/* Microseconds of stage @s in one round trip's offsets @o, or < 0. */
static double stage_us(const long long *o, size_t s)
{
	int start = stages[s].start, end = stages[s].end;
	long long from = 0;

	if (!o[end])
		return -1;
	if (start == PREV) {
		/* the wakeup lies inside "signal": no later stage starts there */
		for (start = end - 1; start > PT_WAKEUP && !o[start]; start--)
			;
		from = start > PT_WAKEUP ? o[start] : 0;
	} else if (start != T0) {
		if (!o[start])
			return -1;
		from = o[start];
	}
	return (o[end] - from) / 1e3;
}

/*
 * Reads the tracer's lines into per (repetition, path, stage) samples and
 * records each repetition's median of every stage of this pass (@split).
 * Returns the number of round trips traced.
 */
static long stages_record(struct bench *b, const char *out, bool split)
{
	size_t per_rep = INJ_NR * NR_STAGES * b->batch, s;
	double *v = calloc((b->reps + 1) * per_rep, sizeof(*v));
	int *n = calloc((b->reps + 1) * INJ_NR * NR_STAGES, sizeof(*n));
	char line[512], comm[32], name[64], base[64];
	FILE *f = fopen(out, "r");
	long long o[NR_PT];
	int rep, k, *cnt;
	long traced = 0;
	double us;

	while (v && n && f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "rt %31s %lld %lld %lld %lld %lld %lld %lld %lld", comm,
			   &o[0], &o[1], &o[2], &o[3], &o[4], &o[5], &o[6], &o[7]) != 9 ||
		    sscanf(comm, "iwst%d.%d", &rep, &k) != 2 || rep < 0 ||
		    rep > b->reps || k < 0 || k >= INJ_NR)
			continue;
		traced++;
		for (s = 0; s < NR_STAGES; s++) {
			cnt = &n[(rep * INJ_NR + k) * NR_STAGES + s];
			us = stages[s].split == split ? stage_us(o, s) : -1;
			if (us >= 0 && *cnt < b->batch)
				v[rep * per_rep + (k * NR_STAGES + s) * b->batch + (*cnt)++] = us;
		}
	}
	for (rep = 1; v && n && rep <= b->reps; rep++) {
		for (k = 0; k < INJ_NR; k++) {
			for (s = 0; s < NR_STAGES; s++) {
				double *x = &v[rep * per_rep + (k * NR_STAGES + s) * b->batch];
				int c = n[(rep * INJ_NR + k) * NR_STAGES + s];

				if (!c)
					continue;
				snprintf(name, sizeof(name), "%s/%s", inject_names[k].name,
					 stages[s].name);
				snprintf(base, sizeof(base), "%s/%s",
					 inject_names[k].baseline ? inject_names[k].baseline : "",
					 stages[s].name);
				/* KVM's paths have no wakeup to split */
				record_value(b, rep - 1, "stages", name,
					     inject_names[k].baseline &&
					     !stages[s].split ? base : NULL,
					     median_sort(x, c));
			}
		}
	}
	if (f)
		fclose(f);
	free(v);
	free(n);
	return traced;
}

/* One pass: the tracer (with the wakeup probe if @split) around the workload. */
static int stages_pass(struct bench *b, struct inject_vm *v, bool split)
{
	char comm[16] = "";
	struct tracer t = {
		.wait_s = bench_wait_s(b, TRACER_WAIT_S),
	};
	cpu_set_t all, one;
	long traced;
	int err;

	err = tracer_start(&t, split);
	if (err)
		return err;
	/* one CPU: one perf buffer, so the exit comes after every line */
	prctl(PR_GET_NAME, comm);
	sched_getaffinity(0, sizeof(all), &all);
	CPU_ZERO(&one);
	CPU_SET(sched_getcpu(), &one);
	sched_setaffinity(0, sizeof(one), &one);
	err = stages_workload(b, v);
	prctl(PR_SET_NAME, comm);
	err |= tracer_stop(&t);
	sched_setaffinity(0, sizeof(all), &all);
	if (err)
		return -1;
	traced = stages_record(b, t.out, split);
	printf("stages%s: %ld of %ld round trips traced whole\n",
	       split ? " (wakeup split)" : "", traced,
	       (long)(b->reps + 1) * INJ_NR * b->batch);
	unlink(t.out);
	unlink(t.err);
	return 0;
}

int bench_stages(struct bench *b)
{
	struct inject_vm v;
	int err;

	if (inject_vm_create(&v, b->x2apic)) {
		perror("irqwire bench: stages: injection VM");
		return -1;
	}
	err = stages_pass(b, &v, false);
	if (!err)
		err = stages_pass(b, &v, true);
	inject_vm_free(&v);
	return err < 0 ? -1 : 0;	/* 1: bpftrace cannot run here (said why) */
}

/* One table cell, split stages as wide as their "(wakeup)" heading. */
static void cell(size_t st, const char *text)
{
	printf(stages[st].split ? " %8s" : " %7s", text);
}

/* The cells of path @k: its medians, or (@ratios) irqwire / KVM. */
static void stage_row(struct bench *b, int k, bool ratios)
{
	char name[64], text[16];
	struct series *s;
	size_t st;

	printf("%-20s", ratios ? "  x" : inject_names[k].name);
	for (st = 0; st < NR_STAGES; st++) {
		snprintf(name, sizeof(name), "%s/%s", inject_names[k].name,
			 stages[st].name);
		s = series_find(b, "stages", name);
		if (!ratios)
			snprintf(text, sizeof(text), !s ? "-" : b->instructions ? "%.0f" : "%.2f",
				 s ? shown(b, s, median(s)) : 0);
		else
			snprintf(text, sizeof(text), s && ratio(b, s) ? "%.2fx" : "",
				 s ? ratio(b, s) : 0);
		cell(st, text);
	}
	printf("\n");
}

void print_stages(struct bench *b)
{
	char head[16];
	size_t st;
	int k;

	if (!series_find(b, "stages", "kvm_irqfd/total"))
		return;
	printf("\nwhere each round trip goes (bpftrace inject_stages.bt): %s,\n"
	       "median over repetitions of each batch's median; each probe adds its\n"
	       "cost to the stage it ends. (wakeup) and (route) split signal at\n"
	       "irqwire's irqfd wakeup, in a second pass that probes it (route has\n"
	       "that probe's cost too). IRQ_LINE: apic includes signal\n"
	       "(KVM's IOAPIC tracepoint comes after the delivery). \"x\" rows:\n"
	       "irqwire / KVM, same pass\n",
	       b->instructions ? "instructions" : "microseconds");
	printf("%-20s", "path");
	for (st = 0; st < NR_STAGES; st++) {
		snprintf(head, sizeof(head), stages[st].split ? "(%s)" : "%s",
			 stages[st].name);
		cell(st, head);
	}
	printf("\n");
	for (k = 0; k < INJ_NR; k++) {
		stage_row(b, k, false);
		if (inject_names[k].baseline)
			stage_row(b, k, true);
	}
}
