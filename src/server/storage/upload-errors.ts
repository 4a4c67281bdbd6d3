import { HttpProblem } from '../http/problems.js';

/** "2 GiB", "1.5 GiB", "300 MiB", "200 KiB", "900 bytes": readable for any limit an operator sets. */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

export class UploadTooLarge extends HttpProblem {
  constructor(maxBytes: number) {
    super(413, 'Content Too Large', `A file may be at most ${formatBytes(maxBytes)}.`, [
      { path: '/file', message: `is larger than ${formatBytes(maxBytes)}` },
    ]);
  }
}

export const quotaExceeded = (scope: 'workspace' | 'installation') =>
  new HttpProblem(
    507,
    'Insufficient Storage',
    scope === 'workspace'
      ? 'This workspace has used its storage quota. Empty its trash or remove old documents, or ask an administrator for more space.'
      : 'The storage quota of this installation is used up. Ask an administrator for more space.',
    [{ path: '/file', message: `does not fit in the ${scope} quota` }],
  );

export const virusFound = (signature: string) =>
  new HttpProblem(422, 'Unprocessable Content', `The virus scanner refused this file (${signature}). It was not stored.`, [
    { path: '/file', message: 'contains malware' },
  ]);

export const scannerUnavailable = () =>
  new HttpProblem(
    503,
    'Service Unavailable',
    'Uploads are paused because the virus scanner cannot be reached. Try again later.',
    undefined,
    {
      'retry-after': '60',
    },
  );
