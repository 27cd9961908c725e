import { describe, expect, it } from 'vitest';
import { hashPassword, isPasswordHash, parsePasswordHash, verifyPassword } from './password.js';

describe('scrypt password hashes', () => {
  it('hashes to a PHC string that verifies the right password only', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(hash).not.toContain('correct horse');
    await expect(verifyPassword('correct horse battery staple', hash)).resolves.toBe(true);
    await expect(verifyPassword('Correct horse battery staple', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('verifies hashes made with other parameters within bounds', async () => {
    // Made with ln=10 (a cheaper, older parameter set) for the password "pw".
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('pw', salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = `$scrypt$ln=10,r=8,p=1$${salt.toString('base64').replace(/=+$/, '')}$${key.toString('base64').replace(/=+$/, '')}`;
    await expect(verifyPassword('pw', stored)).resolves.toBe(true);
  });

  it('refuses an empty password', async () => {
    await expect(hashPassword('')).rejects.toMatchObject({ code: 'USHER_ERR_ID_PASSWORD' });
  });

  it.each([
    'plain text',
    '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA',
    '$scrypt$ln=30,r=8,p=1$MDEyMzQ1Njc4OWFiY2RlZg$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY',
    '$scrypt$ln=15,r=8$MDEyMzQ1Njc4OWFiY2RlZg$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY',
    '$scrypt$ln=15,r=8,p=1$$',
  ])('refuses the malformed or hostile hash %j', async (stored) => {
    expect(isPasswordHash(stored)).toBe(false);
    expect(() => parsePasswordHash(stored)).toThrow(expect.objectContaining({ code: 'USHER_ERR_ID_HASH' }));
    await expect(verifyPassword('x', stored)).rejects.toMatchObject({ code: 'USHER_ERR_ID_HASH' });
  });
});
