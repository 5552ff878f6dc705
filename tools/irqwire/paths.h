/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pieces the demo and the benchmark share: the clock, KVM's own MSI
 * ioctl, and a doorbell -> relay thread -> irqfd ping-pong VM wired with
 * KVM's ioctls or irqwire's.
 */
#ifndef IRQWIRE_TOOL_PATHS_H
#define IRQWIRE_TOOL_PATHS_H

#include <stdbool.h>
#include <stdint.h>

#include "kvm_util.h"

#include "relay.h"

#define PINGPONG_GSI	33
#define PINGPONG_DOORBELL 0xd0000000ULL

/* CLOCK_MONOTONIC in seconds */
double now(void);

/* KVM_SIGNAL_MSI to @dest, fixed delivery: KVM's result (1 delivered). */
int signal_kvm_msi(struct kvm_vm *vm, uint32_t dest, uint8_t vector);

/*
 * A one-vCPU ping-pong VM (rx_vm_pingpong, @rounds rounds, @vector) whose
 * doorbell and irqfd are KVM's (@fd < 0) or irqwire's (@fd bound to it
 * here); @r gets fresh eventfds. Returns NULL with errno on failure.
 */
struct kvm_vm *pingpong_vm(int fd, struct relay *r, uint32_t rounds,
			   uint8_t vector, bool x2apic, struct kvm_vcpu **vcpu);

/* Closes what pingpong_vm() opened, and @fd unless it is < 0. */
void pingpong_vm_free(struct kvm_vm *vm, struct relay *r, int fd);

/* Runs the rounds with the relay thread; returns the seconds they took. */
double pingpong_run(struct kvm_vcpu *vcpu, struct relay *r);

#endif /* IRQWIRE_TOOL_PATHS_H */
