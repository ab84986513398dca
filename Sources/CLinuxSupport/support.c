#define _GNU_SOURCE
#include "CLinuxSupport.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

// The steps the child reports a failure of; the index travels through the error pipe.
static const char *const steps[] = {
    "reset signals", "create a process group", "join the cgroup", "redirect standard descriptors",
    "change directory", "switch user", "close inherited descriptors", "execute",
};

typedef struct {
    int32_t step;
    int32_t error_number;
} spawn_failure;

// Only async-signal-safe calls from here to execve: the parent is multi-threaded.
static void report_and_exit(int fd, int step) {
    spawn_failure failure = {step, errno};
    ssize_t ignored = write(fd, &failure, sizeof failure);
    (void)ignored;
    _exit(127);
}

static int write_decimal(int fd, pid_t value) {
    char digits[24];
    int n = 0;
    do {
        digits[sizeof digits - 1 - n] = (char)('0' + value % 10);
        value /= 10;
        n++;
    } while (value > 0 && n < (int)sizeof digits);
    return write(fd, digits + sizeof digits - n, (size_t)n) == n ? 0 : -1;
}

static int move_descriptor(int from, int to, int fallback_null) {
    if (from < 0) from = fallback_null;
    if (from == to) return fcntl(to, F_SETFD, 0);
    return dup2(from, to) < 0 ? -1 : 0;
}

static void child(const appmgmt_spawn_options *o, int report) {
    // A device started with 0-2 closed gets its pipes there: the report pipe must not be
    // overwritten by (or, without CLOEXEC, leak into) the child's standard descriptors.
    if (report <= 2) {
        int moved = fcntl(report, F_DUPFD_CLOEXEC, 3);
        if (moved < 0) _exit(127);
        report = moved;
    }
    // Default dispositions first, then an empty mask: nothing the device blocked or ignored
    // (SIGTERM, SIGPIPE) reaches the app.
    // The raw system call: glibc's sigaction refuses the signals it reserves (32, 33), which
    // a parent may still ignore, and an ignored signal survives exec.
    struct {
        void *handler;
        unsigned long flags;
        void *restorer;
        unsigned long mask;
    } action = {SIG_DFL, 0, NULL, 0};
    for (int sig = 1; sig < NSIG; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP) continue;
        syscall(SYS_rt_sigaction, sig, &action, NULL, sizeof action.mask);
    }
    sigset_t empty;
    sigemptyset(&empty);
    if (sigprocmask(SIG_SETMASK, &empty, NULL) != 0) report_and_exit(report, 0);

    if (o->new_process_group && setpgid(0, 0) != 0) report_and_exit(report, 1);

    if (o->cgroup_procs) {
        int fd = open(o->cgroup_procs, O_WRONLY | O_CLOEXEC);
        if (fd < 0 || write_decimal(fd, getpid()) != 0) report_and_exit(report, 2);
        close(fd);
    }

    int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd < 0) report_and_exit(report, 3);
    // Keep the three sources clear of 0-2 while moving them into place.
    int in = o->stdin_fd, out = o->stdout_fd, err = o->stderr_fd;
    // A failed move is a failed spawn, never a silent /dev/null.
    if (in >= 0 && in <= 2 && (in = fcntl(in, F_DUPFD_CLOEXEC, 3)) < 0) report_and_exit(report, 3);
    if (out >= 0 && out <= 2 && (out = fcntl(out, F_DUPFD_CLOEXEC, 3)) < 0) report_and_exit(report, 3);
    if (err >= 0 && err <= 2 && (err = fcntl(err, F_DUPFD_CLOEXEC, 3)) < 0) report_and_exit(report, 3);
    if (null_fd <= 2 && (null_fd = fcntl(null_fd, F_DUPFD_CLOEXEC, 3)) < 0) report_and_exit(report, 3);
    if (move_descriptor(in, 0, null_fd) != 0 || move_descriptor(out, 1, null_fd) != 0 || move_descriptor(err, 2, null_fd) != 0)
        report_and_exit(report, 3);

    if (o->cwd && chdir(o->cwd) != 0) report_and_exit(report, 4);

    if (o->switch_user) {
        if (setgroups(0, NULL) != 0 || setgid(o->gid) != 0 || setuid(o->uid) != 0) report_and_exit(report, 5);
    }

    // Everything above 2 closes on exec, the report pipe included.
    if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
        long max = sysconf(_SC_OPEN_MAX);
        if (max < 0 || max > 1048576) max = 1048576;
        for (int fd = 3; fd < max; fd++) fcntl(fd, F_SETFD, FD_CLOEXEC);
    }

    execve(o->path, o->argv, o->envp);
    report_and_exit(report, 7);
}

pid_t appmgmt_spawn(const appmgmt_spawn_options *options, int *error_number, const char **failed_step) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) {
        *error_number = errno;
        *failed_step = "create the report pipe";
        return -1;
    }
    // Block every signal around fork so no handler of the parent runs in the child before
    // it resets them.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_t pid = fork();
    if (pid == 0) {
        close(report[0]);
        child(options, report[1]);
    }
    int fork_errno = errno;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(report[1]);
    if (pid < 0) {
        close(report[0]);
        *error_number = fork_errno;
        *failed_step = "fork";
        return -1;
    }
    spawn_failure failure;
    ssize_t n;
    do {
        n = read(report[0], &failure, sizeof failure);
    } while (n < 0 && errno == EINTR);
    close(report[0]);
    if (n == (ssize_t)sizeof failure) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        *error_number = failure.error_number;
        *failed_step = (failure.step >= 0 && failure.step < (int32_t)(sizeof steps / sizeof steps[0])) ? steps[failure.step] : "start";
        return -1;
    }
    return pid;
}

int appmgmt_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int appmgmt_exchange_paths(const char *first, const char *second) {
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, 1U << 1 /* RENAME_EXCHANGE */);
}
