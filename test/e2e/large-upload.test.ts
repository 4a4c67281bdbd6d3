import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLikeNpmStart, type ServerProcess, startServerProcess } from '../support/server-process.js';

// A multi-GB file goes through the built server as a stream: generated on the fly here (never held
// in memory), hashed while it is generated, and the server's peak resident memory must stay far
// below the file's size. A range near the 1 GB mark then comes back byte for byte.

const ADMIN = { email: 'bulk@company.example', password: 'a long admin passphrase for big files' };
const BLOCK = 1 << 20;
const SIZE = 2.5 * 1024 ** 3 + 12_345; // a bit more than 2.5 GiB, and not a whole number of blocks
const PEAK_LIMIT_BYTES = 400 * 1024 ** 2;

/** 1 MiB of pseudo-random bytes (SHA-256 in counter mode), the same on every run. */
const base = (() => {
  const out = Buffer.alloc(BLOCK);
  for (let i = 0; i < BLOCK / 32; i++)
    createHash('sha256')
      .update(`foyer large upload ${i}`)
      .digest()
      .copy(out, i * 32);
  return out;
})();

/** Block `i` of the file: the base block with its number in the first 8 bytes, so no two blocks are equal. */
function block(i: number): Buffer {
  const out = Buffer.allocUnsafe(BLOCK);
  base.copy(out);
  out.writeBigUInt64BE(BigInt(i), 0);
  return out;
}

/** The file's bytes from `start`, `length` of them, recomputed from the generator. */
function bytesAt(start: number, length: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = Math.floor(start / BLOCK); i * BLOCK < start + length; i++) parts.push(block(i));
  const first = Math.floor(start / BLOCK) * BLOCK;
  return Buffer.concat(parts).subarray(start - first, start - first + length);
}

function* generate(size: number): Generator<Buffer> {
  for (let i = 0; i * BLOCK < size; i++) {
    const chunk = block(i);
    yield (i + 1) * BLOCK > size ? chunk.subarray(0, size - i * BLOCK) : chunk;
  }
}

/** Peak resident set size of a process, in bytes (VmHWM, Linux). */
function peakMemory(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmHWM for process ${pid}`);
  return Number(kb) * 1024;
}

/**
 * POSTs one generated file as multipart/form-data through node:http, writing only as fast as the
 * server reads (backpressure), and hashing what is sent.
 */
async function uploadGenerated(
  url: string,
  cookie: string,
  origin: string,
  filename: string,
  size: number,
): Promise<{ status: number; body: string; sha256: string }> {
  const boundary = `----foyerLarge${Date.now().toString(16)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const hash = createHash('sha256');
  const req = request(url, {
    method: 'POST',
    headers: {
      cookie,
      origin,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + size + tail.length),
    },
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (d: string) => (body += d));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.once('error', reject);
    });
  });
  let early: { status: number; body: string } | undefined;
  answered.then(
    (a) => (early = a),
    () => {},
  );
  const send = async () => {
    req.write(head);
    for (const chunk of generate(size)) {
      if (early) return; // the server answered before the end: stop sending
      hash.update(chunk);
      if (!req.write(chunk)) await Promise.race([once(req, 'drain'), answered]);
    }
    req.end(tail);
  };
  await Promise.all([send(), answered]);
  return { ...(await answered), sha256: hash.digest('hex') };
}

let server: ServerProcess;
let cookie = '';

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: server.url, ...(cookie ? { cookie } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

beforeAll(async () => {
  buildLikeNpmStart();
  server = await startServerProcess({
    FOYER_MAX_UPLOAD_BYTES: String(4 * 1024 ** 3),
    FOYER_ADMIN_EMAIL: ADMIN.email,
    FOYER_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
  });
  const login = await api('POST', '/api/v1/auth/login', ADMIN);
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
});

afterAll(async () => {
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('a multi-GB upload through the built server', () => {
  it('streams 2.5 GiB in with bounded memory and serves a range from the 1 GB mark', { timeout: 180_000 }, async () => {
    const workspace = (await (await api('POST', '/api/v1/workspaces', { name: 'Big files' })).json()) as { id: string };
    const folder = (await (
      await api('POST', `/api/v1/workspaces/${workspace.id}/folders`, { name: 'Raw data', visibility: 'internal' })
    ).json()) as {
      id: string;
    };
    const pid = server.child.pid as number;
    const before = peakMemory(pid);

    const started = performance.now();
    const sent = await uploadGenerated(`${server.url}/api/v1/folders/${folder.id}/documents`, cookie, server.url, 'measurements.bin', SIZE);
    const seconds = (performance.now() - started) / 1000;
    expect(sent.status, sent.body).toBe(201);
    const document = JSON.parse(sent.body) as { id: string; size: number; sha256: string; contentType: string };
    expect(document.size).toBe(SIZE);
    expect(document.sha256).toBe(sent.sha256);

    const peak = peakMemory(pid);
    console.log(
      `[large upload] ${(SIZE / 1024 ** 3).toFixed(2)} GiB in ${seconds.toFixed(1)} s (${(SIZE / 1024 ** 2 / seconds).toFixed(0)} MiB/s); ` +
        `server peak RSS (VmHWM) ${(before / 1024 ** 2).toFixed(0)} MiB before, ${(peak / 1024 ** 2).toFixed(0)} MiB after`,
    );
    expect(peak).toBeLessThan(PEAK_LIMIT_BYTES);

    const start = 1_000_000_000;
    const ranged = await fetch(`${server.url}/api/v1/documents/${document.id}/content`, {
      headers: { cookie, range: `bytes=${start}-${start + 99}` },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes ${start}-${start + 99}/${SIZE}`);
    const bytes = Buffer.from(await ranged.arrayBuffer());
    expect(bytes.length).toBe(100);
    expect(bytes.equals(bytesAt(start, 100))).toBe(true);

    // The last bytes too: the final, partial block must have landed whole.
    const last = await fetch(`${server.url}/api/v1/documents/${document.id}/content`, { headers: { cookie, range: 'bytes=-100' } });
    expect(last.status).toBe(206);
    expect(Buffer.from(await last.arrayBuffer()).equals(bytesAt(SIZE - 100, 100))).toBe(true);
  });
});
