import { describe, expect, it } from 'vitest';
import { PathCache } from './path-cache.js';

describe('PathCache', () => {
  it('drops the answers that depend on a path or on anything below it', () => {
    const cache = new PathCache<string>(10);
    cache.set('/www/link/a', 'through a link', ['/www/link', '/www/real/a'], Infinity);
    cache.set('/www/real/b', 'plain', ['/www/real/b'], Infinity);
    cache.set('/www/other', 'elsewhere', ['/www/other'], Infinity);
    expect(cache.invalidate('/www/real/a')).toBe(1);
    expect(cache.get('/www/link/a', 0)).toBeUndefined();
    expect(cache.invalidate('/www/real')).toBe(1);
    expect(cache.get('/www/other', 0)).toBe('elsewhere');
    expect(cache.invalidate('/')).toBe(1);
    expect(cache.size).toBe(0);
  });

  it('forgets the oldest past its capacity, with its dependencies, and expired answers', () => {
    const cache = new PathCache<number>(2);
    cache.set('/a', 1, ['/a'], Infinity);
    cache.set('/b', 2, ['/b'], Infinity);
    cache.set('/c', 3, ['/c'], 100);
    expect(cache.get('/a', 0)).toBeUndefined();
    expect(cache.invalidate('/a')).toBe(0);
    expect(cache.get('/c', 99)).toBe(3);
    expect(cache.get('/c', 100)).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});
