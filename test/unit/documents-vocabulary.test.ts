import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/server/storage/upload-errors.js';
import { checkItemName, numberedName } from '../../src/shared/documents.js';

describe('upload limits in words', () => {
  it('names any limit an operator may set without rounding it to nothing', () => {
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GiB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatBytes(200_000)).toBe('195.3 KiB');
    expect(formatBytes(300 * 1024 ** 2)).toBe('300 MiB');
    expect(formatBytes(900)).toBe('900 bytes');
  });
});

describe('item names', () => {
  it('normalises to NFC and trims', () => {
    expect(checkItemName('  e\u0301te\u0301.txt ')).toEqual({ name: 'été.txt' });
  });

  it.each([['a/b.txt'], ['a\\b.txt'], ['bell\u0007.txt'], ['report\u202Efdp.exe'], ['isolate\u2066.txt'], ['..'], [''], ['é'.repeat(128)]])(
    'refuses %j',
    (raw) => {
      expect(checkItemName(raw)).toHaveProperty('problem');
    },
  );

  it('accepts 255 bytes and numbers copies before the extension', () => {
    expect(checkItemName('a'.repeat(255))).toEqual({ name: 'a'.repeat(255) });
    expect(numberedName('report.pdf', 2)).toBe('report (2).pdf');
    expect(numberedName('README', 3)).toBe('README (3)');
    expect(numberedName('.env', 2)).toBe('.env (2)');
  });
});

describe('numbered names stay within the limit', () => {
  it('shortens the base, never the extension, and never splits a character', () => {
    const long = `${'é'.repeat(125)}.pdf`; // 254 bytes
    const numbered = numberedName(long, 12);
    expect(new TextEncoder().encode(numbered).length).toBeLessThanOrEqual(255);
    expect(numbered.endsWith(' (12).pdf')).toBe(true);
    expect(checkItemName(numbered)).toEqual({ name: numbered });
  });
});
