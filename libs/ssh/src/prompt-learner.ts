import { learnPrompt, type LearnedPrompt } from './prompt-matcher';
import { type PlatformProfile } from './profiles/platform-profile';

/** What the login phase should do next. */
export type LearnStep =
  | { readonly kind: 'wait' }
  | { readonly kind: 'send'; readonly text: string; readonly secret: boolean }
  | { readonly kind: 'learned'; readonly prompt: LearnedPrompt }
  | { readonly kind: 'auth_failed'; readonly reason: string };

/** The screen as the learner sees it. */
export interface LoginScreen {
  /** The unterminated last line. */
  readonly partial: string;
  /** Lines completed so far. */
  readonly lineCount: number;
}

/** In-band login questions (devices that authenticate inside the shell after SSH `none`). */
const USERNAME_QUESTION = /^(?:User ?[Nn]ame|Username|[Ll]ogin):$/;
const PASSWORD_QUESTION = /^(?:[Pp]assword|PASSCODE|Passcode):$/;

const WAIT: LearnStep = { kind: 'wait' };
const NEWLINE: LearnStep = { kind: 'send', text: '\n', secret: false };

/**
 * Learns the prompt at login without trusting the first thing that looks like one.
 *
 * A candidate is an unterminated line that matches the platform's prompt pattern. Banners
 * can fake one (a banner line ending in `#` split from its newline by a read boundary), so a
 * candidate is only believed when, after sending Enter and seeing a new line start, the next
 * candidate is the very same text: a banner line is never repeated, a prompt always is.
 * In-band `Username:`/`Password:` questions are answered once each; a second `Password:`
 * means the credentials were refused.
 */
export class PromptLearner {
  private candidate: LearnedPrompt | undefined;
  private linesAtSend = -1;
  private sentUsername = false;
  private sentPassword = false;

  constructor(
    private readonly profile: PlatformProfile,
    private readonly credentials: { readonly username: string; readonly password?: string },
  ) {}

  /** Called whenever new output arrived. */
  observe(screen: LoginScreen): LearnStep {
    const line = screen.partial.trimEnd();
    if (USERNAME_QUESTION.test(line)) return this.answerUsername(screen);
    if (PASSWORD_QUESTION.test(line)) return this.answerPassword(screen);
    const found = learnPrompt(this.profile, line);
    if (found === undefined) return WAIT;
    if (this.candidate !== undefined && screen.lineCount <= this.linesAtSend) return WAIT;
    if (this.candidate?.line === found.line) return { kind: 'learned', prompt: found };
    this.candidate = found;
    this.linesAtSend = screen.lineCount;
    return NEWLINE;
  }

  /** Called when the device has been silent for a while without a prompt: press Enter. */
  nudge(screen: LoginScreen): LearnStep {
    if (this.candidate === undefined) return NEWLINE;
    this.linesAtSend = Math.min(this.linesAtSend, screen.lineCount);
    return NEWLINE;
  }

  private answerUsername(screen: LoginScreen): LearnStep {
    if (this.sentUsername && screen.lineCount <= this.linesAtSend) return WAIT;
    if (this.sentUsername)
      return { kind: 'auth_failed', reason: 'the device asked for the username again' };
    this.sentUsername = true;
    this.linesAtSend = screen.lineCount;
    return { kind: 'send', text: `${this.credentials.username}\n`, secret: false };
  }

  private answerPassword(screen: LoginScreen): LearnStep {
    if (this.sentPassword && screen.lineCount <= this.linesAtSend) return WAIT;
    if (this.sentPassword || this.credentials.password === undefined) {
      return { kind: 'auth_failed', reason: 'the device refused the in-band password' };
    }
    this.sentPassword = true;
    this.linesAtSend = screen.lineCount;
    return { kind: 'send', text: `${this.credentials.password}\n`, secret: true };
  }
}
