// SPDX-License-Identifier: GPL-2.0
/*
 * guest_rx: see guest_rx.h. Everything marked "guest" runs inside the VM.
 */
#include "kvm_util.h"
#include "processor.h"
#include "apic.h"
#include "test_util.h"

#include "guest_rx.h"

/* guest memory: written by the guest's handler, read by the host */
static uint32_t rx_counts[RX_MAX_APIC_ID + 1][RX_NR_VEC];
/* guest memory: interrupts handled per APIC id, any vector */
static uint32_t rx_total[RX_MAX_APIC_ID + 1];
/* guest memory: handler entries for a vector the APIC had not delivered */
static uint32_t rx_unsolicited;
/* guest memory: IOAPIC entries the guest programs, set by the host */
#define RX_MAX_IOAPIC_ENTRIES	4
static struct {
	uint32_t pin, low, high;
} rx_ioapic[RX_MAX_IOAPIC_ENTRIES];
static uint32_t rx_nr_ioapic;
/* guest memory: set by the host before the first vCPU runs */
static bool rx_x2apic;
/* guest memory: the ping-pong doorbell (rx_vm_pingpong) */
static uint64_t rx_db_gpa;
static uint32_t rx_db_rounds;

static uint32_t guest_apic_id(void)
{
	if (rx_x2apic)
		return x2apic_read_reg(APIC_ID);
	return GET_APIC_ID_FIELD(xapic_read_reg(APIC_ID));
}

/* The 6.1 library names IRR but not ISR. */
#ifndef APIC_ISR
#define APIC_ISR	0x100
#endif

static bool guest_in_service(uint8_t vector)
{
	unsigned int reg = APIC_ISR + 0x10 * (vector / 32);
	uint32_t isr;

	if (rx_x2apic)
		isr = x2apic_read_reg(reg);
	else
		isr = xapic_read_reg(reg);
	return isr & (1u << (vector % 32));
}

static void guest_rx_handler(struct ex_regs *regs)
{
	uint32_t id = guest_apic_id();

	if (!guest_in_service(regs->vector)) {
		rx_unsolicited++;
		return;
	}
	if (id <= RX_MAX_APIC_ID) {
		rx_counts[id][regs->vector - RX_VEC_BASE]++;
		rx_total[id]++;
	}
	if (rx_x2apic)
		x2apic_write_reg(APIC_EOI, 0);
	else
		xapic_write_reg(APIC_EOI, 0);
}

/*
 * Returns once at least one interrupt was handled. Interrupts are first
 * awaited with IF=1 while spinning, then by halting. Halting alone lost
 * wakeups now and then under QEMU TCG's nested SVM when the interrupt was
 * already pending at "sti; hlt" (the vCPU stayed in kvm_vcpu_block with
 * the vector in IRR), and so did a one-instruction "sti; nop; cli" window;
 * with IF=1 for a while the interrupt is taken whenever it is recognised.
 */
#define RX_SPIN_LOOPS	100000

static void guest_wait_for_interrupt(uint32_t id)
{
	uint32_t before = READ_ONCE(rx_total[id]);
	int i;

	asm volatile("sti" ::: "memory");
	for (i = 0; i < RX_SPIN_LOOPS; i++) {
		if (READ_ONCE(rx_total[id]) != before)
			break;
		asm volatile("pause" ::: "memory");
	}
	asm volatile("cli" ::: "memory");
	while (READ_ONCE(rx_total[id]) == before)
		asm volatile("sti; hlt; cli" ::: "memory");
}

#define IOAPIC_GPA		0xfec00000ULL
#define IOAPIC_REGSEL		0x00
#define IOAPIC_WINDOW		0x10
#define IOAPIC_REDTBL(pin)	(0x10 + 2 * (pin))

static void guest_ioapic_write(uint32_t reg, uint32_t val)
{
	*(volatile uint32_t *)(IOAPIC_GPA + IOAPIC_REGSEL) = reg;
	*(volatile uint32_t *)(IOAPIC_GPA + IOAPIC_WINDOW) = val;
}

static void guest_rx_main(void)
{
	uint32_t id, i;

	if (rx_x2apic)
		x2apic_enable();
	else
		xapic_enable();
	for (i = 0; i < READ_ONCE(rx_nr_ioapic); i++) {
		/* high dword first: the entry is masked or complete when live */
		guest_ioapic_write(IOAPIC_REDTBL(rx_ioapic[i].pin) + 1,
				   rx_ioapic[i].high);
		guest_ioapic_write(IOAPIC_REDTBL(rx_ioapic[i].pin),
				   rx_ioapic[i].low);
	}
	id = guest_apic_id();
	GUEST_SYNC(id);
	if (READ_ONCE(rx_db_rounds)) {
		for (i = 0; i < rx_db_rounds; i++) {
			*(volatile uint32_t *)rx_db_gpa = i;
			guest_wait_for_interrupt(id);
		}
		GUEST_SYNC(id);
	}
	for (;;) {
		guest_wait_for_interrupt(id);
		GUEST_SYNC(id);
	}
}

