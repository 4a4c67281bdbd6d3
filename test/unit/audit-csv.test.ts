import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../src/server/modules/audit/audit.csv.js';

describe('audit CSV cells', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+x', "'+x"],
    ['-y', "'-y"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['=A1,B1', `"'=A1,B1"`],
    [' =1+1', "' =1+1"],
    ['\u00a0=1+1', "'\u00a0=1+1"],
    ['\uff1d1+1', "'\uff1d1+1"],
  ])('neutralises a cell that could start a formula: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('quotes commas, quotes and line breaks as RFC 4180 asks, and leaves the rest alone', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain a=b')).toBe('plain a=b');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvRow(['a', null, '=b'])).toBe("a,,'=b\r\n");
  });
});
