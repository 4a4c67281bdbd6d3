import { describe, expect, it } from 'vitest';
import { formatBytes, nameKey } from './labels';

describe('formatBytes', () => {
  it('counts small sizes in bytes', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toMatch(/^1[,.]?023 bytes$/);
  });

  it('steps by 1024 and keeps one decimal below 100', () => {
    expect(formatBytes(1536)).toMatch(/^1[.,]5 KB$/);
    expect(formatBytes(5 * 1024 ** 2)).toBe('5 MB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GB');
    expect(formatBytes(300 * 1024 ** 2)).toBe('300 MB');
  });
});

describe('nameKey', () => {
  it('matches names the way the server keeps them unique: case and Unicode form do not count', () => {
    expect(nameKey('Report.PDF')).toBe(nameKey('report.pdf'));
    // "é" precomposed and as "e" plus a combining accent.
    expect(nameKey('r\u00e9sum\u00e9.pdf')).toBe(nameKey('re\u0301sume\u0301.pdf'));
    expect(nameKey(' notes.txt ')).toBe(nameKey('notes.txt'));
    expect(nameKey('report.pdf')).not.toBe(nameKey('report (2).pdf'));
  });
});