void rx_vm_setup(struct kvm_vm *vm, bool x2apic)
{
	int v;

	vm_init_descriptor_tables(vm);
	for (v = 0; v < RX_NR_VEC; v++)
		vm_install_exception_handler(vm, RX_VEC_BASE + v,
					     guest_rx_handler);
	if (!x2apic)
		virt_pg_map(vm, APIC_DEFAULT_GPA, APIC_DEFAULT_GPA);
	rx_x2apic = x2apic;
	sync_global_to_guest(vm, rx_x2apic);
	rx_nr_ioapic = 0;
	sync_global_to_guest(vm, rx_nr_ioapic);
	rx_db_rounds = 0;
	sync_global_to_guest(vm, rx_db_rounds);
}

void rx_vm_ioapic_entry(struct kvm_vm *vm, uint32_t pin, uint32_t low,
			uint32_t high)
{
	TEST_ASSERT(rx_nr_ioapic < RX_MAX_IOAPIC_ENTRIES, "too many entries");
	if (!rx_nr_ioapic)
		virt_pg_map(vm, IOAPIC_GPA, IOAPIC_GPA);
	rx_ioapic[rx_nr_ioapic].pin = pin;
	rx_ioapic[rx_nr_ioapic].low = low;
	rx_ioapic[rx_nr_ioapic].high = high;
	rx_nr_ioapic++;
	sync_global_to_guest(vm, rx_ioapic);
	sync_global_to_guest(vm, rx_nr_ioapic);
}

void rx_vm_pingpong(struct kvm_vm *vm, uint64_t gpa, uint32_t rounds)
{
	virt_pg_map(vm, gpa & ~(uint64_t)(vm->page_size - 1),
		    gpa & ~(uint64_t)(vm->page_size - 1));
	rx_db_gpa = gpa;
	rx_db_rounds = rounds;
	sync_global_to_guest(vm, rx_db_gpa);
	sync_global_to_guest(vm, rx_db_rounds);
}

static uint64_t run_to_sync(struct kvm_vcpu *vcpu)
{
	struct ucall uc;

	vcpu_run(vcpu);
	switch (get_ucall(vcpu, &uc)) {
	case UCALL_SYNC:
		return uc.args[1];
	case UCALL_ABORT:
		REPORT_GUEST_ASSERT(uc);
		break;
	default:
		TEST_FAIL("vCPU %u: unexpected exit %u (%s)", vcpu->id,
			  vcpu->run->exit_reason,
			  exit_reason_str(vcpu->run->exit_reason));
	}
	return 0;
}

struct kvm_vcpu *rx_add_vcpu(struct kvm_vm *vm, uint32_t id)
{
	struct kvm_vcpu *vcpu = vm_vcpu_add(vm, id, guest_rx_main);
	uint64_t apic_id;

	vcpu_init_descriptor_tables(vcpu);
	apic_id = run_to_sync(vcpu);
	TEST_ASSERT(apic_id == id, "vCPU %u reports APIC id %lu", id, apic_id);
	return vcpu;
}

struct kvm_vm *rx_create_vm(int nr, bool x2apic, struct kvm_vcpu **vcpus)
{
	struct kvm_vm *vm = vm_create(nr);
	int i;

	rx_vm_setup(vm, x2apic);
	for (i = 0; i < nr; i++)
		vcpus[i] = rx_add_vcpu(vm, i);
	return vm;
}

void rx_wait(struct kvm_vcpu *vcpu)
{
	run_to_sync(vcpu);
}

uint32_t rx_count(struct kvm_vm *vm, uint32_t apic_id, uint8_t vector)
{
	uint32_t *hva;

	TEST_ASSERT(apic_id <= RX_MAX_APIC_ID &&
		    vector >= RX_VEC_BASE && vector < RX_VEC_BASE + RX_NR_VEC,
		    "rx_count(%u, %u) out of range", apic_id, vector);
	hva = addr_gva2hva(vm, (vm_vaddr_t)&rx_counts[apic_id][vector - RX_VEC_BASE]);
	return READ_ONCE(*hva);
}

bool rx_ioapic_line_high(struct kvm_vm *vm, uint32_t pin)
{
	struct kvm_irqchip chip = { .chip_id = KVM_IRQCHIP_IOAPIC };

	vm_ioctl(vm, KVM_GET_IRQCHIP, &chip);
	return chip.chip.ioapic.irr & (1u << pin);
}

bool rx_irr_pending(struct kvm_vcpu *vcpu, uint8_t vector)
{
	struct kvm_lapic_state lapic;
	uint32_t irr;

	vcpu_ioctl(vcpu, KVM_GET_LAPIC, &lapic);
	memcpy(&irr, &lapic.regs[APIC_IRR + 0x10 * (vector / 32)], sizeof(irr));
	return irr & (1u << (vector % 32));
}

uint32_t rx_unsolicited_count(struct kvm_vm *vm)
{
	return READ_ONCE(*(uint32_t *)addr_gva2hva(vm, (vm_vaddr_t)&rx_unsolicited));
}
