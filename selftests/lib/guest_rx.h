/* SPDX-License-Identifier: GPL-2.0 */
/*
 * guest_rx: a guest that counts the interrupts it receives.
 *
 * Each vCPU enables its local APIC (xAPIC or x2APIC), reports in with a
 * GUEST_SYNC, then loops on "sti; hlt; cli; GUEST_SYNC" (see also
 * rx_vm_pingpong). Its interrupt
 * handler counts by (APIC id, vector) in guest memory and EOIs, so the host
 * can read exactly what arrived where. Built on the KVM selftest library.
 */
#ifndef IRQWIRE_GUEST_RX_H
#define IRQWIRE_GUEST_RX_H

#include <stdbool.h>
#include <stdint.h>

#include "kvm_util.h"

/* Vectors the receiver counts: RX_VEC_BASE .. RX_VEC_BASE + RX_NR_VEC - 1. */
#define RX_VEC_BASE	0x40
#define RX_NR_VEC	8
#define RX_MAX_APIC_ID	511

/* Prepares @vm (IDT, handlers, APIC page) for vCPUs added with rx_add_vcpu. */
void rx_vm_setup(struct kvm_vm *vm, bool x2apic);

/*
 * Makes the guest program IOAPIC redirection entry @pin (low and high
 * dwords, see the IOAPIC datasheet) itself, through its MMIO window at
 * 0xfec00000, before its first sync. Call before adding vCPUs.
 */
void rx_vm_ioapic_entry(struct kvm_vm *vm, uint32_t pin, uint32_t low,
			uint32_t high);

/*
 * Ping-pong mode, for one-vCPU VMs: after its first sync the guest writes
 * a 4-byte doorbell (the round number) to MMIO @gpa and waits for an
 * interrupt, @rounds times, then syncs once and receives as usual. Any
 * doorbell write that reaches userspace fails rx_wait(). Call before
 * adding the vCPU.
 */
void rx_vm_pingpong(struct kvm_vm *vm, uint64_t gpa, uint32_t rounds);

/* Adds vCPU @id running the receiver and runs it up to its first sync. */
struct kvm_vcpu *rx_add_vcpu(struct kvm_vm *vm, uint32_t id);

/* A VM with @nr receiver vCPUs (ids 0..nr-1), each already reported in. */
struct kvm_vm *rx_create_vm(int nr, bool x2apic, struct kvm_vcpu **vcpus);

/* Runs @vcpu until it has taken at least one interrupt and synced again. */
void rx_wait(struct kvm_vcpu *vcpu);

/* How many interrupts of @vector the vCPU with @apic_id has handled. */
uint32_t rx_count(struct kvm_vm *vm, uint32_t apic_id, uint8_t vector);

/* Handler entries for a vector that was not in service (see guest_rx.c). */
uint32_t rx_unsolicited_count(struct kvm_vm *vm);

/* True when IOAPIC input @pin is asserted (KVM_GET_IRQCHIP's irr). */
bool rx_ioapic_line_high(struct kvm_vm *vm, uint32_t pin);

/* True when @vector is pending in the IRR of @vcpu's local APIC. */
bool rx_irr_pending(struct kvm_vcpu *vcpu, uint8_t vector);

#endif /* IRQWIRE_GUEST_RX_H */
