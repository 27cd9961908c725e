import { describe, expect, it } from 'vitest';
import { parseIcaclsSave } from './icacls-save.js';

describe('parseIcaclsSave', () => {
  it('reads two lines per object, CRLF, an empty name for the folder itself', () => {
    expect(parseIcaclsSave('\r\nD:PAI(A;OICI;FA;;;SY)\r\nsub\\a.txt\r\nD:AI(A;ID;FA;;;SY)\r\n\r\n', 'f.save')).toEqual([
      { name: '', sddl: 'D:PAI(A;OICI;FA;;;SY)', line: 1 },
      { name: 'sub\\a.txt', sddl: 'D:AI(A;ID;FA;;;SY)', line: 3 },
    ]);
  });

  it('names the line where the two-line rhythm breaks', () => {
    expect(() => parseIcaclsSave('a\nD:(A;;FA;;;SY)\nb\nc\n', 'f.save')).toThrow(/^f\.save:4: expected the SDDL line \(D:…\) of 'b', found 'c'/);
    expect(() => parseIcaclsSave('a\n', 'f.save')).toThrow(/^f\.save:1: .*found the end of the file/);
    expect(() => parseIcaclsSave('', 'f.save')).toThrow(/is empty/);
  });
});
