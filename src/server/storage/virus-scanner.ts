import net from 'node:net';
import { HttpProblem } from '../http/problems.js';
import type { ChunkObserver } from './blob-store.js';
import { scannerUnavailable, virusFound } from './upload-errors.js';

/** Scans one upload while it streams in; `end` throws when the bytes must not be stored. */
export interface VirusScanner {
  session(): Promise<ChunkObserver>;
}

const tooLargeToScan = () =>
  new HttpProblem(422, 'Unprocessable Content', 'This file is larger than the virus scanner accepts, so it was not stored.', [
    { path: '/file', message: 'is too large to be scanned' },
  ]);

/**
 * ClamAV's daemon over TCP (`tcp://host:3310`), INSTREAM command: the bytes go to clamd chunk by
 * chunk as they arrive, and the verdict comes when the stream ends. Anything but a clean verdict
 * refuses the upload: a daemon that cannot be reached, stops answering or errs fails closed.
 */
export function clamdScanner(url: string, timeoutMs = 60_000): VirusScanner {
  const target = new URL(url);
  const port = Number(target.port || 3310);
  const host = target.hostname;
  return {
    session: () =>
      new Promise<ChunkObserver>((resolve, reject) => {
        const socket = net.connect({ host, port });
        let reply = '';
        let failure: Error | null = null;
        let closed = false;
        let onClose: (() => void) | null = null;
        let waitingForDrain: { ok: () => void; fail: () => void } | null = null;
        socket.setTimeout(timeoutMs, () => socket.destroy(new Error('virus scanner timed out')));
        socket.on('data', (data: Buffer) => {
          reply += data.toString('utf8');
        });
        socket.on('error', (error) => {
          failure ??= error;
        });
        socket.on('drain', () => {
          const waiting = waitingForDrain;
          waitingForDrain = null;
          waiting?.ok();
        });
        socket.on('close', () => {
          closed = true;
          waitingForDrain?.fail();
          waitingForDrain = null;
          onClose?.();
        });
        socket.once('error', () => reject(scannerUnavailable()));
        socket.once('connect', () => {
          socket.write('zINSTREAM\0');
          const send = (bytes: Buffer) =>
            new Promise<void>((ok, fail) => {
              if (closed || failure) return fail(verdictOrOutage());
              const header = Buffer.alloc(4);
              header.writeUInt32BE(bytes.length);
              socket.write(header);
              if (socket.write(bytes)) return ok();
              waitingForDrain = { ok, fail: () => fail(verdictOrOutage()) };
            });
          // A reply before the end means clamd gave up on the stream (e.g. its size limit).
          const verdictOrOutage = (): Error => {
            if (/size limit exceeded/i.test(reply)) return tooLargeToScan();
            return scannerUnavailable();
          };
          resolve({
            async chunk(bytes) {
              // clamd reads chunks up to its own buffer size; split big ones to stay well below it.
              for (let offset = 0; offset < bytes.length; offset += 1 << 20) await send(bytes.subarray(offset, offset + (1 << 20)));
            },
            end: () =>
              new Promise<void>((ok, fail) => {
                const decide = () => {
                  const verdict = reply.replace(/\0/g, '').trim();
                  const found = /^stream: (.+) FOUND$/.exec(verdict);
                  if (found) return fail(virusFound(found[1] ?? 'malware'));
                  if (verdict === 'stream: OK') return ok();
                  fail(verdictOrOutage());
                };
                if (closed) return decide();
                onClose = decide;
                socket.end(Buffer.alloc(4));
              }),
            abort: () => socket.destroy(),
          });
        });
      }),
  };
}
