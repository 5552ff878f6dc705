/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VMM test guest: a bare-metal program that QEMU boots with -kernel
 * (multiboot) to drive its real device models while the host checks what
 * irqwire saw. It reports on the serial port, one "key value ..." line
 * per fact, and ends QEMU through isa-debug-exit (port 0xf4): status 1
 * means every check passed (QEMU exits with (value << 1) | 1).
 */
#ifndef IRQWIRE_GUEST_H
#define IRQWIRE_GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

static inline void outb(uint16_t port, uint8_t v) { asm volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v) { asm volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outl(uint16_t port, uint32_t v) { asm volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint32_t inl(uint16_t port) { uint32_t v; asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }

static inline uint8_t mmio_read8(uintptr_t a) { return *(volatile uint8_t *)a; }
static inline uint16_t mmio_read16(uintptr_t a) { return *(volatile uint16_t *)a; }
static inline uint32_t mmio_read32(uintptr_t a) { return *(volatile uint32_t *)a; }
static inline void mmio_write8(uintptr_t a, uint8_t v) { *(volatile uint8_t *)a = v; }
static inline void mmio_write16(uintptr_t a, uint16_t v) { *(volatile uint16_t *)a = v; }
static inline void mmio_write32(uintptr_t a, uint32_t v) { *(volatile uint32_t *)a = v; }

#define barrier()	asm volatile("" : : : "memory")

/* serial.c: printf for %s %u %d %x, and %lx for 64 bits */
void print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Waits for one byte on COM1 (the host's go-ahead) and drops it. */
void serial_wait_byte(void);
/* Reports FAIL with the reason and ends QEMU with a failed status. */
void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Ends QEMU: status 1 if @ok. */
void guest_exit(bool ok) __attribute__((noreturn));
/* @a (ending at a space or NUL) equals @b */
int streq(const char *a, const char *b);
/* The value of key=value in the kernel command line, or NULL. */
const char *cmdline_get(const char *key);
uint32_t cmdline_u32(const char *key, uint32_t dflt);

/* pci.c: bus 0 only, configuration mechanism #1 */
#define PCI_NONE	0xffffffffu
uint32_t pci_find(uint16_t vendor, uint16_t device);	/* bdf or PCI_NONE */
uint32_t pci_read32(uint32_t bdf, uint8_t off);
uint16_t pci_read16(uint32_t bdf, uint8_t off);
uint8_t pci_read8(uint32_t bdf, uint8_t off);
void pci_write32(uint32_t bdf, uint8_t off, uint32_t v);
void pci_write16(uint32_t bdf, uint8_t off, uint16_t v);
/* Enables I/O, memory and bus mastering. */
void pci_enable(uint32_t bdf);
/* pci_find(), failing the run (naming @what) without it, then pci_enable(). */
uint32_t pci_find_enabled(uint16_t vendor, uint16_t device, const char *what);
/* Address of memory BAR @bar (below 4 GiB: the guest has no paging). */
uintptr_t pci_bar_mem(uint32_t bdf, int bar);
uint16_t pci_bar_io(uint32_t bdf, int bar);
/* Offset of the first capability @id after the one at @start (0: from the start), or 0. */
uint8_t pci_cap(uint32_t bdf, uint8_t id, uint8_t start);

/* irq.c: IDT, local APICs, counts per vCPU and vector */
#define LAPIC		0xfee00000u
#define VEC_BASE	0x40
#define NR_CPUS		2	/* the BSP (0) and at most one AP (1) */
void irq_setup(void);
void irq_setup_cpu(void);		/* on each vCPU */
uint32_t irq_count(uint8_t vector);	/* on any vCPU */
uint32_t irq_count_on(int cpu, uint8_t vector);
uint32_t irq_unexpected(void);
uint32_t lapic_id(void);

/* smp.c: starts the vCPU with APIC ID @apic_id (as the AP) or fails the run */
void ap_start(uint32_t apic_id);

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* bench.c: the median of @n samples, sorting them */
uint32_t median_u32(uint32_t *v, uint32_t n);

/* the tests */
bool testdev_run(void);
bool blk_run(void);
/* test=bench: one "bench NAME cycles=C" line per cost (bench.c) */
bool bench_run(void);
/* the costs it measures: TSC cycles per operation, median of @n in @cycles */
uint32_t blk_bench(uint32_t *cycles, uint32_t n);
uint32_t testdev_bench(uint32_t *cycles, uint32_t n);

#endif /* IRQWIRE_GUEST_H */
