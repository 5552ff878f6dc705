// SPDX-License-Identifier: GPL-2.0
/*
 * One struct irqwire_vm per KVM VM that any handle is bound to.
 */
#include <linux/file.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <uapi/linux/irqwire.h>

#include "debugfs.h"
#include "ioeventfd.h"
#include "inspect.h"
#include "irqfd.h"
#include "routing.h"
#include "vm.h"

/* Protects irqwire_vms and irqwire_vm_next_id. */
static DEFINE_MUTEX(irqwire_vms_lock);
static LIST_HEAD(irqwire_vms);
static unsigned int irqwire_vm_next_id;

/* Process context, irqwire_vms_lock held. */
static struct irqwire_vm *irqwire_vm_create(struct file *vm_file)
{
	struct kvm *kvm = vm_file->private_data;
	struct irqwire_vm *vm;

	lockdep_assert_held(&irqwire_vms_lock);

	vm = kzalloc(sizeof(*vm), GFP_KERNEL_ACCOUNT);
	if (!vm)
		return ERR_PTR(-ENOMEM);
	if (!try_module_get(vm_file->f_op->owner)) {
		kfree(vm);
		return ERR_PTR(-ENODEV);
	}
	vm->vm_owner = vm_file->f_op->owner;
	vm->kvm = kvm;
	kvm_get_kvm(kvm);
	kref_init(&vm->ref);
	mutex_init(&vm->routing_lock);
	if (irqwire_irqfd_vm_init(vm))
		goto fail;
	if (irqwire_routing_init(vm))
		goto fail_irqfd;
	if (irqwire_ioeventfd_vm_init(vm))
		goto fail_routing;
	vm->id = irqwire_vm_next_id++;
	irqwire_debugfs_add_vm(vm);
	list_add(&vm->node, &irqwire_vms);
	return vm;

fail_routing:
	irqwire_routing_free(vm);
fail_irqfd:
	irqwire_irqfd_vm_release(vm);
fail:
	mutex_destroy(&vm->routing_lock);
	kvm_put_kvm(kvm);
	module_put(vm->vm_owner);
	kfree(vm);
	return ERR_PTR(-ENOMEM);
}

/*
 * Process context. Returns the irqwire_vm of the KVM VM behind @vm_file
 * (which the caller checked with file_is_kvm()), with a new reference.
 */
struct irqwire_vm *irqwire_vm_get(struct file *vm_file)
{
	struct kvm *kvm = vm_file->private_data;
	struct irqwire_vm *vm;

	mutex_lock(&irqwire_vms_lock);
	list_for_each_entry(vm, &irqwire_vms, node) {
		if (vm->kvm == kvm) {
			kref_get(&vm->ref);
			goto out;
		}
	}
	vm = irqwire_vm_create(vm_file);
out:
	mutex_unlock(&irqwire_vms_lock);
	return vm;
}

/*
 * Process context. The irqwire_vm of @kvm or, with @kvm NULL, the one
 * numbered @id, with a new reference; NULL if that VM is not bound.
 */
struct irqwire_vm *irqwire_vm_find(struct kvm *kvm, unsigned int id)
{
	struct irqwire_vm *vm, *found = NULL;

	mutex_lock(&irqwire_vms_lock);
	list_for_each_entry(vm, &irqwire_vms, node) {
		if (kvm ? vm->kvm == kvm : vm->id == id) {
			kref_get(&vm->ref);
			found = vm;
			break;
		}
	}
	mutex_unlock(&irqwire_vms_lock);
	return found;
}

/* A snapshot: the counters are read without the doorbells' lock. */
static void irqwire_vm_record(struct irqwire_vm *vm, struct irqwire_collector *c)
{
	struct irqwire_doorbells *dbs = &vm->doorbells;
	struct irqwire_inspect_wire_vm *r = irqwire_collector_next(c);
	int b;

	if (!r)
		return;
	r->id = vm->id;
	r->pid = vm->kvm->userspace_pid;
	r->nr_doorbells = READ_ONCE(dbs->nr);
	for (b = 0; b < IRQWIRE_NR_BUSES; b++) {
		r->bus_devices[b] = READ_ONCE(dbs->nr_busdevs[b]);
		r->unmatched[b] = atomic64_read(&dbs->unmatched[b]);
	}
}

/*
 * Process context: the record of @vm (referenced by the caller) or, with
 * @vm NULL, one per bound VM, oldest first.
 */
void irqwire_vm_collect(struct irqwire_vm *vm, struct irqwire_collector *c)
{
	if (vm) {
		irqwire_vm_record(vm, c);
		return;
	}
	mutex_lock(&irqwire_vms_lock);
	list_for_each_entry_reverse(vm, &irqwire_vms, node)
		irqwire_vm_record(vm, c);
	mutex_unlock(&irqwire_vms_lock);
}

/* Process context, called by kref_put_mutex() with irqwire_vms_lock held. */
static void irqwire_vm_release(struct kref *ref)
{
	struct irqwire_vm *vm = container_of(ref, struct irqwire_vm, ref);

	lockdep_assert_held(&irqwire_vms_lock);
	list_del(&vm->node);
	mutex_unlock(&irqwire_vms_lock);

	irqwire_debugfs_remove_vm(vm);
	/* doorbells sit on the VM's buses: off them while the VM lives */
	irqwire_ioeventfd_vm_release(vm);
	/* irqfds read the routes and the VM: they go first */
	irqwire_irqfd_vm_release(vm);
	irqwire_routing_free(vm);
	mutex_destroy(&vm->routing_lock);
	/* may destroy the VM: the vendor module must still be there */
	kvm_put_kvm(vm->kvm);
	module_put(vm->vm_owner);
	kfree(vm);
}

/* Process context. */
void irqwire_vm_put(struct irqwire_vm *vm)
{
	kref_put_mutex(&vm->ref, irqwire_vm_release, &irqwire_vms_lock);
}
