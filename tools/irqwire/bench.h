/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqwire bench: the results table every case records into, and case 1's
 * injection VM, which the stage breakdown (bench_stages.c) runs again
 * under bpftrace.
 */
#ifndef IRQWIRE_TOOL_BENCH_H
#define IRQWIRE_TOOL_BENCH_H

#include <stdbool.h>

#include "kvm_util.h"

#define MAX_SERIES	128
#define MAX_REPS	64

/* One measured quantity: microseconds per operation, one value per repetition. */
struct series {
	char group[16], name[48];
	char baseline[48];	/* the KVM series it is compared with, or "" */
	double us[MAX_REPS];
	int n;
};

struct bench {
	int reps, batch;
	bool x2apic;
	struct series s[MAX_SERIES];
	int nr;
};

struct series *series_find(struct bench *b, const char *group, const char *name);
void record_value(struct bench *b, int rep, const char *group,
		  const char *name, const char *baseline, double value);
/* The median of @n values, sorting @v; 0 when @n is 0. */
double median_sort(double *v, int n);
double median(struct series *s);
void spread(struct series *s, double *lo, double *hi);
/* median(s) / median(its baseline), or 0 without one */
double ratio(struct bench *b, struct series *s);

enum inject_kind {
	INJ_KVM_IRQFD, INJ_IRQWIRE_IRQFD, INJ_KVM_MSI, INJ_IRQWIRE_MSI,
	INJ_KVM_LINE, INJ_IRQWIRE_LINE,
};
#define INJ_NR	(INJ_IRQWIRE_LINE + 1)

/* Series names of the injection paths; irqwire's name KVM's as baseline. */
extern const struct inject_name {
	const char *name, *baseline;
} inject_names[INJ_NR];

/* One vCPU; an MSI route and irqfd of KVM's and of irqwire's; an IOAPIC pin. */
struct inject_vm {
	int fd, kvm_efd, iw_efd;
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
};

int inject_vm_create(struct inject_vm *v, bool x2apic);
void inject_vm_free(struct inject_vm *v);
/*
 * @n round trips (inject, run the vCPU until the guest's handler synced)
 * of each kind from @first to @last, alternating kinds round trip by
 * round trip so that drift hits them alike; @seconds[k] gets each kind's
 * total. Unless NULL, @comm then k names the thread before each round
 * trip (for tracing). Returns 0, or -1 (having said which failed).
 */
int inject_interleaved(struct inject_vm *v, enum inject_kind first,
		       enum inject_kind last, int n, double *seconds,
		       const char *comm);

/*
 * The per-stage breakdown of case 1's round trips from
 * tools/bpftrace/inject_stages.bt; returns 0 and records nothing when
 * bpftrace cannot run (it says why), -1 on a failed round trip.
 */
int bench_stages(struct bench *b);
/* Its table: one row per path, one column per stage. */
void print_stages(struct bench *b);

#endif /* IRQWIRE_TOOL_BENCH_H */
