// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupts: an IDT whose fault entries report and stop, MSI vectors
 * 0x40-0x4f counted per vCPU and vector, the local APICs in xAPIC mode,
 * the 8259s masked (every interrupt the tests expect is an MSI).
 */
#include "guest.h"

#define LAPIC_ID	0x20
#define LAPIC_TPR	0x80
#define LAPIC_EOI	0xb0
#define LAPIC_SVR	0xf0
#define LAPIC_ISR	0x100

struct idt_gate {
	uint16_t off_lo, sel;
	uint8_t zero, type;
	uint16_t off_hi;
} __attribute__((packed));

static struct idt_gate idt[256] __attribute__((aligned(8)));
static volatile uint32_t counts[NR_CPUS][256];
static volatile uint32_t unexpected;
extern char ap_stack[], ap_stack_top[];	/* boot.S */

#define STUB(name) extern char name[]
#define F(n) STUB(fault_##n)
F(0); F(1); F(2); F(3); F(4); F(5); F(6); F(7); F(8); F(9); F(10); F(11);
F(12); F(13); F(14); F(15); F(16); F(17); F(18); F(19); F(20); F(21);
F(22); F(23); F(24); F(25); F(26); F(27); F(28); F(29); F(30); F(31);
#define I(n) STUB(irq_##n)
I(64); I(65); I(66); I(67); I(68); I(69); I(70); I(71); I(72); I(73);
I(74); I(75); I(76); I(77); I(78); I(79); I(255);

static char *const faults[32] = {
	fault_0, fault_1, fault_2, fault_3, fault_4, fault_5, fault_6, fault_7,
	fault_8, fault_9, fault_10, fault_11, fault_12, fault_13, fault_14,
	fault_15, fault_16, fault_17, fault_18, fault_19, fault_20, fault_21,
	fault_22, fault_23, fault_24, fault_25, fault_26, fault_27, fault_28,
	fault_29, fault_30, fault_31,
};
static char *const irqs[16] = {
	irq_64, irq_65, irq_66, irq_67, irq_68, irq_69, irq_70, irq_71,
	irq_72, irq_73, irq_74, irq_75, irq_76, irq_77, irq_78, irq_79,
};

static void gate(int v, char *entry)
{
	uint16_t cs;

	asm volatile("mov %%cs, %0" : "=r"(cs));
	idt[v] = (struct idt_gate){
		.off_lo = (uintptr_t)entry, .sel = cs, .type = 0x8e,	/* interrupt gate */
		.off_hi = (uintptr_t)entry >> 16,
	};
}

/*
 * 0 on the BSP, 1 on the AP (smp.c). Told by the stack, which boot.S
 * gives each vCPU apart: reading the APIC ID would cost a VM exit per
 * interrupt, and the bench times interrupts.
 */
static int this_cpu(void)
{
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);

	return sp >= (uintptr_t)ap_stack && sp < (uintptr_t)ap_stack_top;
}

void fault_entry(uint32_t n)
{
	fail("fault %u", n);
}

/*
 * Counts deliveries that are in service. Nested SVM under TCG now and
 * then re-enters a handler for one delivery with the vector no longer in
 * the ISR (Documentation/testing.rst; KVM's paths as much as irqwire's):
 * like the selftests' guest, such entries are "unexpected", without EOI.
 */
void irq_entry(uint32_t v)
{
	uint32_t isr = mmio_read32(LAPIC + LAPIC_ISR + 0x10 * (v / 32));

	if (v == 0xff || !(isr & (1u << (v % 32)))) {	/* spurious: no EOI */
		__atomic_add_fetch(&unexpected, 1, __ATOMIC_RELAXED);
		return;
	}
	counts[this_cpu()][v]++;
	mmio_write32(LAPIC + LAPIC_EOI, 0);
}

/* This vCPU: the shared IDT, its local APIC on, interrupts on. */
void irq_setup_cpu(void)
{
	struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) idtr = { sizeof(idt) - 1, (uintptr_t)idt };

	asm volatile("lidt %0" : : "m"(idtr));
	mmio_write32(LAPIC + LAPIC_TPR, 0);
	mmio_write32(LAPIC + LAPIC_SVR, 0x100 | 0xff);	/* enabled, spurious 0xff */
	asm volatile("sti");
}

void irq_setup(void)
{
	int v;

	for (v = 0; v < 32; v++)
		gate(v, faults[v]);
	for (v = 0; v < 16; v++)
		gate(VEC_BASE + v, irqs[v]);
	gate(0xff, irq_255);
	outb(0x21, 0xff);	/* both 8259s masked */
	outb(0xa1, 0xff);
	irq_setup_cpu();
}

uint32_t irq_count(uint8_t vector)
{
	return counts[0][vector] + counts[1][vector];
}

uint32_t irq_count_on(int cpu, uint8_t vector)
{
	return counts[cpu][vector];
}

uint32_t irq_unexpected(void)
{
	return unexpected;
}

uint32_t lapic_id(void)
{
	return mmio_read32(LAPIC + LAPIC_ID) >> 24;
}
