/**
 * CPU seconds and resident memory of processes, read from /proc (Linux only): of one pid, or of
 * every process that carries a tag in its environment (a tool and all its descendants, daemons
 * that re-parented themselves to init included).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on every Linux port). */
const TICKS = 100;
/** Bytes per page of /proc/<pid>/statm (4 KiB on x86-64 and arm64 with 4K pages). */
const PAGE_BYTES = 4096;

/** CPU times of one process, in seconds: its own and that of the children it waited for. */
export interface CpuTimes {
  readonly own: number;
  readonly children: number;
  readonly ppid: number;
}

/** Parses the text of /proc/<pid>/stat (the command name may contain spaces and parentheses). */
export function parseStat(text: string): CpuTimes {
  const fields = text.slice(text.lastIndexOf(') ') + 2).split(' ');
  const n = (i: number): number => Number(fields[i] ?? 0);
  // Fields after the name, 0-based: 1 ppid, 11 utime, 12 stime, 13 cutime, 14 cstime.
  return { ppid: n(1), own: (n(11) + n(12)) / TICKS, children: (n(13) + n(14)) / TICKS };
}

/** CPU times of a live process, or undefined when it has gone. */
export function cpuTimes(pid: number): CpuTimes | undefined {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Resident set size of a live process in bytes (0 when it has gone). */
export function rssBytes(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1] ?? 0) * PAGE_BYTES;
  } catch {
    return 0;
  }
}

function hasTag(pid: number, tag: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`).includes(tag);
  } catch {
    return false;
  }
}

/**
 * Follows every process whose environment holds `tag`: call {@link sample} periodically; it keeps
 * each process's last CPU times and the peak of the summed RSS.
 */
export class TaggedProcesses {
  private readonly seen = new Map<number, boolean>();
  private readonly last = new Map<number, CpuTimes>();
  private peak = 0;

  constructor(private readonly tag: string) {}

  /** Reads /proc once: new processes are checked for the tag, tagged ones are measured. */
  sample(): void {
    let rss = 0;
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const pid = Number(name);
      if (!this.seen.has(pid)) this.seen.set(pid, hasTag(pid, this.tag));
      if (!this.seen.get(pid)) continue;
      const times = cpuTimes(pid);
      if (times) this.last.set(pid, times);
      rss += rssBytes(pid);
    }
    this.peak = Math.max(this.peak, rss);
  }

  /** Peak of the summed RSS of the tagged processes over the samples, in bytes. */
  peakRssBytes(): number {
    return this.peak;
  }

  /**
   * CPU seconds of tagged processes whose parent was not tagged (apart from `root`): daemons that
   * detached themselves, whose time no tagged parent collects. Their own waited-for children count.
   */
  orphanCpuSeconds(root: number): number {
    let total = 0;
    for (const [pid, times] of this.last) {
      if (pid === root || this.last.has(times.ppid)) continue;
      total += times.own + times.children;
    }
    return total;
  }
}
