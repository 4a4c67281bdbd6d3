import { describe, expect, it } from 'vitest';
import { webcalUrl } from './calendar-links';

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
