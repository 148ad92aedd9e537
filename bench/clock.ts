/**
 * Clocks the bench shares between its two threads: an absolute high-resolution clock (comparable
 * across worker threads of one process) and the CPU time of the calling thread.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Milliseconds since the epoch with sub-millisecond resolution; comparable between threads. */
export function clock(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * CPU time of the calling thread in ms, from Linux's /proc/thread-self/schedstat (on-CPU ns), or
 * /proc/thread-self/stat (utime + stime in 10 ms ticks) when schedstat is missing; NaN elsewhere.
 */
export function threadCpuMs(): number {
  try {
    const ns = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
    if (Number.isFinite(ns)) return ns / 1e6;
  } catch {
    // fall through
  }
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command: state is index 0, utime index 11, stime index 12 (USER_HZ = 100).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU time the whole machine has spent busy (user, nice, system; not interrupts) and stolen by the
 * hypervisor, in ms, from /proc/stat; NaN elsewhere. With {@link processCpuMs} it tells how much
 * other processes ran during a measurement, which skews it on a shared machine.
 */
export function machineCpuMs(): { busyMs: number; stealMs: number } {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const [user = 0, nice = 0, system = 0, , , , , steal = 0] = fields;
    // USER_HZ is 100 on Linux: one tick is 10 ms.
    return { busyMs: (user + nice + system) * 10, stealMs: steal * 10 };
  } catch {
    return { busyMs: Number.NaN, stealMs: Number.NaN };
  }
}

/** CPU time (ms) and resident memory (MB) of another process, from /proc/<pid> (Linux); NaN elsewhere. */
export function otherProcess(pid: number | undefined): { cpuMs: number; rssMb: number } {
  if (pid === undefined) return { cpuMs: Number.NaN, rssMb: Number.NaN };
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
    return { cpuMs: (Number(fields[11]) + Number(fields[12])) * 10, rssMb: rssKb / 1024 };
  } catch {
    return { cpuMs: Number.NaN, rssMb: Number.NaN };
  }
}

/** CPU time of the whole process (every thread) in ms. */
export function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** The p-th percentile (nearest rank) of an ascending list; 0 for an empty one. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? 0;
}

/** Rounds to `d` decimals. */
export const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;
