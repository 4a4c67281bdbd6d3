import { describe, expect, it } from 'vitest';
import { copyText, webcalUrl } from './calendar-links';

const token = 'AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';

describe('webcalUrl', () => {
  it('turns an https address into webcal, keeping host, port, path and token', () => {
    expect(webcalUrl(`https://foyer.example.com/api/v1/calendar/${token}.ics`)).toBe(
      `webcal://foyer.example.com/api/v1/calendar/${token}.ics`,
    );
  });

  it('turns an http address (a server on a private network) into webcal too', () => {
    expect(webcalUrl(`http://127.0.0.1:8080/foyer/api/v1/calendar/${token}.ics`)).toBe(
      `webcal://127.0.0.1:8080/foyer/api/v1/calendar/${token}.ics`,
    );
  });

  it('ignores the case of the scheme and surrounding spaces', () => {
    expect(webcalUrl(' HTTPS://foyer.example.com/x.ics ')).toBe('webcal://foyer.example.com/x.ics');
  });

  it('has no webcal form for other schemes or for text that is not an address', () => {
    for (const value of [
      '',
      'ftp://foyer.example.com/x.ics',
      'webcal://foyer.example.com/x.ics',
      'https://',
      'javascript:alert(1)',
      'foyer.example.com',
    ]) {
      expect(webcalUrl(value)).toBeNull();
    }
  });
});

describe('copyText', () => {
  it('says copied when the clipboard takes the text, and hands it the whole text', async () => {
    const written: string[] = [];
    const result = await copyText('https://foyer.example.com/a.ics', {
      writeText: async (text) => {
        written.push(text);
      },
    });
    expect(result).toBe('copied');
    expect(written).toEqual(['https://foyer.example.com/a.ics']);
  });

  it('asks for a manual copy without a clipboard API or when the browser refuses', async () => {
    expect(await copyText('x', undefined)).toBe('manual');
    expect(
      await copyText('x', {
        writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
      }),
    ).toBe('manual');
  });
});
