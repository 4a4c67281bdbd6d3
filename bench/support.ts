// Shared by the benches: child processes, medians, peak memory and the table rows they print.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
export const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/**
 * Starts `node <args>` in the repository and resolves once its output matches `ready`.
 * `BENCH_NODE_ARGS` go to the started processes' node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
 * (split at spaces: a path in them must not contain one).
 */
export function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (!ready.test(out)) return;
      // From here on the server's log is drained and dropped, so reading it costs the bench nothing.
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve(child);
    };
    child.stdout?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`process exited with ${code}: ${out}`)));
  });
}

/** Removes a bench's data directory, unless `BENCH_KEEP_DATA` asks to keep it for a closer look. */
export function removeDataDir(dir: string): void {
  if (['1', 'true', 'yes'].includes(process.env.BENCH_KEEP_DATA ?? '')) console.log(`data directory kept: ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export function median<T>(values: T[], by: (value: T) => number): T {
  const sorted = [...values].sort((a, b) => by(a) - by(b));
  return sorted[Math.floor(sorted.length / 2)] as T;
}

/** Peak resident set size of a process (VmHWM), in bytes. */
export function peakMemory(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmHWM for process ${pid}`);
  return Number(kb) * 1024;
}

/** Resets a process's peak RSS to its current RSS (Linux: `5` into clear_refs), so a phase can be measured on its own. */
export function resetPeakMemory(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

export const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

/** One line of the table every bench prints: a name, then the figures. */
export const line = (name: string, figures: string) => `${name.padEnd(52)} ${figures}`;

/** A JSON call to the Foyer under test, as a same-origin browser makes it; anything but 2xx throws. */
export function apiOf(origin: string) {
  return async (method: string, path: string, body?: unknown, cookie = ''): Promise<Response> => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { 'content-type': 'application/json', origin, ...(cookie ? { cookie } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  };
}

/** The session cookie a sign-in answered with, ready for a `cookie` header. */
export const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
