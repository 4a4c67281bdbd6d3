import { describe, expect, it } from 'vitest';
import { copyText } from './clipboard';

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
