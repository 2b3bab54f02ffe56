import { generatePassword, hashPassword, unusablePasswordHash, verifyPassword } from './passwords';

describe('passwords', () => {
  it('stores scrypt with its parameters and a random salt, never the password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse');
  });

  it('verifies the right password and refuses others', async () => {
    const stored = await hashPassword('correct horse battery');
    await expect(verifyPassword('correct horse battery', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('refuses a stored value it does not understand', async () => {
    await expect(verifyPassword('anything', 'plain-text')).resolves.toBe(false);
  });

  it('has an unusable hash that no generated password matches', async () => {
    await expect(verifyPassword(generatePassword(), await unusablePasswordHash())).resolves.toBe(
      false,
    );
  });

  it('generates 16-character passwords', () => {
    expect(generatePassword()).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
