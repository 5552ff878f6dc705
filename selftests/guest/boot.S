/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry of the VMM test guest: QEMU's multiboot loader (-kernel) starts it
 * in 32-bit protected mode, flat segments, paging and interrupts off; it
 * switches to its own GDT at once, because a second vCPU (smp.c) has to
 * reach protected mode through it from the real-mode trampoline here.
 * Also the interrupt stubs: vectors 0-31 are faults (the guest reports
 * and stops), 0x40-0x4f the MSI vectors the tests use.
 */
#define CODE_SEL	0x08
#define DATA_SEL	0x10
#define AP_TRAMPOLINE	0x8000	/* smp.c copies the trampoline here */
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
	lgdt	gdt_desc
	ljmp	$CODE_SEL, $1f
1:	mov	$DATA_SEL, %cx
	mov	%cx, %ds
	mov	%cx, %es
	mov	%cx, %fs
	mov	%cx, %gs
	mov	%cx, %ss
	mov	$stack_top, %esp
	push	%ebx			/* multiboot information */
	push	%eax			/* loader magic */
	call	guest_main
1:	cli
	hlt
	jmp	1b

/*
 * The second vCPU starts here, copied to AP_TRAMPOLINE, in real mode at
 * CS:IP = 0x800:0 after INIT and STARTUP IPIs (smp.c): load the GDT (its
 * descriptor addressed below 64 KiB), enter protected mode and jump to
 * ap_start32 at its link address.
 */
	.code16
	.globl ap_trampoline, ap_trampoline_end
ap_trampoline:
	cli
	xor	%ax, %ax
	mov	%ax, %ds
	lgdtl	AP_TRAMPOLINE + (ap_gdt_desc - ap_trampoline)
	mov	%cr0, %eax
	or	$1, %eax			/* PE */
	mov	%eax, %cr0
	ljmpl	$CODE_SEL, $ap_start32
	.align 4
ap_gdt_desc:
	.word	gdt_end - gdt - 1
	.long	gdt
ap_trampoline_end:
	.code32

ap_start32:
	mov	$DATA_SEL, %cx
	mov	%cx, %ds
	mov	%cx, %es
	mov	%cx, %fs
	mov	%cx, %gs
	mov	%cx, %ss
	mov	$ap_stack_top, %esp
	call	ap_main
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

	.section .rodata
	.align 8
gdt:
	.quad	0
	.quad	0x00cf9a000000ffff	/* CODE_SEL: 4 GiB, 32-bit, execute/read */
	.quad	0x00cf92000000ffff	/* DATA_SEL: 4 GiB, read/write */
gdt_end:
gdt_desc:
	.word	gdt_end - gdt - 1
	.long	gdt

	.bss
	.align 16
	.space 16384
stack_top:
	.globl ap_stack, ap_stack_top
ap_stack:
	.space 8192
ap_stack_top:
