import { type Platform } from '@fleetpush/domain';
import { CliDriver } from '../cli-driver';
import { CliOperations } from '../cli-operations';
import { ConfigLineError } from '../errors';
import { profileFor } from '../profiles/profile-registry';
import { ShellChannel } from '../shell-channel';

/** One step replayed after login. */
export type FixtureStep =
  | { readonly exec: string; readonly output: string; readonly rejected?: string }
  | {
      readonly configure: readonly string[];
      /** Expected rejection: the failing line and the matched response line. */
      readonly rejectedLine?: string;
      readonly matched?: string;
    }
  | { readonly save: true; readonly output: string }
  | { readonly commit: string; readonly output?: string; readonly matched?: string };

/**
 * A recorded conversation with a device: what it printed at login and what it answered to
 * each thing typed. Fixtures live in `src/profiles/__fixtures__/` (one per quirk).
 */
export interface ConversationFixture {
  readonly platform: Platform;
  readonly quirk: string;
  readonly greeting: string;
  /**
   * Input typed by the client -> the device's answers, used in order (the last one repeats).
   * A key `previous|input` answers `input` only right after `previous` (an Enter that answers
   * a question rather than asking for a prompt).
   */
  readonly replies: Readonly<Record<string, readonly string[]>>;
  readonly password?: string;
  readonly enableSecret?: string;
  readonly expectPrompt: string;
  readonly steps?: readonly FixtureStep[];
}

/** How a replay cuts the device's output into reads. */
export type Splitter = (text: string) => string[];

/** The result of a replay. */
export interface ReplayResult {
  readonly prompt: string;
  readonly outputs: unknown[];
  readonly typed: string[];
  readonly transcript: string;
}

const TIMEOUT_MS = 2_000;

/**
 * Replays a fixture through the real CLI logic (screen, pager, prompt learning, framing,
 * error matching, config workflows), with a scripted device that answers asynchronously
 * in the chunks `split` makes.
 */
export async function replay(fixture: ConversationFixture, split: Splitter): Promise<ReplayResult> {
  const profile = profileFor(fixture.platform);
  const typed: string[] = [];
  const used = new Map<string, number>();
  let feed: Promise<void> = Promise.resolve();
  const deliver = (text: string): void => {
    for (const chunk of split(toWire(text))) {
      feed = feed.then(
        () =>
          new Promise<void>((r) =>
            setImmediate(() => (channel.receive(Buffer.from(chunk, 'latin1')), r())),
          ),
      );
    }
  };
  const channel = new ShellChannel({
    write: (text) => {
      const key =
        `${typed.at(-1) ?? ''}|${text}` in fixture.replies ? `${typed.at(-1) ?? ''}|${text}` : text;
      typed.push(text);
      const answers = fixture.replies[key];
      if (answers === undefined) return;
      const n = used.get(key) ?? 0;
      used.set(key, n + 1);
      deliver(answers[Math.min(n, answers.length - 1)] ?? '');
    },
    secrets: [fixture.password, fixture.enableSecret],
    transcriptMaxBytes: 1 << 20,
    onLine: undefined,
    pagers: profile.pagerPrompts,
  });
  const driver = new CliDriver(channel, profile);
  const ops = new CliOperations(driver, profile, (t) => channel.redact(t), fixture.password);
  deliver(fixture.greeting);
  const learned = await driver.learn(Date.now() + TIMEOUT_MS, {
    username: 'admin',
    password: fixture.password,
  });
  await ops.enableIfNeeded(fixture.enableSecret, TIMEOUT_MS);
  await ops.disablePaging(TIMEOUT_MS);
  const outputs: unknown[] = [];
  for (const step of fixture.steps ?? []) outputs.push(await runStep(ops, step));
  channel.finish();
  return { prompt: learned.line, outputs, typed, transcript: channel.transcript().text };
}

async function runStep(ops: CliOperations, step: FixtureStep): Promise<unknown> {
  const timeouts = { commandMs: TIMEOUT_MS, commitMs: TIMEOUT_MS };
  try {
    if ('exec' in step) return await ops.exec(step.exec, TIMEOUT_MS);
    if ('configure' in step) return await ops.configure(step.configure, timeouts, () => undefined);
    if ('save' in step) return await ops.save(timeouts);
    return await ops.commit(step.commit, timeouts);
  } catch (error) {
    if (error instanceof ConfigLineError)
      return { rejectedLine: error.line, matched: error.matchedText };
    throw error;
  }
}

/** Latin-1 round-trips every char code < 256, which is all fixtures use (UTF-8 is encoded first). */
export function toWire(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}
