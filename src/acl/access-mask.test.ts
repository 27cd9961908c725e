import { describe, expect, it } from 'vitest';
import {
  LIST_DIRECTORY,
  READ_FILE,
  SIMPLE_RIGHTS,
  SPECIFIC_RIGHTS,
  formatMask,
  icaclsRights,
  mapGenericBits,
  rightByName,
} from './access-mask.js';

describe('access masks', () => {
  it('has every bit of winnt.h under its icacls name', () => {
    expect(SPECIFIC_RIGHTS).toEqual({
      RD: 0x1, WD: 0x2, AD: 0x4, REA: 0x8, WEA: 0x10, X: 0x20, DC: 0x40, RA: 0x80, WA: 0x100,
      DE: 0x10000, RC: 0x20000, WDAC: 0x40000, WO: 0x80000, S: 0x100000, AS: 0x1000000, MA: 0x2000000,
      GA: 0x10000000, GE: 0x20000000, GW: 0x40000000, GR: 0x80000000,
    });
  });

  it.each([
    ['F', 0x1f01ff],
    ['M', 0x1301bf],
    ['RX', 0x1200a9],
    ['R', 0x120089],
    ['W', 0x100116],
    ['D', 0x110000],
    ['N', 0],
  ] as const)('simple right %s is %i', (name, mask) => {
    expect(SIMPLE_RIGHTS[name]).toBe(mask);
    expect(rightByName(name.toLowerCase())).toBe(mask);
  });

  it('composes the sets from specific rights the way Explorer does', () => {
    const { RD, WD, AD, REA, WEA, X, RA, WA, DE, RC, S } = SPECIFIC_RIGHTS;
    expect(RD | REA | RA | RC | S).toBe(SIMPLE_RIGHTS.R);
    expect(SIMPLE_RIGHTS.R | X).toBe(SIMPLE_RIGHTS.RX);
    expect(WD | AD | WEA | WA | S).toBe(SIMPLE_RIGHTS.W);
    expect(SIMPLE_RIGHTS.RX | SIMPLE_RIGHTS.W | DE).toBe(SIMPLE_RIGHTS.M);
    expect(DE | S).toBe(SIMPLE_RIGHTS.D);
  });

  it('names what requests need', () => {
    expect(READ_FILE).toBe(0x120089);
    expect(LIST_DIRECTORY).toBe(0x100001);
  });

  it.each([
    [0x80000000, 0x120089],
    [0x40000000, 0x120116],
    [0x20000000, 0x1200a0],
    [0x10000000, 0x1f01ff],
    [0xa0000000, 0x1200a9],
    [0xa0000000 | 0x40000, 0x1600a9],
    [0x21, 0x21],
  ])('maps generic bits of %i to %i', (mask, mapped) => {
    expect(mapGenericBits(mask)).toBe(mapped);
  });

  it.each([
    [0, '0x00000000'],
    [0x120089, '0x00120089'],
    [0x80000000, '0x80000000'],
    [0xffffffff, '0xffffffff'],
    [-1, '0xffffffff'],
  ])('formats %i as %s', (mask, text) => {
    expect(formatMask(mask)).toBe(text);
  });

  it.each([
    [0x1f01ff, 'F'],
    [0x1301bf, 'M'],
    [0x1200a9, 'RX'],
    [0x120089, 'R'],
    [0x100116, 'W'],
    [0x110000, 'D'],
    [0, 'N'],
    [0x1201bf, 'RX,W'],
    [0xa0000000, 'GR,GE'],
    [0x21, 'RD,X'],
    [0x4, 'AD'],
    [0x10000, 'DE'],
    [0xd0042, 'DE,WDAC,WO,WD,DC'],
    [0x200a9, 'RC,RD,REA,X,RA'],
    [0x130156, 'W,D,RC,DC'],
    [0x1301ff, 'M,DC'],
    [0x100020, 'S,X'],
    [0x12019f, 'R,W'],
    [0x1f01ff | 0x10000000, 'F,GA'],
    [0x200, '0x200'],
    [0x1200a9 | 0x600, 'RX,0x600'],
  ])('icacls shows %i as (%s)', (mask, text) => {
    expect(icaclsRights(mask)).toBe(text);
  });
});
