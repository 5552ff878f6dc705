// SPDX-License-Identifier: GPL-2.0
/*
 * Test lane only, loaded by tools/testing/with-module.sh before kvm_amd on
 * a PREEMPT_RT kernel whose CPU does not report constant_tsc.
 *
 * KVM refuses to load on PREEMPT_RT without X86_FEATURE_CONSTANT_TSC
 * (kvm_x86_vendor_init: it cannot follow TSC frequency changes there).
 * The lane's QEMU TCG CPU has a constant-rate TSC (derived from the host
 * clock, or from the instruction count under -icount) but cannot say so:
 * QEMU's TCG filters CPUID 0x80000007 EDX.invtsc. This module states the
 * fact the CPUID cannot. It never belongs on real hardware, where the
 * CPUID bit is the truth.
 */
#include <linux/module.h>
#include <asm/cpufeature.h>
#include <asm/processor.h>

static int __init lane_constant_tsc_init(void)
{
	set_cpu_cap(&boot_cpu_data, X86_FEATURE_CONSTANT_TSC);
	pr_info("lane_constant_tsc: X86_FEATURE_CONSTANT_TSC set (TCG test VM)\n");
	return 0;
}
module_init(lane_constant_tsc_init);

MODULE_DESCRIPTION("irqwire test lane: constant TSC of a QEMU TCG CPU");
MODULE_LICENSE("GPL");
