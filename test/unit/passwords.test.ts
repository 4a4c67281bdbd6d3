import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../src/server/lib/passwords.js';

const ctx = { minLength: 12, email: 'jane.doe@company.example', name: 'Jane Doe' };

describe('password rules (NIST 800-63B)', () => {
  it('accepts a long passphrase without composition rules', () => {
    expect(passwordProblem('correct horse battery staple', ctx)).toBeNull();
  });

  it('counts characters, not bytes, against the configurable minimum', () => {
    expect(passwordProblem('ééééééééééé', ctx)).toMatch(/at least 12/);
    expect(passwordProblem('short one', { ...ctx, minLength: 8 })).toBeNull();
  });

  it('refuses common passwords regardless of case', () => {
    expect(passwordProblem('Password1234', ctx)).toMatch(/too common/);
  });

  it('refuses the e-mail, its local part, the name and "foyer"', () => {
    expect(passwordProblem('xx jane.doe@company.example', ctx)).toMatch(/foyer/);
    expect(passwordProblem('jane.doe-rocks-2026', ctx)).toMatch(/e-mail/);
    expect(passwordProblem('i am jane doe!!', ctx)).toMatch(/name/);
    expect(passwordProblem('my own FOYER password', ctx)).toMatch(/foyer/);
  });

  it('allows long passwords and never truncates them', () => {
    const long = `${'a-very-long-and-unusual-phrase '.repeat(30)}`;
    expect(passwordProblem(long, ctx)).toBeNull();
  });
});
