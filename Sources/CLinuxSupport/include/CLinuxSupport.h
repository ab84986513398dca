#ifndef CLINUXSUPPORT_H
#define CLINUXSUPPORT_H

#include <sys/types.h>

/// How to start a child process (see `appmgmt_spawn`).
typedef struct {
    /// The program to execute: an absolute path, or a path relative to `cwd`.
    const char *path;
    /// NULL-terminated argument and environment vectors.
    char *const *argv;
    char *const *envp;
    /// Working directory of the child, or NULL for the parent's.
    const char *cwd;
    /// Descriptors that become the child's 0, 1 and 2; -1 means /dev/null.
    int stdin_fd;
    int stdout_fd;
    int stderr_fd;
    /// A cgroup's `cgroup.procs` file the child writes its own pid to before it executes
    /// anything, or NULL.
    const char *cgroup_procs;
    /// Non-zero: the child leads a new process group (its pgid is its pid).
    int new_process_group;
    /// Non-zero: the child drops every supplementary group and switches to `gid` and `uid`
    /// before executing (the parent must be privileged).
    int switch_user;
    uid_t uid;
    gid_t gid;
} appmgmt_spawn_options;

/// Starts a child process with a clean slate: every signal at its default disposition and
/// unblocked, no descriptor inherited but 0, 1 and 2, optionally its own process group, a
/// cgroup, and another user. Returns the pid, or -1 with `*error_number` set to the errno
/// and `*failed_step` naming the step that failed (a static string).
pid_t appmgmt_spawn(const appmgmt_spawn_options *options, int *error_number, const char **failed_step);

/// `pipe2(fds, O_CLOEXEC)`: a pipe no other child inherits. Returns 0, or -1 with errno.
int appmgmt_pipe_cloexec(int fds[2]);

/// Atomically swaps two paths (`renameat2(RENAME_EXCHANGE)`): both exist before and after,
/// and a crash leaves one or the other at each. Returns 0, or -1 with errno.
int appmgmt_exchange_paths(const char *first, const char *second);

#endif
