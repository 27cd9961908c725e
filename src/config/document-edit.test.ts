import { describe, expect, it } from 'vitest';
import {
  appendItem, deleteValue, findItem, getValue, parseConfigDocument, removeItem, requireItem, serializeDocument, setValue,
} from './index.js';

const TEXT = `# top
sites:
  - name: Default Web Site   # the first
    id: 1
  - name: shop
    id: 2
locations:
  "Default Web Site":
    directoryBrowse: { enabled: false }
`;

describe('document helpers', () => {
  it('set creates intermediate maps and keeps comments', () => {
    const document = parseConfigDocument(TEXT);
    setValue(document, ['locations', 'Default Web Site/private', 'authentication', 'basic', 'enabled'], true);
    setValue(document, ['locations', 'Default Web Site', 'directoryBrowse', 'enabled'], true);
    expect(getValue(document, ['locations', 'Default Web Site/private'])).toEqual({ authentication: { basic: { enabled: true } } });
    const text = serializeDocument(document);
    expect(text).toContain('# top');
    expect(text).toContain('# the first');
    expect(text).toContain('directoryBrowse: { enabled: true }');
  });

  it('delete can prune the maps it empties', () => {
    const document = parseConfigDocument(TEXT);
    expect(deleteValue(document, ['locations', 'Default Web Site', 'directoryBrowse', 'enabled'], { prune: true })).toBe(true);
    expect(getValue(document, ['locations'])).toBeUndefined();
    expect(deleteValue(document, ['nothing', 'here'])).toBe(false);
  });

  it('finds list items by name, case-insensitively, and names the known ones when missing', () => {
    const document = parseConfigDocument(TEXT);
    expect(findItem(document, ['sites'], 'name', 'SHOP')).toEqual({ index: 1, path: ['sites', 1] });
    expect(findItem(document, ['applicationPools'], 'name', 'x')).toBeUndefined();
    expect(() => requireItem(document, ['sites'], 'name', 'blog', 'site')).toThrow(
      expect.objectContaining({ code: 'USHER_ERR_CFG_NO_ITEM', message: "no site named 'blog' (known: Default Web Site, shop)" }),
    );
  });

  it('appends to lists, creating them, and removes items', () => {
    const document = parseConfigDocument(TEXT);
    expect(appendItem(document, ['applicationPools'], { name: 'DefaultAppPool' })).toBe(0);
    expect(appendItem(document, ['sites'], { name: 'blog', id: 3 })).toBe(2);
    removeItem(document, ['sites'], 0);
    expect(getValue(document, ['sites'])).toEqual([{ name: 'shop', id: 2 }, { name: 'blog', id: 3 }]);
    expect(() => removeItem(document, ['sites'], 5)).toThrow(expect.objectContaining({ code: 'USHER_ERR_CFG_NO_ITEM' }));
  });
});
