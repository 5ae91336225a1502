/**
 * CPU time a process has used so far (user + system, Linux /proc/<pid>/stat), in ms. On a
 * machine shared with other work, wall-clock rates swing with the neighbours' load; CPU time
 * spent per request by one process swings far less, so the proxy benchmark reports both.
 */
import { readFile } from 'node:fs/promises';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command: state (3), ppid (4), … utime (14), stime (15).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
