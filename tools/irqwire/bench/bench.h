/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqwire bench: what the driver (bench.c) and the cases share. A case is
 * a function that runs its variants and records into struct bench through
 * results.c; it depends on neither the driver nor another case, except
 * for doorbell_batch(), which the doorbell and scale cases share.
 */
#ifndef IRQWIRE_TOOL_BENCH_H
#define IRQWIRE_TOOL_BENCH_H

#include <stdbool.h>
#include <stdint.h>

#define MAX_SERIES	128
#define MAX_REPS	64
/*
 * Guest writes in one doorbell batch (doorbell_batch()), and so the
 * largest --batch: the floor runs --batch writes through the same arrays.
 */
#define DB_WRITES	512

/*
 * One measured quantity, one value per repetition: microseconds per
 * operation as the clock reads them (guest TSC cycles for the qemu
 * group); unit_of() and shown() say what that is in the run's clock.
 */
struct series {
	char group[16], name[48];
	char baseline[48];	/* the KVM series it is compared with, or "" */
	double us[MAX_REPS];
	int n;
};

struct bench {
	int reps, batch;
	bool x2apic;
	/*
	 * The machine's clock counts instructions (QEMU -icount shift=0:
	 * one nanosecond per instruction executed, in this VM and in the
	 * guests it runs): every figure is then instructions per operation.
	 */
	bool instructions;
	struct series s[MAX_SERIES];
	int nr;
};

/*
 * How long to wait, in this machine's clock, for @s seconds of work that
 * depends on the host (bpftrace starting, a nested QEMU booting). In
 * instruction mode the clock jumps to the next timer whenever every vCPU
 * idles, as while they wait for the host's 9p reads: on a loaded host a
 * 300-second limit ran out in a fraction of the wall time. There the
 * limit only catches a hang, and the lane's wall-clock timeout does too.
 */
static inline int bench_wait_s(const struct bench *b, int s)
{
	return b->instructions ? 20 * s : s;
}

/* results.c */
struct series *series_find(struct bench *b, const char *group, const char *name);
void record_value(struct bench *b, int rep, const char *group,
		  const char *name, const char *baseline, double value);
/* Records @seconds for @ops operations as microseconds per operation. */
void record(struct bench *b, int rep, const char *group, const char *name,
	    const char *baseline, double seconds, unsigned long ops);
/* The median of @n values, sorting @v; 0 when @n is 0. */
double median_sort(double *v, int n);
double median(struct series *s);
void spread(struct series *s, double *lo, double *hi);
/* What @s's values are in this run's clock: "us/op", "instructions/op", ... */
const char *unit_of(const struct bench *b, const struct series *s);
/* @v, a value of @s as recorded, in unit_of(@s) */
double shown(const struct bench *b, const struct series *s, double v);
/* median(s) / median(its baseline), or 0 without one */
double ratio(struct bench *b, struct series *s);

/* The cases, one file each; 0, or -1 having said what failed. */
int bench_inject(struct bench *b);		/* inject.c */
int bench_doorbell(struct bench *b);		/* doorbell.c */
int bench_pingpong(struct bench *b);		/* pingpong.c */
int bench_route_update(struct bench *b);	/* route.c */
int bench_msix_commits(struct bench *b);	/* msix_commits.c */
int bench_fill(struct bench *b);		/* fill.c */
int bench_scale(struct bench *b);		/* scale.c */
int bench_multi_vcpu(struct bench *b);		/* multi_vcpu.c */
/* qemu.c: QEMU and the test guest, on KVM and under irqwire run (TSC cycles) */
int bench_qemu(struct bench *b);
/*
 * stages.c: the per-stage breakdown of the inject case's round trips from
 * tools/bpftrace/inject_stages.bt; returns 0 and records nothing when
 * bpftrace cannot run (it says why).
 */
int bench_stages(struct bench *b);
/* Its table: one row per path, one column per stage. */
void print_stages(struct bench *b);

struct kvm_vcpu;
/* doorbell.c: @n guest writes to @addr (a port with @pio) in one KVM_RUN sequence; seconds. */
double doorbell_batch(struct kvm_vcpu *vcpu, uint64_t addr, bool pio, int n);

#endif /* IRQWIRE_TOOL_BENCH_H */
