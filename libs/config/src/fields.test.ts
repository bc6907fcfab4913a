import { z } from 'zod';
import {
  booleanField,
  durationMsField,
  enumField,
  logLevelField,
  originListField,
  pathField,
  portField,
  positiveIntField,
  positiveNumberField,
  prefixField,
  secretField,
  secretKeyField,
  urlField,
  type EnvField,
} from './fields';
import { Secret } from './secret';

/** The value, or the single issue message. */
function parse<T>(field: EnvField<T>, text: string): T | string {
  const result = field.safeParse(text);
  if (result.success) return result.data;
  expect(result.error.issues).toHaveLength(1);
  return result.error.issues[0]!.message;
}

describe('portField', () => {
  it('accepts 1-65535, trimmed', () => {
    expect(parse(portField(), ' 8080 ')).toBe(8080);
    expect(parse(portField(), '65535')).toBe(65535);
  });

  it.each(['abc', '0', '65536', '-1', '80.5', '1e3', '0x50', ''])('refuses %j', (text) => {
    expect(parse(portField(), text)).toBe(
      `expected an integer 1-65535, got '${text}'. Set it to a free TCP port, e.g. 8080.`,
    );
  });

  it('accepts 0 only when asked to', () => {
    expect(parse(portField({ allowAnyPort: true }), '0')).toBe(0);
  });
});

describe('positiveIntField and positiveNumberField', () => {
  const int = positiveIntField({ max: 5000, meaning: 'device tasks in flight', example: 100 });
  const num = positiveNumberField({ max: 1000, meaning: 'logins per second', example: 50 });

  it('parse in range', () => {
    expect(parse(int, '100')).toBe(100);
    expect(parse(num, '0.5')).toBe(0.5);
    expect(parse(num, '1000')).toBe(1000);
  });

  it('explain what is wrong and what to set', () => {
    expect(parse(int, '0')).toBe(
      "expected an integer 1-5000, got '0'. Set it to the number of device tasks in flight, e.g. 100.",
    );
    expect(parse(int, '5001')).toMatch(/^expected an integer 1-5000, got '5001'/);
    expect(parse(num, '0')).toBe(
      "expected a number greater than 0 and at most 1000, got '0'. Set it to the logins per second, e.g. 50.",
    );
    expect(parse(num, 'fast')).toMatch(/got 'fast'/);
  });
});

describe('durationMsField', () => {
  const field = durationMsField({ example: 10000 });

  it('takes whole milliseconds up to the timer limit', () => {
    expect(parse(field, '10000')).toBe(10000);
    expect(parse(field, String(2 ** 31 - 1))).toBe(2 ** 31 - 1);
  });

  it('refuses units, zero and values a timer would misfire on', () => {
    const message = (t: string) =>
      `expected a whole number of milliseconds 1-2147483647, got '${t}'. Set it in milliseconds without a unit, e.g. 10000 for 10 s.`;
    for (const t of ['10s', '0', String(2 ** 31)]) expect(parse(field, t)).toBe(message(t));
  });
});

describe('booleanField', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads %j as %s', (text, value) => {
    expect(parse(booleanField(), text)).toBe(value);
  });

  it('refuses yes/no rather than guessing', () => {
    expect(parse(booleanField(), 'yes')).toBe(
      "expected true, false, 1 or 0, got 'yes'. Set it to true or false.",
    );
  });
});

describe('enumField and logLevelField', () => {
  it('accept any case and return the canonical word', () => {
    expect(parse(enumField(['strict', 'tofu']), 'TOFU')).toBe('tofu');
    expect(parse(logLevelField(), 'debug')).toBe('debug');
  });

  it('list the allowed words', () => {
    expect(parse(enumField(['strict', 'tofu']), 'loose')).toBe(
      "expected one of strict|tofu, got 'loose'. Set it to one of: strict, tofu.",
    );
    expect(parse(logLevelField(), 'verbose')).toBe(
      "expected one of trace|debug|info|warn|error|fatal|silent, got 'verbose'. Set it to one of trace, debug, info, warn, error, fatal, silent; info is usual.",
    );
  });
});

