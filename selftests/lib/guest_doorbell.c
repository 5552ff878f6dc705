// SPDX-License-Identifier: GPL-2.0
/*
 * guest_doorbell: see guest_doorbell.h. Functions marked "guest" run
 * inside the VM.
 */
#include "kvm_util.h"
#include "processor.h"
#include "test_util.h"

#include "guest_doorbell.h"

/* guest memory: the current list, set by the host before each run */
static struct db_write db_writes[DB_MAX_WRITES];
static uint32_t db_nr;

/* guest */
static void guest_pio_write(uint16_t port, uint8_t len, uint32_t val)
{
	switch (len) {
	case 1:
		asm volatile("outb %b0, %w1" : : "a"(val), "Nd"(port));
		break;
	case 2:
		asm volatile("outw %w0, %w1" : : "a"(val), "Nd"(port));
		break;
	default:
		asm volatile("outl %0, %w1" : : "a"(val), "Nd"(port));
		break;
	}
}

/* guest */
static void guest_mmio_write(uint64_t addr, uint8_t len, uint64_t val)
{
	switch (len) {
	case 1:
		*(volatile uint8_t *)addr = val;
		break;
	case 2:
		*(volatile uint16_t *)addr = val;
		break;
	case 4:
		*(volatile uint32_t *)addr = val;
		break;
	default:
		*(volatile uint64_t *)addr = val;
		break;
	}
}

/* guest */
static void guest_doorbell_main(void)
{
	uint32_t i;

	for (;;) {
		GUEST_SYNC(0);
		for (i = 0; i < READ_ONCE(db_nr); i++) {
			if (db_writes[i].pio)
				guest_pio_write(db_writes[i].addr,
						db_writes[i].len,
						db_writes[i].val);
			else
				guest_mmio_write(db_writes[i].addr,
						 db_writes[i].len,
						 db_writes[i].val);
		}
	}
}

/* Runs until the guest syncs, recording the writes that exit on the way. */
static int run_to_sync(struct kvm_vcpu *vcpu, struct db_exit *exits, int max)
{
	struct kvm_run *run = vcpu->run;
	struct ucall uc;
	int n = 0;

	for (;;) {
		vcpu_run(vcpu);
		switch (get_ucall(vcpu, &uc)) {
		case UCALL_SYNC:
			return n;
		case UCALL_ABORT:
			REPORT_GUEST_ASSERT(uc);
			break;
		case UCALL_NONE:
			break;
		default:
			TEST_FAIL("unexpected ucall");
		}
		if (n >= max)
			TEST_FAIL("more than %d writes exited", max);
		if (run->exit_reason == KVM_EXIT_MMIO && run->mmio.is_write) {
			exits[n].addr = run->mmio.phys_addr;
			exits[n].len = run->mmio.len;
			exits[n].data = 0;
			memcpy(&exits[n].data, run->mmio.data, run->mmio.len);
			exits[n++].pio = false;
		} else if (run->exit_reason == KVM_EXIT_IO &&
			   run->io.direction == KVM_EXIT_IO_OUT) {
			exits[n].addr = run->io.port;
			exits[n].len = run->io.size;
			exits[n].data = 0;
			memcpy(&exits[n].data, (char *)run + run->io.data_offset,
			       run->io.size);
			exits[n++].pio = true;
		} else {
			TEST_FAIL("unexpected exit %u (%s)", run->exit_reason,
				  exit_reason_str(run->exit_reason));
		}
	}
}

struct kvm_vm *db_create_vm(struct kvm_vcpu **vcpu)
{
	struct kvm_vm *vm = vm_create_with_one_vcpu(vcpu, guest_doorbell_main);

	virt_map(vm, DB_MMIO_BASE, DB_MMIO_BASE, DB_MMIO_PAGES);
	db_nr = 0;
	sync_global_to_guest(vm, db_nr);
	run_to_sync(*vcpu, NULL, 0);
	return vm;
}

int db_run(struct kvm_vcpu *vcpu, const struct db_write *w, int n,
	   struct db_exit *exits, int max)
{
	TEST_ASSERT(n <= DB_MAX_WRITES, "%d writes, at most %d", n,
		    DB_MAX_WRITES);
	/*
	 * Straight into this VM's copy of the globals: the host's own copy
	 * is shared by every thread driving another doorbell VM.
	 */
	memcpy(addr_gva2hva(vcpu->vm, (vm_vaddr_t)db_writes), w, n * sizeof(*w));
	*(uint32_t *)addr_gva2hva(vcpu->vm, (vm_vaddr_t)&db_nr) = n;
	return run_to_sync(vcpu, exits, max);
}
