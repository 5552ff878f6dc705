// SPDX-License-Identifier: GPL-2.0
/*
 * bind_test: IRQWIRE_BIND_VM and the life of a handle: closing the VM
 * before the handle, several handles on one VM, another process, and
 * module pinning. Rejected binds: badinput_test.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "kvm_harness.h"

#include "guest_rx.h"
#include "irqwire_test.h"

#define VEC	RX_VEC_BASE

/* The handle is bound to @vm: an MSI through it reaches vCPU 0 of @vm. */
static void assert_bound_to(struct __test_metadata *_metadata, int fd,
			    struct kvm_vm *vm, struct kvm_vcpu *vcpu)
{
	uint32_t before = rx_count(vm, 0, VEC);

	ASSERT_EQ(1, __irqwire_signal_msi(fd, 0, VEC));
	rx_wait(vcpu);
	ASSERT_EQ(before + 1, rx_count(vm, 0, VEC));
}

TEST(api_version)
{
	int fd = irqwire_open(_metadata);

	ASSERT_EQ(IRQWIRE_API_VERSION, ioctl(fd, IRQWIRE_GET_API_VERSION, 0));
	ASSERT_EQ(-EINVAL, __irqwire_ioctl(fd, IRQWIRE_GET_API_VERSION, (void *)1));
	ASSERT_EQ(-ENOTTY, __irqwire_ioctl(fd, _IO(IRQWIRE_IO, 0xff), NULL));
	close(fd);
}

TEST(device_node_is_root_only)
{
	struct stat st;

	ASSERT_EQ(0, stat(IRQWIRE_DEV, &st));
	ASSERT_TRUE(S_ISCHR(st.st_mode));
	ASSERT_EQ(0600, st.st_mode & 07777);
	ASSERT_EQ(0, st.st_uid);
}

/* The mode is enforced: an unprivileged user cannot open the device. */
TEST(unprivileged_open_refused)
{
	int status;
	pid_t pid;

	if (getuid())
		SKIP(return, "needs root to drop to another user");
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		if (setgroups(0, NULL) || setgid(65534) || setuid(65534))
			_exit(2);
		_exit(open(IRQWIRE_DEV, O_RDWR) < 0 && errno == EACCES ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
}

TEST(second_bind_ebusy)
{
	int fd = irqwire_open(_metadata);
	struct kvm_vcpu *vcpu_a, *vcpu_b;
	struct kvm_vm *vm_a, *vm_b;

	vm_a = rx_create_vm(1, true, &vcpu_a);
	vm_b = rx_create_vm(1, true, &vcpu_b);
	ASSERT_EQ(0, __irqwire_bind(fd, vm_a->fd));
	ASSERT_EQ(-EBUSY, __irqwire_bind(fd, vm_a->fd));
	ASSERT_EQ(-EBUSY, __irqwire_bind(fd, vm_b->fd));

	/* still bound to A: B receives nothing */
	assert_bound_to(_metadata, fd, vm_a, vcpu_a);
	ASSERT_FALSE(rx_irr_pending(vcpu_b, VEC));
	close(fd);
	kvm_vm_free(vm_b);
	kvm_vm_free(vm_a);
}

/* Two handles on one VM both inject; closing one leaves the other working. */
TEST(two_handles_one_vm)
{
	int fd1 = irqwire_open(_metadata);
	int fd2 = irqwire_open(_metadata);
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;

	vm = rx_create_vm(1, false, &vcpu);
	ASSERT_EQ(0, __irqwire_bind(fd1, vm->fd));
	ASSERT_EQ(0, __irqwire_bind(fd2, vm->fd));
	assert_bound_to(_metadata, fd1, vm, vcpu);
	assert_bound_to(_metadata, fd2, vm, vcpu);
	close(fd1);
	assert_bound_to(_metadata, fd2, vm, vcpu);
	close(fd2);
	kvm_vm_free(vm);
}

/*
 * Closing every KVM fd first is legal: the handle keeps the VM alive and
 * working, and destroys it when it closes.
 */
TEST(vm_fd_closed_before_handle)
{
	int fd = irqwire_open(_metadata);
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	int vcpu_fd;

	vm = rx_create_vm(1, true, &vcpu);
	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));
	vcpu_fd = dup(vcpu->fd);	/* kvm_vm_free closes the originals */
	kvm_vm_free(vm);

	/* the VM and its vCPU still exist: the MSI reaches the LAPIC */
	ASSERT_EQ(1, __irqwire_signal_msi(fd, 0, VEC));
	close(vcpu_fd);
	ASSERT_EQ(1, __irqwire_signal_msi(fd, 0, VEC));
	close(fd);	/* last reference: the VM is destroyed here */
}

/* KVM's rule for VM ioctls holds for irqwire too: only the VM's mm. */
TEST(other_process_eio)
{
	int fd = irqwire_open(_metadata);
	int fd2 = irqwire_open(_metadata);
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	int status;
	pid_t pid;

	vm = rx_create_vm(1, true, &vcpu);
	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (__irqwire_signal_msi(fd, 0, VEC) != -EIO)
			_exit(1);
		if (__irqwire_bind(fd2, vm->fd) != -EIO)
			_exit(2);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
	/* the parent's handles are unaffected */
	ASSERT_EQ(-ENOTCONN, __irqwire_signal_msi(fd2, 0, VEC));
	assert_bound_to(_metadata, fd, vm, vcpu);
	close(fd2);
	close(fd);
	kvm_vm_free(vm);
}

/* An open handle pins the module: rmmod must be refused, not deadlock. */
TEST(rmmod_refused_while_open)
{
	int fd = irqwire_open(_metadata);
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;

	if (geteuid())
		SKIP(return, "needs CAP_SYS_MODULE");
	vm = rx_create_vm(1, true, &vcpu);
	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));
	ASSERT_EQ(-1, syscall(__NR_delete_module, "irqwire", O_NONBLOCK));
	ASSERT_EQ(EWOULDBLOCK, errno);
	assert_bound_to(_metadata, fd, vm, vcpu);
	close(fd);
	kvm_vm_free(vm);
}

IRQWIRE_TEST_HARNESS_MAIN
