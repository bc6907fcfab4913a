import { generateKeyPair } from '@fleetpush/ssh';
import { utils } from 'ssh2';
import { signingHostKey } from './signing-host-key';

const exchangeHash = Buffer.from('an exchange hash the server signs during key exchange');

describe('signingHostKey', () => {
  it('signs an ed25519 exchange hash exactly as ssh2 does, and the public key verifies it', () => {
    const pair = generateKeyPair('ed25519');
    const ssh2Key = utils.parseKey(pair.private);
    if (ssh2Key instanceof Error) throw ssh2Key;
    const key = signingHostKey(pair.private);
    const signature = key.sign(exchangeHash);
    expect(signature).toBeInstanceOf(Buffer);
    // ed25519 signatures are deterministic: the parsed signer must give ssh2's bytes
    expect(signature.equals(ssh2Key.sign(exchangeHash))).toBe(true);
    expect(key.verify(exchangeHash, signature)).toBe(true);
    expect(key.verify(Buffer.from('another hash'), signature)).toBe(false);
    expect(key.type).toBe('ssh-ed25519');
    expect(key.getPublicSSH().equals(ssh2Key.getPublicSSH())).toBe(true);
  });

  it('hands an RSA key over as ssh2 parsed it', () => {
    const pair = generateKeyPair('rsa', { bits: 2048 });
    const key = signingHostKey(pair.private);
    expect(key.type).toBe('ssh-rsa');
    expect(key.verify(exchangeHash, key.sign(exchangeHash, 'sha256'), 'sha256')).toBe(true);
  });

  it('refuses text that is not a private key, saying so', () => {
    expect(() => signingHostKey('not a key')).toThrow(/host key does not parse/);
  });
});
