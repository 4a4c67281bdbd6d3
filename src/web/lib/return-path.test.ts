import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeReturnPath('/admin/people')).toBe('/admin/people');
    expect(safeReturnPath('/admin/people?q=ada')).toBe('/admin/people?q=ada');
  });

  it('refuses anything that could leave the site', () => {
    expect(safeReturnPath('https://evil.example/')).toBe('/');
    expect(safeReturnPath('//evil.example/')).toBe('/');
    expect(safeReturnPath('/\\evil.example/')).toBe('/');
    expect(safeReturnPath('javascript:alert(1)')).toBe('/');
  });

  it('refuses public pages so sign-in does not loop', () => {
    expect(safeReturnPath('/sign-in')).toBe('/');
    expect(safeReturnPath('/sign-in?x=1')).toBe('/');
    expect(safeReturnPath('/setup')).toBe('/');
    expect(safeReturnPath('/reset-password')).toBe('/');
    expect(safeReturnPath('/sign-in-help')).toBe('/sign-in-help');
  });

  it('falls back when nothing usable was remembered', () => {
    expect(safeReturnPath(undefined)).toBe('/');
    expect(safeReturnPath(42, '/profile')).toBe('/profile');
  });
});
