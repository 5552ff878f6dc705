/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The injection VM (inject_vm.c): the inject case times its round trips,
 * the stage breakdown (stages.c) runs them again under bpftrace.
 */
#ifndef IRQWIRE_TOOL_INJECT_VM_H
#define IRQWIRE_TOOL_INJECT_VM_H

#include <stdbool.h>

#include "kvm_util.h"

#include "guest_rx.h"

/* The guest's vectors per path (the scale case reuses the MSI ones). */
#define LINE_PIN	10
#define VEC_LINE	(RX_VEC_BASE + 0)
#define VEC_KVM		(RX_VEC_BASE + 1)
#define VEC_IRQWIRE	(RX_VEC_BASE + 2)
#define GSI_KVM		30
#define GSI_IRQWIRE	31

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

#endif /* IRQWIRE_TOOL_INJECT_VM_H */
