import { StringDecoder } from 'node:string_decoder';
import { findPagerPrompt } from './pager';
import { type PromptAnswer } from './profiles/platform-profile';
import { Redactor } from './redactor';
import { ScreenBuffer } from './screen-buffer';
import { Transcript, type TranscriptSnapshot } from './transcript';

/** Returned by {@link ShellChannel.waitFor} when its deadline passes first. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

/** How a {@link ShellChannel} talks to its transport and to observers. */
export interface ShellChannelOptions {
  /** Sends text to the device. */
  readonly write: (text: string) => void;
  readonly secrets: readonly (string | undefined)[];
  readonly transcriptMaxBytes: number;
  readonly onLine: ((line: string) => void) | undefined;
  /** The platform's own pager prompts (the generic ones are always on). */
  readonly pagers: readonly PromptAnswer[];
}

interface Waiter {
  readonly check: () => boolean;
  readonly timer: NodeJS.Timeout;
  readonly settle: (outcome: 'matched' | 'timeout' | Error) => void;
}

/**
 * The receiving side of an interactive shell: decodes UTF-8 across reads, keeps the screen
 * (see {@link ScreenBuffer}), answers pager prompts wherever they appear, records the
 * redacted transcript and live line tap, and lets one caller at a time wait, with a deadline,
 * for a condition on the screen. Once failed (drop, abort), every wait rejects at once.
 */
export class ShellChannel {
  readonly screen = new ScreenBuffer();
  private readonly decoder = new StringDecoder('utf8');
  private readonly redactor: Redactor;
  private readonly transcriptLog: Transcript;
  private tapPending = '';
  private waiter: Waiter | undefined;
  private failure: Error | undefined;
  private finished = false;

  constructor(private readonly options: ShellChannelOptions) {
    this.redactor = new Redactor(options.secrets);
    this.transcriptLog = new Transcript(options.transcriptMaxBytes);
  }

  /** The error the channel failed with, if it has. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** Redacts a string with this session's secrets. */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  /** Sends text to the device. */
  send(text: string): void {
    if (this.failure !== undefined) throw this.failure;
    this.options.write(text);
  }

  /** Feeds data received from the device. */
  receive(data: Buffer | string): void {
    if (this.finished) return;
    const text = typeof data === 'string' ? data : this.decoder.write(data);
    this.record(this.screen.write(text));
    const pager = findPagerPrompt(this.screen.partial, this.options.pagers);
    if (pager !== undefined && this.failure === undefined) {
      this.screen.clearPartial();
      this.options.write(pager.answer + (pager.newline ? '\n' : ''));
    }
    this.poke();
  }

  /**
   * Resolves `true` once `check()` holds (tested now and after each read), or `TIMED_OUT`
   * when `timeoutMs` passes first. Rejects if the channel fails meanwhile.
   */
  waitFor(check: () => boolean, timeoutMs: number): Promise<true | typeof TIMED_OUT> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.waiter !== undefined)
      return Promise.reject(new Error('ShellChannel: concurrent wait'));
    if (check()) return Promise.resolve(true);
    return new Promise((resolve, reject) => {
      const settle = (outcome: 'matched' | 'timeout' | Error): void => {
        clearTimeout(timer);
        this.waiter = undefined;
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome === 'matched' ? true : TIMED_OUT);
      };
      const timer = setTimeout(() => settle('timeout'), Math.max(0, timeoutMs));
      this.waiter = { check, timer, settle };
    });
  }

  /** Fails the channel: the current and every later wait rejects with `error`. */
  fail(error: Error): void {
    if (this.failure === undefined) this.failure = error;
    this.waiter?.settle(this.failure);
  }

  /** Ends recording: flushes held-back text into the transcript and the tap. */
  finish(): void {
    if (this.finished) return;
    this.record(this.screen.write(this.decoder.end()));
    this.record(this.screen.flush());
    this.finished = true;
    this.emit(this.redactor.flush());
    if (this.tapPending !== '') this.tap(this.tapPending);
    this.tapPending = '';
  }

  /** The redacted, capped transcript. */
  transcript(): TranscriptSnapshot {
    return this.transcriptLog.snapshot();
  }

  private poke(): void {
    const waiter = this.waiter;
    if (waiter === undefined) return;
    let ok: boolean;
    try {
      ok = waiter.check();
    } catch (error) {
      waiter.settle(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (ok) waiter.settle('matched');
  }

  private record(committed: string): void {
    if (committed === '') return;
    this.emit(this.redactor.push(committed));
  }

  private emit(safe: string): void {
    if (safe === '') return;
    this.transcriptLog.append(safe);
    if (this.options.onLine === undefined) return;
    const parts = (this.tapPending + safe).split('\n');
    this.tapPending = parts.pop() ?? '';
    for (const line of parts) this.tap(line);
  }

  private tap(line: string): void {
    try {
      this.options.onLine?.(line);
    } catch {
      // A faulty observer must not break the session.
    }
  }
}
