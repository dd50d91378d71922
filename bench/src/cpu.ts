import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of other processes, from Linux's /proc (null elsewhere or when the process is gone).
 * On a shared 2-core machine these say whether a figure was limited by the code measured or by the
 * machine: a server whose main thread was on a CPU 100 % of the time is saturated; one at 40 %
 * was waiting on something else.
 */

/**
 * Nanoseconds the process's main thread (its event loop) has run on a CPU, and has waited on a run
 * queue for one (ready to run while other work held both cores: the machine's noise, measured).
 */
export function mainThreadSched(pid: number): { run: number; wait: number } | null {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ');
    return { run: Number(run), wait: Number(wait) };
  } catch {
    return null;
  }
}

/** Nanoseconds all threads of the process have run on a CPU (event loop, libuv pool, GC, JIT). */
export function processCpuNs(pid: number): number | null {
  try {
    let total = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      try {
        total += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // The thread ended between listing and reading.
      }
    }
    return total;
  } catch {
    return null;
  }
}

export interface CpuSample {
  at: number;
  main: { run: number; wait: number } | null;
  all: number | null;
}

export function sampleCpu(pid: number): CpuSample {
  return { at: performance.now(), main: mainThreadSched(pid), all: processCpuNs(pid) };
}

export interface CpuShare {
  /** Share of the wall time the main thread was on a CPU (1 = its event loop was saturated). */
  main: number | null;
  /** Share of the wall time the main thread was ready but waiting for a CPU (taken by others). */
  waited: number | null;
  /** CPU time of all threads over wall time, in cores. */
  cores: number | null;
}

export function cpuBetween(a: CpuSample, b: CpuSample): CpuShare {
  const wallNs = (b.at - a.at) * 1e6;
  return {
    main: a.main && b.main ? (b.main.run - a.main.run) / wallNs : null,
    waited: a.main && b.main ? (b.main.wait - a.main.wait) / wallNs : null,
    cores: a.all !== null && b.all !== null ? (b.all - a.all) / wallNs : null,
  };
}

/** The whole machine's CPU time so far, from /proc/stat (in clock ticks), or null. */
export interface MachineSample {
  busy: number;
  total: number;
  cpus: number;
}

export function sampleMachine(): MachineSample | null {
  try {
    const lines = readFileSync('/proc/stat', 'utf8').split('\n');
    const [, ...fields] = lines[0]!.trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number) as number[];
    const busy = user! + nice! + system! + irq! + softirq! + steal!;
    return { busy, total: busy + idle! + iowait!, cpus: lines.filter((l) => /^cpu\d/.test(l)).length };
  } catch {
    return null;
  }
}

/** Cores busy on the whole machine between two samples (every process, ours included). */
export function machineBusyCores(a: MachineSample | null, b: MachineSample | null): number | null {
  if (!a || !b || b.total === a.total) return null;
  return ((b.busy - a.busy) / (b.total - a.total)) * b.cpus;
}
