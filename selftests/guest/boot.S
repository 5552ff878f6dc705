/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry of the VMM test guest: QEMU's multiboot loader (-kernel) starts it
 * in 32-bit protected mode, flat segments, paging and interrupts off.
 * Also the interrupt stubs: vectors 0-31 are faults (the guest reports
 * and stops), 0x40-0x4f the MSI vectors the tests use.
 */
#define MB_MAGIC	0x1badb002
#define MB_FLAGS	0x00000003	/* aligned modules, memory info */

	.section .multiboot, "a"
	.align 4
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)

	.text
	.globl _start
_start:
	mov	$stack_top, %esp
	push	%ebx			/* multiboot information */
	push	%eax			/* loader magic */
	call	guest_main
1:	cli
	hlt
	jmp	1b

/* fault N: fault_entry(N) never returns */
.macro fault n
	.globl fault_\n
fault_\n:
	push	$\n
	call	fault_entry
.endm
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	fault \n
	.endr

/* vector V: irq_entry(V), then iret */
.macro irq v
	.globl irq_\v
irq_\v:
	pusha
	push	$\v
	call	irq_entry
	add	$4, %esp
	popa
	iret
.endm
	.irp v, 64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,255
	irq \v
	.endr

	.bss
	.align 16
	.space 16384
stack_top:
