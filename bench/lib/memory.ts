/**
 * Resident memory of another process from /proc: the server's own cost, not the bench's.
 * Peak growth = the peak resident size during an operation minus the resident size before
 * it, with the kernel's peak counter reset first (clear_refs 5).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} for pid ${pid}`);
  return Number(match[1]) * 1024;
}

export function residentBytes(pid: number): number {
  return statusField(pid, 'VmRSS');
}

/** Run `operation` and report how far the process's resident memory rose above its start. */
export async function peakGrowth(pid: number, operation: () => Promise<unknown>): Promise<number> {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not permitted (not root, old kernel): the peak then covers the process's whole life,
    // which can only overstate growth.
  }
  const before = residentBytes(pid);
  await operation();
  return Math.max(0, statusField(pid, 'VmHWM') - before);
}

export const MiB = 1024 * 1024;

/**
 * Run a command and report its peak resident size (VmHWM polled from /proc while it runs):
 * the memory a command-line baseline needs for the same job.
 */
export function commandPeakRss(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let peak = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const poll = setInterval(() => {
      try {
        if (child.pid !== undefined) peak = Math.max(peak, statusField(child.pid, 'VmHWM'));
      } catch {
        // exited between polls
      }
    }, 5);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      if (code === 0) resolve(peak);
      else reject(new Error(`${command} exited ${code}: ${stderr}`));
    });
  });
}