describe('urlField', () => {
  const redis = urlField({ protocols: ['redis:', 'rediss:'], example: 'redis://127.0.0.1:6379' });

  it('accepts the listed schemes', () => {
    expect(parse(redis, 'rediss://:pw@cache.example.com:6380/0')).toBe(
      'rediss://:pw@cache.example.com:6380/0',
    );
  });

  it('refuses other schemes and garbage, without echoing a password', () => {
    expect(parse(redis, 'http://user:hunter2@cache:6379')).toBe(
      "expected a redis:// or rediss:// URL, got 'http://***@cache:6379'. Set it to a full URL, e.g. redis://127.0.0.1:6379.",
    );
    const garbage = parse(redis, 'redis://:pa ss wd@');
    expect(garbage).not.toContain('pa ss');
    expect(parse(redis, 'localhost:6379')).toMatch(/got 'localhost:6379'/);
  });
});

describe('secretField and secretKeyField', () => {
  it('wrap secrets so they do not print', () => {
    const token = parse(secretField({ minLength: 8, hint: 'h' }), 'abcdefgh12');
    expect(token).toBeInstanceOf(Secret);
    expect((token as Secret<string>).reveal()).toBe('abcdefgh12');
  });

  it('show only the length of a bad secret', () => {
    const field = secretField({ minLength: 32, hint: 'Generate one with `openssl rand -hex 32`.' });
    const message = parse(field, 'short-secret-value');
    expect(message).toBe(
      'expected at least 32 printable ASCII characters without spaces, got a value of 18 characters (hidden). Generate one with `openssl rand -hex 32`.',
    );
    expect(parse(field, `${'x'.repeat(32)} y`)).not.toContain('xxx');
  });

  it('decode a 32-byte key from hex or base64 (standard or URL-safe, padded or not)', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 250);
    const forms = [
      Buffer.from(bytes).toString('hex'),
      Buffer.from(bytes).toString('hex').toUpperCase(),
      Buffer.from(bytes).toString('base64'),
      Buffer.from(bytes).toString('base64url'),
    ];
    for (const form of forms) {
      const key = parse(secretKeyField(), form) as Secret<Uint8Array>;
      expect(Buffer.from(key.reveal()).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('refuse keys of the wrong size or alphabet, without echoing them', () => {
    const wrong = [
      'ab'.repeat(31),
      Buffer.alloc(31, 1).toString('base64'),
      Buffer.alloc(33, 1).toString('base64'),
      `${'A'.repeat(42)}!=`,
    ];
    for (const text of wrong) {
      const message = parse(secretKeyField(), text) as string;
      expect(message).toBe(
        `expected 32 bytes as 64 hex digits or 44 base64 characters, got a value of ${text.length} characters (hidden). Generate one with \`openssl rand -hex 32\` and keep it outside Redis and the repository.`,
      );
    }
  });
});

describe('prefixField, pathField and originListField', () => {
  it('refuse a prefix with Redis hash-tag braces or spaces', () => {
    expect(parse(prefixField(), 'fleetpush-staging')).toBe('fleetpush-staging');
    expect(parse(prefixField(), '{fp}')).toBe(
      "expected 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit, got '{fp}'. Set it to a short name such as fleetpush or fleetpush-staging.",
    );
  });

  it('keeps paths as given', () => {
    expect(parse(pathField({ example: '/var/lib/fleetpush' }), './data dir')).toBe('./data dir');
  });

  it('normalises origins and refuses paths, wildcards and other schemes', () => {
    const field = originListField();
    expect(parse(field, 'https://ops.example.com, http://127.0.0.1:5173/')).toEqual([
      'https://ops.example.com',
      'http://127.0.0.1:5173',
    ]);
    expect(parse(field, '')).toEqual([]);
    for (const bad of ['*', 'https://ops.example.com/app', 'ftp://x', 'ops.example.com']) {
      expect(parse(field, bad)).toMatch(/^expected comma-separated origins/);
    }
  });
});

it('fields compose into ordinary zod objects', () => {
  const schema = z.object({ P: portField() });
  expect(schema.parse({ P: '22' })).toEqual({ P: 22 });
});
