import { describe, expect, it } from 'vitest';
import { isForbiddenAddress, normalizeHost, parseTarget, resolveTarget, TargetRefused } from './webhook-address.js';

describe('addresses a webhook may not reach on its own', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '0.1.2.3',
    '224.0.0.1',
    '255.255.255.255',
    '192.0.2.10',
    '198.51.100.1',
    '203.0.113.5',
    '::',
    '::1',
    '[::1]',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:0:7f00:1',
    '::ffff:8.8.8.8',
    '64:ff9b::a00:1',
    '2002:a00:1::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    '2001:db8::1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '2a00:1450:4001::200e',
    '64:ff9b::808:808',
    '2002:808:808::',
  ])('lets %s through', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });
});

describe('webhook URLs', () => {
  it('keeps the host as URL writes it (lower-case, numbers normalised, IPv6 in brackets)', () => {
    expect(parseTarget('https://Hooks.Example.com/in').host).toBe('hooks.example.com');
    expect(parseTarget('http://0x7f.1/').host).toBe('127.0.0.1');
    expect(parseTarget('http://2130706433/').host).toBe('127.0.0.1');
    expect(parseTarget('http://[::ffff:127.0.0.1]/').lookupName).toBe('::ffff:7f00:1');
  });

  it.each([
    ['ftp://example.com/', 'https://'],
    ['file:///etc/passwd', 'https://'],
    ['http://user:secret@example.com/', 'user name or password'],
    ['https://example.com/#part', 'fragment'],
    ['example.com', 'not a URL'],
  ])('refuses %s', (url, message) => {
    expect(() => parseTarget(url)).toThrow(message);
  });

  it('normalises allowed hosts and refuses anything with a port, path or scheme', () => {
    expect(normalizeHost(' LocalHost ')).toBe('localhost');
    expect(normalizeHost('::1')).toBe('[::1]');
    expect(normalizeHost('[::1]')).toBe('[::1]');
    expect(normalizeHost('10.0.0.1')).toBe('10.0.0.1');
    for (const bad of ['', 'http://x', 'x:8080', 'x/y', 'a b', 'user@x']) expect(normalizeHost(bad)).toBeNull();
  });
});

describe('resolving a target', () => {
  const target = parseTarget('https://hooks.example.com/in');

  it('refuses a name when any of its addresses is private, even beside a public one', async () => {
    const lookup = async () => [
      { address: '93.184.215.14', family: 4 as const },
      { address: '10.0.0.7', family: 4 as const },
    ];
    await expect(resolveTarget(target, false, lookup)).rejects.toBeInstanceOf(TargetRefused);
    expect(await resolveTarget(target, true, lookup)).toHaveLength(2);
  });

  it('passes a name with public addresses only, and refuses one that does not resolve', async () => {
    expect(await resolveTarget(target, false, async () => [{ address: '2606:4700::1111', family: 6 }])).toEqual([
      { address: '2606:4700::1111', family: 6 },
    ]);
    await expect(
      resolveTarget(target, false, async () => {
        throw new Error('ENOTFOUND');
      }),
    ).rejects.toThrow('cannot be resolved');
  });

  it('checks IP literals without asking DNS', async () => {
    const never = async () => {
      throw new Error('DNS asked');
    };
    await expect(resolveTarget(parseTarget('http://[::1]:8080/'), false, never)).rejects.toThrow('private, loopback');
    expect(await resolveTarget(parseTarget('http://[::1]:8080/'), true, never)).toEqual([{ address: '::1', family: 6 }]);
  });
});
